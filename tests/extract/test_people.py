"""Names of people the small model typed as places or organisations (sentences the team wrote)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from spacy.tokens import Span

from tollwatch.extract.people import reads_as_person, retype_people
from tollwatch.types import Article


def _typed(extractor, text, words, label):
    doc = extractor.nlp(text)
    start = next(t.i for t in doc if t.text == words.split()[0])
    ent = Span(doc, start, start + len(words.split()), label=label)
    doc.ents = [ent]
    return doc, ent


@pytest.mark.parametrize(
    "text, words, label",
    [
        (
            "Unknown men shot Hector Oqueli Colindres in Guatemala.",
            "Hector Oqueli Colindres",
            "ORG",
        ),
        ("This morning's attack on Guillermo Payes was condemned.", "Guillermo Payes", "GPE"),
        ("Police sought Pablo Escobar Gaviria in Medellin.", "Pablo Escobar Gaviria", "ORG"),
        ("Gunmen killed Jose de Jesus Pena on Monday.", "Jose de Jesus Pena", "ORG"),
    ],
)
def test_a_given_name_and_a_surname_make_a_person(extractor, text, words, label):
    doc, ent = _typed(extractor, text, words, label)
    assert reads_as_person(ent, extractor.gaz)
    retype_people(doc, extractor.gaz)
    assert [(e.text, e.label_) for e in doc.ents] == [(words, "PERSON")]


@pytest.mark.parametrize(
    "text, words, label",
    [
        ("The bomb went off in Santa Ana on Monday.", "Santa Ana", "GPE"),
        ("The bombing hit Cesar Department on Monday.", "Cesar Department", "ORG"),
        ("Troops landed on Rosario Island on Monday.", "Rosario Island", "LOC"),
        ("Rebels attacked Victoria Falls on Monday.", "Victoria Falls", "GPE"),
    ],
)
def test_places_and_institutions_stay_what_they_were(extractor, text, words, label):
    doc, ent = _typed(extractor, text, words, label)
    assert not reads_as_person(ent, extractor.gaz)


def test_an_attack_on_a_person_typed_as_a_place_names_the_victim(extractor):
    text = (
        "We have further reports on this morning's attack on Guillermo Payes, second in charge "
        "of the International Relations Institute. He was shot five times in San Salvador."
    )
    out = extractor.extract(Article(id="p", text=text, published=datetime(1989, 7, 19, tzinfo=UTC)))
    victims = [v.text for r in out if not r.is_reference for v in r.victims]
    assert "Guillermo Payes" in victims


def test_a_given_name_typed_alone_takes_the_surname_after_it(extractor):
    doc = extractor.nlp("Fans were leaving an Ariana Grande concert in Manchester on Monday.")
    start = next(t.i for t in doc if t.text == "Ariana")
    doc.ents = [Span(doc, start, start + 1, label="GPE")]
    retype_people(doc, extractor.gaz)
    assert [(e.text, e.label_) for e in doc.ents] == [("Ariana Grande", "PERSON")]


def test_two_person_entities_side_by_side_are_one_name(extractor):
    doc = extractor.nlp("Gunmen kidnapped Senator Carlos Ernesto Valencia Garcia in Bogota.")
    start = next(t.i for t in doc if t.text == "Carlos")
    doc.ents = [
        Span(doc, start, start + 2, label="PERSON"),
        Span(doc, start + 2, start + 4, label="PERSON"),
    ]
    retype_people(doc, extractor.gaz)
    assert [(e.text, e.label_) for e in doc.ents] == [("Carlos Ernesto Valencia Garcia", "PERSON")]


def test_person_entities_apart_stay_two_people(extractor):
    doc = extractor.nlp("Gunmen killed Maria Lopez and Juan Perez in Cali.")
    a = next(t.i for t in doc if t.text == "Maria")
    b = next(t.i for t in doc if t.text == "Juan")
    doc.ents = [Span(doc, a, a + 2, label="PERSON"), Span(doc, b, b + 2, label="PERSON")]
    retype_people(doc, extractor.gaz)
    assert [e.text for e in doc.ents] == ["Maria Lopez", "Juan Perez"]


@pytest.mark.parametrize(
    "text, name",
    [
        (
            "Guerrillas kidnapped Spaniard Francisco Puja near Bogota on Friday.",
            "Francisco Puja",
        ),
        ("Gunmen killed Mrs Patricia Echavarria in Medellin on Friday.", "Patricia Echavarria"),
        ("Gunmen killed Salvadoran Guillermo Galvan on Friday.", "Guillermo Galvan"),
    ],
)
def test_a_victim_is_named_without_title_or_nationality(extractor, text, name):
    published = datetime(1989, 12, 20, tzinfo=UTC)
    out = extractor.extract(Article(id="n", text=text, published=published))
    assert name in [v.text for r in out for v in r.victims]


def test_a_demonym_is_no_country_name(extractor):
    assert extractor.gaz.demonym("Ecuadoreans") == "EC"
    assert extractor.gaz.demonym("Jordan") is None and extractor.gaz.country_of("Jordan") == "JO"


@pytest.mark.parametrize(
    "text, victim",
    [
        (
            "Two U.S. Mormon missionaries were shot to death last night by terrorists in La Paz.",
            "U.S. Mormon missionaries",
        ),
        (
            "This month, the corpses of five assassinated AEU leaders were found in the capital.",
            "AEU leaders",
        ),
        ("Gunmen killed 20 or 30 peasants in Antioquia on Friday.", "peasants"),
    ],
)
def test_a_victim_is_described_without_count_or_fate(extractor, text, victim):
    published = datetime(1989, 12, 20, tzinfo=UTC)
    out = extractor.extract(Article(id="v", text=text, published=published))
    assert [v.text for r in out for v in r.victims] == [victim]


def test_a_given_name_typed_alone_before_a_person_joins_the_name(extractor):
    doc = extractor.nlp("Gunmen killed Eduardo Antonio Lopez Palencia in Guatemala City.")
    start = next(t.i for t in doc if t.text == "Eduardo")
    doc.ents = [
        Span(doc, start, start + 1, label="ORG"),
        Span(doc, start + 1, start + 4, label="PERSON"),
    ]
    retype_people(doc, extractor.gaz)
    assert [(e.text, e.label_) for e in doc.ents] == [("Eduardo Antonio Lopez Palencia", "PERSON")]


def test_a_given_name_left_untyped_before_a_person_joins_the_name(extractor):
    doc = extractor.nlp("Police searched for Hector Delgado Parker in Lima on Thursday.")
    start = next(t.i for t in doc if t.text == "Delgado")
    doc.ents = [Span(doc, start, start + 2, label="PERSON")]
    retype_people(doc, extractor.gaz)
    assert [(e.text, e.label_) for e in doc.ents] == [("Hector Delgado Parker", "PERSON")]


def test_a_word_before_a_person_that_is_no_given_name_stays_out(extractor):
    doc = extractor.nlp("Police searched for Senator Delgado Parker in Lima on Thursday.")
    start = next(t.i for t in doc if t.text == "Delgado")
    doc.ents = [Span(doc, start, start + 2, label="PERSON")]
    retype_people(doc, extractor.gaz)
    assert [(e.text, e.label_) for e in doc.ents] == [("Delgado Parker", "PERSON")]


def test_a_name_a_caller_gave_is_no_victim(extractor):
    from datetime import UTC, datetime

    from tollwatch.types import Article

    text = (
        "Gunmen killed Carlos Pizarro aboard an Avianca plane in Bogota on Thursday. The caller "
        "identified himself as John Jairo Arias Tascon."
    )
    out = extractor.extract(Article(id="p", text=text, published=datetime(1990, 4, 28, tzinfo=UTC)))
    victims = {v.text for r in out for v in r.victims}
    assert "John Jairo Arias Tascon" not in victims, victims


@pytest.mark.parametrize(
    "text",
    [
        # the given name opens the sentence, where the model took it for a common noun
        "Pablo Escobar Gaviria ordered the assassination of two policemen in Medellin on Monday.",
        # a description of the attacker with his name in apposition
        "The chief of the criminal gang, Pablo Escobar Gaviria, ordered the assassination of two "
        "policemen in Medellin on Monday.",
    ],
)
def test_an_attacker_is_named_by_his_whole_name(extractor, text):
    published = datetime(1989, 9, 6, tzinfo=UTC)
    out = extractor.extract(Article(id="p", text=text, published=published))
    people = [a.text for r in out for a in r.perpetrators if a.kind == "individual"]
    assert people == ["Pablo Escobar Gaviria"]


def test_a_victim_takes_the_fullest_name_without_its_title(extractor):
    # in capitals, as MUC-4 writes: case restoration puts the title inside the model's name
    text = (
        "GUNMEN KILLED COL QUINTERO IN MEDELLIN ON FRIDAY. THIS MORNING ANTIOQUIA POLICE "
        "COMMANDER COL WALDEMAR FRANKLIN QUINTERO LEFT HIS RESIDENCE."
    )
    published = datetime(1989, 8, 19, tzinfo=UTC)
    out = extractor.extract(Article(id="q", text=text, published=published))
    assert "Waldemar Franklin Quintero" in [v.text for r in out for v in r.victims]
