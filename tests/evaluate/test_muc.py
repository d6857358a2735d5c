from __future__ import annotations

from datetime import date

from tests.evaluate.helpers import DATASETS, report
from tollwatch.evaluate.muc import MucTally, score_document
from tollwatch.evaluate.muc_gold import gold_incident
from tollwatch.evaluate.muc_keys import read_keys
from tollwatch.evaluate.score import predicted_from_report

KEYS = read_keys([DATASETS / "muc34_raw/TASK/CORPORA/tst1/key-tst1.v7"])
GOLD = [gold_incident(t, date(1990, 3, 12)) for t in KEYS["TST1-MUC3-0001"]]


def bombing(**kw):
    base = dict(
        event_type="Explosions/Remote violence",
        sub="Remote explosive/landmine/IED",
        attack="Bombing/Explosion",
        day=date(1990, 3, 11),
        place="Lima",
        country="PE",
        perps=(("Shining Path", "organization"),),
        targets=("national bank",),
        victims=("people",),
        weapons=("car bomb",),
        killed=3,
        injured=2,
    )
    base.update(kw)
    return predicted_from_report(report(**base))


def test_perfect_pair():
    tally = MucTally()
    record = score_document(tally, "TST1-MUC3-0001", GOLD, [bombing()])
    assert record["pairs"][0]["wrong"] == [] and not record["missed"] and not record["spurious"]
    assert tally.detection.f1 == 1.0
    assert tally.killed.exact_of_gold.value == 1.0 and tally.date_of_gold.value == 1.0
    assert tally.place_aligned.value == 1.0 and tally.country_aligned.value == 1.0
    assert tally.micro(tally.roles).r_num == 4  # PerpOrg, Target, Victim (of 2), Weapon


def test_wrong_fields_and_spurious_report():
    tally = MucTally()
    pred = bombing(day=date(1990, 2, 1), killed=4, place="Callao")
    other = bombing(
        killed=None,
        perps=(),
        targets=(),
        victims=(),
        weapons=(),
        place=None,
        event_type="Battles",
        sub="Armed clash",
        attack=None,
        day=None,
    )
    record = score_document(tally, "TST1-MUC3-0001", GOLD, [other, pred])
    assert set(record["pairs"][0]["wrong"]) == {"date", "place", "killed"}
    assert len(record["spurious"]) == 1
    assert (tally.detection.p_num, tally.detection.p_den) == (1, 2)
    assert tally.killed.abs_errors == [1.0]


def test_irrelevant_message_and_missed_incident():
    tally = MucTally()
    score_document(tally, "TST1-MUC3-0002", [], [bombing()])
    score_document(tally, "TST1-MUC3-0001", GOLD, [])
    assert (tally.detection.p_num, tally.detection.p_den) == (0, 1)
    assert (tally.detection.r_num, tally.detection.r_den) == (0, 1)
    assert (tally.relevance.p_num, tally.relevance.p_den, tally.relevance.r_den) == (0, 1, 1)
    assert tally.killed.exact_of_gold.total == 1 and tally.killed.exact_of_gold.hits == 0


def test_optional_template_not_missed():
    optional = [gold_incident(t, date(1990, 3, 20)) for t in KEYS["TST1-MUC3-0003"]]
    tally = MucTally()
    score_document(tally, "TST1-MUC3-0003", optional, [])
    assert tally.detection.r_den == 0 and tally.relevance.r_den == 0


def test_a_place_is_matched_with_its_accents_folded():
    # the keys are written without accents: the gazetteer's "Bogotá" is the key's BOGOTA
    from dataclasses import replace

    from tollwatch.evaluate.muc import place_ok
    from tollwatch.evaluate.muc_gold import GoldLocation

    bogota = replace(GOLD[0], locations=(GoldLocation("CO", "COLOMBIA", ("BOGOTA",)),))
    assert place_ok(bombing(place="Bogotá", country="CO"), bogota)
    assert not place_ok(bombing(place="Medellín", country="CO"), bogota)
