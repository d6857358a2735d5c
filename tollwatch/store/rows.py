"""Records to table rows (and back), and the SQL that writes them; no connection is held here.

The SQL is plain SQL-92 apart from ``ON CONFLICT`` so that a PostgreSQL backend can reuse it with
``%s`` placeholders.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from datetime import UTC, date, datetime
from typing import Any

from tollwatch import schema
from tollwatch.errors import StoreError
from tollwatch.types import Article, Figure, Incident, Report

Row = tuple[Any, ...]

CHUNK = 500  # ids per IN (...) list

_EVENT_COLUMNS = (
    "date, date_precision, country, admin1, location_name, lat, lon, event_type, sub_event_type, "
    "attack_type, killed_low, killed_best, killed_high, injured_low, injured_best, injured_high"
)
_ARTICLE_COLUMNS = (
    "id, url, source, title, published, language, origin, content_hash, text, ingested_at"
)
_REPORT_COLUMNS = (
    f"id, article_id, {_EVENT_COLUMNS}, is_reference, published, source, summary, json"
)
_INCIDENT_COLUMNS = (
    f"id, {_EVENT_COLUMNS}, policy, n_reports, n_articles, summary, json, updated_at"
)
_FIGURE_COLUMNS = (
    "report_id, article_id, position, site, kind, low, high, qualifier, attributed_to, "
    "victim_category, place, is_total, evidence_start, evidence_end, evidence_text"
)


def marks(n: int) -> str:
    return ", ".join("?" * n)


def _insert(table: str, columns: str, suffix: str = "") -> str:
    n = len(columns.split(","))
    return f"INSERT INTO {table} ({columns}) VALUES ({marks(n)}){suffix}"


INSERT_ARTICLE = _insert("articles", _ARTICLE_COLUMNS, " ON CONFLICT (id) DO NOTHING")
INSERT_REPORT = _insert("reports", _REPORT_COLUMNS)
INSERT_FIGURE = _insert("figures", _FIGURE_COLUMNS)
INSERT_INCIDENT = _insert("incidents", _INCIDENT_COLUMNS)
INSERT_FAILURE = _insert("failures", "origin, reason, detail, stage, article_id, at")


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def dumps(d: Mapping[str, Any]) -> str:
    return json.dumps(d, ensure_ascii=False, separators=(",", ":"))


def chunks(items: Sequence[str]) -> Iterator[Sequence[str]]:
    for i in range(0, len(items), CHUNK):
        yield items[i : i + CHUNK]


def report_owners(incidents: Sequence[Incident]) -> dict[str, str]:
    """Report id -> incident id, after checking that no report is in two incidents and no two
    incidents share an id (StoreError otherwise)."""
    owner: dict[str, str] = {}
    for inc in incidents:
        for report_id in inc.report_ids:
            if owner.setdefault(report_id, inc.id) != inc.id:
                raise StoreError(
                    f"report {report_id!r} is in incidents {owner[report_id]!r} and {inc.id!r}",
                    hint="each report belongs to one incident; resolve the reports again",
                )
    ids = [inc.id for inc in incidents]
    if len(set(ids)) != len(ids):
        raise StoreError("two incidents share an id", hint="resolve the reports again")
    return owner


def stale_incidents(conn: Any, incidents: Sequence[Incident], owner: Mapping[str, str]) -> set[str]:
    """Ids of the stored incidents that storing ``incidents`` replaces: theirs, and those holding
    any of their reports (``owner``: report id -> new incident id)."""
    stale = {inc.id for inc in incidents}
    for chunk in chunks(list(owner)):
        stale.update(
            row[0]
            for row in conn.execute(
                "SELECT DISTINCT incident_id FROM reports "
                f"WHERE id IN ({marks(len(chunk))}) AND incident_id IS NOT NULL",
                chunk,
            )
        )
    return stale


def article_row(article: Article) -> Row:
    d = article.to_dict()
    keys = ("id", "url", "source", "title", "published", "language", "origin", "content_hash")
    return (*(d[k] for k in keys), d["text"], now())


def row_article(row: Mapping[str, Any]) -> Article:
    keys = ("id", "text", "url", "source", "title", "published", "language", "origin")
    return Article.from_dict({k: row[k] for k in (*keys, "content_hash")})


def _event_columns(rec: Report | Incident) -> Row:
    loc = rec.location
    places = ([loc] if loc is not None else []) + [s.location for s in rec.sites]
    return (
        rec.date.isoformat() if rec.date else None,
        rec.date_precision,
        next((p.country.upper() for p in places if p.country), None),
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


def _json(record: str, rec_id: str, fn: Any, rec: Any) -> str:
    try:
        return dumps(fn(rec))
    except (TypeError, ValueError, AttributeError) as exc:
        raise StoreError(
            f"{record} {rec_id!r} cannot be serialised: {exc}",
            hint="check the field types against docs/schema.md",
        ) from exc


def report_row(report: Report) -> Row:
    text = _json("report", report.id, schema.report_to_dict, report)
    published = report.published.isoformat() if report.published else None
    return (
        report.id,
        report.article_id,
        *_event_columns(report),
        int(report.is_reference),
        published,
        report.source,
        report.summary,
        text,
    )


INSERT_VICTIM_KEY = (
    "INSERT INTO report_victim_keys (report_id, country, date, key) VALUES (?, ?, ?, ?)"
)


def victim_key_rows(report: Report) -> list[Row]:
    """The rows of ``report_victim_keys`` for one report: each word pair of each victim it names
    by a full name and each group its victims form ("# jesuit"; both from
    ``resolve.cluster.report_victim_keys``), with its country and date, so that incremental
    resolution finds a victim's follow-up reports by an index, not by loading weeks of a
    country's reports. References and undated or placeless reports have none."""
    from tollwatch.resolve.cluster import report_victim_keys

    if report.is_reference or report.date is None:
        return []
    country = _event_columns(report)[2]
    if country is None:
        return []
    day = report.date.isoformat()
    return [(report.id, country, day, f"{a} {b}") for a, b in sorted(report_victim_keys(report))]


