"""The SQLite side of the serving reads and writes (``tollwatch serve``, exports, users, reviews).

A mixin of ``SQLiteStore``: it uses the store's ``_read``, ``_scalar`` and ``_write``. Tables and
indexes come from migrations m0010 (indexes, ``incident_perpetrators``, ``incidents_fts``) and m0011
(``users``, ``api_tokens``); review decisions are in ``sqlite_review``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from tollwatch import schema
from tollwatch.errors import NotFoundError, QueryError, StoreError
from tollwatch.store import rows
from tollwatch.store.query import SORTS, IncidentPage, IncidentQuery, decode_cursor, encode_cursor

__all__ = ["SQLiteServeMixin", "where_of"]

_MAX_PAGE = 1000
#: a text search is probed incident by incident (not materialised) when the perpetrator filter
#: leaves at most this many incidents: a word found in most incidents then costs milliseconds
_PROBE_MAX = 5000
_ROLES = ("viewer", "analyst", "admin")


def _fts_expression(text: str) -> str:
    """Words of a free-text search as an FTS5 AND of quoted terms ("car bomb" -> "car" "bomb")."""
    words = re.findall(r"\w+", text)
    if not words:
        raise QueryError(f"nothing to search for in {text!r}", hint="give at least one word")
    return " ".join(f'"{w}"' for w in words)


def where_of(query: IncidentQuery, *, text_probe: bool = False) -> tuple[list[str], list[Any]]:
    """SQL conditions on ``incidents`` for every filter of ``query``. The text search is a set of
    rowids from the FTS index (good when the words are rare or nothing else filters), or with
    ``text_probe`` a lookup of each candidate incident in the index (good when other filters
    leave few candidates, whatever the words)."""
    where: list[str] = []
    params: list[Any] = []
    if query.date_from is not None:
        where.append("date >= ?")
        params.append(query.date_from.isoformat())
    if query.date_to is not None:
        where.append("date <= ?")
        params.append(query.date_to.isoformat())
    for column, value in (
        ("country", query.country.upper() if query.country else None),
        ("admin1", query.admin1),
        ("event_type", query.event_type),
    ):
        if value is not None:
            where.append(f"{column} = ?")
            params.append(value)
    if query.bbox is not None:
        west, south, east, north = query.bbox
        where.append("lat BETWEEN ? AND ?")
        params += [south, north]
        if west <= east:
            where.append("lon BETWEEN ? AND ?")
            params += [west, east]
        else:  # the box crosses the antimeridian
            where.append("(lon >= ? OR lon <= ?)")
            params += [west, east]
    if query.min_killed is not None:
        where.append("killed_best >= ?")
        params.append(query.min_killed)
    if query.perpetrator:
        where.append(
            "id IN (SELECT incident_id FROM incident_perpetrators WHERE name = ? COLLATE NOCASE)"
        )
        params.append(query.perpetrator)
    if query.text and text_probe:
        where.append(
            "EXISTS (SELECT 1 FROM incidents_fts WHERE incidents_fts MATCH ? "
            "AND rowid = incidents.rowid)"
        )
        params.append(_fts_expression(query.text))
    elif query.text:
        where.append("rowid IN (SELECT rowid FROM incidents_fts WHERE incidents_fts MATCH ?)")
        params.append(_fts_expression(query.text))
    if query.ids:
        where.append(f"id IN ({rows.marks(len(query.ids))})")
        params += list(query.ids)
    return where, params


def _keyset(column: str, desc: bool, value: Any, last_id: str) -> tuple[str, list[Any]]:
    """The condition "after (value, last_id)" in ORDER BY column, id (both asc or both desc).
    SQLite sorts NULL first ascending and last descending."""
    if desc:
        if value is None:
            return f"({column} IS NULL AND id < ?)", [last_id]
        return (
            f"({column} < ? OR ({column} = ? AND id < ?) OR {column} IS NULL)",
            [value, value, last_id],
        )
    if value is None:
        return f"({column} IS NOT NULL OR ({column} IS NULL AND id > ?))", [last_id]
    return f"({column} > ? OR ({column} = ? AND id > ?))", [value, value, last_id]


class SQLiteServeMixin:
    """Serving queries for SQLiteStore (see ``Store`` for the contracts)."""

    path: str

    def _where(self, query: IncidentQuery) -> tuple[list[str], list[Any]]:
        """``where_of`` with the text search probed per incident when the perpetrator filter
        leaves few incidents (one index count decides)."""
        probe = False
        if query.text and query.perpetrator:
            candidates = self._scalar(
                "SELECT COUNT(*) FROM (SELECT 1 FROM incident_perpetrators "
                "WHERE name = ? COLLATE NOCASE LIMIT ?)",
                (query.perpetrator, _PROBE_MAX + 1),
            )
            probe = candidates <= _PROBE_MAX
        return where_of(query, text_probe=probe)

    # --- incidents -------------------------------------------------------------------------------

    def query_incidents(
        self,
        query: IncidentQuery,
        *,
        sort: str = "-date",
        limit: int = 50,
        cursor: str | None = None,
        with_total: bool = False,
    ) -> IncidentPage:
        if sort not in SORTS:
            raise QueryError(f"unknown sort {sort!r}", hint=f"use one of: {', '.join(SORTS)}")
        if not 1 <= limit <= _MAX_PAGE:
            raise QueryError(f"limit must be 1..{_MAX_PAGE}, got {limit}")
        column, desc = SORTS[sort]
        where, params = self._where(query)
        total = None
        if with_total:
            cond = " WHERE " + " AND ".join(where) if where else ""
            total = int(self._scalar(f"SELECT COUNT(*) FROM incidents{cond}", params))
        if cursor:
            value, last_id = decode_cursor(cursor)
            cond_sql, cond_params = _keyset(column, desc, value, last_id)
            where, params = [*where, cond_sql], [*params, *cond_params]
        order = "DESC" if desc else "ASC"
        sql = (
            f"SELECT {column} AS sort_value, id, json FROM incidents"
            + (" WHERE " + " AND ".join(where) if where else "")
            + f" ORDER BY {column} {order}, id {order} LIMIT ?"
        )
        found = self._read(sql, [*params, limit + 1])
        more = len(found) > limit
        found = found[:limit]
        incidents = [schema.incident_from_dict(json.loads(row["json"])) for row in found]
        next_cursor = (
            encode_cursor(found[-1]["sort_value"], found[-1]["id"]) if more and found else None
        )
        return IncidentPage(incidents, next_cursor, total)

    def map_points(self, query: IncidentQuery, *, limit: int = 20000) -> dict[str, Any]:
        where, params = self._where(query)
        where = [*where, "lat IS NOT NULL", "lon IS NOT NULL"]
        cond = " WHERE " + " AND ".join(where)
        found = self._read(
            "SELECT id, date, lat, lon, killed_best, event_type FROM incidents"
            f"{cond} ORDER BY date DESC, id DESC LIMIT ?",
            [*params, limit + 1],
        )
        return {
            "columns": ["id", "date", "lat", "lon", "killed", "event_type"],
            "points": [list(row) for row in found[:limit]],
            "truncated": len(found) > limit,
        }

    def aggregate_incidents(self, query: IncidentQuery, *, period: str = "day") -> list[dict]:
        if period == "day":
            bucket = "date"
        elif period == "week":  # the Monday that starts the ISO week
            bucket = (
                "date(date, '-' || ((CAST(strftime('%w', date) AS INTEGER) + 6) % 7) || ' days')"
            )
        else:
            raise QueryError(f"unknown period {period!r}", hint="use day or week")
        where, params = self._where(query)
        cond = " WHERE " + " AND ".join([*where, "date IS NOT NULL"])
        found = self._read(
            f"SELECT {bucket} AS period, country, COUNT(*) AS incidents, "
            f"COALESCE(SUM(killed_best), 0) AS killed FROM incidents{cond} "
            "GROUP BY period, country ORDER BY period, country",
            params,
        )
        return [dict(row) for row in found]

    def facet_values(self) -> dict[str, list[Any]]:
        """Distinct countries, event types and perpetrators, for the dashboard's filters."""
        return {
            "countries": [
                r[0]
                for r in self._read(
                    "SELECT DISTINCT country FROM incidents WHERE country IS NOT NULL ORDER BY 1"
                )
            ],
            "event_types": [
                r[0]
                for r in self._read(
                    "SELECT DISTINCT event_type FROM incidents WHERE event_type IS NOT NULL "
                    "ORDER BY 1"
                )
            ],
            "perpetrators": [
                r[0]
                for r in self._read(
                    "SELECT DISTINCT name FROM incident_perpetrators ORDER BY 1 LIMIT 500"
                )
            ],
        }

    # --- articles and sources ----------------------------------------------------------------------

    def list_articles(
        self, *, source: str | None = None, limit: int = 50, after: str | None = None
    ) -> list[dict[str, Any]]:
        where, params = [], []
        if source is not None:
            where.append("source = ?")
            params.append(source)
        if after:
            where.append("id > ?")
            params.append(after)
        cond = " WHERE " + " AND ".join(where) if where else ""
        found = self._read(
            "SELECT id, url, source, title, published, language, origin, content_hash "
            f"FROM articles{cond} ORDER BY id LIMIT ?",
            [*params, limit],
        )
        return [dict(row) for row in found]

    def article_meta(self, article_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        for chunk in rows.chunks(sorted(set(article_ids))):
            for row in self._read(
                "SELECT id, url, source, title, published FROM articles "
                f"WHERE id IN ({rows.marks(len(chunk))})",
                chunk,
            ):
                out[row["id"]] = dict(row)
        return out

    def list_sources(self) -> list[dict[str, Any]]:
        found = self._read(
            "SELECT a.source AS source, COUNT(DISTINCT a.id) AS articles, "
            "COUNT(r.id) AS reports, MIN(a.published) AS first_published, "
            "MAX(a.published) AS last_published FROM articles a "
            "LEFT JOIN reports r ON r.article_id = a.id GROUP BY a.source ORDER BY articles DESC"
        )
        return [dict(row) for row in found]

    # --- users and tokens ----------------------------------------------------------------------------

    def add_user(self, name: str, role: str, password_hash: str) -> None:
        if role not in _ROLES:
            raise StoreError(f"unknown role {role!r}", hint=f"use one of: {', '.join(_ROLES)}")
        if self.get_user(name) is not None:
            raise StoreError(f"user {name!r} exists", hint="pick another name or remove it first")
        with self._write(f"add user {name!r}") as conn:  # type: ignore[attr-defined]
            conn.execute(
                "INSERT INTO users (name, role, password_hash, created_at) VALUES (?, ?, ?, ?)",
                (name, role, password_hash, rows.now()),
            )

    def get_user(self, name: str) -> dict[str, Any] | None:
        found = self._read("SELECT * FROM users WHERE name = ?", (name,))
        return dict(found[0]) if found else None

    def list_users(self) -> list[dict[str, Any]]:
        found = self._read("SELECT name, role, created_at FROM users ORDER BY name")
        return [dict(row) for row in found]

    def remove_user(self, name: str) -> None:
        with self._write(f"remove user {name!r}") as conn:  # type: ignore[attr-defined]
            conn.execute("DELETE FROM api_tokens WHERE user_name = ?", (name,))
            if conn.execute("DELETE FROM users WHERE name = ?", (name,)).rowcount == 0:
                raise NotFoundError(f"no user {name!r} in {self.path}")

    def add_token(self, name: str, token_hash: str, label: str = "") -> None:
        if self.get_user(name) is None:
            raise NotFoundError(f"no user {name!r} in {self.path}", hint="add the user first")
        with self._write(f"add a token for {name!r}") as conn:  # type: ignore[attr-defined]
            conn.execute(
                "INSERT INTO api_tokens (token_hash, user_name, label, created_at) "
                "VALUES (?, ?, ?, ?)",
                (token_hash, name, label, rows.now()),
            )

    def user_for_token(self, token_hash: str) -> dict[str, Any] | None:
        found = self._read(
            "SELECT u.name, u.role FROM api_tokens t JOIN users u ON u.name = t.user_name "
            "WHERE t.token_hash = ?",
            (token_hash,),
        )
        return dict(found[0]) if found else None

    def remove_token(self, token_hash: str) -> None:
        with self._write("remove a token") as conn:  # type: ignore[attr-defined]
            conn.execute("DELETE FROM api_tokens WHERE token_hash = ?", (token_hash,))
