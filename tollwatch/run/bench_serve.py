"""``make bench`` for serving: a filtered incident page and a country's map data with 1,000,000
incidents in SQLite (python -m tollwatch.run.bench_serve [--incidents N]).

Rows are written straight into the ``incidents`` table (the triggers of m0010 fill the
perpetrator and text-search tables), then the queries the API runs are timed through the Store.
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
        body = json.dumps(
            {
                "id": f"i_{i:016x}",
                "report_ids": [f"r{i}"],
                "article_ids": [f"a{i}"],
                "date": day,
                "date_precision": "day",
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
                rng.choice(TYPES),
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


def bench_serve(n: int = 1_000_000) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "serve.db")
        open_store(db).close()
        fill_s = _fill(db, n)
        with open_store(db) as store:
            sy = IncidentQuery(country="SY", date_from=date(2010, 1, 1), date_to=date(2015, 12, 31))
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
            out.update({name: _best_of(fn) for name, fn in cases.items()})
            out["map_country_points"] = len(
                store.map_points(IncidentQuery(country="SY"), limit=100000)["points"]
            )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--incidents", type=int, default=1_000_000)
    print(json.dumps({"serve": bench_serve(parser.parse_args().incidents)}, indent=2))


if __name__ == "__main__":
    main()
