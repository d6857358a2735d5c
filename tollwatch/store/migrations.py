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
from tollwatch.store import decision_keys

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


# --- serve (issue 5): query indexes, perpetrator and text-search side tables, users, reviews ------


def m0010_serve_indexes_search(conn: sqlite3.Connection) -> None:
    """Indexes for the API's filters and sorts (keyset pagination on (sort key, id)), a table of
    incident perpetrators and an FTS5 index, both kept in step with ``incidents`` by triggers so
    that the writers need not know about them."""
    body = (
        "coalesce(NEW.summary, '') || ' ' || coalesce(NEW.location_name, '') || ' ' || "
        "coalesce(NEW.admin1, '') || ' ' || coalesce(NEW.event_type, '') || ' ' || "
        "coalesce((SELECT group_concat(json_extract(value, '$.name'), ' ') "
        "FROM json_each(NEW.json, '$.perpetrators')), '')"
    )
    perps = (
        "INSERT INTO incident_perpetrators (incident_id, name) "
        "SELECT NEW.id, json_extract(value, '$.name') FROM json_each(NEW.json, '$.perpetrators') "
        "WHERE json_extract(value, '$.name') IS NOT NULL"
    )
    forget = (
        "DELETE FROM incident_perpetrators WHERE incident_id = OLD.id; "
        "DELETE FROM incidents_fts WHERE rowid = OLD.rowid;"
    )
    _run(
        conn,
        "CREATE INDEX idx_incidents_date_id ON incidents (date, id)",
        # covering: a country's map points and its date-sorted pages read only this index
        "CREATE INDEX idx_incidents_country_date_cover "
        "ON incidents (country, date, id, lat, lon, killed_best, event_type)",
        "CREATE INDEX idx_incidents_country_admin1_date ON incidents (country, admin1, date, id)",
        "CREATE INDEX idx_incidents_killed_id ON incidents (killed_best, id)",
        "CREATE INDEX idx_incidents_country_killed_id ON incidents (country, killed_best, id)",
        "CREATE INDEX idx_incidents_type_date_id ON incidents (event_type, date, id)",
        "CREATE INDEX idx_incidents_lat_lon ON incidents (lat, lon)",
        """CREATE TABLE incident_perpetrators (
            incident_id TEXT NOT NULL,
            name TEXT NOT NULL
        )""",
        "CREATE INDEX idx_incident_perpetrators_name "
        "ON incident_perpetrators (name COLLATE NOCASE, incident_id)",
        "CREATE INDEX idx_incident_perpetrators_incident ON incident_perpetrators (incident_id)",
        "CREATE VIRTUAL TABLE incidents_fts USING fts5 (body, tokenize = 'unicode61')",
        f"CREATE TRIGGER trg_incidents_serve_ai AFTER INSERT ON incidents BEGIN {perps}; "
        f"INSERT INTO incidents_fts (rowid, body) VALUES (NEW.rowid, {body}); END",
        f"CREATE TRIGGER trg_incidents_serve_ad AFTER DELETE ON incidents BEGIN {forget} END",
        f"CREATE TRIGGER trg_incidents_serve_au AFTER UPDATE ON incidents BEGIN {forget} {perps}; "
        f"INSERT INTO incidents_fts (rowid, body) VALUES (NEW.rowid, {body}); END",
        perps.replace("NEW.", "incidents.").replace(
            "FROM json_each(incidents.json", "FROM incidents, json_each(incidents.json"
        ),
        "INSERT INTO incidents_fts (rowid, body) SELECT rowid, "
        + body.replace("NEW.", "incidents.")
        + " FROM incidents",
    )


def m0011_users_tokens_review_decisions(conn: sqlite3.Connection) -> None:
    """Dashboard/API users (hashed passwords, roles), API tokens (stored hashed) and analysts'
    review decisions. Decisions are keyed by incident id (stable across re-runs), not by a
    foreign key, so that they survive re-processing."""
    _run(
        conn,
        """CREATE TABLE users (
            name TEXT PRIMARY KEY,
            role TEXT NOT NULL CHECK (role IN ('viewer', 'analyst', 'admin')),
            password_hash TEXT NOT NULL,
            created_at TEXT NOT NULL
        )""",
        """CREATE TABLE api_tokens (
            token_hash TEXT PRIMARY KEY,
            user_name TEXT NOT NULL REFERENCES users (name) ON DELETE CASCADE,
            label TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL
        )""",
        "CREATE INDEX idx_api_tokens_user ON api_tokens (user_name)",
        """CREATE TABLE review_decisions (
            id INTEGER PRIMARY KEY,
            incident_id TEXT NOT NULL,
            action TEXT NOT NULL,
            field TEXT,
            figure_key TEXT,
            value TEXT,
            why TEXT NOT NULL,
            user_name TEXT NOT NULL,
            at TEXT NOT NULL,
            revoked_at TEXT,
            revoked_by TEXT
        )""",
        "CREATE INDEX idx_review_decisions_incident ON review_decisions (incident_id)",
    )


