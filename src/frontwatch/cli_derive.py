"""``frontwatch control`` and ``frontwatch alerts``: what the store's evidence says on a day
(issue #6), as JSON lines."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from frontwatch import pipeline
from frontwatch.cli_store import DB_HELP, _date
from frontwatch.errors import FrontwatchError
from frontwatch.jobs import situation
from frontwatch.store import DEFAULT_URL, Store

__all__ = ["alerts_command", "control_command"]

AT_HELP = "The day (YYYY-MM-DD); default: the day of the newest evidence in the store."


def _line(kind: str, record: dict[str, Any]) -> str:
    return json.dumps({"type": kind, **record}, ensure_ascii=False, default=str)


def _situation(db: str, at: str | None):  # type: ignore[no-untyped-def]
    gazetteer = pipeline.default_gazetteer(lambda message: click.echo(message, err=True))
    with Store(db) as store:
        return situation(store, _date(at, "--at"), gazetteer)


@click.command("control")
@click.option("--db", default=DEFAULT_URL, show_default=True, help=DB_HELP)
@click.option("--at", help=AT_HELP)
@click.option("--format", "output_format", type=click.Choice(["jsonl"]), default="jsonl",
              show_default=True)
def control_command(db: str, at: str | None, output_format: str) -> None:
    """Who holds each place and the state of each road on a day, and the sieges under way,
    each with its evidence: one JSON line each ("type": control, road or siege)."""
    try:
        found = _situation(db, at)
    except FrontwatchError as exc:
        click.echo(f"error [{exc.code}]: {exc.describe()}", err=True)
        sys.exit(1)
    for fact in found.control:
        click.echo(_line("control", {"at": found.day.isoformat(), **fact.to_dict()}))
    for road in found.roads:
        click.echo(_line("road", {"at": found.day.isoformat(), **road.to_dict()}))
    for siege in found.sieges:
        click.echo(_line("siege", {"at": found.day.isoformat(), **siege.to_dict()}))


@click.command("alerts")
@click.option("--db", default=DEFAULT_URL, show_default=True, help=DB_HELP)
@click.option("--at", help=AT_HELP)
@click.option("--format", "output_format", type=click.Choice(["jsonl"]), default="jsonl",
              show_default=True)
def alerts_command(db: str, at: str | None, output_format: str) -> None:
    """Civilian-protection alerts (atrocity risk, humanitarian, siege started or ended), each
    with its severity, the reasons for it, quotes and the report's doubts: one JSON line each."""
    try:
        found = _situation(db, at)
    except FrontwatchError as exc:
        click.echo(f"error [{exc.code}]: {exc.describe()}", err=True)
        sys.exit(1)
    for alert in found.alerts:
        click.echo(_line("alert", alert.to_dict()))
