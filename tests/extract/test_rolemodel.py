"""The learned role model: its decisions with the rules, its file, and its training."""

from __future__ import annotations

import numpy as np
import pytest

from tollwatch.evaluate.train_roles import fit
from tollwatch.extract.rolemodel import CLASSES, Candidate, RoleModel, combine, confident
from tollwatch.types import Actor, Evidence, Mention


def mention(text: str, start: int) -> Mention:
    return Mention(text, None, Evidence("a", start, start + len(text), text))


def cand(text: str, start: int, rule: str = "O") -> Candidate:
    return Candidate(mention(text, start), 0, rule, ("bias",))


def probs(**p: float) -> dict[str, float]:
    out = {c: 0.0 for c in CLASSES}
    out.update(p)
    out["O"] = 1.0 - sum(v for k, v in out.items() if k != "O")
    return out


def test_rule_target_dropped_only_when_the_model_is_sure():
    rule_target = mention("proposed ban", 10)
    lexicon_target = mention("power station", 40)
    classified = [
        (cand("proposed ban", 10, "Target"), probs(Target=0.05)),
        (cand("power station", 40, "Target"), probs(Target=0.01)),
    ]
    _, targets, _, _ = combine(classified, [], [rule_target, lexicon_target], [], [], {(40, 53)})
    assert [t.text for t in targets] == ["power station"]


def test_victims_and_named_actors_always_stay():
    victim = mention("peasants", 0)
    org = Actor("the army", "army", "organization", evidence=Evidence("a", 20, 28, "the army"))
    classified = [
        (cand("peasants", 0, "Victim"), probs()),
        (cand("the army", 20, "PerpOrg"), probs()),
    ]
    actors, _, victims, _ = combine(classified, [org], [], [victim], [])
    assert victims == [victim] and actors == [org]


def test_confident_phrases_are_added_but_never_places_nor_organisations():
    classified = [
        (cand("fourth bomber", 0), probs(PerpInd=0.9)),
        (cand("two gunmen", 14), probs(PerpInd=0.5)),
        (cand("Islamic State", 90), probs(PerpOrg=0.95)),
        (cand("Tartus", 30), probs(Target=0.9)),
        (cand("the market", 50), probs(Target=0.3)),
        (cand("a nearby clinic", 70), probs(Target=0.8)),
    ]
    actors, targets, _, _ = combine(classified, [], [], [], [], places=[(30, 36)])
    assert [t.text for t in targets] == ["a nearby clinic"]
    # an attacker only when the model is very sure, as an individual described; no organisation
    assert [(a.text, a.name, a.kind) for a in actors] == [
        ("fourth bomber", "unidentified fourth bomber", "individual")
    ]


def test_sentences_without_event_words_pass_only_confident_roles():
    classified = [
        (cand("a judge", 0), probs(Victim=0.8)),
        (cand("a letter", 10), probs(Weapon=0.9)),
    ]
    actors, targets, victims, weapons = confident(classified, [])
    assert [v.text for v in victims] == ["a judge"] and weapons == [] and actors == []


def test_fit_learns_a_separable_signal_and_saves(tmp_path):
    examples = [(("bias", "h=bomb"), CLASSES.index("Weapon"))] * 30 + [
        (("bias", "h=minister"), CLASSES.index("O"))
    ] * 30
    model = fit(examples, epochs=20)
    assert model.probabilities(("bias", "h=bomb"))["Weapon"] > 0.6
    assert model.probabilities(("bias", "h=minister"))["O"] > 0.6
    path = tmp_path / "m.npz"
    model.save(path)
    with np.load(path) as z:
        again = RoleModel({f: i for i, f in enumerate(z["vocab"].tolist())}, z["weights"], CLASSES)
    assert again.probabilities(("h=bomb",))["Weapon"] == pytest.approx(
        model.probabilities(("h=bomb",))["Weapon"], abs=0.01
    )


def test_the_shipped_model_loads():
    model = RoleModel.load()
    assert model is not None and model.classes == CLASSES and len(model.vocab) > 1000


def test_an_attacker_the_model_adds_goes_by_the_fullest_name_of_the_article():
    from tollwatch.extract.pipeline import _full_names

    added = Actor("Aguilar Marroquin", "unidentified aguilar marroquin", "individual")
    group = Actor("ERP", "People's Revolutionary Army", "organization")
    out = _full_names([added, group], ["Ruth Esperanza Aguilar Marroquin"])
    assert [a.text for a in out] == ["Ruth Esperanza Aguilar Marroquin", "ERP"]
