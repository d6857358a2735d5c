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
