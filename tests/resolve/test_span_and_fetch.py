"""The incident span limit, incremental == full recompute on random corpora, and the narrow fetch
of the incremental path (only the stored reports of the new ones' country and window)."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

import pytest

from tests.sample_records import simple_report
from tollwatch.config import Settings
from tollwatch.resolve import resolve
from tollwatch.resolve.engine import SPAN, Decision
from tollwatch.run import incremental
from tollwatch.run.incremental import merge_incidents, resolve_all, resolve_pending
from tollwatch.store import open_store
from tollwatch.types import Actor, Article, Evidence, Report

SETTINGS = Settings()
START = date(2016, 5, 1)
BOMB = {"event_type": "Explosions/Remote violence", "sub_event_type": "Suicide bomb"}


def add(store, reports: list[Report]) -> None:
    """Store the reports, each article's together (storing an article's reports replaces them)."""
    articles: dict[str, list[Report]] = {}
    for r in reports:
        articles.setdefault(r.article_id, []).append(r)
    for article_id, told in articles.items():
        store.add_article(Article(id=article_id, text="text of " + article_id))
        store.add_reports(article_id, told)


def store_with(reports: list[Report]):
    store = open_store(":memory:")
    add(store, reports)
    return store


def partition(store) -> dict[frozenset[str], str]:
    """Each stored incident's report set -> its id."""
    return {frozenset(i.report_ids): i.id for i in store.list_incidents(limit=None)}


# --- the span limit ------------------------------------------------------------------------------


def chain() -> list[Report]:
    """Suicide bombings in Jableh every 3 days over 30 days: each neighbouring pair scores 2.5
    (place 2, date -1, same event and sub-event 1.5), exactly the merge threshold. Dated by
    publication (dates read from the text three days apart would conflict)."""
    return [
        simple_report(
            f"r{k:02d}",
            day=START + timedelta(days=3 * k),
            killed=5,
            date_source="published",
            **BOMB,
        )
        for k in range(11)
    ]


def span(reports) -> int:
    days = [r.date.toordinal() for r in reports if r.date is not None]
    return max(days) - min(days)


def test_a_chain_of_reports_stays_in_several_incidents_under_the_span_limit():
    reports = chain()
    by_id = {r.id: r for r in reports}
    limited = resolve(reports, SETTINGS).incidents
    assert len(limited) > 1
    assert sorted(x for i in limited for x in i.report_ids) == sorted(by_id)
    for inc in limited:
        assert span(by_id[x] for x in inc.report_ids) <= SETTINGS.incident_max_span_days
    # neighbours are still joined where the limit allows: no incident of a lone report
    assert all(len(i.report_ids) > 1 for i in limited)
    unlimited = resolve(reports, Settings(incident_max_span_days=0)).incidents
    assert [i.report_ids for i in unlimited] == [tuple(sorted(by_id))]


def test_a_refused_pair_is_kept_as_evidence_in_the_store():
    reports = chain()
    result = resolve(reports, SETTINGS)
    refused = [k for links in result.links.values() for k in links if k.outcome == SPAN]
    assert refused and all(k.score is not None and k.score >= 2.5 for k in refused)
    store = store_with(reports)
    resolve_all(store, SETTINGS)
    incidents = store.list_incidents(limit=None)
    assert len(incidents) == len(result.incidents)
    stored = [k for i in incidents for k in store.incident_links(i.id) if k["outcome"] == SPAN]
    assert stored
    owners = store.report_incidents([x for k in stored for x in (k["report_a"], k["report_b"])])
    for k in stored:  # a refused pair joins reports of two different incidents
        assert owners[k["report_a"]] != owners[k["report_b"]]
        assert k["outcome"] == "incident would span too long"


def test_an_analyst_merge_beyond_the_limit_is_kept():
    reports = chain()
    first, last = reports[0].id, reports[-1].id
    decided = resolve(reports, SETTINGS, decisions=[Decision(1, "merge", (first, last))])
    # the decided incident spans 30 days, so the reports within that span may join it
    assert [i.report_ids for i in decided.incidents] == [tuple(r.id for r in reports)]

    store = store_with(reports)
    resolve_all(store, SETTINGS)
    owners = store.report_incidents([first, last])
    assert owners[first] != owners[last]
    _, merged = merge_incidents(store, SETTINGS, [owners[first], owners[last]])
    assert {first, last} <= set(merged.report_ids)
    assert span(r for r in reports if r.id in merged.report_ids) == 30
    resolve_all(store, SETTINGS)  # a full recompute keeps the decision
    owners = store.report_incidents([first, last])
    assert owners[first] == owners[last]


# --- incremental == full recompute ---------------------------------------------------------------