def incident_row(incident: Incident, updated_at: str) -> Row:
    text = _json("incident", incident.id, schema.incident_to_dict, incident)
    return (
        incident.id,
        *_event_columns(incident),
        incident.policy,
        len(incident.report_ids),
        len(incident.article_ids),
        incident.summary,
        text,
        updated_at,
    )


def figure_rows(report: Report) -> list[Row]:
    """One row per figure: the report's, then its sites' that are not among them (``site`` set)."""
    placed: list[tuple[Figure, str | None]] = [(f, None) for f in report.figures]
    seen = set(report.figures)
    for site in report.sites:
        for fig in site.figures:
            if fig not in seen:
                seen.add(fig)
                placed.append((fig, site.location.name))
    rows = []
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


def where_clause(
    *,
    date_from: date | None = None,
    date_to: date | None = None,
    country: str | None = None,
    equal: Mapping[str, Any] | None = None,
    at_least: Mapping[str, int | None] | None = None,
    extra: Sequence[str] = (),
) -> tuple[list[str], list[Any]]:
    """SQL conditions and their parameters; None values are no filter."""
    where: list[str] = []
    params: list[Any] = []
    if date_from is not None:
        where.append("date >= ?")
        params.append(date_from.isoformat())
    if date_to is not None:
        where.append("date <= ?")
        params.append(date_to.isoformat())
    if country is not None:
        where.append("country = ?")
        params.append(country.upper())
    for column, value in (equal or {}).items():
        if value is not None:
            where.append(f"{column} = ?")
            params.append(value)
    for column, least in (at_least or {}).items():
        if least is not None:
            where.append(f"{column} >= ?")
            params.append(int(least))
    where.extend(extra)
    return where, params
