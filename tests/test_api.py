"""The REST API (issue #7): every route × role, one error shape, source protection, formats,
paging, filters and review actions, on a store seeded with known events."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from frontwatch.api import create_app
from frontwatch.fuse.across import CrossReportFusion
from frontwatch.records import Document, Event, Evidence, Provenance
from frontwatch.resolve.gazetteer import InMemoryGazetteer
from frontwatch.store import Store
from frontwatch.store.accounts import add_user, create_token, revoke_tokens

SECRET_SENTENCE = "Gunmen killed two farmers at the well in Hajin, a contact said."
SECRET_NAMES = ("Correspondent K", "Field team Hajin")


def _document(doc_id: str, text: str, **fields: Any) -> Document:
    return Document(id=doc_id, text=text, published=dt.date(2024, 5, 4), source_path="seed",
                    **fields)


def _event(event_id: str, day: dt.date, doc_ids: tuple[str, ...], evidence: tuple[Evidence, ...],
           *, sub_event_type: str = "Armed clash", lat: float = 35.3, lon: float = 40.1,
           country: str = "Syria", admin1: str = "Deir ez-Zor",
           publishers: tuple[str, ...] = ("Wire",), **fields: Any) -> Event:
    event_type = "Battles" if sub_event_type == "Armed clash" else "Violence against civilians"
    return Event(event_id=event_id, event_date=day, time_precision=1,
                 disorder_type="Political violence", event_type=event_type,
                 sub_event_type=sub_event_type, actor1="Military Forces of Syria", inter1=1,
                 actor2="Islamic State (Syria)", inter2=2, country=country, admin1=admin1,
                 latitude=lat, longitude=lon, evidence=evidence, doc_ids=doc_ids,
                 source="; ".join(publishers),
                 notes=f"On {day.day} {day:%B %Y}: {evidence[0].sentence}",
                 provenance=Provenance(doc_ids, (f"m-{event_id}",), publishers), **fields)


PUBLIC_TEXT = "Troops clashed with IS fighters near the airport of Deir ez-Zor."
SECRET_TEXT = f"{SECRET_SENTENCE} Troops clashed with IS fighters near the airport."


def _seed(store: Store) -> None:
    public = Evidence("d-pub", PUBLIC_TEXT, 0, len(PUBLIC_TEXT))
    secret = Evidence("d-conf", SECRET_SENTENCE, 0, len(SECRET_SENTENCE))
    secret_clash = Evidence("d-conf", SECRET_TEXT[len(SECRET_SENTENCE) + 1:],
                            len(SECRET_SENTENCE) + 1, len(SECRET_TEXT))
    store.add_analysed(_document("d-pub", PUBLIC_TEXT, publisher="Wire"), [
        _event("e01", dt.date(2024, 5, 1), ("d-pub",), (public,))])
    store.add_analysed(_document("d-conf", SECRET_TEXT, publisher=SECRET_NAMES[1],
                                 author=SECRET_NAMES[0], confidential=True), [
        _event("e02", dt.date(2024, 5, 3), ("d-conf",), (secret,),
               sub_event_type="Attack", fatalities=2, fatalities_text="two farmers",
               publishers=(SECRET_NAMES[1],)),
        # the clash the wire told: fused, the event names both documents and publishers
        _event("e01", dt.date(2024, 5, 1), ("d-conf",), (secret_clash,),
               publishers=(SECRET_NAMES[1],))])
    for number in range(3, 10):  # a week of clashes elsewhere, for pages and filters
        text = f"Report {number}: clashes in Idlib."
        store.add_analysed(_document(f"d-{number}", text, publisher="Radio"), [
            _event(f"e{number:02d}", dt.date(2024, 6, number), (f"d-{number}",),
                   (Evidence(f"d-{number}", text, 0, len(text)),), lat=35.9, lon=36.6,
                   admin1="Idlib", publishers=("Radio",))])


class AnalystsOnlyFusion(CrossReportFusion):
    """Fusion that merges what analysts put together but joins nothing by itself: the seeded
    events stay as seeded."""

    def same(self, stored: Event, new: Event) -> bool:
        return False


@pytest.fixture
def api(tmp_path: Path, small_gazetteer: InMemoryGazetteer) -> Iterator[tuple[TestClient, dict]]:
    store = Store(f"sqlite:///{tmp_path / 'api.db'}", fusion=AnalystsOnlyFusion())
    _seed(store)
    tokens: dict[str, dict[str, str]] = {"none": {}, "bad": {"Authorization": "Bearer fw_nope"}}
    for role in ("viewer", "analyst", "admin"):
        add_user(store.engine, role, role)
        tokens[role] = {"Authorization": f"Bearer {create_token(store.engine, role)}"}
    with TestClient(create_app(store, lambda: small_gazetteer)) as client:
        yield client, tokens
    store.close()


#: Every route, a request it accepts, and the least role that may make it.
ROUTES: list[tuple[str, str, dict | None, str]] = [
    ("GET", "/events", None, "viewer"),
    ("GET", "/events?format=geojson", None, "viewer"),
    ("GET", "/events?format=csv", None, "viewer"),
    ("GET", "/events?rejected=true", None, "analyst"),
    ("GET", "/events/e01", None, "viewer"),
    ("GET", "/documents/d-pub", None, "viewer"),
    ("GET", "/documents/d-conf", None, "analyst"),
    ("GET", "/places?q=Idlib", None, "viewer"),
    ("GET", "/control", None, "viewer"),
    ("GET", "/sieges", None, "viewer"),
    ("GET", "/alerts", None, "viewer"),
    ("GET", "/alerts.atom", None, "viewer"),
    ("GET", "/events/grid?cell=1", None, "viewer"),
    ("GET", "/events/span", None, "viewer"),
    ("GET", "/me", None, "viewer"),
    ("GET", "/taxonomy", None, "viewer"),
    ("GET", "/boundaries/admin1", None, "viewer"),
    ("POST", "/events/e03/review", {"action": "confirm"}, "analyst"),
    ("POST", "/alerts/alr-none/state", {"state": "closed"}, "analyst"),  # not raised: 404
    ("POST", "/documents", {"text": ""}, "analyst"),  # reaches the handler: 422 for analysts
]
ORDER = ("none", "bad", "viewer", "analyst", "admin")


def _is_error(response: Any, status: int) -> None:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"status", "code", "message"}
    assert body["error"]["status"] == status and body["error"]["message"]


@pytest.mark.parametrize(("method", "path", "body", "least"), ROUTES)
def test_every_route_by_role(api: tuple[TestClient, dict], method: str, path: str,
                             body: dict | None, least: str) -> None:
    client, tokens = api
    for who in ORDER:
        response = client.request(method, path, json=body, headers=tokens[who])
        if who in ("none", "bad"):
            _is_error(response, 401)
            assert response.headers["www-authenticate"] == "Bearer"
        elif ORDER.index(who) < ORDER.index(least):
            # a confidential document does not exist for a viewer
            _is_error(response, 404 if path == "/documents/d-conf" else 403)
        elif path == "/documents":
            _is_error(response, 422)
        elif path.startswith("/alerts/"):
            _is_error(response, 404)
        else:
            assert response.status_code == 200, (who, path, response.text)


def test_health_and_docs_need_no_token_and_load_nothing_from_elsewhere(
        api: tuple[TestClient, dict]) -> None:
    client, _ = api
    assert client.get("/health").json()["status"] == "ok"
    page = client.get("/docs").text
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in page and "https://" not in page
    assert client.get("/static/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 200
    assert client.get("/openapi.json").json()["info"]["title"] == "frontwatch"


def test_errors_share_one_shape(api: tuple[TestClient, dict]) -> None:
    client, tokens = api
    viewer = tokens["viewer"]
    _is_error(client.get("/events/nope", headers=viewer), 404)
    _is_error(client.get("/nowhere", headers=viewer), 404)
    _is_error(client.delete("/events", headers=viewer), 405)
    for query in ("bbox=1,2,3", "bbox=10,0,5,1", "limit=0", "limit=5000", "since=yesterday",
                  "cursor=%%%", "format=xml", "type="):
        response = client.get(f"/events?{query}", headers=viewer)
        if query == "type=":  # an empty filter is no filter
            assert response.status_code == 200
            continue
        _is_error(response, 422)
    _is_error(client.post("/events/e01/review", json={"action": "smash"},
                          headers=tokens["analyst"]), 422)


def _all_viewer_bodies(client: TestClient, viewer: dict) -> str:
    paths = ["/events", "/events?format=geojson", "/events?format=csv", "/events?q=farmers",
             "/control", "/sieges", "/alerts", "/alerts.atom", "/places?q=Hajin"]
    paths += [f"/events/e{number:02d}" for number in range(1, 10)]
    paths += ["/documents/d-pub"]
    return "\n".join(client.get(path, headers=viewer).text for path in paths)


def test_a_viewer_never_sees_a_confidential_document(api: tuple[TestClient, dict]) -> None:
    client, tokens = api
    seen = _all_viewer_bodies(client, tokens["viewer"])
    for secret in (SECRET_SENTENCE, "two farmers", "d-conf", *SECRET_NAMES):
        assert secret not in seen, secret
    _is_error(client.get("/documents/d-conf", headers=tokens["viewer"]), 404)
    # the events stand, told by a confidential source or by the public one alone
    secret_event = client.get("/events/e02", headers=tokens["viewer"]).json()
    assert secret_event["event"]["source"] == "Confidential source"
    assert secret_event["event"]["evidence"] == [] and secret_event["sources"] == []
    assert secret_event["event"]["sub_event_type"] == "Attack"
    both = client.get("/events/e01", headers=tokens["viewer"]).json()["event"]
    assert both["source"] == "Wire" and both["doc_ids"] == ["d-pub"]


def test_an_analyst_reads_the_field_note_and_its_author(api: tuple[TestClient, dict]) -> None:
    client, tokens = api
    document = client.get("/documents/d-conf", headers=tokens["analyst"]).json()
    assert document["document"]["text"].startswith(SECRET_SENTENCE)
    assert document["document"]["author"] == SECRET_NAMES[0]
    assert document["events"] == ["e01", "e02"]
    event = client.get("/events/e02", headers=tokens["admin"]).json()["event"]
    assert event["evidence"][0]["sentence"] == SECRET_SENTENCE
    assert event["fatalities_text"] == "two farmers"


def test_pages_follow_the_cursor_through_every_event_once(api: tuple[TestClient, dict]) -> None:
    client, tokens = api
    seen: list[str] = []
    cursor = None
    while True:
        query = "limit=4" + (f"&cursor={cursor}" if cursor else "")
        page = client.get(f"/events?{query}", headers=tokens["viewer"]).json()
        seen += [event["event_id"] for event in page["events"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == [f"e{number:02d}" for number in range(1, 10)]


def test_formats(api: tuple[TestClient, dict]) -> None:
    client, tokens = api
    geo = client.get("/events?format=geojson&limit=3", headers=tokens["viewer"])
    assert geo.headers["content-type"].startswith("application/geo+json")
    collection = geo.json()
    assert collection["type"] == "FeatureCollection" and len(collection["features"]) == 3
    assert collection["features"][0]["geometry"]["coordinates"] == [40.1, 35.3]
    assert collection["next_cursor"]
    table = client.get("/events?format=csv&limit=3", headers=tokens["viewer"])
    rows = list(csv.DictReader(io.StringIO(table.text)))
    assert [row["event_id"] for row in rows] == ["e01", "e02", "e03"]
    assert table.headers["x-next-cursor"]


@pytest.mark.parametrize(("query", "expected"), [
    ("bbox=36,35,37,36.5", [f"e{number:02d}" for number in range(3, 10)]),
    ("since=2024-06-05&until=2024-06-06", ["e05", "e06"]),
    ("type=attack", ["e02"]),
    ("actor=islamic+state&country=syria&admin1=deir+ez-zor", ["e01", "e02"]),
    ("q=Idlib+clashes&until=2024-06-04", ["e03", "e04"]),
])
def test_filters(api: tuple[TestClient, dict], query: str, expected: list[str]) -> None:
    client, tokens = api
    found = client.get(f"/events?{query}", headers=tokens["viewer"]).json()["events"]
    assert [event["event_id"] for event in found] == expected


def test_reviews_are_recorded_and_edits_stand(api: tuple[TestClient, dict]) -> None:
    client, tokens = api
    analyst, viewer = tokens["analyst"], tokens["viewer"]
    edit = client.post("/events/e03/review", headers=analyst, json={
        "action": "edit", "fields": {"fatalities": 4, "sub_event_type": "Attack",
                                     "actor1": "Hayat Tahrir al-Sham"}, "note": "per SOHR"})
    assert edit.status_code == 200, edit.text
    event = edit.json()["event"]
    assert (event["fatalities"], event["event_type"]) == (4, "Violence against civilians")
    entry = edit.json()["review"]["entry"]
    assert entry["user_name"] == "analyst" and entry["before"]["fatalities"] == 0
    assert client.get("/events?type=attack", headers=viewer).json()["count"] == 2
    _is_error(client.post("/events/e03/review", headers=analyst,
                          json={"action": "edit", "fields": {"event_id": "x"}}), 422)
    _is_error(client.post("/events/e03/review", headers=analyst,
                          json={"action": "edit", "fields": {"fatalities": -1}}), 422)
    # re-processing the document rewrites the event: the edit is laid over it again
    store: Store = client.app.state.context.store  # type: ignore[attr-defined]
    row = next(row for row, document in store.stored_documents() if document.id == "d-3")
    text = "Report 3: clashes in Idlib."
    store.replace_analysis(row, [_event("e03", dt.date(2024, 6, 3), ("d-3",),
                                        (Evidence("d-3", text, 0, len(text)),), lat=35.9,
                                        lon=36.6, admin1="Idlib", publishers=("Radio",))])
    again = client.get("/events/e03", headers=viewer).json()
    assert again["event"]["fatalities"] == 4 and again["review"]["status"] == "edited"
    assert again["review"]["history"][0].keys() == {"action", "at"}
    # rejected: gone for viewers, kept for analysts, back when reopened
    client.post("/events/e03/review", headers=analyst, json={"action": "reject"})
    _is_error(client.get("/events/e03", headers=viewer), 404)
    assert "e03" not in json.dumps(client.get("/events", headers=viewer).json())
    assert "e03" in client.get("/events?rejected=true", headers=analyst).text
    client.post("/events/e03/review", headers=analyst, json={"action": "reopen"})
    history = client.get("/events/e03", headers=analyst).json()["review"]["history"]
    assert [item["action"] for item in history] == ["edit", "reject", "reopen"]


def test_a_revoked_token_is_refused(api: tuple[TestClient, dict]) -> None:
    client, tokens = api
    assert client.get("/events", headers=tokens["viewer"]).status_code == 200
    revoke_tokens(client.app.state.context.store.engine, "viewer")  # type: ignore[attr-defined]
    _is_error(client.get("/events", headers=tokens["viewer"]), 401)


def test_the_grid_counts_events_per_cell_and_the_span_bounds_them(
        api: tuple[TestClient, dict]) -> None:
    client, tokens = api
    cells = client.get("/events/grid?cell=1", headers=tokens["viewer"]).json()["cells"]
    assert sorted(cell["count"] for cell in cells) == [2, 7]
    deir = next(cell for cell in cells if cell["count"] == 2)
    assert (round(deir["latitude"], 1), deir["fatalities"]) == (35.3, 2)
    coarse = client.get("/events/grid?cell=45&type=attack", headers=tokens["viewer"]).json()
    assert [cell["count"] for cell in coarse["cells"]] == [1]
    span = client.get("/events/span", headers=tokens["viewer"]).json()
    assert span == {"first": "2024-05-01", "last": "2024-06-09", "count": 9}
    assert client.get("/me", headers=tokens["analyst"]).json() == {"name": "analyst",
                                                                    "role": "analyst"}
    assert len(client.get("/taxonomy", headers=tokens["viewer"]).json()["sub_event_types"]) == 25


def test_the_dashboard_and_its_assets_are_served_from_here(api: tuple[TestClient, dict]) -> None:
    client, _ = api
    page = client.get("/").text
    assert "/static/app/app.js" in page and "https://" not in page and "http://" not in page
    for asset in ("/static/app/app.js", "/static/app/app.css", "/static/vendor/leaflet/leaflet.js",
                  "/static/vendor/world-atlas/countries-50m.json"):
        assert client.get(asset).status_code == 200, asset


def test_merges_and_splits_stand_over_re_processing(api: tuple[TestClient, dict]) -> None:
    client, tokens = api
    analyst = tokens["analyst"]
    store: Store = client.app.state.context.store  # type: ignore[attr-defined]
    merged = client.post("/events/e04/review", headers=analyst,
                         json={"action": "merge", "into": "e05", "note": "same clash"})
    assert merged.status_code == 200, merged.text
    assert merged.json()["event"]["event_id"] == "e05"
    assert merged.json()["event"]["doc_ids"] == ["d-4", "d-5"]
    _is_error(client.get("/events/e04", headers=analyst), 404)
    # the split: the field note's telling leaves the event both documents told
    split = client.post("/events/e01/review", headers=analyst,
                        json={"action": "split", "doc_id": "d-conf"})
    assert split.status_code == 200, split.text
    apart = split.json()["event"]
    assert apart["event_id"].startswith("e01-s") and apart["doc_ids"] == ["d-conf"]
    assert client.get("/events/e01", headers=analyst).json()["event"]["doc_ids"] == ["d-pub"]
    history = client.get("/events/e01", headers=analyst).json()["review"]["history"]
    assert [item["action"] for item in history] == ["split"]
    # re-processing the documents: the merge and the split hold
    for doc_id, event in (("d-4", "e04"), ("d-conf", "e01")):
        row = next(row for row, document in store.stored_documents() if document.id == doc_id)
        text = next(document.text for _, document in store.stored_documents()
                    if document.id == doc_id)
        evidence = (Evidence(doc_id, text, 0, len(text)),)
        day = dt.date(2024, 6, 4) if doc_id == "d-4" else dt.date(2024, 5, 1)
        store.replace_analysis(row, [_event(event, day, (doc_id,), evidence, lat=35.9 if
                                            doc_id == "d-4" else 35.3,
                                            lon=36.6 if doc_id == "d-4" else 40.1)])
    ids = [event["event_id"] for event in client.get("/events?limit=100",
                                                      headers=analyst).json()["events"]]
    assert "e04" not in ids and "e05" in ids and apart["event_id"] in ids
    assert client.get("/events/e05", headers=analyst).json()["event"]["doc_ids"] == ["d-4", "d-5"]
    assert client.get("/events/e01", headers=analyst).json()["event"]["doc_ids"] == ["d-pub"]
    # what cannot be done is refused in the one error shape
    _is_error(client.post("/events/e05/review", headers=analyst,
                          json={"action": "merge", "into": "nope"}), 422)
    _is_error(client.post("/events/e05/review", headers=analyst,
                          json={"action": "split", "doc_id": "d-4", "into": "e06"}), 422)
    _is_error(client.post("/events/e06/review", headers=analyst,
                          json={"action": "split", "doc_id": "d-6"}), 422)  # its only teller
