"""Rules of session 26 (sentences the team wrote)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tollwatch.types import Article

PUB = datetime(1990, 1, 10, tzinfo=UTC)


def current(extractor, text, published=PUB):
    out = extractor.extract(Article(id="p", text=text, published=published))
    return [r for r in out if not r.is_reference]


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        # the deed's victim named only in the sentence before, which tells a robbery
        (
            "SANTIAGO, 10 JAN 90 -- Masked men robbed a farmer on a road near Talca on Sunday. "
            "The farmer resisted, and the men shot him and left him badly wounded.",
            None,
            1,
        ),
        ("The bomb left a policeman seriously injured in Cali on Monday.", None, 1),
        (
            "Gunmen stopped the taxi in Cali on Monday and left its driver dead on the road.",
            1,
            None,
        ),
    ],
)
def test_one_person_left_dead_or_wounded_is_a_toll(extractor, text, killed, injured):
    (report,) = current(extractor, text)
    assert (report.killed.best, report.injured.best) == (killed, injured)


@pytest.mark.parametrize(
    "text",
    [
        "The decision left him angry, officials in Cali said on Monday.",
        # a counted group is a figure of its own, never one person
        "A car bomb in Cali on Monday left four soldiers dead.",
    ],
)
def test_left_without_harm_or_with_a_count_is_no_single_toll(extractor, text):
    reports = current(extractor, text)
    assert all(r.killed.best != 1 and r.injured.best != 1 for r in reports)


@pytest.mark.parametrize(
    ("text", "town", "country"),
    [
        ("A car bomb killed 12 people in the Syrian capital on Monday.", "Damascus", "SY"),
        ("A car bomb killed 12 people in Afghanistan's capital on Monday.", "Kabul", "AF"),
        ("Gunmen attacked a hotel in the capital of Mali on Monday.", "Bamako", "ML"),
        # the town named after the phrase is the place, as written
        ("A truck bomb exploded in the Colombian capital of Bogota on Monday.", "Bogotá", "CO"),
    ],
)
def test_a_country_s_capital_named_by_the_country_is_placed(current, text, town, country):
    (report,) = current(text)
    assert (report.location.matched_name, report.location.country) == (town, country)
    assert report.location.precision == "city"


@pytest.mark.parametrize(
    "text",
    [
        "Rebels attacked the state capital on Monday, killing two soldiers.",
        "Guerrillas attacked the capital of Antioquia on Monday, killing two soldiers.",
    ],
)
def test_a_capital_of_no_named_country_is_no_town(current, text):
    reports = current(text)
    assert all(r.location is None or r.location.precision != "city" for r in reports)


def test_terrorist_acts_open_the_incident_they_date(current):
    # published on a Thursday: the lead's "Wednesday evening" dates the bomb told after it
    text = (
        "MOSCOW, 26 OCT 89 -- Terrorist acts were carried out on Wednesday evening in Lima "
        "against two embassies. Unknown men placed a bomb under one of the diplomats' cars."
    )
    (report,) = current(text, datetime(1989, 10, 26, 12, tzinfo=UTC))
    assert report.date.isoformat() == "1989-10-25"
    assert report.location.matched_name == "Lima"


def test_a_fire_told_again_with_its_day_stays_with_the_attack_that_set_it(current):
    text = (
        "LIMA, 25 JAN 89 -- Shining Path guerrillas carried out a serious attack in the town of "
        "Andahua. During this attack, the guerrillas set fire to the public buildings. "
        "Police reported today that yesterday the guerrillas burned the offices of the "
        "agrarian bank and the health ministry in Andahua."
    )
    (report,) = current(text, datetime(1989, 1, 25, 12, tzinfo=UTC))
    assert report.date.isoformat() == "1989-01-24"


def test_a_lead_s_day_holds_through_a_sentence_of_the_same_day(current):
    text = (
        "SANTIAGO, 18 JUL 89 -- The interior minister today stated that the action taken "
        "yesterday by some people to occupy private land will not intimidate the government. "
        "Yesterday, a group of about 300 people tried to seize a farm with stones and firearms. "
        "Their attack on the farm killed one man and injured several others."
    )
    (report,) = current(text, datetime(1989, 7, 18, 12, tzinfo=UTC))
    assert report.date.isoformat() == "1989-07-17"


def test_a_surname_the_model_tagged_alone_is_no_town(current):
    text = (
        "BOGOTA, 11 SEP 89 -- FORMER MEDELLIN MAYOR PABLO PELAEZ GONZALEZ, 45, WAS SHOT TO DEATH "
        "BY UNIDENTIFIED MEN WHILE TRAVELING BETWEEN HIS HOME AND OFFICE TODAY."
    )
    (report,) = current(text, datetime(1989, 9, 11, 12, tzinfo=UTC))
    assert report.location.matched_name != "González"


@pytest.mark.parametrize("town", ["La Oroya", "Barranca"])
def test_a_town_after_a_capitalised_word_stays_a_town(current, town):
    text = f"LIMA, 9 NOV 89 -- In {town}, guerrillas bombed a radio station and a drugstore today."
    (report,) = current(text, datetime(1989, 11, 9, 12, tzinfo=UTC))
    assert report.location.name == town


@pytest.mark.parametrize(
    ("text", "town"),
    [
        (
            "SANTIAGO, 15 MAY 90 (DOMESTIC SERVICE) -- SIX BOMBS EXPLODED IN THE CAPITAL AND IN "
            "VALPARAISO DURING THE NIGHT, INJURING A GUARD.",
            "Santiago",
        ),
        (
            "CLANDESTINE, 12 NOV 89 -- In recent hours bombs have exploded in the capital at the "
            "homes of two Salvadoran deputies.",
            "San Salvador",
        ),
    ],
)
def test_the_capital_alone_is_the_capital_of_the_story_s_country(current, text, town):
    (report,) = current(text, datetime(1990, 5, 15, 12, tzinfo=UTC))
    assert report.location.matched_name == town


def test_a_state_capital_or_a_hotel_is_no_national_capital(current):
    text = "BOGOTA, 15 MAY 90 -- A bomb exploded in the state capital and at the Capital Hotel."
    reports = current(text, datetime(1990, 5, 15, 12, tzinfo=UTC))
    assert all(
        r.location is None
        or r.location.matched_name != "Bogotá"
        or r.location.evidence.text == "BOGOTA"
        for r in reports
    )


@pytest.mark.parametrize(
    "text",
    [
        "CARACAS, 19 JAN 90 -- The presidents will discuss the impoverishment of the continent, "
        "the population explosion, and economic growth. The population explosion has never been "
        "worse than today, the minister said.",
        "CARACAS, 19 JAN 90 -- Economists warned of a price explosion after the devaluation. "
        "The price explosion hit Caracas hardest today.",
    ],
)
def test_a_population_or_price_explosion_is_no_incident(current, text):
    assert current(text, datetime(1990, 1, 19, 12, tzinfo=UTC)) == []


def test_the_population_attacked_is_still_an_incident(current):
    text = "SAN SALVADOR, 19 JAN 90 -- Guerrillas attacked the civilian population of Suchitoto today, killing three peasants."
    (report,) = current(text, datetime(1990, 1, 19, 12, tzinfo=UTC))
    assert report.killed.best == 3
