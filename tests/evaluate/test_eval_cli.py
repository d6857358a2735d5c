"""``tollwatch eval`` on the tiny fixtures with the real extractor."""

from __future__ import annotations

import json

from click.testing import CliRunner

from tests.evaluate.helpers import DATASETS, SEED
from tollwatch.cli import main


def test_eval_all_json_and_errors(tmp_path):
    errors = tmp_path / "errors.jsonl"
    out = tmp_path / "out.json"
    result = CliRunner().invoke(
        main,
        [
            "eval",
            "--data-dir",
            str(DATASETS),
            "--seed-dir",
            str(SEED),
            "--split",
            "tst1",
            "--format",
            "json",
            "--output",
            str(out),
            "--errors",
            str(errors),
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text())
    assert [d["dataset"] for d in data] == ["muc4", "gtt", "seed", "wikievents"]
    assert data[0]["split"] == "tst1" and data[1]["split"] == "dev"
    assert data[0]["docs"] == 3
    for line in errors.read_text().splitlines():
        assert json.loads(line)["dataset"] in ("muc4", "gtt", "seed", "wikievents")


def test_eval_usage_errors(tmp_path):
    runner = CliRunner()
    bad_split = runner.invoke(main, ["eval", "--dataset", "gtt", "--split", "tst2"])
    assert bad_split.exit_code == 2 and "split" in bad_split.output
    nothing = runner.invoke(
        main, ["eval", "--data-dir", str(tmp_path), "--seed-dir", str(tmp_path)]
    )
    assert nothing.exit_code == 2 and "no evaluation data" in nothing.output
    missing = runner.invoke(main, ["eval", "--dataset", "muc4", "--data-dir", str(tmp_path)])
    assert missing.exit_code == 2 and "not found" in missing.output
