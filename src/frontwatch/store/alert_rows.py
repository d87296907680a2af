"""Alerts as raised, in the store (migration 0007): their last version, state and digest."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Engine

from frontwatch.errors import StoreError
from frontwatch.store.schema import alerts

__all__ = ["ALERT_STATES", "raised_alerts", "save_alert", "set_alert_state"]

ALERT_STATES = ("open", "acknowledged", "closed")


def raised_alerts(engine: Engine) -> dict[str, dict[str, Any]]:
    """Every alert raised so far, by id: ``state``, ``digest``, ``record``, times."""
    with engine.connect() as connection:
        return {row.alert_id: dict(row._mapping) for row in connection.execute(select(alerts))}


def save_alert(engine: Engine, record: dict[str, Any], digest: str, state: str) -> None:
    """Insert or update one alert's row."""
    now = dt.datetime.now(dt.UTC)
    with engine.begin() as connection:
        known = connection.execute(select(alerts.c.alert_id).where(
            alerts.c.alert_id == record["alert_id"])).first()
        if known is None:
            connection.execute(insert(alerts).values(
                alert_id=record["alert_id"], kind=record["kind"], state=state, digest=digest,
                record=record, raised_at=now, updated_at=now))
        else:
            connection.execute(update(alerts).where(alerts.c.alert_id == record["alert_id"])
                               .values(state=state, digest=digest, record=record,
                                       updated_at=now))


def set_alert_state(engine: Engine, alert_id: str, state: str) -> None:
    """An analyst's acknowledgement or closing of an alert (``ALERT_STATES``)."""
    if state not in ALERT_STATES:
        raise StoreError(f"{state!r} is not an alert state ({', '.join(ALERT_STATES)})",
                         source=alert_id)
    with engine.begin() as connection:
        done = connection.execute(update(alerts).where(alerts.c.alert_id == alert_id).values(
            state=state, updated_at=dt.datetime.now(dt.UTC)))
        if done.rowcount == 0:
            raise StoreError("no such alert", source=alert_id)
