"""``frontwatch eval case|places|events|fusion|control GOLD``: the command-line face of the scorers."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Mapping
from pathlib import Path

import click

from frontwatch import pipeline
from frontwatch.errors import FrontwatchError
from frontwatch.eval.case import score_case
from frontwatch.eval.control import CATEGORIES, score_control
from frontwatch.eval.events import score_events
from frontwatch.eval.fusion import score_fusion
from frontwatch.eval.places import score_places
from frontwatch.ingest import make_document
from frontwatch.records import Event, PlaceRef

__all__ = ["eval_group"]


def _print_json(summary: Mapping[str, object]) -> None:
    click.echo(json.dumps(summary, sort_keys=True))


@click.group("eval")
def eval_group() -> None:
    """Score frontwatch on a gold file (formats in ARCHITECTURE.md)."""


@eval_group.command("case")
@click.argument("gold", type=click.Path(path_type=Path))
@click.option("--labels", type=click.Path(path_type=Path),
              help="CASE code → ACLED name TSV [default: case_labels.tsv beside GOLD].")
@click.option("--json", "as_json", is_flag=True, help="Print only the summary as JSON.")
def eval_case(gold: Path, labels: Path | None, as_json: bool) -> None:
    """Snippet classification: weighted and macro F1, per-class table, confusions."""
    gazetteer = pipeline.default_gazetteer(lambda message: click.echo(message, err=True))

    def classify(text: str) -> str:
        try:
            return pipeline.classify(text, gazetteer)
        except FrontwatchError:
            return "none"

    report = score_case(gold, labels or gold.with_name("case_labels.tsv"), classify)
    if as_json:
        _print_json(report.summary())
        return
    click.echo(f"{'class':42} {'P':>6} {'R':>6} {'F1':>6} {'n':>4}")
    for score in report.classes:
        click.echo(f"{score.label:42} {score.precision:6.2f} {score.recall:6.2f} "
                   f"{score.f1:6.2f} {score.support:4d}")
    click.echo("\nmost frequent confusions (gold → predicted):")
    for gold_label, predicted, count in report.confusions:
        click.echo(f"  {count:3d}  {gold_label} → {predicted}")
    click.echo(f"\nsnippets scored: {report.total} (skipped: {report.skipped})")
    click.echo(f"weighted F1: {report.weighted_f1:.4f}   macro F1: {report.macro_f1:.4f}   "
               f"accuracy: {report.accuracy:.4f}")
    click.echo(f"ACLED-typed snippets, weighted F1: {report.acled_weighted_f1:.4f}   "
               f"non-ACLED snippets answered none: {report.none_recall:.4f}")


@eval_group.command("places")
@click.argument("gold", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print only the summary as JSON.")
@click.option("--misses", is_flag=True, help="List the rows missed.")
def eval_places(gold: Path, as_json: bool, misses: bool) -> None:
    """Place recognition and resolution: hit@10km."""
    gazetteer = pipeline.default_gazetteer(lambda message: click.echo(message, err=True))

    def find(text: str, published: dt.date | None) -> list[PlaceRef]:
        try:
            document = make_document(text, source="gold", published=published)
            return list(pipeline.analyse(document, gazetteer).places.places)
        except FrontwatchError:
            return []

    report = score_places(gold, find)
    if as_json:
        _print_json(report.summary())
        return
    if misses:
        for miss in report.misses:
            click.echo(json.dumps(miss, ensure_ascii=False))
    summary = report.summary()
    click.echo(f"rows: {report.total}   with any resolved place: {report.resolved_any}   "
               f"median nearest distance: {summary['median_nearest_km']} km")
    click.echo(f"hit@10km: {report.hit_rate:.4f} ({report.hits}/{report.total})")


@eval_group.command("events")
@click.argument("gold", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print only the summary as JSON.")
@click.option("--errors", is_flag=True, help="List missed, spurious and misplaced events.")
def eval_events(gold: Path, as_json: bool, errors: bool) -> None:
    """Event extraction: P/R/F1 on type + date + place matches, per-field accuracy."""
    gazetteer = pipeline.default_gazetteer(lambda message: click.echo(message, err=True))

    def extract(text: str, published: dt.date | None, publisher: str | None) -> list[Event]:
        try:
            document = make_document(text, source="gold", published=published,
                                     publisher=publisher)
            return pipeline.extract(document, gazetteer)
        except FrontwatchError:
            return []

    report = score_events(gold, extract)
    if as_json:
        _print_json(report.summary())
        return
    if errors:
        for line in report.missed:
            click.echo(f"missed    {line}")
        for line in report.spurious:
            click.echo(f"spurious  {line}")
        for line in report.misplaced:
            click.echo(f"misplaced {line}")
    click.echo(f"gold events: {report.gold}   predicted: {report.predicted}   "
               f"matched: {report.matched}")
    click.echo(f"precision: {report.precision:.4f}   recall: {report.recall:.4f}   "
               f"F1: {report.f1:.4f}")
    click.echo("field accuracy on matched events: " + ", ".join(
        f"{name} {value:.2f}" for name, value in report.field_accuracy().items()))
    click.echo(f"event location (type and date matched, {report.type_date_matched}): "
               f"{report.location_accuracy:.4f} within the gold's km tolerance")
    sys.stdout.flush()


@eval_group.command("fusion")
@click.argument("gold", type=click.Path(path_type=Path))
@click.option("--errors", is_flag=True, help="List the pairs split or merged wrongly.")
@click.option("--json", "as_json", is_flag=True, help="Print only the summary as JSON.")
def eval_fusion(gold: Path, errors: bool, as_json: bool) -> None:
    """Fusion across reports: pairwise precision, recall and F1 of "tells the same event"."""
    gazetteer = pipeline.default_gazetteer(lambda message: click.echo(message, err=True))
    report = score_fusion(gold, gazetteer)
    if as_json:
        _print_json(report.summary())
        return
    if errors:
        for one, other in report.split:
            click.echo(f"split   {one} {other}")
        for one, other in report.merged:
            click.echo(f"merged  {one} {other}")
    click.echo(f"reports: {report.reports}   gold clusters: {report.clusters}")
    click.echo(f"pairwise precision: {report.precision:.4f}   recall: {report.recall:.4f}   "
               f"F1: {report.f1:.4f}   (reports' lead events)")
    if report.any_event:
        loose = report.any_event
        click.echo(f"any shared event:   precision: {loose.precision:.4f}   "
                   f"recall: {loose.recall:.4f}   F1: {loose.f1:.4f}")


@eval_group.command("control")
@click.argument("gold", type=click.Path(path_type=Path))
@click.option("--errors", is_flag=True, help="List what was missed and what was spurious.")
@click.option("--json", "as_json", is_flag=True, help="Print only the summary as JSON.")
def eval_control(gold: Path, errors: bool, as_json: bool) -> None:
    """Control, roads, sieges and alerts derived from scenarios of reports (issue #6)."""
    gazetteer = pipeline.default_gazetteer(lambda message: click.echo(message, err=True))
    report = score_control(gold, gazetteer)
    summary = report.summary()
    if as_json:
        _print_json(summary)
        return
    if errors:
        for line in report.errors:
            click.echo(line)
    click.echo(f"scenarios: {report.scenarios}")
    for name in CATEGORIES:
        click.echo(f"{name:8} precision: {summary[name + '_precision']:.4f}   "
                   f"recall: {summary[name + '_recall']:.4f}   F1: {summary[name + '_f1']:.4f}")
    click.echo(f"all      precision: {summary['precision']:.4f}   recall: {summary['recall']:.4f}"
               f"   F1: {summary['f1']:.4f}")
