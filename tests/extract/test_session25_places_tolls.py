"""Town names of several words, tolls told as "the number of victims", and incidents of one day
at towns far apart (sentences the team wrote)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tollwatch.config import Settings
from tollwatch.extract.debug import explain
from tollwatch.types import Article

PUB = datetime(1989, 12, 29, tzinfo=UTC)


def current(extractor, text, published=PUB):
    out = extractor.extract(Article(id="p", text=text, published=published))
    return [r for r in out if not r.is_reference]


def places_seen(extractor, text):
    seen = explain(text, Settings(), PUB, extractor)
    return [p["matched"] for s in seen["sentences"] for p in s["places"]]


@pytest.mark.parametrize(
    "text",
    [
        # the model tags nothing in "Vina del Mar": capitalised words that a particle joins
        "SANTIAGO, 29 DEC 89 (EFE) -- A BOMB EXPLODED TODAY AT A BANK IN DOWNTOWN VINA DEL MAR, "
        "DESTROYING ITS WINDOWS, POLICE REPORTED.",
        # the model tags only "del Mar": the word before it belongs to the name
        "SANTIAGO, 29 DEC 89 (EFE) -- THE CULTURAL INSTITUTES IN VINA DEL MAR, TALCA, AND TEMUCO "
        "WERE BOMBED TODAY BY TERRORISTS.",
    ],
)
def test_a_town_of_several_words_joined_by_a_particle_is_placed(extractor, text):
    assert "Viña del Mar" in places_seen(extractor, text)


def test_a_bombing_in_a_town_of_several_words_is_placed_there(extractor):
    (report,) = current(
        extractor,
        "SANTIAGO, 29 DEC 89 (EFE) -- A BOMB EXPLODED TODAY AT A BANK IN DOWNTOWN VINA DEL MAR, "
        "DESTROYING ITS WINDOWS, POLICE REPORTED.",
    )
    assert report.location.matched_name == "Viña del Mar"


def test_capitalised_names_without_a_particle_are_left_to_the_single_word_rule(extractor):
    # "Hector Oqueli" is no run of the particle rule, and "de" between two names of people
    # resolves to no town
    assert places_seen(
        extractor,
        "Gunmen killed Hector Oqueli de Leon and Hilda Flores in Guatemala City on Friday.",
    ) == ["Guatemala City"]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "A car bomb exploded outside the police headquarters in Bogota on Wednesday. The "
            "authorities confirmed that the number of victims is 59 and not 62.",
            59,
        ),
        (
            "A car bomb exploded outside the police headquarters in Bogota on Wednesday. The "
            "number of deaths rose to 12 on Thursday.",
            12,
        ),
    ],
)
def test_the_number_of_victims_or_deaths_is_a_death_toll(extractor, text, expected):
    (report,) = current(extractor, text, datetime(1989, 12, 8, tzinfo=UTC))
    assert report.killed.best == expected


def test_the_number_of_bombs_is_no_toll(extractor):
    reports = current(
        extractor,
        "A car bomb exploded outside the police headquarters in Bogota on Wednesday, killing "
        "two guards. The number of bombs found in the city this year is 40.",
        datetime(1989, 12, 8, tzinfo=UTC),
    )
    assert [r.killed.best for r in reports] == [2]


def test_two_bombings_of_one_day_at_towns_far_apart_are_two_incidents(extractor):
    # the first bombing was last night; two bombings of this morning, one in Santiago and one
    # 100 km away in Valparaiso, are each an incident of its own (one day's frame is no town's)
    reports = current(
        extractor,
        "SANTIAGO, 29 DEC 89 (EFE) -- A BOMB PLACED AT THE CULTURAL INSTITUTE IN SANTIAGO WENT "
        "OFF LAST NIGHT, CAUSING DAMAGE. THIS MORNING INCENDIARY BOMBS WERE HURLED AT A MORMON "
        "TEMPLE IN NUNOA, IN SANTIAGO. A BOMB EXPLODED TODAY AT THE OFFICES OF A BANK IN DOWNTOWN "
        "VALPARAISO, DESTROYING ITS WINDOWS.",
    )
    towns = sorted(r.location.matched_name for r in reports)
    assert len(reports) == 3, towns
    assert "Valparaíso" in towns


def test_another_clash_that_occurred_is_another_incident_of_the_same_day(extractor):
    reports = current(
        extractor,
        "SAN SALVADOR, 6 JUL 89 (RADIO CADENA YSU) -- On 2 July rebels set up a roadblock on the "
        "coastal highway and clashed with the bodyguards of a banker; one woman was killed. "
        "Minutes later, further down the highway, another clash occurred with the escort of a "
        "judge. During the clash, one bodyguard was killed and the judge was wounded.",
        datetime(1989, 7, 6, tzinfo=UTC),
    )
    assert len(reports) == 2
    assert [r.date.isoformat() for r in reports] == ["1989-07-02", "1989-07-02"]
    assert [r.killed.best for r in reports] == [1, 1]


def test_another_bomb_of_a_coordinated_attack_stays_the_incident(extractor):
    # "another clash occurred" opens an incident; a second blast of a coordinated attack does not
    reports = current(
        extractor,
        "Coordinated bombings struck Jableh on Monday, killing 20 people. Another explosion "
        "occurred at the bus station minutes later, killing 12 more.",
    )
    assert len(reports) == 1


@pytest.mark.parametrize(
    "text, expected",
    [
        # the day of what a relative clause says of a group dates nothing
        (
            "BOGOTA, 26 APR 90 (EFE) -- Carlos Pizarro, leader of the M-19, the guerrilla group "
            "that laid down its weapons on 9 March, was killed by three bullets fired at him "
            "aboard a plane bound for Barranquilla.",
            "1990-04-26",
        ),
        # a clause that tells a deed keeps its day
        (
            "SAN SALVADOR, 5 OCT 89 (AFP) -- Activists are holding hostage the ambassador in the "
            "embassy, which they occupied on 3 October.",
            "1989-10-03",
        ),
    ],
)
def test_a_date_in_a_clause_that_describes_someone_dates_no_deed(extractor, text, expected):
    published = (
        datetime(1990, 4, 26, tzinfo=UTC)
        if "1990" in expected
        else datetime(1989, 10, 5, tzinfo=UTC)
    )
    (report,) = current(extractor, text, published)
    assert report.date.isoformat() == expected


def test_the_sentence_after_a_history_sentence_tells_that_history(extractor):
    reports = current(
        extractor,
        "LIMA, 25 OCT 89 (EFE) -- Terrorists tonight bombed the embassy of the Soviet Union in "
        "San Isidro, causing damage but no injuries. In July 1988 the Shining Path bombed a bus "
        "carrying Soviet sailors in Callao. Fifteen Soviet sailors were wounded.",
        datetime(1989, 10, 25, tzinfo=UTC),
    )
    assert len(reports) == 1
    assert reports[0].injured.best is None


def test_another_deed_after_a_history_sentence_is_no_history(extractor):
    reports = current(
        extractor,
        "BOGOTA, 22 SEP 89 (AFP) -- A dynamite charge exploded tonight at an office of the "
        "newspaper El Espectador in Bogota. The newspaper's director was assassinated in "
        "December 1986. In another terrorist action, several men opened fire on the offices of "
        "the newspaper El Siglo.",
        datetime(1989, 9, 22, tzinfo=UTC),
    )
    assert len(reports) == 2


def test_a_date_that_hangs_from_the_event_word_dates_the_deed(extractor):
    (report,) = current(
        extractor,
        "BOGOTA, 2 NOV 89 (EFE) -- Colombian judges today began a number of stoppages to "
        "protest the assassination of Judge Mariela Espinosa the evening of 1 November in "
        "Medellin.",
        datetime(1989, 11, 2, tzinfo=UTC),
    )
    assert report.date.isoformat() == "1989-11-01"


def test_a_kidnapping_told_without_a_day_is_dated_by_the_start_of_the_captivity(extractor):
    (report,) = current(
        extractor,
        "MEDELLIN, 17 JAN 90 (AFP) -- The Extraditables announced today that they will release "
        "all the people they have abducted. The announcement was sent to the government by "
        "Patricia and Dina Echavarria, two women who have been held by the Extraditables since "
        "16 December in Medellin.",
        datetime(1990, 1, 17, tzinfo=UTC),
    )
    assert report.date.isoformat() == "1989-12-16"


@pytest.mark.parametrize(
    "text, kind, expected",
    [
        (
            "SAN SALVADOR, 14 JAN 90 (ACAN-EFE) -- The bishop said today that the names of the "
            "persons involved in the six Jesuits' slaying were revealed.",
            "killed",
            6,
        ),
        (
            "Police said the three soldiers' murder on Monday was carried out by rebels.",
            "killed",
            3,
        ),
    ],
)
def test_a_count_of_people_owning_a_killing_noun_is_a_toll(extractor, text, kind, expected):
    (report,) = current(extractor, text, datetime(1990, 1, 14, tzinfo=UTC))
    assert getattr(report, kind).best == expected


def test_a_victim_who_died_in_hospital_the_next_day_stays_with_the_shooting(extractor):
    reports = current(
        extractor,
        "SAN SALVADOR, 8 AUG 89 (RADIO CADENA YSKL) -- A U.S. citizen was shot last night when "
        "unidentified individuals tried to enter his residence in San Salvador. He received two "
        "bullet wounds and was taken to the hospital, where he died early this morning.",
        datetime(1989, 8, 8, tzinfo=UTC),
    )
    assert [(r.date.isoformat(), r.killed.best) for r in reports] == [("1989-08-07", 1)]


def test_a_kidnapping_told_without_a_day_is_dated_by_the_day_the_victim_went_missing(extractor):
    (report,) = current(
        extractor,
        "BOGOTA, 12 DEC 89 (EFE) -- British engineer John Jones, kidnapped by the National "
        "Liberation Army, lives in Colombia, it was reported today. Jones, who was reported "
        "missing in Arauca Department early on 11 December, owns a power company.",
        datetime(1989, 12, 12, tzinfo=UTC),
    )
    assert report.date.isoformat() == "1989-12-11"


def test_a_months_count_of_dead_is_no_toll_of_the_incident(extractor):
    reports = current(
        extractor,
        "LIMA, 30 OCT 89 (EFE) -- A police commander was killed today in Lima by presumed "
        "Shining Path terrorists. According to provisional data, during October more than 350 "
        "people were killed in Peru as a result of the terrorist offensive.",
        datetime(1989, 10, 30, tzinfo=UTC),
    )
    assert [(r.killed.low, r.killed.best, r.killed.high) for r in reports] == [(1, 1, 1)]


def test_a_date_after_as_reported_dates_the_deed_not_the_report(extractor):
    (report,) = current(
        extractor,
        "MOSCOW, 9 JUL 89 (IZVESTIYA) -- As Izvestiya has already reported, on 5 July a bus "
        "with Soviet seamen on board was blown up by a bomb in Lima. As a result of the "
        "explosion 20 people were injured.",
        datetime(1989, 7, 9, tzinfo=UTC),
    )
    assert report.date.isoformat() == "1989-07-05"


def test_the_country_of_an_embassy_is_no_place_of_the_attack(extractor):
    text = (
        "LIMA, 25 OCT 89 (EFE) -- Police have reported that terrorists tonight bombed the "
        "embassies of the PRC and the Soviet Union in the Lima district of San Isidro."
    )
    (report,) = current(extractor, text, datetime(1989, 10, 25, tzinfo=UTC))
    assert report.location.country == "PE"
    seen = explain(text, Settings(), datetime(1989, 10, 25, tzinfo=UTC), extractor)
    assert {p["country"] for s in seen["sentences"] for p in s["places"]} == {"PE"}


def test_a_count_of_attackers_after_by_is_no_toll(extractor):
    (report,) = current(
        extractor,
        "AYACUCHO, 5 OCT 89 (EFE) -- Military sources today reported that 35 people died in "
        "attacks by about 150 Shining Path members against four towns of Ayacucho department.",
        datetime(1989, 10, 5, tzinfo=UTC),
    )
    assert (report.killed.low, report.killed.best, report.killed.high) == (35, 35, 35)


def test_a_bracketed_header_is_no_lead_sentence(extractor):
    # the lead's day dates the clash told right after it, past the transcriber's header
    (report,) = current(
        extractor,
        "CLANDESTINE, 28 MAY 89 (RADIO VENCEREMOS) -- [COMMUNIQUE] [FARABUNDO MARTI NATIONAL "
        "LIBERATION FRONT] [TEXT] AT 1400 ON 27 MAY, HONDURAN TROOPS ENTERED SAN ANDRES, SAN "
        "MIGUEL DEPARTMENT. THEY CLASHED WITH GUERRILLAS NEAR THE TOROLA RIVER.",
        datetime(1989, 5, 28, tzinfo=UTC),
    )
    assert report.date.isoformat() == "1989-05-27"
