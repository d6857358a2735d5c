from __future__ import annotations

from tests.evaluate.helpers import report
from tollwatch.evaluate.gtt import gold_templates, predicted_template, score_document


def _gold(kind: str, **roles) -> dict:
    t = {"incident_type": kind}
    for role in ("PerpInd", "PerpOrg", "Target", "Victim", "Weapon"):
        t[role] = [[[m, 0] for m in entity] for entity in roles.get(role, [])]
    return t


def _pred(kind: str, **roles) -> dict:
    t = {"incident_type": kind}
    for role in ("PerpInd", "PerpOrg", "Target", "Victim", "Weapon"):
        t[role] = [[m] for m in roles.get(role, [])]
    return t


def test_gold_normalised_empty_entities_dropped_duplicates_kept_once():
    raw = [_gold("attack", PerpOrg=[["The FMLN."]]), _gold("attack", PerpOrg=[["the fmln"]])]
    raw[0]["Victim"] = [[]]
    golds = gold_templates(raw)
    assert golds == [
        {
            "incident_type": "attack",
            "PerpInd": [],
            "PerpOrg": [["fmln"]],
            "Target": [],
            "Victim": [],
            "Weapon": [],
        }
    ]


def test_perfect_document():
    golds = gold_templates([_gold("bombing", PerpOrg=[["shining path"]], Weapon=[["car bomb"]])])
    doc = score_document([_pred("bombing", PerpOrg=["shining path"], Weapon=["car bomb"])], golds)
    assert doc.mapping == {0: 0}
    assert all(c.p_num == c.p_den and c.r_num == c.r_den for c in doc.counts.values())


def test_type_must_match_to_map():
    golds = gold_templates([_gold("kidnapping", Victim=[["juan perez"]])])
    doc = score_document([_pred("attack", Victim=["juan perez"])], golds)
    assert doc.mapping == {}
    assert doc.counts["Victim"].p_den == 1 and doc.counts["Victim"].p_num == 0
    assert doc.counts["Victim"].r_den == 1 and doc.counts["Victim"].r_num == 0
    assert doc.counts["incident_type"].p_den == 1 and doc.counts["incident_type"].r_den == 1


def test_type_alternatives_and_mention_alternatives():
    golds = gold_templates([_gold("bombing / attack", Target=[["national bank", "bank offices"]])])
    doc = score_document([_pred("attack", Target=["bank offices", "street"])], golds)
    assert doc.mapping == {0: 0}
    t = doc.counts["Target"]
    assert (t.p_num, t.p_den, t.r_num, t.r_den) == (1, 2, 1, 1)


def test_best_mapping_maximises_f1():
    golds = gold_templates(
        [
            _gold("attack", Victim=[["ana"]]),
            _gold("attack", Victim=[["bea"]], Weapon=[["rifle"]]),
        ]
    )
    doc = score_document([_pred("attack", Victim=["bea"], Weapon=["rifle"])], golds)
    assert doc.mapping == {0: 1}
    assert doc.counts["incident_type"].r_den == 2


def test_predicted_template_from_report():
    r = report(
        perps=(("gunmen", "individual"), ("FMLN", "organization")),
        targets=("The Bank",),
        victims=("Mayor Ana Lopez", "the mayor"),
        weapons=("rifles",),
    )
    assert predicted_template(r) == {
        "incident_type": "attack",
        "PerpInd": [["gunmen"]],
        "PerpOrg": [["fmln"]],
        "Target": [["bank"]],
        "Victim": [["mayor ana lopez"]],
        "Weapon": [["rifles"]],
    }


def test_gtt_victims_are_names_not_nouns_of_people():
    """GTT's Victim entities are named people: one capitalised word is a surname ("Cifuentes"),
    not a noun of people the model capitalised ("Jesuits")."""
    r = report(victims=("Jesuits", "Cifuentes", "Students", "peasants"))
    assert predicted_template(r)["Victim"] == [["cifuentes"]]


def test_fallback_when_too_many_mappings(monkeypatch):
    from tollwatch.evaluate import gtt

    monkeypatch.setattr(gtt, "MAX_MAPPINGS", 1)
    golds = gold_templates([_gold("attack", Victim=[["ana"]]), _gold("attack", Victim=[["bea"]])])
    doc = score_document([_pred("attack", Victim=["bea"]), _pred("attack", Victim=["ana"])], golds)
    assert doc.approximate and doc.mapping == {0: 1, 1: 0}
