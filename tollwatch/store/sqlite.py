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
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from tollwatch import schema
from tollwatch.errors import NotFoundError, StoreError
from tollwatch.store.base import Store
from tollwatch.store.migrations import applied_migrations, migrate
from tollwatch.types import (
    FAILURE_REASONS,
    SCHEMA_VERSION,
    Article,
    Failure,
    Figure,
    Incident,
    Location,
    Report,
)

__all__ = ["SQLiteStore"]

_PAGE = 500  # rows per query when iterating; no cursor stays open between pages
_CHUNK = 500  # ids per IN (...) list


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _dumps(d: dict[str, Any]) -> str:
    return json.dumps(d, ensure_ascii=False, separators=(",", ":"))


def _chunks(items: Sequence[str]) -> Iterator[Sequence[str]]:
    for i in range(0, len(items), _CHUNK):
        yield items[i : i + _CHUNK]


def _marks(items: Sequence[Any]) -> str:
    return ",".join("?" * len(items))


def _country(location: Location | None, sites: Iterable[Any]) -> str | None:
    locs = ([location] if location is not None else []) + [s.location for s in sites]
    return next((loc.country.upper() for loc in locs if loc.country), None)


def _place_columns(rec: Report | Incident) -> tuple[Any, ...]:
    loc = rec.location
    return (
        rec.date.isoformat() if rec.date else None,
        rec.date_precision,
        _country(loc, rec.sites),
        loc.admin1 if loc else None,
        loc.name if loc else None,
        loc.lat if loc else None,
        loc.lon if loc else None,
        rec.event_type,
        rec.sub_event_type,
        rec.attack_type,
        rec.killed.low,
        rec.killed.best,
        rec.killed.high,
        rec.injured.low,
        rec.injured.best,
        rec.injured.high,
    )


_PLACE_COLUMNS = (
    "date, date_precision, country, admin1, location_name, lat, lon, event_type, sub_event_type, "
    "attack_type, killed_low, killed_best, killed_high, injured_low, injured_best, injured_high"
)


def _figure_rows(report: Report) -> list[tuple[Any, ...]]:
    rows: list[tuple[Any, ...]] = []
    placed: list[tuple[Figure, str | None]] = [(f, None) for f in report.figures]
    seen = set(report.figures)
    for site in report.sites:
        for fig in site.figures:
            if fig not in seen:
                seen.add(fig)
                placed.append((fig, site.location.name))
    for position, (fig, site_name) in enumerate(placed):
        ev = fig.evidence
        rows.append(
            (
                report.id,
                ev.article_id if ev else report.article_id,
                position,
                site_name,
                fig.kind,
                fig.low,
                fig.high,
                fig.qualifier,
                fig.attributed_to,
                fig.victim_category,
                fig.place,
                int(fig.is_total),
                ev.start if ev else None,
                ev.end if ev else None,
                ev.text if ev else None,
            )
        )
    return rows


