"""``frontwatch gazetteer load``: GeoNames dumps, GeoNames alternate names and OCHA P-code CSVs
into the user's layer, with a progress bar on stderr."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

from frontwatch import pipeline
from frontwatch.errors import FrontwatchError
from frontwatch.resolve.boundaries import DEFAULT_TOLERANCE, load_boundaries
from frontwatch.resolve.gazetteer import Gazetteer, LayeredGazetteer
from frontwatch.resolve.gazetteer_load import FORMATS, LoadReport, detect_format, load
from frontwatch.settings import admin1_boundaries, get_settings, user_gazetteer

__all__ = ["boundaries_group", "gazetteer_group"]


@click.group("gazetteer")
def gazetteer_group() -> None:
    """Load the gazetteers users download beside the packaged one."""


def _packaged() -> Gazetteer:
    """The packaged index alone (built on first use), without the user's layer over it."""
    gazetteer = pipeline.default_gazetteer(lambda message: click.echo(message, err=True))
    return gazetteer.layers[0] if isinstance(gazetteer, LayeredGazetteer) else gazetteer


def _summary(report: LoadReport, target: Path) -> str:
    if report.format == "alternates":
        done = (f"{report.written:,} names added, places copied from the packaged index: "
                f"{report.copied:,}, rows of unknown ids: {report.unknown:,}")
    else:
        done = f"{report.written:,} places written"
    return (f"{report.source}: {report.format}, {report.rows:,} rows, {done}, "
            f"{report.skipped:,} skipped → {target}")


def _load(path: Path, target: Path, file_format: str, packaged: Gazetteer | None) -> LoadReport:
    """``load`` with a progress bar on stderr: bytes read of the input (a zip: its data file's
    uncompressed bytes), rows read and places written. Where stderr is not a terminal (a log,
    a test runner) rich draws no animation, only the final state."""
    unit = "names added" if file_format == "alternates" else "places written"
    columns = (TextColumn("{task.description}"), BarColumn(), DownloadColumn(),
               TextColumn("{task.fields[rows]:,} rows, {task.fields[written]:,} " + unit),
               TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True)) as bar:
        task = bar.add_task(path.name, total=None, rows=0, written=0)

        def update(report: LoadReport) -> None:
            bar.update(task, total=report.size or None, completed=report.position,
                       rows=report.rows, written=report.written)

        return load(path, target, file_format, update, packaged)


@gazetteer_group.command("load")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "file_format", type=click.Choice(list(FORMATS)),
              help="The file's format; detected from its name (alternateNames*) or first line "
                   "when left out.")
@click.option("--into", type=click.Path(dir_okay=False, path_type=Path),
              help="The layer to write (default: FRONTWATCH_USER_GAZETTEER_PATH, or "
                   "gazetteer-user.sqlite in the cache directory).")
def load_command(path: Path, file_format: str | None, into: Path | None) -> None:
    """Load a GeoNames dump (allCountries.zip, XX.zip, citiesN.zip, .txt), GeoNames alternate
    names (alternateNamesV2.zip, alternateNames.txt ...) or an OCHA P-code CSV.

    Alternate names go to GeoNames places of the layer, or of the packaged index (those places
    are copied into the layer); load them after the dumps. Loading the same file again replaces
    its places, or adds no name twice; it never adds copies."""
    target = into or user_gazetteer(get_settings())
    try:
        chosen = file_format or detect_format(path)
        packaged = _packaged() if chosen == "alternates" else None
        report = _load(path, target, chosen, packaged)
    except FrontwatchError as exc:
        click.echo(f"error [{exc.code}]: {exc.describe()}", err=True)
        sys.exit(1)
    click.echo(_summary(report, target), err=True)


@click.group("boundaries")
def boundaries_group() -> None:
    """Province boundaries for the dashboard's map."""


@boundaries_group.command("load")
@click.argument("paths", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--tolerance", type=click.FloatRange(0, 1), default=DEFAULT_TOLERANCE,
              show_default=True, help="Simplification tolerance, degrees.")
def boundaries_load_command(paths: tuple[Path, ...], tolerance: float) -> None:
    """Load admin-1 (province) polygons from GeoJSON files — OCHA COD-AB, geoBoundaries ADM1 or
    Natural Earth admin-1 — into FRONTWATCH_BOUNDARIES_PATH (default: boundaries-admin1.geojson
    in the cache directory). A province loaded again is replaced."""
    target = admin1_boundaries(get_settings())
    failed = False
    for path in paths:
        try:
            report = load_boundaries(path, target, tolerance)
        except FrontwatchError as exc:
            click.echo(f"error [{exc.code}]: {exc.describe()}", err=True)
            failed = True
            continue
        click.echo(f"{report.source}: {report.loaded} provinces loaded, {report.skipped} "
                   f"features skipped; {report.total} provinces in {target}", err=True)
    if failed:
        sys.exit(1)
