"""The SQLite store: one file (WAL mode), tables readable in any SQLite browser.

Tables (docs/schema.md, "Database"): articles, reports, figures, incidents, failures, runs and
schema_migrations. Each report and incident row carries its full record as JSON (``schema.py``) in
the ``json`` column; the other columns repeat the fields people filter and sort on.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from tollwatch import schema
from tollwatch.errors import NotFoundError, StoreError
from tollwatch.store import rows
from tollwatch.store.base import Store
from tollwatch.store.migrations import applied_migrations, migrate
from tollwatch.store.sqlite_resolution import ResolutionMixin
from tollwatch.store.sqlite_review import ReviewMixin, carry_reviews, review_snapshot
from tollwatch.store.sqlite_serve import SQLiteServeMixin
from tollwatch.types import FAILURE_REASONS, SCHEMA_VERSION, Article, Failure, Incident, Report

__all__ = ["SQLiteStore"]

_PAGE = 500  # rows per query when iterating; no cursor stays open between pages


class SQLiteStore(ResolutionMixin, ReviewMixin, SQLiteServeMixin, Store):
    """A Store in one SQLite file (``":memory:"`` for a throwaway one). Opening it applies the
    migrations it lacks."""

    def __init__(self, path: str | Path = ":memory:") -> None:
        self.path = str(path)
        try:
            # check_same_thread=False: a store may be handed between threads (the API opens one
            # per request in a worker thread); it must still be used by one thread at a time.
            conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as exc:
            raise StoreError(
                f"cannot open the database {self.path}: {exc}",
                hint="check that its directory exists and is writable",
            ) from exc
        try:
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA busy_timeout = 5000")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            migrate(conn)
        except sqlite3.Error as exc:
            conn.close()
            raise StoreError(
                f"cannot open the database {self.path}: {exc}",
                hint="check that the file is a tollwatch SQLite database and is writable",
            ) from exc
        except StoreError:
            conn.close()
            raise
        self._conn: sqlite3.Connection | None = conn

    def __repr__(self) -> str:
        return f"SQLiteStore({self.path!r})"

    # --- plumbing --------------------------------------------------------------------------------

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            raise StoreError(f"the store {self.path} is closed", hint="open it again")
        return self._conn

    @contextmanager
    def _write(self, what: str) -> Iterator[sqlite3.Connection]:
        """One transaction: committed whole, or rolled back and reported as StoreError."""
        conn = self._connection()
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise StoreError(
                f"cannot {what}: {exc}", hint="another process may hold the database; retry"
            ) from exc
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise StoreError(
                    f"cannot {what}: {exc}", hint="nothing was changed; fix the record and retry"
                ) from exc
            raise

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Reads inside see one snapshot of the database (a deferred read transaction; in WAL
        mode writers go on meanwhile). Not for use around writes."""
        conn = self._connection()
        if conn.in_transaction:
            yield
            return
        conn.execute("BEGIN")
        try:
            yield
        finally:
            if conn.in_transaction:
                conn.execute("COMMIT")

    def _read(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        try:
            return self._connection().execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise StoreError(f"cannot read the database {self.path}: {exc}") from exc

    def _scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        found = self._read(sql, params)
        return found[0][0] if found else None

    def _pages(self, table: str, where: list[str], params: list[Any]) -> Iterator[sqlite3.Row]:
        """Rows of ``table`` by id, one page per query (keyset pagination)."""
        last = ""
        while True:
            clauses = [*where, "id > ?"]
            page = self._read(
                f"SELECT * FROM {table} WHERE {' AND '.join(clauses)} ORDER BY id LIMIT {_PAGE}",
                [*params, last],
            )
            yield from page
            if len(page) < _PAGE:
                return
            last = page[-1]["id"]

    # --- articles --------------------------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        return self._scalar("SELECT 1 FROM articles WHERE id = ?", (article_id,)) is not None

    def has_content_hash(self, content_hash: str) -> bool:
        sql = "SELECT 1 FROM articles WHERE content_hash = ? LIMIT 1"
        return self._scalar(sql, (content_hash,)) is not None

    def add_article(self, article: Article) -> bool:
        row = rows.article_row(article)
        with self._write(f"store article {article.id!r}") as conn:
            return conn.execute(rows.INSERT_ARTICLE, row).rowcount == 1

    def get_article(self, article_id: str) -> Article:
        found = self._read("SELECT * FROM articles WHERE id = ?", (article_id,))
        if not found:
            raise NotFoundError(f"no article {article_id!r} in {self.path}")
        return rows.row_article(found[0])

    def iter_articles(self) -> Iterator[Article]:
        for row in self._pages("articles", [], []):
            yield rows.row_article(row)

    # --- reports ---------------------------------------------------------------------------------

    def add_reports(self, article_id: str, reports: Iterable[Report]) -> int:
        reports = list(reports)
        ids = [r.id for r in reports]
        if len(set(ids)) != len(ids):
            raise StoreError(
                f"the reports of article {article_id!r} repeat an id",
                hint="give each report its own id",
            )
        for r in reports:
            if r.article_id != article_id:
                raise StoreError(
                    f"report {r.id!r} belongs to article {r.article_id!r}, not {article_id!r}",
                    hint="store each article's reports with that article's id",
                )
        report_rows = [rows.report_row(r) for r in reports]
        figure_rows = [row for r in reports for row in rows.figure_rows(r)]
        victim_rows = [row for r in reports for row in rows.victim_key_rows(r)]
        with self._write(f"store the reports of article {article_id!r}") as conn:
            if (
                conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone()
                is None
            ):
                raise NotFoundError(
                    f"no article {article_id!r} in {self.path}",
                    hint="store the article (add_article) before its reports",
                )
            conn.execute(
                "DELETE FROM incidents WHERE id IN (SELECT incident_id FROM reports "
                "WHERE article_id = ? AND incident_id IS NOT NULL)",
                (article_id,),
            )
            conn.execute("DELETE FROM reports WHERE article_id = ?", (article_id,))
            conn.executemany(rows.INSERT_REPORT, report_rows)
            conn.executemany(rows.INSERT_FIGURE, figure_rows)
            conn.executemany(rows.INSERT_VICTIM_KEY, victim_rows)
        return len(reports)

    def get_report(self, report_id: str) -> Report:
        found = self._read("SELECT json FROM reports WHERE id = ?", (report_id,))
        if not found:
            raise NotFoundError(f"no report {report_id!r} in {self.path}")
        return schema.report_from_dict(json.loads(found[0]["json"]))

    def iter_reports(
        self,
        *,
        article_id: str | None = None,
        incident_id: str | None = None,
        date_from: date | None = None,
        date_to: date | None = None,
        country: str | None = None,
        unresolved: bool = False,
        include_reference: bool = True,
    ) -> Iterator[Report]:
        where, params = rows.where_clause(
            date_from=date_from,
            date_to=date_to,
            country=country,
            equal={"article_id": article_id, "incident_id": incident_id},
            extra=(["incident_id IS NULL"] if unresolved else [])
            + ([] if include_reference else ["is_reference = 0"]),
        )
        for row in self._pages("reports", where, params):
            yield schema.report_from_dict(json.loads(row["json"]))

    def iter_reports_naming(
        self,
        country: str,
        keys: Iterable[tuple[str, str]],
        date_from: date,
        date_to: date,
    ) -> Iterator[Report]:
        wanted = sorted({f"{a} {b}" for a, b in keys})
        if not wanted:
            return
        found: dict[str, Report] = {}
        for part in rows.chunks(wanted):
            sql = (
                "SELECT id, json FROM reports WHERE is_reference = 0 AND id IN ("
                "SELECT report_id FROM report_victim_keys WHERE country = ? AND date >= ? "
                f"AND date <= ? AND key IN ({rows.marks(len(part))}))"
            )
            params = (country.upper(), date_from.isoformat(), date_to.isoformat(), *part)
            for row in self._read(sql, params):
                found.setdefault(row["id"], schema.report_from_dict(json.loads(row["json"])))
        yield from (found[i] for i in sorted(found))

    # --- incidents -------------------------------------------------------------------------------

    def replace_incidents(self, incidents: Iterable[Incident], *, replace_all: bool = False) -> int:
        incidents = list(incidents)
        owner = rows.report_owners(incidents)
        updated_at = rows.now()
        incident_rows = [rows.incident_row(inc, updated_at) for inc in incidents]
        with self._write("store incidents") as conn:
            if replace_all:
                snapshot = review_snapshot(conn, None)
                conn.execute("DELETE FROM incidents")
            else:
                stale = rows.stale_incidents(conn, incidents, owner)
                snapshot = review_snapshot(conn, stale)
                conn.executemany("DELETE FROM incidents WHERE id = ?", [(i,) for i in stale])
            conn.executemany(rows.INSERT_INCIDENT, incident_rows)
            conn.executemany(
                "UPDATE reports SET incident_id = ? WHERE id = ?",
                [(inc_id, report_id) for report_id, inc_id in owner.items()],
            )
            carry_reviews(conn, incidents, snapshot)
        return len(incidents)

    def delete_incidents(self, incident_ids: Iterable[str]) -> int:
        ids = sorted(set(incident_ids))
        deleted = 0
        with self._write("delete incidents") as conn:
            for chunk in rows.chunks(ids):
                sql = f"DELETE FROM incidents WHERE id IN ({rows.marks(len(chunk))})"
                deleted += conn.execute(sql, chunk).rowcount
        return deleted

    def get_incident(self, incident_id: str) -> Incident:
        found = self._read("SELECT json FROM incidents WHERE id = ?", (incident_id,))
        if not found:
            raise NotFoundError(f"no incident {incident_id!r} in {self.path}")
        return schema.incident_from_dict(json.loads(found[0]["json"]))

    @staticmethod
    def _incident_filters(
        date_from: date | None,
        date_to: date | None,
        country: str | None,
        event_type: str | None,
        min_killed: int | None,
    ) -> tuple[str, list[Any]]:
        where, params = rows.where_clause(
            date_from=date_from,
            date_to=date_to,
            country=country,
            equal={"event_type": event_type},
            at_least={"killed_best": min_killed},
        )
        return (" WHERE " + " AND ".join(where) if where else ""), params

    def list_incidents(
        self,
        *,
        date_from: date | None = None,
        date_to: date | None = None,
        country: str | None = None,
        event_type: str | None = None,
        min_killed: int | None = None,
        limit: int | None = 100,
        offset: int = 0,
    ) -> list[Incident]:
        if (limit is not None and limit < 0) or offset < 0:
            raise StoreError(
                f"limit and offset must not be negative, got limit={limit} offset={offset}"
            )
        where, params = self._incident_filters(date_from, date_to, country, event_type, min_killed)
        found = self._read(
            f"SELECT json FROM incidents{where} ORDER BY date IS NULL, date DESC, id "
            "LIMIT ? OFFSET ?",
            [*params, -1 if limit is None else limit, offset],
        )
        return [schema.incident_from_dict(json.loads(row["json"])) for row in found]

    def count_incidents(
        self,
        *,
        date_from: date | None = None,
        date_to: date | None = None,
        country: str | None = None,
        event_type: str | None = None,
        min_killed: int | None = None,
    ) -> int:
        where, params = self._incident_filters(date_from, date_to, country, event_type, min_killed)
        return int(self._scalar(f"SELECT COUNT(*) FROM incidents{where}", params))

    # --- failures and runs -----------------------------------------------------------------------

    def add_failure(self, failure: Failure) -> None:
        if failure.reason not in FAILURE_REASONS:
            raise StoreError(
                f"unknown failure reason {failure.reason!r} for {failure.origin!r}",
                hint=f"use one of: {', '.join(FAILURE_REASONS)}",
            )
        with self._write(f"record a failure of {failure.origin!r}") as conn:
            conn.execute(
                rows.INSERT_FAILURE,
                (
                    failure.origin,
                    failure.reason,
                    failure.detail,
                    failure.stage,
                    failure.article_id,
                    rows.now(),
                ),
            )

    def iter_failures(self, reason: str | None = None) -> Iterator[Failure]:
        where = " WHERE reason = ?" if reason is not None else ""
        params = (reason,) if reason is not None else ()
        for row in self._read(f"SELECT * FROM failures{where} ORDER BY id", params):
            yield Failure(
                origin=row["origin"],
                reason=row["reason"],
                detail=row["detail"],
                stage=row["stage"],
                article_id=row["article_id"],
            )

    def failure_counts(self) -> dict[str, int]:
        sql = "SELECT reason, COUNT(*) FROM failures GROUP BY reason ORDER BY reason"
        return {row[0]: row[1] for row in self._read(sql)}

    def start_run(self) -> int:
        with self._write("record a run") as conn:
            cur = conn.execute("INSERT INTO runs (started_at) VALUES (?)", (rows.now(),))
            return int(cur.lastrowid or 0)

    def finish_run(self, run_id: int, counts: Mapping[str, int]) -> None:
        with self._write(f"finish run {run_id}") as conn:
            cur = conn.execute(
                "UPDATE runs SET finished_at = ?, counts = ? WHERE id = ?",
                (rows.now(), json.dumps(dict(counts), sort_keys=True), run_id),
            )
            if cur.rowcount == 0:
                raise NotFoundError(f"no run {run_id} in {self.path}", hint="call start_run first")

    def stats(self) -> dict[str, Any]:
        count = {
            table: int(self._scalar(f"SELECT COUNT(*) FROM {table}"))
            for table in ("articles", "reports", "figures", "incidents", "failures", "runs")
        }
        return {
            "backend": "sqlite",
            "path": self.path,
            "schema_version": SCHEMA_VERSION,
            "migrations": applied_migrations(self._connection()),
            **count,
            "reference_reports": int(
                self._scalar("SELECT COUNT(*) FROM reports WHERE is_reference = 1")
            ),
            "unresolved_reports": int(
                self._scalar(
                    "SELECT COUNT(*) FROM reports WHERE incident_id IS NULL AND is_reference = 0"
                )
            ),
            "failures_by_reason": self.failure_counts(),
        }

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
