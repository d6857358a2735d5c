from __future__ import annotations

from dataclasses import replace

from tests.evaluate.helpers import report
from tests.sample_records import simple_report
from tollwatch.evaluate.score import (
    best_assignment,
    match_entities,
    muc_type,
    normalize,
    predicted_from_report,
    without_nationality,
)
from tollwatch.types import Mention


def test_normalize():
    assert normalize('The  "Santo Tomas" Farm.') == "santo tomas farm"
    assert normalize("an FMLN unit") == "fmln unit"


def test_match_entities_alternatives_duplicates_optional():
    gold = [("FARABUNDO MARTI NATIONAL LIBERATION FRONT", "FMLN"), ("SOLDIERS",), ("ARMY",)]
    m = match_entities(
        ["the FMLN", "FMLN", "Farabundo Marti National Liberation Front", "police"],
        gold,
        optional=[("ARMY",)],
    )
    # three distinct predicted strings; two correct; the optional ARMY is not a miss
    assert (m.counts.p_num, m.counts.p_den) == (2, 3)
    assert (m.counts.r_num, m.counts.r_den) == (1, 2)
    assert m.spurious == ["police"] and m.missed == ["SOLDIERS"]


def test_best_assignment_is_optimal_not_greedy():
    scores = {(0, 0): 3.0, (0, 1): 2.5, (1, 0): 2.5, (1, 1): 0.0}
    pairs = best_assignment(2, 2, lambda i, j: scores[i, j], 1.0)
    assert sorted(pairs) == [(0, 1), (1, 0)]  # 5.0 beats the greedy 3.0
    assert best_assignment(1, 1, lambda i, j: 0.5, 1.0) == []


def test_muc_type_mapping():
    assert (
        muc_type(
            report(
                event_type="Explosions/Remote violence",
                sub="Suicide bomb",
                attack="Bombing/Explosion",
            )
        )
        == "BOMBING"
    )
    assert (
        muc_type(
            report(event_type="Explosions/Remote violence", sub="Air/drone strike", attack=None)
        )
        == "ATTACK"
    )
    assert (
        muc_type(report(sub="Abduction/forced disappearance", attack="Hostage Taking (Kidnapping)"))
        == "KIDNAPPING"
    )
    assert (
        muc_type(
            report(attack="Facility/Infrastructure Attack", summary="Rebels burned three buses.")
        )
        == "ARSON"
    )
    assert (
        muc_type(report(attack="Facility/Infrastructure Attack", summary="Rebels blew up a pylon."))
        == "ATTACK"
    )
    assert muc_type(report()) == "ATTACK"


def test_weapon_and_target_entities_collapse_the_mentions_of_one_thing():
    from tollwatch.evaluate.score import target_entities, weapon_entities
    from tollwatch.types import Mention

    def texts(f, words):
        return [m.text for m in f([Mention(w) for w in words])]

    assert texts(weapon_entities, ["car bomb", "bomb"]) == ["car bomb"]
    assert texts(weapon_entities, ["bombs", "bomb"]) == ["bombs"]
    assert texts(weapon_entities, ["bomb", "dynamite"]) == ["dynamite"]
    assert texts(weapon_entities, ["bomb"]) == ["bomb"]
    assert texts(weapon_entities, ["rifles", "grenade"]) == ["rifles", "grenade"]
    assert texts(weapon_entities, ["bullets", "submachine gun"]) == ["submachine gun"]
    assert texts(weapon_entities, ["bullets"]) == ["bullets"]
    farms = ["farm", "La Eminencia farm", "Santo Tomas farm"]
    assert texts(target_entities, farms) == ["La Eminencia farm", "Santo Tomas farm"]
    assert texts(target_entities, ["vehicles", "vehicle"]) == ["vehicles"]
    assert texts(target_entities, ["building"]) == ["building"]


def test_combatants_hurt_in_a_clash_are_no_muc_human_targets():
    hurt = (
        Mention("soldiers", "Military"),
        Mention("rebels", "Terrorists/Non-State Militia"),
        Mention("peasants", "Private Citizens & Property"),
    )
    clash = simple_report("c1", event_type="Battles", sub_event_type="Armed clash", victims=hurt)
    # guerrillas and troops fighting: MUC-4 codes no clash, only the civilians caught in it
    assert predicted_from_report(clash).roles["Victim"] == ("peasants",)
    # a bomb on an army bus is an attack, and its soldiers are its victims
    bus = replace(clash, event_type="Explosions/Remote violence", sub_event_type=None)
    assert predicted_from_report(bus).roles["Victim"] == ("soldiers", "rebels", "peasants")
    # the report keeps all of them
    assert len(clash.victims) == 3


