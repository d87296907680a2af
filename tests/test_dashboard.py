"""The dashboard in a real browser (issue #7): Playwright drives Debian's Chromium against
``frontwatch serve``'s app on 127.0.0.1, over a store holding the reference article, the sample
reports and a confidential field note. Every test fails on a console error or on any request to
an address other than this server's; screenshots are kept in ``build/test-artifacts/``."""

from __future__ import annotations

import datetime as dt
import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from frontwatch.api import create_app
from frontwatch.ingest import make_document
from frontwatch.jobs import ingest, ingest_documents
from frontwatch.resolve.boundaries import load_boundaries
from frontwatch.store import Store
from frontwatch.store.accounts import add_user, create_token

pytestmark = pytest.mark.slow

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[1] / "build" / "test-artifacts"
SAMPLES = Path(__file__).resolve().parents[1] / "samples"
NOTE = ("Field note, 17 January: IS fighters executed four men in al-Bughayliyah on Monday, "
        "a resident told our correspondent.")
AUTHOR = "Correspondent R."
DEIR_EZ_ZOR = (35.336, 40.141)


def _browser_or_skip() -> None:
    if not Path(CHROMIUM).exists():
        if os.environ.get("FRONTWATCH_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{CHROMIUM} is missing (make test installs Debian's chromium)")
        pytest.skip(f"{CHROMIUM} is missing (make test installs Debian's chromium)")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, reference_path: Path,
           gazetteer: Any) -> Iterator[dict[str, Any]]:
    _browser_or_skip()
    import uvicorn

    store = Store(f"sqlite:///{tmp_path_factory.mktemp('dash') / 'fw.db'}")
    ingest([reference_path], store, published=dt.date(2017, 1, 18), publisher="The National",
           gazetteer=gazetteer)
    ingest(sorted(SAMPLES.glob("*.txt")), store, published=dt.date(2024, 3, 14),
           gazetteer=gazetteer)
    note = make_document(NOTE, source="field", published=dt.date(2017, 1, 17),
                         publisher="Deir ez-Zor field team", confidential=True, author=AUTHOR)
    ingest_documents([note], store, gazetteer=gazetteer)
    # provinces (rough test rectangles) for the map, where the API reads them from
    boundaries = tmp_path_factory.mktemp("boundaries") / "admin1.geojson"
    load_boundaries(Path(__file__).parent / "fixtures" / "boundaries" / "provinces.geojson",
                    boundaries)
    os.environ["FRONTWATCH_BOUNDARIES_PATH"] = str(boundaries)
    tokens = {}
    for role in ("viewer", "analyst"):
        add_user(store.engine, role, role)
        tokens[role] = create_token(store.engine, role)
    port = _free_port()
    app = create_app(store, lambda: gazetteer)
    runner = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=runner.run, daemon=True)
    thread.start()
    while not runner.started:
        time.sleep(0.05)
    yield {"url": f"http://127.0.0.1:{port}", "tokens": tokens, "store": store,
           "note_doc": note.id}
    runner.should_exit = True
    thread.join(timeout=10)
    store.close()
    del os.environ["FRONTWATCH_BOUNDARIES_PATH"]


@pytest.fixture(scope="module")
def browser(server: dict[str, Any]) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"])
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any, server: dict[str, Any], request: pytest.FixtureRequest) -> Iterator[Any]:
    """A fresh page; at the end, a screenshot, and no console error or foreign request."""
    context = browser.new_context(viewport={"width": 1366, "height": 800})
    errors: list[str] = []
    foreign: list[str] = []

    def only_here(route: Any) -> None:
        if route.request.url.startswith(server["url"]):
            route.continue_()
        else:
            foreign.append(route.request.url)
            route.abort()

    context.route("**/*", only_here)
    opened = context.new_page()
    opened.on("console", lambda message: errors.append(message.text)
              if message.type == "error" else None)
    opened.on("pageerror", lambda error: errors.append(str(error)))
    yield opened
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    opened.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"))
    context.close()
    assert not foreign, foreign
    assert not errors, errors


