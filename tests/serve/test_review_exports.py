"""Review decisions (who, when, why; surviving re-processing) and the exports that show them."""

from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
from click.testing import CliRunner

from tests.serve.conftest import login
from tests.serve.demo_store import build_demo_store
from tollwatch import __version__
from tollwatch.cli import main


def _seed(client, ids):
    return client.get(f"/api/incidents/{ids['seed']}").json()


def test_correct_a_field_and_reject_a_figure(client, demo_db):
    _, ids = demo_db
    headers = login(client, "ana")
    r = client.post(
        f"/api/incidents/{ids['seed']}/corrections",
        headers=headers,
        json={"field": "killed.best", "value": 150, "why": "hospital list"},
    )
    assert r.status_code == 201
    inc = _seed(client, ids)
    assert inc["killed"]["best"] == 150
    assert inc["review"]["corrected"] == {"killed.best": 148}
    decision = inc["review"]["decisions"][0]
    assert decision["user_name"] == "ana" and decision["why"] == "hospital list" and decision["at"]

    state_media = [
        f for f in inc["figures"] if f.get("attributed_to") == "state media" and f["is_total"]
    ]
    assert len(state_media) == 2  # both articles carry it
    for fig in state_media:
        r = client.post(
            f"/api/incidents/{ids['seed']}/rejections",
            headers=headers,
            json={"figure_key": fig["key"], "why": "superseded"},
        )
        assert r.status_code == 201
    inc = _seed(client, ids)
    assert inc["killed"]["low"] == 148  # 78 no longer counts
    assert next(f for f in inc["figures"] if f["key"] == state_media[0]["key"])["rejected"]
    bad = client.post(
        f"/api/incidents/{ids['seed']}/corrections",
        headers=headers,
        json={"field": "killed.best", "value": "many", "why": "x"},
    )
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "invalid"
    assert (
        client.post(
            f"/api/incidents/{ids['seed']}/rejections",
            headers=headers,
            json={"figure_key": "nope", "why": "x"},
        ).status_code
        == 404
    )

    # revoking restores the machine's value; the decision stays on record
    first = inc["review"]["decisions"][0]["id"]
    assert client.delete(f"/api/decisions/{first}", headers=headers).status_code == 200
    assert _seed(client, ids)["killed"]["best"] == 148
    every = client.get(f"/api/incidents/{ids['seed']}/decisions").json()["decisions"]
    assert every[0]["revoked_by"] == "ana"


def test_decisions_survive_reprocessing(client, demo_db):
    db, ids = demo_db
    client.post(
        f"/api/incidents/{ids['seed']}/corrections",
        headers=login(client, "ana"),
        json={"field": "location.admin1", "value": "Latakia Governorate", "why": "name"},
    )
    build_demo_store(db)  # the pipeline runs again: incidents are replaced, ids are stable
    inc = _seed(client, ids)
    assert inc["location"]["admin1"] == "Latakia Governorate"


def _export(db, fmt, *args):
    result = CliRunner().invoke(main, ["export", fmt, "--db", db, *args])
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


def test_exports_state_policy_version_and_corrections(client, demo_db, tmp_path):
    db, ids = demo_db
    client.post(
        f"/api/incidents/{ids['seed']}/corrections",
        headers=login(client, "ana"),
        json={"field": "killed.best", "value": 150, "why": "hospital list"},
    )
    for fmt, best_col in (("acled", "fatalities"), ("gtd", "nkill"), ("ucdp", "best")):
        rows = list(csv.DictReader(io.StringIO(_export(db, fmt).decode())))
        assert len(rows) == 25
        assert {r["tollwatch_version"] for r in rows} == {__version__}
        assert {r["tollwatch_policy"] for r in rows} == {"ucdp"}
        seed = next(r for r in rows if ids["seed"] in r.values())
        assert seed[best_col] == "150" and "killed.best corrected" in seed["review"]
    ucdp = list(csv.DictReader(io.StringIO(_export(db, "ucdp", "--policy", "acled").decode())))
    seed = next(r for r in ucdp if r["id"] == ids["seed"])
    assert (seed["low"], seed["high"], seed["tollwatch_policy"]) == ("78", "78", "acled")

    geo = json.loads(_export(db, "geojson", "--country", "SY"))
    assert geo["tollwatch"] == {"version": __version__, "policy": "ucdp"}
    assert geo["features"][0]["geometry"]["type"] == "Point"
    lines = [json.loads(x) for x in _export(db, "jsonl").splitlines()]
    assert len(lines) == 25 and all(x["tollwatch_version"] == __version__ for x in lines)
    out = tmp_path / "x.parquet"
    _export(db, "parquet", "--output", str(out))
    table = pq.read_table(out)
    assert (
        table.num_rows == 25 and table.schema.metadata[b"tollwatch_version"] == __version__.encode()
    )
    assert _export(db, "acled") == _export(db, "acled")  # stable: exports diff cleanly


