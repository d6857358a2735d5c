"""Resolution: reports -> incidents, with analyst decisions, report families and evidence.

``resolve(reports, settings, policy, decisions)`` is the whole resolution of a set of reports:

1. Candidate pairs and their scores come from ``cluster`` (blocked by country and date bucket;
   scored on place, date, event type, perpetrators and text similarity).
2. Analyst decisions (``Decision``) apply first, in id order. A ``merge`` puts its reports into
   one incident whatever their scores, except those a later ``split`` takes out. A ``split`` puts its ``part`` into one incident and keeps it apart from
   its ``rest``: no scored pair may join a report of one side with a report of the other, now or
   when new reports arrive (a new report may join either side, never bridge them).
3. The pairs scoring at least ``MERGE_SCORE`` are joined by union-find, highest score first (then
   by ids), refusing a union that would put two reports of one article into one incident (the
   extractor told them apart), cross a split, or make the incident's dated reports span more than
   ``settings.incident_max_span_days`` days (first to last; a group already wider through an
   analyst's merge may take reports within its own span). Without that limit, reports of one
   place every few days chain into one "incident" spanning years. Nor may a union put two
   conflicting reports (``cluster._conflict``: different named victims, incompatible types, text
   dates days apart) into one incident (complete link), or join two groups whose candidate pairs
   score under ``MERGE_SCORE`` on average (average link): one pair alone does not chain two
   incidents of a busy city-week into one. Follow-up pairs (``cluster.follow_up``: the same
   full-named victim or victim group, more than ``cluster_window_days`` apart) come before every
   other pair, closest first, and may make an incident span up to ``victim_window_days``,
   provided its unnamed reports stay within ``incident_max_span_days`` of its first day: a later
   story of the murdered priests joins the murder before it can join another incident of its own
   week in the city (until session 13 they came last, and such stories chained with the week's
   other reports first; MUC-4 resolution 0.629 -> 0.665). A report that names someone and is
   dated only by its publication ("the assassination of Luis Carlos Galan", weeks later, with
   no day of it) says the deed was on or before that day: it stretches neither limit; the
   dated reports of an incident that name someone, such reports included, span at most
   ``follow_up_span_days`` (session 14: weeks of Galan follow-ups were refused as too long
   whenever a pair of one day bridged two groups of them; MUC-4 0.653 -> 0.695).
4. Each group is merged (``merge.merge_reports``) with its report families (``families``).

The result depends only on the set of reports and decisions, never on the order they arrive in:
pairs are taken in a total order (score, ids) and decisions in id order. A group only ever grows
through pairs of candidates and spans at most ``incident_max_span_days``, so new reports change
only the incidents within that span (plus the candidate window) of them; ``run.incremental``
resolves that neighbourhood, widening it while the incidents at its edges change.

Every candidate pair that was joined, or refused while scoring at least ``NEAR_MISS_SCORE``, is
kept as a ``Link`` (the scores, the reports, the outcome and why): that is the evidence shown by
``tollwatch show``.
"""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from tollwatch.config import Settings
from tollwatch.errors import ConfigError
from tollwatch.resolve.cluster import (
    MERGE_SCORE,
    _candidate_pairs,
    _conflict,
    _Facts,
    _facts,
    _pair,
    _types_conflict,
    _unique,
    follow_up,
)
from tollwatch.resolve.compat import DATE_CONFLICT_DAYS, Names, join_names, people_conflict
from tollwatch.resolve.families import FAMILY_JACCARD, family_ids
from tollwatch.resolve.merge import chronological, merge_reports
from tollwatch.resolve.reconcile import POLICIES
from tollwatch.types import Incident, Report

__all__ = [
    "NEAR_MISS_SCORE",
    "Clustering",
    "Decision",
    "Link",
    "Resolution",
    "cluster",
    "resolve",
    "resolve_incidents",
]

#: Refused pairs scoring at least this are kept as evidence ("kept apart, score 1.5 < 2.5").
NEAR_MISS_SCORE = 1.0

#: Link outcomes.
JOINED, SAME_INCIDENT, BELOW, SAME_ARTICLE, SPLIT, DECIDED, SPAN, CONFLICT = (
    "joined",
    "same incident",
    "below threshold",
    "same article",
    "kept apart by decision",
    "joined by decision",
    "incident would span too long",
    "incident would hold conflicting reports",
)
WEAK = "incident would be weakly linked"


@dataclass(frozen=True)
class Decision:
    """An analyst's decision, as the resolver applies it. ``kind`` is ``merge`` (``part``: every
    report to put in one incident) or ``split`` (``part`` in one incident, apart from ``rest``)."""

    id: int
    kind: str
    part: tuple[str, ...]
    rest: tuple[str, ...] = ()


