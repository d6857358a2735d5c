"""Stable incident ids: re-running the pipeline on the same articles, in a fresh database or in
another order, gives the same incidents with the same ids, so exports diff cleanly."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from tests.test_cli import corpus
from tollwatch.cli import main

BAGHDAD = """Car bomb kills 9 in Baghdad

A car bomb exploded near a market in Baghdad's Sadr City district on Monday, killing nine people
and wounding 20, police said.
"""


def _run(db: Path, tsv: Path, *sources: Path) -> None:
    for source in sources:
        result = CliRunner().invoke(
            main, ["run", str(source), "--db", str(db), "-q", "--published-map", str(tsv)]
        )
        assert result.exit_code in (0, 1), result.output


def _ids(db: Path) -> list[str]:
    listed = CliRunner().invoke(main, ["incidents", "--db", str(db), "--format", "jsonl"])
    return sorted(json.loads(line)["id"] for line in listed.stdout.splitlines())


def _export(db: Path) -> bytes:
    result = CliRunner().invoke(main, ["export", "jsonl", "--db", str(db)])
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


def test_the_same_articles_give_the_same_incident_ids(tmp_path):
    root = corpus(tmp_path)
    (root / "baghdad.txt").write_text(BAGHDAD, encoding="utf-8")
    tsv = tmp_path / "published.tsv"
    tsv.write_text(
        tsv.read_text(encoding="utf-8") + "baghdad.txt\t2017-01-09T12:00:00+00:00\n",
        encoding="utf-8",
    )
    whole, again, reordered = tmp_path / "1.db", tmp_path / "2.db", tmp_path / "3.db"
    _run(whole, tsv, root)
    _run(again, tsv, root)
    # another order: the later Kabul report first, then the rest one file at a time
    _run(reordered, tsv, root / "sub" / "b.txt", root / "baghdad.txt", root / "a.txt")
    ids = _ids(whole)
    assert len(ids) == 2
    assert _ids(again) == ids == _ids(reordered)
    assert _export(whole) == _export(again) == _export(reordered)
    _run(whole, tsv, root)  # re-running into the same database changes nothing
    assert _ids(whole) == ids


def test_a_correction_follows_when_an_earlier_report_changes_the_id(tmp_path):
    from tollwatch.store import open_store

    root = corpus(tmp_path)
    tsv, db = tmp_path / "published.tsv", tmp_path / "t.db"
    _run(db, tsv, root / "sub" / "b.txt")  # published a day after a.txt
    [first] = _ids(db)
    with open_store(str(db)) as store:
        store.add_review_decision(
            {
                "incident_id": first,
                "action": "correct",
                "field": "killed.best",
                "value": 99,
                "why": "hospital",
                "user_name": "ana",
            }
        )
    _run(db, tsv, root / "a.txt")  # the earlier report joins: the anchor, hence the id, changes
    [now] = _ids(db)
    assert now != first
    with open_store(str(db)) as store:
        [decision] = store.list_review_decisions(now)
        assert decision["history"][0]["from"] == first and decision["needs_review"] is None
        assert store.count_incidents(min_killed=99) == 1
