"""Clustering reports into incidents, and merging them."""

from __future__ import annotations

import hashlib
import random
import time
from datetime import UTC, date, datetime, timedelta

import pytest

from tests.sample_records import seed_report, simple_report
from tollwatch.config import Settings
from tollwatch.errors import ConfigError, TollwatchError
from tollwatch.resolve import incident_id, resolve_incidents, score_pair
from tollwatch.types import Actor, Evidence, Figure, Mention, Report, Toll

SETTINGS = Settings()
DAY = date(2016, 5, 23)


def at(hour: int, day: int = 23) -> datetime:
    return datetime(2016, 5, day, hour, tzinfo=UTC)


def seed_stories() -> list[Report]:
    """Three articles on the Jableh bombings, one historical mention, one unrelated event."""
    first = seed_report("a1", "r_b", published=at(9))
    later = simple_report(
        "r_a",
        "a2",
        killed=120,
        published=at(12),
        event_type="Explosions/Remote violence",
        perpetrators=(Actor("IS", "Islamic State", suspected=True),),
        weapons=(Mention("Bombings", "Explosives"), Mention("car bomb", "Explosives")),
    )
    nearby = simple_report(
        "r_c",
        "a3",
        place="Baniyas",
        lat=35.18,
        lon=35.95,
        admin1="Tartus",
        precision="city",
        published=at(8, 24),
        date_source="published",
        killed=148,
    )
    history = simple_report("r_d", "a3", is_reference=True, killed=999)
    elsewhere = simple_report(
        "r_e", "a4", place="Aleppo", admin1="Aleppo", lat=36.2, lon=37.16, killed=5
    )
    return [first, later, nearby, history, elsewhere]


def test_seed_stories_make_two_incidents():
    incidents = resolve_incidents(seed_stories(), SETTINGS)
    assert sorted(i.report_ids for i in incidents) == [("r_a", "r_b", "r_c"), ("r_e",)]
    jableh = next(i for i in incidents if len(i.report_ids) == 3)
    assert jableh.article_ids == ("a1", "a2", "a3")
    assert jableh.date == DAY and jableh.date_precision == "day"
    assert jableh.location is not None and jableh.location.name == "Jableh"
    assert jableh.event_type == "Explosions/Remote violence"
    assert jableh.sub_event_type == "Suicide bomb"
    assert jableh.suicide
    assert [(a.name, a.claimed, a.suspected, a.claim_channel) for a in jableh.perpetrators] == [
        ("Islamic State", True, False, "Amaq")
    ]
    assert [w.text for w in jableh.weapons] == ["bombings", "car bomb"]
    assert [s.location.name for s in jableh.sites] == ["Jableh", "Tartus"]
    # every figure of every report, each with its own article
    assert len(jableh.figures) == 4 + 2 + 1 + 1
    assert {f.evidence.article_id for f in jableh.figures if f.evidence} == {"a1", "a2", "a3"}
    assert jableh.killed == Toll(low=78, best=148, high=149)
    assert jableh.policy == "ucdp"
    # the anchor is the earliest published report, r_b (a1, 09:00), not the smallest id
    assert jableh.id == "i_" + hashlib.sha1(b"r_b").hexdigest()[:16]
    assert jableh.summary == seed_report().summary


def test_result_is_independent_of_input_order():
    stories = seed_stories()
    expected = resolve_incidents(stories, SETTINGS)
    rng = random.Random(7)
    for _ in range(10):
        rng.shuffle(stories)
        assert resolve_incidents(stories, SETTINGS) == expected


def test_incident_id_stays_when_a_later_report_joins():
    stories = seed_stories()[:2]
    before = resolve_incidents(stories, SETTINGS)[0].id
    late = simple_report("r_0", "a9", published=at(10, 25), killed=150)
    after = resolve_incidents([*stories, late], SETTINGS)
    assert [i.id for i in after] == [before]
    assert incident_id(stories) == before


