from __future__ import annotations

import json
from datetime import date

from tests.evaluate.helpers import SEED, report
from tollwatch.evaluate.seed import (
    check_article,
    km,
    list_item_matched,
    read_seed,
    source_matches,
)
from tollwatch.types import Article, Evidence, Figure, Location, Report, Toll


def test_leniency_rules():
    assert source_matches("State media", "Syrian state media (earlier figure)")
    assert not source_matches("police", "Syrian Observatory for Human Rights")
    assert source_matches(None, "unattributed in the article")
    assert not source_matches(None, "interior ministry")
    assert list_item_matched("hospitals (emergency room; Asaad hospital)", ["hospital"])
    assert list_item_matched("car bomb", ["car bombs"])
    assert not list_item_matched("civilians", ["bus station"])
    assert 24 < km(34.528, 69.172, 34.75, 69.172) < 26


def _article() -> tuple[Article, dict]:
    ((path, gold),) = read_seed(SEED)
    text = path.read_text(encoding="utf-8").split("\n", 2)[2]
    return Article(id="a", text=text), gold


def _kabul(**kw) -> Report:
    article, _ = _article()
    start = article.text.index("killing 12 people")
    fig = Figure(
        "killed",
        12,
        12,
        "exact",
        "interior ministry",
        evidence=Evidence("a", start, start + 17, "killing 12 people"),
    )
    base = report(
        event_type="Explosions/Remote violence",
        sub="Remote explosive/landmine/IED",
        attack="Bombing/Explosion",
        day=date(2017, 1, 10),
        targets=("bus stop",),
        weapons=("car bomb",),
    )
    fields = dict(
        location=Location("Kabul", "AF", lat=34.53, lon=69.17),
        figures=(fig,),
        killed=Toll(12, 12, 12),
    )
    fields.update(kw)
    return Report(**{**base.__dict__, **fields})


def test_seed_fully_matched():
    article, gold = _article()
    checks = check_article(gold, article, [_kabul()])
    assert [c.field for c in checks if not c.ok] == []


def test_seed_mismatches_are_reported():
    article, gold = _article()
    start = article.text.index("35-year-old")
    age = Figure("killed", 35, 35, "exact", evidence=Evidence("a", start, start + 2, "35"))
    checks = check_article(gold, article, [_kabul(figures=(age,), date=date(2017, 1, 9))])
    wrong = {c.field for c in checks if not c.ok}
    assert "date" in wrong
    assert "killed_claims[0] value (12)" in wrong
    assert "not coded: a 35-year-old shopkeeper" in wrong
    assert check_article(gold, article, [])[0].ok is False  # no report found


def test_fixture_is_valid_json():
    assert json.loads((SEED / "001_test.gold.json").read_text())["incidents"]
