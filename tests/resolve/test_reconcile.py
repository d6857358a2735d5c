"""Reconciliation policies on the seed figures and on hand-made claims."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime

import pytest

from tests.sample_records import seed_figures, seed_sites
from tollwatch.errors import ConfigError
from tollwatch.resolve import POLICIES, reconcile
from tollwatch.types import Evidence, Figure, Toll


def fig(low, high, qualifier="exact", by=None, article="a1", start=0, **kw) -> Figure:
    ev = Evidence(article, start, start + 1, "x")
    return Figure("killed", low, high, qualifier, attributed_to=by, evidence=ev, **kw)


def test_seed_ucdp_is_78_148_149():
    assert reconcile(seed_figures(), "killed") == Toll(low=78, best=148, high=149)
    assert reconcile(seed_figures(), "killed", policy="ucdp") == Toll(78, 148, 149)


def test_seed_other_policies():
    assert reconcile(seed_figures(), "killed", "acled") == Toll(78, 78, 78)
    assert reconcile(seed_figures(), "killed", "range") == Toll(78, 148, 149)
    # one article, three sources: latest keeps them all
    assert reconcile(seed_figures(), "killed", "latest") == Toll(78, 148, 149)


def test_parts_are_never_counted():
    parts = [f for site in seed_sites() for f in site.figures] + [seed_figures()[3]]
    assert all(not f.is_total for f in parts)
    for policy in POLICIES:
        assert reconcile(parts, "killed", policy) == Toll()
    assert reconcile(list(seed_figures()) + parts, "killed") == Toll(78, 148, 149)


def test_no_figures_is_unknown_not_zero():
    for policy in POLICIES:
        assert reconcile([], "killed", policy) == Toll(None, None, None)
    assert reconcile(seed_figures(), "injured") == Toll()


def test_other_kinds_are_ignored():
    injured = Figure("injured", 200, 200, "exact")
    assert reconcile([*seed_figures(), injured], "killed") == Toll(78, 148, 149)
    assert reconcile([*seed_figures(), injured], "injured") == Toll(200, 200, 200)


def test_result_does_not_depend_on_order():
    figures = [*seed_figures(), fig(120, 120, by="Syrian Observatory", article="a0")]
    published = {"a0": datetime(2016, 5, 23, 9), "a_seed": datetime(2016, 5, 23, 15)}
    for policy in POLICIES:
        results = {
            reconcile(perm, "killed", policy, published) for perm in itertools.permutations(figures)
        }
        assert len(results) == 1, policy


def test_ucdp_without_exact_figure_takes_largest_value_as_best():
    figures = [fig(41, None, "at least"), fig(50, None, "more than"), fig(None, 60, "up to")]
    assert reconcile(figures, "killed") == Toll(low=41, best=60, high=60)
    assert reconcile(figures, "killed", "acled") == Toll(41, 41, 41)


def test_range_best_is_the_lower_median():
    figures = [fig(10, 10), fig(20, 20), fig(30, 35, "range"), fig(40, 40)]
    assert reconcile(figures, "killed", "range") == Toll(low=10, best=20, high=40)
    assert reconcile(figures[:3], "killed", "range") == Toll(low=10, best=20, high=35)


def test_swapped_bounds_are_read_in_order():
    assert reconcile([fig(12, 10, "range")], "killed") == Toll(10, 10, 12)


def test_latest_follows_each_sources_revisions():
    published = {
        "a1": datetime(2016, 5, 23, 10, tzinfo=UTC),
        "a2": datetime(2016, 5, 24, 10, tzinfo=UTC),
    }
    figures = [
        fig(120, 120, by="Syrian Observatory", article="a1"),
        fig(60, 60, by="state media", article="a1"),
        fig(148, 148, by="syrian observatory", article="a2"),
    ]
    assert reconcile(figures, "killed", "latest", published) == Toll(60, 148, 148)
    # ucdp keeps the superseded 120 as a claim, but it changes nothing here
    assert reconcile(figures, "killed", "ucdp") == Toll(60, 148, 148)
    # without publication times, the figure said last wins within a source
    undated = [fig(120, 120, by="SOHR", start=5), fig(100, 100, by="SOHR", start=50)]
    assert reconcile(undated, "killed", "latest") == Toll(100, 100, 100)
    assert reconcile(undated, "killed", "ucdp") == Toll(100, 120, 120)


def test_latest_groups_unattributed_figures_by_article():
    published = {"a1": datetime(2016, 5, 23), "a2": datetime(2016, 5, 24)}
    figures = [
        fig(10, 10, article="a1"),
        fig(12, 12, article="a1", start=9),
        fig(30, 30, article="a2"),
    ]
    assert reconcile(figures, "killed", "latest", published) == Toll(12, 30, 30)


def test_unknown_policy_and_kind():
    with pytest.raises(ConfigError, match="unknown reconciliation policy 'median'"):
        reconcile(seed_figures(), "killed", "median")
    with pytest.raises(ValueError, match="kind must be one of"):
        reconcile(seed_figures(), "dead")
