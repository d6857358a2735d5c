"""Migrations: named, ordered, recorded; an older database is upgraded when opened."""

from __future__ import annotations

import json
import sqlite3

import pytest

from tests.sample_records import seed_report
from tollwatch import schema
from tollwatch.errors import StoreError
from tollwatch.store import open_store
from tollwatch.store.migrations import MIGRATIONS, applied_migrations, migrate

NAMES = [m.__name__ for m in MIGRATIONS]


def connect(path) -> sqlite3.Connection:
    return sqlite3.connect(str(path), isolation_level=None)


def test_names_are_ordered_and_unique():
    assert NAMES == sorted(NAMES) and len(set(NAMES)) == len(NAMES)


def test_a_new_database_gets_every_migration_once(tmp_path):
    path = tmp_path / "new.db"
    open_store(str(path)).close()
    open_store(str(path)).close()
    conn = connect(path)
    assert applied_migrations(conn) == NAMES
    assert migrate(conn) == []
    conn.close()


def test_an_older_database_is_upgraded_and_keeps_its_data(tmp_path):
    path = tmp_path / "old.db"
    conn = connect(path)
    assert migrate(conn, upto="m0001_articles_reports_figures") == NAMES[:1]
    report = seed_report("a1", "r1")
    conn.execute("INSERT INTO articles (id, text, ingested_at) VALUES ('a1', 'text', '2016-05-23')")
    conn.execute(
        "INSERT INTO reports (id, article_id, date, country, json) VALUES (?, ?, ?, ?, ?)",
        ("r1", "a1", "2016-05-23", "SY", json.dumps(schema.report_to_dict(report))),
    )
    conn.close()
    with open_store(str(path)) as store:
        assert store.stats()["migrations"] == NAMES
        assert store.get_report("r1") == report
        assert [r.id for r in store.iter_reports(unresolved=True)] == ["r1"]
        assert store.failure_counts() == {}


def test_a_newer_database_is_refused(tmp_path):
    path = tmp_path / "newer.db"
    open_store(str(path)).close()
    conn = connect(path)
    conn.execute("INSERT INTO schema_migrations (name) VALUES ('m0999_from_the_future')")
    conn.close()
    with pytest.raises(StoreError, match="m0999_from_the_future") as info:
        open_store(str(path))
    assert "newer tollwatch" in info.value.hint


def test_a_failing_migration_changes_nothing(tmp_path):
    def m0004_broken(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE half_done (id INTEGER)")
        conn.execute("THIS IS NOT SQL")

    path = tmp_path / "broken.db"
    conn = connect(path)
    with pytest.raises(StoreError, match="migration m0004_broken failed"):
        migrate(conn, migrations=(*MIGRATIONS, m0004_broken))
    assert applied_migrations(conn) == NAMES
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "half_done" not in tables
    conn.close()


def test_unknown_upto_is_refused(tmp_path):
    conn = connect(tmp_path / "x.db")
    with pytest.raises(StoreError, match="no migration named"):
        migrate(conn, upto="m0042")
    conn.close()


def test_m0013_writes_corrected_values_into_the_incident_columns(tmp_path):
    from tests.sample_records import seed_article
    from tollwatch.store import rows
    from tollwatch.types import Incident

    path = tmp_path / "reviewed.db"
    conn = connect(path)
    migrate(conn, upto="m0012_decision_authors")
    report = seed_report("a_seed", "r1")
    article = seed_article()
    conn.execute(rows.INSERT_ARTICLE, rows.article_row(article))
    conn.execute(rows.INSERT_REPORT, rows.report_row(report))
    inc = Incident(
        id="i1",
        report_ids=("r1",),
        article_ids=("a_seed",),
        date=report.date,
        location=report.location,
        figures=report.figures,
        killed=report.killed,
    )
    conn.execute(rows.INSERT_INCIDENT, rows.incident_row(inc, "2016-05-24"))
    conn.execute("UPDATE reports SET incident_id = 'i1'")
    conn.execute(
        "INSERT INTO review_decisions (incident_id, action, field, value, why, user_name, at) "
        "VALUES ('i1', 'correct', 'killed.best', '500', 'x', 'ana', '2016-05-25')"
    )
    conn.close()
    with open_store(str(path)) as store:
        [decision] = store.list_review_decisions("i1")
        assert decision["made_on"] == ["r1"] and decision["history"] == []
        assert store.count_incidents(min_killed=400) == 1