@dataclass(frozen=True)
class Link:
    """One pair of reports and what resolution made of it."""

    report_a: str
    report_b: str
    score: float | None  # None for a pair joined only by a decision
    parts: Mapping[str, float]
    outcome: str
    decision_id: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "report_a": self.report_a,
            "report_b": self.report_b,
            "score": self.score,
            "parts": dict(self.parts),
            "outcome": self.outcome,
            "decision_id": self.decision_id,
        }


@dataclass
class Clustering:
    groups: list[list[Report]]
    links: list[Link]
    families: dict[str, str]


@dataclass
class Resolution:
    """Incidents, the evidence behind them, and report families."""

    incidents: list[Incident]
    links: dict[str, list[Link]] = field(default_factory=dict)  # incident id -> its links
    families: dict[str, str] = field(default_factory=dict)  # report id -> family id
    incident_of: dict[str, str] = field(default_factory=dict)  # report id -> incident id


@dataclass(frozen=True)
class _Summary:
    """What a group's reports could conflict on: whether any names people, their (event type,
    sub-event type) pairs, and the first and last of their text dates (``cluster._conflict``)."""

    people: bool
    types: frozenset[tuple[str | None, str | None]]
    text_days: tuple[int, int] | None

    @classmethod
    def of(cls, f: _Facts) -> _Summary:
        days = (f.text_day, f.text_day) if f.text_day is not None else None
        return cls(bool(f.names.people), frozenset({(f.event_type, f.sub_event_type)}), days)

    def join(self, other: _Summary) -> _Summary:
        a, b = self.text_days, other.text_days
        days = a or b if a is None or b is None else (min(a[0], b[0]), max(a[1], b[1]))
        return _Summary(self.people or other.people, self.types | other.types, days)

    def may_conflict(self, other: _Summary) -> bool:
        if self.people and other.people:
            return True
        a, b = self.text_days, other.text_days
        if (
            a is not None
            and b is not None
            and max(a[1], b[1]) - min(a[0], b[0]) >= DATE_CONFLICT_DAYS
        ):
            return True
        return any(_types_conflict(s, t) for s in self.types for t in other.types)


