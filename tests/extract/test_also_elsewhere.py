"""A deed added with "also" at a town after an incident placed nowhere; "the death of a civilian".

Sentences written by the team about real incidents (facts paraphrased)."""

from __future__ import annotations

from datetime import UTC, datetime

from tollwatch.types import Article

PUB = datetime(1990, 1, 4, tzinfo=UTC)


def current(extractor, text, published=PUB):
    out = extractor.extract(Article(id="p", text=text, published=published))
    return [r for r in out if not r.is_reference]


def test_a_deed_added_with_also_at_a_town_is_its_own_incident(extractor):
    """The 1990 guerrilla raids in Guatemala: a farm on the Pacific coast, a farmer killed in
    Flores, 400 km away; the first incident names no town."""
    text = (
        "GUATEMALA CITY, 4 JAN 90 -- An army spokesman said that guerrillas attacked a coffee "
        "farm on the Pacific coast on Tuesday, where they burned the warehouses and stole cattle. "
        "He also reported that guerrillas killed a farmer in the city of Flores, in the northern "
        "department of El Peten."
    )
    found = current(extractor, text)
    assert len(found) == 2
    flores = [r for r in found if r.location is not None and r.location.name == "Flores"]
    assert len(flores) == 1 and flores[0].killed.best == 1
    assert "farmer" not in {m.text for r in found if r is not flores[0] for m in r.victims}


def test_a_deed_told_with_also_at_the_same_place_stays_the_incident(extractor):
    text = (
        "Guerrillas attacked a police post in Flores, in the department of El Peten, on Tuesday. "
        "They also killed a farmer who lived nearby, the army said."
    )
    assert len(current(extractor, text)) == 1


def test_the_death_of_one_person_is_one_killed(extractor):
    text = (
        "An army spokesman said that the attack on the farm near Escuintla on Friday resulted in "
        "the death of a civilian who was passing by."
    )
    [report] = current(extractor, text)
    assert report.killed.best == 1


def _barranca(extractor, text):
    """The one report placed in Barranca."""
    found = current(extractor, text, datetime(1990, 4, 1, tzinfo=UTC))
    barranca = [r for r in found if r.location is not None and r.location.name == "Barranca"]
    assert len(barranca) == 1
    return barranca[0]


def test_attackers_only_described_take_the_one_group_of_the_story(extractor):
    """The Shining Path's attacks of 1 April 1990 in Peru: the group is named for the murder on
    the road, the bombing in Barranca names only "terrorists"."""
    text = (
        "LIMA, 1 APR 90 -- In the last 24 hours the Shining Path murdered two state officials on a "
        "road between Chavin and Huari, in Ancash Department. In Barranca, a small town 180 km "
        "from Lima, terrorists bombed a radio station and a drugstore."
    )
    assert "Shining Path" in {a.name for a in _barranca(extractor, text).perpetrators}


def test_no_group_is_taken_when_the_story_names_two(extractor):
    text = (
        "LIMA, 1 APR 90 -- In the last 24 hours the Shining Path murdered two state officials on a "
        "road between Chavin and Huari, in Ancash Department, and the Tupac Amaru Revolutionary "
        "Movement attacked a police post in Huancayo. In Barranca, a small town 180 km from Lima, "
        "terrorists bombed a radio station and a drugstore."
    )
    assert not any(a.kind == "organization" for a in _barranca(extractor, text).perpetrators)


def test_the_lead_gives_its_day_to_the_incident_told_right_after_it(extractor):
    """The foiled rocket attack on the Antioquia liquor plant, Medellin, 29 August 1989."""
    text = (
        "BOGOTA, 30 AUG 89 -- Last night's terrorist target was the Antioquia liquor plant. "
        "Watchmen saw a man and a woman leave a suitcase near the fence. The watchmen exchanged "
        "fire with the terrorists, who fled leaving dynamite and rockets behind."
    )
    [report] = current(extractor, text, datetime(1989, 8, 30, tzinfo=UTC))
    assert report.date is not None and report.date.isoformat() == "1989-08-29"


def test_a_lead_that_dates_a_statement_gives_no_day(extractor):
    text = (
        "BOGOTA, 30 AUG 89 -- The minister said on Monday that security would be stepped up. "
        "Watchmen saw a man and a woman leave a suitcase near the fence of the Antioquia liquor "
        "plant. The watchmen exchanged fire with the terrorists, who fled leaving dynamite and "
        "rockets behind."
    )
    [report] = current(extractor, text, datetime(1989, 8, 30, tzinfo=UTC))
    assert report.date is not None and report.date.isoformat() == "1989-08-30"


def test_the_story_group_is_only_suspected_and_never_given_to_state_forces():
    from tests.evaluate.helpers import report
    from tollwatch.extract.reports import _with_the_story_group

    named = report("r1", perps=(("Shining Path", "organization"),))
    described = report("r2", perps=(("terrorists", "individual"),))
    troops = report("r3", perps=(("soldiers", "individual"),))
    out = _with_the_story_group([named, described, troops])
    [group] = [a for a in out[1].perpetrators if a.kind == "organization"]
    assert group.name == "Shining Path" and group.suspected and not group.claimed
    assert [a.text for a in out[2].perpetrators] == ["soldiers"]
    # two groups in the story: none is given
    other = report("r4", perps=(("Tupac Amaru", "organization"),))
    assert _with_the_story_group([named, other, described])[2] == described


def test_a_deed_added_with_also_far_away_is_its_own_incident_by_the_same_attackers(current):
    reports = current(
        "Shining Path rebels killed two soldiers in an ambush near Ayacucho on Monday, the army "
        "said. Three bank branches were also attacked and damaged in Lima."
    )
    by_place = {r.location.name: r for r in reports}
    assert set(by_place) == {"Ayacucho", "Lima"}
    lima = by_place["Lima"]
    assert [m.text for m in lima.targets] == ["bank branches"]
    assert lima.killed.best is None
    assert "Shining Path" in {a.name for a in lima.perpetrators}
    assert not by_place["Ayacucho"].targets
