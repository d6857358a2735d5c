"""ACLED's line between a battle and violence against civilians, and the GTD target type of
human victims (sentences the team wrote)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tollwatch.types import Article

PUB = datetime(1989, 11, 20, tzinfo=UTC)


def only_report(extractor, text):
    out = [r for r in extractor.extract(Article(id="t", text=text, published=PUB))]
    assert len(out) == 1, out
    return out[0]


@pytest.mark.parametrize(
    "text",
    [
        "Rebels attacked an army post in Morazan on Sunday, killing five soldiers and wounding a "
        "policeman.",
        "Unidentified gunmen shot dead two policemen in Medellin on Sunday.",
    ],
)
def test_a_fight_among_armed_men_is_a_battle(extractor, text):
    r = only_report(extractor, text)
    assert (r.event_type, r.sub_event_type) == ("Battles", "Armed clash")
    assert r.victims and all(v.type in ("Military", "Police") for v in r.victims)


@pytest.mark.parametrize(
    "text, event_type",
    [
        (
            "Rebels killed three peasants and two soldiers in Morazan on Sunday.",
            "Violence against civilians",
        ),
        ("Gunmen shot dead two teachers in Medellin on Sunday.", "Violence against civilians"),
        ("A car bomb killed five soldiers in Medellin on Sunday.", "Explosions/Remote violence"),
    ],
)
def test_civilian_victims_and_explosions_keep_their_type(extractor, text, event_type):
    assert only_report(extractor, text).event_type == event_type


def test_victims_carry_a_gtd_target_type(extractor):
    r = only_report(extractor, "Rebels killed three peasants and two soldiers in Morazan.")
    types = {v.text.split()[-1]: v.type for v in r.victims}
    assert types == {"peasants": "Private Citizens & Property", "soldiers": "Military"}


@pytest.mark.parametrize(
    "text",
    [
        "Rebels blew up two high-tension pylons near Usulutan on Sunday.",
        "A beer truck was blown up on the highway near Zacatecoluca on Sunday.",
        "Two men on a motorcycle threw an explosive device at a police post in Medellin on Sunday.",
    ],
)
def test_blowing_up_and_explosive_devices_are_explosions(extractor, text):
    r = only_report(extractor, text)
    assert r.event_type == "Explosions/Remote violence"
    assert r.targets


def test_rebels_who_destroy_a_bridge_make_an_incident_and_a_storm_does_not(extractor):
    r = only_report(extractor, "Rebels destroyed a bridge near Usulutan on Sunday.")
    assert r.sub_event_type == "Destruction"
    assert [t.text for t in r.targets] == ["bridge"]
    storm = "A storm destroyed 200 homes in Usulutan on Sunday, officials said."
    assert extractor.extract(Article(id="s", text=storm, published=PUB)) == []


def test_the_killing_of_named_people_is_an_incident(extractor):
    text = "Gunmen carried out the killing of two union leaders in Soyapango on Sunday."
    r = only_report(extractor, text)
    assert r.event_type == "Violence against civilians"
    assert r.killed.best == 2


def test_an_event_that_dates_another_sentence_does_not_type_the_incident(extractor):
    text = (
        "Police fired on hundreds of protesters marching towards the presidential palace in "
        "Kabul on Friday, killing four people, officials said. The protesters demanded the "
        "resignation of the government after the truck bombing."
    )
    r = only_report(extractor, text)
    assert r.event_type != "Explosions/Remote violence"
    assert r.killed.best == 4


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Security forces opened fire on protesters in Khartoum on Monday, killing 12 people.",
            ("Protests", "Excessive force against protesters"),
        ),
        (
            "Officers opened fire on protesters in Lagos on Monday, killing two demonstrators.",
            ("Protests", "Excessive force against protesters"),
        ),
        (
            "Gunmen opened fire on protesters in Baghdad on Friday, killing five.",
            ("Violence against civilians", "Attack"),
        ),
    ],
)
def test_state_forces_killing_protesters_is_excessive_force(extractor, text, expected):
    r = only_report(extractor, text)
    assert (r.event_type, r.sub_event_type) == expected
    assert r.perpetrators


def test_what_gunmen_opened_fire_on_is_their_target(extractor):
    r = only_report(extractor, "Gunmen opened fire on a bus in Baghdad on Friday, killing five.")
    assert [t.text for t in r.targets] == ["bus"]


@pytest.mark.parametrize(
    "text",
    [
        "Several armed men showed up at the Llano Grande country club early on Friday and set "
        "the club on fire after beating up the watchmen.",
        "Four farms near Medellin were set on fire by armed men on Friday.",
    ],
)
def test_setting_a_building_on_fire_is_arson(extractor, text):
    from tollwatch.evaluate.score import muc_type

    r = only_report(extractor, text)
    assert r.attack_type == "Facility/Infrastructure Attack"
    assert muc_type(r) == "ARSON"


def test_goods_set_on_fire_by_officials_are_no_incident(extractor):
    text = "The seized drugs were set on fire in the presence of judges in Medellin on Friday."
    assert [r for r in extractor.extract(Article(id="t", text=text, published=PUB))] == []


def test_combat_is_an_event_as_a_noun_only(extractor):
    text = (
        "Union leader Guillermo Rojas died in Soyapango, where heavy combat between the army and "
        "the rebels has taken place, sources said on Monday."
    )
    r = only_report(extractor, text)
    assert r.killed.best == 1
    text = "The government will combat drug trafficking with all its forces, the FMLN said."
    assert [r for r in extractor.extract(Article(id="t", text=text, published=PUB))] == []


@pytest.mark.parametrize(
    "text, sub",
    [
        # the 1989 air raids on the outskirts of San Salvador, told three ways
        (
            "Air Force planes bombed the village of Zacamil on Sunday, killing four civilians.",
            "air",
        ),
        (
            "The village of Zacamil was bombed by army helicopters on Sunday, killing four civilians.",
            "air",
        ),
        ("The Air Force began bombing Zacamil on Sunday, killing four civilians.", "air"),
        # an army's bombing of a place is a bombardment too
        ("Army troops bombed the medical school in San Salvador on Sunday, killing two.", "air"),
        ("Rebels bombed a bank in San Salvador on Sunday, killing two guards.", "planted"),
    ],
)
def test_a_bombing_from_aircraft_is_an_air_strike(extractor, text, sub):
    from tollwatch.evaluate.score import muc_type

    r = only_report(extractor, text)
    if sub == "air":
        assert (r.sub_event_type, muc_type(r)) == ("Air/drone strike", "ATTACK")
    else:
        assert r.sub_event_type == "Remote explosive/landmine/IED" and muc_type(r) == "BOMBING"


def test_what_blew_up_is_hit_and_its_owner_is_no_author(extractor):
    text = (
        "An Avianca Airlines plane blew up in midair near Bogota on Monday, killing all 107 "
        "people on board."
    )
    r = only_report(extractor, text)
    assert [a.text for a in r.perpetrators] == []
    assert [t.text for t in r.targets] == ["Avianca Airlines plane"]


def test_protesters_clashing_with_police_is_a_violent_demonstration(extractor):
    from datetime import UTC, datetime

    from tollwatch.types import Article

    [r] = [
        r
        for r in extractor.extract(
            Article(
                id="riot",
                text="Protesters clashed with police in Nairobi on Tuesday; police fired tear gas "
                "and one protester was shot dead.",
                published=datetime(2023, 7, 12, tzinfo=UTC),
            )
        )
        if not r.is_reference
    ]
    assert (r.event_type, r.sub_event_type) == ("Riots", "Violent demonstration")
    assert r.killed.best == 1


@pytest.mark.parametrize(
    "text",
    [
        "Dozens of people were killed when warplanes struck a market in Idlib province on "
        "Monday, the Syrian Observatory for Human Rights said.",
        "A drone hit a car near Marib on Sunday, killing four people.",
    ],
)
def test_aircraft_that_strike_make_an_air_strike(extractor, text):
    from datetime import UTC, datetime

    from tollwatch.types import Article

    [r] = [
        r
        for r in extractor.extract(
            Article(id="air", text=text, published=datetime(2023, 7, 12, tzinfo=UTC))
        )
        if not r.is_reference
    ]
    assert (r.event_type, r.sub_event_type) == ("Explosions/Remote violence", "Air/drone strike")
