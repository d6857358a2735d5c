"""Analysts' corrections are what filters, sorts, map points, aggregates and exports select; and
they follow their incident through merges, splits and re-runs."""

from __future__ import annotations

import csv
import io
import json

from click.testing import CliRunner

from tests.serve.conftest import login
from tests.serve.demo_store import build_demo_store, incident_id
from tollwatch.cli import main

SMALL = incident_id("r_gen_000_0")  # Baghdad, 1 May 2016, 3 killed
BAGHDAD_16, BAGHDAD_31 = incident_id("r_gen_005_0"), incident_id("r_gen_010_0")


def _ids(client, **params):
    found = client.get("/api/incidents", params={"limit": 500, **params}).json()
    return [i["id"] for i in found["incidents"]]


def _correct(client, headers, incident, field, value, why="checked"):
    r = client.post(
        f"/api/incidents/{incident}/corrections",
        headers=headers,
        json={"field": field, "value": value, "why": why},
    )
    assert r.status_code == 201, r.text
    return r.json()["decision_id"]


def test_corrections_move_an_incident_between_filter_results(client, demo_db):
    db, _ = demo_db
    headers = login(client, "ana")
    assert SMALL not in _ids(client, min_killed=40)
    _correct(client, headers, SMALL, "killed.best", 50)
    assert SMALL in _ids(client, min_killed=40)
    assert _ids(client, sort="-killed")[1] == SMALL  # after the seed (148); others <= 42
    points = client.get("/api/map", params={"min_killed": 40}).json()["points"]
    assert [p[4] for p in points if p[0] == SMALL] == [50]

    country = _correct(client, headers, SMALL, "location.country", "sy")
    assert SMALL in _ids(client, country="SY")
    assert SMALL not in _ids(client, country="IQ")
    aggregates = client.get("/api/aggregates", params={"country": "SY"}).json()["rows"]
    assert {"period": "2016-05-01", "country": "SY", "incidents": 1, "killed": 50} in aggregates
    assert "SY" in client.get("/api/facets").json()["countries"]

    _correct(client, headers, SMALL, "date", "2016-07-04")
    assert SMALL in _ids(client, date_from="2016-07-01", date_to="2016-07-31")
    assert SMALL not in _ids(client, date_to="2016-06-30")
    rows = list(
        csv.DictReader(
            io.StringIO(
                client.get("/api/export/acled", params={"country": "SY", "min_killed": 40}).text
            )
        )
    )
    assert [r["fatalities"] for r in rows if r["event_id_cnty"] == SMALL] == ["50"]

    listed = CliRunner().invoke(
        main, ["incidents", "--db", db, "--country", "SY", "--min-killed", "40"]
    )
    assert [
        (i["id"], i["killed"]["best"]) for i in json.loads(listed.stdout) if i["id"] == SMALL
    ] == [(SMALL, 50)]

    # the page shows the corrected values with the machine's and the history
    page = client.get(f"/api/incidents/{SMALL}").json()
    assert page["killed"]["best"] == 50 and page["location"]["country"] == "SY"
    assert page["review"]["corrected"] == {
        "killed.best": 3,
        "location.country": "IQ",
        "date": "2016-05-01",
    }
    # re-processing keeps the corrected columns; revoking gives the machine's values back
    build_demo_store(db)
    assert SMALL in _ids(client, country="SY", min_killed=40)
    assert client.delete(f"/api/decisions/{country}", headers=headers).status_code == 200
    assert SMALL in _ids(client, country="IQ") and SMALL not in _ids(client, country="SY")


def test_a_rejected_figure_changes_what_min_killed_selects(client, demo_db):
    _, ids = demo_db
    headers = login(client, "ana")
    seed = client.get(f"/api/incidents/{ids['seed']}").json()
    for fig in seed["figures"]:
        if fig["kind"] == "killed" and (fig.get("low") or 0) >= 100:
            client.post(
                f"/api/incidents/{ids['seed']}/rejections",
                headers=headers,
                json={"figure_key": fig["key"], "why": "double count"},
            )
    best = client.get(f"/api/incidents/{ids['seed']}").json()["killed"]["best"]
    assert best < 100
    assert ids["seed"] not in _ids(client, min_killed=100)