def test_muc_type_follows_the_weapons_as_muc4_defines_bombing():
    def weapons(*pairs: tuple[str, str]) -> tuple[Mention, ...]:
        return tuple(Mention(text, kind) for text, kind in pairs)

    explosion = report(event_type="Explosions/Remote violence", attack="Bombing/Explosion")
    # guns and a device together: an armed attack, not a bombing
    mixed = replace(explosion, weapons=weapons(("rifles", "Firearms"), ("dynamite", "Explosives")))
    assert muc_type(mixed) == "ATTACK"
    # a device and no gun: a bombing, even in a report typed as a clash
    clash = replace(report(event_type="Battles"), weapons=weapons(("car bomb", "Explosives")))
    assert muc_type(clash) == "BOMBING"
    # rockets fired at a garrison keep the report's type
    shelled = replace(
        report(event_type="Explosions/Remote violence", sub="Shelling/artillery/missile attack"),
        weapons=weapons(("rockets", "Explosives")),
    )
    assert muc_type(shelled) == "ATTACK"
    # a kidnapping stays a kidnapping, guns or not
    taken = replace(
        report(sub="Abduction/forced disappearance", attack="Hostage Taking (Kidnapping)"),
        weapons=weapons(("pistols", "Firearms")),
    )
    assert muc_type(taken) == "KIDNAPPING"


def test_a_report_of_several_busy_sites_is_one_template_per_site():
    from tollwatch.evaluate.views import template_views
    from tollwatch.types import Figure, Location, Site

    def dead(n: int, place: str) -> Figure:
        return Figure("killed", n, n, "exact", place=place, is_total=False)

    whole = replace(
        report(
            place="Jableh",
            country="SY",
            perps=(("Islamic State", "organization"),),
            victims=("civilians",),
            targets=("bus station", "hospital"),
            killed=148,
        ),
        sites=(
            Site(
                Location("Jableh", "SY"),
                targets=(Mention("bus station"),),
                figures=(dead(100, "Jableh"),),
            ),
            Site(
                Location("Tartus", "SY"),
                targets=(Mention("hospital"),),
                figures=(dead(48, "Tartus"),),
            ),
            Site(Location("Latakia", "SY")),  # named only: no template of its own
        ),
    )
    views = template_views([whole, report("r2", place="Aden", country="YE")])
    assert [v.location.name for v in views] == ["Jableh", "Tartus", "Aden"]
    jableh, tartus, aden = views
    assert [t.text for t in jableh.targets] == ["bus station"]
    assert [t.text for t in tartus.targets] == ["hospital"]
    assert (jableh.killed.best, tartus.killed.best) == (100, 48)
    # the attackers on each site; the victims, not split by site, on the first
    assert [a.name for a in tartus.perpetrators] == ["Islamic State"]
    assert [v.text for v in jableh.victims] == ["civilians"] and tartus.victims == ()
    assert aden.id == "r2" and len({v.id for v in views}) == 3
    # one busy site is no split
    single = replace(whole, sites=whole.sites[:1] + whole.sites[2:])
    assert template_views([single]) == [single]


def test_a_victims_nationality_is_left_to_its_own_muc_slot():
    assert without_nationality("Spanish Jesuits") == "Jesuits"
    assert without_nationality("U.S. Mormon missionaries") == "Mormon missionaries"
    assert without_nationality("Ecuadoreans Luis Meneses") == "Luis Meneses"
    assert without_nationality("Salvadoran") == "Salvadoran"  # nothing else to keep
    assert without_nationality("peasants") == "peasants"
    r = replace(
        simple_report("r1"),
        victims=(Mention("Spanish Jesuits"),),
        targets=(Mention("U.S. Embassy"),),
    )
    roles = predicted_from_report(r).roles
    # a building keeps its nation: the keys write "U.S. EMBASSY"
    assert roles["Victim"] == ("Jesuits",) and roles["Target"] == ("U.S. Embassy",)


