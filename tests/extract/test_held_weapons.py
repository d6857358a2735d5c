"""Weapons held, found or seized tell no deed; a bomb defused tells an attempt (sentences the
team wrote)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tollwatch.types import Article

PUB = datetime(1989, 11, 30, tzinfo=UTC)


def reports(extractor, text):
    out = extractor.extract(Article(id="h", text=text, published=PUB))
    return [r for r in out if not r.is_reference]


@pytest.mark.parametrize(
    "text",
    [
        "During a search in Apopa on Monday, troops confiscated two rifles, ammunition for both "
        "weapons and several sticks of dynamite.",
        "During the raid in Soyapango on Monday, police confiscated 4 rifles, 6 grenades for "
        "RPG-2 grenade launchers, 900 detonating caps and other war materiel.",
        "The Army announced on Monday the seizure of an arsenal of grenades in Apopa.",
        "An officer said the weapons -- 40 rifles, 12 pistols, fragmentation grenades and 30 "
        "explosive blocks -- were among the supplies found in a rebel house in Apopa on Monday.",
    ],
)
def test_weapons_seized_tell_no_incident(extractor, text):
    assert reports(extractor, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "A car bomb was defused outside a bank in Medellin on Monday.",
        "A flag of the FPMR was found at the scene of the explosion at the embassy in Santiago "
        "on Monday.",
        "Troops captured five rebels who had kidnapped two farmers near Cali on Monday.",
        "Two farmers were killed by grenades in Apopa on Monday.",
        "Grenades were among the weapons used in the attack on the barracks in Apopa on Monday.",
    ],
)
def test_weapons_used_or_defused_keep_their_incident(extractor, text):
    assert len(reports(extractor, text)) == 1


def test_one_that_stands_for_a_thing_is_no_count(extractor):
    text = (
        "Guerrillas attacked a bank in Cuzco on Monday. Police said the truck was the largest "
        "one seized from the guerrillas this year."
    )
    figures = [f for r in reports(extractor, text) for f in r.figures]
    assert not [f for f in figures if f.kind == "kidnapped"]


def test_weapons_seized_after_an_attack_are_not_its_weapons(extractor):
    text = (
        "Guerrillas attacked an army post in Apopa on Monday with grenades, and the troops "
        "confiscated ammunition for both weapons and several sticks of dynamite."
    )
    weapons = {w.text.lower() for r in reports(extractor, text) for w in r.weapons}
    assert "grenades" in weapons
    assert "dynamite" not in weapons
