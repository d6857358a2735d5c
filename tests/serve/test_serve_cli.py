"""`tollwatch serve --db PATH --host HOST --port PORT`: the address it prints and the settings it
hands the app (uvicorn is not started)."""

from __future__ import annotations

from click.testing import CliRunner
from fastapi.testclient import TestClient

from tollwatch.cli import main

TILES = "https://tile.example.org/{z}/{x}/{y}.png"


def _serve(monkeypatch, args, env=None):
    import uvicorn

    started = {}
    monkeypatch.setattr(
        uvicorn, "run", lambda app, host, port, **kw: started.update(app=app, host=host, port=port)
    )
    result = CliRunner().invoke(main, ["serve", *args], env=env or {})
    assert result.exit_code == 0, result.output
    return started, result.stderr


def test_serve_prints_its_address_and_passes_the_tile_url(demo_db, monkeypatch):
    db, _ = demo_db
    args = ["--db", db, "--host", "127.0.0.1", "--port", "9876", "--tile-url", TILES]
    started, err = _serve(monkeypatch, args)
    assert (started["host"], started["port"]) == ("127.0.0.1", 9876)
    assert "http://127.0.0.1:9876/" in err
    with TestClient(started["app"]) as client:
        assert client.get("/api/config").json()["tile_url"] == TILES
        assert client.get("/api/incidents").json()["total"] == 25


def test_the_tile_url_also_comes_from_the_environment(demo_db, monkeypatch):
    db, _ = demo_db
    started, _ = _serve(monkeypatch, ["--db", db], env={"TOLLWATCH_TILE_URL": TILES})
    assert started["host"] == "127.0.0.1"
    with TestClient(started["app"]) as client:
        config = client.get("/api/config").json()
    assert config["tile_url"] == TILES and config["user"] is None


def test_wrong_methods_and_server_errors_keep_the_error_shape(client, monkeypatch):
    from tollwatch.store.sqlite import SQLiteStore

    r = client.put("/api/incidents")
    assert r.status_code == 405 and r.json()["error"]["code"] == "method_not_allowed"
    r = client.post("/api/auth/login", content=b"not json", headers={"Content-Type": "text/plain"})
    assert r.status_code == 422 and set(r.json()) == {"error"}

    def broken(self, *args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(SQLiteStore, "list_sources", broken)
    from fastapi.testclient import TestClient as Client

    with Client(client.app, raise_server_exceptions=False) as quiet:
        r = quiet.get("/api/sources")
    assert r.status_code == 500
    assert (
        r.json()["error"]["code"] == "server_error"
        and "disk on fire" in r.json()["error"]["message"]
    )


def test_make_demo_ends_serving_on_localhost_and_says_where():
    from pathlib import Path

    makefile = (Path(__file__).resolve().parents[2] / "Makefile").read_text(encoding="utf-8")
    demo = makefile.split("\ndemo:", 1)[1].split("\n\n", 1)[0].splitlines()
    assert "http://127.0.0.1:8765/" in demo[-2]
    assert "tollwatch serve" in demo[-1] and "--host 127.0.0.1 --port 8765" in demo[-1]
