"""A readable terminal table of events (rich), for people at a terminal and the demo."""

from __future__ import annotations

from collections.abc import Sequence

from frontwatch.records import Event

__all__ = ["print_events"]

#: Columns from which the evidence sentence fits beside the other fields.
WIDE = 160


def print_events(events: Sequence[Event], title: str = "frontwatch events") -> None:
    """Print ``events`` as a table: date, type, actors, place, deaths, certainty, evidence."""
    from rich.console import Console
    from rich.table import Table

    console = Console()
    if not console.is_terminal:
        console = Console(width=WIDE)  # logs and pipes: the full table, not 80 columns
    with_evidence = console.width >= WIDE
    table = Table(title=f"{title} ({len(events)})", show_lines=True, expand=True)
    columns = [("date", "cyan"), ("sub-event type", "bold"), ("actors", ""),
               ("location", "green"), ("deaths", "red"), ("certainty", "")]
    if with_evidence:
        columns.append(("evidence", "dim"))
    for column, style in columns:
        table.add_column(column, style=style or None, overflow="fold")
    for event in events:
        actors = event.actor1 + (f" + {event.assoc_actor_1}" if event.assoc_actor_1 else "")
        if event.actor2:
            actors += f"\nvs {event.actor2}"
        if event.assoc_actor_2:
            actors += f" + {event.assoc_actor_2}"
        place = f"{event.location or '?'} ({event.country or '?'}) p{event.geo_precision or '-'}"
        date = event.event_date.isoformat() + (
            f"\n→{event.event_date_end.isoformat()}" if event.event_date_end else "")
        sentence = event.evidence[0].sentence if event.evidence else ""
        cells = [date, event.sub_event_type, actors, place, str(event.fatalities),
                 event.certainty]
        if with_evidence:
            cells.append(sentence[:220])
        table.add_row(*cells)
    console.print(table)
