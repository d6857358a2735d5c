"""Case restoration gives the same text in every process (Python's string hashing changes
the order of sets from one run to the next)."""

from __future__ import annotations

import os
import subprocess
import sys

SCRIPT = (
    "from tollwatch.extract.truecase import CaseRestorer; "
    "print(CaseRestorer().restore('ATLACATL BATTALION TROOPS ATTACKED THE TOWN OF SAN MIGUEL "
    "TODAY. THE ARMY SAID THAT THE BATTALION TROOPS KILLED TWO GUERRILLAS NEAR THE BRIDGE.'))"
)


def _restored(seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    return subprocess.run(
        [sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, check=True
    ).stdout


def test_restored_case_does_not_depend_on_the_hash_seed():
    outputs = {_restored(seed) for seed in ("1", "2", "3")}
    assert len(outputs) == 1 and outputs.pop().strip()
