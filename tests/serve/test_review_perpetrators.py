"""Analysts correct an incident's perpetrators; the filter, text search, facets, listings and
exports use the corrected names. The incident list reads review decisions once per page."""

from __future__ import annotations

import csv
import io
import json
import sqlite3

from click.testing import CliRunner

from tests.serve.conftest import login
from tests.serve.demo_store import build_demo_store
from tollwatch.cli import main
from tollwatch.store import open_store
from tollwatch.store.sqlite import SQLiteStore


def _correct(client, incident, value, headers):
    return client.post(
        f"/api/incidents/{incident}/corrections",
        headers=headers,
        json={"field": "perpetrators", "value": value, "why": "the claim was retracted"},
    )


def _ids(client, **params):
    return {i["id"] for i in client.get("/api/incidents", params=params).json()["incidents"]}


def test_corrected_perpetrators_are_what_the_filter_finds(client, demo_db):
    db, ids = demo_db
    seed = ids["seed"]
    headers = login(client, "ana")
    assert seed in _ids(client, perpetrator="Islamic State")
    r = _correct(client, seed, "Jaish al-Fatah; Ahrar al-Sham; jaish AL-fatah", headers)
    assert r.status_code == 201
    inc = r.json()["incident"]
    assert [p["name"] for p in inc["perpetrators"]] == ["Jaish al-Fatah", "Ahrar al-Sham"]
    assert inc["review"]["corrected"] == {"perpetrators": ["Islamic State"]}

    assert seed not in _ids(client, perpetrator="Islamic State", country="SY")
    assert _ids(client, perpetrator="jaish al-fatah") == {seed}
    assert _ids(client, perpetrator="Ahrar al-Sham", q="Ahrar") == {seed}
    assert _ids(client, q="Islamic", country="SY") == set()
    [summary] = client.get("/api/incidents", params={"country": "SY"}).json()["incidents"]
    assert summary["perpetrators"] == ["Jaish al-Fatah", "Ahrar al-Sham"] and summary["reviewed"]
    assert "Ahrar al-Sham" in client.get("/api/facets").json()["perpetrators"]
    detail = client.get(f"/api/incidents/{seed}").json()
    assert [p["name"] for p in detail["perpetrators"]] == ["Jaish al-Fatah", "Ahrar al-Sham"]

    # exports and the CLI listing show the corrected names
    acled = CliRunner().invoke(main, ["export", "acled", "--db", db, "--country", "SY"])
    [row] = csv.DictReader(io.StringIO(acled.stdout))
    assert (row["actor1"], row["assoc_actor_1"]) == ("Jaish al-Fatah", "Ahrar al-Sham")
    assert "perpetrators corrected (was Islamic State)" in row["review"]
    gtd = client.get("/api/export/gtd", params={"perpetrator": "Ahrar al-Sham"}).text
    assert list(csv.DictReader(io.StringIO(gtd)))[0]["gname"] == "Jaish al-Fatah"
    listed = CliRunner().invoke(main, ["incidents", "--db", db, "--country", "SY"])
    assert [p["name"] for p in json.loads(listed.stdout)[0]["perpetrators"]] == [
        "Jaish al-Fatah",
        "Ahrar al-Sham",
    ]

    # it survives re-processing; revoking brings the machine's names back
    build_demo_store(db)
    assert _ids(client, perpetrator="Ahrar al-Sham") == {seed}
    decision = detail["review"]["decisions"][0]["id"]
    assert client.delete(f"/api/decisions/{decision}", headers=headers).status_code == 200
    assert seed in _ids(client, perpetrator="Islamic State")
    assert _ids(client, perpetrator="Ahrar al-Sham") == set()


def test_a_machine_perpetrator_kept_by_the_analyst_keeps_its_evidence(client, demo_db):
    _, ids = demo_db
    r = _correct(client, ids["seed"], ["islamic state", "Unknown gunmen"], login(client, "ana"))
    kept, added = r.json()["incident"]["perpetrators"]
    assert kept["name"] == "Islamic State" and kept["claimed"] and kept["evidence"]
    assert added == {**added, "name": "Unknown gunmen", "claimed": False, "evidence": None}
    # an empty list says no perpetrator is known
    r = _correct(client, ids["seed"], [], login(client, "ana"))
    assert r.json()["incident"]["perpetrators"] == []
    assert _ids(client, perpetrator="Islamic State", country="SY") == set()


