"""Event words that tell nothing that happened: plans, orders, modals, "without" (sentences the
team wrote)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tollwatch.types import Article

PUB = datetime(1990, 3, 14, tzinfo=UTC)


def reports(extractor, text):
    out = extractor.extract(Article(id="m", text=text, published=PUB))
    return [r for r in out if not r.is_reference]


@pytest.mark.parametrize(
    "text",
    [
        "A leaflet says that in a few days the gang will place bombs near the air base.",
        "The president said the rebels are planning to unleash an offensive in the capital.",
        "The guerrillas threatened to attack the electoral offices in Cuzco.",
        "Stop the assassinations and the bombings, the bishops told the government.",
        "The presidents would rather hold a dialogue without bombs and bullets.",
        # about to happen, a plot, a report called false
        "The minister said the country is a social time bomb about to explode.",
        "The navy denied on Monday that it had uncovered a plot to assassinate the writer.",
        "The report that the consul's son was badly wounded by gunfire on Monday is unfounded.",
        "Rumours that the mayor of Cuzco was killed on Monday are false.",
        # an event word that only describes a noun after it
        "Moreover, Mejia overturned the ruling ordering the release of Orlando Llovera, "
        "Lieutenant Isidro Lopez, and other members of the kidnapping ring.",
        "Police in Medellin arrested a murder suspect on Monday.",
    ],
)
def test_no_incident_from_what_did_not_happen(extractor, text):
    assert reports(extractor, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Guerrillas placed bombs in three banks in Lima on Monday.",
        "Gunmen tried to bomb the embassy in Lima on Monday.",
        "We must condemn the murder of a police officer in Santiago on Monday.",
        "A dynamite charge exploded at a bank in Lima on Monday.",
        "Gunmen shot dead three kidnapping victims in Cali on Monday.",
        # a headline's present heads its sentence: it tells the deed
        "Gunmen kill three police officers in Cali",
        "The men who kidnapped the mayor of Cali on Monday asked for money.",
    ],
)
def test_incidents_that_happened_or_were_attempted_stay(extractor, text):
    assert len(reports(extractor, text)) == 1


@pytest.mark.parametrize(
    "text",
    [
        "Civilians have been victims of terrorist attacks and grenades, the archbishop said.",
        "They do not want to look like the little dogs who go about planting bombs.",
        "Our democracy has had to face bombs, narcoterrorism and hatred.",
    ],
)
def test_no_incident_from_events_in_general(extractor, text):
    assert reports(extractor, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Rebels set off bombs outside two banks in Usulutan on Sunday.",
        "Guerrillas placed bombs in three banks in Lima on Monday.",
        "A wave of bombings damaged banks in Medellin.",
        "The din of gunfire and explosions could be heard before dawn in the Escalon neighborhood.",
    ],
)
def test_events_told_of_one_occasion_stay(extractor, text):
    assert len(reports(extractor, text)) == 1


@pytest.mark.parametrize(
    "text",
    [
        "The cartel said it would respond to the extradition law with attacks on judges.",
        "The rebels threatened the mayors of the province with bombings.",
    ],
)
def test_the_means_of_a_deed_still_to_come_is_no_incident(extractor, text):
    assert reports(extractor, text) == []


def test_the_patients_of_a_threat_are_nobodys_victims(extractor):
    """The 1989 declaration of "total war" by the Medellin cartel's armed branch, paraphrased:
    a real bombing of the day, and a threat of attacks on others."""
    text = (
        "On Monday a bomb destroyed a bank branch in Medellin, and the Extraditables said that "
        "they would respond to the crackdown with attacks on politicians and journalists."
    )
    [r] = reports(extractor, text)
    victims = {v.text.lower() for v in r.victims}
    assert not victims & {"politicians", "journalists"}
    assert any("bank" in t.text.lower() for t in r.targets)


def test_the_means_of_a_deed_done_stays(extractor):
    text = "The guerrillas responded on Monday with attacks on three police posts in Lima."
    [r] = reports(extractor, text)
    assert any("police posts" in t.text for t in r.targets)


def test_an_attempt_to_kill_is_an_incident_without_a_toll(extractor):
    [r] = reports(extractor, "Gunmen made an attempt to kill the mayor of Cuzco on Monday.")
    assert r.killed.best is None


def test_a_deed_done_by_habit_or_still_to_come_types_no_incident(extractor):
    """Sentences written by the team (the Extraditables' 1989 call for kidnappings and the
    bombing of Avianca flight 203, paraphrased): "the people they kidnap" describes people by what
    their captors do, and is no abduction that the bombing after it could take its type from."""
    text = (
        "The Extraditables sent a communique to radio stations in Medellin, calling on their men "
        "to demand money from the relatives of the people they kidnap. Since then the traffickers "
        "have staged attacks with car bombs against banks. A passenger plane blew up in midair on "
        "27 February, killing all 107 people on board."
    )
    found = reports(extractor, text)
    assert [r.sub_event_type for r in found] == ["Remote explosive/landmine/IED"]
    assert found[0].killed.best == 107


def test_be_going_to_is_a_deed_still_to_come(extractor):
    from tollwatch.extract.modality import asserted

    doc = extractor.nlp(
        "They said that the men who are going to carry out the abductions must choose rich "
        "families, and that the men who carried out the abductions were paid."
    )
    first, second = [t for t in doc if t.lower_ == "abductions"]
    assert not asserted(first, first.sent)
    assert asserted(second, second.sent)
