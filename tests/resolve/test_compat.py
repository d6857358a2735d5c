"""What keeps reports of one city and week apart (``resolve.compat``), and the complete- and
average-link checks of ``engine.cluster``. The examples are written by the team: a city where
several attacks happen within days."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

from tests.sample_records import simple_report
from tollwatch.config import Settings
from tollwatch.resolve import resolve, resolve_incidents, score_pair
from tollwatch.resolve.compat import names_of, names_score, people_conflict
from tollwatch.resolve.engine import CONFLICT, WEAK
from tollwatch.types import Actor, Mention, Toll

SETTINGS = Settings()
DAY = date(2016, 5, 23)
SHOOTING = {"event_type": "Violence against civilians", "sub_event_type": "Attack"}
BOMBING = {
    "event_type": "Explosions/Remote violence",
    "sub_event_type": "Remote explosive/landmine/IED",
}
KIDNAPPING = {
    "event_type": "Violence against civilians",
    "sub_event_type": "Abduction/forced disappearance",
}


def victims(*texts: str) -> tuple[Mention, ...]:
    return tuple(Mention(t) for t in texts)


def groups(reports) -> list[tuple[str, ...]]:
    return sorted(i.report_ids for i in resolve_incidents(reports, SETTINGS))


# --- names ---------------------------------------------------------------------------------------


def test_names_keep_distinctive_words_only():
    report = simple_report(
        "r1",
        victims=victims("Msgr Arnulfo Romero", "Jesuit priests", "Salvadoran workers", "Baker"),
        targets=victims("Aurora airport", "Jableh market", "the Interior Ministry"),
    )
    names = names_of(report, frozenset({"jableh"}))
    # titles and demonyms go, a lone capitalised victim word is no name, the place is no name
    assert names.people == (("arnulfo", "romero"),)
    assert names.things == (("aurora",), ("interior",))


def test_a_victim_named_by_one_word_matches_a_full_name_and_conflicts_with_none():
    full = simple_report("r1", victims=victims("Father Ignacio Ellacuria"), **SHOOTING)
    both = simple_report("r2", victims=victims("Ellacuria", "Amando Lopez"), **SHOOTING)
    other = simple_report("r3", victims=victims("Montes"), **SHOOTING)
    judge = simple_report("r4", victims=victims("Judge Carlos Valencia"), **SHOOTING)
    assert names_of(both).surnames == frozenset({"ellacuria"})
    # "Amando Lopez" alone would be another man; "Ellacuria" says they tell one killing
    assert not people_conflict(names_of(full), names_of(both))
    assert names_score(names_of(full), names_of(both)) > 0
    # one word alone names nobody for sure: no conflict either way, and no evidence
    assert not people_conflict(names_of(other), names_of(judge))
    assert names_score(names_of(other), names_of(judge)) == 0
    assert people_conflict(names_of(both), names_of(judge))


def test_two_people_of_one_family_are_two_victims():
    candidate = simple_report("r1", victims=victims("Luis Carlos Galan"), **SHOOTING)
    sister = simple_report("r2", victims=victims("Maria Victoria Galan", "a watchman"), **SHOOTING)
    longer = simple_report("r3", victims=victims("Carlos Galan Sarmiento"), **SHOOTING)
    surnames = simple_report("r4", victims=victims("Galan Sarmiento"), **SHOOTING)
    # the same surname after two different given names: the sister, not the candidate
    assert people_conflict(names_of(candidate), names_of(sister))
    assert names_score(names_of(candidate), names_of(sister)) < 0
    # a name that drops a given name or gives only the two surnames is still the same man
    assert names_score(names_of(candidate), names_of(longer)) > 0
    assert names_score(names_of(candidate), names_of(surnames)) > 0


def test_two_murders_of_named_men_in_one_city_on_one_day_stay_apart():
    judge = simple_report("r1", victims=victims("Judge Carlos Valencia"), **SHOOTING)
    colonel = simple_report("r2", victims=victims("Colonel Waldemar Quintero"), **SHOOTING)
    assert people_conflict(names_of(judge), names_of(colonel))
    assert groups([judge, colonel]) == [("r1",), ("r2",)]


def test_victims_named_from_one_described_group_do_not_conflict():
    one = simple_report(
        "r1", victims=victims("six Jesuit priests", "Ignacio Ellacuria"), **SHOOTING
    )
    other = simple_report("r2", victims=victims("Jesuit priests", "Segundo Montes"), **SHOOTING)
    soldiers = simple_report(
        "r3", victims=victims("Salvadoran soldiers", "Carlos Valencia"), **SHOOTING
    )
    assert names_of(other).groups == frozenset({"jesuit"})
    assert not people_conflict(names_of(one), names_of(other))
    # a nationality is no group: these two name different men
    assert names_of(soldiers).groups == frozenset()
    assert people_conflict(names_of(one), names_of(soldiers))


def test_victims_of_one_described_group_are_evidence_for_one_incident():
    # one report blames the army, the other the rebels: without the group they score too low
    base = {"day": DAY, **SHOOTING}
    priests = simple_report(
        "r1",
        victims=victims("six Jesuit priests"),
        perpetrators=(Actor("the army", "Army", "organization"),),
        **base,
    )
    jesuits = simple_report(
        "r2",
        day=DAY + timedelta(days=2),
        date_source="published",  # a later story that does not date the murder itself
        victims=victims("the Jesuits"),
        perpetrators=(Actor("the FMLN", "FMLN", "organization"),),
        **SHOOTING,
    )
    nationals = replace(jesuits, id="r3", article_id="a_r3", victims=victims("Salvadorans"))
    assert names_of(jesuits).groups == frozenset({"jesuit"})
    assert names_of(nationals).groups == frozenset()  # a nationality is no group
    assert groups([priests, jesuits]) == [("r1", "r2")]
    assert groups([priests, nationals]) == [("r1",), ("r3",)]


def test_the_same_victim_named_differently_joins():
    first = simple_report("r1", victims=victims("Luis Carlos Galan"), **SHOOTING)
    later = simple_report(
        "r2", day=DAY + timedelta(days=1), victims=victims("Senator Galan Sarmiento"), **SHOOTING
    )
    shared_first_name = simple_report("r3", victims=victims("Carlos Valencia"), **SHOOTING)
    assert names_score(names_of(first), names_of(later)) > 0
    assert people_conflict(names_of(first), names_of(shared_first_name))  # "Carlos" is no match
    assert groups([first, later, shared_first_name]) == [("r1", "r2"), ("r3",)]


def test_different_named_buildings_count_against_but_do_not_conflict():
    """Single-site reports of one coordinated attack name different mosques; a report naming
    both joins them into one incident."""
    both = simple_report("r1", targets=victims("Noor mosque", "Linwood mosque"), **SHOOTING)
    noor = simple_report("r2", targets=victims("Noor mosque"), **SHOOTING)
    linwood = simple_report("r3", targets=victims("Linwood mosque"), **SHOOTING)
    plain = score_pair(simple_report("x1", **SHOOTING), simple_report("x2", **SHOOTING), SETTINGS)
    apart = score_pair(noor, linwood, SETTINGS)
    assert plain is not None and apart == plain - 1.0
    assert groups([both, noor, linwood]) == [("r1", "r2", "r3")]


def test_a_common_named_victim_stands_in_for_the_place():
    """One story is filed in the capital, the other where it happened."""
    here = simple_report("r1", victims=victims("Carlos Pizarro Leongomez"), **SHOOTING)
    there = simple_report(
        "r2",
        place="Aleppo",
        admin1="Aleppo",
        lat=36.2,
        lon=37.16,
        victims=victims("Carlos Pizarro"),
        **SHOOTING,
    )
    unnamed = simple_report("r3", place="Aleppo", admin1="Aleppo", lat=36.2, lon=37.16)
    assert groups([here, there]) == [("r1", "r2")]
    assert score_pair(here, unnamed, SETTINGS) is None


# --- types and dates -----------------------------------------------------------------------------


def test_a_kidnapping_and_a_bombing_of_one_day_and_city_stay_apart():
    kidnapping = simple_report("r1", **KIDNAPPING)
    bombing = simple_report("r2", **BOMBING)
    shooting = simple_report("r3", **SHOOTING)
    assert groups([kidnapping, bombing]) == [("r1",), ("r2",)]
    # a kidnapping and a shooting may be one event told twice (the guards shot, the man taken)
    assert groups([kidnapping, shooting]) == [("r1", "r3")]


def test_dates_read_from_the_text_three_days_apart_are_two_incidents():
    monday = simple_report("r1", **BOMBING)
    thursday = simple_report("r2", day=DAY + timedelta(days=3), **BOMBING)
    assert groups([monday, thursday]) == [("r1",), ("r2",)]
    # a reading can be a day off either way ("nine days ago", an attack after midnight)
    wednesday = simple_report("r5", day=DAY + timedelta(days=2), **BOMBING)
    assert groups([monday, wednesday]) == [("r1", "r5")]
    # a publication date says only when the story ran: no conflict
    published = simple_report("r3", day=DAY + timedelta(days=2), date_source="published", **BOMBING)
    assert groups([monday, published]) == [("r1", "r3")]
    # nor is a date at week precision
    week = simple_report("r4", day=DAY + timedelta(days=2), date_precision="week", **BOMBING)
    assert groups([monday, week]) == [("r1", "r4")]


def test_a_common_named_victim_outweighs_a_date_or_type_disagreement():
    first = simple_report("r1", victims=victims("Hector Oqueli"), **KIDNAPPING)
    typed_wrong = simple_report("r2", victims=victims("Hector Oqueli Colindres"), **BOMBING)
    dated_wrong = simple_report(
        "r3", day=DAY + timedelta(days=3), victims=victims("Mr Oqueli"), **KIDNAPPING
    )
    assert groups([first, typed_wrong]) == [("r1", "r2")]
    assert groups([first, dated_wrong]) == [("r1", "r3")]


# --- complete link and average link --------------------------------------------------------------


def test_a_bridge_report_does_not_chain_two_named_murders():
    """A vague report ("a man was shot in the city") links to both murders; the murders
    conflict, so it joins one of them and never both."""
    judge = simple_report("r1", victims=victims("Judge Carlos Valencia"), **SHOOTING)
    colonel = simple_report("r2", victims=victims("Colonel Waldemar Quintero"), **SHOOTING)
    vague = simple_report("r3", victims=victims("a man"), **SHOOTING)
    result = resolve([judge, colonel, vague], SETTINGS)
    assert len(result.incidents) == 2
    assert {result.incident_of["r1"], result.incident_of["r2"]} == {i.id for i in result.incidents}
    refused = [k for links in result.links.values() for k in links if k.outcome == CONFLICT]
    assert refused
    for _ in range(5):  # whatever the order the reports come in
        shuffled = [judge, colonel, vague]
        random.shuffle(shuffled)
        again = resolve(shuffled, SETTINGS)
        assert sorted(i.report_ids for i in again.incidents) == sorted(
            i.report_ids for i in result.incidents
        )


def test_a_report_weakly_linked_to_an_incident_stays_apart():
    """A shelling published two days after a bombing scores the threshold with one report of it
    (2.5), but less with the other, whose toll of 100 is far from its 5: on average it is below
    the threshold, so it stays apart (single link would have joined it)."""
    r1 = replace(
        simple_report("r1", date_source="published", **BOMBING), killed=Toll(100, 100, 100)
    )
    r2 = simple_report("r2", date_source="published", **BOMBING)
    r3 = replace(
        simple_report(
            "r3",
            day=DAY + timedelta(days=2),
            date_source="published",
            event_type="Explosions/Remote violence",
            sub_event_type="Shelling/artillery/missile attack",
        ),
        killed=Toll(5, 5, 5),
    )
    r3_r2 = score_pair(r2, r3, SETTINGS)
    r3_r1 = score_pair(r1, r3, SETTINGS)
    assert r3_r2 is not None and r3_r1 is not None
    assert r3_r2 >= 2.5 and (r3_r1 + r3_r2) / 2 < 2.5
    result = resolve([r1, r2, r3], SETTINGS)
    assert sorted(i.report_ids for i in result.incidents) == [("r1", "r2"), ("r3",)]
    assert any(k.outcome == WEAK for links in result.links.values() for k in links)


def test_excessive_force_against_protesters_may_be_the_shooting_another_outlet_tells():
    force = simple_report(
        "r1", event_type="Protests", sub_event_type="Excessive force against protesters"
    )
    shooting = simple_report("r2", **SHOOTING)
    bombing = simple_report("r3", **BOMBING)
    assert groups([force, shooting]) == [("r1", "r2")]
    assert groups([force, bombing]) == [("r1",), ("r3",)]


def test_two_bombings_of_one_city_on_two_days_with_different_targets_stay_apart():
    booth = simple_report("r1", targets=victims("a telephone booth"), **BOMBING)
    campus = simple_report(
        "r2", day=DAY + timedelta(days=2), targets=victims("the university"), **BOMBING
    )
    again = simple_report(
        "r3", day=DAY + timedelta(days=2), targets=victims("telephone booths"), **BOMBING
    )
    # place 2 - two days 0.5 + same type 1.5 = 3.0, less 1 for targets with nothing in common
    assert score_pair(booth, campus, SETTINGS) == 2.0
    # the same thing hit, told again: no penalty
    assert score_pair(booth, again, SETTINGS) == 3.0
    assert groups([booth, campus]) == [("r1",), ("r2",)]
    assert groups([booth, again]) == [("r1", "r3")]
