"""Clustering: which reports tell of the same real-world incident.

``resolve_incidents(reports, settings)`` groups reports into incidents and merges each group
(``merge.merge_reports``). The rules, in order:

1. Reports with ``is_reference=True`` (history, comparisons) are skipped.
2. Two reports are *candidates* only if they have the same country (a report with no country is
   never merged), and
   - both have dates at most ``settings.cluster_window_days`` apart, or both have no date and
     share a place name; a dated report never matches an undated one; and
   - they share a place name, or lie within ``settings.cluster_distance_km`` of each other
     (haversine between their coordinates), or have the same admin1.
   Place names are the case-folded names (as written and as matched) of the report's location and
   sites, leaving out locations only as precise as an admin1 or a country ("Syria" is no evidence).
3. Candidates are scored (``score_pair``) on place, date, event type, perpetrators, named victims
   and targets, victims of one described group ("six Jesuit priests" / "the Jesuits",
   ``GROUP_SCORE``: weaker than a name, and it lifts no conflict), physical targets (both name
   some and no head word is common, "a telephone booth" / "the university":
   ``TARGET_CONFLICT_SCORE``, unless a name joins them), tolls and text copies; a pair scoring at
   least ``MERGE_SCORE`` is merged. What
   keeps apart reports of one city and week (``compat``): different named victims, incompatible
   types (a kidnapping is no bombing), dates read from each text three or more days apart; a
   victim named by both outweighs a disagreement on the date or the sub-event type, and stands in
   for a common place (a story filed from the capital); the same victim named in full by both
   outweighs a report typed as no violence ("Strategic developments": "the murder of Carlos
   Pizarro sought to destroy the peace process").
4. Merging is union-find over the pairs taken by descending score (then by ids), refusing a union
   that would put two reports of the same article into one incident (the extractor already told
   them apart), two conflicting reports (``_conflict``) into one incident, or that the candidate
   pairs across the two groups do not support on average (``engine._Groups``).

5. Follow-ups (``compat.same_victim``): two dated reports of one country that name the same
   person by a full name (two or more distinctive words) are candidates up to
   ``settings.victim_window_days`` apart ("the funeral of Luis Carlos Galan", "suspects held in
   the murder of ..." days or weeks after the murder). Beyond ``cluster_window_days`` the gap
   scores ``FOLLOW_UP_DATE_SCORE`` (a later report is no evidence against, but the date is no
   evidence for either), and the pair is a *follow-up pair*: ``engine.cluster`` takes follow-up
   pairs before every other pair, and only they may make an incident span more than
   ``incident_max_span_days`` (up to ``victim_window_days``). A later report dated only by its
   publication that names the victims as the group an earlier one names, at a common place
   (``group_follow_up``: "the assassination of the Jesuits" weeks after "six Jesuit priests were
   murdered"), is a follow-up pair too; the index holds each group under (``compat.GROUP_KEY``,
   group).

Candidates are found by a sliding window over the reports of each country sorted by day, plus an
index from (country, a word pair of a full victim name, ``compat.victim_keys``) to its reports for
follow-up pairs, so a report is only compared with the reports of its own days (and of its named
victims), never all pairs. The result depends only on the set of reports, not on their order.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from tollwatch.config import Settings
from tollwatch.errors import TollwatchError
from tollwatch.resolve.compat import (
    CONFLICT_SCORE,
    DATE_CONFLICT_DAYS,
    Names,
    incompatible_sub_events,
    incompatible_types,
    names_of,
    names_score,
    people_conflict,
    people_match,
    same_victim,
    singular,
    victim_keys,
)
from tollwatch.resolve.families import FAMILY_JACCARD, jaccard, shingles
from tollwatch.types import Incident, Location, Report

__all__ = [
    "MERGE_SCORE",
    "TEXT_SCORE",
    "cluster_reports",
    "haversine_km",
    "resolve_incidents",
    "follow_up",
    "score_pair",
]

#: A candidate pair scoring at least this is merged (see ``score_pair``).
MERGE_SCORE = 2.5
#: Two killed tolls this far apart (smaller / larger) count against a pair (``_figure_score``).
TOLL_RATIO = 0.15
#: Added to a pair whose victims belong to one described group and that name no common person.
GROUP_SCORE = 1.0
#: Added to a pair whose texts are copies of one story (shingle Jaccard >= FAMILY_JACCARD).
TEXT_SCORE = 2.0
#: added to a pair whose physical targets share no head word (both name some)
TARGET_CONFLICT_SCORE = -1.0
#: The date part of a follow-up pair (the same full-named victim, more than
#: ``cluster_window_days`` apart): a later report of a named victim's murder is no evidence
#: against, so the gap is not counted against it as a gap within the window is.
FOLLOW_UP_DATE_SCORE = 0.0

#: the ACLED type of what is no violence of its own (a report typed so by a word such as
#: "destroy" in a follow-up): the same victim named in full outweighs it
_UNTYPED = "Strategic developments"
_COARSE = {"admin1", "country"}
_PRECISE = {"point", "city"}
#: ACLED event types that can describe one event in different words ("a bombing killed civilians").
_EVENT_GROUPS = (
    {"Battles", "Explosions/Remote violence", "Violence against civilians"},
    {"Protests", "Riots"},
    # "security forces fired on protesters" (excessive force) / "gunfire killed 12 marchers"
    {"Protests", "Violence against civilians"},
)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def _norm(text: str | None) -> str:
    return " ".join((text or "").casefold().split())


@dataclass(frozen=True)
class _Facts:
    """What clustering needs of one report, computed once."""

    report: Report
    country: str | None
    day: int | None  # date ordinal
    admin1: str
    places: frozenset[str]
    coords: tuple[float, float] | None
    precise: bool
    perpetrators: frozenset[str]
    all_suspected: bool
    shingles: frozenset[str] = frozenset()
    event_type: str | None = None
    sub_event_type: str | None = None
    killed: int | None = None  # the killed toll's best figure
    names: Names = Names()  # named victims and targets (``compat.names_of``)
    text_day: int | None = None  # date ordinal when read from the text at day precision
    victims: frozenset[tuple[str, str]] = frozenset()  # ``compat.victim_keys`` of ``names``
    targets: frozenset[str] = frozenset()  # head words of the physical targets (``target_heads``)


def _locations(report: Report) -> list[Location]:
    locs = [report.location] if report.location is not None else []
    return locs + [site.location for site in report.sites]


def _places(locs: list[Location]) -> set[str]:
    places: set[str] = set()
    for loc in locs:
        if loc.precision not in _COARSE:
            places.update(n for n in (_norm(loc.name), _norm(loc.matched_name)) if n)
            if loc.geonames_id is not None:
                places.add(f"#{loc.geonames_id}")
    return places


def report_victim_keys(report: Report) -> frozenset[tuple[str, str]]:
    """``_facts(report).victims`` without the rest of the facts (``run.incremental`` indexes
    fetched reports by them)."""
    return victim_keys(names_of(report, frozenset(_places(_locations(report)))))


def _facts(report: Report) -> _Facts:
    locs = _locations(report)
    country = next((loc.country.upper() for loc in locs if loc.country), None)
    places = _places(locs)
    located = next((loc for loc in locs if loc.lat is not None and loc.lon is not None), None)
    coords = None
    if located is not None and located.lat is not None and located.lon is not None:
        coords = (located.lat, located.lon)
    day = report.date.toordinal() if report.date is not None else None
    names = names_of(report, frozenset(places))
    text_day = day if report.date_source == "text" and report.date_precision == "day" else None
    return _Facts(
        report=report,
        country=country,
        day=day,
        admin1=next((_norm(loc.admin1) for loc in locs if loc.admin1), ""),
        places=frozenset(places),
        coords=coords,
        precise=located is not None and located.precision in _PRECISE,
        perpetrators=frozenset(
            _norm(a.name)
            for a in report.perpetrators
            if a.name and not _norm(a.name).startswith("unidentified")
        ),
        all_suspected=all(a.suspected for a in report.perpetrators),
        shingles=shingles(report),
        event_type=report.event_type,
        sub_event_type=report.sub_event_type,
        killed=report.killed.best,
        names=names,
        text_day=text_day,
        victims=victim_keys(names),
        targets=target_heads(report),
    )


def target_heads(report: Report) -> frozenset[str]:
    """The head (last) word of each physical target, lower-case and singular ("a telephone
    booth" -> booth, "El Espectador's offices" -> office)."""
    out = set()
    for m in report.targets:
        words = [w.strip(".,;:'\"()[]").lower() for w in m.text.split()]
        words = [w for w in words if w]
        if words:
            out.add(singular(words[-1]))
    return frozenset(out)


def _place_score(a: _Facts, b: _Facts, max_km: float) -> float | None:
    """2.0 for a shared place name; 1.0-2.0 within ``max_km`` (closer is higher); -2.0 for two
    precise places farther apart; 0.5 for the same admin1 only; None when nothing links them."""
    if a.places & b.places:
        return 2.0
    if a.coords is not None and b.coords is not None:
        km = haversine_km(*a.coords, *b.coords)
        if km <= max_km:
            return 1.0 + (1.0 - km / max_km if max_km > 0 else 1.0)
        if a.precise and b.precise:
            return -2.0 if a.admin1 and a.admin1 == b.admin1 else None
    if a.admin1 and a.admin1 == b.admin1:
        return 0.5
    return None


def _event_score(a: Report, b: Report) -> float:
    """+1 for the same event type (+0.5 for the same sub-event type), -0.5 for different but
    compatible types, -3 for incompatible ones (``compat.incompatible_types`` included); 0 when
    either is unknown. ``_pair`` inlines it (and lets a common named victim lift the sub-event
    rule)."""
    if not a.event_type or not b.event_type:
        return 0.0
    if incompatible_types(a, b):
        return CONFLICT_SCORE
    if a.event_type == b.event_type:
        same_sub = a.sub_event_type and a.sub_event_type == b.sub_event_type
        return 1.5 if same_sub else 1.0
    if any(a.event_type in g and b.event_type in g for g in _EVENT_GROUPS):
        return -0.5
    return -3.0


def _perpetrator_score(a: _Facts, b: _Facts) -> float:
    """+1 when they name a common perpetrator (or one's name starts the other's: "al-Qaeda" and
    "al-Qaeda in the Islamic Maghreb"); -1.5 when both name perpetrators and none is common (-0.5
    if one side only suspects); 0 when either names none. Descriptions ("unidentified gunmen")
    name nobody."""
    if not a.perpetrators or not b.perpetrators:
        return 0.0
    if a.perpetrators & b.perpetrators or any(
        x.startswith(y + " ") or y.startswith(x + " ")
        for x in a.perpetrators
        for y in b.perpetrators
    ):
        return 1.0
    return -0.5 if a.all_suspected or b.all_suspected else -1.5


def _figure_score(a: Report, b: Report) -> float:
    """-1 when both reports state a killed toll and the smaller is under ``TOLL_RATIO`` of the
    larger (and at least 10 apart): 7 dead at a funeral is not the 80 of the bombing days before.
    Tolls rise and one site's toll is a part, so a moderate gap is no evidence either way."""
    x, y = a.killed.best, b.killed.best
    if not x or not y:
        return 0.0
    small, large = sorted((x, y))
    return -1.0 if small < TOLL_RATIO * large and large - small >= 10 else 0.0


_DATE_SCORES = {0: 1.0, 1: 0.5, 2: -0.5}


def follow_up(a: _Facts, b: _Facts, window: int, victim_window: int) -> bool:
    """Whether two dated reports are a follow-up pair: more than ``window`` and at most
    ``victim_window`` days apart, naming the same person by a full name, or the later dated only
    by its publication and naming the earlier's group of victims (``group_follow_up``)."""
    if a.day is None or b.day is None or not a.victims & b.victims:
        return False
    gap = abs(a.day - b.day)
    return window < gap <= victim_window and (
        same_victim(a.names, b.names) or group_follow_up(a, b)
    )


def group_follow_up(a: _Facts, b: _Facts) -> bool:
    """A later report dated only by its publication that names the victims as the group an
    earlier one names, at a common place ("the assassination of the six Jesuits" in San Salvador
    weeks after "six Jesuit priests were murdered" there): a follow-up that says no date of its
    own."""
    if a.day is None or b.day is None:
        return False
    later = a if (a.day, a.report.id) > (b.day, b.report.id) else b
    return (
        later.report.date_source == "published"
        and bool(a.names.groups & b.names.groups)
        and bool(a.places & b.places)
    )


def _pair(
    a: _Facts, b: _Facts, window: int, max_km: float, victim_window: int = 0
) -> tuple[float, dict] | None:
    """The score and its parts of a candidate pair, or None when the pair is no candidate. The hot
    path of resolution: the rules of ``_event_score``, ``_perpetrator_score`` and
    ``_figure_score``, inlined on the precomputed facts; a follow-up pair (``follow_up``) may be
    up to ``victim_window`` days apart."""
    if a.country is None or a.country != b.country:
        return None
    ad, bd = a.day, b.day
    if ad is None or bd is None:
        if ad is not None or bd is not None or not a.places & b.places:
            return None
        date_score = 0.5
    else:
        gap = ad - bd if ad >= bd else bd - ad
        if gap <= window:
            date_score = _DATE_SCORES.get(gap, -1.0)
        elif follow_up(a, b, window, victim_window):
            later = a if ad > bd else b
            date_score = FOLLOW_UP_DATE_SCORE if later.text_day is None else -1.0
        else:
            return None
    # a victim or target named by both outweighs a disagreement on the date or the sub-event
    # type (extraction gets those wrong more often than names); different names conflict
    names = names_score(a.names, b.names) if a.names and b.names else 0.0
    named = names > 0
    if ad is not None and bd is not None and not named and _dates_conflict(a, b):
        date_score = CONFLICT_SCORE  # each report's own text dates it, days apart
    place = _place_score(a, b, max_km)
    if place is None:
        if not named or not people_match(a.names, b.names):
            return None
        place = 0.0  # no common place, but a person named by both (a dateline elsewhere)
    ea, eb = a.event_type, b.event_type
    if not ea or not eb:
        event = 0.0
    elif not named and incompatible_types(a.report, b.report):
        event = CONFLICT_SCORE  # an abduction is no bombing
    elif ea == eb:
        event = 1.5 if a.sub_event_type and a.sub_event_type == b.sub_event_type else 1.0
    elif _related_types(a, b):
        event = -0.5
    else:
        event = CONFLICT_SCORE
    perp = _perpetrator_score(a, b) if a.perpetrators and b.perpetrators else 0.0
    x, y = a.killed, b.killed
    figures = 0.0
    if x and y:
        small, large = (x, y) if x <= y else (y, x)
        if small < TOLL_RATIO * large and large - small >= 10:
            figures = -1.0
    similarity = jaccard(a.shingles, b.shingles) if a.shingles and b.shingles else 0.0
    text = TEXT_SCORE if similarity >= FAMILY_JACCARD else 0.0
    # victims of one described group ("the six Jesuit priests" / "the Jesuits"): weaker than a
    # name, and it lifts no conflict
    group = GROUP_SCORE if not named and a.names.groups & b.names.groups else 0.0
    # both say what was hit and nothing is common ("a telephone booth" / "the university"): two
    # bombings of one city, unless a name joins them
    hit = (
        TARGET_CONFLICT_SCORE
        if not named and a.targets and b.targets and not a.targets & b.targets
        else 0.0
    )
    score = place + date_score + event + perp + names + figures + text + group + hit
    return score, {
        "place": place,
        "date": date_score,
        "event_type": event,
        "perpetrators": perp,
        "names": names,
        "group": group,
        "targets": hit,
        "figures": figures,
        "text": text,
        "jaccard": round(similarity, 3) if similarity else 0.0,
    }


def _related_types(a: _Facts, b: _Facts) -> bool:
    """Whether two different event types may still tell one incident: types of one group
    (``_EVENT_GROUPS``), or a report typed as no violence (``_UNTYPED``) that names in full the
    victim of the other ("the murder of Carlos Pizarro sought to destroy the process")."""
    ea, eb = a.event_type, b.event_type
    if any(ea in g and eb in g for g in _EVENT_GROUPS):
        return True
    return _UNTYPED in (ea, eb) and same_victim(a.names, b.names)


def _conflict(a: _Facts, b: _Facts, names: bool = True) -> str | None:
    """Why two reports of one country cannot be one incident, whatever links them to others:
    their named victims or targets differ, their types are incompatible, or their text dates are
    ``DATE_CONFLICT_DAYS`` apart (``compat``); None when nothing conflicts. ``names=False``
    leaves the named people to the caller (the resolver compares them incident by incident)."""
    if names and people_conflict(a.names, b.names):
        return "names"
    ea, eb = a.event_type, b.event_type
    if ea and eb and ea != eb and not _related_types(a, b):
        return "event type"
    if a.names and b.names and names_score(a.names, b.names) > 0:
        return None  # a common name outweighs the sub-event type and the date
    if incompatible_types(a.report, b.report):
        return "event type"
    if _dates_conflict(a, b):
        return "date"
    return None


def _types_conflict(a: tuple[str | None, str | None], b: tuple[str | None, str | None]) -> bool:
    """Whether two (event type, sub-event type) can conflict (``_conflict``; a common name may
    still lift a sub-event conflict)."""
    ea, eb = a[0], b[0]
    if ea and eb and ea != eb and not any(ea in g and eb in g for g in _EVENT_GROUPS):
        return True
    return incompatible_sub_events(a[1], b[1])


def _dates_conflict(a: _Facts, b: _Facts) -> bool:
    x, y = a.text_day, b.text_day
    return x is not None and y is not None and abs(x - y) >= DATE_CONFLICT_DAYS


def _score_parts(a: _Facts, b: _Facts, settings: Settings) -> dict[str, float] | None:
    """The components of a candidate pair's score, or None when the pair is no candidate."""
    found = _pair(
        a,
        b,
        settings.cluster_window_days,
        settings.cluster_distance_km,
        settings.victim_window_days,
    )
    return None if found is None else found[1]


def _score(a: _Facts, b: _Facts, settings: Settings) -> float | None:
    found = _pair(
        a,
        b,
        settings.cluster_window_days,
        settings.cluster_distance_km,
        settings.victim_window_days,
    )
    return None if found is None else found[0]


def score_pair(a: Report, b: Report, settings: Settings) -> float | None:
    """How strongly two reports look like one incident, or None when they are not candidates.

    The sum of: place (``_place_score``), date (1.0 same day, 0.5 one day apart or both undated,
    0 otherwise within the window), event type (``_event_score``), perpetrators
    (``_perpetrator_score``), names, groups, targets, tolls and text (module docstring).
    Symmetric."""
    first, second = sorted((a, b), key=lambda r: r.id)
    return _score(_facts(first), _facts(second), settings)


def _candidate_pairs(facts: list[_Facts], settings: Settings) -> Iterator[tuple[_Facts, _Facts]]:
    """Pairs (by ascending id) of dated reports of one country at most ``cluster_window_days``
    apart (a sliding window over the reports sorted by day); undated reports pair only within
    (country, place name); and follow-up pairs (``follow_up``: more than ``cluster_window_days``
    and at most ``victim_window_days`` apart) through the index of (country, victim key), each
    pair once."""
    window = max(0, settings.cluster_window_days)
    yield from _window_pairs(facts, window)
    yield from _follow_up_pairs(facts, window, settings.victim_window_days)


def _follow_up_pairs(
    facts: list[_Facts], window: int, victim_window: int
) -> Iterator[tuple[_Facts, _Facts]]:
    """Pairs of dated reports of one country sharing a victim key, more than ``window`` and at
    most ``victim_window`` days apart (a sliding window per index entry)."""
    if victim_window <= window:
        return
    index: dict[tuple[str, tuple[str, str]], list[_Facts]] = defaultdict(list)
    for f in facts:
        if f.country is not None and f.day is not None:
            for key in f.victims:
                index[(f.country, key)].append(f)
    seen: set[tuple[str, str]] = set()
    for key in sorted(index):
        members = index[key]
        if len(members) < 2:
            continue
        members.sort(key=lambda f: (f.day, f.report.id))
        for i, x in enumerate(members):
            for y in members[i + 1 :]:
                gap = y.day - x.day  # type: ignore[operator]
                if gap > victim_window:
                    break
                if gap <= window:
                    continue
                a, b = (x, y) if x.report.id < y.report.id else (y, x)
                ids = (a.report.id, b.report.id)
                if ids not in seen:
                    seen.add(ids)
                    yield a, b


def _window_pairs(facts: list[_Facts], window: int) -> Iterator[tuple[_Facts, _Facts]]:
    dated: dict[str, list[_Facts]] = defaultdict(list)
    undated: dict[tuple[str, str], list[_Facts]] = defaultdict(list)
    for f in facts:
        if f.country is None:
            continue
        if f.day is not None:
            dated[f.country].append(f)
        else:
            for place in f.places:
                undated[(f.country, place)].append(f)
    for members in dated.values():
        members.sort(key=lambda f: (f.day, f.report.id))
        n = len(members)
        for i, x in enumerate(members):
            last, xid = x.day + window, x.report.id  # type: ignore[operator]
            for j in range(i + 1, n):
                y = members[j]
                if y.day > last:  # type: ignore[operator]
                    break
                yield (x, y) if xid < y.report.id else (y, x)
    seen: set[tuple[str, str]] = set()
    for members in undated.values():
        for k, x in enumerate(members):
            for y in members[k + 1 :]:
                a, b = (x, y) if x.report.id < y.report.id else (y, x)
                if (a.report.id, b.report.id) not in seen:
                    seen.add((a.report.id, b.report.id))
                    yield a, b


def _unique(reports: Iterable[Report]) -> list[Report]:
    by_id: dict[str, Report] = {}
    for report in reports:
        if report.is_reference:
            continue
        known = by_id.setdefault(report.id, report)
        if known != report:
            raise TollwatchError(
                f"two different reports share the id {report.id!r}",
                hint="report ids must be unique; re-extract the article that produced them",
            )
    return [by_id[i] for i in sorted(by_id)]


def cluster_reports(reports: Iterable[Report], settings: Settings) -> list[list[Report]]:
    """Groups of reports (each sorted by id), ordered by their first id (``engine.cluster``)."""
    from tollwatch.resolve.engine import cluster

    return cluster(reports, settings).groups


def resolve_incidents(
    reports: Iterable[Report], settings: Settings, policy: str | None = None
) -> list[Incident]:
    """Incidents from reports, ordered by date (undated last), then id (``engine``)."""
    from tollwatch.resolve.engine import resolve_incidents as resolve

    return resolve(reports, settings, policy)
