"""``frontwatch ingest``, ``reprocess`` and ``events``: documents into the store, events out."""

from __future__ import annotations

import datetime as dt
import sys

import click

from frontwatch import pipeline
from frontwatch.errors import FrontwatchError
from frontwatch.export import FORMATS, write_events
from frontwatch.fuse.across import CrossReportFusion
from frontwatch.jobs import IngestReport, reprocess, watch
from frontwatch.jobs import ingest as ingest_paths
from frontwatch.store import DEFAULT_URL, RunCounts, Store
from frontwatch.store.event_query import parse_bbox

__all__ = ["events_command", "ingest_command", "reprocess_command"]

DB_HELP = f"Store URL (default {DEFAULT_URL}; postgresql+psycopg://... for PostgreSQL)."


def _date(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a YYYY-MM-DD date", param_hint=option) from None


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    try:
        return None if value is None else parse_bbox(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--bbox") from None


@click.command("ingest")
@click.argument("paths", nargs=-1)
@click.option("--db", default=DEFAULT_URL, show_default=True, help=DB_HELP)
@click.option("--published", help="Publication date (YYYY-MM-DD) for documents without one.")
@click.option("--publisher", help="Publisher for documents without one.")
@click.option("--watch", "watched", type=click.Path(file_okay=False, exists=True),
              help="Keep ingesting the files that appear in this folder (Ctrl-C stops).")
@click.option("--interval", default=5.0, show_default=True, help="Seconds between looks (--watch).")
def ingest_command(paths: tuple[str, ...], db: str, published: str | None,
                   publisher: str | None, watched: str | None, interval: float) -> None:
    """Files, folders, feeds and URLs → the store; the same document twice is stored once."""
    if not paths and not watched:
        raise click.UsageError("give PATH... or --watch DIR")
    gazetteer = pipeline.default_gazetteer(lambda message: click.echo(message, err=True))
    if watched:
        with Store(db, fusion=CrossReportFusion()) as store:
            try:
                watch(watched, store, interval=interval, gazetteer=gazetteer,
                      published=_date(published, "--published"), publisher=publisher,
                      progress=_watched)
            except KeyboardInterrupt:
                click.echo("stopped watching", err=True)
        return
    with Store(db, fusion=CrossReportFusion()) as store:
        report = ingest_paths(list(paths), store, published=_date(published, "--published"),
                              publisher=publisher, gazetteer=gazetteer,
                              command_line=" ".join(["ingest", *paths])[:200],
                              progress=_progress)
    counts = report.counts
    click.echo(f"\rrun {report.run_id}: {counts.documents_seen} documents read, "
               f"{counts.documents_stored} stored, {counts.duplicates} already stored, "
               f"{counts.events_stored} events, {counts.failures} failures → {db}", err=True)
    for failure in report.failures:
        where = f"{failure.source}:{failure.line}" if failure.line else failure.source
        click.echo(f"error [{failure.code}]: {where}: {failure.message}", err=True)
    if report.failures:
        sys.exit(1)


def _watched(report: IngestReport) -> None:
    counts = report.counts
    click.echo(f"run {report.run_id}: {counts.documents_stored} stored, {counts.events_stored} "
               f"events, {counts.failures} failures", err=True)


def _progress(counts: RunCounts) -> None:
    if sys.stderr.isatty():
        click.echo(f"\r{counts.documents_stored} stored, {counts.events_stored} events",
                   err=True, nl=False)


@click.command("events")
@click.option("--db", default=DEFAULT_URL, show_default=True, help=DB_HELP)
@click.option("--since", help="Events on or after this day (YYYY-MM-DD).")
@click.option("--until", help="Events on or before this day (YYYY-MM-DD).")
@click.option("--bbox", help="W,S,E,N in degrees.")
@click.option("--type", "sub_event_type", help="An ACLED sub-event type.")
@click.option("--actor", help="Part of an actor's name (either side).")
@click.option("--country", help="A country's name.")
@click.option("--q", "words", help="Words one of the event's documents holds "
              "(full-text search).")
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="jsonl",
              show_default=True)
def events_command(db: str, since: str | None, until: str | None, bbox: str | None,
                   sub_event_type: str | None, actor: str | None, country: str | None,
                   words: str | None, output_format: str) -> None:
    """Events from the store, filtered, as JSONL, CSV, ACLED CSV or GeoJSON."""
    try:
        with Store(db) as store:
            found = store.iter_events(_date(since, "--since"), _date(until, "--until"),
                                      _bbox(bbox), sub_event_type, actor, country, words)
            write_events(found, sys.stdout, output_format)
    except FrontwatchError as exc:
        click.echo(f"error [{exc.code}]: {exc.describe()}", err=True)
        sys.exit(1)


@click.command("reprocess")
@click.option("--db", default=DEFAULT_URL, show_default=True, help=DB_HELP)
def reprocess_command(db: str) -> None:
    """Analyse the stored documents again with this version's code; events keep their ids
    where the analysis finds the same."""
    gazetteer = pipeline.default_gazetteer(lambda message: click.echo(message, err=True))
    with Store(db, fusion=CrossReportFusion()) as store:
        report = reprocess(store, gazetteer=gazetteer)
    counts = report.counts
    click.echo(f"run {report.run_id}: {counts.documents_stored} documents analysed again, "
               f"{counts.events_stored} events, {counts.failures} failures → {db}", err=True)
    if report.failures:
        sys.exit(1)
