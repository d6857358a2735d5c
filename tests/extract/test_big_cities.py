"""A big city after a preposition of place is a place, whatever the model typed it (sentences
the team wrote about real kinds of attack)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text",
    [
        "Russian missile strikes on Kyiv killed three civilians early on Tuesday, the mayor said.",
        "Three civilians were killed in Kyiv on Tuesday.",
    ],
)
def test_kyiv_is_placed(current, text):
    [r] = current(text)
    assert (r.location.name, r.location.country) == ("Kyiv", "UA")


def test_a_small_town_sharing_an_old_name_of_a_big_city_is_not_that_city(current):
    [r] = current(
        "SAN SALVADOR, 21 JUN 89 (AFP) -- A U.S. NUN WAS SERIOUSLY WOUNDED TODAY WHEN SHOTS WERE "
        "FIRED AT A VEHICLE IN WHICH SHE WAS TRAVELING NEAR ZARAGOZA, 20 KM SOUTHWEST OF THE "
        "CAPITAL CITY, CHURCH SOURCES HAVE REPORTED.",
    )
    assert r.location.country == "SV"


def test_a_part_of_the_country_is_not_the_dateline_city(current):
    [r] = current(
        "KABUL (Reuters) - A suicide bomber killed at least 20 people at a mosque in northern "
        "Afghanistan on Friday, officials said.",
    )
    assert r.location.country == "AF"
    assert r.location.name != "KABUL"
    assert r.location.precision == "country"