def test_export_through_the_api(client):
    r = client.get("/api/export/acled", params={"country": "NG"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert len(r.text.strip().splitlines()) == 6
    assert client.get("/api/export/parquet").content[:4] == b"PAR1"


def test_users_cli(demo_db):
    db, _ = demo_db
    runner = CliRunner()
    r = runner.invoke(
        main,
        ["users", "add", "eve", "--role", "analyst", "--password-stdin", "--db", db],
        input="a-long-password\n",
    )
    assert r.exit_code == 0, r.output
    listing = runner.invoke(main, ["users", "list", "--db", db]).stdout
    assert "eve\tanalyst" in listing
    token = runner.invoke(main, ["users", "token", "eve", "--db", db]).stdout.strip()
    assert token.startswith("tw_")
    assert runner.invoke(main, ["users", "remove", "eve", "--db", db]).exit_code == 0
    assert runner.invoke(main, ["users", "token", "eve", "--db", db]).exit_code == 2


def test_streamed_api_exports_equal_the_cli_exports(client, demo_db, monkeypatch, tmp_path):
    from tollwatch.serve import exports

    db, ids = demo_db
    monkeypatch.setattr(exports, "_PAGE", 7)  # 25 incidents: four pages
    monkeypatch.setattr(exports, "_PARQUET_BATCH", 10)  # three row groups
    client.post(
        f"/api/incidents/{ids['seed']}/corrections",
        headers=login(client, "ana"),
        json={"field": "killed.best", "value": 150, "why": "hospital list"},
    )
    for fmt in ("acled", "gtd", "ucdp", "geojson", "jsonl", "parquet"):
        for params, args in (
            ({}, []),
            ({"country": "IQ", "policy": "range"}, ["--country", "IQ", "--policy", "range"]),
        ):
            out = tmp_path / f"cli.{fmt}"
            _export(db, fmt, "--output", str(out), *args)
            r = client.get(f"/api/export/{fmt}", params=params)
            assert r.status_code == 200, r.text
            assert r.content == out.read_bytes(), (fmt, params)
    table = pq.read_table(io.BytesIO(client.get("/api/export/parquet").content))
    assert (
        table.num_rows == 25
        and pq.ParquetFile(
            io.BytesIO(client.get("/api/export/parquet").content)
        ).metadata.num_row_groups
        == 3
    )
    assert table.schema.metadata[b"tollwatch_policy"] == b"ucdp"
    empty = client.get("/api/export/parquet", params={"country": "FR"}).content
    assert pq.read_table(io.BytesIO(empty)).num_rows == 0


def test_an_export_is_read_page_by_page(demo_db, monkeypatch):
    from tollwatch.serve import exports
    from tollwatch.store import open_store
    from tollwatch.store.query import IncidentQuery

    db, _ = demo_db
    monkeypatch.setattr(exports, "_PAGE", 5)
    with open_store(db) as store:
        pages = []
        real = store.query_incidents

        def counted(*args, **kwargs):
            pages.append(kwargs.get("limit"))
            return real(*args, **kwargs)

        monkeypatch.setattr(store, "query_incidents", counted)
        chunks = exports.export_bytes("jsonl", store, IncidentQuery(), None)
        assert pages == []  # nothing is read before the first chunk is asked for
        first = next(chunks)
        assert pages == [5] and first.endswith(b"\n")
        assert len(list(chunks)) == 24 and pages == [5] * 5
