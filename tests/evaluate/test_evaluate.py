"""The entry points end to end with a fake extractor (no spaCy)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from tests.evaluate.helpers import DATASETS, SEED, FakeExtractor, report
from tollwatch.errors import TollwatchError
from tollwatch.evaluate import evaluate, evaluate_gtt, evaluate_muc, evaluate_seed
from tollwatch.evaluate.report import render

BOMB = report(
    "r1",
    event_type="Explosions/Remote violence",
    sub="Remote explosive/landmine/IED",
    attack="Bombing/Explosion",
    day=date(1990, 3, 11),
    place="Lima",
    country="PE",
    perps=(("Shining Path", "organization"),),
    targets=("national bank",),
    victims=("people", "policemen"),
    weapons=("car bomb",),
    killed=3,
    injured=2,
)
HISTORY = report("r0", is_reference=True, killed=1000)


def test_muc_perfect_on_fixture():
    ex = FakeExtractor({"TST1-MUC3-0001": [BOMB, HISTORY]})
    res = evaluate_muc(DATASETS, "tst1", extractor=ex)
    assert res.docs == 3
    m = res.metrics
    assert m["detection"]["f1"] == 100.0
    assert m["killed"]["exact_of_gold"]["pct"] == 100.0
    assert m["roles"]["micro (5 roles)"]["f1"] == 100.0
    assert res.errors == []
    assert ex.seen[0].published == datetime(1990, 3, 12, tzinfo=UTC)


def test_muc_failure_counts_and_limit():
    ex = FakeExtractor({"TST1-MUC3-0001": RuntimeError("boom")})
    res = evaluate_muc(DATASETS, "tst1", limit=1, extractor=ex)
    assert res.docs == 1 and res.metrics["failures"] == 1
    assert res.metrics["detection"]["r"] == 0.0
    assert res.errors[0]["missed"]


def test_gtt_on_fixture_with_dates_from_muc_texts():
    ex = FakeExtractor({"TST1-MUC3-0001": [BOMB]})
    res = evaluate_gtt(DATASETS, "dev", extractor=ex)
    slots = res.metrics["slots"]
    assert slots["incident_type"]["p"] == 100.0 and slots["incident_type"]["r"] == 50.0
    # descriptions ("people", "policemen") are not GTT Victim entities, which are named people
    assert slots["Victim"]["p_num"] == 0 and slots["Victim"]["p_den"] == 0
    assert ex.seen[0].published == datetime(1990, 3, 12, tzinfo=UTC)
    assert [e["doc_id"] for e in res.errors] == ["TST1-MUC3-0001", "TST1-MUC3-0003"]


def test_seed_with_nothing_extracted():
    res = evaluate_seed(SEED, extractor=FakeExtractor({}))
    assert res.metrics["fully_matched"] is False
    assert "fully matched: NO" in render([res], "markdown")


def test_unknown_split_and_missing_data(tmp_path):
    with pytest.raises(TollwatchError):
        evaluate_muc(DATASETS, "tst3", extractor=FakeExtractor({}))
    with pytest.raises(TollwatchError):
        evaluate_gtt(tmp_path, "dev", extractor=FakeExtractor({}))
    with pytest.raises(TollwatchError):
        evaluate_seed(tmp_path, extractor=FakeExtractor({}))


def test_render_formats():
    results = evaluate(
        ["muc4", "gtt", "seed"],
        DATASETS,
        SEED,
        "tst1",
        "dev",
        extractor=FakeExtractor({"TST1-MUC3-0001": [BOMB]}),
    )
    table, md, js = (render(results, f) for f in ("table", "markdown", "json"))
    assert "incident detection" in table and "micro (6 slots)" in table
    assert "| PerpOrg |" in md and "GTT 50.23" in md
    assert '"dataset": "muc4"' in js