def test_what_a_report_burned_beside_its_other_deeds_is_a_muc_arson_template():
    from tollwatch.evaluate.score import muc_type
    from tollwatch.evaluate.views import template_views
    from tollwatch.types import Evidence, Toll

    text = (
        "Guerrillas killed a peasant in Flores on Friday. They also burned a tank truck on "
        "the road and attacked the town hall."
    )
    first, second = text.split(". ")
    s1 = Evidence("a", 0, len(first) + 1, first + ".")
    s2 = Evidence("a", len(first) + 2, len(text), second)

    def mention(words: str) -> Mention:
        at = text.index(words)
        return Mention(words, evidence=Evidence("a", at, at + len(words), words))

    whole = replace(
        simple_report("r1", article_id="a"),
        event_type="Violence against civilians",
        evidence=(s1, s2),
        victims=(mention("peasant"),),
        targets=(mention("tank truck"), mention("town hall")),
        killed=Toll(1, 1, 1),
    )
    attack, arson = template_views([whole])
    assert [t.text for t in attack.targets] == ["town hall"]
    assert [v.text for v in attack.victims] == ["peasant"] and attack.killed.best == 1
    assert [t.text for t in arson.targets] == ["tank truck"] and not arson.victims
    assert muc_type(arson) == "ARSON" and arson.date == whole.date
    # a report that only burned is one template, as it is
    only = replace(whole, victims=(), killed=Toll(), targets=(mention("tank truck"),))
    assert template_views([only]) == [only]


def test_an_arson_report_with_people_killed_by_another_deed_is_also_a_muc_attack():
    from tollwatch.evaluate.score import muc_type
    from tollwatch.evaluate.views import template_views
    from tollwatch.types import Toll

    sents, mention = _told(
        "Rebels killed a farmer near Coban on Friday and burned a bus on the road. "
        "Nobody claimed it"
    )
    whole = replace(
        simple_report("r1", article_id="a"),
        event_type=None,
        sub_event_type=None,
        attack_type="Facility/Infrastructure Attack",
        summary=sents[0].text,
        evidence=sents,
        victims=(mention("farmer"),),
        targets=(mention("bus"),),
        killed=Toll(1, 1, 1),
    )
    assert muc_type(whole) == "ARSON"
    attack, arson = template_views([whole])
    assert muc_type(attack) == "ATTACK" and attack.killed.best == 1
    assert [v.text for v in attack.victims] == ["farmer"] and not attack.targets
    assert muc_type(arson) == "ARSON" and [t.text for t in arson.targets] == ["bus"]
    assert not arson.victims and arson.killed.best is None
    # people burned to death stay with the arson
    sents, mention = _told("Rebels burned a bus with a farmer inside on Friday. Nobody claimed it")
    burned = replace(
        whole,
        evidence=sents,
        summary=sents[0].text,
        victims=(mention("farmer"),),
        targets=(mention("bus"),),
    )
    assert template_views([burned]) == [burned]


def _told(text: str):
    """Sentences (split on '. ') as Evidence, and a maker of mentions found in them."""
    from tollwatch.types import Evidence

    sents, at = [], 0
    for part in text.split(". "):
        sents.append(Evidence("a", at, at + len(part), part))
        at += len(part) + 2

    def mention(words: str, kind: str | None = None) -> Mention:
        k = text.index(words)
        return Mention(words, kind, Evidence("a", k, k + len(words), words))

    return tuple(sents), mention


def test_a_deed_of_another_type_told_in_its_own_sentence_is_a_muc_template_of_its_own():
    from tollwatch.evaluate.score import muc_type
    from tollwatch.evaluate.views import deed_views, template_views
    from tollwatch.types import Figure, Toll

    text = (
        "Rebels attacked the presidential palace with rifle fire tonight, wounding a guard. "
        "The rebels also blew up two power pylons near the palace, and one civilian was hurt"
    )
    sents, mention = _told(text)
    hurt = Figure("injured", 1, 1, "exact", evidence=mention("one civilian").evidence)
    whole = replace(
        simple_report("r1", article_id="a"),
        event_type="Violence against civilians",
        evidence=sents,
        summary=sents[0].text,
        victims=(mention("guard"), mention("one civilian")),
        targets=(mention("presidential palace"), mention("power pylons")),
        weapons=(mention("rifle fire", "Firearms"),),
        figures=(Figure("injured", 1, 1, "exact", evidence=mention("wounding").evidence), hurt),
        injured=Toll(2, 2, 2),
    )
    attack, bombing = template_views([whole])
    assert muc_type(attack) == "ATTACK" and muc_type(bombing) == "BOMBING"
    assert [t.text for t in attack.targets] == ["presidential palace"]
    assert [t.text for t in bombing.targets] == ["power pylons"]
    assert [v.text for v in bombing.victims] == ["one civilian"] and bombing.injured.best == 1
    assert attack.injured.best == 1 and bombing.date == whole.date
    assert bombing.perpetrators == whole.perpetrators and bombing.id != attack.id

    # the summary sentence stays, and so does a sentence that sums deeds up
    both = replace(whole, summary=sents[1].text)
    assert deed_views(both) == [both]
    text2 = (
        "Rebels attacked the presidential palace with rifle fire tonight, wounding a guard. "
        "They are suspected of a wave of bombings of power pylons this year"
    )
    sents2, mention2 = _told(text2)
    summing = replace(
        whole,
        evidence=sents2,
        summary=sents2[0].text,
        victims=(mention2("guard"),),
        targets=(mention2("presidential palace"), mention2("power pylons")),
        weapons=(mention2("rifle fire", "Firearms"),),
        figures=(),
    )
    assert deed_views(summing) == [summing]


