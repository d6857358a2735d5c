"""Weapons fired tell a shooting; a region the model left untagged ("Sucumbios province") still
places the incident.

Sentences written by the team about real incidents (facts paraphrased)."""

from __future__ import annotations

from datetime import UTC, datetime

from tollwatch.extract.events import find_triggers

PUB = datetime(1990, 4, 30, tzinfo=UTC)


def triggers(extractor, text):
    doc = extractor.nlp(text)
    return [doc[m.start].lemma_ for s in doc.sents for m in find_triggers(s, extractor.lex)]


def test_firing_weapons_or_shots_is_shooting(extractor):
    assert "fire" in triggers(extractor, "Gunmen fired shots at a police patrol in Lima.")
    assert "fire" in triggers(
        extractor, "A vessel fired automatic weapons at a mining boat on the river."
    )


def test_firing_workers_is_no_shooting(extractor):
    assert "fire" not in triggers(extractor, "The company fired 200 workers on Monday.")


def test_a_province_the_model_left_untagged_places_the_incident(extractor):
    from tollwatch.types import Article

    text = (
        "QUITO, 30 APR 90 -- [TEXT] THIS AFTERNOON, ON THE BERMEJA RIVER, SUCUMBIOS PROVINCE, IN "
        "NORTHEASTERN ECUADOR, A SMALL BOAT OF A MINING COMPANY WAS INTERCEPTED BY A VESSEL WHICH "
        "FIRED AUTOMATIC WEAPONS. THE PILOT WAS KILLED AND A WORKER WAS WOUNDED."
    )
    out = extractor.extract(Article(id="f", text=text, published=PUB))
    reports = [r for r in out if not r.is_reference]
    assert len(reports) == 1
    loc = reports[0].location
    assert loc is not None and loc.country == "EC" and loc.admin1 == "Sucumbíos"


def test_a_date_in_a_group_name_dates_nothing(extractor):
    from tollwatch.types import Article

    text = (
        "Carlos Pizarro, leader of the 19 April Movement, was shot dead aboard an airliner "
        "over Bogota today."
    )
    published = datetime(1990, 3, 26, tzinfo=UTC)
    out = extractor.extract(Article(id="m", text=text, published=published))
    reports = [r for r in out if not r.is_reference]
    assert [str(r.date) for r in reports] == ["1990-03-26"]


def test_a_quoted_date_a_name_goes_on_from_dates_nothing(current):
    # the group's name read as 9 May had made the bombings history of May
    published = datetime(1989, 7, 20, tzinfo=UTC)
    [r] = current(
        "TEGUCIGALPA, 20 JUL 89 (DPA) -- WITH SIMULTANEOUS BOMB EXPLOSIONS IN THE CAPITAL, A "
        'NEW GROUP CALLING ITSELF THE "9 MAY" PEOPLE\'S LIBERATION FORCES ANNOUNCED ITS '
        "EMERGENCE. THREE BOMBS WENT OFF IN TEGUCIGALPA, ONE AT THE CENTRAL PARK.",
        published,
    )
    assert str(r.date) == "1989-07-20" and r.event_type == "Explosions/Remote violence"
    # a quoted deadline is still a date: a demand for the future tells no incident
    assert not current(
        'SAN SALVADOR, 9 DEC 89 -- CRISTIANI ASKED THE FMLN TO SUSPEND -- NO LATER THAN "15 '
        'DECEMBER" -- THE SABOTAGE ACTIONS THE REBELS HAVE BEEN CARRYING OUT.',
        datetime(1989, 12, 9, tzinfo=UTC),
    )


def test_midair_is_no_target(extractor):
    from tollwatch.types import Article

    text = "An airliner exploded in midair near Bogota on Monday, killing all 107 people aboard."
    out = extractor.extract(Article(id="a", text=text, published=PUB))
    targets = {t.text.lower() for r in out for t in r.targets}
    assert "midair" not in targets
    assert [r.killed.best for r in out if not r.is_reference] == [107]


def test_a_target_keeps_every_word_of_its_name(extractor):
    from tollwatch.types import Article

    for text, name in (
        (
            "Soldiers raided the Central American University in San Salvador on Thursday.",
            "Central American University",
        ),
        (
            "A bomb exploded at the El Dorado International Airport in Bogota on Monday.",
            "El Dorado International Airport",
        ),
    ):
        out = extractor.extract(Article(id="a", text=text, published=PUB))
        targets = [t.text for r in out for t in r.targets]
        assert name in targets, (text, targets)


def test_people_seized_are_kidnapped_but_arms_or_suspects_seized_are_not(extractor):
    def kidnapping(text: str) -> bool:
        doc = extractor.nlp(text)
        return any(
            m.item.lemmas == ("kidnap",) for s in doc.sents for m in find_triggers(s, extractor.lex)
        )

    assert kidnapping("Gunmen seized university students Hugo Martinez and Raul Ramirez today.")
    assert kidnapping("Rebels seized the local mayor in the square.")
    assert not kidnapping("Troops seized 37 rifles and a mortar.")
    assert not kidnapping("Police seized two drug traffickers in Medellin.")


def test_vehicles_and_aircraft_attacked_are_targets(extractor):
    from tollwatch.types import Article

    for text, thing in (
        (
            "Rebels burned three vehicles on the highway near Popayan on Friday -- a hospital "
            "ambulance, a fuel truck and a station wagon.",
            "station wagon",
        ),
        ("A bomb exploded on Sunday under a cargo plane parked at the Monteria airport.", "plane"),
    ):
        out = extractor.extract(Article(id="a", text=text, published=PUB))
        targets = [t.text.lower() for r in out for t in r.targets]
        assert any(thing in t for t in targets), (text, targets)


def test_names_the_text_calls_towns_are_places_however_small(current):
    # "Chavin" and "Huari" (646 and 4,406 people) are tagged PERSON; the apposition says they
    # are towns, and Peru is the story's country
    [r] = current(
        "LIMA, Peru -- Shining Path rebels murdered two election officials on the road linking "
        "Chavin and Huari, two towns in the Ancash department, police said on Saturday."
    )
    assert (r.location.name, r.location.country) == ("Chavin", "PE")


def test_a_person_named_like_a_small_town_stays_a_person(current):
    [r] = current(
        "LIMA, Peru -- Rebels murdered two election officials in the Ancash department, "
        "said Huari, a police spokesman."
    )
    assert r.location.name == "Ancash"