class _Groups:
    """Union-find that keeps, per group, its articles, its split sides and its first and last
    day (date ordinals; None for a group of undated reports)."""

    def __init__(
        self,
        facts: list[_Facts],
        max_span_days: int = 0,
        window: int = 0,
        max_km: float = 0.0,
        victim_window: int = 0,
        follow_up_span: int = 0,
    ) -> None:
        self.window, self.max_km, self.victim_window = window, max_km, victim_window
        self.follow_up_span = max(follow_up_span, victim_window)
        reports = [f.report for f in facts]
        self.parent = {r.id: r.id for r in reports}
        self.members: dict[str, list[_Facts]] = {f.report.id: [f] for f in facts}
        self.facts = {f.report.id: f for f in facts}
        self.summary: dict[str, _Summary] = {f.report.id: _Summary.of(f) for f in facts}
        self.names: dict[str, Names] = {f.report.id: f.names for f in facts}
        self.articles = {r.id: {r.article_id} for r in reports}
        self.sides: dict[str, dict[int, str]] = {r.id: {} for r in reports}
        # a report that names someone and is dated only by its publication tells the day it
        # was published, not the day of the deed (on or before it): it stretches no span
        days = {
            f.report.id: f.day if not (f.victims and f.report.date_source == "published") else None
            for f in facts
        }
        self.span: dict[str, tuple[int, int] | None] = {
            k: (d, d) if d is not None else None for k, d in days.items()
        }
        self.max_span = max_span_days
        # the first and last day of the dated reports that name someone, those dated by their
        # publication included: what the follow-ups of an incident stretch, at most
        # ``follow_up_span`` days
        self.named: dict[str, tuple[int, int] | None] = {
            f.report.id: (f.day, f.day) if f.day is not None and f.victims else None for f in facts
        }
        self.decided: set[str] = set()  # roots of groups an analyst's merge joined
        # the first and last day of the dated reports that name nobody by a full name (nor a
        # group of victims): a follow-up pair stretches an incident through its named reports
        # only; its unnamed reports stay within ``max_span`` of its first day
        self.plain: dict[str, tuple[int, int] | None] = {
            f.report.id: (f.day, f.day) if f.day is not None and not f.victims else None
            for f in facts
        }

    def find(self, x: str) -> str:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def conflict(self, rx: str, ry: str, follow_up: bool = False) -> tuple[str, int | None] | None:
        """Why a scored pair may not join the groups of roots ``rx`` and ``ry``, or None (an
        analyst's merge is not checked). A follow-up pair may make the group span up to
        ``victim_window`` days rather than ``max_span``."""
        if self.articles[rx] & self.articles[ry]:
            return SAME_ARTICLE, None
        if self.max_span > 0:
            a, b = self.span[rx], self.span[ry]
            limit = max(self.max_span, self.victim_window) if follow_up else self.max_span
            if _too_wide(a, b, limit):
                return SPAN, None
            if _too_wide(self.named[rx], self.named[ry], self.follow_up_span):
                return SPAN, None
            decided = rx in self.decided or ry in self.decided
            if a is not None and b is not None and (follow_up or not decided):
                # a group a follow-up stretched takes no unnamed report a week after it began
                # (an analyst's merge may take reports within its own span)
                plain = _cover(self.plain[rx], self.plain[ry])
                if plain is not None and plain[1] - min(a[0], b[0]) > self.max_span:
                    return SPAN, None  # an unnamed report a week after the incident began
        sx, sy = self.sides[rx], self.sides[ry]
        for decision, side in sx.items():
            if sy.get(decision, side) != side:
                return SPLIT, decision
        return None

    def link_check(self, x: str, y: str, rx: str, ry: str) -> tuple[str, int | None] | None:
        """Whether the pair ``x``-``y`` may join their groups (roots ``rx``, ``ry``): complete
        link on conflicts (no report of one group may conflict with a report of the other,
        ``cluster._conflict``) and average link on scores (``x`` with the other group's reports,
        and ``y`` with ``x``'s, must score ``MERGE_SCORE`` on average over their candidate
        pairs). Otherwise one report that looks like two incidents of a busy city-week chains
        them into one. The group summaries skip the pairwise check when no conflict is possible;
        the average costs one score per report of the two groups."""
        if self.summary[rx].may_conflict(self.summary[ry]):
            # the people an incident names are those of all its reports: a report that names
            # one of the six priests joins an incident whose reports name the others
            if people_conflict(self.names[rx], self.names[ry]):
                return CONFLICT, None
            members = self.members[ry]
            for a in self.members[rx]:
                for b in members:
                    if _conflict(a, b, names=False) is not None:
                        return CONFLICT, None
        total, count = 0.0, 0
        for one, group in ((x, ry), (y, rx)):
            f = self.facts[one]
            for b in self.members[group]:
                found = _pair(f, b, self.window, self.max_km, self.victim_window)
                if found is not None:
                    total += found[0]
                    count += 1
        if count and total < MERGE_SCORE * count:
            return WEAK, None
        return None

    def union(self, rx: str, ry: str) -> None:
        root, child = min(rx, ry), max(rx, ry)
        self.parent[child] = root
        if child in self.decided:
            self.decided.discard(child)
            self.decided.add(root)
        self.articles[root] |= self.articles.pop(child)
        self.members[root] += self.members.pop(child)
        self.summary[root] = self.summary[root].join(self.summary.pop(child))
        self.names[root] = join_names(self.names[root], self.names.pop(child))
        self.span[root] = _cover(self.span[root], self.span.pop(child))
        self.plain[root] = _cover(self.plain[root], self.plain.pop(child))
        self.named[root] = _cover(self.named[root], self.named.pop(child))
        sides = self.sides.pop(child)
        merged = self.sides[root]
        for decision, side in sides.items():
            if merged.setdefault(decision, side) != side:
                del merged[decision]  # a later merge decision overrode this split


def _too_wide(a: tuple[int, int] | None, b: tuple[int, int] | None, limit: int) -> bool:
    """Whether the day ranges ``a`` and ``b`` together span more than ``limit`` days, and more
    than either already did (a group wider through an analyst's merge keeps its own width)."""
    if a is None or b is None:
        return False
    width = max(a[1], b[1]) - min(a[0], b[0])
    return width > max(limit, a[1] - a[0], b[1] - b[0])


def _cover(a: tuple[int, int] | None, b: tuple[int, int] | None) -> tuple[int, int] | None:
    if a is None or b is None:
        return a or b
    return min(a[0], b[0]), max(a[1], b[1])


