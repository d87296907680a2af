"""``frontwatch control`` and ``frontwatch alerts``: what the store's evidence says on a day
(issue #6), as JSON lines."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from frontwatch import pipeline
from frontwatch.alerting import atom_feed, deliver, record_alerts
from frontwatch.cli_store import DB_HELP, _date
from frontwatch.errors import FrontwatchError
from frontwatch.jobs import situation
from frontwatch.records import Failure
from frontwatch.settings import get_settings
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
@click.option("--at", help=AT_HELP + " A past day only shows; it raises nothing.")
@click.option("--format", "output_format", type=click.Choice(["jsonl", "atom"]), default="jsonl",
              show_default=True, help="JSON lines, or an Atom feed.")
@click.option("--webhook", "webhooks", multiple=True,
              help="A URL to POST raised and updated alerts to (besides FRONTWATCH_WEBHOOK_URLS).")
@click.option("--ack", "acknowledge", metavar="ALERT_ID", help="Acknowledge an alert and exit.")
@click.option("--close", metavar="ALERT_ID", help="Close an alert and exit.")
@click.option("--reopen", metavar="ALERT_ID", help="Open a closed alert again and exit.")
def alerts_command(db: str, at: str | None, output_format: str, webhooks: tuple[str, ...],
                   acknowledge: str | None, close: str | None, reopen: str | None) -> None:
    """Civilian-protection alerts (atrocity risk, humanitarian, siege started or ended,
    escalation), each with its severity, the reasons for it, quotes and the report's doubts.
    Without --at, new and changed alerts are recorded in the store and sent to the webhooks;
    one JSON line per alert, or an Atom feed."""
    try:
        for alert_id, state in ((acknowledge, "acknowledged"), (close, "closed"),
                                (reopen, "open")):
            if alert_id:
                with Store(db) as store:
                    store.set_alert_state(alert_id, state)
                click.echo(f"{alert_id}: {state}", err=True)
                return
        found = _situation(db, at)
        alerts = list(found.alerts)
        if at is None:
            urls = [*webhooks, *(url.strip() for url in get_settings().webhook_urls.split(",")
                                 if url.strip())]
            with Store(db) as store:
                alerts, changes = record_alerts(store, alerts)
                for error in deliver(changes, urls):
                    store.add_failure(Failure(error.source or "", error.code, error.message))
                    click.echo(f"error [{error.code}]: {error.describe()}", err=True)
    except FrontwatchError as exc:
        click.echo(f"error [{exc.code}]: {exc.describe()}", err=True)
        sys.exit(1)
    if output_format == "atom":
        click.echo(atom_feed(alerts))
        return
    for alert in alerts:
        click.echo(_line("alert", alert.to_dict()))
