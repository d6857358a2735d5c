"""Pairwise and B-cubed scores of a clustering (tollwatch eval-resolve)."""

import json

from tollwatch.evaluate.resolution import DEFAULT_DEVSET, bcubed, load_devset, pairwise


def test_perfect_and_merged_clusterings():
    gold = {"a": "1", "b": "1", "c": "2"}
    assert pairwise(gold, gold)["f1"] == 1.0 and bcubed(gold, gold)["f1"] == 1.0
    merged = {"a": "x", "b": "x", "c": "x"}
    assert pairwise(merged, gold)["precision"] == round(1 / 3, 4)
    assert pairwise(merged, gold)["recall"] == 1.0
    split = {"a": "x", "b": "y", "c": "z"}
    assert pairwise(split, gold)["recall"] == 0.0
    assert bcubed(split, gold)["precision"] == 1.0


def test_the_dev_set_has_copies_near_misses_and_several_reports_per_incident():
    records = load_devset(DEFAULT_DEVSET)
    assert all({"id", "incident", "country", "published", "text"} <= set(r) for r in records)
    incidents = {r["incident"] for r in records}
    assert len(records) >= 35 and len(incidents) >= 15
    assert len({r["id"] for r in records}) == len(records)
    assert json.dumps(records)  # plain JSON


def test_the_team_dev_set_stays_above_the_issue_target(extractor):
    # a guard on extraction changes too: an extractor that loses a town ("Jableh" tagged as an
    # organisation, in a report that names no country) splits incidents here
    from tollwatch.config import Settings
    from tollwatch.evaluate.resolution import evaluate_resolution

    result = evaluate_resolution(DEFAULT_DEVSET, Settings(), extractor)
    assert result["pairwise"]["f1"] >= 0.95
    assert result["cross_country_merges"] == 0
