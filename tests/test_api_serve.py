"""The API over the real pipeline: analysts submit the reference article and a confidential
field note; viewers get the siege and alerts without the note; ``frontwatch users``, ``tokens``
and ``serve`` on the command line (issue #7)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from frontwatch.api import create_app
from frontwatch.cli import main
from frontwatch.store import Store

pytestmark = pytest.mark.slow

NOTE = ("Field note, 17 January: IS fighters executed four men in al-Bughayliyah on Monday, "
        "a resident told our correspondent.")
AUTHOR = "Correspondent R. of the Deir ez-Zor field team"


def _tokens(db: str) -> dict[str, dict[str, str]]:
    runner = CliRunner()
    tokens = {}
    for name, role in (("amal", "analyst"), ("vera", "viewer")):
        assert runner.invoke(main, ["users", "add", name, "--role", role, "--db", db]).exit_code == 0
        made = runner.invoke(main, ["tokens", "create", name, "--db", db])
        assert made.exit_code == 0 and made.stdout.startswith("fw_")
        tokens[role] = {"Authorization": f"Bearer {made.stdout.strip()}"}
    listed = runner.invoke(main, ["users", "list", "--db", db]).stdout.splitlines()
    assert listed == ["amal\tanalyst\t1", "vera\tviewer\t1"]
    again = runner.invoke(main, ["users", "add", "vera", "--db", db])
    assert again.exit_code == 1 and "exists" in again.stderr
    return tokens


def test_submissions_are_analysed_and_the_field_note_stays_with_analysts(
        tmp_path: Path, reference_path: Path, gazetteer: Any) -> None:
    db = f"sqlite:///{tmp_path / 'fw.db'}"
    tokens = _tokens(db)
    with TestClient(create_app(Store(db), lambda: gazetteer)) as client:
        article = client.post("/documents", headers=tokens["analyst"], json={
            "text": reference_path.read_text(encoding="utf-8"), "published": "2017-01-18",
            "publisher": "Al-Monitor"})
        assert article.status_code == 201, article.text
        assert article.json()["counts"]["documents_stored"] == 1 and article.json()["events"]
        note = client.post("/documents", headers=tokens["analyst"], json={
            "text": NOTE, "published": "2017-01-18", "confidential": True, "author": AUTHOR,
            "publisher": "Deir ez-Zor field team"})
        assert note.status_code == 201 and note.json()["events"], note.text
        assert client.post("/documents", headers=tokens["viewer"],
                           json={"text": NOTE}).status_code == 403
        empty = client.post("/documents", headers=tokens["analyst"], json={"text": "   "})
        assert empty.status_code == 422 and "empty" in empty.json()["error"]["message"]

        viewer = tokens["viewer"]
        sieges = client.get("/sieges?at=2017-01-18", headers=viewer).json()["sieges"]
        assert any({"al-Joura", "al-Qusour"} <= set(siege["places"]) for siege in sieges)
        alerts = client.get("/alerts?at=2017-01-18", headers=viewer).json()["alerts"]
        assert any(alert["kind"] == "atrocity_risk" and alert["population"] == 100000
                   for alert in alerts)
        seen = "".join(client.get(path, headers=viewer).text for path in (
            "/events?limit=1000", "/events?format=csv&limit=1000", "/control?at=2017-01-18",
            "/alerts?at=2017-01-18", "/alerts.atom?at=2017-01-18", "/sieges?at=2017-01-18"))
        for secret in ("executed four men", AUTHOR, "field team", note.json()["doc_id"]):
            assert secret not in seen, secret
        analyst_view = client.get(f"/events/{note.json()['events'][0]}",
                                  headers=tokens["analyst"]).json()
        assert "executed four men" in json.dumps(analyst_view)
    failures = Store(db).failures()  # the empty submission is on record
    assert len(failures) == 1 and "empty" in failures[0]["message"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_serve_answers_on_127_0_0_1(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'fw.db'}"
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "frontwatch.cli", "serve", "--db", db, "--port", str(port)],
        env={**os.environ}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2) as reply:
                    assert json.load(reply)["status"] == "ok"
                    break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("frontwatch serve did not answer in 20 s")
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/events", timeout=2)
        assert refused.value.code == 401
        refused.value.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
