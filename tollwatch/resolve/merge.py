"""Merging: the reports of one cluster become one Incident.

Reports are read in chronological order: by the article's publication time (undated last), then
by report id. "First" below means first in that order.

    id            "i_" + sha1(anchor report id)[:16]; the anchor is the first report. An incident
                  keeps its id while reports published later join it.
    date          the earliest day-precision date stated in the text; else the earliest
                  day-precision date of any source (the publication-date fallback); else the most
                  common date (ties: the earliest); else None.
    location      the most precise (point > city > admin2 > admin1 > country), then the most
                  frequent (by geonames id, else name), then the first.
    sites         union by place name (case-folded); weapons and targets deduplicated, figures kept.
    event_type    the most frequent (ties: first); sub_event_type the most frequent among the
                  reports of that event type; attack_type the most frequent; suicide if any says so.
    perpetrators  deduplicated by canonical name (case-folded): claimed if any report says
                  claimed, suspected only if every report that names the actor only suspects it.
    victims, targets, weapons   deduplicated by case-folded text; first wins, type first known.
    figures       every figure of every report (report figures, then site figures not already
                  among them), each with its own evidence; the tolls come from ``reconcile``.

Two rules keep tolls honest (``toll_figures``):

    sites         when the incident has two or more sites (a report names them as a coordinated
                  attack) and a report covers exactly one of them other than the incident's main
                  place (its location and sites match that site by name or GeoNames id; a report
                  naming only the main place may be speaking of the whole attack), its totals
                  are that site's toll:
                  they become parts (``is_total=False``, ``place`` = the site) and join the site's
                  figures, so a Tartus-only "at least 33" never lowers the incident's low.
    families      copies of one story (``families``) do not count twice: among the figures of one
                  family, identical claims (kind, numbers, qualifier, source, category, place)
                  count once.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from datetime import UTC, date, datetime
from typing import TypeVar

from tollwatch.resolve.reconcile import reconcile
from tollwatch.types import Actor, Figure, Incident, Location, Mention, Report, Site

__all__ = [
    "chronological",
    "incident_id",
    "merge_reports",
    "report_figures",
    "site_scopes",
    "toll_figures",
]

T = TypeVar("T")

PRECISION_RANK = {"point": 5, "city": 4, "admin2": 3, "admin1": 2, "country": 1}
DATE_PRECISION_RANK = {"day": 4, "week": 3, "month": 2, "year": 1}
_EPOCH = datetime.min.replace(tzinfo=UTC)


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def chronological(reports: Iterable[Report]) -> list[Report]:
    """Reports by publication time (undated last), then by id."""

    def key(r: Report) -> tuple[bool, datetime, str]:
        return (r.published is None, _utc(r.published) if r.published else _EPOCH, r.id)

    return sorted(reports, key=key)


def incident_id(reports: Iterable[Report]) -> str:
    """The stable id of the incident these reports make: from its anchor (first) report's id."""
    anchor = chronological(reports)[0]
    return "i_" + hashlib.sha1(anchor.id.encode("utf-8")).hexdigest()[:16]


def report_figures(report: Report) -> tuple[Figure, ...]:
    """The report's figures, then those of its sites that are not already among them."""
    seen = set(report.figures)
    extra: list[Figure] = []
    for site in report.sites:
        for fig in site.figures:
            if fig not in seen:
                seen.add(fig)
                extra.append(fig)
    return report.figures + tuple(extra)


def _most_common(values: Sequence[T]) -> T | None:
    """The most frequent value; ties go to the value seen first."""
    if not values:
        return None
    counts = Counter(values)
    top = max(counts.values())
    return next(v for v in values if counts[v] == top)


def _dedupe(
    items: Iterable[T], key: Callable[[T], Hashable], merge: Callable[[T, T], T]
) -> tuple[T, ...]:
    merged: dict[Hashable, T] = {}
    for item in items:
        k = key(item)
        merged[k] = merge(merged[k], item) if k in merged else item
    return tuple(merged.values())


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def _named_first(actors: tuple[Actor, ...]) -> tuple[Actor, ...]:
    """Actors known only by a description ("unidentified gunmen") are dropped when a report of
    the incident names the perpetrator."""
    named = tuple(a for a in actors if not a.name.startswith("unidentified"))
    return named or actors