def test_policy_comes_from_settings_or_argument():
    stories = seed_stories()
    [acled] = [
        i for i in resolve_incidents(stories, Settings(policy="acled")) if "r_b" in i.report_ids
    ]
    assert acled.policy == "acled" and acled.killed == Toll(78, 78, 78)
    ranged = resolve_incidents(stories, SETTINGS, policy="range")
    assert {i.policy for i in ranged} == {"range"}
    with pytest.raises(ConfigError):
        resolve_incidents(stories, SETTINGS, policy="nope")


def test_reference_reports_are_skipped():
    assert resolve_incidents([simple_report("r1", is_reference=True)], SETTINGS) == []


def test_never_merges_across_countries():
    here = simple_report("r1", place="Qusayr", country="SY", admin1="Homs", lat=34.5, lon=36.57)
    there = simple_report("r2", place="Qusayr", country="LB", admin1="Homs", lat=34.5, lon=36.57)
    assert score_pair(here, there, SETTINGS) is None
    assert len(resolve_incidents([here, there], SETTINGS)) == 2


def test_reports_without_country_stay_alone():
    a = simple_report("r1", country=None, admin1=None, lat=None, lon=None, precision=None)
    b = simple_report("r2", country=None, admin1=None, lat=None, lon=None, precision=None)
    assert len(resolve_incidents([a, b], SETTINGS)) == 2


@pytest.mark.parametrize("gap, merged", [(0, True), (1, True), (2, True), (3, False), (4, False)])
def test_date_window(gap, merged):
    a = simple_report("r1", event_type="Battles", date_source="published")
    b = simple_report(
        "r2", day=DAY + timedelta(days=gap), event_type="Battles", date_source="published"
    )
    assert len(resolve_incidents([a, b], SETTINGS)) == (1 if merged else 2)
    narrow = Settings(cluster_window_days=1)
    assert len(resolve_incidents([a, b], narrow)) == (1 if merged and gap <= 1 else 2)


def test_undated_reports_match_only_undated_ones_at_the_same_place():
    a = simple_report("r1", day=None)
    b = simple_report("r2", day=None)
    dated = simple_report("r3")
    other_place = simple_report("r4", day=None, place="Tartus", lat=34.889, lon=35.887)
    groups = [i.report_ids for i in resolve_incidents([a, b, dated, other_place], SETTINGS)]
    assert sorted(groups) == [("r1", "r2"), ("r3",), ("r4",)]


def test_nearby_places_merge_far_ones_do_not():
    # Jableh and Baniyas are ~20 km apart; Jableh and Aleppo ~110 km
    a = simple_report("r1")
    near = simple_report("r2", place="Baniyas", admin1="Tartus", lat=35.18, lon=35.95)
    far = simple_report("r3", place="Aleppo", admin1="Aleppo", lat=36.2, lon=37.16)
    assert score_pair(a, near, SETTINGS) is not None and score_pair(a, far, SETTINGS) is None
    groups = [i.report_ids for i in resolve_incidents([a, near, far], SETTINGS)]
    assert sorted(groups) == [("r1", "r2"), ("r3",)]


def test_two_towns_of_one_province_far_apart_do_not_merge():
    a = simple_report("r1", place="Idlib", admin1="Idlib", lat=35.93, lon=36.63)
    b = simple_report("r2", place="Jisr al-Shughur", admin1="Idlib", lat=35.81, lon=36.32)
    far = Settings(cluster_distance_km=10)
    assert score_pair(a, b, far) < 0
    assert len(resolve_incidents([a, b], far)) == 2


def test_same_admin1_needs_more_evidence():
    loose = dict(place="Latakia", precision="admin1", lat=None, lon=None)
    a = simple_report("r1", **loose)
    b = simple_report("r2", place="Jableh", lat=None, lon=None)
    assert len(resolve_incidents([a, b], SETTINGS)) == 2  # same admin1 and day only
    typed = dict(event_type="Explosions/Remote violence")
    a, b = simple_report("r1", **loose, **typed), simple_report("r2", lat=None, lon=None, **typed)
    assert len(resolve_incidents([a, b], SETTINGS)) == 1


