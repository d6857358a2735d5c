from __future__ import annotations

from datetime import date

from tests.evaluate.helpers import DATASETS
from tollwatch.evaluate.muc_gold import date_matches, gold_incident
from tollwatch.evaluate.muc_keys import (
    DateSpan,
    Fill,
    Interval,
    KeyTemplate,
    parse_count,
    parse_date_slot,
    parse_fill,
    parse_keys,
    parse_location_slot,
    read_keys,
    split_alternatives,
)

KEYS = DATASETS / "muc34_raw/TASK/CORPORA/tst1/key-tst1.v7"


def test_alternatives_quotes_and_escapes():
    assert split_alternatives('"\\"SANTO TOMAS\\" FARM" / "FARM"') == ['"SANTO TOMAS" FARM', "FARM"]
    assert split_alternatives('"A"/"B"') == ["A", "B"]
    assert split_alternatives("GUERRILLAS") == ["GUERRILLAS"]
    assert split_alternatives('MACHINEGUNS"') == ["MACHINEGUNS"]  # a stray quote in the keys


def test_fill_with_cross_reference_and_optional_marker():
    assert parse_fill('? DEATH: "PEASANT" / "FARMER"') == Fill(
        ("DEATH",), ("PEASANT", "FARMER"), True
    )
    assert parse_fill('REPORTED AS FACT / CLAIMED OR ADMITTED: "FMLN"') == Fill(
        ("REPORTED AS FACT", "CLAIMED OR ADMITTED"), ("FMLN",)
    )
    assert parse_fill('"A: B"') == Fill(("A: B",))  # a colon inside quotes is text
    assert parse_fill("-") is None and parse_fill("*") is None


def test_templates_irrelevant_and_optional():
    keys = read_keys([KEYS])
    assert set(keys) == {"TST1-MUC3-0001", "TST1-MUC3-0002", "TST1-MUC3-0003"}
    assert keys["TST1-MUC3-0002"] == []
    (t,) = keys["TST1-MUC3-0001"]
    assert not t.optional and t.number == "1"
    assert [f.values for f in t.fills(19)] == [("PEOPLE",), ("POLICEMEN",)]  # multi-line slot
    assert keys["TST1-MUC3-0003"][0].optional


def test_dates():
    assert parse_date_slot(["26 AUG 89"]) == (DateSpan(date(1989, 8, 26), date(1989, 8, 26)),)
    assert parse_date_slot(["25 AUG 89 - 26 AUG 89"]) == (
        DateSpan(date(1989, 8, 25), date(1989, 8, 26)),
    )
    assert parse_date_slot(["- 26 AUG 89"]) == (DateSpan(None, date(1989, 8, 26)),)
    both = parse_date_slot(["(12 MAR 90) / (- 12 MAR 90)"])
    assert both == (
        DateSpan(date(1990, 3, 12), date(1990, 3, 12)),
        DateSpan(None, date(1990, 3, 12)),
    )
    # no year: the dateline year, or the year before for a month after the dateline's
    assert parse_date_slot(["07 DEC"], date(1990, 1, 3))[0].hi == date(1989, 12, 7)
    assert parse_date_slot(["OCT 18"], date(1989, 11, 1))[0].hi == date(1989, 10, 18)
    before = DateSpan(None, date(1990, 3, 12))
    assert date_matches(before, date(1990, 3, 1)) and not date_matches(before, date(1989, 3, 1))


def test_locations():
    (loc,) = parse_location_slot(["EL SALVADOR: SAN SALVADOR (CITY): ESCALON (NEIGHBORHOOD)"])
    assert (loc.country, loc.places) == ("SV", ("SAN SALVADOR", "ESCALON"))
    (between,) = parse_location_slot(["CHILE: COPIAPO (CITY) - TALCA (CITY)"])
    assert between.places == ("COPIAPO", "TALCA")
    alts = parse_location_slot(["(COLOMBIA) / (COLOMBIA: BOGOTA (CITY))"])
    assert [a.places for a in alts] == [(), ("BOGOTA",)]
    assert parse_location_slot(["GUATAMALA"])[0].country == "GT"


