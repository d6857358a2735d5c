"""Analysts' review decisions applied to incidents (pure functions over incident dicts).

A decision is stored, never applied in place: the machine's record stays as the pipeline wrote
it, and every read (API, dashboard, exports) shows the incident with its active decisions applied.
Decisions are keyed by incident id (stable across re-runs) and figures by ``figure_key`` (the
article and the character span of the figure's words), so they survive re-processing.

Actions:

    correct         set ``field`` (one of ``CORRECTABLE``) to ``value``
    reject_figure   the figure ``figure_key`` no longer counts; tolls are reconciled again
                    without it under the incident's policy (a corrected toll still wins)
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from tollwatch.schema import figure_from_dict
from tollwatch.tolls import reconcile

__all__ = ["ACTIONS", "CORRECTABLE", "apply_decisions", "check_correction", "figure_key"]

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
        raise ValueError(f"field {field!r} cannot be corrected; use one of {', '.join(CORRECTABLE)}")
    kind = CORRECTABLE[field]
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
        return str(value)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"field {field!r} expects {kind.__name__}, got {value!r}") from exc


def _set(incident: dict[str, Any], field: str, value: Any) -> Any:
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
                kept.append(figure_from_dict({k: v for k, v in fig.items()
                                              if k not in ("key", "rejected")}))
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
            {k: d.get(k) for k in ("id", "action", "field", "figure_key", "value", "why",
                                   "user_name", "at")}
            for d in active
        ],
        "corrected": machine,
        "rejected_figures": sorted(rejected),
    }
    return out
