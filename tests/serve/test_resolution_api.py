"""Merge, split and undo through the API: stored decisions with who, when and why, that survive
re-runs, and that only analysts (and admins) may make."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.serve.conftest import login
from tests.serve.demo_store import incident_id
from tollwatch.config import Settings
from tollwatch.run.incremental import resolve_all
from tollwatch.store import open_store

# two Baghdad car bombs 15 days apart: the resolver keeps them apart, an analyst may not
BAGHDAD_16, BAGHDAD_31 = incident_id("r_gen_005_0"), incident_id("r_gen_010_0")


def _owner(db: str, report_id: str) -> str | None:
    with open_store(db) as store:
        return store.report_incidents([report_id])[report_id]


def _merge(client, headers, into=BAGHDAD_16, others=(BAGHDAD_31,), why="same bombing"):
    return client.post(
        f"/api/incidents/{into}/merges",
        headers=headers,
        json={"incident_ids": list(others), "why": why},
    )


def test_merge_is_a_stored_decision_that_survives_a_rerun(client, demo_db):
    db, _ = demo_db
    total = client.get("/api/incidents").json()["total"]
    r = _merge(client, login(client, "ana"))
    assert r.status_code == 201, r.text
    merged = r.json()["incident"]
    assert merged["report_ids"] == ["r_gen_005_0", "r_gen_010_0"]
    assert client.get("/api/incidents").json()["total"] == total - 1
    page = client.get(merged["url"]).json()
    assert sorted(page["report_ids"]) == merged["report_ids"]
    decision = page["resolution"]["decisions"][0]
    assert decision["id"] == r.json()["decision_id"] and decision["kind"] == "merge"
    assert (decision["user_name"], decision["note"], decision["status"]) == (
        "ana",
        "same bombing",
        "active",
    )
    assert decision["created_at"]
    listed = client.get(
        "/api/resolution-decisions", params={"incident_id": merged["incident_id"]}
    ).json()["decisions"]
    assert [d["id"] for d in listed] == [decision["id"]]
    assert client.get(f"/api/resolution-decisions/{decision['id']}").json() == decision

    with open_store(db) as store:
        resolve_all(store, Settings(db=db))  # a full recompute keeps the analyst's decision
    assert _owner(db, "r_gen_005_0") == _owner(db, "r_gen_010_0")


def test_split_then_undo(client, demo_db):
    db, ids = demo_db
    headers = login(client, "ana")
    r = client.post(
        f"/api/incidents/{ids['seed']}/splits",
        headers=headers,
        json={"report_ids": ["r_seed_2_0"], "why": "a different attack"},
    )
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["split_off"]["report_ids"] == ["r_seed_2_0"]
    assert body["remaining"]["report_ids"] == ["r_seed_0"]
    assert body["split_off"]["incident_id"] != body["remaining"]["incident_id"]
    assert _owner(db, "r_seed_0") != _owner(db, "r_seed_2_0")

    undone = client.delete(f"/api/resolution-decisions/{body['decision_id']}", headers=headers)
    assert undone.status_code == 200, undone.text
    assert _owner(db, "r_seed_0") == _owner(db, "r_seed_2_0")  # the resolver joins them again
    assert undone.json()["incident_ids"] == [_owner(db, "r_seed_0")]
    decision = client.get(f"/api/resolution-decisions/{body['decision_id']}").json()
    assert (decision["status"], decision["undone_by"]) == ("undone", "ana")
    again = client.delete(f"/api/resolution-decisions/{body['decision_id']}", headers=headers)
    assert again.status_code == 409 and again.json()["error"]["code"] == "conflict"
    assert (
        client.get("/api/resolution-decisions", params={"status": "undone"}).json()["decisions"][0][
            "id"
        ]
        == 1
    )


def test_undo_a_merge_separates_the_incidents(client, demo_db):
    db, _ = demo_db
    headers = login(client, "ana")
    decision_id = _merge(client, headers).json()["decision_id"]
    r = client.delete(f"/api/resolution-decisions/{decision_id}", headers=headers)
    assert r.status_code == 200
    assert len(r.json()["incident_ids"]) == 2
    assert _owner(db, "r_gen_005_0") != _owner(db, "r_gen_010_0")


def test_bad_merges_and_splits_say_what_is_wrong(client, demo_db):
    _, ids = demo_db
    headers = login(client, "ana")
    same = _merge(client, headers, others=(BAGHDAD_16,))
    assert same.status_code == 422 and "two different" in same.json()["error"]["message"]
    assert _merge(client, headers, others=("i_nope",)).status_code == 404
    assert _merge(client, headers, into="i_nope").status_code == 404
    assert _merge(client, headers, why="").status_code == 422
    split = f"/api/incidents/{ids['seed']}/splits"
    for report_ids in (["r_gen_000_0"], ["r_seed_0", "r_seed_2_0"]):
        r = client.post(split, headers=headers, json={"report_ids": report_ids, "why": "x"})
        assert r.status_code == 422 and r.json()["error"]["hint"], report_ids
    assert client.delete("/api/resolution-decisions/99", headers=headers).status_code == 404
    assert client.get("/api/resolution-decisions/99").status_code == 404
    assert client.get("/api/resolution-decisions", params={"status": "x"}).status_code == 400
    assert client.get("/api/resolution-decisions").json() == {"decisions": []}


@pytest.mark.parametrize(("who", "status"), [(None, 401), ("vic", 403), ("root", 201)])
def test_merge_and_split_need_an_analyst(client, demo_db, who, status):
    db, ids = demo_db
    headers = login(client, who) if who else {}
    assert _merge(client, headers).status_code == status
    r = client.post(
        f"/api/incidents/{ids['seed']}/splits",
        headers=headers,
        json={"report_ids": ["r_seed_2_0"], "why": "x"},
    )
    assert r.status_code == status
    if who is None:
        assert r.json()["error"]["code"] == "unauthenticated"
    with open_store(db) as store:
        made = store.list_decisions()
    assert len(made) == (2 if status == 201 else 0)
    if status == 201:
        assert {d["user_name"] for d in made} == {"root"}
        undo = client.delete(f"/api/resolution-decisions/{made[0]['id']}", headers=headers)
        assert undo.status_code == 200


def test_serve_does_not_import_extract():
    code = (
        "import sys, tollwatch.serve.app, tollwatch.serve.api_resolution; "
        "bad = [m for m in sys.modules if m.startswith(('tollwatch.extract', 'spacy'))]; "
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
