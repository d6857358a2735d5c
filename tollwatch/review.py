"""Analysts' review decisions applied to incidents (pure functions over incident dicts).

A decision is stored, never applied to the machine's record: the incident's JSON stays as the
pipeline wrote it, and every read (API, dashboard, exports) shows the incident with its active
decisions applied. The store also writes the reviewed values into the incident row's indexed
columns (``tollwatch.store.sqlite_review``), so that filters, sorts, map points and aggregates see
what analysts corrected. Decisions are keyed by incident id (stable across re-runs) and figures by
``figure_key`` (the article and the character span of the figure's words), so they survive
re-processing; when a merge, a split or new reports give an incident another id, ``carry_decisions``
says where each decision goes.

Used by ``store`` and ``serve``; imports only ``schema`` and ``tolls``.

Actions:

    correct         set ``field`` (one of ``CORRECTABLE``) to ``value``; ``perpetrators`` takes
                    a list of canonical names (or one string of names separated by ``;``) and
                    replaces the incident's perpetrators (an empty list: none known)
    reject_figure   the figure ``figure_key`` no longer counts; tolls are reconciled again
                    without it under the incident's policy (a corrected toll still wins)
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from datetime import date, datetime
from typing import Any

from tollwatch.schema import actor_to_dict, figure_from_dict
from tollwatch.tolls import reconcile
from tollwatch.types import Actor

__all__ = [
    "ACTIONS",
    "CORRECTABLE",
    "apply_decisions",
    "carry_decisions",
    "check_correction",
    "figure_key",
    "without_review",
]

ACTIONS = ("correct", "reject_figure")

#: field -> type of its value ("location.lat" sets incident["location"]["lat"])
CORRECTABLE: dict[str, type] = {
    "date": date,
    "event_type": str,
    "sub_event_type": str,
    "attack_type": str,
    "summary": str,
    "location.name": str,
    "location.admin1": str,
    "location.country": str,
    "location.lat": float,
    "location.lon": float,
    "killed.low": int,
    "killed.best": int,
    "killed.high": int,
    "injured.low": int,
    "injured.best": int,
    "injured.high": int,
    "perpetrators": list,
}


def figure_key(fig: Mapping[str, Any], seen: dict[str, int] | None = None) -> str:
    """``article:start-end:kind`` of a figure (``#n`` appended for a repeat within one incident)."""
    ev = fig.get("evidence") or {}
    base = f"{ev.get('article_id', '-')}:{ev.get('start', '-')}-{ev.get('end', '-')}:{fig['kind']}"
    if seen is None:
        return base
    n = seen.get(base, 0)
    seen[base] = n + 1
    return base if n == 0 else f"{base}#{n}"


def check_correction(field: str, value: Any) -> Any:
    """The value converted to the field's type; ValueError saying what is expected."""
    if field not in CORRECTABLE:
        raise ValueError(
            f"field {field!r} cannot be corrected; use one of {', '.join(CORRECTABLE)}"
        )
    kind = CORRECTABLE[field]
    if kind is list:
        return _names(field, value)
    if value is None or value == "":
        return None
    try:
        if kind is date:
            return date.fromisoformat(str(value)).isoformat()
        if kind is int:
            number = int(value)
            if number < 0:
                raise ValueError("negative")
            return number
        if kind is float:
            return float(value)
        if field == "location.country":  # ISO 3166-1 alpha-2, as the machine writes it
            text = str(value).strip().upper()
            if len(text) != 2 or not text.isalpha():
                raise ValueError("not a two-letter code")
            return text
        return str(value)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"field {field!r} expects {kind.__name__}, got {value!r}") from exc


def _names(field: str, value: Any) -> list[str]:
    """A list of perpetrator names: from a list of strings or one string split at ``;``; blanks
    and repeats (any case) dropped, order kept."""
    if value is None:
        value = []
    if isinstance(value, str):
        value = value.split(";")
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(
            f"field {field!r} expects a list of names (or 'name; name'), got {value!r}"
        )
    out: list[str] = []
    for name in (" ".join(v.split()) for v in value):
        if name and name.casefold() not in {n.casefold() for n in out}:
            out.append(name)
    return out


