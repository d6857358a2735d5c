"""The bundled demo corpus gives what demo/README.md says a correct run finds: 15 incidents,
Jableh/Tartus one incident with two sites, Aden apart, the football match and the other
non-incidents nothing (``make demo`` runs the same command)."""

from __future__ import annotations

import os
from pathlib import Path

from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
DEMO = ["demo/articles", "demo/feed.xml", "demo/wire.jsonl", "demo/page.html"]


def test_the_demo_corpus_gives_the_documented_incidents(tmp_path):
    from tollwatch.cli import main
    from tollwatch.store import open_store

    db = str(tmp_path / "demo.db")
    here = os.getcwd()
    os.chdir(ROOT)
    try:
        args = ["run", *DEMO, "--db", db, "--published-map", "demo/published.tsv", "--quiet"]
        result = CliRunner().invoke(main, args)
    finally:
        os.chdir(here)
    assert result.exit_code in (0, 1), result.output  # 1: the corpus holds two bad documents
    with open_store(db) as store:
        incidents = store.list_incidents(limit=None)
    assert len(incidents) == 15
    places = sorted((i.location.country, i.location.name) for i in incidents if i.location)
    assert ("GB", "Liverpool") not in places  # the football match is no incident
    syria = [i for i in incidents if i.location and i.location.country == "SY"]
    assert len(syria) == 1 and {s.location.name for s in syria[0].sites} == {"Jableh", "Tartus"}
    assert sum(1 for i in incidents if i.location and i.location.country == "YE") == 1
