"""The SQLite store: tables, idempotence, transactions, queries."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from datetime import date

import pytest

from tests.sample_records import seed_article, seed_report, simple_report
from tollwatch.config import Settings
from tollwatch.errors import NotFoundError, StoreError
from tollwatch.resolve import resolve_incidents
from tollwatch.store import SQLiteStore, Store, open_store
from tollwatch.types import Failure, Incident, Toll


@pytest.fixture
def store(tmp_path):
    with open_store(str(tmp_path / "t.db")) as s:
        yield s


def add_seed(store: Store) -> None:
    for aid in ("a1", "a2", "a3"):
        store.add_article(seed_article(aid))
    store.add_reports("a1", [seed_report("a1", "r1")])
    store.add_reports("a2", [simple_report("r2", "a2", killed=120)])
    store.add_reports(
        "a3",
        [
            simple_report("r3", "a3", place="Aleppo", admin1="Aleppo", lat=36.2, lon=37.16),
            simple_report("r4", "a3", is_reference=True, day=date(2015, 1, 1)),
        ],
    )


def raw(store: SQLiteStore, sql: str, params=()) -> list[tuple]:
    return [tuple(row) for row in store._connection().execute(sql, params).fetchall()]


# --- opening ---------------------------------------------------------------------------------


def test_open_store_paths_and_urls(tmp_path):
    for target in (str(tmp_path / "a.db"), f"sqlite:///{tmp_path / 'b.db'}", ":memory:"):
        with open_store(target) as s:
            assert isinstance(s, SQLiteStore)
    assert (tmp_path / "a.db").exists() and (tmp_path / "b.db").exists()


@pytest.mark.parametrize(
    "url, message",
    [
        ("postgresql://u@host/db", "PostgreSQL backend is not available yet"),
        ("postgres://host/db", "PostgreSQL backend is not available yet"),
        ("mysql://host/db", "unknown database URL scheme 'mysql'"),
    ],
)
def test_open_store_refuses_other_backends(url, message):
    with pytest.raises(StoreError, match=message):
        open_store(url)


def test_open_store_reports_unusable_files(tmp_path):
    with pytest.raises(StoreError, match="cannot open"):
        open_store(str(tmp_path / "missing-dir" / "t.db"))
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database, just text " * 200)
    with pytest.raises(StoreError, match="cannot open") as info:
        open_store(str(junk))
    assert "tollwatch SQLite database" in info.value.hint


def test_tables_indexes_and_wal(store):
    tables = {r[0] for r in raw(store, "SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables >= {
        "articles", "reports", "figures", "incidents", "failures", "runs", "schema_migrations",
    }  # fmt: skip
    indexes = {
        (r[0], r[1])
        for r in raw(store, "SELECT tbl_name, sql FROM sqlite_master WHERE type = 'index'")
        if r[1]
    }
    created = " ".join(sql for _, sql in indexes)
    for columns in ("incidents (date)", "incidents (country, date)", "incidents (event_type)"):
        assert columns in created
    assert "reports (incident_id)" in created
    assert raw(store, "PRAGMA journal_mode") == [("wal",)]
    assert raw(store, "PRAGMA foreign_keys") == [(1,)]


def test_closed_store_refuses_calls(tmp_path):
    s = open_store(str(tmp_path / "c.db"))
    s.close()
    s.close()  # twice is fine
    with pytest.raises(StoreError, match="closed"):
        s.has_article("x")


# --- articles --------------------------------------------------------------------------------


def test_add_article_is_idempotent(store):
    article = seed_article("a1")
    assert store.add_article(article) is True
    assert store.add_article(article) is False
    assert store.add_article(replace(article, title="changed")) is False
    assert store.get_article("a1") == article
    assert store.has_article("a1") and not store.has_article("zz")
    assert store.has_content_hash("hash-a1") and not store.has_content_hash("nope")
    assert [a.id for a in store.iter_articles()] == ["a1"]
    assert store.stats()["articles"] == 1
    with pytest.raises(NotFoundError, match="no article 'zz'"):
        store.get_article("zz")


def test_article_row_is_readable(store):
    store.add_article(seed_article("a1"))
    [row] = raw(store, "SELECT id, url, source, published, language, content_hash FROM articles")
    assert row == (
        "a1", "https://news.example/a1", "Example Wire", "2016-05-23T15:30:00+00:00", "en",
        "hash-a1",
    )  # fmt: skip


# --- reports ---------------------------------------------------------------------------------


def test_reports_and_figures_are_stored(store):
    add_seed(store)
    assert store.get_report("r1") == seed_report("a1", "r1")
    [row] = raw(
        store,
        "SELECT article_id, date, country, admin1, location_name, event_type, killed_low, "
        "killed_best, killed_high, is_reference, incident_id FROM reports WHERE id = 'r1'",
    )
    assert row == (
        "a1", "2016-05-23", "SY", "Latakia", "Jableh", "Explosions/Remote violence", 78, 148,
        149, 0, None,
    )  # fmt: skip
    figures = raw(
        store,
        "SELECT kind, low, high, qualifier, attributed_to, victim_category, place, is_total, "
        "site, evidence_text, article_id FROM figures WHERE report_id = 'r1' ORDER BY position",
    )
    assert len(figures) == 4 + 2  # report figures + the two per-site figures
    assert figures[1][:5] == ("killed", 148, 148, "exact", "Syrian Observatory")
    assert figures[3][5:8] == ("children", None, 0)
    assert figures[4][6:9] == ("Jableh", 0, "Jableh")
    assert figures[3][9] == "at least eight of them children"
    assert {f[10] for f in figures} == {"a1"}
    stored = json.loads(raw(store, "SELECT json FROM reports WHERE id = 'r1'")[0][0])
    assert stored["schema_version"] == "1.0" and stored["id"] == "r1"


def test_add_reports_replaces_the_articles_reports(store):
    add_seed(store)
    assert store.add_reports("a3", [simple_report("r5", "a3")]) == 1
    assert [r.id for r in store.iter_reports(article_id="a3")] == ["r5"]
    assert store.add_reports("a3", []) == 0
    assert list(store.iter_reports(article_id="a3")) == []
    assert raw(store, "SELECT COUNT(*) FROM figures WHERE report_id LIKE 'r3%'") == [(0,)]


def test_failing_add_reports_keeps_what_was_stored(store):
    add_seed(store)
    before = list(store.iter_reports())
    # r1 belongs to a1: storing it again under a2 violates the primary key mid-write
    clash = [simple_report("r9", "a2"), seed_report("a2", "r1")]
    with pytest.raises(StoreError, match="cannot store the reports of article 'a2'"):
        store.add_reports("a2", clash)
    assert list(store.iter_reports()) == before
    with pytest.raises(StoreError, match="belongs to article 'a1', not 'a2'"):
        store.add_reports("a2", [seed_report("a1", "r7")])
    with pytest.raises(StoreError, match="repeat an id"):
        store.add_reports("a2", [simple_report("r8", "a2"), simple_report("r8", "a2")])
    with pytest.raises(NotFoundError, match="no article 'a9'"):
        store.add_reports("a9", [simple_report("r8", "a9")])
    assert list(store.iter_reports()) == before


def test_iter_reports_filters(store):
    add_seed(store)
    ids = lambda **kw: [r.id for r in store.iter_reports(**kw)]  # noqa: E731
    assert ids() == ["r1", "r2", "r3", "r4"]
    assert ids(include_reference=False) == ["r1", "r2", "r3"]
    assert ids(date_from=date(2016, 1, 1)) == ["r1", "r2", "r3"]
    assert ids(date_to=date(2015, 12, 31)) == ["r4"]
    assert ids(country="sy", article_id="a3") == ["r3", "r4"]
    assert ids(unresolved=True) == ["r1", "r2", "r3", "r4"]


def test_iter_reports_pages_through_many_rows(store):
    store.add_article(seed_article("a1"))
    store.add_reports("a1", [simple_report(f"r{i:04d}", "a1") for i in range(1203)])
    assert [r.id for r in store.iter_reports()] == [f"r{i:04d}" for i in range(1203)]


# --- incidents -------------------------------------------------------------------------------


def resolve_stored(store: Store) -> list[Incident]:
    return resolve_incidents(store.iter_reports(), Settings())


def test_replace_and_read_incidents(store):
    add_seed(store)
    incidents = resolve_stored(store)
    assert store.replace_incidents(incidents, replace_all=True) == 2
    jableh = next(i for i in incidents if "r1" in i.report_ids)
    assert jableh.report_ids == ("r1", "r2")
    assert store.get_incident(jableh.id) == jableh
    assert [r.id for r in store.iter_reports(incident_id=jableh.id)] == ["r1", "r2"]
    assert [r.id for r in store.iter_reports(unresolved=True, include_reference=False)] == []
    [row] = raw(
        store,
        "SELECT date, country, location_name, killed_low, killed_best, killed_high, n_reports, "
        "n_articles, policy FROM incidents WHERE id = ?",
        (jableh.id,),
    )
    assert row == ("2016-05-23", "SY", "Jableh", 78, 148, 149, 2, 2, "ucdp")
    with pytest.raises(NotFoundError):
        store.get_incident("i_nothing")


def test_list_incidents_filters_and_pages(store):
    for aid in ("a1", "a2", "a3", "a4"):
        store.add_article(seed_article(aid))
    store.add_reports("a1", [simple_report("r1", "a1", killed=10, event_type="Battles")])
    store.add_reports("a2", [simple_report("r2", "a2", day=date(2016, 6, 1), killed=3)])
    store.add_reports("a3", [simple_report("r3", "a3", country="IQ", admin1="Ninawa", killed=50)])
    store.add_reports("a4", [simple_report("r4", "a4", day=None)])
    store.replace_incidents(resolve_stored(store))
    listed = lambda **kw: [i.report_ids[0] for i in store.list_incidents(**kw)]  # noqa: E731
    everything = listed()
    assert everything[0] == "r2" and everything[-1] == "r4"  # newest first, undated last
    assert set(everything) == {"r1", "r2", "r3", "r4"}
    assert listed(country="IQ") == ["r3"]
    assert listed(event_type="Battles") == ["r1"]
    assert sorted(listed(min_killed=10)) == ["r1", "r3"]
    assert listed(date_from=date(2016, 5, 24)) == ["r2"]
    assert sorted(listed(date_to=date(2016, 5, 31))) == ["r1", "r3"]
    assert listed(limit=2, offset=1) == everything[1:3]
    assert listed(limit=None) == everything
    assert store.count_incidents() == 4
    assert store.count_incidents(country="sy", min_killed=5) == 1
    with pytest.raises(StoreError, match="must not be negative"):
        store.list_incidents(limit=-1)


def test_incremental_replacement_drops_stale_incidents(store):
    add_seed(store)
    store.replace_incidents(resolve_stored(store))
    assert store.count_incidents() == 2
    store.add_article(seed_article("a5"))
    store.add_reports("a5", [simple_report("r5", "a5", killed=149)])
    assert [r.id for r in store.iter_reports(unresolved=True, include_reference=False)] == ["r5"]
    # resolve the new report with its neighbours only
    around = list(store.iter_reports(date_from=date(2016, 5, 20), date_to=date(2016, 5, 26)))
    near = resolve_incidents([r for r in around if r.location.name != "Aleppo"], Settings())
    store.replace_incidents(near)
    assert store.count_incidents() == 2
    jableh = store.get_incident(near[0].id)
    assert jableh.report_ids == ("r1", "r2", "r5")
    assert jableh.killed == Toll(78, 149, 149)  # r5's exact 149 is now the largest exact figure
    assert {i.report_ids for i in store.list_incidents()} == {("r1", "r2", "r5"), ("r3",)}


def test_re_extracting_an_article_drops_its_incidents(store):
    add_seed(store)
    store.replace_incidents(resolve_stored(store))
    store.add_reports("a2", [simple_report("r2", "a2", killed=121)])
    assert store.count_incidents() == 1  # the Jableh incident is gone
    assert [r.id for r in store.iter_reports(unresolved=True, include_reference=False)] == [
        "r1",
        "r2",
    ]


def test_replace_incidents_is_transactional(store):
    add_seed(store)
    good = resolve_stored(store)
    store.replace_incidents(good)
    before = store.list_incidents()
    bad = [replace(good[0], id="i_x"), replace(good[0], id="i_y")]
    with pytest.raises(StoreError, match="is in incidents"):
        store.replace_incidents(bad)
    with pytest.raises(StoreError, match="share an id"):
        store.replace_incidents([good[0], good[0]])
    assert store.list_incidents() == before


def test_delete_incidents_unresolves_their_reports(store):
    add_seed(store)
    incidents = resolve_stored(store)
    store.replace_incidents(incidents)
    assert store.delete_incidents([i.id for i in incidents] + ["i_unknown"]) == 2
    assert store.count_incidents() == 0
    assert len(list(store.iter_reports(unresolved=True))) == 4


# --- failures, runs, stats -------------------------------------------------------------------


def test_failures_are_counted_and_queryable(store):
    store.add_failure(Failure("x.pdf", "not_text", "binary"))
    store.add_failure(Failure("y.pdf", "not_text"))
    store.add_failure(Failure("z.html", "extract_error", "boom", "extract", "a1"))
    assert store.failure_counts() == {"extract_error": 1, "not_text": 2}
    assert [f.origin for f in store.iter_failures("not_text")] == ["x.pdf", "y.pdf"]
    assert list(store.iter_failures("extract_error")) == [
        Failure("z.html", "extract_error", "boom", "extract", "a1")
    ]
    with pytest.raises(StoreError, match="unknown failure reason 'oops'"):
        store.add_failure(Failure("w", "oops"))
    assert sum(store.failure_counts().values()) == 3


def test_runs_and_stats(store):
    add_seed(store)
    run = store.start_run()
    store.finish_run(run, {"articles": 3, "failures": 0})
    [(finished, counts)] = raw(store, "SELECT finished_at, counts FROM runs WHERE id = ?", (run,))
    assert finished and json.loads(counts) == {"articles": 3, "failures": 0}
    with pytest.raises(NotFoundError):
        store.finish_run(run + 100, {})
    stats = store.stats()
    assert stats["articles"] == 3 and stats["reports"] == 4 and stats["runs"] == 1
    assert stats["reference_reports"] == 1 and stats["unresolved_reports"] == 3
    assert stats["figures"] == 6 + 1 + 0 + 0 and stats["incidents"] == 0
    assert stats["migrations"][0] == "m0001_articles_reports_figures"


def test_data_survives_reopening(tmp_path):
    path = str(tmp_path / "r.db")
    with open_store(path) as s:
        add_seed(s)
        s.replace_incidents(resolve_stored(s))
        expected = s.list_incidents()
    with open_store(f"sqlite:///{path}") as s:
        assert s.list_incidents() == expected
        assert s.get_report("r1") == seed_report("a1", "r1")


def test_a_second_connection_sees_committed_writes(tmp_path):
    path = str(tmp_path / "two.db")
    with open_store(path) as writer, open_store(path) as reader:
        writer.add_article(seed_article("a1"))
        assert reader.has_article("a1")
        conn = sqlite3.connect(path)
        assert conn.execute("SELECT COUNT(*) FROM articles").fetchone() == (1,)
        conn.close()
