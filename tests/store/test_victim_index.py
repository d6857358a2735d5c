"""The stored index of named victims (m0016): what incremental resolution asks for follow-ups."""

from __future__ import annotations

import json
import sqlite3
from datetime import date

from tests.sample_records import simple_report
from tollwatch import schema
from tollwatch.store import open_store
from tollwatch.store.migrations import migrate
from tollwatch.types import Article, Mention

DAY = date(1989, 8, 18)


def galan(report_id: str, article_id: str, day: date = DAY, **changes):
    return simple_report(
        report_id,
        article_id,
        day=day,
        place="Soacha",
        country="CO",
        admin1="Cundinamarca",
        lat=4.58,
        lon=-74.22,
        victims=(Mention("Senator Luis Carlos Galan"),),
        **changes,
    )


def article(article_id: str) -> Article:
    return Article(id=article_id, text="text")


def naming(store, keys=(("carlos", "galan"),), lo=date(1989, 8, 1), hi=date(1989, 9, 30)):
    return [r.id for r in store.iter_reports_naming("CO", keys, lo, hi)]


def test_reports_are_found_by_a_victim_word_pair_country_and_dates(tmp_path):
    with open_store(str(tmp_path / "t.db")) as store:
        for a in ("a1", "a2", "a3", "a4"):
            store.add_article(article(a))
        store.add_reports("a1", [galan("r1", "a1")])
        store.add_reports("a2", [galan("r2", "a2", day=date(1989, 9, 10))])
        store.add_reports("a3", [galan("r3", "a3", is_reference=True)])
        store.add_reports(
            "a4", [simple_report("r4", "a4", country="CO", victims=(Mention("Jose Garcia"),))]
        )
        assert naming(store) == ["r1", "r2"]
        assert naming(store, hi=date(1989, 8, 31)) == ["r1"]
        assert naming(store, keys=(("galan", "luis"),)) == ["r1", "r2"]
        assert naming(store, keys=(("garcia", "maria"),)) == []
        assert list(store.iter_reports_naming("PE", [("carlos", "galan")], DAY, DAY)) == []
        # a re-extraction replaces the article's reports and their index rows
        store.add_reports("a1", [simple_report("r5", "a1", country="CO")])
        assert naming(store) == ["r2"]


def test_the_migration_indexes_the_reports_already_stored(tmp_path):
    path = tmp_path / "old.db"
    conn = sqlite3.connect(str(path), isolation_level=None)
    migrate(conn, upto="m0015_reviewed_perpetrators")
    conn.execute("INSERT INTO articles (id, text, ingested_at) VALUES ('a1', 'text', '1989-08-19')")
    report = galan("r1", "a1")
    conn.execute(
        "INSERT INTO reports (id, article_id, date, country, json) VALUES (?, ?, ?, ?, ?)",
        ("r1", "a1", DAY.isoformat(), "CO", json.dumps(schema.report_to_dict(report))),
    )
    conn.close()
    with open_store(str(path)) as store:
        assert naming(store) == ["r1"]


def test_the_index_answers_as_the_filter_over_all_reports_does(tmp_path):
    from tollwatch.store.base import Store

    with open_store(str(tmp_path / "t.db")) as store:
        for i, day in enumerate((DAY, date(1989, 8, 25), date(1989, 12, 1))):
            store.add_article(article(f"a{i}"))
            store.add_reports(f"a{i}", [galan(f"r{i}", f"a{i}", day=day)])
        for keys in ((("carlos", "galan"),), (("galan", "luis"), ("carlos", "luis")), ()):
            indexed = naming(store, keys)
            filtered = [
                r.id
                for r in Store.iter_reports_naming(
                    store, "CO", keys, date(1989, 8, 1), date(1989, 9, 30)
                )
            ]
            assert indexed == sorted(filtered)


def test_the_group_migration_indexes_the_groups_of_reports_already_stored(tmp_path):
    path = tmp_path / "old.db"
    conn = sqlite3.connect(str(path), isolation_level=None)
    migrate(conn, upto="m0016_report_victim_keys")
    conn.execute("INSERT INTO articles (id, text, ingested_at) VALUES ('a1', 'text', '1989-11-17')")
    report = simple_report(
        "r1",
        "a1",
        day=date(1989, 11, 16),
        place="San Salvador",
        country="SV",
        victims=(Mention("six Jesuit priests"),),
    )
    conn.execute(
        "INSERT INTO reports (id, article_id, date, country, json) VALUES (?, ?, ?, ?, ?)",
        ("r1", "a1", "1989-11-16", "SV", json.dumps(schema.report_to_dict(report))),
    )
    conn.close()
    with open_store(str(path)) as store:
        found = store.iter_reports_naming(
            "SV", [("#", "jesuit")], date(1989, 11, 1), date(1989, 12, 31)
        )
        assert [r.id for r in found] == ["r1"]
