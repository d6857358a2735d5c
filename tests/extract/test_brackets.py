"""Editors' brackets inside a sentence, participles after their victims, "the bodies of", "holds
X responsible".

Sentences written by the team about real incidents (facts paraphrased)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from tollwatch.extract.sentences import COMPONENT
from tollwatch.types import Article

PUB = datetime(1989, 11, 19, tzinfo=UTC)


def current(extractor, text, published=PUB):
    out = extractor.extract(Article(id="b", text=text, published=published))
    return [r for r in out if not r.is_reference]


def test_the_component_runs_before_the_parser(extractor):
    names = extractor.nlp.pipe_names
    assert names.index(COMPONENT) < names.index("parser")


@pytest.mark.parametrize(
    "text",
    [
        "the bodies of the priests murdered last Friday [17 November] by uniformed men were "
        "buried in San Salvador today.",
        "leaders of the Farabundo Marti National Liberation Front [FMLN] met in Mexico City today.",
    ],
)
def test_a_bracket_inside_a_sentence_opens_no_sentence(extractor, text):
    doc = extractor.nlp(text)
    assert len(list(doc.sents)) == 1


def test_a_bracket_after_a_full_stop_may_open_a_sentence(extractor):
    doc = extractor.nlp("The minister spoke to reporters. [Begin recording] We will act. [End]")
    assert len(list(doc.sents)) >= 2


def test_the_dead_of_a_participle_after_them_are_counted(extractor):
    reports = current(
        extractor,
        "The six priests murdered by uniformed men on Thursday were buried in San Salvador today.",
    )
    assert len(reports) == 1
    r = reports[0]
    assert r.killed.best == 6
    assert r.date == date(1989, 11, 16)
    assert [a.name for a in r.perpetrators] == ["unidentified uniformed men"]


def test_houses_destroyed_are_no_dead(extractor):
    reports = current(extractor, "Twenty houses destroyed by the rebels were rebuilt in Usulutan.")
    assert all(r.killed.best is None for r in reports)


def test_a_bracketed_date_does_not_cut_the_victims_from_their_killers(extractor):
    text = (
        "MADRID (SPAIN), 19 NOV 89 (DOMESTIC SERVICE) -- [TEXT] THE BODIES OF THE SPANISH "
        "PRIESTS MURDERED LAST FRIDAY [17 NOVEMBER] BY UNIFORMED INDIVIDUALS WERE BURIED IN SAN "
        "SALVADOR TODAY. THE SPANISH GOVERNMENT HAS ASKED FOR EXPLANATIONS."
    )
    reports = current(extractor, text)
    assert len(reports) == 1
    r = reports[0]
    assert r.date == date(1989, 11, 17)
    assert r.location is not None and r.location.country == "SV"
    # the victims are the priests, not their bodies
    assert [v.text for v in r.victims] == ["Spanish priests"]


def test_who_holds_a_group_responsible_is_no_perpetrator(extractor):
    text = (
        "SAN SALVADOR, 9 JUN 89 -- [TEXT] PRESIDENT ALFREDO CRISTIANI HOLDS THE FARABUNDO MARTI "
        "NATIONAL LIBERATION FRONT [FMLN] RESPONSIBLE FOR THE ASSASSINATION OF MINISTER JOSE "
        "ANTONIO RODRIGUEZ PORTH THIS MORNING."
    )
    reports = current(extractor, text, datetime(1989, 6, 9, tzinfo=UTC))
    names = {a.name for r in reports for a in r.perpetrators}
    assert "Farabundo Marti National Liberation Front" in names
    assert not any("Cristiani" in n for n in names)


def test_the_kidnapping_and_murder_of_people_kills_them(extractor):
    reports = current(
        extractor,
        "Students in Guatemala City marched today against the kidnapping and assassination of "
        "the five university students found dead on Tuesday.",
    )
    assert [r.killed.best for r in reports] == [5]


def test_the_kidnapping_alone_kills_no_one(extractor):
    reports = current(
        extractor,
        "Students in Guatemala City marched today against the kidnapping of the five university "
        "students on Tuesday.",
    )
    assert all(r.killed.best is None for r in reports)


def test_members_keep_the_group_they_belong_to(extractor):
    reports = current(
        extractor,
        "Members of the FMLN attacked a police post in San Miguel on Friday, killing two "
        "policemen.",
    )
    texts = {a.text.lower() for r in reports for a in r.perpetrators}
    assert "members of the fmln" in texts
    assert "members" not in texts


def test_a_gloss_inside_a_phrase_stays_in_it(extractor):
    out = current(
        extractor,
        "A car bomb damaged the DAS [Administrative Department of Security] headquarters in "
        "Bogota on Monday.",
    )
    targets = [t.text for r in out for t in r.targets]
    assert any(t.startswith("DAS [") and t.endswith("headquarters") for t in targets), targets


def test_a_transcribers_note_is_no_part_of_a_phrase(extractor):
    out = current(
        extractor, "THE GUERRILLAS KILLED TWO STATE OFFICIALS OF THE [WORDS INDISTINCT] IN HUANTA."
    )
    assert [v.text for r in out for v in r.victims] == ["state officials"]


@pytest.mark.parametrize(
    "text, word, inside",
    [
        ("[BEGIN RECORDING] [CRISTIANI] THE FMLN FAILED AGAIN.", "CRISTIANI", True),
        ("AN ADVISER TO THE COMMISSION [COMISION DE APOYO] WAS SHOT.", "COMISION DE APOYO", True),
        ("THE DAS [SECURITY DEPARTMENT] HEADQUARTERS WAS HIT.", "HEADQUARTERS", False),
        ("[TEXT] GUERRILLAS KILLED A JUDGE.", "JUDGE", False),
    ],
)
def test_a_mention_inside_square_brackets_is_no_victim_or_target(text, word, inside):
    from tollwatch.extract.pipeline import _bracketed
    from tollwatch.types import Evidence, Mention

    start = text.index(word)
    mention = Mention(word, None, Evidence("b", start, start + len(word), word))
    assert _bracketed(text, mention) is inside


def test_every_name_an_apposition_lists_is_a_victim(extractor):
    (r,) = current(
        extractor,
        "Plainclothes policemen kidnapped university students Hugo Martinez and Raul Ramirez in "
        "San Salvador on Saturday.",
    )
    names = {v.text for v in r.victims}
    assert {"Hugo Martinez", "Raul Ramirez"} <= names, names


def test_names_listed_after_a_colon_are_no_victims_of_the_name_before(extractor):
    reports = current(
        extractor,
        "Police arrested two men suspected in the murder of candidate Luis Carlos Galan: Alvaro "
        "Delgado and Jorge Andres Canaveral.",
    )
    names = {v.text for r in reports for v in r.victims}
    assert "Jorge Andres Canaveral" not in names, names