def test_country_precision_place_names_are_no_evidence():
    loose = dict(place="Syria", admin1=None, lat=None, lon=None, precision="country")
    a = simple_report("r1", **loose)
    b = simple_report("r2", **loose)
    assert score_pair(a, b, SETTINGS) is None


def test_incompatible_event_types_do_not_merge():
    a = simple_report("r1", event_type="Protests")
    b = simple_report("r2", event_type="Explosions/Remote violence")
    assert len(resolve_incidents([a, b], SETTINGS)) == 2


def test_different_named_perpetrators_lower_the_score():
    a = simple_report("r1", perpetrators=(Actor("HTS", "Hayat Tahrir al-Sham"),))
    b = simple_report("r2", perpetrators=(Actor("IS", "Islamic State"),))
    c = simple_report("r3", perpetrators=(Actor("IS", "islamic state"),))
    assert score_pair(a, b, SETTINGS) < score_pair(b, c, SETTINGS)


def test_reports_of_one_article_are_never_merged():
    a = simple_report("r1", "a1")
    b = simple_report("r2", "a1")
    bridge = simple_report("r3", "a2")  # would join both
    groups = [i.report_ids for i in resolve_incidents([a, b, bridge], SETTINGS)]
    assert sorted(groups) == [("r1", "r3"), ("r2",)]


def test_duplicate_ids():
    a = simple_report("r1")
    assert len(resolve_incidents([a, a], SETTINGS)) == 1
    with pytest.raises(TollwatchError, match="share the id 'r1'"):
        resolve_incidents([a, simple_report("r1", killed=3)], SETTINGS)


def test_date_prefers_text_dates_then_the_earliest_day():
    from_text = simple_report("r1", day=DAY + timedelta(days=1))
    fallback = simple_report("r2", day=DAY, date_source="published")
    [incident] = resolve_incidents([from_text, fallback], SETTINGS)
    assert incident.date == DAY + timedelta(days=1)
    monthly = [
        simple_report(f"r{i}", day=None, date=date(2016, 5, 1), date_precision="month")
        for i in range(2)
    ]
    [incident] = resolve_incidents(monthly, SETTINGS)
    assert (incident.date, incident.date_precision) == (date(2016, 5, 1), "month")


def test_location_is_the_most_precise():
    typed = dict(event_type="Battles")
    coarse = simple_report("r1", place="Latakia", precision="admin1", lat=None, lon=None, **typed)
    fine = simple_report("r2", place="Jableh bus station", precision="point", **typed)
    [incident] = resolve_incidents([coarse, fine], SETTINGS)
    assert incident.location is not None and incident.location.name == "Jableh bus station"


def test_site_figures_not_listed_in_the_report_are_kept():
    report = seed_report(figures=())
    [incident] = resolve_incidents([report], SETTINGS)
    assert [f.low for f in incident.figures] == [100, 48]
    assert incident.killed == Toll()  # per-site parts are not totals


def test_blocking_keeps_large_inputs_fast():
    rng = random.Random(1)
    reports = []
    for i in range(3000):
        ev = Evidence(f"a{i}", 0, 1, "x")
        reports.append(
            simple_report(
                f"r{i:05d}",
                day=DAY + timedelta(days=rng.randrange(365)),
                place=f"town{rng.randrange(200)}",
                lat=33 + rng.random() * 4,
                lon=36 + rng.random() * 4,
                figures=(Figure("killed", i % 7, i % 7, "exact", evidence=ev),),
            )
        )
    started = time.perf_counter()
    incidents = resolve_incidents(reports, SETTINGS)
    assert time.perf_counter() - started < 10
    assert sum(len(i.report_ids) for i in incidents) == 3000