def test_a_watchman_shot_beside_a_bombing_is_an_attack_but_bombs_from_planes_are_no_bombing():
    from tollwatch.evaluate.score import muc_type
    from tollwatch.evaluate.views import deed_kinds, deed_views

    text = (
        "A bomb destroyed the union headquarters this afternoon. "
        "Meanwhile, gunmen machinegunned a watchman in a northern neighbourhood"
    )
    sents, mention = _told(text)
    whole = replace(
        simple_report("r1", article_id="a"),
        event_type="Explosions/Remote violence",
        attack_type="Bombing/Explosion",
        evidence=sents,
        summary=sents[0].text,
        victims=(mention("watchman"),),
        targets=(mention("union headquarters"),),
        weapons=(mention("bomb", "Explosives"),),
    )
    bombing, attack = deed_views(whole)
    assert muc_type(bombing) == "BOMBING" and muc_type(attack) == "ATTACK"
    assert [v.text for v in attack.victims] == ["watchman"] and not bombing.victims
    # every deed moved away would leave nothing: a report of one deed only is unchanged
    alone = replace(whole, targets=())
    assert deed_views(alone) == [alone]
    assert deed_kinds("Air force planes bombed the villages") == {"ATTACK"}
    assert deed_kinds("Guerrillas dynamited a bridge") == {"BOMBING"}
    assert deed_kinds("Three engineers were kidnapped") == {"KIDNAPPING"}


def test_an_organisation_is_written_as_its_acronym_when_the_report_uses_it():
    """MUC-4 keys write "FMLN" more often than the full name: the MUC view gives the acronym of the
    actor table when the report's sentences use it, else the name as written."""
    from tollwatch.evaluate.score import predicted_from_report
    from tollwatch.types import Actor, Evidence

    full = "Farabundo Marti National Liberation Front"
    base = replace(
        report(),
        perpetrators=(Actor(text=full, name=full, kind="organization"),),
        evidence=(Evidence("a", 0, 60, f"The {full} [FMLN] urban commands fired two rockets."),),
    )
    assert predicted_from_report(base).roles["PerpOrg"] == ("FMLN",)
    no_acronym = replace(base, evidence=(Evidence("a", 0, 40, f"The {full} fired rockets."),))
    assert predicted_from_report(no_acronym).roles["PerpOrg"] == (full,)


def test_people_a_kidnapping_killed_beside_its_hostages_are_a_muc_attack():
    from tollwatch.evaluate.views import template_views
    from tollwatch.tolls import reconcile
    from tollwatch.types import Evidence, Figure

    text = (
        "Rebels abducted the mayor of Tingo Maria on Friday. His driver was killed and his "
        "bodyguard was wounded in the kidnapping of the mayor"
    )
    sents, mention = _told(text)

    def fig(kind: str, words: str) -> Figure:
        k = text.index(words)
        return Figure(kind, 1, 1, "exact", evidence=Evidence("a", k, k + len(words), words))

    figures = (
        fig("kidnapped", "kidnapping of the mayor"),
        fig("killed", "His driver was killed"),
        fig("injured", "his bodyguard was wounded"),
    )
    whole = replace(
        simple_report("r1", article_id="a"),
        event_type="Violence against civilians",
        sub_event_type="Abduction/forced disappearance",
        attack_type="Hostage Taking (Kidnapping)",
        summary=sents[0].text,
        evidence=sents,
        victims=(mention("mayor"), mention("driver"), mention("bodyguard")),
        weapons=(),
        figures=figures,
        killed=reconcile(figures, "killed"),
        injured=reconcile(figures, "injured"),
    )
    kidnapping, attack = template_views([whole])
    assert muc_type(kidnapping) == "KIDNAPPING" and [v.text for v in kidnapping.victims] == [
        "mayor"
    ]
    assert kidnapping.killed.best is None
    assert muc_type(attack) == "ATTACK"
    assert [v.text for v in attack.victims] == ["driver", "bodyguard"]
    assert (attack.killed.best, attack.injured.best) == (1, 1)
    # hostages found dead stay with the kidnapping
    dead = (fig("kidnapped", "kidnapping of the mayor"), fig("killed", "the mayor"))
    found = replace(whole, figures=dead, killed=reconcile(dead, "killed"))
    assert template_views([found]) == [found]