def cluster(
    reports: Iterable[Report], settings: Settings, decisions: Iterable[Decision] = ()
) -> Clustering:
    """Groups of reports (each sorted by id, ordered by first id), links and families."""
    facts = [_facts(r) for r in _unique(reports)]
    window, max_km = settings.cluster_window_days, settings.cluster_distance_km
    victim_window = settings.victim_window_days
    groups = _Groups(
        facts,
        settings.incident_max_span_days,
        window,
        max_km,
        victim_window,
        settings.follow_up_span_days,
    )
    present = groups.parent
    # (regular pair, follow-up gap, -score, id, id, parts): pairs below NEAR_MISS_SCORE are
    # neither joined nor evidence; follow-up pairs (``cluster.follow_up``, gap > 0) come first
    scored: list[tuple[bool, int, float, str, str, dict[str, float]]] = []
    copies: list[tuple[str, str]] = []
    for a, b in _candidate_pairs(facts, settings):
        found = _pair(a, b, window, max_km, victim_window)
        if found is None:
            continue
        total, parts = found
        if parts["jaccard"] >= FAMILY_JACCARD:
            copies.append((a.report.id, b.report.id))
        score = total if (total * 2).is_integer() else round(total, 3)  # halves are exact
        if score >= NEAR_MISS_SCORE:
            # follow-up pairs: the closest first, so follow-ups attach to the incident they
            # follow before chaining among themselves or with other incidents of their week
            late = abs(a.day - b.day) if follow_up(a, b, window, victim_window) else 0  # type: ignore[operator]
            scored.append((late == 0, late, -score, a.report.id, b.report.id, parts))
    links: list[Link] = []
    decisions = sorted(decisions, key=lambda d: d.id)
    for d in decisions:
        if d.kind == "split":
            for x in d.part:
                if x in present:
                    groups.sides[x][d.id] = "part"
            for x in d.rest:
                if x in present:
                    groups.sides[x][d.id] = "rest"
    for d in decisions:
        if d.kind == "merge":  # a later split takes its part out of an earlier merge
            later = {x for s in decisions if s.kind == "split" and s.id > d.id for x in s.part}
            members = sorted(x for x in d.part if x in present and x not in later)
        else:
            members = sorted(x for x in d.part if x in present)
        for x in members[1:]:
            rx, ry = groups.find(members[0]), groups.find(x)
            if rx != ry:
                groups.union(rx, ry)
                groups.decided.add(groups.find(rx))
                links.append(Link(members[0], x, None, {}, DECIDED, d.id))
    # follow-up pairs first, then highest score first, then ids (each pair once, so parts are
    # never compared)
    scored.sort()
    for _regular, late, negative, x, y, parts in scored:
        score = -negative
        if score < MERGE_SCORE:
            links.append(Link(x, y, score, parts, BELOW))
            continue
        rx, ry = groups.find(x), groups.find(y)
        if rx == ry:
            links.append(Link(x, y, score, parts, SAME_INCIDENT))
            continue
        refused = groups.conflict(rx, ry, late > 0) or groups.link_check(x, y, rx, ry)
        if refused is not None:
            links.append(Link(x, y, score, parts, refused[0], refused[1]))
            continue
        groups.union(rx, ry)
        links.append(Link(x, y, score, parts, JOINED))
    by_root: dict[str, list[Report]] = defaultdict(list)
    for f in facts:
        by_root[groups.find(f.report.id)].append(f.report)
    families = family_ids(chronological(f.report for f in facts), copies)
    return Clustering(
        groups=[by_root[root] for root in sorted(by_root)], links=links, families=dict(families)
    )


def _check_policy(policy: str) -> None:
    if policy not in POLICIES:
        raise ConfigError(
            f"unknown reconciliation policy {policy!r}",
            hint=f"set policy to one of: {', '.join(POLICIES)}",
        )


def resolve(
    reports: Iterable[Report],
    settings: Settings,
    policy: str | None = None,
    decisions: Iterable[Decision] = (),
) -> Resolution:
    """Resolve a set of reports (see the module docstring). ``policy`` None is the setting."""
    policy = policy or settings.policy
    _check_policy(policy)
    # Resolution allocates millions of small acyclic objects (pairs, score parts, links); the
    # cyclic garbage collector would rescan them over and over (a third of the time), so it is
    # paused for the duration and restored after.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _resolve(reports, settings, policy, decisions)
    finally:
        if enabled:
            gc.enable()


def _resolve(
    reports: Iterable[Report], settings: Settings, policy: str, decisions: Iterable[Decision]
) -> Resolution:
    found = cluster(reports, settings, decisions)
    incidents = [merge_reports(g, policy, found.families) for g in found.groups]
    incidents.sort(key=lambda i: (i.date is None, i.date.toordinal() if i.date else 0, i.id))
    incident_of = {rid: inc.id for inc in incidents for rid in inc.report_ids}
    links: dict[str, list[Link]] = defaultdict(list)
    for link in found.links:
        ia, ib = incident_of[link.report_a], incident_of[link.report_b]
        links[ia].append(link)
        if ib != ia:
            links[ib].append(link)
    return Resolution(
        incidents=incidents, links=dict(links), families=found.families, incident_of=incident_of
    )


def resolve_incidents(
    reports: Iterable[Report], settings: Settings, policy: str | None = None
) -> list[Incident]:
    """Incidents from reports, ordered by date (undated last), then id; no decisions."""
    return resolve(reports, settings, policy).incidents