def test_counts():
    assert parse_count("7") == Interval(7, 7)
    assert parse_count("~30") == Interval(30, 30)
    assert parse_count("6-8") == Interval(6, 8)
    assert parse_count("6-") == Interval(6, None)
    assert parse_count("PLURAL") is None
    assert Interval(6, None).contains(100) and not Interval(6, 8).contains(9)
    assert Interval(6, 8).distance(10) == 2


def test_gold_incident_roles_and_tolls():
    keys = read_keys([KEYS])
    g = gold_incident(keys["TST1-MUC3-0001"][0], date(1990, 3, 12))
    assert g.types == ("BOMBING",)
    assert g.perp_org == (("SHINING PATH",),)
    assert g.targets == (("OFFICES OF THE NATIONAL BANK", "NATIONAL BANK"),)
    assert g.victims == (("PEOPLE",), ("POLICEMEN",))
    assert g.weapons == (("CAR BOMB",),)
    assert g.killed == Interval(3, 3) and g.injured == Interval(2, 2)
    kid = gold_incident(keys["TST1-MUC3-0003"][0], date(1990, 3, 20))
    assert kid.optional and kid.victims == (("JUAN PEREZ", "MAYOR"),)
    assert kid.dates == (DateSpan(None, date(1990, 3, 19)),)
    assert kid.killed is None and not kid.killed_vague


def _template(**slots: list[str]) -> KeyTemplate:
    raw = {int(k[1:]): tuple(v) for k, v in slots.items()}
    return KeyTemplate("X", "1", False, raw)


def test_tolls_named_plural_and_total():
    # a named victim without NUMBER counts one; numbers add up over targets with DEATH
    t = _template(
        s18=['"ANA"'],
        s19=['"PEASANTS"'],
        s21=['4: "PEASANTS"'],
        s23=['DEATH: "ANA"', 'DEATH: "PEASANTS"'],
    )
    assert gold_incident(t).killed == Interval(5, 5)
    plural = _template(s19=['"PEASANTS"'], s21=['PLURAL: "PEASANTS"'], s23=['DEATH: "PEASANTS"'])
    g = gold_incident(plural)
    assert g.killed is None and g.killed_vague
    total = _template(
        s19=['"PEASANTS"'], s21=['PLURAL: "PEASANTS"'], s23=['DEATH: "PEASANTS"'], s24=["12"]
    )
    assert gold_incident(total).killed == Interval(12, 12)
    optional = _template(s9=['? "SOLDIERS"'])
    assert gold_incident(optional).optional_entities == {("SOLDIERS",)}


def test_parse_keys_skips_comments_and_blank_lines():
    raw = (
        ";;; note\n0.  MESSAGE: ID                     DEV-MUC3-0001 (NOSC)\n"
        "1.  MESSAGE: TEMPLATE               *\n"
    )
    assert parse_keys(raw) == {"DEV-MUC3-0001": []}


def test_a_number_of_the_dead_and_the_wounded_together_states_neither():
    # "11: PEOPLE" with DEATH and INJURY: six killed and five wounded, say; neither is 11
    both = _template(
        s19=['"PEOPLE"', '"POLICEMAN"'],
        s21=['11: "PEOPLE"', '1: "POLICEMAN"'],
        s23=['DEATH: "PEOPLE"', 'INJURY: "PEOPLE"', 'DEATH: "POLICEMAN"'],
    )
    g = gold_incident(both)
    assert g.killed is None and g.killed_vague
    assert g.injured is None and g.injured_vague
    # a target hit by one effect keeps its number
    one = _template(s19=['"PEOPLE"'], s21=['11: "PEOPLE"'], s23=['DEATH: "PEOPLE"'])
    assert gold_incident(one).killed == Interval(11, 11)


def test_an_effect_belongs_to_the_target_its_strings_name():
    # "WORKERS" (10 dead) and "WORKERS" / "INJURED" (31 hurt): the injury is the second's
    t = _template(
        s19=['"WORKERS"', '"WORKERS" / "INJURED"'],
        s21=['10: "WORKERS"', '31: "WORKERS" / "INJURED"'],
        s23=['DEATH: "WORKERS"', 'INJURY: "WORKERS" / "INJURED"'],
    )
    g = gold_incident(t)
    assert g.killed == Interval(10, 10)
    assert g.injured == Interval(31, 31)