def _decisions(client, incident):
    return {
        d["id"]: d for d in client.get(f"/api/incidents/{incident}/decisions").json()["decisions"]
    }


def test_a_merge_carries_corrections_and_says_which_won(client, demo_db):
    headers = login(client, "ana")
    first = _correct(client, headers, BAGHDAD_16, "killed.best", 20, "hospital")
    later = _correct(client, headers, BAGHDAD_31, "killed.best", 30, "ministry")
    summary = _correct(client, headers, BAGHDAD_31, "summary", "Two car bombs in Baghdad.")
    fig = next(f for f in client.get(f"/api/incidents/{BAGHDAD_31}").json()["figures"])
    rejected = client.post(
        f"/api/incidents/{BAGHDAD_31}/rejections",
        headers=headers,
        json={"figure_key": fig["key"], "why": "unsourced"},
    ).json()
    r = client.post(
        f"/api/incidents/{BAGHDAD_16}/merges",
        headers=headers,
        json={"incident_ids": [BAGHDAD_31], "why": "same bombing"},
    )
    assert r.status_code == 201, r.text
    merged = r.json()["incident"]["incident_id"]
    assert merged == BAGHDAD_16  # the anchor (earliest) report's id
    found = _decisions(client, merged)
    assert set(found) == {first, later, summary, rejected["decision_id"]}
    assert found[later]["history"][0]["from"] == BAGHDAD_31
    assert found[later]["history"][0]["to"] == merged
    assert f"overridden by decision {later}" in found[first]["needs_review"]
    assert "won over" in found[later]["needs_review"]
    page = client.get(f"/api/incidents/{merged}").json()
    assert page["killed"]["best"] == 30  # the later decision wins
    assert page["summary"] == "Two car bombs in Baghdad."
    assert fig["key"] in page["review"]["rejected_figures"]
    assert merged in _ids(client, min_killed=30)
    assert client.get(f"/api/incidents/{BAGHDAD_31}/decisions").json()["decisions"] == []


def test_a_split_keeps_corrections_with_their_reports(client, demo_db):
    _, ids = demo_db
    headers = login(client, "ana")
    seed = client.get(f"/api/incidents/{ids['seed']}").json()
    second = next(
        f
        for f in seed["figures"]
        if f["evidence"]["article_id"] == "a_seed_2" and f["kind"] == "killed"
    )
    reject = client.post(
        f"/api/incidents/{ids['seed']}/rejections",
        headers=headers,
        json={"figure_key": second["key"], "why": "copy"},
    ).json()["decision_id"]
    correct = _correct(client, headers, ids["seed"], "event_type", "Battles")
    r = client.post(
        f"/api/incidents/{ids['seed']}/splits",
        headers=headers,
        json={"report_ids": ["r_seed_2_0"], "why": "another attack"},
    )
    assert r.status_code == 201, r.text
    part, rest = r.json()["split_off"]["incident_id"], r.json()["remaining"]["incident_id"]
    assert rest == ids["seed"]
    moved = _decisions(client, part)
    assert list(moved) == [reject]  # the rejected words are in the part split off
    assert moved[reject]["history"][0]["from"] == ids["seed"]
    kept = _decisions(client, rest)
    assert list(kept) == [correct]  # made on both reports: kept, and flagged for review
    assert (
        kept[correct]["needs_review"].startswith("split:") and part in kept[correct]["needs_review"]
    )
    assert rest in _ids(client, event_type="Battles") and part not in _ids(
        client, event_type="Battles"
    )
    # undoing the split brings everything back, and the split warning goes
    undo = client.delete(f"/api/resolution-decisions/{r.json()['decision_id']}", headers=headers)
    assert undo.status_code == 200
    back = _decisions(client, ids["seed"])
    assert set(back) == {reject, correct}
    assert back[correct]["needs_review"] is None
