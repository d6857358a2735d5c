"""Modern conflict news: the state forces a nationality names as the striker, drone and missile
attacks, towns named only by a city's noun, stories that name countries only by their people
(sentences the team wrote about real kinds of attack)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "written", "name"),
    [
        (
            "A Russian drone attack on Odesa killed two people overnight, the governor said.",
            "Russian",
            "Military Forces of Russia",
        ),
        (
            "Russian missiles struck an apartment building in Dnipro on Saturday, killing at "
            "least 30 people.",
            "Russian",
            "Military Forces of Russia",
        ),
        (
            "Twelve members of one family were killed in an Israeli air strike on a house in "
            "Rafah, the health ministry said.",
            "Israeli",
            "Military Forces of Israel",
        ),
        # an abbreviation the gazetteer's keys are too short for (lexicon data)
        (
            "A U.S. drone strike killed two al-Shabaab commanders in southern Somalia on Friday.",
            "U.S.",
            "Military Forces of United States",
        ),
    ],
)
def test_a_nationality_names_the_forces_that_struck(current, text, written, name):
    [r] = current(text)
    assert [(a.text, a.name, a.kind) for a in r.perpetrators] == [(written, name, "organization")]


def test_a_maker_is_no_striker(current):
    [r] = current("U.S.-made helicopters bombed a village near Suchitoto on Sunday, killing three.")
    assert not any(a.name.startswith("Military Forces") for a in r.perpetrators)


def test_a_nationality_of_what_was_hit_or_of_a_reaction_is_no_striker(current):
    [r] = current("Gunmen attacked Russian soldiers near Donetsk on Sunday, killing three.")
    assert [a.text for a in r.perpetrators] == ["Gunmen"]
    [r] = current(
        "Two dozen pro-government fighters were killed in an ambush near Palmyra on Sunday, "
        "prompting Russian airstrikes on the desert, a monitor said."
    )
    assert not any(a.text == "Russian" for a in r.perpetrators)


def test_a_drone_attack_is_an_air_strike(current):
    [r] = current("A drone attack on a market in Sudan's El Fasher killed 15 people on Monday.")
    assert r.sub_event_type == "Air/drone strike"


def test_herders_are_attackers(current):
    [r] = current("Suspected herders killed 40 villagers in Plateau state on Sunday.")
    assert [(a.text, a.kind, a.suspected) for a in r.perpetrators] == [
        ("herders", "individual", True)
    ]


def test_the_city_of_a_name_the_model_typed_as_a_people(current):
    # "Culiacan" is tagged NORP after "the northern Mexican city of"
    [r] = current(
        "Gunmen shot dead a journalist in the northern Mexican city of Culiacan on Tuesday."
    )
    assert (r.location.name, r.location.country) == ("Culiacan", "MX")


def test_a_story_naming_countries_only_by_their_people_places_its_towns(current):
    # GeoNames gives Kherson 66,000 people, under the floor for a town abroad; "Russian" is the
    # attackers' nationality, not the country of the story's places
    [r] = current("Russian forces shelled the town of Kherson on Sunday, killing three civilians.")
    assert (r.location.name, r.location.country) == ("Kherson", "UA")