def _set_perpetrators(incident: dict[str, Any], names: list[str]) -> list[str]:
    """Replace the incident's perpetrators by ``names`` (a machine actor of the same name keeps
    its evidence and claim); returns the machine's names."""
    machine = list(incident.get("perpetrators") or [])
    by_name = {str(p.get("name", "")).casefold(): p for p in machine}
    incident["perpetrators"] = [
        by_name.get(name.casefold()) or actor_to_dict(Actor(text=name, name=name)) for name in names
    ]
    return [p.get("name") for p in machine]


def _set(incident: dict[str, Any], field: str, value: Any) -> Any:
    if field == "perpetrators":
        return _set_perpetrators(incident, list(value or []))
    head, _, tail = field.partition(".")
    if not tail:
        old = incident.get(head)
        incident[head] = value
        return old
    inner = incident.get(head) or {}
    incident[head] = inner
    old = inner.get(tail)
    inner[tail] = value
    return old


def apply_decisions(
    incident: Mapping[str, Any],
    decisions: list[dict[str, Any]],
    published_by_article: Mapping[str, datetime | None] | None = None,
    policy: str | None = None,
) -> dict[str, Any]:
    """A copy of ``incident`` (``incident_to_dict`` form) with the active ``decisions`` applied,
    its figures carrying ``key`` and ``rejected``, and a ``review`` section listing the decisions,
    the corrected fields with the machine's values, and the rejected figures. With ``policy``
    the tolls are reconciled again under that policy."""
    out = copy.deepcopy(dict(incident))
    seen: dict[str, int] = {}
    for fig in out.get("figures", []):
        fig["key"] = figure_key(fig, seen)
        fig["rejected"] = False
    active = [d for d in decisions if not d.get("revoked_at")]
    rejected = {d["figure_key"] for d in active if d["action"] == "reject_figure"}
    if policy is not None and policy != out.get("policy"):
        out["policy"] = policy
    else:
        policy = None
    if rejected or policy:
        kept = []
        for fig in out.get("figures", []):
            if fig["key"] in rejected:
                fig["rejected"] = True
            else:
                kept.append(
                    figure_from_dict({k: v for k, v in fig.items() if k not in ("key", "rejected")})
                )
        policy = out.get("policy") or "ucdp"
        for kind in ("killed", "injured"):
            toll = reconcile(kept, kind, policy, published_by_article)
            out[kind] = {"low": toll.low, "best": toll.best, "high": toll.high}
    machine: dict[str, Any] = {}
    for d in active:
        if d["action"] == "correct" and d.get("field") in CORRECTABLE:
            old = _set(out, d["field"], d.get("value"))
            machine.setdefault(d["field"], old)
    if out.get("date"):
        out["date_precision"] = out.get("date_precision") or "day"
    out["review"] = {
        "decisions": [
            {
                k: d.get(k)
                for k in (
                    "id",
                    "action",
                    "field",
                    "figure_key",
                    "value",
                    "why",
                    "user_name",
                    "at",
                    "needs_review",
                    "history",
                )
            }
            for d in active
        ],
        "corrected": machine,
        "rejected_figures": sorted(rejected),
    }
    return out


def without_review(reviewed: Mapping[str, Any]) -> dict[str, Any]:
    """An ``apply_decisions`` result as a plain incident dict (for ``incident_from_dict``): the
    reviewed values, without the ``review`` section and the figures' ``key`` and ``rejected``."""
    out = {k: v for k, v in reviewed.items() if k != "review"}
    out["figures"] = [
        {k: v for k, v in fig.items() if k not in ("key", "rejected")}
        for fig in reviewed.get("figures", [])
    ]
    return out


def _base_key(key: str | None) -> str:
    return (key or "").split("#", 1)[0]