def _sign_in(page: Any, server: dict[str, Any], role: str) -> None:
    page.goto(server["url"] + "/")
    page.fill("#token", server["tokens"][role])
    page.click("#login button")
    page.wait_for_function("window.frontwatch.shown().length > 0", timeout=20_000)


def _near(shown: list[list[Any]], point: tuple[float, float], km: float) -> list[str]:
    return [event_id for event_id, lat, lon in shown if lat is not None and
            abs(lat - point[0]) * 111 < km and abs(lon - point[1]) * 92 < km]


def _zoom_to(page: Any, point: tuple[float, float], zoom: int = 12) -> None:
    page.evaluate(f"void window.frontwatch.map.setView([{point[0]}, {point[1]}], {zoom})")
    page.wait_for_function(
        f"window.frontwatch.map.getZoom() === {zoom} && window.frontwatch.shown().length > 0")
    page.wait_for_timeout(400)


def test_the_map_shows_events_around_deir_ez_zor(page: Any, server: dict[str, Any]) -> None:
    _sign_in(page, server, "viewer")
    assert len(_near(page.evaluate("window.frontwatch.shown()"), DEIR_EZ_ZOR, 30)) >= 3
    assert page.locator("#alert-list li.critical").count() >= 1
    _zoom_to(page, DEIR_EZ_ZOR)
    assert page.locator("path.fw-event").count() >= 3
    assert page.locator("path.fw-siege").count() >= 1
    page.wait_for_function("window.frontwatch.provinces() === 2")


def test_clicking_a_marker_shows_its_evidence(page: Any, server: dict[str, Any]) -> None:
    _sign_in(page, server, "viewer")
    _zoom_to(page, DEIR_EZ_ZOR)
    page.locator("path.fw-event").last.click(force=True)
    evidence = page.locator("#panel .evidence").first
    evidence.wait_for(timeout=5_000)
    sentence = evidence.inner_text().strip()
    assert len(sentence) > 20
    marked = page.locator("#documents mark").first
    marked.wait_for(timeout=5_000)
    assert marked.inner_text().strip()[:20] == sentence[:20]


def test_the_time_filter_hides_and_shows_events(page: Any, server: dict[str, Any]) -> None:
    _sign_in(page, server, "viewer")
    _zoom_to(page, DEIR_EZ_ZOR, 9)
    page.fill("#until", "2017-01-01")
    page.dispatch_event("#until", "change")
    page.wait_for_function("window.frontwatch.shown().length === 0", timeout=10_000)
    page.fill("#until", "2017-01-18")
    page.dispatch_event("#until", "change")
    page.wait_for_function("window.frontwatch.shown().length > 0", timeout=10_000)


def test_a_viewer_sees_no_review_buttons_and_no_confidential_text(
        page: Any, server: dict[str, Any]) -> None:
    _sign_in(page, server, "viewer")
    assert page.locator(".alert-action").count() == 0
    shown = page.evaluate("window.frontwatch.shown()")
    for event_id, *_ in shown:
        page.evaluate(f"window.frontwatch.show({event_id!r})")
        page.wait_for_timeout(150)
        assert not page.locator("#review").is_visible()
        html = page.content()
        for secret in ("executed four men", AUTHOR, "field team", server["note_doc"]):
            assert secret not in html, (event_id, secret)


def test_an_analysts_edit_persists(page: Any, server: dict[str, Any]) -> None:
    _sign_in(page, server, "analyst")
    event_id = _near(page.evaluate("window.frontwatch.shown()"), DEIR_EZ_ZOR, 30)[0]
    page.evaluate(f"window.frontwatch.show({event_id!r})")
    page.locator("#review").wait_for(state="visible", timeout=5_000)
    page.fill("#edit-fatalities", "7")
    page.click("#save-edit")
    page.wait_for_function("document.querySelector('#message').textContent.includes('saved')")
    page.reload()
    page.wait_for_function("window.frontwatch.shown().length > 0", timeout=20_000)
    page.evaluate(f"window.frontwatch.show({event_id!r})")
    page.wait_for_function(
        "document.querySelector('#edit-fatalities').value === '7' && "
        "document.querySelector('#review-status').textContent.includes('edit by analyst')")
    stored = server["store"].event(event_id)
    assert stored is not None and stored[0].fatalities == 7 and stored[1] == "edited"


