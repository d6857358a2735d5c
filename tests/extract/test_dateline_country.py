"""The country a placeless incident is in: the dateline's when the text names that country too;
where a source speaks from is no place of the incident.

Sentences written by the team about real incidents (facts paraphrased)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tollwatch.extract.pipeline import DATELINE_WEIGHT, with_dateline
from tollwatch.types import Article


def current(extractor, text, published):
    out = extractor.extract(Article(id="d", text=text, published=published))
    return [r for r in out if not r.is_reference]


def test_the_dateline_counts_only_when_the_text_names_its_country_twice():
    counts = {"ES": 7, "SV": 2}
    assert with_dateline(counts, "SV") == {"ES": 7, "SV": 2 + DATELINE_WEIGHT}
    assert with_dateline({"SV": 3, "HN": 1}, "HN") == {"SV": 3, "HN": 1}  # filed there only
    assert with_dateline(counts, None) == counts
    assert with_dateline(counts, "PA") == counts


def test_a_story_about_a_foreign_delegation_stays_where_it_was_filed(extractor):
    text = (
        "SAN SALVADOR, 18 NOV 89 -- A Spanish delegation arrived in El Salvador today to meet "
        "the government. Spain wants an investigation. The Spanish diplomats said Spain will not "
        "rest. Six priests, five of them Spanish, were murdered on 16 November by men in "
        "uniform. The Spanish embassy in El Salvador has asked for protection for Spanish "
        "citizens."
    )
    reports = current(extractor, text, datetime(1989, 11, 18, tzinfo=UTC))
    assert reports
    assert {r.location.country for r in reports if r.location} == {"SV"}


def test_where_family_sources_speak_is_no_place_of_the_kidnapping(extractor):
    text = (
        "CARACAS, 15 JUL 89 -- The brother-in-law of the Venezuelan president was kidnapped in "
        "Colombia, according to family sources in Caracas."
    )
    reports = current(extractor, text, datetime(1989, 7, 15, tzinfo=UTC))
    assert [r.location.country for r in reports] == ["CO"]


def test_a_country_that_speaks_is_no_place_of_the_incident(extractor):
    # Mexico's government condemned the murder of the six Jesuits in San Salvador (16 Nov 1989)
    text = (
        "MEXICO CITY, 18 NOV 89 -- The foreign ministry issued a statement today. Mexico "
        "strongly condemned the murder of six Jesuit priests on Thursday in El Salvador."
    )
    reports = current(extractor, text, datetime(1989, 11, 18, tzinfo=UTC))
    assert [r.location.country for r in reports] == ["SV"]


def test_a_place_that_undergoes_the_attack_stays_its_place(extractor):
    text = (
        "KABUL, 5 SEP 19 -- Kabul was hit by a car bomb on Thursday that killed 10 people near "
        "the Green Zone, police said."
    )
    reports = current(extractor, text, datetime(2019, 9, 5, tzinfo=UTC))
    assert [r.location.country for r in reports] == ["AF"]


def test_a_big_city_named_in_the_text_counts_for_its_country_but_the_dateline_does_not(
    extractor,
):
    from tollwatch.extract.places import country_counts

    text = (
        "PANAMA CITY (PANAMA), 26 JAN 89 -- Explosives that were to be fired at the Salvadoran "
        "presidential house in San Salvador were defused today. The house lies in the south of "
        "San Salvador. Police in San Jose said nothing."
    )
    prepared, _ = extractor.prepare(Article(id="c", text=text))
    counts = country_counts(extractor.nlp(prepared), extractor.gaz)
    assert counts.get("SV") == 3  # "Salvadoran", then San Salvador twice
    assert counts.get("PA") == 1  # "(PANAMA)"; the dateline's city is where the story was filed
    assert "CR" not in counts  # a San Jose of no country the text names counts for none


def test_a_deed_reacted_to_abroad_is_not_where_the_reaction_was_filed(extractor):
    published = datetime(1989, 11, 21, tzinfo=UTC)
    text = (
        "HAVANA, 21 NOV 89 (PL) -- Teachers and students of Havana University today repudiated "
        "the brutal assassination of six Jesuit priests and two women. Church leaders blamed "
        "Salvadoran soldiers for the crime, and the Salvadoran government promised an inquiry "
        "into the killings in El Salvador."
    )
    reports = current(extractor, text, published)
    assert reports
    assert {r.location.country for r in reports if r.location} == {"SV"}
    # the place of the reaction is not the deed's; the place in the deed's own words is
    text = (
        "PANAMA CITY, 17 NOV 89 -- Panama's archbishop today repudiated the assassination of "
        "six Jesuit priests in El Salvador."
    )
    reports = current(extractor, text, datetime(1989, 11, 17, tzinfo=UTC))
    assert [r.location.country for r in reports if r.location] == ["SV"]


def test_a_deed_reacted_to_where_it_happened_stays_there(extractor):
    published = datetime(2021, 5, 4, tzinfo=UTC)
    text = (
        "KABUL, 4 MAY 2021 -- The Taliban condemned the bombing that killed 12 people at a "
        "market in Kabul on Monday. Pakistan and Pakistani officials also condemned it."
    )
    reports = current(extractor, text, published)
    assert [(r.location.country, r.location.name) for r in reports] == [("AF", "Kabul")]
    # a story filed in the deed's own country that names it most stays there too
    text = (
        "KABUL, 4 MAY 2021 -- Afghan officials condemned the bombing. The blast killed 12 "
        "people, the Afghan interior ministry said. Pakistan sent condolences."
    )
    reports = current(extractor, text, published)
    assert [r.location.country for r in reports if r.location] == ["AF"]


def test_a_wire_dateline_is_no_part_of_the_attackers_nor_the_day(extractor):
    # the 2002 Kenyan hotel bombing, told in the wires' own dateline style
    published = datetime(2002, 11, 29, tzinfo=UTC)
    for dateline in (
        "MOMBASA, Nov 29 (Reuters) - ",
        "MOMBASA, Nov 29 - ",
        "MOMBASA, 29 NOV 02 -- ",
    ):
        text = dateline + (
            "Gunmen fired two missiles at an Israeli airliner leaving Mombasa yesterday, and "
            "a car bomb killed 13 people at a beach hotel nearby."
        )
        reports = current(extractor, text, published)
        assert reports, dateline
        first = reports[0]
        assert str(first.date) == "2002-11-28", dateline
        assert all("MOMBASA" not in a.text for r in reports for a in r.perpetrators), dateline


@pytest.mark.parametrize(
    "text, place",
    [
        # the Owo church attack of 5 June 2022: a town and its state in the lead are no dateline
        (
            "Gunmen stormed a Catholic church in Owo, Ondo state, on Sunday, killing at least 40 "
            "worshippers, officials said.",
            "Owo",
        ),
        # the small model types "Quetta" here as WORK_OF_ART; after "in" a known city is a town
        ("Gunmen opened fire on a bus in Quetta on Saturday, killing 10 people.", "Quetta"),
        # a region's seat smaller than the floor for towns of no named country (Menaka, Mali)
        ("Gunmen killed 12 villagers near Menaka on Sunday, local officials said.", "Menaka"),
    ],
)
def test_a_modern_lead_places_the_attack_in_its_town(extractor, text, place):
    reports = current(extractor, text, datetime(2023, 5, 10, tzinfo=UTC))
    assert [r.location.name for r in reports] == [place]
