"""The CLI end to end on small corpora the tests write themselves (offline)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from tollwatch.cli import main

ARTICLE_A = """Bomb kills 12 at Kabul bus stop

A bomb hidden in a handcart exploded at a crowded bus stop in Kabul on Tuesday morning, killing
12 people and wounding at least 30 others, the interior ministry said.
"""
ARTICLE_B = """Kabul blast toll rises

The death toll from Tuesday's bombing at a bus stop in Kabul rose to 15, a health ministry
spokesman said on Wednesday.
"""
NOT_INCIDENT = """Budget approved

Lawmakers approved the annual budget on Monday after a long debate, and an amendment on fuel
taxes was killed in committee.
"""


def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    (root / "sub" / "b.txt").write_text(ARTICLE_B, encoding="utf-8")
    (root / "politics.txt").write_text(NOT_INCIDENT, encoding="utf-8")
    (root / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 200)
    (root / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "published.tsv").write_text(
        "a.txt\t2017-01-10T09:00:00+00:00\nsub/b.txt\t2017-01-11T08:00:00+00:00\n", encoding="utf-8"
    )
    return root


def test_run_stores_incidents_and_reports_failures(tmp_path):
    root = corpus(tmp_path)
    db = str(tmp_path / "t.db")
    runner = CliRunner()
    result = runner.invoke(
        main,
        [
            "run",
            str(root),
            "--db",
            db,
            "-q",
            "--published-map",
            str(tmp_path / "corpus" / ".." / "published.tsv"),
        ],
    )
    assert result.exit_code == 1, result.output  # bad files make the run exit 1 ...
    summary = json.loads(result.stdout)
    assert summary["failures"] == {"not_text": 1, "empty": 1}  # ... but the rest is processed
    assert summary["articles_new"] == 3
    listed = runner.invoke(main, ["incidents", "--db", db])
    incidents = json.loads(listed.stdout)
    assert len(incidents) == 1  # the two Kabul reports are one incident
    [inc] = incidents
    assert inc["location"]["country"] == "AF"
    assert inc["date"] == "2017-01-10"
    assert len(inc["article_ids"]) == 2
    assert inc["killed"]["low"] == 12 and inc["killed"]["high"] == 15
    shown = runner.invoke(main, ["show", inc["id"], "--db", db])
    assert shown.exit_code == 0 and "interior ministry" in shown.stdout

    # re-ingesting the same input adds nothing and loses nothing
    again = runner.invoke(
        main,
        [
            "run",
            str(root),
            "--db",
            db,
            "-q",
            "--published-map",
            str(tmp_path / "corpus" / ".." / "published.tsv"),
        ],
    )
    summary2 = json.loads(again.stdout)
    assert summary2["articles_new"] == 0 and summary2["articles_skipped"] == 3
    assert summary2["incidents"] == 1
    csv_out = runner.invoke(main, ["incidents", "--db", db, "--format", "csv"])
    assert csv_out.stdout.splitlines()[0].startswith("id,date,country")
    assert runner.invoke(main, ["incidents", "--db", db, "--country", "SY"]).stdout.strip() == "[]"
    failures = runner.invoke(main, ["failures", "--db", db])
    reasons = sorted(json.loads(line)["reason"] for line in failures.stdout.splitlines())
    assert "not_text" in reasons and "empty" in reasons


def test_extract_jsonl_without_database(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE_A, encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(path), "--published", "2017-01-10"])
    assert result.exit_code == 0, result.output
    [line] = result.stdout.splitlines()
    record = json.loads(line)
    [report] = record["reports"]
    assert report["date"] == "2017-01-10"
    assert report["location"]["country"] == "AF"
    kinds = {(f["kind"], f["low"], f["qualifier"]) for f in report["figures"]}
    assert ("killed", 12, "exact") in kinds and ("injured", 30, "at least") in kinds
    assert {f["attributed_to"] for f in report["figures"]} == {"interior ministry"}
    for key in (
        "id",
        "article_id",
        "date",
        "date_precision",
        "location",
        "event_type",
        "sub_event_type",
        "attack_type",
        "perpetrators",
        "victims",
        "targets",
        "weapons",
        "killed",
        "injured",
        "figures",
    ):
        assert key in report


def test_extract_without_publication_date_says_so(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE_A, encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(path)])
    record = json.loads(result.stdout.splitlines()[0])
    assert record["published_known"] is False
    assert record["reports"][0]["date"] is None
    assert record["reports"][0]["date_evidence"]["text"] == "Tuesday"


def test_usage_errors_exit_2(tmp_path):
    runner = CliRunner()
    result = runner.invoke(main, ["extract", "x.txt", "--published", "not-a-date"])
    assert result.exit_code == 2
    result = runner.invoke(main, ["show", "i_missing", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2 and "Error:" in result.output


def test_debug_text_shows_figures():
    result = CliRunner().invoke(
        main,
        [
            "debug",
            "text",
            "Gunmen killed 7 villagers in Borno on Sunday.",
            "--published",
            "2020-01-06",
        ],
    )
    data = json.loads(result.stdout)
    figs = [f for s in data["sentences"] for f in s["figures"]]
    assert figs and figs[0]["low"] == 7
