"""``frontwatch gazetteer load``: GeoNames dumps and OCHA P-code CSVs into the user's layer."""

from __future__ import annotations

from pathlib import Path

import click

from frontwatch.resolve.gazetteer_load import LoadReport, load
from frontwatch.settings import get_settings, user_gazetteer

__all__ = ["gazetteer_group"]


@click.group("gazetteer")
def gazetteer_group() -> None:
    """Load the gazetteers users download beside the packaged one."""


def _progress(report: LoadReport) -> None:
    click.echo(f"  {report.rows:,} rows read, {report.written:,} places written", err=True)


@gazetteer_group.command("load")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "file_format", type=click.Choice(["geonames", "ocha"]),
              help="The file's format; detected from its first line when left out.")
@click.option("--into", type=click.Path(dir_okay=False, path_type=Path),
              help="The layer to write (default: FRONTWATCH_USER_GAZETTEER_PATH, or "
                   "gazetteer-user.sqlite in the cache directory).")
def load_command(path: Path, file_format: str | None, into: Path | None) -> None:
    """Load a GeoNames dump (allCountries.zip, XX.zip, citiesN.zip, .txt) or an OCHA P-code CSV.

    Loading the same file again replaces its places; it never adds copies."""
    target = into or user_gazetteer(get_settings())
    report = load(path, target, file_format, _progress)
    click.echo(f"{report.source}: {report.format}, {report.rows:,} rows, {report.written:,} "
               f"places written, {report.skipped:,} skipped → {target}", err=True)
