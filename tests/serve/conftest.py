from __future__ import annotations

import pytest

from tests.serve.demo_store import build_demo_store
from tollwatch.serve.auth import hash_password
from tollwatch.store import open_store

PASSWORDS = {"ana": "analyst-pass", "vic": "viewer-pass", "root": "admin-pass"}


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    ids = build_demo_store(str(path))
    with open_store(str(path)) as store:
        for name, role in (("ana", "analyst"), ("vic", "viewer"), ("root", "admin")):
            store.add_user(name, role, hash_password(PASSWORDS[name]))
    return path, ids


@pytest.fixture()
def demo_db(demo_template, tmp_path):
    """A fresh copy of the demo store per test (tests write review decisions)."""
    import shutil

    src, ids = demo_template
    dst = tmp_path / "demo.db"
    shutil.copy(src, dst)
    return str(dst), ids


@pytest.fixture()
def client(demo_db):
    from fastapi.testclient import TestClient

    from tollwatch.serve.app import create_app

    db, _ = demo_db
    with TestClient(create_app(db)) as c:
        yield c


def login(client, name: str) -> dict[str, str]:
    r = client.post("/api/auth/login", json={"name": name, "password": PASSWORDS[name]})
    assert r.status_code == 200, r.text
    return {"Authorization": f"Bearer {r.json()['token']}"}
