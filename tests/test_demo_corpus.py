"""The bundled demo corpus gives what demo/README.md says a correct run finds: 15 incidents,
Jableh/Tartus one incident with two sites, Aden apart, the football match and the other
non-incidents nothing (``make demo`` runs the same command)."""

from __future__ import annotations

from tests.demo_run import run_demo


def test_the_demo_corpus_gives_the_documented_incidents(tmp_path):
    from tollwatch.store import open_store

    db = str(tmp_path / "demo.db")
    run_demo(db)
    with open_store(db) as store:
        incidents = store.list_incidents(limit=None)
    assert len(incidents) == 15
    places = sorted((i.location.country, i.location.name) for i in incidents if i.location)
    assert ("GB", "Liverpool") not in places  # the football match is no incident
    syria = [i for i in incidents if i.location and i.location.country == "SY"]
    assert len(syria) == 1 and {s.location.name for s in syria[0].sites} == {"Jableh", "Tartus"}
    assert sum(1 for i in incidents if i.location and i.location.country == "YE") == 1