def _synthetic_events(store: Store, count: int) -> None:
    """``count`` events spread over northern Syria, straight into the events table."""
    from sqlalchemy import insert

    from frontwatch.store.schema import events

    rows = []
    for index in range(count):
        lat, lon = 35.0 + (index % 97) / 60, 36.5 + (index % 89) / 25
        day = dt.date(2024, 1, 1) + dt.timedelta(days=index % 300)
        record = {"event_id": f"evt-many-{index}", "event_date": day.isoformat(),
                  "time_precision": 1, "disorder_type": "Political violence",
                  "event_type": "Battles", "sub_event_type": "Armed clash",
                  "actor1": "Unidentified Armed Group", "inter1": 3, "latitude": lat,
                  "longitude": lon, "fatalities": index % 4}
        rows.append({"event_id": record["event_id"], "event_date": day,
                     "sub_event_type": "Armed clash", "event_type": "Battles",
                     "actor1": record["actor1"], "country": "Syria", "latitude": lat,
                     "longitude": lon, "fatalities": index % 4, "record": record,
                     "stored_at": dt.datetime.now(dt.UTC)})
    with store.engine.begin() as connection:
        connection.execute(insert(events), rows)


def test_an_analyst_acknowledges_an_alert(page: Any, server: dict[str, Any]) -> None:
    _sign_in(page, server, "analyst")
    critical = page.locator("#alert-list li.critical").first
    critical.locator("button", has_text="Acknowledge").click()
    page.wait_for_function("document.querySelector('#alert-list li.critical .alert-state')"
                           ".textContent.includes('acknowledged')")
    assert "acknowledged" in {row["state"] for row in server["store"].raised_alerts().values()}


def test_many_events_are_counted_in_cells_until_zoomed_in(
        browser: Any, tmp_path: Path, gazetteer: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """20,000 events, and the bundled provinces of every country (no user boundaries here)."""
    import uvicorn

    monkeypatch.setenv("FRONTWATCH_BOUNDARIES_PATH", str(tmp_path / "none-loaded.geojson"))
    store = Store(f"sqlite:///{tmp_path / 'many.db'}")
    _synthetic_events(store, 20_000)
    add_user(store.engine, "viewer", "viewer")
    token = create_token(store.engine, "viewer")
    port = _free_port()
    runner = uvicorn.Server(uvicorn.Config(create_app(store, lambda: gazetteer),
                                           host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=runner.run, daemon=True)
    thread.start()
    while not runner.started:
        time.sleep(0.05)
    context = browser.new_context(viewport={"width": 1366, "height": 800})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text)
            if message.type == "error" else None)
    try:
        page.goto(f"http://127.0.0.1:{port}/")
        page.fill("#token", token)
        page.click("#login button")
        # zoomed out over 20,000 events: the server's grid counts, not 20,000 markers
        page.wait_for_selector(".cell-count", timeout=20_000)
        counted = sum(int(text) for text in page.locator(".cell-count").all_inner_texts())
        assert counted == 20_000 and page.locator("path.fw-event").count() == 0
        page.wait_for_function("window.frontwatch.provinces() > 4000", timeout=20_000)
        _zoom_to(page, (35.4, 37.0), 13)
        assert 0 < page.locator("path.fw-event").count() <= 2000
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "many_events_zoomed_in.png"))
        assert not errors, errors
    finally:
        context.close()
        runner.should_exit = True
        thread.join(timeout=10)
        store.close()


def test_the_api_documentation_page_loads_from_this_server_only(
        page: Any, server: dict[str, Any]) -> None:
    """/docs is Swagger UI from the vendored assets: it lists the routes and makes no request
    beyond this server (the page fixture aborts and reports any other)."""
    page.goto(server["url"] + "/docs")
    page.wait_for_selector(".opblock-summary-path", timeout=20_000)
    paths = set(page.locator(".opblock-summary-path").all_inner_texts())
    assert {"/events", "/events/{event_id}", "/alerts", "/health"} <= {
        path.replace("\u200b", "") for path in paths}
