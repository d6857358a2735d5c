"""Low / best / high of one casualty kind from a set of figures (pure functions, no I/O).

Shared by extract (a report's own toll) and resolve (an incident's toll under a policy).

The default rule ("ucdp"), applied to the figures of one kind that are totals (``is_total``; parts
by place and victim categories are left out):

* low  = the smallest lower bound (a figure with no lower bound, "up to 50", counts by its upper);
* high = the largest upper bound, where an open-ended figure ("at least 41", "more than 148")
  contributes its lower bound (no figure may claim more than was said);
* best = the largest exact figure (an exact count, or one hedged "about"/"nearly") when there is
  one, else the largest lower bound.

For the founding example, totals "more than 148" (149, open), 148 (exact) and 78 (exact) give
low 78, best 148, high 149.
"""

from __future__ import annotations

from collections.abc import Iterable

from tollwatch.types import Figure, Toll

POINT_QUALIFIERS = frozenset({"exact", "about", "nearly"})


def total_figures(figures: Iterable[Figure], kind: str) -> list[Figure]:
    return [f for f in figures if f.kind == kind and f.is_total and (f.low is not None or f.high is not None)]


def ucdp_toll(figures: Iterable[Figure], kind: str) -> Toll:
    figs = total_figures(figures, kind)
    if not figs:
        return Toll()
    lows = [f.low if f.low is not None else f.high for f in figs]
    highs = [f.high if f.high is not None else f.low for f in figs]
    exact = [f.low for f in figs if f.qualifier in POINT_QUALIFIERS and f.low is not None]
    best = max(exact) if exact else max(v for v in lows if v is not None)
    return Toll(low=min(v for v in lows if v is not None), best=best,
                high=max(v for v in highs if v is not None))
