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


def test_a_month_next_to_a_day_number_gets_its_capital():
    from tollwatch.extract.truecase import CaseRestorer

    text = CaseRestorer().restore(
        "ON 11 MAY A BOMB DESTROYED A BUILDING IN LIMA. ON MARCH 3 THE POLICE SAID IT MAY HAPPEN "
        "AGAIN."
    )
    assert "11 May" in text and "March 3" in text and "it may happen" in text


def test_a_capitals_date_with_may_dates_the_incident(extractor):
    from datetime import UTC, date, datetime

    from tollwatch.types import Article

    text = "LIMA, 14 MAY 90 -- ON 11 MAY A BOMB DESTROYED A BUILDING OWNED BY THE MAYOR OF LIMA."
    out = extractor.extract(Article(id="c", text=text, published=datetime(1990, 5, 14, tzinfo=UTC)))
    assert [r.date for r in out if not r.is_reference] == [date(1990, 5, 11)]


def test_unseen_common_words_stay_in_lower_case_and_unseen_names_get_a_capital():
    from tollwatch.extract.truecase import CaseRestorer

    text = CaseRestorer(common=frozenset({"cattleman", "abduct"})).restore(
        "GUNMEN MACHINEGUNNED THE CAR OF A CATTLEMAN IN ZARAGOZA, KILLING ONE OF HIS BODYGUARDS "
        "AND WOUNDING ANSELMO QUIJANO. TWO WORKERS WERE ABDUCTED."
    )
    # an inflection of a word only ever seen in lower case, a lexicon word and its inflections
    # are no names
    assert "machinegunned" in text and "bodyguards" in text and "cattleman" in text
    assert "were abducted" in text
    assert "Anselmo Quijano" in text and "Zaragoza" in text


def test_a_toll_in_capitals_counts_every_victim_of_a_list(extractor):
    from datetime import UTC, datetime

    from tollwatch.types import Article

    text = (
        "SAN SALVADOR, 14 APR 89 -- THE MINISTER WAS SERIOUSLY WOUNDED THIS MORNING IN A "
        "TERRORIST ATTACK IN WHICH HIS DRIVER AND ONE OF HIS BODYGUARDS WERE KILLED."
    )
    out = extractor.extract(Article(id="t", text=text, published=datetime(1989, 4, 14, tzinfo=UTC)))
    assert [r.killed.best for r in out if not r.is_reference] == [2]


def test_only_the_dateline_dash_opens_a_sentence():
    from tollwatch.extract.truecase import CaseRestorer

    out = CaseRestorer().restore(
        "CARACAS, 15 JUL 89 -- A REPORT SAID THAT GUNMEN KIDNAPPED THE MAYOR -- A FRIEND OF THE "
        "PRESIDENT -- IN THE NORTHERN TOWN OF CUCUTA."
    )
    assert "-- A report said" in out
    assert "-- a friend of the President -- in the northern town" in out
