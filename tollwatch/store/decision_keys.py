"""Stable keys of the reports an analyst decision names, so that decisions survive re-extraction.

A merge or split names report ids, and a report id changes when its article is extracted again
(a better extractor, a changed sentence). With each decision the store keeps, for every report it
names (table ``decision_reports``, migration ``m0013``): the article, the report's *position*
among the article's reports (extraction order), how many the article had, and a *signature*
(country, place name, date, event type). When a named report is gone, the decision is
re-attached (``reattach``) to a current report of the same article:

1. the one report with the same signature;
2. else, when the article still has as many reports, the one at the same position;
3. else, when the article now has a single report, that one;
4. else none: the report leaves the decision (the rest of the decision still applies).

A report id that is still stored is kept as it is. Reference reports (history) never count.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = ["KeyRow", "article_reports", "key_rows", "reattach", "signature"]

#: The report columns a key is read from, in this order.
_COLUMNS = "id, article_id, country, location_name, date, event_type"


def signature(country: Any, place: Any, day: Any, event_type: Any) -> str:
    """What a report says happened where and when, as one string ("SY|jableh|2016-05-23|...")."""
    return "|".join(
        " ".join(str(x or "").casefold().split()) for x in (country, place, day, event_type)
    )


@dataclass(frozen=True)
class KeyRow:
    report_id: str
    article_id: str
    position: int
    of_reports: int
    signature: str


def article_reports(conn: sqlite3.Connection, article_id: str) -> list[tuple[str, str]]:
    """(report id, signature) of the article's non-reference reports, in extraction order."""
    found = conn.execute(
        f"SELECT {_COLUMNS} FROM reports WHERE article_id = ? AND is_reference = 0 ORDER BY rowid",
        (article_id,),
    ).fetchall()
    return [(row[0], signature(*row[2:])) for row in found]


def key_rows(conn: sqlite3.Connection, report_ids: Iterable[str]) -> list[KeyRow]:
    """The keys of the stored reports among ``report_ids`` (ids not stored get none)."""
    wanted = sorted(set(report_ids))
    articles: dict[str, str] = {}
    for k in range(0, len(wanted), 500):
        chunk = wanted[k : k + 500]
        marks = ",".join("?" * len(chunk))
        for row in conn.execute(f"SELECT id, article_id FROM reports WHERE id IN ({marks})", chunk):
            articles[row[0]] = row[1]
    out = []
    for article_id in sorted(set(articles.values())):
        reports = article_reports(conn, article_id)
        for position, (report_id, sig) in enumerate(reports):
            if articles.get(report_id) == article_id:
                out.append(KeyRow(report_id, article_id, position, len(reports), sig))
    return out


def insert_keys(conn: sqlite3.Connection, decision_id: int, rows: Sequence[KeyRow]) -> None:
    conn.executemany(
        "INSERT INTO decision_reports (decision_id, report_id, article_id, position, of_reports, "
        "signature) VALUES (?, ?, ?, ?, ?, ?)",
        [
            (decision_id, k.report_id, k.article_id, k.position, k.of_reports, k.signature)
            for k in rows
        ],
    )


def reattach(
    keys: Iterable[KeyRow], stored: set[str], current: Mapping[str, list[tuple[str, str]]]
) -> dict[str, str | None]:
    """Recorded report id -> its current id (module docstring); ``stored``: the recorded ids
    still stored; ``current``: article id -> ``article_reports`` now."""
    out: dict[str, str | None] = {}
    for key in keys:
        if key.report_id in stored:
            out[key.report_id] = key.report_id
            continue
        now = current.get(key.article_id, [])
        same = [rid for rid, sig in now if sig == key.signature]
        if len(same) == 1:
            out[key.report_id] = same[0]
        elif len(now) == key.of_reports and key.position < len(now):
            out[key.report_id] = now[key.position][0]
        elif len(now) == 1:
            out[key.report_id] = now[0][0]
        else:
            out[key.report_id] = None
    return out


def backfill(conn: sqlite3.Connection) -> None:
    """Keys for the decisions recorded before ``decision_reports`` existed (their reports that
    are still stored)."""
    for decision_id, part, rest in conn.execute(
        "SELECT id, part, rest FROM decisions ORDER BY id"
    ).fetchall():
        ids = json.loads(part) + json.loads(rest)
        insert_keys(conn, decision_id, key_rows(conn, ids))