PLACES = {
    "SY": [
        ("Jableh", "Latakia", 35.3609, 35.9256),
        ("Latakia", "Latakia", 35.5196, 35.7914),
        ("Tartus", "Tartus", 34.889, 35.887),
        ("Baniyas", "Tartus", 35.18, 35.95),
        ("Aleppo", "Aleppo", 36.2, 37.16),
    ],
    "IQ": [
        ("Baghdad", "Baghdad", 33.3152, 44.3661),
        ("Abu Ghraib", "Baghdad", 33.2911, 44.0656),
        ("Mosul", "Nineveh", 36.34, 43.13),
    ],
}
EVENTS = [
    ("Explosions/Remote violence", "Suicide bomb"),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ("Explosions/Remote violence", None),
    ("Battles", "Armed clash"),
    ("Violence against civilians", "Attack"),
    ("Protests", None),
    (None, None),
]
ACTORS = ["Islamic State", "Islamic State in Iraq", "al-Nusra Front", "Syrian army", None]
WORDS = "bomb blast killed wounded city market police said attack car morning residents".split()


def synthetic_corpus(seed: int, n_events: int = 28) -> list[Report]:
    """Events (a place and a day over ~60 days) each told by 1-4 reports with jittered dates,
    places, types, tolls and perpetrators; some syndicated copies (the same words), some articles
    with two reports, some undated reports, and series of one place every 2-3 days (chains)."""
    rng = random.Random(seed)
    reports: list[Report] = []
    stories: list[str] = []
    serial = 0

    def report(country: str, place: tuple, day: date | None, event: tuple, article=None):
        nonlocal serial
        serial += 1
        rid = f"r{seed}_{serial:03d}"
        name, admin1, lat, lon = place
        if stories and rng.random() < 0.3:
            text = rng.choice(stories)  # a copy of an earlier story
        else:
            text = " ".join(rng.choice(WORDS) for _ in range(14))
            stories.append(text)
        article = article or "a_" + rid
        actor = rng.choice(ACTORS)
        published = None
        if day is not None:
            published = datetime(day.year, day.month, day.day, rng.randrange(24), tzinfo=UTC)
        return simple_report(
            rid,
            article,
            day=day,
            place=name,
            country=country,
            admin1=admin1,
            lat=lat,
            lon=lon,
            killed=rng.choice([None, rng.randint(1, 12), rng.randint(20, 150)]),
            published=published,
            event_type=event[0],
            sub_event_type=event[1],
            perpetrators=(Actor(actor, actor, suspected=rng.random() < 0.3),) if actor else (),
            evidence=(Evidence(article, 0, len(text), text),),
        )

    for _ in range(n_events):
        country = rng.choice(list(PLACES))
        place = rng.choice(PLACES[country])
        day = START + timedelta(days=rng.randrange(60))
        event = rng.choice(EVENTS)
        for _ in range(rng.randint(1, 4)):
            when: date | None = day + timedelta(days=rng.choice([0, 0, 0, 1, -1, 2]))
            if rng.random() < 0.08:
                when = None
            where = place if rng.random() < 0.8 else rng.choice(PLACES[country])
            what = event if rng.random() < 0.8 else rng.choice(EVENTS)
            reports.append(report(country, where, when, what))
            if rng.random() < 0.1:  # a second incident told by the same article
                other = rng.choice(PLACES[country])
                reports.append(report(country, other, when, what, article=reports[-1].article_id))
    for _ in range(2):  # a series: one place every 2-3 days
        country = rng.choice(list(PLACES))
        place = rng.choice(PLACES[country])
        day = START + timedelta(days=rng.randrange(40))
        for _ in range(rng.randint(5, 9)):
            reports.append(report(country, place, day, EVENTS[0]))
            day += timedelta(days=rng.choice([2, 3]))
    return reports


def snapshot(store) -> tuple[dict, dict]:
    """The stored incidents (by id) and the outcome of every stored evidence link."""
    incidents = {i.id: i for i in store.list_incidents(limit=None)}
    links = {
        (k["report_a"], k["report_b"]): k["outcome"]
        for i in incidents
        for k in store.incident_links(i)
    }
    return incidents, links


