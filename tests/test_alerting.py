"""Alerts raised once and updated as evidence grows, webhooks with retries (a server on
127.0.0.1), the Atom feed, and the ``alerts`` command's states (issue #6)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from click.testing import CliRunner

from frontwatch.alerting import atom_feed, deliver, record_alerts
from frontwatch.cli import main
from frontwatch.records import Alert, Evidence
from frontwatch.store import Store

QUOTE = Evidence("d1", "Residents fear mass executions.", 0, 31)
ALERT = Alert(alert_id="alr-1", kind="atrocity_risk", places=("al-Joura",),
              actors=("Islamic State (Syria)",), severity="high", reasons=("a named perpetrator",),
              population=100_000, first_seen=dt.date(2017, 1, 18), last_seen=dt.date(2017, 1, 18),
              quotes=(QUOTE,), certainty="feared")


class _Receiver(BaseHTTPRequestHandler):
    """Answers each path with the statuses queued for it (then 200), keeping the bodies."""

    statuses: ClassVar[dict[str, list[int]]] = {}
    bodies: ClassVar[list[dict]] = []

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        queued = self.statuses.get(self.path) or []
        status = queued.pop(0) if queued else 200
        if status == 200:
            self.bodies.append(json.loads(body))
        self.send_response(status)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def receiver() -> Iterator[str]:
    _Receiver.statuses, _Receiver.bodies = {}, []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Receiver)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_an_alert_is_raised_once_and_updated_as_evidence_grows(tmp_path: Path) -> None:
    with Store(f"sqlite:///{tmp_path / 'fw.db'}") as store:
        _, first = record_alerts(store, [ALERT])
        _, again = record_alerts(store, [ALERT])
        store.set_alert_state("alr-1", "acknowledged")
        grown = dataclasses.replace(ALERT, quotes=(QUOTE, Evidence("d2", "More fear.", 0, 10)))
        current, updated = record_alerts(store, [grown])
        store.set_alert_state("alr-1", "closed")
        worse = dataclasses.replace(grown, severity="critical")
        reopened, _ = record_alerts(store, [worse])
    assert [change.change for change in first] == ["raised"] and again == []
    assert [change.change for change in updated] == ["updated"]
    assert current[0].state == "acknowledged"  # the analyst's state is kept
    assert reopened[0].state == "open"  # a closed alert whose severity rose opens again


def test_webhooks_retry_with_backoff_and_report_what_failed(receiver: str) -> None:
    from frontwatch.alerting import AlertChange

    _Receiver.statuses = {"/flaky": [500, 503], "/down": [500] * 9, "/refuses": [403]}
    waits: list[float] = []
    failed = deliver([AlertChange(ALERT, "raised")],
                     [f"{receiver}/flaky", f"{receiver}/down", f"{receiver}/refuses"],
                     sleep=waits.append)
    assert [body["alert"]["alert_id"] for body in _Receiver.bodies] == ["alr-1"]
    assert _Receiver.bodies[0]["event"] == "raised"
    assert sorted(error.source or "" for error in failed) == [f"{receiver}/down",
                                                            f"{receiver}/refuses"]
    assert all(error.code == "ALR001" for error in failed)
    assert waits == [1.0, 2.0, 1.0, 2.0, 4.0]  # flaky: two waits; down: three; refused: none


def test_the_atom_feed_is_valid_and_carries_the_quotes() -> None:
    import feedparser

    parsed = feedparser.parse(atom_feed([ALERT]))
    assert not parsed.bozo and parsed.version == "atom10"
    [entry] = parsed.entries
    assert entry.title == "HIGH atrocity risk: al-Joura"
    assert "Residents fear mass executions." in entry.summary and "100,000" in entry.summary


def test_the_alerts_command_records_sends_and_keeps_states(tmp_path: Path, receiver: str) -> None:
    report = Path(__file__).resolve().parents[1] / "samples" / "siege-report.txt"
    url = f"sqlite:///{tmp_path / 'fw.db'}"
    runner = CliRunner()
    assert runner.invoke(main, ["ingest", str(report), "--db", url,
                                "--published", "2024-05-15"]).exit_code == 0
    first = runner.invoke(main, ["alerts", "--db", url, "--webhook", f"{receiver}/hook"])
    sent = len(_Receiver.bodies)
    alerts = [json.loads(line) for line in first.stdout.splitlines()]
    assert first.exit_code == 0 and sent == len(alerts) >= 2
    assert {body["event"] for body in _Receiver.bodies} == {"raised"}
    runner.invoke(main, ["alerts", "--db", url, "--webhook", f"{receiver}/hook"])
    assert len(_Receiver.bodies) == sent  # nothing changed: nothing sent again
    risk = next(alert for alert in alerts if alert["kind"] == "atrocity_risk")
    assert runner.invoke(main, ["alerts", "--db", url, "--ack", risk["alert_id"]]).exit_code == 0
    again = [json.loads(line) for line in
             runner.invoke(main, ["alerts", "--db", url]).stdout.splitlines()]
    assert next(alert["state"] for alert in again
                if alert["alert_id"] == risk["alert_id"]) == "acknowledged"
    atom = runner.invoke(main, ["alerts", "--db", url, "--format", "atom"]).stdout
    assert atom.startswith("<?xml") and "Djibo" in atom
    missing = runner.invoke(main, ["alerts", "--db", url, "--close", "alr-none"])
    assert missing.exit_code == 1 and "no such alert" in missing.stderr
