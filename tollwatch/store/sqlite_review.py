"""The SQLite side of analysts' review decisions (``tollwatch.review``): storing them, writing the
reviewed values into the incident rows, and carrying decisions to the incidents that hold their
reports when a resolution gives an incident another id.

Tables: ``review_decisions`` (m0011; ``made_on`` and ``needs_review`` from m0013) and
``review_decision_moves`` (m0013: every move of a decision from one incident id to another, with
its reason). An incident row's ``json`` stays the machine's record; its indexed columns (date,
country, admin1, place, coordinates, types, tolls, summary) hold the values with the active
decisions applied (``refresh_reviewed_columns``), so that filters, sorts, map points, aggregates
and exports select what analysts corrected. Every write of incidents, decisions and revocations
keeps them in step, in the same transaction.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from tollwatch import schema
from tollwatch.errors import NotFoundError
from tollwatch.review import apply_decisions, carry_decisions, figure_key
from tollwatch.store import rows
from tollwatch.types import Incident

__all__ = ["ReviewMixin", "carry_reviews", "refresh_reviewed_columns", "review_snapshot"]

#: corrected field -> the incidents column that repeats it
_COLUMN_OF = {
    "date": "date",
    "event_type": "event_type",
    "sub_event_type": "sub_event_type",
    "attack_type": "attack_type",
    "summary": "summary",
    "location.name": "location_name",
    "location.admin1": "admin1",
    "location.country": "country",
    "location.lat": "lat",
    "location.lon": "lon",
}
_TOLLS = [f"{kind}_{part}" for kind in ("killed", "injured") for part in ("low", "best", "high")]
_EVENT = [c.strip() for c in rows._EVENT_COLUMNS.split(",")]


def _decision(row: sqlite3.Row) -> dict[str, Any]:
    d = dict(row)
    d["value"] = json.loads(d["value"] or "null")
    d["made_on"] = json.loads(d["made_on"]) if d.get("made_on") else None
    return d


def _active(conn: sqlite3.Connection, incident_ids: Sequence[str] | None) -> list[dict[str, Any]]:
    if incident_ids is None:
        found = conn.execute(
            "SELECT * FROM review_decisions WHERE revoked_at IS NULL ORDER BY id"
        ).fetchall()
        return [_decision(r) for r in found]
    out: list[dict[str, Any]] = []
    for chunk in rows.chunks(sorted(set(incident_ids))):
        out += [
            _decision(r)
            for r in conn.execute(
                "SELECT * FROM review_decisions WHERE revoked_at IS NULL "
                f"AND incident_id IN ({rows.marks(len(chunk))})",
                chunk,
            )
        ]
    return sorted(out, key=lambda d: d["id"])


def _members(conn: sqlite3.Connection, incident_id: str) -> list[str]:
    found = conn.execute("SELECT id FROM reports WHERE incident_id = ? ORDER BY id", (incident_id,))
    return [r[0] for r in found]


def refresh_reviewed_columns(
    conn: sqlite3.Connection, incident_ids: Iterable[str], *, perpetrators: bool = True
) -> None:
    """Write the reviewed values of these incidents into their indexed columns (the machine's
    values where no active decision changes them), and corrected perpetrators into
    ``perpetrators_reviewed`` (m0015; its triggers refill ``incident_perpetrators`` and the text
    index from it). ``perpetrators=False``: a database before m0015 (m0013 calls this)."""
    ids = sorted(set(incident_ids))
    if not ids:
        return
    by_incident: dict[str, list[dict[str, Any]]] = {}
    for d in _active(conn, ids):
        by_incident.setdefault(d["incident_id"], []).append(d)
    for chunk in rows.chunks(ids):
        found = conn.execute(
            f"SELECT id, json FROM incidents WHERE id IN ({rows.marks(len(chunk))})", chunk
        ).fetchall()
        for row in found:
            machine = schema.incident_from_dict(json.loads(row["json"]))
            columns = dict(zip(_EVENT, rows._event_columns(machine), strict=True))
            columns["summary"] = machine.summary
            if perpetrators:
                columns["perpetrators_reviewed"] = None
            decisions = by_incident.get(row["id"], [])
            if decisions:
                _overlay(conn, columns, machine, decisions)
            sets = ", ".join(f"{c} = ?" for c in columns)
            conn.execute(
                f"UPDATE incidents SET {sets} WHERE id = ?", [*columns.values(), row["id"]]
            )


def _overlay(
    conn: sqlite3.Connection,
    columns: dict[str, Any],
    machine: Incident,
    decisions: list[dict[str, Any]],
) -> None:
    published: dict[str, datetime | None] = {}
    for chunk in rows.chunks(list(machine.article_ids)):
        for a in conn.execute(
            f"SELECT id, published FROM articles WHERE id IN ({rows.marks(len(chunk))})", chunk
        ):
            published[a[0]] = datetime.fromisoformat(a[1]) if a[1] else None
    reviewed = apply_decisions(schema.incident_to_dict(machine), decisions, published)
    for field in reviewed["review"]["corrected"]:
        if field == "perpetrators" and "perpetrators_reviewed" in columns:
            names = [p["name"] for p in reviewed.get("perpetrators") or []]
            columns["perpetrators_reviewed"] = json.dumps(names, ensure_ascii=False)
            continue
        column = _COLUMN_OF.get(field)
        if column is None:
            continue
        head, _, tail = field.partition(".")
        value = (reviewed.get(head) or {}).get(tail) if tail else reviewed.get(head)
        if column == "country" and value:
            value = str(value).upper()
        columns[column] = value
        if column == "date":
            columns["date_precision"] = reviewed.get("date_precision")
    for column in _TOLLS:
        kind, part = column.split("_")
        columns[column] = (reviewed.get(kind) or {}).get(part)


# --- carrying decisions through a resolution -----------------------------------------------------


def review_snapshot(conn: sqlite3.Connection, stale: set[str] | None) -> dict[str, Any]:
    """Before a resolution replaces incidents (``stale``; None: all of them): the active decisions
    it may orphan (on those incidents, or on incidents already gone), with the reports they were
    made on."""
    active = _active(conn, None)
    existing: set[str] = set()
    for chunk in rows.chunks(sorted({d["incident_id"] for d in active})):
        existing.update(
            r[0]
            for r in conn.execute(
                f"SELECT id FROM incidents WHERE id IN ({rows.marks(len(chunk))})", chunk
            )
        )
    relevant = [
        d
        for d in active
        if stale is None or d["incident_id"] in stale or d["incident_id"] not in existing
    ]
    for d in relevant:
        if d["made_on"] is None:
            d["made_on"] = _members(conn, d["incident_id"])
    replaced = {d["incident_id"] for d in relevant} & existing
    return {"decisions": relevant, "replaced": replaced}


def _figure_keys(incident: Incident) -> set[str]:
    keys = set()
    for fig in incident.figures:
        ev = fig.evidence
        evidence = {"article_id": ev.article_id, "start": ev.start, "end": ev.end} if ev else {}
        keys.add(figure_key({"kind": fig.kind, "evidence": evidence}))
    return keys


def carry_reviews(
    conn: sqlite3.Connection, incidents: Sequence[Incident], snapshot: dict[str, Any]
) -> None:
    """After a resolution stored ``incidents``: move the decisions of ``snapshot`` to the incidents
    that now hold their reports or figures (``tollwatch.review.carry_decisions``), record each move,
    and write the reviewed values of the stored incidents into their columns."""
    members = {inc.id: set(inc.report_ids) for inc in incidents}
    decisions = snapshot["decisions"]
    if decisions:
        touched_reports = set().union(*(set(d["made_on"] or ()) for d in decisions))
        keys_of = {
            inc.id: _figure_keys(inc)
            for inc in incidents
            if members[inc.id] & touched_reports or inc.id in snapshot["replaced"]
        }
        near = {i: members[i] for i in keys_of}
        gone = snapshot["replaced"] - set(members)
        at = rows.now()
        for change in carry_decisions(decisions, near, keys_of, gone):
            conn.execute(
                "UPDATE review_decisions SET incident_id = ?, needs_review = ? WHERE id = ?",
                (change["incident_id"], change["needs_review"], change["id"]),
            )
            if change["from"] != change["incident_id"]:
                conn.execute(
                    "INSERT INTO review_decision_moves (decision_id, from_incident_id, "
                    "to_incident_id, reason, at) VALUES (?, ?, ?, ?, ?)",
                    (change["id"], change["from"], change["incident_id"], change["reason"], at),
                )
    # reviewed incidents are few: list them all rather than look up every stored incident
    reviewed = {
        r[0]
        for r in conn.execute(
            "SELECT DISTINCT incident_id FROM review_decisions WHERE revoked_at IS NULL"
        )
    }
    refresh_reviewed_columns(conn, reviewed & set(members))


class ReviewMixin:
    """Review decisions of ``SQLiteStore`` (see ``Store`` for the contracts)."""

    path: str
    _write: Any
    _read: Any

    def add_review_decision(self, decision: dict[str, Any]) -> int:
        keys = ("incident_id", "action", "field", "figure_key", "value", "why", "user_name")
        values = [decision.get(k) for k in keys]
        values[4] = json.dumps(decision.get("value"))
        incident_id = decision.get("incident_id")
        with self._write(f"record a review of {incident_id!r}") as conn:
            made_on = json.dumps(_members(conn, str(incident_id)))
            cur = conn.execute(
                f"INSERT INTO review_decisions ({', '.join(keys)}, made_on, at) "
                f"VALUES ({rows.marks(len(keys) + 2)})",
                [*values, made_on, rows.now()],
            )
            refresh_reviewed_columns(conn, [str(incident_id)])
            return int(cur.lastrowid or 0)

    def list_review_decisions(
        self, incident_id: str | None = None, *, include_revoked: bool = False
    ) -> list[dict[str, Any]]:
        where, params = [], []
        if incident_id is not None:
            where.append("incident_id = ?")
            params.append(incident_id)
        if not include_revoked:
            where.append("revoked_at IS NULL")
        cond = " WHERE " + " AND ".join(where) if where else ""
        found = [
            _decision(r)
            for r in self._read(f"SELECT * FROM review_decisions{cond} ORDER BY id", params)
        ]
        return self._with_history(found)

    def review_decisions_of(self, incident_ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
        """The active decisions of several incidents (one page of a listing) in one query per
        999 ids, with their history: incident id -> decisions, by id; incidents without any are
        left out."""
        found: list[dict[str, Any]] = []
        for chunk in rows.chunks(sorted(set(incident_ids))):
            found += [
                _decision(r)
                for r in self._read(
                    "SELECT * FROM review_decisions WHERE revoked_at IS NULL "
                    f"AND incident_id IN ({rows.marks(len(chunk))}) ORDER BY id",
                    chunk,
                )
            ]
        out: dict[str, list[dict[str, Any]]] = {}
        for d in self._with_history(sorted(found, key=lambda d: d["id"])):
            out.setdefault(d["incident_id"], []).append(d)
        return out

    def _with_history(self, found: list[dict[str, Any]]) -> list[dict[str, Any]]:
        moves: dict[int, list[dict[str, Any]]] = {}
        ids = [str(d["id"]) for d in found]
        for chunk in rows.chunks(ids):
            for m in self._read(
                "SELECT decision_id, from_incident_id, to_incident_id, reason, at "
                f"FROM review_decision_moves WHERE decision_id IN ({rows.marks(len(chunk))}) "
                "ORDER BY id",
                chunk,
            ):
                moves.setdefault(m["decision_id"], []).append(
                    {
                        "from": m["from_incident_id"],
                        "to": m["to_incident_id"],
                        "reason": m["reason"],
                        "at": m["at"],
                    }
                )
        for d in found:
            d["history"] = moves.get(d["id"], [])
        return found

    def revoke_review_decision(self, decision_id: int, user_name: str) -> None:
        with self._write(f"revoke review decision {decision_id}") as conn:
            cur = conn.execute(
                "UPDATE review_decisions SET revoked_at = ?, revoked_by = ? "
                "WHERE id = ? AND revoked_at IS NULL",
                (rows.now(), user_name, decision_id),
            )
            if cur.rowcount == 0:
                raise NotFoundError(f"no active review decision {decision_id} in {self.path}")
            found = conn.execute(
                "SELECT incident_id FROM review_decisions WHERE id = ?", (decision_id,)
            ).fetchone()
            refresh_reviewed_columns(conn, [found[0]])