def test_bad_perpetrator_corrections_say_what_is_expected(client, demo_db):
    _, ids = demo_db
    headers = login(client, "ana")
    for value in (5, [1, 2], {"name": "x"}):
        r = _correct(client, ids["seed"], value, headers)
        assert r.status_code == 422, value
        assert "list of names" in r.json()["error"]["message"]
    assert _correct(client, ids["seed"], ["x"], login(client, "vic")).status_code == 403
    assert _correct(client, ids["seed"], ["x"], {}).status_code == 401


def test_the_incident_list_reads_decisions_once_per_page(client, demo_db, monkeypatch):
    _, ids = demo_db
    headers = login(client, "ana")
    client.post(
        f"/api/incidents/{ids['seed']}/corrections",
        headers=headers,
        json={"field": "killed.best", "value": 150, "why": "hospital list"},
    )
    calls: list[int] = []
    batched = SQLiteStore.review_decisions_of

    def one_by_one(self, *args, **kwargs):
        raise AssertionError("the listing looked up decisions one incident at a time")

    def counted(self, incident_ids):
        calls.append(len(incident_ids))
        return batched(self, incident_ids)

    monkeypatch.setattr(SQLiteStore, "list_review_decisions", one_by_one)
    monkeypatch.setattr(SQLiteStore, "review_decisions_of", counted)
    page = client.get("/api/incidents", params={"limit": 25}).json()
    assert calls == [25]
    seed = next(i for i in page["incidents"] if i["id"] == ids["seed"])
    assert seed["killed"]["best"] == 150 and seed["reviewed"]
    assert sum(i["reviewed"] for i in page["incidents"]) == 1


def test_review_decisions_of_many_incidents(demo_db):
    db, ids = demo_db
    with open_store(db) as store:
        store.add_review_decision(
            {
                "incident_id": ids["seed"],
                "action": "correct",
                "field": "summary",
                "value": "x",
                "why": "y",
                "user_name": "ana",
            }
        )
        got = store.review_decisions_of([ids["seed"], "i_none", ids["seed"]])
        assert list(got) == [ids["seed"]] and got[ids["seed"]][0]["history"] == []
        assert store.review_decisions_of([]) == {}


def test_m0015_upgrades_a_store_and_keeps_its_perpetrators(tmp_path):
    from tests.sample_records import seed_article, seed_report
    from tollwatch.store import rows
    from tollwatch.store.migrations import migrate
    from tollwatch.types import Incident

    path = tmp_path / "old.db"
    conn = sqlite3.connect(str(path), isolation_level=None)
    migrate(conn, upto="m0014_decision_report_keys")
    report = seed_report("a_seed", "r1")
    conn.execute(rows.INSERT_ARTICLE, rows.article_row(seed_article()))
    conn.execute(rows.INSERT_REPORT, rows.report_row(report))
    inc = Incident(
        id="i1",
        report_ids=("r1",),
        article_ids=("a_seed",),
        date=report.date,
        location=report.location,
        perpetrators=report.perpetrators,
        figures=report.figures,
        killed=report.killed,
    )
    conn.execute(rows.INSERT_INCIDENT, rows.incident_row(inc, "2016-05-24"))
    conn.close()
    with open_store(str(path)) as store:
        assert store.facet_values()["perpetrators"] == ["Islamic State"]
        store.add_review_decision(
            {
                "incident_id": "i1",
                "action": "correct",
                "field": "perpetrators",
                "value": ["Nusra Front"],
                "why": "y",
                "user_name": "ana",
            }
        )
        assert store.facet_values()["perpetrators"] == ["Nusra Front"]
        from tollwatch.store.query import IncidentQuery

        found = store.query_incidents(IncidentQuery(perpetrator="nusra front", text="Nusra"))
        assert [i.id for i in found.incidents] == ["i1"]


def test_text_search_gives_the_same_incidents_probed_or_materialised(client, monkeypatch):
    from tollwatch.store import sqlite_serve

    cases = [
        {"perpetrator": "boko haram", "q": "car bomb"},
        {"perpetrator": "Islamic State", "q": "Mosul", "sort": "-killed"},
        {"perpetrator": "Taliban", "q": "nowhere"},
    ]

    def answers():
        return [
            (
                client.get("/api/incidents", params=c).json(),
                client.get("/api/map", params=c).json(),
                client.get("/api/aggregates", params=c).json(),
            )
            for c in cases
        ]

    probed = answers()  # few candidates: each is looked up in the text index
    monkeypatch.setattr(sqlite_serve, "_PROBE_MAX", 0)
    assert answers() == probed
    assert [a[0]["total"] for a in probed] == [5, 5, 0]
