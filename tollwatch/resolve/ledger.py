"""The claim ledger of an incident, its tolls under every policy, and its toll history.

Pure functions of the incident's reports (and their families): the ledger is every casualty
figure of every report with the outlet, publication time, the body it is attributed to, victim
category, place, scope and the exact words; tolls are views computed from it.

    scope     ``total`` (a whole-incident claim), ``site`` (a report about one site of a
              multi-site attack: its totals are that site's, see ``merge.site_scopes``) or
              ``part`` (a per-place or victim-category part stated as such)
    counted   whether it counts for tolls (a total, and not an identical claim already counted
              from an earlier copy of the same story)
    copy      the report is a syndicated copy (its family's first report is another one)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from tollwatch.resolve.merge import chronological, report_figures, site_scopes, toll_figures
from tollwatch.resolve.reconcile import POLICIES, reconcile
from tollwatch.types import Report

__all__ = ["ledger", "toll_history", "tolls_by_policy"]


def ledger(reports: Iterable[Report], families: Mapping[str, str] | None = None) -> list[dict]:
    """One row per figure, in publication order (see the module docstring)."""
    ordered = chronological(reports)
    families = families or {}
    scopes = site_scopes(ordered)
    figures, counted = toll_figures(ordered, families)
    counted_ids = {id(f) for f in counted}
    rows: list[dict[str, Any]] = []
    k = 0
    for r in ordered:
        family = families.get(r.id, r.id)
        for original in report_figures(r):
            fig = figures[k]
            k += 1
            site = scopes.get(r.id) if original.is_total and not fig.is_total else None
            rows.append(
                {
                    "report_id": r.id,
                    "article_id": r.article_id,
                    "family_id": family,
                    "copy": family != r.id,
                    "outlet": r.source,
                    "published": r.published.isoformat() if r.published else None,
                    "kind": fig.kind,
                    "low": fig.low,
                    "high": fig.high,
                    "qualifier": fig.qualifier,
                    "attributed_to": fig.attributed_to,
                    "victim_category": fig.victim_category,
                    "place": fig.place,
                    "scope": "site" if site else ("total" if fig.is_total else "part"),
                    "counted": fig.is_total and id(fig) in counted_ids,
                    "words": fig.evidence.text if fig.evidence else None,
                    "start": fig.evidence.start if fig.evidence else None,
                    "end": fig.evidence.end if fig.evidence else None,
                }
            )
    return rows


def tolls_by_policy(
    reports: Iterable[Report], families: Mapping[str, str] | None = None
) -> dict[str, dict[str, dict[str, int | None]]]:
    """policy -> {"killed": Toll, "injured": Toll} (as dicts), for every policy."""
    ordered = chronological(reports)
    _, counted = toll_figures(ordered, families)
    published = {r.article_id: r.published for r in ordered}
    return {
        policy: {
            kind: reconcile(counted, kind, policy, published).to_dict()
            for kind in ("killed", "injured")
        }
        for policy in POLICIES
    }


def toll_history(rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The ledger's killed and injured totals and site tolls in publication order (undated last):
    how the toll moved as reports came in. Copies are kept, marked, so the spread is visible."""
    out = [
        {
            k: row[k]
            for k in (
                "published",
                "outlet",
                "kind",
                "low",
                "high",
                "qualifier",
                "attributed_to",
                "scope",
                "place",
                "copy",
                "counted",
                "words",
            )
        }
        for row in rows
        if row["kind"] in ("killed", "injured") and row["scope"] in ("total", "site")
    ]
    out.sort(key=lambda h: (h["published"] is None, h["published"] or ""))
    return out
