"""Reconciliation: one Toll (low / best / high) from casualty claims (pure functions, no I/O).

Shared by extract (a report's own toll, under ``ucdp``) and resolve (an incident's toll under the
policy the user picks); it sits beside ``types`` because both stages need it.

Every figure stays a claim; a toll is a view computed under a named policy. Only figures of the
requested ``kind`` with ``is_total=True`` count: parts ("eight of them children", a per-place toll)
are never added up or compared with totals.

Each figure gives two numbers:

    value  = low, or high when low is None      ("up to 20" -> 20)
    bound  = high, or low when high is None     ("more than 148" -> 149)

Policies (``POLICIES``):

    ucdp    low  = min(value); high = max(bound);
            best = the largest exact figure (low == high) if there is one, else max(value).
            UCDP GED's triple; the default.
    acled   low = best = high = min(value): the most conservative reported total, as ACLED codes
            its single ``fatalities`` number.
    range   low = min(value); high = max(bound); best = the median of the values (the lower median
            when their count is even, so that best is always a figure somebody reported). IBC-like.
    latest  per source (``attributed_to``, case-folded; for an unattributed figure, its article),
            keep only the figure from that source's most recently published article (then the one
            said last in the text), then apply ``ucdp`` to the figures kept. Tolls rise as bodies
            are counted; this follows each source's revisions instead of mixing them.

With no figure to count, every policy gives ``Toll()`` (all None): unknown, not zero.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime

from tollwatch.errors import ConfigError
from tollwatch.types import FIGURE_KINDS, Figure, Toll

__all__ = ["POLICIES", "figure_bounds", "reconcile"]

POLICIES = ("ucdp", "acled", "range", "latest")


def figure_bounds(fig: Figure) -> tuple[int, int] | None:
    """``(value, bound)`` of a figure as defined above, or None when it states no number.

    A figure whose low exceeds its high (an extraction slip) is read with the two swapped."""
    value = fig.low if fig.low is not None else fig.high
    bound = fig.high if fig.high is not None else fig.low
    if value is None or bound is None:
        return None
    return (min(value, bound), max(value, bound))


def _is_exact(fig: Figure) -> bool:
    return fig.low is not None and fig.low == fig.high


def _counted(figures: Iterable[Figure], kind: str) -> list[Figure]:
    return [f for f in figures if f.kind == kind and f.is_total and figure_bounds(f) is not None]


def _ucdp(figures: list[Figure]) -> Toll:
    bounds = [b for b in map(figure_bounds, figures) if b is not None]
    if not bounds:
        return Toll()
    values = [v for v, _ in bounds]
    exact = [f.low for f in figures if _is_exact(f) and f.low is not None]
    best = max(exact) if exact else max(values)
    return Toll(low=min(values), best=best, high=max(b for _, b in bounds))


def _acled(figures: list[Figure]) -> Toll:
    values = [b[0] for b in map(figure_bounds, figures) if b is not None]
    if not values:
        return Toll()
    least = min(values)
    return Toll(low=least, best=least, high=least)


def _range(figures: list[Figure]) -> Toll:
    bounds = [b for b in map(figure_bounds, figures) if b is not None]
    if not bounds:
        return Toll()
    values = sorted(v for v, _ in bounds)
    return Toll(low=values[0], best=statistics.median_low(values), high=max(b for _, b in bounds))


def _utc(moment: datetime) -> datetime:
    """Naive times are taken as UTC so that naive and aware times compare."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def _latest(figures: list[Figure], published_by_article: Mapping[str, datetime | None]) -> Toll:
    # Ties on (publication, position) go to the larger figure, so the result is independent of
    # the order the figures arrive in.
    chosen: dict[str, tuple[tuple[int, datetime, int, int, int, bool], Figure]] = {}
    floor = datetime.min.replace(tzinfo=UTC)
    for fig in figures:
        article_id = fig.evidence.article_id if fig.evidence is not None else None
        if fig.attributed_to:
            source = "by:" + fig.attributed_to.casefold().strip()
        else:
            source = "article:" + (article_id or "?")
        published = published_by_article.get(article_id) if article_id is not None else None
        bounds = figure_bounds(fig)
        key = (
            1 if published is not None else 0,
            _utc(published) if published is not None else floor,
            fig.evidence.start if fig.evidence is not None else -1,
            bounds[0] if bounds is not None else -1,
            bounds[1] if bounds is not None else -1,
            _is_exact(fig),
        )
        if source not in chosen or key > chosen[source][0]:
            chosen[source] = (key, fig)
    return _ucdp([fig for _, fig in chosen.values()])


def reconcile(
    figures: Iterable[Figure],
    kind: str,
    policy: str = "ucdp",
    published_by_article: Mapping[str, datetime | None] | None = None,
) -> Toll:
    """The Toll of casualty ``kind`` ("killed", "injured"...) under ``policy``.

    ``published_by_article`` maps an article id to its publication time; only ``latest`` uses it
    (figures of articles it does not list count as published before every dated one).
    """
    if kind not in FIGURE_KINDS:
        raise ValueError(f"kind must be one of {', '.join(FIGURE_KINDS)}, got {kind!r}")
    counted = _counted(figures, kind)
    if policy == "ucdp":
        return _ucdp(counted)
    if policy == "acled":
        return _acled(counted)
    if policy == "range":
        return _range(counted)
    if policy == "latest":
        return _latest(counted, published_by_article or {})
    raise ConfigError(
        f"unknown reconciliation policy {policy!r}",
        hint=f"set policy to one of: {', '.join(POLICIES)}",
    )
