"""Incremental resolution over a store, and the analyst's decisions (merge, split, undo).

``resolve_pending(store, settings)`` resolves the reports in no incident (new ones, or those
orphaned by a re-extraction) without re-processing the corpus: starting from them it loads the
stored reports they could pair with (same country, within ``cluster_window_days``), follows every
pair that joins (score >= MERGE_SCORE) and every active merge decision, and every incident such a
report already belongs to, until the set is closed. Resolving that closed set gives exactly what a
full recompute would give for it (``resolve.engine``), so the incidents do not depend on the order
articles arrived in; only the incidents that share a report with it are replaced.

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
from tollwatch.resolve.cluster import MERGE_SCORE, _facts, _score
from tollwatch.resolve.engine import Decision, Resolution, resolve
from tollwatch.store.base import Store
from tollwatch.types import Incident, Report

__all__ = [
    "FULL_RECOMPUTE_SHARE",
    "ResolveSummary",
    "active_decisions",
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
    return [
        Decision(d["id"], d["kind"], tuple(d["part"]), tuple(d["rest"]))
        for d in store.list_decisions("active")
    ]


class _Neighbourhood:
    """Loads stored reports around others, by (country, date window), once each, and keeps the
    joining pairs among everything loaded up to date (each new report is scored only against the
    loaded reports of its own and the adjacent date buckets)."""

    def __init__(self, store: Store, settings: Settings) -> None:
        self.store, self.settings = store, settings
        self.window = settings.cluster_window_days
        self.reports: dict[str, Report] = {}
        self.days: dict[str, set[int]] = defaultdict(set)  # country -> days whose window is loaded
        self.undated: set[str] = set()
        self.blocks: dict[tuple[str, Any], list[Any]] = defaultdict(list)
        self.edges: dict[str, set[str]] = defaultdict(set)

    def load_around(self, reports: Iterable[Report]) -> None:
        for r in reports:
            self._add([r])
            facts = _facts(r)
            country = facts.country
            if country is None:
                continue
            if r.date is None:
                if country not in self.undated:
                    self.undated.add(country)
                    self._add(x for x in self.store.iter_reports(country=country) if x.date is None)
                continue
            day = r.date.toordinal()
            if day in self.days[country]:
                continue
            lo, hi = day - self.window, day + self.window
            self._add(
                self.store.iter_reports(
                    country=country,
                    date_from=date.fromordinal(lo),
                    date_to=date.fromordinal(hi),
                    include_reference=False,
                )
            )
            self.days[country].add(day)

    def _add(self, reports: Iterable[Report]) -> None:
        width = max(1, self.window)
        for r in reports:
            if r.is_reference or r.id in self.reports:
                continue
            self.reports[r.id] = r
            f = _facts(r)
            if f.country is None:
                continue
            if f.day is None:
                keys = [(f.country, "place", p) for p in f.places]
                near = [(f.country, "place", p) for p in f.places]
            else:
                b = f.day // width
                keys = [(f.country, b)]
                near = [(f.country, b - 1), (f.country, b), (f.country, b + 1)]
            seen: set[str] = set()
            for key in near:
                for g in self.blocks.get(key, ()):
                    if g.report.id in seen:
                        continue
                    seen.add(g.report.id)
                    a, b2 = (f, g) if f.report.id < g.report.id else (g, f)
                    score = _score(a, b2, self.settings)
                    if score is not None and score >= MERGE_SCORE:
                        self.edges[r.id].add(g.report.id)
                        self.edges[g.report.id].add(r.id)
            for key in keys:
                self.blocks[key].append(f)


def _closure(
    store: Store, settings: Settings, seeds: list[Report], decisions: list[Decision]
) -> list[Report]:
    """The seeds plus every stored report that their resolution could touch (see the docstring)."""
    hood = _Neighbourhood(store, settings)
    members: set[str] = set()
    todo = list(seeds)
    forced = defaultdict(set)
    for d in decisions:
        for x in d.part:
            forced[x].update(d.part)
    while todo:
        hood.load_around(todo)
        members.update(r.id for r in todo)
        stack, seen = list(members), set(members)
        while stack:
            x = stack.pop()
            for y in hood.edges.get(x, set()) | forced.get(x, set()):
                if y not in seen:
                    seen.add(y)
                    stack.append(y)
        wanted = set(seen)
        for incident in {i for i in store.report_incidents(seen).values() if i}:
            wanted.update(r.id for r in store.iter_reports(incident_id=incident))
        missing = wanted - members
        for x in sorted(missing - hood.reports.keys()):
            found = _get(store, x)
            if found is not None and not found.is_reference:
                hood._add([found])
        todo = [hood.reports[x] for x in sorted(missing) if x in hood.reports]
        members.update(missing)
    return [hood.reports[x] for x in sorted(members) if x in hood.reports]


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
            log.append({"action": "created", "incident_id": inc_id,
                        "detail": {"report_ids": sorted(reports), **toll}})
        elif before != reports:
            log.append({"action": "changed", "incident_id": inc_id,
                        "detail": {"added": sorted(reports - before),
                                   "removed": sorted(before - reports), **toll}})
    for inc_id, before in sorted(old.items()):
        if inc_id not in new:
            moved = sorted({result.incident_of[r] for r in before if r in result.incident_of})
            log.append({"action": "removed", "incident_id": inc_id,
                        "detail": {"report_ids": sorted(before), "now_in": moved}})
    return log


def resolve_reports(
    store: Store,
    settings: Settings,
    reports: list[Report],
    policy: str | None = None,
    *,
    replace_all: bool = False,
    reason: str = "new reports",
) -> ResolveSummary:
    """Resolve a closed set of reports (or every report, with ``replace_all``) and store it."""
    decisions = active_decisions(store)
    ids = {r.id for r in reports}
    used = [d for d in decisions if ids & set(d.part) or ids & set(d.rest)]
    result = resolve(reports, settings, policy, used)
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
    closed = _closure(store, settings, sorted(pending.values(), key=lambda r: r.id),
                      active_decisions(store))
    return resolve_reports(store, settings, closed, policy)


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
            if part & set(d["part"]) and part & set(d["rest"]):
                store.set_decision_status(d["id"], "superseded", superseded_by=decision_id)


def merge_incidents(
    store: Store, settings: Settings, incident_ids: list[str], note: str | None = None,
    policy: str | None = None, *, user_name: str | None = None,
) -> tuple[int, Incident]:
    """Record and apply "these incidents are one" (``user_name``: who, when known); returns the
    decision id and the incident."""
    if len(set(incident_ids)) < 2:
        raise TollwatchError("merge needs two different incident ids",
                             hint="tollwatch merge INCIDENT_ID INCIDENT_ID [...]")
    part = {r.id for i in incident_ids for r in _reports_of(store, i)}
    decision_id = store.add_decision("merge", sorted(part), (), incident_ids, note,
                                     user_name=user_name)
    _supersede(store, decision_id, part)
    seeds = [store.get_report(x) for x in sorted(part)]
    resolve_pending(store, settings, policy, seeds=seeds)
    owner = store.report_incidents([seeds[0].id])[seeds[0].id]
    return decision_id, store.get_incident(owner or "")


def split_incident(
    store: Store, settings: Settings, incident_id: str, report_ids: list[str],
    note: str | None = None, policy: str | None = None, *, user_name: str | None = None,
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
        raise TollwatchError("split needs some of the incident's reports, not none or all",
                             hint="tollwatch split INCIDENT_ID REPORT_ID [...]")
    decision_id = store.add_decision("split", sorted(part), sorted(rest), [incident_id], note,
                                     user_name=user_name)
    resolve_pending(store, settings, policy, seeds=reports)
    owners = store.report_incidents([min(part), min(rest)])
    return (decision_id, store.get_incident(owners[min(part)] or ""),
            store.get_incident(owners[min(rest)] or ""))


def undo_decision(
    store: Store, settings: Settings, decision_id: int, policy: str | None = None, *,
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
    touched = set(decision["part"]) | set(decision["rest"])
    for d in store.list_decisions("superseded"):
        if d["superseded_by"] == decision_id:
            store.set_decision_status(d["id"], "active")
            touched |= set(d["part"]) | set(d["rest"])
    seeds = [r for r in (_get(store, x) for x in sorted(touched)) if r is not None]
    resolve_pending(store, settings, policy, seeds=seeds)
    return sorted({i for i in store.report_incidents(touched).values() if i})
