"""Read endpoints: incidents (filtered, sorted, paged), one incident with everything behind it,
map points, aggregates, articles, sources, facets, exports. Reading is open to everyone."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import StreamingResponse

from tollwatch import __version__
from tollwatch.review import CORRECTABLE, apply_decisions, figure_key
from tollwatch.run.show import incident_detail
from tollwatch.schema import incident_to_dict
from tollwatch.serve.deps import ApiError, StoreDep, UserDep
from tollwatch.serve.exports import FORMATS, export_bytes
from tollwatch.store import open_store
from tollwatch.store.query import SORTS, IncidentQuery
from tollwatch.tolls import POLICIES

router = APIRouter(prefix="/api")


def incident_query(
    date_from: Annotated[date | None, Query(description="first day, YYYY-MM-DD")] = None,
    date_to: Annotated[date | None, Query(description="last day, YYYY-MM-DD")] = None,
    country: Annotated[str | None, Query(description="ISO 3166-1 alpha-2 code")] = None,
    admin1: Annotated[str | None, Query(description="first-level division, as stored")] = None,
    bbox: Annotated[str | None, Query(description="west,south,east,north in degrees")] = None,
    event_type: Annotated[str | None, Query(description="ACLED event type")] = None,
    perpetrator: Annotated[
        str | None, Query(description="canonical name (analysts' corrections applied)")
    ] = None,
    min_killed: Annotated[int | None, Query(ge=0, description="best killed >= this")] = None,
    q: Annotated[str | None, Query(description="words in summary, place, type, actors")] = None,
) -> IncidentQuery:
    box = None
    if bbox:
        try:
            west, south, east, north = (float(x) for x in bbox.split(","))
        except ValueError as exc:
            raise ApiError(
                400,
                "bad_request",
                f"cannot read bbox {bbox!r}",
                "give four numbers: west,south,east,north",
            ) from exc
        box = (west, south, east, north)
    return IncidentQuery(
        date_from=date_from,
        date_to=date_to,
        country=country or None,
        admin1=admin1 or None,
        bbox=box,
        event_type=event_type or None,
        perpetrator=perpetrator or None,
        min_killed=min_killed,
        text=q or None,
    )


QueryDep = Annotated[IncidentQuery, Depends(incident_query)]


def _summary(inc: dict[str, Any]) -> dict[str, Any]:
    loc = inc.get("location") or {}
    return {
        "id": inc["id"],
        "date": inc.get("date"),
        "location": {k: loc.get(k) for k in ("name", "admin1", "country", "lat", "lon")},
        "event_type": inc.get("event_type"),
        "sub_event_type": inc.get("sub_event_type"),
        "perpetrators": [p["name"] for p in inc.get("perpetrators", [])],
        "killed": inc.get("killed"),
        "injured": inc.get("injured"),
        "policy": inc.get("policy"),
        "n_articles": len(inc.get("article_ids", [])),
        "summary": inc.get("summary"),
        "reviewed": bool(inc["review"]["decisions"]),
        "url": f"/api/incidents/{inc['id']}",
    }


@router.get("/incidents", summary="Incidents matching the filters, one page")
def list_incidents(
    store: StoreDep,
    query: QueryDep,
    request: Request,
    sort: Annotated[str, Query(description=f"one of {', '.join(SORTS)}")] = "-date",
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    cursor: Annotated[str | None, Query(description="next_cursor of the previous page")] = None,
) -> dict[str, Any]:
    page = store.query_incidents(query, sort=sort, limit=limit, cursor=cursor, with_total=True)
    decisions = store.review_decisions_of([inc.id for inc in page.incidents])  # one query a page
    items = [
        _summary(apply_decisions(incident_to_dict(inc), decisions.get(inc.id, [])))
        for inc in page.incidents
    ]
    next_url = None
    if page.next_cursor:
        next_url = str(request.url.include_query_params(cursor=page.next_cursor))
    return {
        "total": page.total,
        "incidents": items,
        "next_cursor": page.next_cursor,
        "next": next_url,
    }


def _highlights(report: dict[str, Any], keys: dict[int, str]) -> list[dict[str, Any]]:
    """Spans of the report's evidence in its article: figures, place, date, actors, weapons."""
    spans = []
    for i, fig in enumerate(report.get("figures", [])):
        ev = fig.get("evidence")
        if ev:
            spans.append(
                {
                    "start": ev["start"],
                    "end": ev["end"],
                    "kind": "figure",
                    "label": f"{fig['kind']} {fig.get('low')}-{fig.get('high')}",
                    "figure_key": keys.get(i),
                }
            )
    loc = report.get("location") or {}
    named = [("place", loc.get("evidence")), ("date", report.get("date_evidence"))]
    named += [("perpetrator", p.get("evidence")) for p in report.get("perpetrators", [])]
    named += [("weapon", w.get("evidence")) for w in report.get("weapons", [])]
    for kind, ev in named:
        if ev:
            spans.append({"start": ev["start"], "end": ev["end"], "kind": kind, "label": kind})
    return sorted(spans, key=lambda s: (s["start"], -s["end"]))