def _merge_mention(first: Mention, other: Mention) -> Mention:
    if first.type is None and other.type is not None:
        return dataclasses.replace(first, type=other.type)
    return first


def _mentions(groups: Iterable[Iterable[Mention]]) -> tuple[Mention, ...]:
    return _dedupe((m for g in groups for m in g), lambda m: _norm(m.text), _merge_mention)


def _merge_actor(first: Actor, other: Actor) -> Actor:
    claimed = first.claimed or other.claimed
    if first.claimed:
        channel, evidence = first.claim_channel or other.claim_channel, first.evidence
    elif other.claimed:
        channel, evidence = other.claim_channel or first.claim_channel, other.evidence
    else:
        channel, evidence = first.claim_channel or other.claim_channel, first.evidence
    return dataclasses.replace(
        first,
        claimed=claimed,
        claim_channel=channel,
        suspected=first.suspected and other.suspected,
        evidence=evidence,
    )


def _merge_date(reports: Sequence[Report]) -> tuple[date | None, str]:
    days = [r for r in reports if r.date is not None and r.date_precision == "day"]
    from_text = [r for r in days if r.date_source == "text"]
    for pool in (from_text, days):
        if pool:
            return min(r.date for r in pool if r.date is not None), "day"
    dated = [r for r in reports if r.date is not None]
    if not dated:
        return None, "unknown"
    counts = Counter(r.date for r in dated)
    top = max(counts.values())
    chosen = min(d for d, n in counts.items() if n == top)
    precision = max(
        (r.date_precision for r in dated if r.date == chosen),
        key=lambda p: DATE_PRECISION_RANK.get(p, 0),
    )
    return chosen, precision


def _location_key(loc: Location) -> Hashable:
    return ("gid", loc.geonames_id) if loc.geonames_id is not None else ("name", _norm(loc.name))


def _merge_location(reports: Sequence[Report]) -> Location | None:
    locations = [r.location for r in reports if r.location is not None]
    if not locations:
        return None
    best_rank = max(PRECISION_RANK.get(loc.precision or "", 0) for loc in locations)
    top = [loc for loc in locations if PRECISION_RANK.get(loc.precision or "", 0) == best_rank]
    key = _most_common([_location_key(loc) for loc in top])
    return next(loc for loc in top if _location_key(loc) == key)


def _merge_site(first: Site, other: Site) -> Site:
    figures = first.figures + tuple(f for f in other.figures if f not in first.figures)
    return Site(
        location=first.location,
        weapons=_mentions((first.weapons, other.weapons)),
        targets=_mentions((first.targets, other.targets)),
        figures=figures,
    )


def _site_keys(loc: Location) -> set[str]:
    keys = {_norm(n) for n in (loc.name, loc.matched_name) if n}
    if loc.geonames_id is not None:
        keys.add(f"#{loc.geonames_id}")
    return keys


def site_scopes(reports: Iterable[Report]) -> dict[str, str]:
    """Report id -> site name, for the reports that cover only one site of a multi-site incident
    (see the module docstring). Empty when no report names two sites or more."""
    ordered = list(reports)
    sites: dict[str, set[str]] = {}
    for r in ordered:
        if len(r.sites) >= 2:
            for site in r.sites:
                sites.setdefault(site.location.name, set()).update(_site_keys(site.location))
    if len(sites) < 2:
        return {}
    primary = _merge_location(ordered)
    if primary is not None:  # a report naming only the main place may speak of the whole attack
        sites = {n: k for n, k in sites.items() if not k & _site_keys(primary)}
    out: dict[str, str] = {}
    for r in ordered:
        if len(r.sites) >= 2:
            continue
        keys: set[str] = set()
        for loc in [r.location, *(s.location for s in r.sites)]:
            if loc is not None:
                keys |= _site_keys(loc)
        hits = sorted(name for name, site_keys in sites.items() if site_keys & keys)
        if len(hits) == 1:
            out[r.id] = hits[0]
    return out


