"""The read API through the ASGI app."""

from __future__ import annotations


def test_openapi_lists_the_endpoints(client):
    spec = client.get("/openapi.json").json()
    for path in (
        "/api/incidents",
        "/api/incidents/{incident_id}",
        "/api/map",
        "/api/aggregates",
        "/api/articles",
        "/api/sources",
        "/api/export/{fmt}",
    ):
        assert path in spec["paths"]


def test_filters_combine(client):
    all_ = client.get("/api/incidents").json()
    assert all_["total"] == 25
    iq = client.get("/api/incidents", params={"country": "iq"}).json()
    assert iq["total"] == 10 and {i["location"]["country"] for i in iq["incidents"]} == {"IQ"}
    r = client.get("/api/incidents", params={"country": "IQ", "admin1": "Nineveh"}).json()
    assert r["total"] == 5
    r = client.get("/api/incidents", params={"perpetrator": "boko haram", "q": "car bomb"}).json()
    assert r["total"] == 5
    r = client.get("/api/incidents", params={"min_killed": 100}).json()
    assert [i["killed"]["best"] for i in r["incidents"]] == [148]
    r = client.get("/api/incidents", params={"bbox": "30,30,40,40"}).json()
    assert {i["location"]["name"] for i in r["incidents"]} == {"Jableh"}
    r = client.get("/api/incidents", params={"date_from": "2016-05-23", "date_to": "2016-05-23"})
    assert {i["date"] for i in r.json()["incidents"]} == {"2016-05-23"}
    r = client.get("/api/incidents", params={"event_type": "Battles"}).json()
    assert r["total"] == 8


def test_cursor_pagination_visits_every_incident_once(client):
    for sort in ("-date", "date", "-killed", "killed"):
        seen, cursor = [], None
        while True:
            params = {"limit": 4, "sort": sort, **({"cursor": cursor} if cursor else {})}
            page = client.get("/api/incidents", params=params).json()
            seen += [i["id"] for i in page["incidents"]]
            cursor = page["next_cursor"]
            if not cursor:
                break
        assert len(seen) == len(set(seen)) == 25, sort
    killed = [
        i["killed"]["best"]
        for i in client.get("/api/incidents", params={"sort": "-killed", "limit": 25}).json()[
            "incidents"
        ]
    ]
    assert killed == sorted(killed, reverse=True)


def test_one_incident_has_reports_figures_history_and_evidence(client, demo_db):
    _, ids = demo_db
    inc = client.get(f"/api/incidents/{ids['seed']}").json()
    assert len(inc["reports"]) == 2 and len(inc["articles"]) == 2
    assert inc["killed"] == {"low": 78, "best": 148, "high": 149}
    assert all(f["key"] for f in inc["figures"])
    assert inc["toll_history"]
    article = inc["articles"][0]
    spans = [article["text"][h["start"] : h["end"]] for h in article["highlights"]]
    assert "the toll at 78" in spans


def test_map_aggregates_articles_sources(client):
    pts = client.get("/api/map", params={"country": "SY"}).json()
    assert pts["columns"][:4] == ["id", "date", "lat", "lon"] and len(pts["points"]) == 1
    agg = client.get("/api/aggregates", params={"period": "week", "country": "NG"}).json()
    assert agg["rows"] and all(r["country"] == "NG" for r in agg["rows"])
    assert sum(r["incidents"] for r in agg["rows"]) == 5
    day = client.get("/api/aggregates").json()
    assert day["period"] == "day"
    arts = client.get("/api/articles", params={"limit": 5}).json()
    assert len(arts["articles"]) == 5 and "text" not in arts["articles"][0]
    one = client.get(f"/api/articles/{arts['articles'][0]['id']}").json()
    assert one["text"]
    sources = {s["source"] for s in client.get("/api/sources").json()["sources"]}
    assert {"Example Wire", "Other Wire", "Wire Example"} <= sources


def test_one_error_shape(client):
    for path, status in (
        ("/api/incidents/i_nope", 404),
        ("/api/incidents?cursor=zzz", 400),
        ("/api/incidents?min_killed=-1", 422),
        ("/api/incidents?sort=foo", 400),
        ("/api/incidents?bbox=1,2", 400),
        ("/api/nothing", 404),
        ("/api/export/xls", 404),
        ("/api/aggregates?period=year", 422),
    ):
        r = client.get(path)
        assert r.status_code == status, path
        body = r.json()
        assert set(body) == {"error"} and body["error"]["status"] == status, path
        assert body["error"]["message"] and "code" in body["error"]


def test_pages_and_their_json(client, demo_db):
    _, ids = demo_db
    assert "tollwatch" in client.get("/").text
    assert client.get(f"/incidents/{ids['seed']}").status_code == 200
    assert client.get("/static/app.js").status_code == 200
    assert client.get("/api/config").json()["tile_url"] == ""