@router.get(
    "/incidents/{incident_id}",
    summary="One incident: reports, figures, toll history, evidence, review",
)
def get_incident(store: StoreDep, incident_id: str) -> dict[str, Any]:
    detail = incident_detail(store, incident_id)
    reports = detail.pop("reports")
    history = detail.pop("toll_history", [])
    decisions = store.list_review_decisions(incident_id)
    meta = store.article_meta(detail.get("article_ids", []))
    published = {
        a: datetime.fromisoformat(m["published"]) if m.get("published") else None
        for a, m in meta.items()
    }
    out = apply_decisions(detail, decisions, published)
    by_words: dict[str, dict[str, Any]] = {}
    for f in out.get("figures", []):
        by_words.setdefault(figure_key(f), f)
    articles: dict[str, dict[str, Any]] = {}
    for r in reports:
        keys = {}
        for i, fig in enumerate(r.get("figures", [])):
            match = by_words.get(figure_key(fig))
            keys[i] = match["key"] if match else figure_key(fig)
            fig["key"], fig["rejected"] = keys[i], keys[i] in out["review"]["rejected_figures"]
        art = articles.get(r["article_id"])
        if art is None:
            try:
                full = store.get_article(r["article_id"])
                text = full.text
            except Exception:  # noqa: BLE001 - the article row may be missing
                text = ""
            art = {**r["article"], "text": text, "highlights": []}
            articles[r["article_id"]] = art
        art["highlights"] += _highlights(r, keys)
    for h in history:
        match = next(
            (
                f
                for f in out.get("figures", [])
                if (f.get("evidence") or {}).get("text") == (h.get("words") or h.get("text"))
                and f["kind"] == h["kind"]
            ),
            None,
        )
        h["rejected"] = bool(match and match["rejected"])
    out["reports"] = reports
    out["toll_history"] = history
    out["articles"] = list(articles.values())
    out["correctable_fields"] = list(CORRECTABLE)
    return out


@router.get("/incidents/{incident_id}/decisions", summary="Review decisions, revoked included")
def incident_decisions(store: StoreDep, incident_id: str) -> dict[str, Any]:
    return {"decisions": store.list_review_decisions(incident_id, include_revoked=True)}


@router.get("/map", summary="Located incidents as compact rows for the map")
def map_points(
    store: StoreDep, query: QueryDep, limit: Annotated[int, Query(ge=1, le=100000)] = 20000
) -> dict[str, Any]:
    return store.map_points(query, limit=limit)


@router.get("/aggregates", summary="Incidents and killed per day or week, by country")
def aggregates(
    store: StoreDep, query: QueryDep, period: Annotated[str, Query(pattern="^(day|week)$")] = "day"
) -> dict[str, Any]:
    return {"period": period, "rows": store.aggregate_incidents(query, period=period)}


@router.get("/articles", summary="Articles (without text), by id")
def list_articles(
    store: StoreDep,
    source: str | None = None,
    after: Annotated[str | None, Query(description="the last id of the previous page")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> dict[str, Any]:
    found = store.list_articles(source=source, limit=limit, after=after)
    return {"articles": found, "next_after": found[-1]["id"] if len(found) == limit else None}


@router.get("/articles/{article_id}", summary="One article with its text")
def get_article(store: StoreDep, article_id: str) -> dict[str, Any]:
    from tollwatch.schema import article_to_dict

    return article_to_dict(store.get_article(article_id))


@router.get("/sources", summary="Outlets with their article counts")
def sources(store: StoreDep) -> dict[str, Any]:
    return {"sources": store.list_sources()}


@router.get("/facets", summary="Values for the dashboard's filters")
def facets(store: StoreDep) -> dict[str, Any]:
    return store.facet_values()


@router.get("/config", summary="Dashboard settings and versions")
def config(request: Request, user: UserDep) -> dict[str, Any]:
    return {
        "tollwatch_version": __version__,
        "tile_url": request.app.state.tile_url,
        "tile_attribution": request.app.state.tile_attribution,
        "user": {k: user[k] for k in ("name", "role")} if user else None,
        "policies": list(POLICIES),
        "export_formats": list(FORMATS),
    }


def _stream_export(db: str, fmt: str, query: IncidentQuery, policy: str | None) -> Iterator[bytes]:
    """The export in chunks, from a store of its own: the request's store is closed before the
    body is sent. Every page is read in one snapshot of the database (``Store.snapshot``)."""
    store = open_store(db)
    try:
        with store.snapshot():
            yield from export_bytes(fmt, store, query, policy)
    finally:
        store.close()


@router.get(
    "/export/{fmt}",
    summary="Everything matching the filters as ACLED/GTD/UCDP CSV, GeoJSON, Parquet or JSON Lines",
)
def export(
    request: Request,
    query: QueryDep,
    fmt: str,
    policy: Annotated[str | None, Query(description=f"one of {', '.join(POLICIES)}")] = None,
) -> StreamingResponse:
    """Streamed: the store is read a page at a time as the body is sent (Parquet is written to a
    temporary file first, then sent in chunks), so a large export needs little memory."""
    if fmt not in FORMATS:
        raise ApiError(
            404, "not_found", f"no export format {fmt!r}", f"use one of: {', '.join(FORMATS)}"
        )
    if policy is not None and policy not in POLICIES:
        raise ApiError(
            400, "bad_request", f"unknown policy {policy!r}", f"use one of: {', '.join(POLICIES)}"
        )
    media, ext = FORMATS[fmt]
    return StreamingResponse(
        _stream_export(request.app.state.db, fmt, query, policy),
        media_type=media,
        headers={
            "Content-Disposition": f'attachment; filename="tollwatch-{fmt}.{ext}"',
            "X-Tollwatch-Version": __version__,
        },
    )