def _scoped(fig: Figure, site: str | None) -> Figure:
    if site is None or not fig.is_total:
        return fig
    return dataclasses.replace(fig, is_total=False, place=fig.place or site)


def _claim_key(fig: Figure) -> Hashable:
    who = _norm(fig.attributed_to) if fig.attributed_to else None
    return (
        fig.kind,
        fig.low,
        fig.high,
        fig.qualifier,
        who,
        fig.victim_category,
        fig.place,
        fig.is_total,
    )


def toll_figures(
    reports: Iterable[Report], families: Mapping[str, str] | None = None
) -> tuple[tuple[Figure, ...], tuple[Figure, ...]]:
    """``(figures, counted)``: every figure of the reports (chronological, site-scoped), and
    those that count for tolls (one per identical claim within a report family)."""
    ordered = chronological(reports)
    scopes = site_scopes(ordered)
    families = families or {}
    figures: list[Figure] = []
    counted: list[Figure] = []
    seen: set[tuple[str, Hashable]] = set()
    for r in ordered:
        family = families.get(r.id, r.id)
        for fig in report_figures(r):
            fig = _scoped(fig, scopes.get(r.id))
            figures.append(fig)
            key = (family, _claim_key(fig))
            if key not in seen:
                seen.add(key)
                counted.append(fig)
    return tuple(figures), tuple(counted)


def _sites(ordered: Sequence[Report], figures: Sequence[Figure]) -> tuple[Site, ...]:
    sites = _dedupe(
        (s for r in ordered for s in r.sites), lambda s: _norm(s.location.name), _merge_site
    )
    scopes = site_scopes(ordered)
    if not scopes:
        return sites
    extra: dict[str, list[Figure]] = {}
    for r in ordered:
        site = scopes.get(r.id)
        if site is not None:
            extra.setdefault(_norm(site), []).extend(_scoped(f, site) for f in report_figures(r))
    return tuple(
        dataclasses.replace(
            s,
            figures=s.figures
            + tuple(f for f in extra.get(_norm(s.location.name), ()) if f not in s.figures),
        )
        for s in sites
    )


def merge_reports(
    reports: Iterable[Report], policy: str = "ucdp", families: Mapping[str, str] | None = None
) -> Incident:
    """One Incident from the reports of one cluster (see the module docstring for the rules).

    ``families`` maps report ids to their family id (``families.family_ids``); reports it does
    not list are their own family."""
    ordered = chronological(reports)
    if not ordered:
        raise ValueError("merge_reports needs at least one report")
    day, precision = _merge_date(ordered)
    event_type = _most_common([r.event_type for r in ordered if r.event_type])
    sub_event_type = _most_common(
        [r.sub_event_type for r in ordered if r.sub_event_type and r.event_type == event_type]
    )
    figures, counted = toll_figures(ordered, families)
    published = {r.article_id: r.published for r in ordered}
    return Incident(
        id=incident_id(ordered),
        report_ids=tuple(sorted(r.id for r in ordered)),
        article_ids=tuple(sorted({r.article_id for r in ordered})),
        date=day,
        date_precision=precision,
        location=_merge_location(ordered),
        sites=_sites(ordered, figures),
        event_type=event_type,
        sub_event_type=sub_event_type,
        attack_type=_most_common([r.attack_type for r in ordered if r.attack_type]),
        suicide=any(r.suicide for r in ordered),
        perpetrators=_named_first(
            _dedupe(
                (a for r in ordered for a in r.perpetrators), lambda a: _norm(a.name), _merge_actor
            )
        ),
        victims=_mentions(r.victims for r in ordered),
        targets=_mentions(r.targets for r in ordered),
        weapons=_mentions(r.weapons for r in ordered),
        figures=figures,
        killed=reconcile(counted, "killed", policy, published),
        injured=reconcile(counted, "injured", policy, published),
        policy=policy,
        summary=next((r.summary for r in ordered if r.summary), None),
    )
