"""The JSON format of tollwatch records (documented field by field in docs/schema.md).

Every dict written here carries ``"schema_version"`` (``types.SCHEMA_VERSION``). The rule:
fields are only ever added, and adding one bumps the minor version; the major version changes only
if a field is removed or changes meaning. Readers therefore accept any dict of the same major
version: a field missing from an older dict takes its dataclass default, and a field they do not
know is ignored.

``X_from_dict(X_to_dict(x)) == x`` for every record, and the dicts survive ``json.dumps`` /
``json.loads`` unchanged (dates are ISO strings, tuples become lists).

Public functions::

    article_to_dict   article_from_dict
    report_to_dict    report_from_dict
    incident_to_dict  incident_from_dict
    failure_to_dict   failure_from_dict
    figure_to_dict    figure_from_dict
    toll_to_dict      toll_from_dict

Malformed input (a missing required field, a value of the wrong type, a newer major version) raises
``TollwatchError`` naming the record and the field.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any, TypeVar

from tollwatch.errors import TollwatchError
from tollwatch.types import (
    SCHEMA_VERSION,
    Actor,
    Article,
    Evidence,
    Failure,
    Figure,
    Incident,
    Location,
    Mention,
    Report,
    Site,
    Toll,
)

__all__ = [
    "SCHEMA_VERSION",
    "article_from_dict",
    "article_to_dict",
    "failure_from_dict",
    "failure_to_dict",
    "figure_from_dict",
    "figure_to_dict",
    "incident_from_dict",
    "incident_to_dict",
    "report_from_dict",
    "report_to_dict",
    "toll_from_dict",
    "toll_to_dict",
]

T = TypeVar("T")
JSONDict = dict[str, Any]

_MAJOR = SCHEMA_VERSION.split(".")[0]


# --- small values --------------------------------------------------------------------------------


def _date_out(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _date_in(value: Any) -> date | None:
    if value is None:
        return None
    return date.fromisoformat(value)


def _datetime_out(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _datetime_in(value: Any) -> datetime | None:
    if value is None:
        return None
    return datetime.fromisoformat(value)


def _opt(d: JSONDict | None, fn: Callable[[JSONDict], T]) -> T | None:
    return fn(d) if d is not None else None


def _many(items: Iterable[JSONDict] | None, fn: Callable[[JSONDict], T]) -> tuple[T, ...]:
    return tuple(fn(item) for item in items or ())


def _check_version(d: JSONDict, record: str) -> None:
    version = d.get("schema_version")
    if version is None:
        return  # dicts written before versioning, or hand-made: read leniently
    if str(version).split(".")[0] != _MAJOR:
        raise TollwatchError(
            f"{record} has schema_version {version!r}, this tollwatch reads {_MAJOR}.x",
            hint="upgrade tollwatch, or re-export the data with this version",
        )


def _decode(record: str, fn: Callable[[JSONDict], T], d: Any) -> T:
    if not isinstance(d, dict):
        raise TollwatchError(
            f"a {record} must be a JSON object, got {type(d).__name__}",
            hint="pass one record per dict (one JSON object per line in JSONL)",
        )
    _check_version(d, record)
    try:
        return fn(d)
    except KeyError as exc:
        raise TollwatchError(
            f"{record} {d.get('id', '?')!r} lacks the required field {exc.args[0]!r}",
            hint="see docs/schema.md for the fields each record needs",
        ) from exc
    except (TypeError, ValueError, AttributeError) as exc:
        raise TollwatchError(
            f"{record} {d.get('id', '?')!r} has a malformed field: {exc}",
            hint="see docs/schema.md for the type of each field",
        ) from exc


# --- parts ---------------------------------------------------------------------------------------


def evidence_to_dict(ev: Evidence) -> JSONDict:
    return {"article_id": ev.article_id, "start": ev.start, "end": ev.end, "text": ev.text}


def evidence_from_dict(d: JSONDict) -> Evidence:
    return Evidence(
        article_id=d["article_id"], start=int(d["start"]), end=int(d["end"]), text=d["text"]
    )


def _ev_out(ev: Evidence | None) -> JSONDict | None:
    return evidence_to_dict(ev) if ev is not None else None


def _ev_in(d: JSONDict | None) -> Evidence | None:
    return _opt(d, evidence_from_dict)


def location_to_dict(loc: Location) -> JSONDict:
    return {
        "name": loc.name,
        "admin1": loc.admin1,
        "country": loc.country,
        "lat": loc.lat,
        "lon": loc.lon,
        "precision": loc.precision,
        "geonames_id": loc.geonames_id,
        "matched_name": loc.matched_name,
        "evidence": _ev_out(loc.evidence),
    }


def location_from_dict(d: JSONDict) -> Location:
    lat, lon, gid = d.get("lat"), d.get("lon"), d.get("geonames_id")
    return Location(
        name=d["name"],
        country=d.get("country"),
        admin1=d.get("admin1"),
        lat=float(lat) if lat is not None else None,
        lon=float(lon) if lon is not None else None,
        precision=d.get("precision"),
        geonames_id=int(gid) if gid is not None else None,
        matched_name=d.get("matched_name"),
        evidence=_ev_in(d.get("evidence")),
    )


def actor_to_dict(actor: Actor) -> JSONDict:
    return {
        "text": actor.text,
        "name": actor.name,
        "kind": actor.kind,
        "claimed": actor.claimed,
        "claim_channel": actor.claim_channel,
        "suspected": actor.suspected,
        "evidence": _ev_out(actor.evidence),
    }


def actor_from_dict(d: JSONDict) -> Actor:
    return Actor(
        text=d["text"],
        name=d.get("name", d["text"]),
        kind=d.get("kind", "organization"),
        claimed=bool(d.get("claimed", False)),
        claim_channel=d.get("claim_channel"),
        suspected=bool(d.get("suspected", False)),
        evidence=_ev_in(d.get("evidence")),
    )


def mention_to_dict(mention: Mention) -> JSONDict:
    return {"text": mention.text, "type": mention.type, "evidence": _ev_out(mention.evidence)}


def mention_from_dict(d: JSONDict) -> Mention:
    return Mention(text=d["text"], type=d.get("type"), evidence=_ev_in(d.get("evidence")))


def _int_or_none(value: Any) -> int | None:
    return int(value) if value is not None else None


def figure_to_dict(fig: Figure) -> JSONDict:
    return {
        "kind": fig.kind,
        "low": fig.low,
        "high": fig.high,
        "qualifier": fig.qualifier,
        "attributed_to": fig.attributed_to,
        "victim_category": fig.victim_category,
        "place": fig.place,
        "is_total": fig.is_total,
        "evidence": _ev_out(fig.evidence),
    }


def figure_from_dict(d: JSONDict) -> Figure:
    return Figure(
        kind=d["kind"],
        low=_int_or_none(d.get("low")),
        high=_int_or_none(d.get("high")),
        qualifier=d.get("qualifier", "exact"),
        attributed_to=d.get("attributed_to"),
        victim_category=d.get("victim_category"),
        place=d.get("place"),
        is_total=bool(d.get("is_total", True)),
        evidence=_ev_in(d.get("evidence")),
    )


def toll_to_dict(toll: Toll) -> JSONDict:
    return {"low": toll.low, "best": toll.best, "high": toll.high}


def toll_from_dict(d: JSONDict | None) -> Toll:
    if d is None:
        return Toll()
    return Toll(
        low=_int_or_none(d.get("low")),
        best=_int_or_none(d.get("best")),
        high=_int_or_none(d.get("high")),
    )


def site_to_dict(site: Site) -> JSONDict:
    return {
        "location": location_to_dict(site.location),
        "weapons": [mention_to_dict(m) for m in site.weapons],
        "targets": [mention_to_dict(m) for m in site.targets],
        "figures": [figure_to_dict(f) for f in site.figures],
    }


def site_from_dict(d: JSONDict) -> Site:
    return Site(
        location=location_from_dict(d["location"]),
        weapons=_many(d.get("weapons"), mention_from_dict),
        targets=_many(d.get("targets"), mention_from_dict),
        figures=_many(d.get("figures"), figure_from_dict),
    )


# --- what a report and an incident share ---------------------------------------------------------


def _event_fields_out(rec: Report | Incident) -> JSONDict:
    return {
        "location": location_to_dict(rec.location) if rec.location is not None else None,
        "sites": [site_to_dict(s) for s in rec.sites],
        "event_type": rec.event_type,
        "sub_event_type": rec.sub_event_type,
        "attack_type": rec.attack_type,
        "suicide": rec.suicide,
        "perpetrators": [actor_to_dict(a) for a in rec.perpetrators],
        "victims": [mention_to_dict(m) for m in rec.victims],
        "targets": [mention_to_dict(m) for m in rec.targets],
        "weapons": [mention_to_dict(m) for m in rec.weapons],
        "figures": [figure_to_dict(f) for f in rec.figures],
        "killed": toll_to_dict(rec.killed),
        "injured": toll_to_dict(rec.injured),
    }


def _event_fields_in(d: JSONDict) -> JSONDict:
    return {
        "location": _opt(d.get("location"), location_from_dict),
        "sites": _many(d.get("sites"), site_from_dict),
        "event_type": d.get("event_type"),
        "sub_event_type": d.get("sub_event_type"),
        "attack_type": d.get("attack_type"),
        "suicide": bool(d.get("suicide", False)),
        "perpetrators": _many(d.get("perpetrators"), actor_from_dict),
        "victims": _many(d.get("victims"), mention_from_dict),
        "targets": _many(d.get("targets"), mention_from_dict),
        "weapons": _many(d.get("weapons"), mention_from_dict),
        "figures": _many(d.get("figures"), figure_from_dict),
        "killed": toll_from_dict(d.get("killed")),
        "injured": toll_from_dict(d.get("injured")),
    }


# --- records -------------------------------------------------------------------------------------


def report_to_dict(report: Report) -> JSONDict:
    """The JSON dict of one Report (docs/schema.md, "Report")."""
    return {
        "schema_version": SCHEMA_VERSION,
        "id": report.id,
        "article_id": report.article_id,
        "date": _date_out(report.date),
        "date_precision": report.date_precision,
        "date_source": report.date_source,
        "date_evidence": _ev_out(report.date_evidence),
        **_event_fields_out(report),
        "is_reference": report.is_reference,
        "summary": report.summary,
        "evidence": [evidence_to_dict(ev) for ev in report.evidence],
        "published": _datetime_out(report.published),
        "source": report.source,
    }


def _report_from_dict(d: JSONDict) -> Report:
    return Report(
        id=d["id"],
        article_id=d["article_id"],
        date=_date_in(d.get("date")),
        date_precision=d.get("date_precision", "unknown"),
        date_source=d.get("date_source"),
        date_evidence=_ev_in(d.get("date_evidence")),
        **_event_fields_in(d),
        is_reference=bool(d.get("is_reference", False)),
        summary=d.get("summary"),
        evidence=_many(d.get("evidence"), evidence_from_dict),
        published=_datetime_in(d.get("published")),
        source=d.get("source"),
    )


def report_from_dict(d: JSONDict) -> Report:
    """The Report of a dict written by ``report_to_dict`` (any 1.x version)."""
    return _decode("report", _report_from_dict, d)


def incident_to_dict(incident: Incident) -> JSONDict:
    """The JSON dict of one Incident (docs/schema.md, "Incident")."""
    return {
        "schema_version": SCHEMA_VERSION,
        "id": incident.id,
        "report_ids": list(incident.report_ids),
        "article_ids": list(incident.article_ids),
        "date": _date_out(incident.date),
        "date_precision": incident.date_precision,
        **_event_fields_out(incident),
        "policy": incident.policy,
        "summary": incident.summary,
    }


def _incident_from_dict(d: JSONDict) -> Incident:
    return Incident(
        id=d["id"],
        report_ids=tuple(d["report_ids"]),
        article_ids=tuple(d["article_ids"]),
        date=_date_in(d.get("date")),
        date_precision=d.get("date_precision", "unknown"),
        **_event_fields_in(d),
        policy=d.get("policy", "ucdp"),
        summary=d.get("summary"),
    )


def incident_from_dict(d: JSONDict) -> Incident:
    """The Incident of a dict written by ``incident_to_dict`` (any 1.x version)."""
    return _decode("incident", _incident_from_dict, d)


def article_to_dict(article: Article) -> JSONDict:
    """``Article.to_dict`` plus ``schema_version``."""
    return {"schema_version": SCHEMA_VERSION, **article.to_dict()}


def article_from_dict(d: JSONDict) -> Article:
    return _decode("article", Article.from_dict, d)


def failure_to_dict(failure: Failure) -> JSONDict:
    return {"schema_version": SCHEMA_VERSION, **failure.to_dict()}


def _failure_from_dict(d: JSONDict) -> Failure:
    return Failure(
        origin=d["origin"],
        reason=d["reason"],
        detail=d.get("detail", ""),
        stage=d.get("stage", "ingest"),
        article_id=d.get("article_id"),
    )


def failure_from_dict(d: JSONDict) -> Failure:
    return _decode("failure", _failure_from_dict, d)
