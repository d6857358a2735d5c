"""Follow-up reports of one named victim (``compat.same_victim``, ``cluster.follow_up``): joined
across ``victim_window_days``, past ``incident_max_span_days``, incrementally as in a full
recompute. The examples are written by the team: the murder of a named man in a city that sees
other attacks, then reports of his funeral and of the suspects, days and weeks later."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from tests.sample_records import simple_report
from tollwatch.config import Settings
from tollwatch.resolve import resolve_incidents
from tollwatch.resolve.cluster import _candidate_pairs, _facts
from tollwatch.resolve.compat import names_of, same_victim, victim_keys
from tollwatch.resolve.engine import SPAN, cluster
from tollwatch.run import incremental
from tollwatch.run.incremental import resolve_all, resolve_pending
from tollwatch.store import open_store
from tollwatch.types import Article, Mention

SETTINGS = Settings()
DAY = date(2016, 5, 23)
SHOOTING = {"event_type": "Violence against civilians", "sub_event_type": "Attack"}
BOMBING = {
    "event_type": "Explosions/Remote violence",
    "sub_event_type": "Remote explosive/landmine/IED",
}
BOGOTA = {"place": "Bogota", "country": "CO", "admin1": "Bogota", "lat": 4.61, "lon": -74.08}


def named(*texts: str) -> tuple[Mention, ...]:
    return tuple(Mention(t) for t in texts)


def groups(reports, settings: Settings = SETTINGS) -> list[tuple[str, ...]]:
    return sorted(i.report_ids for i in resolve_incidents(reports, settings))


def murder(rid: str = "m1", offset: int = 0, **changes) -> object:
    """The shooting of senator Luis Carlos Galan in Bogota, read from the text."""
    fields = {**BOGOTA, **SHOOTING, "victims": named("Senator Luis Carlos Galan"), **changes}
    return simple_report(rid, day=DAY + timedelta(days=offset), **fields)


def funeral(rid: str, offset: int, **changes) -> object:
    """A later story (dated by its publication) that names the victim again."""
    fields = {
        **BOGOTA,
        **SHOOTING,
        "victims": named("Luis Carlos Galan Sarmiento"),
        "date_source": "published",
        **changes,
    }
    return simple_report(rid, day=DAY + timedelta(days=offset), **fields)


# --- the name rule -------------------------------------------------------------------------------


def test_the_same_victim_is_a_full_name_whose_words_the_other_name_holds():
    galan = names_of(murder())
    assert same_victim(galan, names_of(funeral("f1", 12)))
    assert same_victim(galan, names_of(funeral("f2", 12, victims=named("Carlos Galan"))))
    # one surname in common is no victim in common, nor is a one-word name (title left out)
    garcia = names_of(murder(victims=named("Jose Garcia")))
    assert not same_victim(garcia, names_of(murder(victims=named("Maria Garcia"))))
    assert not same_victim(galan, names_of(funeral("f3", 12, victims=named("Senator Galan"))))
    # the index keys: every word pair of a full name, shared by two names of one victim
    assert victim_keys(galan) == {("carlos", "luis"), ("galan", "luis"), ("carlos", "galan")}
    assert victim_keys(names_of(funeral("f4", 12, victims=named("Msgr Romero")))) == set()


# --- joining follow-ups --------------------------------------------------------------------------


def test_a_follow_up_weeks_later_joins_the_murder_and_may_exceed_the_span():
    first = murder()
    same_day = murder("m2", victims=())  # an unnamed report of the murder
    later = funeral("f1", 20)
    assert 20 > SETTINGS.incident_max_span_days
    assert groups([first, same_day, later]) == [("f1", "m1", "m2")]
    # off, the follow-up stays apart
    off = Settings(victim_window_days=0)
    assert groups([first, same_day, later], off) == [("f1",), ("m1", "m2")]


def test_follow_ups_are_found_by_the_victim_index_not_by_all_pairs():
    reports = [murder(), funeral("f1", 20), murder("x1", 20, victims=())]
    pairs = {
        (a.report.id, b.report.id)
        for a, b in _candidate_pairs([_facts(r) for r in reports], SETTINGS)
    }
    assert ("f1", "m1") in pairs  # 20 days apart, one victim
    assert ("m1", "x1") not in pairs  # 20 days apart, no victim in common


def test_the_victim_window_country_and_name_bound_follow_ups():
    first = murder()
    too_late = funeral("f1", SETTINGS.victim_window_days + 5)
    abroad = funeral("f2", 10, place="Caracas", country="VE", admin1="Caracas", lat=10.5, lon=-66.9)
    other_man = funeral("f3", 10, victims=named("Carlos Valencia"))
    assert groups([first, too_late, abroad, other_man]) == [("f1",), ("f2",), ("f3",), ("m1",)]


def test_a_later_text_date_counts_against_a_statement_date_does_not():
    """A follow-up dated by its publication (the statement date) is no evidence against; one
    whose own text dates it weeks later needs a place and a type in common as well."""
    first = murder()
    elsewhere = {"place": "Medellin", "admin1": "Antioquia", "lat": 6.25, "lon": -75.56}
    stated = funeral("f1", 15, **elsewhere)  # filed from another city, no common place
    assert groups([first, stated]) == [("f1", "m1")]
    text_dated = funeral("f2", 15, date_source="text", **elsewhere)
    assert groups([first, text_dated]) == [("f2",), ("m1",)]


def test_stories_dated_by_their_publication_stretch_the_incident_up_to_the_follow_up_span():
    """Stories weeks apart that name the murdered senator but give no day of the murder (each
    dated by its publication: the deed was on or before it) follow one another; together they
    may stretch the murder's named reports over ``follow_up_span_days``, no further."""
    first = murder()
    same_day = murder("m2", victims=())
    week_on = funeral("f1", 20)
    later = funeral("f2", 40)  # 20 days after f1, 40 after the murder
    too_late = funeral("f3", SETTINGS.follow_up_span_days + 10)  # 30 days after f2... and more
    assert SETTINGS.victim_window_days < 40 <= SETTINGS.follow_up_span_days
    reports = [first, same_day, week_on, later, too_late]
    assert groups(reports) == [("f1", "f2", "m1", "m2"), ("f3",)]
    assert groups(list(reversed(reports))) == [("f1", "f2", "m1", "m2"), ("f3",)]
    # with the span of follow-ups at the victim window, the story 40 days on is not the murder's
    narrow = Settings(follow_up_span_days=0)
    assert not any({"m1", "f2"} <= set(g) for g in groups(reports, narrow))
    # a story whose own text dates its deed 40 days on is another incident
    dated = funeral("f4", 40, date_source="text")
    assert groups([first, same_day, week_on, dated]) == [("f1", "m1", "m2"), ("f4",)]