class SQLiteStore(Store):
    """A Store in one SQLite file (``":memory:"`` for a throwaway one). Opening it applies the
    migrations it lacks."""

    def __init__(self, path: str | Path = ":memory:") -> None:
        self.path = str(path)
        try:
            conn = sqlite3.connect(self.path, isolation_level=None)
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

    def _read(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        try:
            return self._connection().execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise StoreError(f"cannot read the database {self.path}: {exc}") from exc

    def _scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        rows = self._read(sql, params)
        return rows[0][0] if rows else None

    def _pages(self, table: str, where: list[str], params: list[Any]) -> Iterator[sqlite3.Row]:
        """Rows of ``table`` by id, one page per query (keyset pagination)."""
        last = ""
        while True:
            clauses = [*where, "id > ?"]
            rows = self._read(
                f"SELECT * FROM {table} WHERE {' AND '.join(clauses)} ORDER BY id LIMIT {_PAGE}",
                [*params, last],
            )
            yield from rows
            if len(rows) < _PAGE:
                return
            last = rows[-1]["id"]

    # --- articles --------------------------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        return self._scalar("SELECT 1 FROM articles WHERE id = ?", (article_id,)) is not None

    def has_content_hash(self, content_hash: str) -> bool:
        sql = "SELECT 1 FROM articles WHERE content_hash = ? LIMIT 1"
        return self._scalar(sql, (content_hash,)) is not None

    def add_article(self, article: Article) -> bool:
        d = article.to_dict()
        columns = ("id", "url", "source", "title", "published", "language", "origin")
        values = [d[c] for c in columns] + [d["content_hash"], d["text"], _now()]
        with self._write(f"store article {article.id!r}") as conn:
            cur = conn.execute(
                "INSERT INTO articles (id, url, source, title, published, language, origin, "
                "content_hash, text, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (id) DO NOTHING",
                values,
            )
            return cur.rowcount == 1

    @staticmethod
    def _article(row: sqlite3.Row) -> Article:
        keys = ("id", "text", "url", "source", "title", "published", "language", "origin")
        return Article.from_dict({k: row[k] for k in (*keys, "content_hash")})

    def get_article(self, article_id: str) -> Article:
        rows = self._read("SELECT * FROM articles WHERE id = ?", (article_id,))
        if not rows:
            raise NotFoundError(f"no article {article_id!r} in {self.path}")
        return self._article(rows[0])

    def iter_articles(self) -> Iterator[Article]:
        for row in self._pages("articles", [], []):
            yield self._article(row)

    # --- reports ---------------------------------------------------------------------------------

    def add_reports(self, article_id: str, reports: Iterable[Report]) -> int:
        reports = list(reports)
        ids = [r.id for r in reports]
        if len(set(ids)) != len(ids):
            raise StoreError(
                f"the reports of article {article_id!r} repeat an id",
                hint="give each report its own id",
            )
        report_rows, figure_rows = [], []
        for r in reports:
            if r.article_id != article_id:
                raise StoreError(
                    f"report {r.id!r} belongs to article {r.article_id!r}, not {article_id!r}",
                    hint="store each article's reports with that article's id",
                )
            try:
                text = _dumps(schema.report_to_dict(r))
            except (TypeError, ValueError, AttributeError) as exc:
                raise StoreError(f"report {r.id!r} cannot be serialised: {exc}") from exc
            report_rows.append(
                (r.id, r.article_id, *_place_columns(r), int(r.is_reference))
                + (r.published.isoformat() if r.published else None, r.source, r.summary, text)
            )
            figure_rows.extend(_figure_rows(r))
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
            if not report_rows:
                return 0
            conn.executemany(
                f"INSERT INTO reports (id, article_id, {_PLACE_COLUMNS}, is_reference, published, "
                f"source, summary, json) VALUES ({_marks(report_rows[0])})",
                report_rows,
            )
            conn.executemany(
                "INSERT INTO figures (report_id, article_id, position, site, kind, low, high, "
                "qualifier, attributed_to, victim_category, place, is_total, evidence_start, "
                "evidence_end, evidence_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                figure_rows,
            )
        return len(reports)

    def get_report(self, report_id: str) -> Report:
        rows = self._read("SELECT json FROM reports WHERE id = ?", (report_id,))
        if not rows:
            raise NotFoundError(f"no report {report_id!r} in {self.path}")
        return schema.report_from_dict(json.loads(rows[0]["json"]))

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
        where: list[str] = []
        params: list[Any] = []
        for column, value in (("article_id", article_id), ("incident_id", incident_id)):
            if value is not None:
                where.append(f"{column} = ?")
                params.append(value)
        where, params = self._date_country(where, params, date_from, date_to, country)
        if unresolved:
            where.append("incident_id IS NULL")
        if not include_reference:
            where.append("is_reference = 0")
        for row in self._pages("reports", where, params):
            yield schema.report_from_dict(json.loads(row["json"]))

    @staticmethod
    def _date_country(
        where: list[str],
        params: list[Any],
        date_from: date | None,
        date_to: date | None,
        country: str | None,
    ) -> tuple[list[str], list[Any]]:
        if date_from is not None:
            where.append("date >= ?")
            params.append(date_from.isoformat())
        if date_to is not None:
            where.append("date <= ?")
            params.append(date_to.isoformat())
        if country is not None:
            where.append("country = ?")
            params.append(country.upper())
        return where, params

    # --- incidents -------------------------------------------------------------------------------

    def replace_incidents(self, incidents: Iterable[Incident], *, replace_all: bool = False) -> int:
        incidents = list(incidents)
        owner: dict[str, str] = {}
        rows = []
        now = _now()
        for inc in incidents:
            for report_id in inc.report_ids:
                if owner.setdefault(report_id, inc.id) != inc.id:
                    raise StoreError(
                        f"report {report_id!r} is in incidents {owner[report_id]!r} and {inc.id!r}",
                        hint="each report belongs to one incident; resolve the reports again",
                    )
            try:
                text = _dumps(schema.incident_to_dict(inc))
            except (TypeError, ValueError, AttributeError) as exc:
                raise StoreError(f"incident {inc.id!r} cannot be serialised: {exc}") from exc
            rows.append(
                (inc.id, *_place_columns(inc), inc.policy, len(inc.report_ids))
                + (len(inc.article_ids), inc.summary, text, now)
            )
        ids = [inc.id for inc in incidents]
        if len(set(ids)) != len(ids):
            raise StoreError("two incidents share an id", hint="resolve the reports again")
        with self._write("store incidents") as conn:
            if replace_all:
                conn.execute("DELETE FROM incidents")
            else:
                stale = set(ids)
                report_ids = list(owner)
                for chunk in _chunks(report_ids):
                    stale.update(
                        row[0]
                        for row in conn.execute(
                            "SELECT DISTINCT incident_id FROM reports "
                            f"WHERE id IN ({_marks(chunk)}) AND incident_id IS NOT NULL",
                            chunk,
                        )
                    )
                conn.executemany("DELETE FROM incidents WHERE id = ?", [(i,) for i in stale])
            if not rows:
                return 0
            conn.executemany(
                f"INSERT INTO incidents (id, {_PLACE_COLUMNS}, policy, n_reports, n_articles, "
                f"summary, json, updated_at) VALUES ({_marks(rows[0])})",
                rows,
            )
            conn.executemany(
                "UPDATE reports SET incident_id = ? WHERE id = ?",
                [(inc_id, report_id) for report_id, inc_id in owner.items()],
            )
        return len(incidents)

    def delete_incidents(self, incident_ids: Iterable[str]) -> int:
        ids = sorted(set(incident_ids))
        deleted = 0
        with self._write("delete incidents") as conn:
            for chunk in _chunks(ids):
                cur = conn.execute(f"DELETE FROM incidents WHERE id IN ({_marks(chunk)})", chunk)
                deleted += cur.rowcount
        return deleted

    def get_incident(self, incident_id: str) -> Incident:
        rows = self._read("SELECT json FROM incidents WHERE id = ?", (incident_id,))
        if not rows:
            raise NotFoundError(f"no incident {incident_id!r} in {self.path}")
        return schema.incident_from_dict(json.loads(rows[0]["json"]))

    def _incident_filters(
        self,
        date_from: date | None,
        date_to: date | None,
        country: str | None,
        event_type: str | None,
        min_killed: int | None,
    ) -> tuple[str, list[Any]]:
        where, params = self._date_country([], [], date_from, date_to, country)
        if event_type is not None:
            where.append("event_type = ?")
            params.append(event_type)
        if min_killed is not None:
            where.append("killed_best >= ?")
            params.append(int(min_killed))
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
        rows = self._read(
            f"SELECT json FROM incidents{where} ORDER BY date IS NULL, date DESC, id "
            "LIMIT ? OFFSET ?",
            [*params, -1 if limit is None else limit, offset],
        )
        return [schema.incident_from_dict(json.loads(row["json"])) for row in rows]

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
                "INSERT INTO failures (origin, reason, detail, stage, article_id, at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (
                    failure.origin,
                    failure.reason,
                    failure.detail,
                    failure.stage,
                    failure.article_id,
                    _now(),
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
        rows = self._read("SELECT reason, COUNT(*) FROM failures GROUP BY reason ORDER BY reason")
        return {row[0]: row[1] for row in rows}

    def start_run(self) -> int:
        with self._write("record a run") as conn:
            cur = conn.execute("INSERT INTO runs (started_at) VALUES (?)", (_now(),))
            return int(cur.lastrowid or 0)

    def finish_run(self, run_id: int, counts: Mapping[str, int]) -> None:
        with self._write(f"finish run {run_id}") as conn:
            cur = conn.execute(
                "UPDATE runs SET finished_at = ?, counts = ? WHERE id = ?",
                (_now(), json.dumps(dict(counts), sort_keys=True), run_id),
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
