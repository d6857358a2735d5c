"""Roles a sentence gives in a form other than the plain active clause (sentences the team wrote
about real kinds of attack): who left a bomb in a relative clause or in the passive, victims
added by "as were ..." and by "including ..."."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text, attackers",
    [
        (
            "A bomb exploded at a bank in Lima on Tuesday, injuring two guards. "
            "The men who left the bomb fled on foot.",
            ["men"],
        ),
        (
            "A bomb exploded at a bank in Lima on Tuesday, injuring two guards. "
            "The bomb had been placed there by two youths, police said.",
            ["youths"],
        ),
    ],
)
def test_who_placed_the_bomb_is_its_attacker(current, text, attackers):
    [r] = current(text)
    assert [a.text for a in r.perpetrators] == attackers
    assert (r.injured.low, r.injured.best) == (2, 2)


def test_as_were_and_including_name_more_victims(current):
    [r] = current(
        "A car bomb exploded near a barracks in Lima on Saturday. Twelve soldiers were injured "
        "in the attack, as were some pedestrians, including a child.",
    )
    assert [v.text for v in r.victims] == ["soldiers", "pedestrians", "child"]
    assert r.injured.best == 12


def test_who_rented_the_truck_is_no_attacker_by_that_alone(current):
    [r] = current(
        "A truck bomb exploded outside a federal building in Oklahoma City on Wednesday, killing "
        "dozens of people. Witnesses identified the man who rented the Ryder truck used in the bombing.",
    )
    assert [a.text for a in r.perpetrators] == []


def test_the_victims_identified_by_name_are_victims(current):
    [r] = current(
        "Two U.S. citizens were kidnapped by guerrillas in Medellin on Monday. The victims were "
        "identified as David Lecky, director of a school, and James Arthur Donnelly.",
    )
    assert {"David Lecky", "James Arthur Donnelly"} <= {v.text for v in r.victims}


def test_a_name_the_parse_split_is_kept_whole(current):
    [r] = current(
        "GUNMEN KILLED FIVE PEASANTS IN EL PENON, CUNDINAMARCA DEPARTMENT, ON MONDAY. THE VICTIMS "
        "WERE IDENTIFIED AS JOSE MANUEL JIMENEZ RIVERA, PEDRO RAFAEL JIMENEZ CORTEZ, JOSE LACIDES "
        "ORDONEZ, JOSE ISAAC FORERO LINARES, AND PEDRO RAFAEL ORDONEZ.",
    )
    names = {v.text for v in r.victims}
    assert "Pedro Rafael Jimenez Cortez" in names
    assert "Cortez" not in names


def test_the_arrested_identified_by_name_are_no_victims(current):
    [r] = current(
        "Police arrested two men in Cucuta on Monday after a bombing that killed three people. "
        "The arrested men were identified as Diego Leon Orozco and Juan Perez.",
    )
    assert not {"Diego Leon Orozco", "Juan Perez"} & {v.text for v in r.victims}


def test_a_transcribers_blank_note_breaks_no_sentence(current):
    # a radio transcript's "[word indistinct]" between the attacker and the deed
    text = (
        "The National Guard [word indistinct] murdered university student Mario Flores, whose "
        "body was left on a highway near the port of Acajutla."
    )
    [r] = current(text)
    assert [v.text for v in r.victims] == ["Mario Flores"]
    assert [a.text for a in r.perpetrators] == ["National Guard"]
    # offsets still point into the text as written
    ev = r.victims[0].evidence
    assert text[ev.start : ev.end] == "Mario Flores"


def test_a_phrase_ends_before_a_blank_note(current):
    [r] = current(
        "IN THE LAST 24 HOURS THE SHINING PATH MURDERED TWO STATE OFFICIALS OF THE [WORDS "
        "INDISTINCT] ON A ROAD LINKING CHAVIN AND HUARI, TWO TOWNS IN ANCASH DEPARTMENT.",
    )
    assert [v.text for v in r.victims] == ["state officials"]


def test_people_counted_by_nationality_in_a_list_are_victims(current):
    [r] = current(
        "SAN SALVADOR, 19 MAR 89 -- THE DEFENSE MINISTER SAID AN INVESTIGATION WILL BE CONDUCTED "
        "INTO THE MURDERS OF THREE REPORTERS, TWO SALVADORANS AND A NETHERLANDER.",
    )
    assert [v.text for v in r.victims] == ["reporters", "Salvadorans", "Netherlander"]
    assert r.killed.best == 3


def test_whoever_opened_fire_is_the_attacker(current):
    [r] = current(
        "A teenager opened fire at a school in Belgrade on Wednesday, killing eight pupils and a "
        "security guard.",
    )
    assert [a.text for a in r.perpetrators] == ["teenager"]
    assert r.killed.best == 9


def test_those_who_shot_the_attacker_are_neither_attackers_nor_victims(current):
    [r] = current(
        "A gunman killed two people and wounded four others at a supermarket in Colorado on "
        "Monday before being shot dead by police.",
    )
    assert [a.text for a in r.perpetrators] == ["gunman"]
    assert "police" not in {v.text for v in r.victims}
    assert (r.killed.best, r.injured.best) == (2, 4)


@pytest.mark.parametrize(
    "text, attacker",
    [
        ("A lone assassin shot the mayor of Tumaco dead on Friday.", "assassin"),
        ("A bandit killed two farmers in Zamfara state on Sunday.", "bandit"),
        ("Fulani herdsmen killed 30 villagers in Benue state on Tuesday.", "herdsmen"),
    ],
)
def test_one_attacker_by_a_word_for_attackers(current, text, attacker):
    [r] = current(text)
    assert attacker in {a.text.split()[-1] for a in r.perpetrators}
