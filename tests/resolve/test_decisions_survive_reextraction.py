"""Analyst decisions survive the re-extraction of their articles (new report ids): the store keeps
each named report's article, position and signature and re-attaches the decision to the report
that took its place (``store.decision_keys``). The examples are written by the team."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from datetime import date

from tests.sample_records import simple_report
from tollwatch.config import Settings
from tollwatch.run.incremental import (
    active_decisions,
    merge_incidents,
    resolve_all,
    resolve_pending,
    split_incident,
    undo_decision,
)
from tollwatch.store import open_store
from tollwatch.store.decision_keys import KeyRow, reattach
from tollwatch.store.migrations import MIGRATIONS, migrate
from tollwatch.types import Article, Report

SETTINGS = Settings()
BOMB = {"event_type": "Explosions/Remote violence", "sub_event_type": "Suicide bomb"}
# Two attacks the scores keep apart (Jableh, and Aleppo 170 km away, a day later) that an
# analyst knows are one campaign of the same morning.
JABLEH = simple_report("r_jableh", "a_jableh", **BOMB)
ALEPPO = simple_report(
    "r_aleppo",
    "a_aleppo",
    day=date(2016, 5, 24),
    place="Aleppo",
    admin1="Aleppo",
    lat=36.2,
    lon=37.16,
    **BOMB,
)
# the Aleppo article also tells of a clash in Aleppo the week before (a second report)
CLASH = simple_report(
    "r_clash",
    "a_aleppo",
    day=date(2016, 5, 17),
    place="Aleppo",
    admin1="Aleppo",
    lat=36.2,
    lon=37.16,
    event_type="Battles",
    sub_event_type="Armed clash",
)


def store_articles(store, reports: list[Report]) -> None:
    by_article: dict[str, list[Report]] = {}
    for r in reports:
        by_article.setdefault(r.article_id, []).append(r)
    for article_id, told in by_article.items():
        store.add_article(Article(id=article_id, text="text of " + article_id))
        store.add_reports(article_id, told)


def owner(store, report_id: str) -> str | None:
    return store.report_incidents([report_id])[report_id]


def merged_store():
    store = open_store(":memory:")
    store_articles(store, [JABLEH, ALEPPO, CLASH])
    resolve_all(store, SETTINGS)
    assert owner(store, "r_jableh") != owner(store, "r_aleppo")
    decision_id, _ = merge_incidents(
        store, SETTINGS, [owner(store, "r_jableh"), owner(store, "r_aleppo")]
    )
    assert owner(store, "r_jableh") == owner(store, "r_aleppo")
    return store, decision_id


def reextract(store, article_id: str, reports: list[Report]) -> None:
    """What `tollwatch run` does when an article is extracted again: its reports are replaced."""
    store.add_reports(article_id, reports)
    resolve_pending(store, SETTINGS)


def test_a_merge_survives_a_reextraction_that_changes_the_report_id():
    store, decision_id = merged_store()
    again = replace(ALEPPO, id="r_aleppo_v2")  # a better extractor: same incident, new id
    reextract(store, "a_aleppo", [again, replace(CLASH, id="r_clash_v2")])
    assert store.current_decision_reports(decision_id) == {
        "r_aleppo": "r_aleppo_v2",
        "r_jableh": "r_jableh",
    }
    assert owner(store, "r_aleppo_v2") == owner(store, "r_jableh")
    assert owner(store, "r_clash_v2") != owner(store, "r_jableh")  # only the merged report
    (decision,) = active_decisions(store)
    assert decision.part == ("r_aleppo_v2", "r_jableh")
    # a full recompute keeps it too, and the merge can still be undone
    resolve_all(store, SETTINGS)
    assert owner(store, "r_aleppo_v2") == owner(store, "r_jableh")
    undo_decision(store, SETTINGS, decision_id)
    assert owner(store, "r_aleppo_v2") != owner(store, "r_jableh")


def test_the_report_is_found_by_position_when_its_signature_changed_too():
    """The new extractor reads the date right (25 May, not 24): the signature differs, but the
    article still tells two incidents and the bombing is still the first."""
    store, decision_id = merged_store()
    fixed = replace(ALEPPO, id="r_aleppo_v2", date=date(2016, 5, 25))
    reextract(store, "a_aleppo", [fixed, replace(CLASH, id="r_clash_v2")])
    assert store.current_decision_reports(decision_id)["r_aleppo"] == "r_aleppo_v2"
    assert owner(store, "r_aleppo_v2") == owner(store, "r_jableh")


def test_a_split_survives_too():
    store = open_store(":memory:")
    later = simple_report("r_later", "a_later", **BOMB)  # scores join it to Jableh
    store_articles(store, [JABLEH, later])
    resolve_all(store, SETTINGS)
    assert owner(store, "r_jableh") == owner(store, "r_later")
    decision_id, _, _ = split_incident(store, SETTINGS, owner(store, "r_jableh"), ["r_later"])
    reextract(store, "a_later", [replace(later, id="r_later_v2")])
    assert store.current_decision_reports(decision_id)["r_later"] == "r_later_v2"
    assert owner(store, "r_later_v2") != owner(store, "r_jableh")


def test_a_report_with_no_successor_leaves_the_decision():
    store, decision_id = merged_store()
    reextract(store, "a_aleppo", [])  # the new extractor finds no incident in the article
    assert store.current_decision_reports(decision_id) == {
        "r_aleppo": None,
        "r_jableh": "r_jableh",
    }
    (decision,) = active_decisions(store)
    assert decision.part == ("r_jableh",)


def test_reattach_rules_in_order():
    key = KeyRow("old", "a1", position=1, of_reports=2, signature="SY|aleppo|2016-05-24|x")
    same_sig = [("n0", "SY|jableh|2016-05-23|x"), ("n1", "SY|aleppo|2016-05-24|x")]
    assert reattach([key], set(), {"a1": same_sig}) == {"old": "n1"}
    by_position = [("n0", "SY|other|1|x"), ("n1", "SY|other|2|x")]
    assert reattach([key], set(), {"a1": by_position}) == {"old": "n1"}
    only_one = [("n0", "SY|other|1|x")]
    assert reattach([key], set(), {"a1": only_one}) == {"old": "n0"}
    three = [("n0", "a"), ("n1", "b"), ("n2", "c")]
    assert reattach([key], set(), {"a1": three}) == {"old": None}
    assert reattach([key], {"old"}, {}) == {"old": "old"}


def test_the_migration_keys_decisions_recorded_before_it(tmp_path):
    path = tmp_path / "old.db"
    conn = sqlite3.connect(str(path), isolation_level=None)
    before = [m.__name__ for m in MIGRATIONS].index("m0014_decision_report_keys") - 1
    migrate(conn, upto=MIGRATIONS[before].__name__)
    conn.close()
    with open_store(str(path)) as store:  # opening applies m0013 on an empty decisions table
        store_articles(store, [JABLEH, ALEPPO, CLASH])
    # an older tollwatch recorded a decision with no keys: drop them and re-run the back-fill
    conn = sqlite3.connect(str(path), isolation_level=None)
    conn.execute(
        "INSERT INTO decisions (kind, incident_ids, part, rest, created_at) VALUES "
        "('merge', '[]', ?, '[]', '2026-01-01')",
        (json.dumps(["r_aleppo", "r_gone", "r_jableh"]),),
    )
    conn.execute("DROP TABLE decision_reports")
    conn.execute("DELETE FROM schema_migrations WHERE name = 'm0014_decision_report_keys'")
    assert migrate(conn) == ["m0014_decision_report_keys"]
    found = conn.execute(
        "SELECT report_id, article_id, position, of_reports FROM decision_reports ORDER BY 1"
    ).fetchall()
    conn.close()
    assert found == [("r_aleppo", "a_aleppo", 0, 2), ("r_jableh", "a_jableh", 0, 1)]
