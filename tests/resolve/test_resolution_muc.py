"""Resolution scored on MUC-4 (tollwatch eval-resolve --dataset muc4): the gold rule on tiny
invented keys, the whole evaluation on invented messages with canned reports, and checks on the
real keys in ../shared (skipped when they are absent)."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import SHARED
from tests.evaluate.helpers import FakeExtractor, report
from tollwatch.cli import main
from tollwatch.config import Settings
from tollwatch.evaluate.muc_gold import GoldIncident
from tollwatch.evaluate.muc_keys import DateSpan, GoldLocation
from tollwatch.evaluate.resolution_muc import (
    evaluate_muc_resolution,
    gold_clusters,
    hand_checked,
    same_incident,
    select_documents,
    with_hand_checks,
)
from tollwatch.types import Location

SLOTS = [
    "MESSAGE: ID",
    "MESSAGE: TEMPLATE",
    "INCIDENT: DATE",
    "INCIDENT: LOCATION",
    "INCIDENT: TYPE",
] + ["OTHER SLOT"] * 20


def gold(
    doc: str,
    number: str = "1",
    *,
    kind: str = "BOMBING",
    day: date = date(1990, 3, 11),
    place: str = "LIMA",
    country: str = "PE",
    targets: tuple[str, ...] = ("NATIONAL BANK",),
    victims: tuple[str, ...] = (),
) -> GoldIncident:
    return GoldIncident(
        doc_id=doc,
        number=number,
        optional=False,
        types=(kind,),
        stage=None,
        dates=(DateSpan(day, day),),
        locations=(GoldLocation(country, "X", (place,) if place else ()),),
        targets=tuple((t,) for t in targets),
        victims=tuple((v,) for v in victims),
    )


def test_the_gold_rule():
    a = gold("DEV-MUC3-0001", targets=("OFFICES OF THE NATIONAL BANK", "NATIONAL BANK"))
    assert same_incident(a, gold("DEV-MUC3-0002"))
    assert not same_incident(a, gold("DEV-MUC3-0001", "2"))  # one message
    assert not same_incident(a, gold("DEV-MUC3-0002", kind="KIDNAPPING"))
    assert not same_incident(a, gold("DEV-MUC3-0002", place="CUSCO"))
    # a key that stops at the country joins only about the day the other gives: that day, or
    # dated (or "on or before") up to COUNTRY_DATE_TOLERANCE_DAYS after it
    assert same_incident(a, gold("DEV-MUC3-0002", place=""))
    assert not same_incident(a, gold("DEV-MUC3-0002", place="", country="BO"))
    assert same_incident(a, gold("DEV-MUC3-0002", place="", day=date(1990, 3, 12)))
    assert not same_incident(a, gold("DEV-MUC3-0002", place="", day=date(1990, 3, 14)))
    for end in (date(1990, 3, 11), date(1990, 3, 13)):
        before = dataclasses.replace(gold("B", place=""), dates=(DateSpan(None, end),))
        assert same_incident(a, before)
    before = dataclasses.replace(gold("B", place=""), dates=(DateSpan(None, date(1990, 3, 20)),))
    assert not same_incident(a, before)  # "on or before" a day a week later: any day of 60
    assert not same_incident(
        gold("A", place="", targets=("MRS",)), gold("B", place="", targets=("MRS",))
    )  # a title alone names nobody
    assert not same_incident(a, gold("DEV-MUC3-0002", day=date(1990, 4, 20)))
    assert not same_incident(a, gold("DEV-MUC3-0002", targets=("MINISTRY",)))
    # generic descriptions do not identify an incident; longer names contain shorter ones
    assert not same_incident(
        gold("A", targets=("PEOPLE", "BODYGUARDS")), gold("B", targets=("PEOPLE", "BODYGUARDS"))
    )
    assert same_incident(
        gold("A", targets=(), victims=("ANTONIO RODRIGUEZ PORTH",)),
        gold("B", targets=(), victims=("JOSE ANTONIO RODRIGUEZ PORTH",)),
    )
    # "on or before" spans overlap the exact date
    before = dataclasses.replace(gold("B"), dates=(DateSpan(None, date(1990, 3, 20)),))
    assert same_incident(a, before)


def test_the_named_victim_rule():
    # team-written keys: the murder of a (made-up) mayor, filed from the town on the day and by a
    # follow-up that names only the country, a day later, and calls it a kidnapping
    def named(doc, *names, place="HUANTA", day=date(1990, 3, 11), kind="ATTACK", **kw):
        g = gold(doc, kind=kind, place=place, day=day, targets=(), victims=names, **kw)
        return dataclasses.replace(g, victim_names=names)

    town = named("A", "JULIO CESAR QUISPE")
    assert same_incident(town, named("B", "JULIO QUISPE", place=""))  # country only
    assert same_incident(town, named("B", "JULIO CESAR QUISPE", kind="KIDNAPPING"))
    assert same_incident(town, named("B", "JULIO CESAR QUISPE", day=date(1990, 3, 12)))
    assert not same_incident(town, named("B", "JULIO CESAR QUISPE", day=date(1990, 3, 13)))
    assert not same_incident(town, named("B", "JULIO CESAR QUISPE", place="AYACUCHO"))
    assert not same_incident(town, named("B", "JULIO CESAR QUISPE", country="BO", place=""))
    assert not same_incident(town, named("B", "QUISPE", place=""))  # one word names nobody
    assert not same_incident(town, named("B", "MARIA QUISPE", place=""))
    # a name only in the descriptions (no HUM TGT: NAME) does not pin the incident
    assert not same_incident(town, gold("B", place="", targets=(), victims=("JULIO CESAR QUISPE",)))


def test_optional_names_do_not_count(tmp_path):
    from tollwatch.evaluate.muc_gold import gold_incident
    from tollwatch.evaluate.muc_keys import parse_keys

    text = _key("DEV-MUC3-0001", {1: "1", 18: '"JULIO CESAR QUISPE"'}) + _key(
        "DEV-MUC3-0002", {1: "1", 18: '? "JULIO CESAR QUISPE"'}
    )
    keys = parse_keys(text)
    sure, unsure = (gold_incident(keys[d][0]) for d in ("DEV-MUC3-0001", "DEV-MUC3-0002"))
    assert sure.victim_names == ("JULIO CESAR QUISPE",) and unsure.victim_names == ()


def test_clusters_are_transitive_but_never_join_two_templates_of_one_message():
    golds = [gold("D1"), gold("D2"), gold("D3"), gold("D3", "2"), gold("D4", place="CUSCO")]
    clusters = gold_clusters(golds)
    assert clusters[("D1", "1")] == clusters[("D2", "1")] == "D1#1"
    assert len({clusters[("D3", "1")], clusters[("D3", "2")]}) == 2
    assert clusters[("D3", "1")] == "D1#1"  # the first template of D3 joins, the second cannot
    assert clusters[("D4", "1")] == "D4#1"
    clustered, distractors = select_documents(clusters)
    assert clustered == ["D1", "D2", "D3"] and distractors == ["D4"]


# -- the whole evaluation on invented messages ---------------------------------------------------
def _key(doc: str, slots: dict[int, str]) -> str:
    lines = []
    for n, name in enumerate(SLOTS):
        value = doc if n == 0 else slots.get(n, "-")
        lines.append(f"{n}.{' ' * (3 - len(str(n)))} {name:<30}{value}")
    return "\n".join(lines) + "\n\n"


def _write_corpus(root: Path) -> None:
    folder = root / "muc34_raw" / "TASK" / "CORPORA" / "tst1"
    folder.mkdir(parents=True)
    bank = {1: "1", 2: "11 MAR 90", 3: "PERU: LIMA (CITY)", 4: "BOMBING", 12: '"NATIONAL BANK"'}
    keys = _key("TST1-MUC3-0001", bank) + _key("TST1-MUC3-0002", bank)
    keys += _key(
        "TST1-MUC3-0003",
        {1: "1", 2: "12 MAR 90", 3: "PERU: CUSCO (CITY)", 4: "ATTACK", 12: '"POWER PYLON"'},
    )
    (folder / "key-tst1.v7").write_text(keys, encoding="latin-1")
    texts = ""
    for n, (place, day, body) in enumerate(
        [
            ("LIMA", "12 MAR 90", "A BOMB DAMAGED THE NATIONAL BANK IN LIMA."),
            ("LIMA", "12 MAR 90", "THE NATIONAL BANK IN LIMA WAS BOMBED LAST NIGHT."),
            ("CUSCO", "13 MAR 90", "REBELS ATTACKED A POWER PYLON NEAR CUSCO."),
        ],
        1,
    ):
        texts += f"TST1-MUC3-000{n}\n\n   {place}, {day} (EFE) -- [TEXT] {body}\n\n\n"
    (folder / "tst1-muc3").write_text(texts, encoding="latin-1")


def _canned(doc: str, rid: str, place: str, day: date, **kw) -> object:
    lat, lon = (-12.05, -77.04) if place == "Lima" else (-13.53, -71.97)
    r = report(rid, place=place, country="PE", day=day, **kw)
    loc = Location(place, "PE", "Lima" if place == "Lima" else "Cusco", lat, lon, "city")
    return dataclasses.replace(r, article_id=doc, location=loc)


def test_evaluation_on_invented_messages(tmp_path):
    _write_corpus(tmp_path)
    bomb = {
        "event_type": "Explosions/Remote violence",
        "sub": "Remote explosive/landmine/IED",
        "attack": "Bombing/Explosion",
        "targets": ("National Bank",),
    }
    extractor = FakeExtractor(
        {
            "TST1-MUC3-0001": [_canned("TST1-MUC3-0001", "r1", "Lima", date(1990, 3, 11), **bomb)],
            "TST1-MUC3-0002": [_canned("TST1-MUC3-0002", "r2", "Lima", date(1990, 3, 11), **bomb)],
            "TST1-MUC3-0003": [
                _canned(
                    "TST1-MUC3-0003", "r3", "Cusco", date(1990, 3, 12), targets=("power pylon",)
                )
            ],
        }
    )
    result = evaluate_muc_resolution(tmp_path, Settings(), extractor, split="tst1")
    assert [a.id for a in extractor.seen] == ["TST1-MUC3-0001", "TST1-MUC3-0002", "TST1-MUC3-0003"]
    assert result["gold_multi_message_clusters"] == 1
    assert result["documents_in_clusters"] == 2 and result["distractor_documents"] == 1
    assert result["items"] == 3 and result["templates_unaligned"] == 0
    assert result["pairwise"]["gold_pairs"] == 1
    assert result["pairwise"]["f1"] == 1.0 and result["bcubed"]["f1"] == 1.0
    assert result["cross_country_merges"] == 0
    assert result["false_merges"] == [] and result["false_splits"] == []
    assert result["hand_checked"]["keys_moved"] == 0  # no listed key in these messages
    assert result["hand_checked"]["pairwise"] == result["pairwise"]


def test_hand_checked_keys_join_their_anchor_but_never_beside_their_own_message():
    clusters = {
        ("D1", "1"): "D1#1",
        ("D2", "1"): "D1#1",  # the rule's cluster of the incident
        ("D3", "1"): "D3#1",  # a follow-up the rule left alone
        ("D2", "2"): "D2#2",  # another template of a message already in the cluster
        ("D4", "1"): "D4#1",
    }
    checked = [
        (("D1", "1"), ("D3", "1")),
        (("D1", "1"), ("D2", "2")),
        (("D1", "1"), ("D9", "1")),  # a key of no document scored
    ]
    out, moved = with_hand_checks(clusters, checked)
    assert out[("D3", "1")] == "D1#1" and moved == 1
    assert out[("D2", "2")] == "D2#2" and out[("D4", "1")] == "D4#1"
    assert clusters[("D3", "1")] == "D3#1"  # the rule's labels are left as they were


def test_the_hand_checked_file_reads_as_pairs_of_keys():
    pairs = hand_checked()
    assert len(pairs) >= 30
    assert all(len(a) == 2 and len(k) == 2 and a != k for a, k in pairs)
    assert (("DEV-MUC3-0014", "1"), ("TST2-MUC4-0074", "1")) in pairs


def test_cli_says_what_is_missing(tmp_path):
    out = CliRunner().invoke(
        main, ["eval-resolve", "--dataset", "muc4", "--data-dir", str(tmp_path)]
    )
    assert out.exit_code == 2 and "MUC-4 data not found" in out.output


# -- the real keys --------------------------------------------------------------------------------
DATASETS = SHARED / "datasets"


@pytest.mark.skipif(not (DATASETS / "muc34_raw").exists(), reason="../shared MUC-4 is absent")
def test_real_keys_give_the_known_incidents():
    from tollwatch.evaluate import muc_corpus
    from tollwatch.evaluate.muc_gold import gold_incident

    texts, keys = muc_corpus(DATASETS, "dev+tst1+tst2")
    golds = [gold_incident(t, texts[d].published) for d, ts in keys.items() for t in ts]
    clusters = gold_clusters(golds)
    jesuits = clusters[("DEV-MUC3-0014", "1")]
    assert clusters[("TST2-MUC4-0025", "1")] == jesuits  # the Jesuit murders, 16 Nov 1989
    assert clusters[("DEV-MUC3-0395", "1")] == clusters[("DEV-MUC3-0351", "1")]  # Galan
    assert clusters[("TST2-MUC4-0075", "1")] == clusters[("DEV-MUC3-0620", "1")]  # FENASTRAS
    assert clusters[("DEV-MUC3-0014", "1")] != clusters[("DEV-MUC3-0620", "1")]
    # keys that stop at the country: "- 18 NOV 89" (Mexico condemns the Jesuits' murder) and
    # "15 NOV 89" join the Jesuit murders of 16 November
    assert clusters[("DEV-MUC3-0861", "1")] == jesuits
    assert clusters[("DEV-MUC3-0800", "2")] == jesuits
    clustered, distractors = select_documents(clusters)
    assert len(clustered) > 100
    assert 0.8 * len(clustered) < len(distractors) <= len(clustered)  # every single one left
    assert not set(clustered) & set(distractors)
