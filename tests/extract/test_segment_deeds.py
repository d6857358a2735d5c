"""Which sentences tell another incident than the one before them, and what a deed hit
(sentences the team wrote, paraphrasing reports of real incidents)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from tollwatch.types import Article

PUB = datetime(1989, 12, 9, 12, tzinfo=UTC)


def current(extractor, text, published=PUB):
    out = extractor.extract(Article(id="s", text=text, published=published))
    return [r for r in out if not r.is_reference]


def test_machinegunned_is_an_attack_dated_by_its_sentence(extractor):
    text = "Yesterday morning, some 20 rebels machinegunned a passenger bus near Usulutan."
    [r] = current(extractor, text)
    assert r.date == datetime(1989, 12, 8).date() and r.event_type == "Violence against civilians"


def test_an_attack_with_a_weapon_on_another_day_is_another_incident(extractor):
    text = (
        "Attorney General Roberto Garcia Alvarado was killed in San Salvador when a bomb "
        "placed on his car exploded. Guerrillas attacked the home of Vice President-elect "
        "Francisco Merino in San Salvador 5 days ago with explosives."
    )
    out = current(extractor, text, datetime(1989, 4, 19, 12, tzinfo=UTC))
    assert sorted(str(r.date) for r in out) == ["1989-04-14", "1989-04-19"]


def test_an_attack_with_a_weapon_on_the_same_day_stays_the_incident(extractor):
    text = (
        "Attorney General Roberto Garcia Alvarado was killed in San Salvador today when a bomb "
        "placed on his car exploded. Guerrillas attacked his escort with rifles."
    )
    assert len(current(extractor, text, datetime(1989, 4, 19, 12, tzinfo=UTC))) == 1


def test_a_toll_told_after_meanwhile_is_another_incident(extractor):
    text = (
        "Yesterday morning, some 20 rebels machinegunned a passenger bus near Usulutan. Five "
        "passengers were injured. Meanwhile, four rebels were killed during an armed clash "
        "with army troops in Zacatecoluca."
    )
    out = current(extractor, text)
    assert len(out) == 2
    assert sorted((r.killed.best or 0, r.injured.best or 0) for r in out) == [(0, 5), (4, 0)]


def test_an_update_after_meanwhile_stays_the_incident(extractor):
    text = (
        "Yesterday morning, some 20 rebels machinegunned a passenger bus near Usulutan. "
        "Meanwhile, the toll rose to four dead."
    )
    assert len(current(extractor, text)) == 1


def test_vehicles_burned_after_a_shooting_are_an_arson_of_their_own(extractor):
    text = (
        "Yesterday morning, some 20 rebels machinegunned a passenger bus near Usulutan. Five "
        "passengers were injured. Later, in the same area, the rebels burned nine vehicles."
    )
    out = current(extractor, text)
    assert len(out) == 2
    assert any(
        "burned" in r.summary and r.attack_type == "Facility/Infrastructure Attack" for r in out
    )


def test_a_deed_added_without_a_day_of_its_own_takes_the_day_of_the_one_before(extractor):
    text = (
        "Yesterday morning, some 20 rebels machinegunned a passenger bus near Usulutan. Five "
        "passengers were injured. Later, in the same area, the rebels burned nine vehicles."
    )
    out = current(extractor, text)
    assert [str(r.date) for r in out] == ["1989-12-08", "1989-12-08"]
    assert {r.date_source for r in out} == {"text"}


def test_vehicles_and_cars_burned_are_targets_weapons_are_not(extractor):
    text = "Guerrillas burned three vehicles and a car and threw grenades near Popayan yesterday."
    [r] = current(extractor, text)
    assert {m.text for m in r.targets} == {"vehicles", "car"}
    assert "grenades" in {m.text for m in r.weapons}


@pytest.mark.parametrize(
    "text, weapons",
    [
        (
            "A bomb exploded in Cali on Friday, killing four. Police bomb squad experts "
            "defused a second device.",
            ["bomb"],
        ),
        ("Guerrillas bombed the Shell oil company offices in Cali on Friday.", []),
    ],
)
def test_a_weapon_word_that_names_its_handlers_or_a_company_is_no_weapon(extractor, text, weapons):
    [r] = current(extractor, text)
    assert [m.text for m in r.weapons] == weapons


def test_a_template_names_each_weapon_once_a_report_keeps_every_mention(extractor):
    from tollwatch.evaluate.score import predicted_from_report

    text = (
        "A car bomb exploded outside a police station in Cali on Friday, killing four people. "
        "The bomb was made of 50 kilograms of dynamite, police said."
    )
    [r] = current(extractor, text)
    assert [m.text for m in r.weapons] == ["car bomb", "bomb", "dynamite"]
    assert predicted_from_report(r).roles["Weapon"] == ("car bomb", "dynamite")


def test_a_kidnapping_after_a_killing_is_an_incident_of_its_own(extractor):
    text = (
        "Rebels killed two guards at a farm near Cali yesterday. Later, they kidnapped two "
        "engineers of the company."
    )
    out = current(extractor, text)
    assert len(out) == 2
    kidnapping = next(r for r in out if r.sub_event_type == "Abduction/forced disappearance")
    assert [v.text for v in kidnapping.victims] == ["engineers of the company"]
    assert {str(r.date) for r in out} == {"1989-12-08"}


def test_a_deed_added_by_the_same_attackers_keeps_their_organisation(extractor):
    text = (
        "FARC members blew up a power substation in Cauca yesterday. The guerrillas also burned "
        "three vehicles on the Pan-American highway."
    )
    out = current(extractor, text)
    assert len(out) == 2
    assert all("FARC" in [a.text for a in r.perpetrators] for r in out)


@pytest.mark.parametrize(
    "text, expected",
    [
        # a description of the named place is where, not what, was hit
        (
            "In Barranca, a small village 180 km from Lima, terrorists bombed a radio station and "
            "a drugstore on Friday.",
            {"radio station", "drugstore"},
        ),
        # what a distance is measured from
        (
            "Rebels burned a bus a few meters from the army barracks in Usulutan on Friday.",
            {"bus"},
        ),
    ],
)
def test_a_reference_point_is_no_target(extractor, text, expected):
    out = current(extractor, text)
    assert {t.text for r in out for t in r.targets} == expected


def test_the_place_a_victim_works_at_is_no_target(extractor):
    out = current(
        extractor,
        "Unknown men murdered the second secretary of the Nicaraguan embassy in Guatemala, Jorge "
        "Adolfo Vargas Gonzalez, on Friday.",
    )
    assert [t.text for r in out for t in r.targets] == []
    # an ordinal is part of a title, not a count
    assert "second secretary of the Nicaraguan embassy" in {v.text for r in out for v in r.victims}


def test_where_people_come_from_is_no_target(extractor):
    out = current(
        extractor,
        "Leaders from universities in Mexico and Honduras condemned the kidnapping of five "
        "students in Guatemala City on Friday.",
    )
    assert "universities" not in {t.text for r in out for t in r.targets}


def test_a_deed_with_its_toll_outside_the_week_of_a_roughly_dated_incident_is_its_own(current):
    # the accusation tells the offensive only by "a week ago"; the priests' murder has its day
    reports = current(
        "The opposition leader was accused of backing the massacre caused by the rebels, who "
        "a week ago launched their largest offensive. His exile came after the assassination of "
        "four priests who were shot on 7 May by men in uniform."
    )
    dated = {r.date: r for r in reports}
    assert date(2023, 5, 7) in dated
    assert dated[date(2023, 5, 7)].killed.best == 4
    assert all(r.killed.best is None for r in reports if r.date != date(2023, 5, 7))
