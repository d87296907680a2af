"""``frontwatch batch``: an archive into Parquet tables, on local processes or Spark."""

from __future__ import annotations

import json
import os

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from frontwatch import pipeline
from frontwatch.batch import ENGINES, FORMATS, BatchReport, describe, run_batch
from frontwatch.batch.inputs import DEFAULT_PARTITION_ROWS, Partition
from frontwatch.batch.partition import PartitionResult

__all__ = ["batch_command"]


def _conf(values: tuple[str, ...]) -> dict[str, str]:
    conf = {}
    for value in values:
        key, sep, setting = value.partition("=")
        if not sep or not key:
            raise click.BadParameter(f"{value!r} is not KEY=VALUE", param_hint="--conf")
        conf[key] = setting
    return conf


@click.command("batch")
@click.argument("source", metavar="INPUT")
@click.option("--out", required=True, type=click.Path(file_okay=False),
              help="Folder of the Parquet tables (documents, events, mentions, claims, failures).")
@click.option("--engine", type=click.Choice(ENGINES), default="local", show_default=True)
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="parquet",
              show_default=True, help="Write the tables as Parquet or as JSON Lines.")
@click.option("--workers", type=click.IntRange(min=1), default=os.cpu_count() or 1,
              show_default="one per core",
              help="Worker processes (local), or N of local[N] (spark without a cluster).")
@click.option("--partition-rows", type=click.IntRange(min=1), default=DEFAULT_PARTITION_ROWS,
              show_default=True, help="Documents per partition (the unit of resuming).")
@click.option("--db", help="Also load the results into this store (sqlite:///... or "
                           "postgresql+psycopg://...).")
@click.option("--conf", "conf", multiple=True, metavar="KEY=VALUE",
              help="A Spark setting (spark engine; repeatable).")
def batch_command(source: str, out: str, engine: str, output_format: str, workers: int,
                  partition_rows: int, db: str | None, conf: tuple[str, ...]) -> None:
    """Every document of INPUT (JSONL, JSONL.gz, Parquet, or a folder of them) → Parquet (or
    JSONL) tables under --out. A re-run skips the partitions finished before; a bad document is a
    row of failures, never a failed run. Prints a summary as JSON."""
    console = Console(stderr=True)
    pipeline.default_gazetteer(lambda message: console.print(message))  # built once, here
    report = _run(source, out, engine, workers, partition_rows, db, _conf(conf), console,
                  output_format)
    click.echo(json.dumps(describe(report)))


def _run(source: str, out: str, engine: str, workers: int, partition_rows: int,
         db: str | None, conf: dict[str, str], console: Console,
         output_format: str) -> BatchReport:
    bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                   TextColumn("{task.fields[documents]} documents"), TimeRemainingColumn(),
                   console=console, disable=engine == "spark")
    task = bar.add_task("partitions", total=None, documents=0)

    def planned(partitions: list[Partition], done: int) -> None:
        console.print(f"{len(partitions)} partitions, {done} finished before")
        bar.update(task, total=len(partitions), completed=done)
        bar.start()  # once the plan is known: a refused input shows no empty bar

    def advanced(result: PartitionResult, total: int) -> None:
        documents = bar.tasks[task].fields["documents"] + result.documents
        bar.update(task, advance=1, documents=documents)

    try:
        return run_batch(source, out, engine=engine, workers=workers,
                         partition_rows=partition_rows, db=db, spark_conf=conf,
                         output_format=output_format, progress=advanced, on_plan=planned)
    finally:
        bar.stop()
