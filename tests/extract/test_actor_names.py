"""Actors' names: a group spelled out up to the acronym the article glosses it with, and a
person named as the attacker keeps their own name as canonical name.

Sentences written by the team about real incidents (facts paraphrased)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tollwatch.extract.acronyms import _fits
from tollwatch.types import Article

PUB = datetime(1989, 11, 20, tzinfo=UTC)


def actors(extractor, text):
    out = extractor.extract(Article(id="a", text=text, published=PUB))
    return [(a.text, a.name, a.kind) for r in out if not r.is_reference for a in r.perpetrators]


@pytest.mark.parametrize(
    "text",
    [
        "TWO MEXICAN ENGINEERS WERE KIDNAPPED TODAY IN ARAUCA BY THE ARMY OF NATIONAL "
        "LIBERATION [ELN], THE POLICE REPORTED.",
        "Two Mexican engineers were kidnapped today in Arauca by members of the Army of "
        "National Liberation (ELN), the police reported.",
    ],
)
def test_a_group_glossed_by_its_acronym_is_that_group(extractor, text):
    got = actors(extractor, text)
    orgs = [a for a in got if a[2] == "organization"]
    # one actor, the ELN's canonical name: never a bare "Army" (which reads as the state's army)
    assert [name for _, name, _ in orgs] == ["National Liberation Army (Colombia)"]
    assert all(text_.lower() != "army" for text_, _, _ in got)


def test_a_name_unknown_to_the_table_is_spelled_out_to_its_acronym(extractor):
    got = actors(
        extractor,
        "A BOMB DESTROYED A BRIDGE IN OROPOLI TODAY. THE ATTACK WAS CARRIED OUT BY THE "
        "MORAZANIST FRONT FOR THE LIBERATION OF HONDURAS [FMLH], THE ARMY SAID.",
    )
    names = {name.lower() for _, name, kind in got if kind == "organization"}
    # a described attacker ("Morazanist front") glossed by an acronym is a named organisation
    assert "morazanist front for the liberation of honduras" in names, got


@pytest.mark.parametrize(
    "acronym, words, fits",
    [
        ("ELN", ["Army", "of", "National", "Liberation"], True),
        ("FMLN", ["Farabundo", "Marti", "National", "Liberation", "Front"], True),
        ("MPSC", ["Social", "Christian", "People's", "Movement"], True),
        ("US", ["Army"], False),
        ("AFP", ["Army", "troops", "said"], False),
    ],
)
def test_an_acronym_fits_the_initials_of_its_name(acronym, words, fits):
    assert _fits(acronym, words) is fits


def test_the_army_followed_by_an_unrelated_bracket_stays_the_army(extractor):
    got = actors(extractor, "Army troops killed three peasants near Perquin today (Reuters).")
    assert all("reuters" not in text_.lower() for text_, _, _ in got), got


def test_a_phrase_closes_the_bracket_it_opens(extractor):
    got = actors(
        extractor,
        "Members of the Popular Revolutionary Bloc (BPR) burned two buses in San Salvador.",
    )
    assert all(t.count("(") == t.count(")") for t, _, _ in got), got


def test_a_named_attacker_is_identified_by_name(extractor):
    got = actors(
        extractor,
        "Colonel Hector Heriberto Hernandez, chief of the Treasury Police, ordered the murder of "
        "the six Jesuits in San Salvador on 16 November, a document of junior officers said.",
    )
    people = [(t, n) for t, n, k in got if k == "individual"]
    # as written with his rank; canonically by name alone
    assert ("Colonel Hector Heriberto Hernandez", "Hector Heriberto Hernandez") in people, got


def test_a_rank_is_kept_only_when_it_stands_before_the_name(extractor):
    got = actors(
        extractor,
        "Captain Alvaro Saravia ordered the murder of a peasant leader in San Salvador on "
        "Monday, a witness said.",
    )
    people = [t for t, _, k in got if k == "individual"]
    assert "Captain Alvaro Saravia" in people, got
    got = actors(
        extractor,
        "Alvaro Saravia ordered the murder of a peasant leader in San Salvador on Monday, a "
        "witness said; the captain denied it.",
    )
    people = [t for t, _, k in got if k == "individual"]
    assert "Alvaro Saravia" in people and not any("aptain" in t for t in people), got


def test_described_attackers_stay_unidentified(extractor):
    got = actors(extractor, "Unidentified gunmen killed a judge in Medellin today.")
    assert [n for _, n, _ in got] == ["unidentified gunmen"]


def test_a_so_called_name_before_a_common_noun_names_no_group(extractor):
    got = actors(
        extractor,
        "Four rockets exploded near the tanks where the so-called Castille crude is stored, "
        "in Barrancabermeja on Monday.",
    )
    assert not any("Castille" in t for t, _, _ in got), got
    got = actors(
        extractor,
        "The so-called Nelson Mandela cell of the ELN blew up a pipeline in Arauca on Monday.",
    )
    orgs = [n for _, n, k in got if k == "organization"]
    assert "Nelson Mandela" not in orgs and "National Liberation Army (Colombia)" in orgs, got
    got = actors(
        extractor,
        "The self-styled Ricardo Franco Front killed two peasants in Cauca on Monday.",
    )
    assert "Ricardo Franco Front" in [t for t, _, _ in got], got


def test_a_described_attacker_is_written_without_so_called(extractor):
    got = actors(
        extractor,
        "The so-called Nelson Mandela cell of the ELN blew up a pipeline in Arauca on Monday.",
    )
    people = [t for t, _, k in got if k == "individual"]
    assert "Nelson Mandela cell of the ELN" in people, got
