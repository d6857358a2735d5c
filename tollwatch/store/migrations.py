"""SQLite migrations: named functions, applied in order, each recorded in ``schema_migrations``.

``migrate(conn)`` applies those not yet recorded, each in its own transaction with its record, so
a database is always at a named state and opening an older one upgrades it. Never edit a migration
that has shipped: add a new function at the end of ``MIGRATIONS``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime

from tollwatch.errors import StoreError

__all__ = ["MIGRATIONS", "applied_migrations", "migrate"]

Migration = Callable[[sqlite3.Connection], None]


def _run(conn: sqlite3.Connection, *statements: str) -> None:
    # One statement per execute(): executescript() would commit the open transaction.
    for sql in statements:
        conn.execute(sql)


def m0001_articles_reports_figures(conn: sqlite3.Connection) -> None:
    _run(
        conn,
        """CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            url TEXT,
            source TEXT,
            title TEXT,
            published TEXT,
            language TEXT,
            origin TEXT,
            content_hash TEXT,
            text TEXT NOT NULL,
            ingested_at TEXT NOT NULL
        )""",
        "CREATE INDEX idx_articles_content_hash ON articles (content_hash)",
        """CREATE TABLE reports (
            id TEXT PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            date TEXT,
            date_precision TEXT,
            country TEXT,
            admin1 TEXT,
            location_name TEXT,
            lat REAL,
            lon REAL,
            event_type TEXT,
            sub_event_type TEXT,
            attack_type TEXT,
            killed_low INTEGER,
            killed_best INTEGER,
            killed_high INTEGER,
            injured_low INTEGER,
            injured_best INTEGER,
            injured_high INTEGER,
            is_reference INTEGER NOT NULL DEFAULT 0,
            published TEXT,
            source TEXT,
            summary TEXT,
            json TEXT NOT NULL
        )""",
        "CREATE INDEX idx_reports_article_id ON reports (article_id)",
        "CREATE INDEX idx_reports_country_date ON reports (country, date)",
        """CREATE TABLE figures (
            id INTEGER PRIMARY KEY,
            report_id TEXT NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
            article_id TEXT,
            position INTEGER NOT NULL,
            site TEXT,
            kind TEXT NOT NULL,
            low INTEGER,
            high INTEGER,
            qualifier TEXT,
            attributed_to TEXT,
            victim_category TEXT,
            place TEXT,
            is_total INTEGER NOT NULL,
            evidence_start INTEGER,
            evidence_end INTEGER,
            evidence_text TEXT
        )""",
        "CREATE INDEX idx_figures_report_id ON figures (report_id)",
    )


def m0002_incidents(conn: sqlite3.Connection) -> None:
    _run(
        conn,
        """CREATE TABLE incidents (
            id TEXT PRIMARY KEY,
            date TEXT,
            date_precision TEXT,
            country TEXT,
            admin1 TEXT,
            location_name TEXT,
            lat REAL,
            lon REAL,
            event_type TEXT,
            sub_event_type TEXT,
            attack_type TEXT,
            killed_low INTEGER,
            killed_best INTEGER,
            killed_high INTEGER,
            injured_low INTEGER,
            injured_best INTEGER,
            injured_high INTEGER,
            policy TEXT NOT NULL,
            n_reports INTEGER NOT NULL,
            n_articles INTEGER NOT NULL,
            summary TEXT,
            json TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
        "CREATE INDEX idx_incidents_date ON incidents (date)",
        "CREATE INDEX idx_incidents_country_date ON incidents (country, date)",
        "CREATE INDEX idx_incidents_event_type ON incidents (event_type)",
        # SQLite allows ADD COLUMN ... REFERENCES when the default is NULL.
        """ALTER TABLE reports ADD COLUMN
            incident_id TEXT REFERENCES incidents (id) ON DELETE SET NULL""",
        "CREATE INDEX idx_reports_incident_id ON reports (incident_id)",
    )


def m0003_failures_runs(conn: sqlite3.Connection) -> None:
    _run(
        conn,
        """CREATE TABLE failures (
            id INTEGER PRIMARY KEY,
            origin TEXT NOT NULL,
            reason TEXT NOT NULL,
            detail TEXT NOT NULL DEFAULT '',
            stage TEXT NOT NULL,
            article_id TEXT,
            at TEXT NOT NULL
        )""",
        "CREATE INDEX idx_failures_reason ON failures (reason)",
        """CREATE TABLE runs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            counts TEXT
        )""",
    )


#: Every migration, in the order they apply. Append only.
MIGRATIONS: tuple[Migration, ...] = (
    m0001_articles_reports_figures,
    m0002_incidents,
    m0003_failures_runs,
)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def applied_migrations(conn: sqlite3.Connection) -> list[str]:
    """Names of the migrations recorded in ``conn``, in the order they were applied."""
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT)"
    )
    rows = conn.execute("SELECT name FROM schema_migrations ORDER BY rowid").fetchall()
    return [row[0] for row in rows]


def migrate(
    conn: sqlite3.Connection,
    upto: str | None = None,
    migrations: tuple[Migration, ...] = MIGRATIONS,
) -> list[str]:
    """Apply the migrations not yet recorded (up to and including ``upto``); returns their names.

    ``conn`` must be in autocommit mode (``isolation_level=None``): each migration runs in its own
    ``BEGIN IMMEDIATE`` transaction, rolled back whole if it fails."""
    names = [m.__name__ for m in migrations]
    if upto is not None:
        if upto not in names:
            raise StoreError(f"no migration named {upto!r}", hint=f"known: {', '.join(names)}")
        migrations = migrations[: names.index(upto) + 1]
    done = applied_migrations(conn)
    unknown = [n for n in done if n not in names]
    if unknown:
        raise StoreError(
            f"the database has migrations this tollwatch does not know: {', '.join(unknown)}",
            hint="it was written by a newer tollwatch; upgrade tollwatch to open it",
        )
    applied = []
    for migration in migrations:
        name = migration.__name__
        if name in done:
            continue
        try:
            conn.execute("BEGIN IMMEDIATE")
            migration(conn)
            conn.execute(
                "INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)", (name, _now())
            )
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise StoreError(
                f"migration {name} failed: {exc}",
                hint="the database is unchanged by this migration; report this as a bug",
            ) from exc
        applied.append(name)
    return applied
