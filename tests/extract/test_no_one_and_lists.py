""" "No one" counts nobody; "set fire to" names what burned; a list of deeds that opens each
item on a town inside a region named before is a list of incidents (sentences the team wrote
about real kinds of attack)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text",
    [
        "A bomb exploded outside a bank in Lima on Saturday. No one was injured.",
        "A bomb exploded outside a bank in Lima on Saturday but injured no one.",
    ],
)
def test_no_one_is_no_count_of_one(current, text):
    [r] = current(text)
    assert r.injured.best is None and r.killed.best is None
    assert not r.figures


def test_what_was_set_fire_to_is_the_target(current):
    [r] = current(
        "In Huaraz, rebels set fire to the offices of the local development corporation but "
        "injured no one.",
    )
    assert [t.text for t in r.targets] == ["offices of the local development corporation"]
    assert r.location.name == "Huaraz"


def test_a_town_inside_the_region_named_before_opens_its_own_incident(current):
    got = current(
        "LIMA, 1 APR 90 (EFE) -- Over the last 24 hours the Shining Path murdered two state "
        "officials on a road linking two towns in Ancash Department. In Huaraz, the capital of "
        "Ancash Department, the rebels set fire to the offices of the local development "
        "corporation.",
    )
    assert len(got) == 2
    murder, arson = got
    assert murder.killed.best == 2 and not murder.targets
    assert arson.location.name == "Huaraz"
    assert [t.text for t in arson.targets] == ["offices of the local development corporation"]
    assert arson.killed.best is None


@pytest.mark.parametrize(
    "text",
    [
        "Five people were killed and 12 injured when a bus collided with a truck on the "
        "Lahore-Islamabad motorway on Sunday.",
        "A man was killed in a shark attack off the coast of New South Wales on Saturday.",
        "Three children drowned on Lake Victoria on Friday, police said.",
    ],
)
def test_accidents_and_animals_are_no_incidents(current, text):
    assert current(text) == []