# --- what the span limit still protects ----------------------------------------------------------


def test_two_bombings_a_week_apart_stay_apart_even_when_one_names_a_victim():
    """A bombing that killed Ahmed Hassan Ali; eight days later another bombing in the same city,
    told by an unnamed report, and a report of that day, dated by its publication, whose victim is
    Ahmed Hassan Ali: the report that names him follows his bombing (follow-up pairs come
    first), and the follow-up link may not pull the unnamed report of the second bombing more
    than ``incident_max_span_days`` after the first began."""
    first = simple_report("b1", victims=named("Ahmed Hassan Ali"), **BOMBING)
    second = simple_report("b2", day=DAY + timedelta(days=8), **BOMBING)
    recalls = simple_report(
        "b3",
        day=DAY + timedelta(days=8),
        date_source="published",
        victims=named("Ahmed Hassan Ali"),
        **BOMBING,
    )
    assert groups([first, second]) == [("b1",), ("b2",)]
    assert groups([first, second, recalls]) == [("b1", "b3"), ("b2",)]
    assert groups([second, recalls, first]) == [("b1", "b3"), ("b2",)]
    assert groups([first, recalls]) == [("b1", "b3")]


def test_an_unnamed_report_does_not_ride_a_follow_up_into_the_murder():
    """The funeral report follows the murder (follow-up pairs come first). An unnamed shooting
    told the day before the funeral, in the same city, would then join an incident whose
    unnamed reports began 19 days before: refused, it stays an incident of its own (dated by its
    publication, so no text date conflicts; the span rule decides)."""
    first = murder()
    same_day = murder("m2", victims=())
    later = funeral("f1", 20)
    other_shooting = murder("x1", 19, victims=(), date_source="published")
    found = cluster([first, same_day, later, other_shooting], SETTINGS)
    assert sorted(tuple(r.id for r in g) for g in found.groups) == [("f1", "m1", "m2"), ("x1",)]
    assert any(k.outcome == SPAN and {k.report_a, k.report_b} == {"f1", "x1"} for k in found.links)


# --- follow-ups that name only the group --------------------------------------------------------

SAN_SALVADOR = {
    "place": "San Salvador",
    "country": "SV",
    "admin1": "San Salvador",
    "lat": 13.69,
    "lon": -89.19,
}


def jesuits(rid: str, offset: int, **changes) -> object:
    """The murder of six Jesuit priests in San Salvador (16 November 1989), told on the day; with
    ``date_source="published"``, a story weeks later that names them only as the Jesuits."""
    fields = {**SAN_SALVADOR, **SHOOTING, "victims": named("six Jesuit priests"), **changes}
    return simple_report(rid, day=date(1989, 11, 16) + timedelta(days=offset), **fields)


