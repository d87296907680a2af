"""The API's latency (issue #7): p50/p95/p99 of `GET /events?bbox=...&since=...&until=...` from a
bounded load client on 127.0.0.1, against `frontwatch serve` over a SQLite store of 100,000
events and a PostgreSQL store of 1,000,000 (target: p95 < 50 ms).

The events are synthetic (the seeded generator of bench/store.py: a few conflict regions,
2015-2024). The server runs in its own processes (--workers, default one per core); the client
keeps --clients connections busy
(each sends its next request when the last is answered) for --requests requests, each a random
2 x 2 degree box in a region and a random month, a page of 100 events as JSON. Writes
bench/api.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from sqlalchemy import insert

sys.path.insert(0, str(Path(__file__).resolve().parent))
import store as store_bench  # bench/store.py: the event generator and the PostgreSQL database

from frontwatch.store import Store
from frontwatch.store.accounts import add_user, create_token, list_users
from frontwatch.store.schema import events

ROOT = Path(__file__).resolve().parents[1]
TARGET_P95_MS = 50.0


def fill_sqlite(url: str, count: int, seed: int = 7) -> float:
    """``count`` synthetic events written straight into a SQLite store; seconds taken."""
    random.seed(seed)
    start = time.perf_counter()
    with Store(url) as store, store.engine.begin() as connection:
        batch = []
        for index in range(count):
            south, north, west, east = random.choice(store_bench.REGIONS)
            day = dt.date(2015, 1, 1) + dt.timedelta(days=random.randrange(3650))
            kind = random.choice(store_bench.TYPES)
            lat, lon = random.uniform(south, north), random.uniform(west, east)
            record = {"event_id": f"evt-bench-{index}", "event_date": day.isoformat(),
                      "time_precision": 1, "disorder_type": "Political violence",
                      "event_type": "Battles", "sub_event_type": kind,
                      "actor1": "Unidentified Armed Group", "inter1": 3, "latitude": lat,
                      "longitude": lon, "fatalities": index % 5}
            batch.append({"event_id": record["event_id"], "event_date": day,
                          "sub_event_type": kind, "event_type": "Battles",
                          "actor1": "Unidentified Armed Group", "country": "Somewhere",
                          "latitude": lat, "longitude": lon, "fatalities": index % 5,
                          "record": record, "stored_at": dt.datetime.now(dt.UTC)})
            if len(batch) == 10_000:
                connection.execute(insert(events), batch)
                batch = []
        if batch:
            connection.execute(insert(events), batch)
    return time.perf_counter() - start


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _serve(url: str, workers: int) -> tuple[subprocess.Popen, int, str]:  # type: ignore[type-arg]
    with Store(url) as store:
        if not any(user["name"] == "bench" for user in list_users(store.engine)):
            add_user(store.engine, "bench", "viewer")
        token = create_token(store.engine, "bench")
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "frontwatch.cli", "serve", "--db", url,
                               "--port", str(port), "--workers", str(workers)],
                              stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    for _ in range(200):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return server, port, token
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise RuntimeError("frontwatch serve did not start")


def _paths(count: int, seed: int = 11) -> list[str]:
    random.seed(seed)
    paths = []
    for _ in range(count):
        south, north, west, east = random.choice(store_bench.REGIONS)
        box_south, box_west = random.uniform(south, north - 2), random.uniform(west, east - 2)
        month = dt.date(2015 + random.randrange(10), 1 + random.randrange(12), 1)
        until = (month + dt.timedelta(days=31)).replace(day=1) - dt.timedelta(days=1)
        paths.append(f"/events?bbox={box_west:.3f},{box_south:.3f},{box_west + 2:.3f},"
                     f"{box_south + 2:.3f}&since={month}&until={until}&limit=100")
    return paths


def load(port: int, token: str, requests: int, clients: int) -> dict[str, float]:
    """Latency figures of ``requests`` requests from ``clients`` connections at once."""
    paths = _paths(requests + 20)
    warm, paths = paths[:20], paths[20:]
    timings: list[float] = []
    lock = threading.Lock()
    headers = {"Authorization": f"Bearer {token}"}

    def client(share: list[str]) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        for path in share:
            start = time.perf_counter()
            connection.request("GET", path, headers=headers)
            reply = connection.getresponse()
            reply.read()
            if reply.status != 200:
                raise RuntimeError(f"{path}: HTTP {reply.status}")
            with lock:
                timings.append((time.perf_counter() - start) * 1000)
        connection.close()

    client(warm)
    timings.clear()
    workers = [threading.Thread(target=client, args=(paths[index::clients],))
               for index in range(clients)]
    start = time.perf_counter()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    elapsed = time.perf_counter() - start
    cuts = statistics.quantiles(timings, n=100)
    return {"requests": len(timings), "clients": clients, "p50_ms": round(cuts[49], 1),
            "p95_ms": round(cuts[94], 1), "p99_ms": round(cuts[98], 1),
            "requests_per_s": round(len(timings) / elapsed, 1)}


def measure(url: str, requests: int, clients: int, workers: int) -> dict[str, float]:
    server, port, token = _serve(url, workers)
    try:
        return load(port, token, requests, clients)
    finally:
        server.terminate()
        server.wait(timeout=10)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sqlite-events", type=int, default=100_000)
    parser.add_argument("--pg-events", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="server processes (default: one per core)")
    parser.add_argument("--skip-sqlite", action="store_true")
    options = parser.parse_args()
    results: dict[str, object] = {"date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                                  "target_p95_ms": TARGET_P95_MS}
    results["server_workers"] = options.workers
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        if not options.skip_sqlite:
            results["sqlite_fill_seconds"] = round(fill_sqlite(url, options.sqlite_events), 1)
            results["sqlite"] = {"events": options.sqlite_events,
                                 **measure(url, options.requests, options.clients,
                                           options.workers)}
    url = store_bench._database()
    try:
        results["postgresql_fill_seconds"] = round(store_bench.fill(url, options.pg_events), 1)
        results["postgresql"] = {"events": options.pg_events,
                                 **measure(url, options.requests, options.clients,
                                           options.workers)}
    finally:
        store_bench._drop(url)
    print(json.dumps(results, indent=2))
    (ROOT / "bench" / "api.json").write_text(json.dumps(results, indent=2) + "\n",
                                             encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
