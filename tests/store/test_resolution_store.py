"""The resolution tables of migration m0004: decisions, change log, links, families."""

import pytest

from tollwatch.errors import NotFoundError, StoreError
from tollwatch.store import open_store


def test_decisions_are_recorded_listed_and_logged():
    with open_store(":memory:") as store:
        assert "m0004_resolution_decisions_links_families" in store.stats()["migrations"]
        first = store.add_decision("merge", ["r2", "r1"], incident_ids=["i_a", "i_b"], note="x")
        second = store.add_decision("split", ["r1"], ["r2"], ["i_c"])
        assert [d["id"] for d in store.list_decisions("active")] == [first, second]
        assert store.get_decision(first)["part"] == ["r1", "r2"]
        store.set_decision_status(second, "undone")
        assert store.get_decision(second)["undone_at"] is not None
        assert [d["id"] for d in store.list_decisions("undone")] == [second]
        assert [e["action"] for e in store.iter_log()] == ["undone", "split", "merge"]
        with pytest.raises(StoreError):
            store.add_decision("rename", ["r1"])
        with pytest.raises(NotFoundError):
            store.get_decision(99)
