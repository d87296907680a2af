"""frontwatch command line: parses arguments, calls the library, prints. No business rules here.

Exit codes (ARCHITECTURE.md): 0 success, 1 bad input (message on stderr naming the input and the
reason; a batch goes on and lists its failures at the end), 2 usage errors.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TextIO

import click

from frontwatch import pipeline
from frontwatch.errors import FrontwatchError, InputError
from frontwatch.export import FORMATS, write_events
from frontwatch.ingest import read_documents
from frontwatch.records import Document, Event, Failure, PlaceRef

__all__ = ["main"]


def _error(message: str) -> None:
    click.echo(message, err=True)


def _report_failures(failures: Sequence[Failure]) -> None:
    if not failures:
        return
    _error(f"{len(failures)} input(s) failed:")
    for failure in failures:
        where = failure.source + (f":{failure.line}" if failure.line is not None else "")
        _error(f"error [{failure.code}]: {where}: {failure.message}")


def _stdin_text() -> str:
    data = sys.stdin.buffer.read()
    from frontwatch.ingest import decode_bytes

    return decode_bytes(data, "-")


def _documents(paths: Sequence[str], published: dt.date | None, publisher: str | None
               ) -> Iterator[Document | InputError]:
    for path in paths or ["-"]:
        stdin = None
        if path == "-":
            try:
                stdin = _stdin_text()
            except InputError as exc:
                yield exc
                continue
        yield from read_documents(path, published=published, publisher=publisher,
                                  stdin_text=stdin)


def _published(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a YYYY-MM-DD date",
                                 param_hint="--published") from None


@contextlib.contextmanager
def _opened(out: str | None) -> Iterator[TextIO]:
    """The --out file (closed afterwards), or stdout."""
    if not out:
        yield sys.stdout
        return
    try:
        stream = open(out, "w", encoding="utf-8")  # noqa: SIM115 (closed below)
    except OSError as exc:
        _error(f"error [ING001]: {out}: cannot write ({exc.strerror})")
        sys.exit(1)
    with stream:
        yield stream


def _finish(failures: Sequence[Failure]) -> None:
    """List the failures of a batch at its end; exit 1 when there were any."""
    _report_failures(failures)
    if failures:
        sys.exit(1)


def _progress(message: str) -> None:
    _error(message)


@click.group()
@click.version_option(package_name="frontwatch")
def main() -> None:
    """frontwatch: conflict reports in, ACLED-schema events out."""


@main.command()
@click.argument("paths", nargs=-1)
@click.option("--published", help="Publication date (YYYY-MM-DD) for documents without one.")
@click.option("--publisher", help="Publisher for documents without one.")
@click.option("--format", "output_format", type=click.Choice([*FORMATS, "table"]),
              default="jsonl", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False), help="Write here instead of stdout.")
def extract(paths: tuple[str, ...], published: str | None, publisher: str | None,
            output_format: str, out: str | None) -> None:
    """Documents (.txt, .html, .jsonl or - for stdin) → events, without a store."""
    gazetteer = pipeline.default_gazetteer(_progress)
    failures: list[Failure] = []
    events: list[Event] = []
    for outcome in pipeline.iter_analyses(_documents(paths, _published(published), publisher),
                                          "record", gazetteer):
        if isinstance(outcome, Failure):
            failures.append(outcome)
        else:
            events.extend(outcome.events)
    if output_format == "table":
        from frontwatch.table import print_events

        print_events(events)
    else:
        with _opened(out) as stream:
            write_events(events, stream, output_format)
    _finish(failures)


def _place_record(ref: PlaceRef, event_places: set[tuple[int, int]]) -> dict[str, object]:
    return {"doc_id": ref.doc_id, "text": ref.text, "start": ref.start, "end": ref.end,
            "name": ref.name, "latitude": ref.latitude, "longitude": ref.longitude,
            "country_code": ref.country_code, "admin1": ref.admin1, "feature": ref.feature,
            "gazetteer_id": ref.gazetteer_id, "role": ref.role,
            "is_event_location": (ref.start, ref.end) in event_places,
            "admin2": ref.admin2, "match": ref.match,
            "candidates": [dataclasses.asdict(candidate) for candidate in ref.candidates]}


@main.command()
@click.argument("paths", nargs=-1)
@click.option("--published", help="Publication date (YYYY-MM-DD) for documents without one.")
@click.option("--publisher", help="Publisher for documents without one.")
@click.option("--out", type=click.Path(dir_okay=False))
def places(paths: tuple[str, ...], published: str | None, publisher: str | None,
           out: str | None) -> None:
    """Documents → one JSON line per place mention (resolved or not)."""
    gazetteer = pipeline.default_gazetteer(_progress)
    failures: list[Failure] = []
    with _opened(out) as stream:
        for outcome in pipeline.iter_analyses(
                _documents(paths, _published(published), publisher), "record", gazetteer):
            if isinstance(outcome, Failure):
                failures.append(outcome)
                continue
            used = {(m.place.start, m.place.end) for m in outcome.mentions
                    if m.place is not None and m.place.doc_id == outcome.document.id}
            for ref in outcome.places.places:
                stream.write(json.dumps(_place_record(ref, used), ensure_ascii=False) + "\n")
    _finish(failures)


@main.command()
@click.argument("path", default="-")
@click.option("--out", type=click.Path(dir_okay=False))
def classify(path: str, out: str | None) -> None:
    """TSV id<TAB>text (header optional) → TSV id<TAB>sub_event_type (ACLED name or none)."""
    from frontwatch.eval.case import parse_snippets, read_snippets

    gazetteer = pipeline.default_gazetteer(_progress)
    failures: list[Failure] = []
    try:
        rows = parse_snippets(_stdin_text(), "-") if path == "-" else read_snippets(Path(path))
    except FrontwatchError as exc:
        _error(f"error [{exc.code}]: {exc.describe()}")
        sys.exit(1)
    with _opened(out) as stream:
        stream.write("id\tsub_event_type\n")
        for doc_id, text, _ in rows:
            try:
                label = pipeline.classify(text, gazetteer, doc_id=doc_id)
            except FrontwatchError as exc:
                failures.append(Failure(path, exc.code, f"row {doc_id}: {exc.message}"))
                label = "none"
            stream.write(f"{doc_id}\t{label}\n")
    _finish(failures)


from frontwatch.cli_api import serve_command, tokens_group, users_group  # noqa: E402
from frontwatch.cli_batch import batch_command  # noqa: E402
from frontwatch.cli_derive import alerts_command, control_command  # noqa: E402
from frontwatch.cli_eval import eval_group  # noqa: E402  (the eval commands live beside)
from frontwatch.cli_gazetteer import boundaries_group, gazetteer_group  # noqa: E402
from frontwatch.cli_store import (  # noqa: E402
    events_command,
    ingest_command,
    reprocess_command,
)

main.add_command(eval_group)
main.add_command(gazetteer_group)
main.add_command(boundaries_group)
main.add_command(ingest_command)
main.add_command(events_command)
main.add_command(reprocess_command)
main.add_command(control_command)
main.add_command(alerts_command)
main.add_command(serve_command)
main.add_command(users_group)
main.add_command(tokens_group)
main.add_command(batch_command)


def run() -> None:
    """Console-script entry point: library errors become clean messages and exit code 1."""
    try:
        main(standalone_mode=True)
    except FrontwatchError as exc:
        _error(f"error [{exc.code}]: {exc.describe()}")
        sys.exit(1)


if __name__ == "__main__":
    run()