def m0004_resolution_decisions_links_families(conn: sqlite3.Connection) -> None:
    """Issue 4: analyst decisions, the change log, resolution evidence and report families."""
    _run(
        conn,
        """CREATE TABLE decisions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            kind TEXT NOT NULL,
            incident_ids TEXT NOT NULL,
            part TEXT NOT NULL,
            rest TEXT NOT NULL,
            note TEXT,
            status TEXT NOT NULL DEFAULT 'active',
            superseded_by INTEGER,
            created_at TEXT NOT NULL,
            undone_at TEXT
        )""",
        "CREATE INDEX idx_decisions_status ON decisions (status)",
        """CREATE TABLE resolution_log (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at TEXT NOT NULL,
            action TEXT NOT NULL,
            incident_id TEXT,
            decision_id INTEGER,
            detail TEXT NOT NULL
        )""",
        "CREATE INDEX idx_resolution_log_incident ON resolution_log (incident_id)",
        """CREATE TABLE incident_links (
            id INTEGER PRIMARY KEY,
            incident_id TEXT NOT NULL,
            report_a TEXT NOT NULL,
            report_b TEXT NOT NULL,
            score REAL,
            outcome TEXT NOT NULL,
            decision_id INTEGER,
            detail TEXT NOT NULL
        )""",
        "CREATE INDEX idx_incident_links_incident ON incident_links (incident_id)",
        "ALTER TABLE reports ADD COLUMN family_id TEXT",
        "CREATE INDEX idx_reports_family_id ON reports (family_id)",
    )


def m0012_decision_authors(conn: sqlite3.Connection) -> None:
    """Who made a merge or split decision (from the API or dashboard) and who undid it; null for
    decisions made with the CLI."""
    _run(
        conn,
        "ALTER TABLE decisions ADD COLUMN user_name TEXT",
        "ALTER TABLE decisions ADD COLUMN undone_by TEXT",
    )


def m0013_reviewed_columns_decision_moves(conn: sqlite3.Connection) -> None:
    """Review decisions follow their incident: ``made_on`` (the reports of the incident when the
    decision was made, filled here with its reports now), ``needs_review`` (why an analyst should
    look again: a split, a merge conflict, an incident gone) and ``review_decision_moves`` (each
    move to another incident id). Then the indexed columns of reviewed incidents get their
    corrected values, so that filters and sorts see them (``store.sqlite_review``)."""
    from tollwatch.store.sqlite_review import refresh_reviewed_columns

    _run(
        conn,
        "ALTER TABLE review_decisions ADD COLUMN made_on TEXT",
        "ALTER TABLE review_decisions ADD COLUMN needs_review TEXT",
        """CREATE TABLE review_decision_moves (
            id INTEGER PRIMARY KEY,
            decision_id INTEGER NOT NULL,
            from_incident_id TEXT,
            to_incident_id TEXT,
            reason TEXT NOT NULL,
            at TEXT NOT NULL
        )""",
        "CREATE INDEX idx_review_decision_moves_decision ON review_decision_moves (decision_id)",
        """UPDATE review_decisions SET made_on = (
            SELECT json_group_array(id) FROM (
                SELECT id FROM reports WHERE incident_id = review_decisions.incident_id ORDER BY id
            ))""",
    )
    reviewed = conn.execute(
        "SELECT DISTINCT incident_id FROM review_decisions WHERE revoked_at IS NULL"
    ).fetchall()
    row_factory = conn.row_factory
    conn.row_factory = sqlite3.Row
    try:
        refresh_reviewed_columns(conn, [r[0] for r in reviewed], perpetrators=False)
    finally:
        conn.row_factory = row_factory


def m0014_decision_report_keys(conn: sqlite3.Connection) -> None:
    """Issue 4: the stable key of each report a decision names (article, position, signature), so
    that a decision survives the re-extraction of its articles; keys for the decisions already
    recorded, from their reports still stored (``decision_keys``)."""
    _run(
        conn,
        """CREATE TABLE decision_reports (
            decision_id INTEGER NOT NULL REFERENCES decisions (id) ON DELETE CASCADE,
            report_id TEXT NOT NULL,
            article_id TEXT NOT NULL,
            position INTEGER NOT NULL,
            of_reports INTEGER NOT NULL,
            signature TEXT NOT NULL,
            PRIMARY KEY (decision_id, report_id)
        )""",
        "CREATE INDEX idx_decision_reports_article ON decision_reports (article_id)",
    )
    decision_keys.backfill(conn)


