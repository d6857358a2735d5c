"""WikiEvents gold mapping and scoring, on two team-written documents in the WikiEvents format
(tests/evaluate/data/datasets/wikievents: an attack in Kandahar, a council meeting)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from tests.evaluate.helpers import DATASETS, FakeExtractor, report
from tollwatch.cli import main
from tollwatch.errors import TollwatchError
from tollwatch.evaluate import evaluate_wikievents
from tollwatch.evaluate.report import render
from tollwatch.evaluate.wikievents import gold_role, match_role, read_wikievents, rebuild_text

FOLDER = DATASETS / "wikievents"


def test_text_rebuilt_from_tokens_with_sentence_breaks():
    docs, notes = read_wikievents(FOLDER, "dev")
    attack = docs[0]
    assert attack.text.startswith(
        "Taliban gunmen attacked a police checkpoint in Kandahar on Monday"
    )
    assert "rifles, killing" in attack.text  # no space where the offsets leave none
    assert "officers.\n\nThe militants" in attack.text  # the dataset's own text glues these
    assert attack.sentence_at(attack.text.index("truck")) == "The militants also burned a truck."
    assert attack.to_article().published is None and notes == []
    text, spans = rebuild_text([[[["A", 0, 1], ["b", 2, 3], [".", 3, 4]], "A b."]])
    assert (text, spans) == ("A b.", ((0, 4),))


def test_gold_mapping_roles_and_incident():
    attack, council = read_wikievents(FOLDER, "dev")[0]
    assert attack.incident and not council.incident  # a meeting is no incident event
    names = {role: [e.name for e in es] for role, es in attack.roles.items()}
    # gunmen (Attacker, Killer), militants (Attacker), the group and Taliban are one cluster:
    # one perpetrator entity; the police (Jailer of an arrest) and the suspect are in no role
    assert names == {
        "perpetrators": ["gunmen"],
        "victims": ["officers"],
        "targets": ["checkpoint", "truck"],
        "weapons": ["rifles"],
        "places": ["Kandahar"],
    }
    assert set(attack.roles["perpetrators"][0].mentions) == {
        "gunmen",
        "militants",
        "group",
        "Taliban",
    }
    assert gold_role("Conflict.Attack.Unspecified", "Target", "PER") == "victims"
    assert gold_role("Conflict.Attack.DetonateExplode", "Target", "GPE") is None
    assert gold_role("Conflict.Attack.DetonateExplode", "ExplosiveDevice", "WEA") == "weapons"
    assert gold_role("Justice.ArrestJailDetain.Unspecified", "Jailer", "ORG") is None
    assert gold_role("Conflict.Demonstrate.DemonstrateWithViolence", "Demonstrator", "PER") == (
        "perpetrators"
    )


def test_match_role_strict_head_and_coreference():
    gold = [("gunmen", "militants", "Taliban"), ("officers",)]
    strict = match_role([("the Taliban gunmen",), ("police",)], gold)
    head = match_role([("the Taliban gunmen",), ("police",)], gold, head=True)
    assert (strict.counts.p_num, strict.counts.r_num) == (0, 0)
    assert (head.counts.p_num, head.counts.p_den, head.counts.r_num, head.counts.r_den) == (
        1,
        2,
        1,
        2,
    )
    assert head.spurious == ["police"] and head.missed == ["officers"]
    # two mentions of one cluster: both predictions right, the entity found once
    both = match_role([("Taliban",), ("The militants",)], gold)
    assert (both.counts.p_num, both.counts.p_den, both.counts.r_num, both.counts.r_den) == (
        2,
        2,
        1,
        2,
    )
    # a place matches by its toponym as written or by the gazetteer's name
    assert match_role([("Qandahar", "Kandahar")], [("Kandahar",)]).counts.p_num == 1
    # different head words never match
    assert match_role([("police station",)], [("checkpoint",)], head=True).counts.p_num == 0


def test_evaluate_wikievents_counts():
    ex = FakeExtractor(
        {
            "team_attack_1": [
                report(
                    perps=(("Taliban gunmen", "organization"),),
                    victims=("two police officers",),
                    targets=("police checkpoint",),
                    weapons=("rifles", "grenade"),
                    place="Kandahar",
                )
            ],
            "team_council_2": [report("r2", victims=("council members",))],
        }
    )
    res = evaluate_wikievents(DATASETS, "dev", extractor=ex)
    m = res.metrics
    assert all(a.published is None for a in ex.seen)
    assert m["detection"]["p_num"] == 1 and m["detection"]["p_den"] == 2
    assert m["detection"]["r_num"] == 1 and m["detection"]["r_den"] == 1
    head, strict = m["roles_head"], m["roles"]
    assert (head["perpetrators"]["p_num"], strict["perpetrators"]["p_num"]) == (1, 0)
    assert (head["victims"]["p_num"], head["victims"]["p_den"]) == (1, 2)  # council members: no
    assert (head["targets"]["r_num"], head["targets"]["r_den"]) == (1, 2)  # the truck is missed
    assert (strict["weapons"]["p_num"], strict["weapons"]["p_den"]) == (1, 2)
    assert strict["places"]["f1"] == 100.0 and m["place_of_gold"]["hits"] == 1
    assert m["gold"]["entities"] == {
        "perpetrators": 1,
        "victims": 1,
        "targets": 2,
        "weapons": 1,
        "places": 1,
    }
    rec = {r["doc_id"]: r for r in res.errors}
    assert rec["team_council_2"]["detection"] == "spurious"
    missed = rec["team_attack_1"]["roles"]["targets"]["missed"]
    assert (
        missed[0]["name"] == "truck"
        and missed[0]["sentence"] == "The militants also burned a truck."
    )
    assert rec["team_attack_1"]["roles"]["perpetrators"]["head_only"] == ["taliban gunmen"]
    text = render([res], "markdown")
    assert "WikiEvents dev: 2 articles, 1 with incident events" in text and "| micro |" in text


def test_unknown_split_and_missing_folder(tmp_path):
    with pytest.raises(TollwatchError):
        read_wikievents(FOLDER, "train")
    with pytest.raises(TollwatchError, match="not found"):
        read_wikievents(tmp_path, "test")


def test_eval_cli_wikievents(tmp_path):
    errors = tmp_path / "errors.jsonl"
    runner = CliRunner()
    result = runner.invoke(
        main,
        ["eval", "--dataset", "wikievents", "--data-dir", str(DATASETS), "--format", "json"]
        + ["--errors", str(errors)],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data[0]["dataset"] == "wikievents" and data[0]["split"] == "dev" and data[0]["docs"] == 2
    for line in errors.read_text().splitlines():
        assert json.loads(line)["dataset"] == "wikievents"
    bad = runner.invoke(main, ["eval", "--dataset", "wikievents", "--split", "tst1"])
    assert bad.exit_code == 2 and "wikievents: dev|test|dev+test" in bad.output