def test_a_later_story_of_the_group_dated_by_its_publication_follows_the_murder():
    murder = jesuits("j1", 0)
    reward = jesuits("j2", 23, victims=named("the Jesuits"), date_source="published")
    assert groups([murder, reward]) == [("j1", "j2")]
    pairs = {
        (a.report.id, b.report.id)
        for a, b in _candidate_pairs([_facts(r) for r in (murder, reward)], SETTINGS)
    }
    assert ("j1", "j2") in pairs  # through the victim index: ("#", "jesuit")
    # a story whose own text dates its deed weeks later is another incident of the group
    dated = jesuits("j3", 23, victims=named("the Jesuits"))
    assert groups([murder, dated]) == [("j1",), ("j3",)]
    # so is one at another place, and one that names a group of no common word
    elsewhere = {"place": "Zacatecoluca", "admin1": "La Paz", "lat": 13.5, "lon": -88.87}
    away = jesuits("j4", 23, date_source="published", **elsewhere)
    others = jesuits("j5", 23, victims=named("the Lutherans"), date_source="published")
    assert groups([murder, away]) == [("j1",), ("j4",)]
    assert groups([murder, others]) == [("j1",), ("j5",)]


# --- incremental ---------------------------------------------------------------------------------


def corpus() -> list:
    """Two named murders in Bogota a month apart, each with follow-ups, plus unnamed attacks."""
    out = [murder(), murder("m2", victims=()), funeral("f1", 9), funeral("f2", 21)]
    out += [murder("x1", 16, victims=()), murder("x2", 17, victims=())]  # another shooting
    pizarro = {"victims": named("Carlos Pizarro Leongomez")}
    out += [murder("p1", 35, **pizarro), funeral("p2", 50, **pizarro), funeral("p3", 62, **pizarro)]
    # Galan again 36 days on, dated by its publication: 15 days after the follow-up f2, within
    # ``follow_up_span_days`` of the murder; and 75 days on, 54 after f2: beyond every window
    out += [funeral("f8", 36), funeral("f9", 75)]
    return out


def store_with(reports):
    store = open_store(":memory:")
    for r in reports:
        store.add_article(Article(id=r.article_id, text="x " + r.id))
        store.add_reports(r.article_id, [r])
    return store


def partition(store) -> set[tuple[str, ...]]:
    return {tuple(sorted(i.report_ids)) for i in store.list_incidents(limit=None)}


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_incremental_follow_ups_give_the_full_recompute(seed, monkeypatch):
    monkeypatch.setattr(incremental, "FULL_RECOMPUTE_SHARE", 2.0)  # never fall back to full
    reports = corpus()
    full = store_with(reports)
    resolve_all(full, SETTINGS)
    expected = partition(full)
    assert expected == {
        ("f1", "f2", "f8", "m1", "m2"),
        ("x1", "x2"),
        ("p1", "p2", "p3"),
        ("f9",),
    }
    shuffled = list(reports)
    random.Random(seed).shuffle(shuffled)
    store = open_store(":memory:")
    for r in shuffled:
        store.add_article(Article(id=r.article_id, text="x " + r.id))
        store.add_reports(r.article_id, [r])
        assert resolve_pending(store, SETTINGS).mode == "incremental"
    assert partition(store) == expected


# --- the people an incident names ---------------------------------------------------------------


def test_a_report_naming_one_victim_joins_the_incident_whose_reports_name_the_others():
    """Three reports of one massacre: the first names two of the dead, the second one of those
    and a third man, the last only that third man. The first and the last name nobody in common
    (a conflict for the pair alone), but the incident they would join names them all."""
    reports = [
        murder("m1", victims=named("Ignacio Ellacuria", "Amando Lopez")),
        murder("m2", victims=named("Amando Lopez", "Segundo Montes")),
        murder("m3", victims=named("Segundo Montes")),
    ]
    assert groups(reports) == [("m1", "m2", "m3")]
    for seed in range(5):
        shuffled = reports[:]
        random.Random(seed).shuffle(shuffled)
        assert groups(shuffled) == [("m1", "m2", "m3")]
    # a report whose named victim the incident does not name stays apart
    other = murder("m4", victims=named("Hector Oqueli Colindres"))
    assert groups([*reports, other]) == [("m1", "m2", "m3"), ("m4",)]


UNTYPED = {"event_type": "Strategic developments", "sub_event_type": "Destruction"}


def test_a_follow_up_typed_as_no_violence_joins_the_murder_of_the_victim_it_names():
    # "the murder of Carlos Galan sought to destroy the process": the follow-up's word "destroy"
    # typed it; the victim named in full by both outweighs the type
    later = funeral("f1", 1, **UNTYPED)
    assert groups([murder(), later]) == [("f1", "m1")]
    # without a victim in common the types keep them apart
    other = funeral("f2", 1, victims=named("Jaime Pardo Leal"), **UNTYPED)
    assert groups([murder(), other]) == [("f2",), ("m1",)]
