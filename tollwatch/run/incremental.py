"""Incremental resolution over a store, and the analyst's decisions (merge, split, undo).

``resolve_pending(store, settings)`` resolves the reports in no incident (new ones, or those
orphaned by a re-extraction) without re-processing the corpus: it loads only the stored reports of
their countries within ``cluster_window_days`` of them (one query per country and run of days), the
whole stored incident of each, and the reports of the active decisions on them, and resolves that
set, widening it around any report whose incident changed while its own candidate window is not
loaded yet (``_closure``). Incidents span at most ``incident_max_span_days``, so the set stays a
few days wide; a report that names a victim by a full name (or a group of victims) also loads
the stored reports of its country within ``victim_window_days`` that share a victim key with it
(its follow-up pairs, ``resolve.cluster.follow_up``). Resolving it gives what a full recompute gives for those reports, and the
incidents do not depend on the order articles arrived in; only the incidents that share a report
with the set are replaced.

When the pending reports are a large share of the store (a first load), a full recompute is
cheaper and gives the same result; ``resolve_all`` is that. Every change to an incident (created,
changed, removed) goes to the ``resolution_log`` table, as do decisions and their undoing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from tollwatch.config import Settings
from tollwatch.errors import NotFoundError, TollwatchError
from tollwatch.resolve.cluster import _facts
from tollwatch.resolve.engine import Decision, Resolution, resolve
from tollwatch.store.base import Store
from tollwatch.types import Incident, Report

__all__ = [
    "FULL_RECOMPUTE_SHARE",
    "ResolveSummary",
    "active_decisions",
    "current_reports",
    "merge_incidents",
    "resolve_all",
    "resolve_pending",
    "resolve_reports",
    "split_incident",
    "undo_decision",
]

#: Pending reports above this share of the stored ones: recompute everything instead.
FULL_RECOMPUTE_SHARE = 0.3


@dataclass
class ResolveSummary:
    mode: str  # "incremental", "full" or "nothing"
    reports: int  # reports resolved (the closed set)
    incidents: int  # incidents stored
    created: int = 0
    changed: int = 0
    removed: int = 0

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def active_decisions(store: Store) -> list[Decision]:
    """The active decisions, each naming the reports as they are now: a report of a re-extracted
    article is replaced by the report that took its place (``store.current_decision_reports``)."""
    return [
        Decision(d["id"], d["kind"], *current_reports(store, d))
        for d in store.list_decisions("active")
    ]


def current_reports(store: Store, decision: dict[str, Any]) -> tuple[tuple[str, ...], ...]:
    """(part, rest) of a stored decision, each report id replaced by the id of that report now
    (a re-extracted article's reports have new ids); reports with no successor left out."""
    now = store.current_decision_reports(decision["id"])

    def current(ids: list[str]) -> tuple[str, ...]:
        found = (now.get(x, x) for x in ids)
        return tuple(sorted({x for x in found if x is not None}))

    return current(decision["part"]), current(decision["rest"])


class _Neighbourhood:
    """The stored reports loaded so far, by (country, day) ranges, each range once."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.reports: dict[str, Report] = {}
        self.days: dict[str, set[int]] = defaultdict(set)  # country -> loaded days
        self.undated: set[str] = set()  # countries whose undated reports are loaded
        self.followed: set[str] = set()  # reports whose follow-up candidates are in ``reports``

    def add(self, reports: Iterable[Report]) -> None:
        for r in reports:
            if not r.is_reference:
                self.reports.setdefault(r.id, r)

    def covered(self, country: str, lo: int, hi: int) -> bool:
        days = self.days[country]
        return all(d in days for d in range(lo, hi + 1))

    def _fetch(self, country: str, days: set[int], lo: int, hi: int) -> Iterable[Report]:
        """The stored reports of ``country`` dated ``lo``..``hi`` (ordinals) on days not in
        ``days``, one query per run of such days; ``days`` then holds them all."""
        missing = [d for d in range(lo, hi + 1) if d not in days]
        runs: list[list[int]] = []
        for d in missing:
            if runs and runs[-1][1] == d - 1:
                runs[-1][1] = d
            else:
                runs.append([d, d])
        days.update(missing)
        for first, last in runs:
            yield from self.store.iter_reports(
                country=country,
                date_from=date.fromordinal(first),
                date_to=date.fromordinal(last),
                include_reference=False,
            )

    def load_days(self, country: str, lo: int, hi: int) -> None:
        """Every stored report of ``country`` dated ``lo``..``hi`` (ordinals), one query per run of
        days not loaded yet."""
        self.add(list(self._fetch(country, self.days[country], lo, hi)))

    def load_follow_ups(self, report: Report, reach: int) -> None:
        """The stored reports of ``report``'s country within ``reach`` days that share a victim
        key with it (a superset of its follow-up pairs), from the store's victim index
        (``Store.iter_reports_naming``)."""
        facts = _facts(report)
        if facts.country is None or facts.day is None or not facts.victims:
            return
        country, day = facts.country, facts.day
        self.add(
            self.store.iter_reports_naming(
                country,
                sorted(facts.victims),
                date.fromordinal(day - reach),
                date.fromordinal(day + reach),
            )
        )
        self.followed.add(report.id)

    def load_undated(self, country: str) -> None:
        if country not in self.undated:
            self.undated.add(country)
            self.add(
                x
                for x in self.store.iter_reports(country=country, include_reference=False)
                if x.date is None
            )

    def load_around(self, report: Report, reach: int, victim_reach: int = 0) -> None:
        country = _facts(report).country
        if country is None:
            return
        if report.date is None:
            self.load_undated(country)
        else:
            day = report.date.toordinal()
            self.load_days(country, day - reach, day + reach)
            if victim_reach > reach:
                self.load_follow_ups(report, victim_reach)

    def settled(self, report: Report, window: int, victim_window: int = 0) -> bool:
        """Whether every stored report that could pair with ``report`` is loaded."""
        facts = _facts(report)
        country = facts.country
        if country is None:
            return True
        if report.date is None:
            return country in self.undated
        day = report.date.toordinal()
        if victim_window > window and facts.victims and report.id not in self.followed:
            return False
        return self.covered(country, day - window, day + window)


def _used(decisions: list[Decision], ids: set[str]) -> list[Decision]:
    return [d for d in decisions if ids & set(d.part) or ids & set(d.rest)]


def _closure(
    store: Store,
    settings: Settings,
    seeds: list[Report],
    decisions: list[Decision],
    policy: str | None = None,
) -> tuple[list[Report], Resolution]:
    """The seeds plus every stored report that their resolution could touch, and its resolution.

    A report pairs only with reports of its country at most ``cluster_window_days`` away: those
    are loaded (by country and date range, never the whole store), with the whole stored incident
    of every loaded report (at most ``incident_max_span_days`` long) and the reports of the
    decisions on them, and resolved. A report whose incident then differs from the stored one and
    whose own candidate window is not all loaded might pull in reports beyond: the neighbourhood
    is widened around it and resolved again, until every changed report has its whole window
    loaded. The span limit keeps that short; without it (``incident_max_span_days = 0``) it may
    grow along a chain of joined reports. A report naming a victim by a full name also pairs with
    the reports of its country within ``victim_window_days`` that name the same person
    (``resolve.cluster.follow_up``): those are loaded too (``_Neighbourhood.load_follow_ups``),
    and such a report is settled only once they are."""
    window = max(0, settings.cluster_window_days)
    victim_window = settings.victim_window_days
    hood = _Neighbourhood(store)
    hood.add(seeds)
    forced: dict[str, set[str]] = defaultdict(set)
    for d in decisions:
        for x in d.part:
            forced[x].update(d.part)
    incident_members: dict[str, set[str]] = {}  # stored incident -> its report ids
    owner: dict[str, str | None] = {}  # report id -> its stored incident
    todo = list(seeds)
    while True:
        for r in todo:
            hood.load_around(r, window, victim_window)
        while True:  # close over stored incidents and decisions
            fresh = sorted(hood.reports.keys() - owner.keys())
            if not fresh:
                break
            owner.update(store.report_incidents(fresh))
            for x in fresh:
                incident = owner.get(x)
                if incident and incident not in incident_members:
                    members = list(store.iter_reports(incident_id=incident))
                    incident_members[incident] = {r.id for r in members}
                    hood.add(members)
                for y in sorted(forced.get(x, ())):
                    if y not in hood.reports:
                        found = _get(store, y)
                        if found is not None:
                            hood.add([found])
                owner.setdefault(x, None)
        reports = [hood.reports[x] for x in sorted(hood.reports)]
        ids = set(hood.reports)
        result = resolve(reports, settings, policy, _used(decisions, ids))
        members_of = {inc.id: set(inc.report_ids) for inc in result.incidents}
        todo = []
        for x in sorted(ids):
            before = incident_members.get(owner.get(x) or "", {x})
            after = members_of[result.incident_of[x]]
            if before != after and not hood.settled(hood.reports[x], window, victim_window):
                todo.append(hood.reports[x])
        if not todo:
            return reports, result


def _get(store: Store, report_id: str) -> Report | None:
    try:
        return store.get_report(report_id)
    except NotFoundError:
        return None


def _change_log(old: dict[str, set[str]], result: Resolution) -> list[dict[str, Any]]:
    log: list[dict[str, Any]] = []
    new = {inc.id: inc for inc in result.incidents}
    for inc_id, inc in sorted(new.items()):
        reports = set(inc.report_ids)
        before = old.get(inc_id)
        toll = {"killed": inc.killed.to_dict(), "policy": inc.policy}
        if before is None:
            log.append(
                {
                    "action": "created",
                    "incident_id": inc_id,
                    "detail": {"report_ids": sorted(reports), **toll},
                }
            )
        elif before != reports:
            log.append(
                {
                    "action": "changed",
                    "incident_id": inc_id,
                    "detail": {
                        "added": sorted(reports - before),
                        "removed": sorted(before - reports),
                        **toll,
                    },
                }
            )
    for inc_id, before in sorted(old.items()):
        if inc_id not in new:
            moved = sorted({result.incident_of[r] for r in before if r in result.incident_of})
            log.append(
                {
                    "action": "removed",
                    "incident_id": inc_id,
                    "detail": {"report_ids": sorted(before), "now_in": moved},
                }
            )
    return log


def resolve_reports(
    store: Store,
    settings: Settings,
    reports: list[Report],
    policy: str | None = None,
    *,
    replace_all: bool = False,
    reason: str = "new reports",
    result: Resolution | None = None,
) -> ResolveSummary:
    """Resolve a closed set of reports (or every report, with ``replace_all``) and store it
    (``result``: their resolution, when already computed with the same policy)."""
    ids = {r.id for r in reports}
    if result is None:
        result = resolve(reports, settings, policy, _used(active_decisions(store), ids))
    owners = store.report_incidents(ids)
    old: dict[str, set[str]] = defaultdict(set)
    for incident in {i for i in owners.values() if i}:
        old[incident].update(r.id for r in store.iter_reports(incident_id=incident))
    log = _change_log(old, result)
    for entry in log:
        entry["detail"]["reason"] = reason
    store.save_resolution(
        result.incidents,
        {k: [link.to_dict() for link in v] for k, v in result.links.items()},
        result.families,
        log,
        replace_all=replace_all,
    )
    count = {a: sum(1 for e in log if e["action"] == a) for a in ("created", "changed", "removed")}
    mode = "full" if replace_all else "incremental"
    return ResolveSummary(mode, len(reports), len(result.incidents), **count)


def resolve_all(store: Store, settings: Settings, policy: str | None = None) -> ResolveSummary:
    """Recompute every incident from every stored report (same result as the incremental path)."""
    reports = list(store.iter_reports(include_reference=False))
    return resolve_reports(store, settings, reports, policy, replace_all=True, reason="full")


def resolve_pending(
    store: Store, settings: Settings, policy: str | None = None, seeds: Iterable[Report] = ()
) -> ResolveSummary:
    """Resolve the unresolved reports (and ``seeds``) incrementally; see the module docstring."""
    pending = {r.id: r for r in store.iter_reports(unresolved=True, include_reference=False)}
    pending.update({r.id: r for r in seeds if not r.is_reference})
    if not pending:
        return ResolveSummary("nothing", 0, 0)
    stats = store.stats()
    total = int(stats["reports"]) - int(stats["reference_reports"])
    if len(pending) >= FULL_RECOMPUTE_SHARE * max(total, 1):
        return resolve_all(store, settings, policy)
    closed, result = _closure(
        store,
        settings,
        sorted(pending.values(), key=lambda r: r.id),
        active_decisions(store),
        policy,
    )
    return resolve_reports(store, settings, closed, policy, result=result)


# --- analyst decisions ---------------------------------------------------------------------------


def _reports_of(store: Store, incident_id: str) -> list[Report]:
    store.get_incident(incident_id)  # NotFoundError names the id
    return list(store.iter_reports(incident_id=incident_id))


def _supersede(store: Store, decision_id: int, part: set[str]) -> None:
    """Older active splits that this merge joins across stop applying (shown as superseded; an
    undo of the merge restores them). A later split needs no such step: it takes its reports out
    of earlier merges (``resolve.engine``)."""
    for d in store.list_decisions("active"):
        if d["id"] != decision_id and d["kind"] == "split":
            split_part, split_rest = current_reports(store, d)
            if part & set(split_part) and part & set(split_rest):
                store.set_decision_status(d["id"], "superseded", superseded_by=decision_id)


def merge_incidents(
    store: Store,
    settings: Settings,
    incident_ids: list[str],
    note: str | None = None,
    policy: str | None = None,
    *,
    user_name: str | None = None,
) -> tuple[int, Incident]:
    """Record and apply "these incidents are one" (``user_name``: who, when known); returns the
    decision id and the incident."""
    if len(set(incident_ids)) < 2:
        raise TollwatchError(
            "merge needs two different incident ids",
            hint="tollwatch merge INCIDENT_ID INCIDENT_ID [...]",
        )
    part = {r.id for i in incident_ids for r in _reports_of(store, i)}
    decision_id = store.add_decision(
        "merge", sorted(part), (), incident_ids, note, user_name=user_name
    )
    _supersede(store, decision_id, part)
    seeds = [store.get_report(x) for x in sorted(part)]
    resolve_pending(store, settings, policy, seeds=seeds)
    owner = store.report_incidents([seeds[0].id])[seeds[0].id]
    return decision_id, store.get_incident(owner or "")


def split_incident(
    store: Store,
    settings: Settings,
    incident_id: str,
    report_ids: list[str],
    note: str | None = None,
    policy: str | None = None,
    *,
    user_name: str | None = None,
) -> tuple[int, Incident, Incident]:
    """Record and apply "these reports are another incident"; returns the decision id, the
    incident of the reports split off and the incident of the others."""
    reports = _reports_of(store, incident_id)
    ids = {r.id for r in reports}
    part = set(report_ids)
    unknown = sorted(part - ids)
    if unknown:
        raise TollwatchError(
            f"reports {', '.join(unknown)} are not in incident {incident_id}",
            hint=f"see its reports with `tollwatch show {incident_id}`",
        )
    rest = ids - part
    if not part or not rest:
        raise TollwatchError(
            "split needs some of the incident's reports, not none or all",
            hint="tollwatch split INCIDENT_ID REPORT_ID [...]",
        )
    decision_id = store.add_decision(
        "split", sorted(part), sorted(rest), [incident_id], note, user_name=user_name
    )
    resolve_pending(store, settings, policy, seeds=reports)
    owners = store.report_incidents([min(part), min(rest)])
    return (
        decision_id,
        store.get_incident(owners[min(part)] or ""),
        store.get_incident(owners[min(rest)] or ""),
    )


def undo_decision(
    store: Store,
    settings: Settings,
    decision_id: int,
    policy: str | None = None,
    *,
    user_name: str | None = None,
) -> list[str]:
    """Undo an active decision (the decisions it superseded apply again); returns the ids of the
    incidents its reports now belong to."""
    decision = store.get_decision(decision_id)
    if decision["status"] != "active":
        raise TollwatchError(
            f"decision {decision_id} is {decision['status']}, not active",
            hint="list decisions with `tollwatch decisions`",
        )
    store.set_decision_status(decision_id, "undone", user_name=user_name)
    touched = {x for ids in current_reports(store, decision) for x in ids}
    for d in store.list_decisions("superseded"):
        if d["superseded_by"] == decision_id:
            store.set_decision_status(d["id"], "active")
            touched |= {x for ids in current_reports(store, d) for x in ids}
    seeds = [r for r in (_get(store, x) for x in sorted(touched)) if r is not None]
    resolve_pending(store, settings, policy, seeds=seeds)
    return sorted({i for i in store.report_incidents(touched).values() if i})