def m0015_reviewed_perpetrators(conn: sqlite3.Connection) -> None:
    """Analysts correct an incident's perpetrators: ``incidents.perpetrators_reviewed`` holds the
    corrected list of names (a JSON array; NULL: the machine's names from ``json``), and the
    triggers of m0010 are replaced by ones that fill ``incident_perpetrators`` and the text index
    from it when it is set, so the perpetrator filter, text search and facets see corrections."""
    names = (
        "SELECT value AS name FROM json_each(NEW.perpetrators_reviewed) "
        "WHERE NEW.perpetrators_reviewed IS NOT NULL AND value IS NOT NULL "
        "UNION ALL SELECT json_extract(value, '$.name') FROM json_each(NEW.json, '$.perpetrators') "
        "WHERE NEW.perpetrators_reviewed IS NULL AND json_extract(value, '$.name') IS NOT NULL"
    )
    perps = (
        f"INSERT INTO incident_perpetrators (incident_id, name) SELECT NEW.id, name FROM ({names})"
    )
    body = (
        "coalesce(NEW.summary, '') || ' ' || coalesce(NEW.location_name, '') || ' ' || "
        "coalesce(NEW.admin1, '') || ' ' || coalesce(NEW.event_type, '') || ' ' || "
        f"coalesce((SELECT group_concat(name, ' ') FROM ({names})), '')"
    )
    forget = (
        "DELETE FROM incident_perpetrators WHERE incident_id = OLD.id; "
        "DELETE FROM incidents_fts WHERE rowid = OLD.rowid;"
    )
    _run(
        conn,
        "ALTER TABLE incidents ADD COLUMN perpetrators_reviewed TEXT",
        "DROP TRIGGER trg_incidents_serve_ai",
        "DROP TRIGGER trg_incidents_serve_au",
        f"CREATE TRIGGER trg_incidents_serve_ai AFTER INSERT ON incidents BEGIN {perps}; "
        f"INSERT INTO incidents_fts (rowid, body) VALUES (NEW.rowid, {body}); END",
        f"CREATE TRIGGER trg_incidents_serve_au AFTER UPDATE ON incidents BEGIN {forget} {perps}; "
        f"INSERT INTO incidents_fts (rowid, body) VALUES (NEW.rowid, {body}); END",
    )


def m0016_report_victim_keys(conn: sqlite3.Connection) -> None:
    """Issue 4: an index of the full-named victims of each report (``rows.victim_key_rows``), by
    country, word pair and date, for the follow-up candidates of incremental resolution; filled
    for the reports already stored."""
    _run(
        conn,
        """CREATE TABLE report_victim_keys (
            report_id TEXT NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
            country TEXT NOT NULL,
            date TEXT NOT NULL,
            key TEXT NOT NULL
        )""",
        "CREATE INDEX idx_report_victim_keys ON report_victim_keys (country, key, date)",
        "CREATE INDEX idx_report_victim_keys_report ON report_victim_keys (report_id)",
    )
    _index_victims(conn)


def m0017_report_group_keys(conn: sqlite3.Connection) -> None:
    """Issue 4, session 12: the victim index also holds the group a report's victims form ("#
    jesuit", ``resolve.compat.GROUP_KEY``) for group follow-ups; the stored reports are indexed
    again so that incremental resolution finds them too."""
    conn.execute("DELETE FROM report_victim_keys")
    _index_victims(conn)


def _index_victims(conn: sqlite3.Connection) -> None:
    """Fill ``report_victim_keys`` for every stored current, dated report."""
    import json

    from tollwatch import schema
    from tollwatch.store.rows import INSERT_VICTIM_KEY, victim_key_rows

    cursor = conn.execute("SELECT json FROM reports WHERE is_reference = 0 AND date IS NOT NULL")
    while batch := cursor.fetchmany(1000):
        found = [
            row
            for (text,) in batch
            for row in victim_key_rows(schema.report_from_dict(json.loads(text)))
        ]
        conn.executemany(INSERT_VICTIM_KEY, found)


#: Every migration, in the order they apply. Append only.
MIGRATIONS: tuple[Migration, ...] = (
    m0001_articles_reports_figures,
    m0002_incidents,
    m0003_failures_runs,
    m0004_resolution_decisions_links_families,
    m0010_serve_indexes_search,
    m0011_users_tokens_review_decisions,
    m0012_decision_authors,
    m0013_reviewed_columns_decision_moves,
    m0014_decision_report_keys,
    m0015_reviewed_perpetrators,
    m0016_report_victim_keys,
    m0017_report_group_keys,
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
