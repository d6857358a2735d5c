"""Incremental, order-independent resolution over a store; analyst decisions; families; sites."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

import pytest

from tests.sample_records import seed_report, simple_report, tartus
from tollwatch.config import Settings
from tollwatch.errors import TollwatchError
from tollwatch.resolve import resolve
from tollwatch.resolve.ledger import ledger, tolls_by_policy
from tollwatch.run.incremental import (
    merge_incidents,
    resolve_all,
    resolve_pending,
    split_incident,
    undo_decision,
)
from tollwatch.store import open_store
from tollwatch.types import Article, Evidence, Figure, Report, Toll

SETTINGS = Settings()
DAY = date(2016, 5, 23)
WIRE = (
    "The number of people killed in a wave of bombings in the Syrian coastal cities of Jableh "
    "and Tartus on Monday rose to 148, a monitoring group said, in attacks claimed by the "
    "Islamic State group."
)


def at(hour: int, day: int = 23) -> datetime:
    return datetime(2016, 5, day, hour, tzinfo=UTC)


def corpus() -> list[Report]:
    """Jableh/Tartus from four outlets (one a copy, one about Tartus only), Aden, Aleppo a day
    later, and Jableh again a week later."""
    wire = seed_report(
        "a_wire",
        "r_wire",
        published=at(17),
        source="Wire",
        evidence=(Evidence("a_wire", 0, len(WIRE), WIRE),),
    )
    copy = seed_report(
        "a_copy",
        "r_copy",
        published=at(19),
        source="Courier",
        evidence=(Evidence("a_copy", 0, len(WIRE), WIRE),),
    )
    early = simple_report(
        "r_early",
        killed=121,
        published=at(11),
        source="Dispatch",
        event_type="Explosions/Remote violence",
    )
    only_tartus = simple_report(
        "r_tartus",
        place="Tartus",
        admin1="Tartus",
        lat=34.889,
        lon=35.887,
        killed=33,
        published=at(15),
        event_type="Explosions/Remote violence",
        location=tartus("a_r_tartus"),
        figures=(
            Figure(
                "killed",
                33,
                None,
                "at least",
                attributed_to="state media",
                evidence=Evidence("a_r_tartus", 0, 5, "at least 33"),
            ),
        ),
    )
    aden = simple_report(
        "r_aden",
        place="Aden",
        country="YE",
        admin1="Aden",
        lat=12.78,
        lon=45.03,
        killed=41,
        published=at(14),
    )
    aleppo = simple_report(
        "r_aleppo",
        day=DAY + timedelta(days=1),
        place="Aleppo",
        admin1="Aleppo",
        lat=36.2,
        lon=37.16,
        killed=5,
        published=at(9, 24),
    )
    later = simple_report(
        "r_later",
        day=DAY + timedelta(days=7),
        killed=4,
        published=at(9, 30),
        event_type="Explosions/Remote violence",
    )
    return [wire, copy, early, only_tartus, aden, aleppo, later]


def store_with(reports: list[Report], path=":memory:"):
    store = open_store(str(path))
    add(store, reports)
    return store


def add(store, reports: list[Report]) -> None:
    for r in reports:
        store.add_article(Article(id=r.article_id, text="text of " + r.id, published=r.published))
        store.add_reports(r.article_id, [r])


def partition(store) -> set[tuple[str, ...]]:
    return {i.report_ids for i in store.list_incidents(limit=None)}


def test_jableh_tartus_is_one_incident_with_sites_and_the_tartus_toll_on_its_site():
    result = resolve(corpus(), SETTINGS)
    syria = next(i for i in result.incidents if "r_wire" in i.report_ids)
    assert set(syria.report_ids) == {"r_wire", "r_copy", "r_early", "r_tartus"}
    assert {s.location.name for s in syria.sites} == {"Jableh", "Tartus"}
    # the Tartus-only "at least 33" is Tartus's toll, not a low for the whole incident
    assert syria.killed.low == 78
    tartus_site = next(s for s in syria.sites if s.location.name == "Tartus")
    assert any(f.low == 33 and f.qualifier == "at least" for f in tartus_site.figures)
    apart = [i.report_ids for i in result.incidents if len(i.report_ids) == 1]
    assert sorted(apart) == [("r_aden",), ("r_aleppo",), ("r_later",)]


def test_syndicated_copies_are_one_family_and_count_once():
    reports = corpus()
    result = resolve(reports, SETTINGS)
    assert result.families["r_copy"] == result.families["r_wire"] == "r_wire"
    assert result.families["r_early"] == "r_early"
    syria = [r for r in reports if r.id in {"r_wire", "r_copy", "r_early", "r_tartus"}]
    rows = ledger(syria, result.families)
    copies = [r for r in rows if r["copy"]]
    assert copies and not any(r["counted"] for r in copies if r["scope"] == "total")
    site = [r for r in rows if r["report_id"] == "r_tartus"]
    assert site[0]["scope"] == "site" and site[0]["place"] == "Tartus"
    tolls = tolls_by_policy(syria, result.families)
    assert tolls["ucdp"]["killed"] == {"low": 78, "best": 148, "high": 149}
    assert tolls["acled"]["killed"] == {"low": 78, "best": 78, "high": 78}
    # range: the copy's identical claims count once: the median of 78, 121, 148, 149 is 121
    # (counting the copy again would give 148)
    assert tolls["range"]["killed"]["best"] == 121


def test_same_set_same_incidents_whatever_the_order():
    reports = corpus()
    expected = {i.report_ids: i.id for i in resolve(reports, SETTINGS).incidents}
    for seed in range(5):
        shuffled = reports[:]
        random.Random(seed).shuffle(shuffled)
        got = {i.report_ids: i.id for i in resolve(shuffled, SETTINGS).incidents}
        assert got == expected


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_incremental_batches_give_the_full_recompute(seed):
    reports = corpus()
    full = store_with(reports)
    resolve_all(full, SETTINGS)
    shuffled = reports[:]
    random.Random(seed).shuffle(shuffled)
    store = open_store(":memory:")
    for k in range(0, len(shuffled), 2):
        add(store, shuffled[k : k + 2])
        resolve_pending(store, SETTINGS)
    assert partition(store) == partition(full)
    assert {i.id for i in store.list_incidents()} == {i.id for i in full.list_incidents()}
    assert store.stats()["unresolved_reports"] == 0


def test_incremental_touches_only_the_neighbourhood():
    store = store_with(corpus()[:-1])
    resolve_all(store, SETTINGS)
    aden_before = next(i for i in store.list_incidents() if i.report_ids == ("r_aden",))
    add(store, corpus()[-1:])
    summary = resolve_pending(store, SETTINGS)
    assert summary.mode == "incremental" and summary.reports == 1
    assert store.get_incident(aden_before.id) == aden_before


def test_merge_and_split_survive_reruns_and_new_articles_and_can_be_undone(tmp_path):
    db = tmp_path / "t.db"
    store = store_with(corpus(), db)
    resolve_all(store, SETTINGS)
    syria = next(i for i in store.list_incidents() if "r_wire" in i.report_ids)
    later = next(i for i in store.list_incidents() if i.report_ids == ("r_later",))
    merge_id, merged = merge_incidents(store, SETTINGS, [syria.id, later.id], note="same")
    assert "r_later" in merged.report_ids
    split_id, part, rest = split_incident(store, SETTINGS, merged.id, ["r_early"])
    assert part.report_ids == ("r_early",) and "r_early" not in rest.report_ids
    assert "r_later" in rest.report_ids
    store.close()
    store = open_store(str(db))  # a re-run of the whole resolution, and a new article
    resolve_all(store, SETTINGS)
    add(
        store,
        [
            simple_report(
                "r_new", killed=150, published=at(22), event_type="Explosions/Remote violence"
            )
        ],
    )
    resolve_pending(store, SETTINGS)
    groups = partition(store)
    assert any({"r_wire", "r_later"} <= set(g) for g in groups)
    assert ("r_early",) in groups or any("r_early" in g and "r_wire" not in g for g in groups)
    assert not any({"r_early", "r_wire"} <= set(g) for g in groups)
    undo_decision(store, SETTINGS, split_id)
    undo_decision(store, SETTINGS, merge_id)
    groups = partition(store)
    assert any({"r_wire", "r_early", "r_new"} <= set(g) for g in groups)
    assert ("r_later",) in groups
    statuses = [d["status"] for d in store.list_decisions()]
    assert statuses == ["undone", "undone"]
    actions = {e["action"] for e in store.iter_log()}
    assert {"merge", "split", "undone", "created", "changed", "removed"} <= actions
    with pytest.raises(TollwatchError, match="not active"):
        undo_decision(store, SETTINGS, merge_id)
    store.close()


def test_split_refuses_reports_of_other_incidents():
    store = store_with(corpus())
    resolve_all(store, SETTINGS)
    syria = next(i for i in store.list_incidents() if "r_wire" in i.report_ids)
    with pytest.raises(TollwatchError, match="not in incident"):
        split_incident(store, SETTINGS, syria.id, ["r_aden"])
    with pytest.raises(TollwatchError, match="not none or all"):
        split_incident(store, SETTINGS, syria.id, list(syria.report_ids))


def test_evidence_links_are_stored_and_explained():
    store = store_with(corpus())
    resolve_all(store, SETTINGS)
    syria = next(i for i in store.list_incidents() if "r_wire" in i.report_ids)
    links = store.incident_links(syria.id)
    pair = next(k for k in links if {k["report_a"], k["report_b"]} == {"r_copy", "r_wire"})
    assert pair["outcome"] == "joined" and pair["parts"]["text"] == 2.0
    assert pair["parts"]["jaccard"] == 1.0
    assert store.report_families(["r_copy"]) == {"r_copy": "r_wire"}
    assert Toll(78, 148, 149) == syria.killed
