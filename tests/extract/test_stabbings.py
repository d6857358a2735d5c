"""Knife attacks and "shot dead" word orders (sentences the team wrote about real kinds of attack).

A stabbing with no death is an incident with people wounded; "stabbed to death", "shot dead" kill,
whichever side of the verb the victims stand on.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tollwatch.types import Article

PUB = datetime(2023, 5, 10, 12, tzinfo=UTC)


def reports(extractor, text):
    return [
        r
        for r in extractor.extract(Article(id="t", text=text, published=PUB))
        if not r.is_reference
    ]


def test_people_stabbed_are_wounded(extractor):
    [r] = reports(
        extractor, "A man stabbed three people in Hamburg on Tuesday before police arrested him."
    )
    assert (r.injured.low, r.injured.best) == (3, 3)
    assert r.killed.best is None
    assert r.location.country == "DE"
    assert [a.text for a in r.perpetrators] == ["man"]


def test_the_stabbed_include_the_dead(extractor):
    # four stabbed, one of whom died: four is no count of the wounded
    [r] = reports(
        extractor,
        "A man stabbed four people at a train station in Paris on Saturday, killing one of them.",
    )
    assert r.killed.best == 1
    assert r.injured.best is None


@pytest.mark.parametrize(
    "text,killed",
    [
        ("A teenager stabbed a teacher to death at a school in Sete on Friday.", 1),
        ("Gunmen shot dead three people in Karachi on Tuesday, police said.", 3),
        ("Two people were stabbed to death in Lyon on Sunday.", 2),
    ],
)
def test_killed_whichever_side_the_dead_stand(extractor, text, killed):
    [r] = reports(extractor, text)
    assert r.killed.best == killed
    assert r.injured.best is None


def test_shot_people_dead_with_dead_after_the_object(extractor):
    [r] = reports(
        extractor, "Gunmen shot three people dead at a wedding in Zamfara state on Saturday."
    )
    assert (r.killed.low, r.killed.best) == (3, 3)
    assert [v.text for v in r.victims] == ["people"]