@pytest.mark.parametrize(
    "settings",
    [
        SETTINGS,
        Settings(incident_max_span_days=0),
        Settings(cluster_window_days=5, incident_max_span_days=4),
    ],
    ids=["default", "no-span-limit", "wide-window-short-span"],
)
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_incremental_batches_equal_a_full_recompute_on_random_corpora(seed, settings, monkeypatch):
    monkeypatch.setattr(incremental, "FULL_RECOMPUTE_SHARE", 2.0)  # never fall back to full
    reports = synthetic_corpus(seed)
    full = store_with(reports)
    resolve_all(full, settings)
    expected = partition(full)
    assert 1 < len(expected) < len(reports)  # some reports are joined, not all

    rng = random.Random(seed)
    articles: dict[str, list[Report]] = {}
    for r in reports:
        articles.setdefault(r.article_id, []).append(r)
    shuffled = list(articles.values())  # an article's reports arrive together
    rng.shuffle(shuffled)
    store = open_store(":memory:")
    k = 0
    while k < len(shuffled):
        size = rng.choice([1, 1, 2, 3, 5])
        add(store, [r for told in shuffled[k : k + size] for r in told])
        k += size
        assert resolve_pending(store, settings).mode == "incremental"
    assert store.stats()["unresolved_reports"] == 0
    assert partition(store) == expected
    got_incidents, got_links = snapshot(store)
    want_incidents, want_links = snapshot(full)
    assert got_incidents == want_incidents
    assert got_links == want_links


# --- the narrow fetch ----------------------------------------------------------------------------


def spy(store, monkeypatch) -> list[tuple[dict, list[Report]]]:
    """Record every ``iter_reports`` call on ``store``: its filters and the reports it gave."""
    calls: list[tuple[dict, list[Report]]] = []
    real = store.iter_reports

    def iter_reports(**filters):
        found = list(real(**filters))
        calls.append((filters, found))
        return iter(found)

    monkeypatch.setattr(store, "iter_reports", iter_reports)
    return calls


def neighbourhood() -> list[Report]:
    """Jableh bombings on day 20 and day 40 (SY) and a Baghdad bombing on day 20 (IQ), each told
    by two reports."""
    out = []
    for rid, offset, place in [
        ("s1", 20, {}),
        ("s2", 20, {}),
        ("s3", 40, {}),
        ("s4", 40, {}),
        (
            "q1",
            20,
            {
                "place": "Baghdad",
                "country": "IQ",
                "admin1": "Baghdad",
                "lat": 33.3152,
                "lon": 44.3661,
            },
        ),
        (
            "q2",
            21,
            {
                "place": "Baghdad",
                "country": "IQ",
                "admin1": "Baghdad",
                "lat": 33.3152,
                "lon": 44.3661,
            },
        ),
    ]:
        out.append(
            simple_report(rid, day=START + timedelta(days=offset), killed=9, **BOMB, **place)
        )
    return out


@pytest.mark.parametrize(
    "new, loadable",
    [
        # another country, same day as a Syrian incident: only Iraqi reports are loaded
        (
            simple_report(
                "n_iq",
                day=START + timedelta(days=20),
                place="Mosul",
                country="IQ",
                admin1="Nineveh",
                lat=36.34,
                lon=43.13,
                killed=3,
                **BOMB,
            ),
            {"q1", "q2"},
        ),
        # the same place, far in time: nothing stored is loaded
        (simple_report("n_far", day=START + timedelta(days=200), killed=3, **BOMB), set()),
        # the same place a day after the day-40 incident: that incident only, not the day-20 one
        (simple_report("n_near", day=START + timedelta(days=41), killed=9, **BOMB), {"s3", "s4"}),
    ],
    ids=["other-country", "far-in-time", "near-one-incident"],
)
def test_a_new_report_loads_and_changes_only_its_neighbourhood(new, loadable, monkeypatch):
    monkeypatch.setattr(incremental, "FULL_RECOMPUTE_SHARE", 2.0)
    store = store_with(neighbourhood())
    resolve_all(store, SETTINGS)
    before = {i.id: i for i in store.list_incidents(limit=None)}
    assert len(before) == 3
    add(store, [new])
    calls = spy(store, monkeypatch)
    summary = resolve_pending(store, SETTINGS)
    assert summary.mode == "incremental"
    loaded = {r.id for filters, found in calls if not filters.get("unresolved") for r in found}
    assert loaded - {new.id} <= loadable
    assert loadable <= loaded
    assert summary.reports == 1 + len(loadable)
    window = timedelta(days=SETTINGS.cluster_window_days)
    near = [new] + [r for r in neighbourhood() if r.id in loadable]
    for filters, _ in calls:  # every query is narrowed: pending, an incident, or country + days
        assert (
            filters.get("unresolved")
            or filters.get("incident_id")
            or (filters.get("country") and filters.get("date_from") and filters.get("date_to"))
        ), filters
        if filters.get("date_from"):  # the window of the new report or of a changed one
            assert any(
                filters["date_from"] >= r.date - window and filters["date_to"] <= r.date + window
                for r in near
            ), filters
    after = {i.id: i for i in store.list_incidents(limit=None)}
    for inc_id, inc in before.items():
        if not set(inc.report_ids) & loadable:
            assert after[inc_id] == inc  # untouched
    # and the incremental result is the full recompute's
    full = store_with(neighbourhood() + [new])
    resolve_all(full, SETTINGS)
    assert partition(store) == partition(full)
