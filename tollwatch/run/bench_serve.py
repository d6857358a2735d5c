"""``make bench`` for serving: a filtered incident page and a country's map data with 1,000,000
incidents in SQLite (python -m tollwatch.run.bench_serve [--incidents N]).

Rows are written straight into the ``incidents`` table (the triggers of m0015 fill the
perpetrator and text-search tables), analysts' review decisions are recorded on some of them
(tolls of half the first Syrian page, perpetrators of 500 Nigerian incidents), then the queries
the API runs are timed through the Store, and the two answers the issue names (a filtered page,
a country's map data) through the ASGI app, JSON included.
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from tollwatch.store import open_store
from tollwatch.store.query import IncidentQuery

COUNTRIES = [
    "SY",
    "IQ",
    "NG",
    "AF",
    "SO",
    "YE",
    "ML",
    "PK",
    "CD",
    "LY",
    "SD",
    "MZ",
    "BF",
    "UA",
    "MM",
    "CO",
    "MX",
    "PH",
    "IN",
    "ET",
]
TYPES = ["Explosions/Remote violence", "Violence against civilians", "Battles"]
ACTORS = ["Islamic State", "Boko Haram", "Taliban", "al-Shabaab", "Unknown"]


def _fill(db: str, n: int) -> float:
    import sqlite3

    rng = random.Random(5)
    start = date(2000, 1, 1)
    t0 = time.perf_counter()
    conn = sqlite3.connect(db)
    conn.execute("BEGIN")
    batch = []
    for i in range(n):
        cc = rng.choice(COUNTRIES)
        day = (start + timedelta(days=rng.randrange(9000))).isoformat()
        killed = rng.randrange(0, 80)
        actor = rng.choice(ACTORS)
        lat, lon = rng.uniform(-30, 50), rng.uniform(-80, 120)
        summary = f"An attack killed {killed} people in town {i % 997}."
        kind = rng.choice(TYPES)
        place = {
            "name": f"town {i % 997}",
            "admin1": f"{cc}-{i % 12}",
            "country": cc,
            "lat": lat,
            "lon": lon,
            "precision": "city",
        }
        body = json.dumps(
            {
                "id": f"i_{i:016x}",
                "report_ids": [f"r{i}"],
                "article_ids": [f"a{i}"],
                "date": day,
                "date_precision": "day",
                "location": place,
                "event_type": kind,
                "perpetrators": [{"text": actor, "name": actor}],
                "figures": [],
                "killed": {"low": killed, "best": killed, "high": killed},
                "injured": {},
                "policy": "ucdp",
                "summary": summary,
            }
        )
        batch.append(
            (
                f"i_{i:016x}",
                day,
                "day",
                cc,
                f"{cc}-{i % 12}",
                f"town {i % 997}",
                lat,
                lon,
                kind,
                killed,
                killed,
                killed,
                "ucdp",
                1,
                1,
                summary,
                body,
                "2026-01-01",
            )
        )
        if len(batch) == 20000:
            _insert(conn, batch)
            batch = []
    _insert(conn, batch)
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    conn.close()
    return time.perf_counter() - t0


def _insert(conn, batch) -> None:  # noqa: ANN001
    conn.executemany(
        "INSERT INTO incidents (id, date, date_precision, country, admin1, location_name, lat, "
        "lon, event_type, killed_low, killed_best, killed_high, policy, n_reports, n_articles, "
        "summary, json, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        batch,
    )


def _best_of(fn, runs: int = 5) -> float:  # noqa: ANN001
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return round(min(times) * 1000, 1)


def _review(store, sy: IncidentQuery, n: int) -> float:  # noqa: ANN001
    t0 = time.perf_counter()
    page = store.query_incidents(sy, limit=50).incidents
    for inc in page[::2]:
        store.add_review_decision(
            {
                "incident_id": inc.id,
                "action": "correct",
                "field": "killed.best",
                "value": 500,
                "why": "bench",
                "user_name": "bench",
            }
        )
    nigerian = store.query_incidents(IncidentQuery(country="NG"), sort="id", limit=500)
    for inc in nigerian.incidents:
        store.add_review_decision(
            {
                "incident_id": inc.id,
                "action": "correct",
                "field": "perpetrators",
                "value": ["Boko Haram", "ISWAP"],
                "why": "bench",
                "user_name": "bench",
            }
        )
    return time.perf_counter() - t0


def _api_cases(db: str) -> dict:
    from fastapi.testclient import TestClient

    from tollwatch.serve.app import create_app

    def get(client, path: str, params: dict) -> None:  # noqa: ANN001
        answer = client.get(path, params=params)
        assert answer.status_code == 200, answer.text
        answer.json()

    with TestClient(create_app(db)) as client:
        page = {"country": "SY", "date_from": "2010-01-01", "date_to": "2015-12-31", "limit": 50}
        perp = {"country": "NG", "perpetrator": "ISWAP", "q": "town", "limit": 50}
        return {
            "api_page_country_dates_ms": _best_of(lambda: get(client, "/api/incidents", page)),
            "api_page_corrected_perpetrator_ms": _best_of(
                lambda: get(client, "/api/incidents", perp)
            ),
            "api_map_country_ms": _best_of(
                lambda: get(client, "/api/map", {"country": "SY", "limit": 100000})
            ),
        }


def bench_serve(n: int = 1_000_000) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "serve.db")
        open_store(db).close()
        fill_s = _fill(db, n)
        sy = IncidentQuery(country="SY", date_from=date(2010, 1, 1), date_to=date(2015, 12, 31))
        with open_store(db) as store:
            review_s = _review(store, sy, n)
            cases = {
                "page_country_dates_ms": lambda: store.query_incidents(
                    sy, limit=50, with_total=True
                ),
                "page_country_min_killed_by_killed_ms": lambda: store.query_incidents(
                    IncidentQuery(country="IQ", min_killed=50),
                    sort="-killed",
                    limit=50,
                    with_total=True,
                ),
                "page_perpetrator_text_ms": lambda: store.query_incidents(
                    IncidentQuery(perpetrator="Boko Haram", text="town 12", country="NG"),
                    limit=50,
                    with_total=True,
                ),
                "page_perpetrator_common_word_ms": lambda: store.query_incidents(
                    IncidentQuery(perpetrator="Boko Haram", text="town", country="NG"),
                    limit=50,
                    with_total=True,
                ),
                "page_unfiltered_deep_cursor_ms": lambda: store.query_incidents(
                    IncidentQuery(),
                    limit=50,
                    cursor=store.query_incidents(IncidentQuery(), limit=1000).next_cursor,
                ),
                "map_country_all_points_ms": lambda: store.map_points(
                    IncidentQuery(country="SY"), limit=100000
                ),
                "aggregates_country_week_ms": lambda: store.aggregate_incidents(
                    IncidentQuery(country="SY"), period="week"
                ),
            }
            out = {"incidents": n, "fill_seconds": round(fill_s, 1)}
            out["review_decisions_seconds"] = round(review_s, 1)
            out.update({name: _best_of(fn) for name, fn in cases.items()})
            out["map_country_points"] = len(
                store.map_points(IncidentQuery(country="SY"), limit=100000)["points"]
            )
            out["corrected_perpetrator_total"] = store.query_incidents(
                IncidentQuery(country="NG", perpetrator="ISWAP"), with_total=True
            ).total
        out.update(_api_cases(db))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--incidents", type=int, default=1_000_000)
    print(json.dumps({"serve": bench_serve(parser.parse_args().incidents)}, indent=2))


if __name__ == "__main__":
    main()
