"""SQLite side of resolution (issue 4): decisions, the change log, evidence links, families.

Tables (migration ``m0004``): ``decisions`` (analyst merges and splits, with their status; the
keys of the reports they name in ``decision_reports``, migration ``m0013``, see
``decision_keys``),
``resolution_log`` (every change to incidents and decisions), ``incident_links`` (the scored pairs
behind each incident) and ``reports.family_id`` (syndicated copies share one).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from tollwatch.errors import NotFoundError, StoreError
from tollwatch.store import decision_keys as keys
from tollwatch.store import rows
from tollwatch.store.sqlite_review import carry_reviews, review_snapshot
from tollwatch.types import Incident

__all__ = ["ResolutionMixin"]

DECISION_KINDS = ("merge", "split")
DECISION_STATUSES = ("active", "undone", "superseded")


def _decision(row: Any) -> dict[str, Any]:
    return {
        "id": row["id"],
        "kind": row["kind"],
        "incident_ids": json.loads(row["incident_ids"]),
        "part": json.loads(row["part"]),
        "rest": json.loads(row["rest"]),
        "note": row["note"],
        "status": row["status"],
        "superseded_by": row["superseded_by"],
        "created_at": row["created_at"],
        "undone_at": row["undone_at"],
        "user_name": row["user_name"],
        "undone_by": row["undone_by"],
    }


class ResolutionMixin:
    """Methods of ``SQLiteStore`` for resolution; see ``Store`` for their contracts."""

    path: str
    _write: Any
    _read: Any

    # --- saving a resolution ---------------------------------------------------------------------

    def save_resolution(
        self,
        incidents: Iterable[Incident],
        links: Mapping[str, Sequence[Mapping[str, Any]]],
        families: Mapping[str, str],
        log: Iterable[Mapping[str, Any]] = (),
        *,
        replace_all: bool = False,
    ) -> int:
        incidents = list(incidents)
        owner = rows.report_owners(incidents)
        updated_at = rows.now()
        incident_rows = [rows.incident_row(inc, updated_at) for inc in incidents]
        link_rows = [
            (
                inc_id,
                link["report_a"],
                link["report_b"],
                link.get("score"),
                link["outcome"],
                link.get("decision_id"),
                json.dumps(link.get("parts", {}), sort_keys=True),
            )
            for inc_id, inc_links in links.items()
            for link in inc_links
        ]
        log_rows = [
            (
                updated_at,
                entry["action"],
                entry.get("incident_id"),
                entry.get("decision_id"),
                json.dumps(entry.get("detail", {}), sort_keys=True, ensure_ascii=False),
            )
            for entry in log
        ]
        with self._write("store a resolution") as conn:
            if replace_all:
                snapshot = review_snapshot(conn, None)
                conn.execute("DELETE FROM incidents")
                conn.execute("DELETE FROM incident_links")
            else:
                stale = rows.stale_incidents(conn, incidents, owner)
                snapshot = review_snapshot(conn, stale)
                conn.executemany("DELETE FROM incidents WHERE id = ?", [(i,) for i in stale])
                link_rows += _kept_links(conn, stale, owner)
                conn.executemany(
                    "DELETE FROM incident_links WHERE incident_id = ?", [(i,) for i in stale]
                )
            conn.executemany(rows.INSERT_INCIDENT, incident_rows)
            conn.executemany(
                "UPDATE reports SET incident_id = ?, family_id = ? WHERE id = ?",
                [(inc, families.get(rid, rid), rid) for rid, inc in owner.items()],
            )
            conn.executemany(
                "INSERT INTO incident_links (incident_id, report_a, report_b, score, outcome, "
                "decision_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?)",
                link_rows,
            )
            conn.executemany(
                "INSERT INTO resolution_log (at, action, incident_id, decision_id, detail) "
                "VALUES (?, ?, ?, ?, ?)",
                log_rows,
            )
            carry_reviews(conn, incidents, snapshot)
        return len(incidents)

    def incident_links(self, incident_id: str) -> list[dict[str, Any]]:
        found = self._read(
            "SELECT * FROM incident_links WHERE incident_id = ? ORDER BY score IS NULL DESC, "
            "score DESC, report_a, report_b",
            (incident_id,),
        )
        return [
            {
                "report_a": r["report_a"],
                "report_b": r["report_b"],
                "score": r["score"],
                "outcome": r["outcome"],
                "decision_id": r["decision_id"],
                "parts": json.loads(r["detail"]),
            }
            for r in found
        ]

    def report_families(self, report_ids: Iterable[str]) -> dict[str, str]:
        out: dict[str, str] = {}
        for chunk in rows.chunks(sorted(set(report_ids))):
            found = self._read(
                f"SELECT id, family_id FROM reports WHERE id IN ({rows.marks(len(chunk))})", chunk
            )
            out.update({r["id"]: r["family_id"] or r["id"] for r in found})
        return out

    def report_incidents(self, report_ids: Iterable[str]) -> dict[str, str | None]:
        out: dict[str, str | None] = {}
        for chunk in rows.chunks(sorted(set(report_ids))):
            found = self._read(
                f"SELECT id, incident_id FROM reports WHERE id IN ({rows.marks(len(chunk))})",
                chunk,
            )
            out.update({r["id"]: r["incident_id"] for r in found})
        return out

    # --- decisions -------------------------------------------------------------------------------

    def add_decision(
        self,
        kind: str,
        part: Sequence[str],
        rest: Sequence[str] = (),
        incident_ids: Sequence[str] = (),
        note: str | None = None,
        user_name: str | None = None,
    ) -> int:
        if kind not in DECISION_KINDS:
            raise StoreError(f"unknown decision kind {kind!r}", hint="use merge or split")
        with self._write(f"record a {kind} decision") as conn:
            cur = conn.execute(
                "INSERT INTO decisions (kind, incident_ids, part, rest, note, created_at, user_name) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    kind,
                    json.dumps(list(incident_ids)),
                    json.dumps(sorted(part)),
                    json.dumps(sorted(rest)),
                    note,
                    rows.now(),
                    user_name,
                ),
            )
            decision_id = int(cur.lastrowid or 0)
            keys.insert_keys(conn, decision_id, keys.key_rows(conn, [*part, *rest]))
            conn.execute(
                "INSERT INTO resolution_log (at, action, incident_id, decision_id, detail) "
                "VALUES (?, ?, NULL, ?, ?)",
                (
                    rows.now(),
                    kind,
                    decision_id,
                    json.dumps(
                        {
                            "incident_ids": list(incident_ids),
                            "part": sorted(part),
                            "rest": sorted(rest),
                            "note": note,
                            "user_name": user_name,
                        }
                    ),
                ),
            )
        return decision_id

    def current_decision_reports(self, decision_id: int) -> dict[str, str | None]:
        recorded = [
            keys.KeyRow(r[0], r[1], r[2], r[3], r[4])
            for r in self._read(
                "SELECT report_id, article_id, position, of_reports, signature "
                "FROM decision_reports WHERE decision_id = ? ORDER BY report_id",
                (decision_id,),
            )
        ]
        ids = [k.report_id for k in recorded]
        stored = set(self.report_incidents(ids))
        try:
            conn = self._connection()
            current = {
                k.article_id: keys.article_reports(conn, k.article_id)
                for k in recorded
                if k.report_id not in stored
            }
        except sqlite3.Error as exc:
            raise StoreError(f"cannot read the database {self.path}: {exc}") from exc
        return keys.reattach(recorded, stored, current)

    def get_decision(self, decision_id: int) -> dict[str, Any]:
        found = self._read("SELECT * FROM decisions WHERE id = ?", (decision_id,))
        if not found:
            raise NotFoundError(
                f"no decision {decision_id} in {self.path}",
                hint="list them with `tollwatch decisions`",
            )
        return _decision(found[0])

    def list_decisions(self, status: str | None = None) -> list[dict[str, Any]]:
        where = " WHERE status = ?" if status else ""
        found = self._read(
            f"SELECT * FROM decisions{where} ORDER BY id", (status,) if status else ()
        )
        return [_decision(r) for r in found]

    def set_decision_status(
        self,
        decision_id: int,
        status: str,
        superseded_by: int | None = None,
        user_name: str | None = None,
    ) -> None:
        if status not in DECISION_STATUSES:
            raise StoreError(f"unknown decision status {status!r}")
        undone = status == "undone"
        with self._write(f"change decision {decision_id}") as conn:
            cur = conn.execute(
                "UPDATE decisions SET status = ?, superseded_by = ?, undone_at = ?, undone_by = ? "
                "WHERE id = ?",
                (
                    status,
                    superseded_by,
                    rows.now() if undone else None,
                    user_name if undone else None,
                    decision_id,
                ),
            )
            if cur.rowcount == 0:
                raise NotFoundError(f"no decision {decision_id} in {self.path}")
            conn.execute(
                "INSERT INTO resolution_log (at, action, incident_id, decision_id, detail) "
                "VALUES (?, ?, NULL, ?, ?)",
                (
                    rows.now(),
                    status,
                    decision_id,
                    json.dumps({"superseded_by": superseded_by, "user_name": user_name}),
                ),
            )

    def iter_log(
        self, incident_id: str | None = None, limit: int | None = None
    ) -> list[dict[str, Any]]:
        where = " WHERE incident_id = ?" if incident_id else ""
        params: list[Any] = [incident_id] if incident_id else []
        found = self._read(
            f"SELECT * FROM resolution_log{where} ORDER BY id DESC LIMIT ?",
            [*params, -1 if limit is None else limit],
        )
        return [
            {
                "id": r["id"],
                "at": r["at"],
                "action": r["action"],
                "incident_id": r["incident_id"],
                "decision_id": r["decision_id"],
                "detail": json.loads(r["detail"]),
            }
            for r in found
        ]


def _kept_links(conn: Any, stale: set[str], owner: Mapping[str, str]) -> list[tuple[Any, ...]]:
    """The stored links of replaced incidents that reach a report outside the resolved set (a
    pair refused with a neighbour that was not reloaded: "below threshold", "kept apart"), moved
    to the new incident of their report inside the set; the new resolution could not recompute
    them, and the neighbour's own incident keeps its copy."""
    kept = []
    for incident in sorted(stale):
        for row in conn.execute(
            "SELECT report_a, report_b, score, outcome, decision_id, detail FROM incident_links "
            "WHERE incident_id = ?",
            (incident,),
        ):
            a, b = row[0], row[1]
            if (a in owner) != (b in owner):
                kept.append((owner[a] if a in owner else owner[b], *row))
    return kept