def carry_decisions(
    decisions: Sequence[Mapping[str, Any]],
    members: Mapping[str, set[str]],
    figure_keys: Mapping[str, set[str]],
    gone: AbstractSet[str] = frozenset(),
) -> list[dict[str, Any]]:
    """Where active decisions go after a resolution stored the incidents ``members`` (incident id
    -> its report ids; ``figure_keys``: incident id -> the ``figure_key`` of each figure, without
    ``#n``). ``gone``: ids of incidents the resolution removed.

    Each decision carries ``made_on``, the reports of its incident when it was made (kept through
    later moves). A figure rejection follows its figure (the incident holding those words). A
    field correction goes to the incident holding most of the reports it was made on (ties: its
    own incident, then the smallest id); when those reports now lie in several incidents (a split)
    it is flagged ``needs_review``. When merged incidents bring corrections of one field with
    different values, the later decision wins (it is applied last) and both are flagged.

    Returns one dict per decision that changes: ``{id, incident_id, from, needs_review,
    reason}``."""
    out: dict[int, dict[str, Any]] = {}
    holder_of = {r: inc for inc, reports in members.items() for r in reports}
    placed: dict[int, str] = {}
    for d in decisions:
        own = d["incident_id"]
        target, note = own, d.get("needs_review")
        if d["action"] == "reject_figure":
            base = _base_key(d.get("figure_key"))
            holders = sorted(i for i, keys in figure_keys.items() if base in keys)
            if holders:
                target = own if own in holders else holders[0]
                placed[d["id"]] = target
                if target != own:
                    out[d["id"]] = {
                        "id": d["id"],
                        "incident_id": target,
                        "from": own,
                        "needs_review": note,
                        "reason": "figure moved",
                    }
                continue
        made_on = set(d.get("made_on") or ())
        counts: dict[str, int] = {}
        for r in made_on:
            if r in holder_of:
                counts[holder_of[r]] = counts.get(holder_of[r], 0) + 1
        if not counts:
            if own in gone and own not in members:
                note = "its incident is gone and none of the reports it was made on is in one"
                if note != d.get("needs_review"):
                    out[d["id"]] = {
                        "id": d["id"],
                        "incident_id": own,
                        "from": own,
                        "needs_review": note,
                        "reason": "orphaned",
                    }
            continue
        ranked = sorted(counts, key=lambda i: (-counts[i], i != own, i))
        target = ranked[0]
        reason = "reports moved"
        if note and note.startswith("split:"):
            note = None  # its reports are together again (an undone split)
        if len(ranked) > 1:
            others = ", ".join(ranked[1:])
            note = (
                f"split: the {len(made_on)} reports it was made on are now in {len(ranked)} "
                f"incidents; kept on {target} ({counts[target]} of them), check {others}"
            )
            reason = "split"
        placed[d["id"]] = target
        if target != own or note != d.get("needs_review"):
            out[d["id"]] = {
                "id": d["id"],
                "incident_id": target,
                "from": own,
                "needs_review": note,
                "reason": reason,
            }
    # merged incidents: corrections of one field with different values -> the later one wins
    groups: dict[tuple[str, str], list[Mapping[str, Any]]] = {}
    for d in decisions:
        if d["action"] == "correct" and d["id"] in placed:
            groups.setdefault((placed[d["id"]], d["field"]), []).append(d)
    for (target, field), group in groups.items():
        origins = {d["incident_id"] for d in group}
        values = {repr(d.get("value")) for d in group}
        if len(origins) < 2 or len(values) < 2:
            continue
        winner = max(group, key=lambda d: d["id"])
        for d in group:
            if d is winner:
                note = (
                    f"merge: won over decision(s) "
                    f"{', '.join(str(x['id']) for x in group if x is not winner)} "
                    f"on {field} (the later decision wins)"
                )
            else:
                note = (
                    f"merge: overridden by decision {winner['id']} ({field} = "
                    f"{winner.get('value')!r}, from {winner['incident_id']}), the later one"
                )
            change = out.setdefault(
                d["id"],
                {
                    "id": d["id"],
                    "incident_id": target,
                    "from": d["incident_id"],
                    "reason": "merged",
                },
            )
            change["needs_review"] = note
            change["reason"] = "merged"
    return [out[k] for k in sorted(out)]
