"""The views of Reports as MUC-4 templates.

tollwatch keeps a coordinated attack as one report with its sites, and one report per incident
whatever its deeds; MUC-4 codes one template per place and per deed type. ``template_views``
turns reports into what the MUC-4 and GTT scorers compare with gold: a report's busy sites become
templates, then a deed of another type told in a sentence of its own (``deed_views``), then what
was burned beside other deeds (``arson_views``). Nothing here changes what is stored or served.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from tollwatch.evaluate.score import FIRE_WORDS, muc_type
from tollwatch.tolls import reconcile
from tollwatch.types import Evidence, Figure, Mention, Report, Toll


def template_views(reports: Iterable[Report]) -> list[Report]:
    """The reports as MUC-4 templates: MUC-4 codes one template per place, where tollwatch keeps
    a coordinated attack as one report with its sites. A report whose sites carry targets or
    figures of their own (two or more of them) is one template per such site: its place, targets,
    weapons and figures (its toll), the report's perpetrators on each, its victims on the first
    (victims are not split by site). Other reports are one template each. Then what a template
    did beside its deed of another type is a template of its own (``deed_views``), the people a
    kidnapping killed or wounded other than its hostages are an ATTACK template
    (``harm_beside_kidnapping``), and what it burned beside its other deeds is an ARSON template
    (``arson_views``)."""
    out: list[Report] = []
    for r in reports:
        busy = [s for s in r.sites if s.targets or s.figures]
        if len(busy) < 2:
            out.append(r)
            continue
        for k, site in enumerate(busy):
            figures = tuple(replace(f, is_total=True) for f in site.figures)
            out.append(
                replace(
                    r,
                    id=f"{r.id}#{k}",
                    location=site.location,
                    sites=(),
                    targets=site.targets,
                    weapons=site.weapons,
                    figures=figures,
                    killed=_site_toll(r.killed, figures, "killed", first=k == 0),
                    injured=_site_toll(r.injured, figures, "injured", first=k == 0),
                    victims=r.victims if k == 0 else (),
                )
            )
    out = [v for r in out for v in deed_views(r)]
    out = [v for r in out for v in harm_beside_kidnapping(r)]
    return [v for r in out for v in arson_views(r)]


#: the words of each deed MUC-4 types apart
_DEED_WORDS = {
    "BOMBING": re.compile(
        r"\b(bomb\w*|dynamit\w*|explosi\w*|explod\w*|blew|blown|blow\w* up|detonat\w*)\b", re.I
    ),
    "ATTACK": re.compile(
        r"\b(shot|shoot\w*|gunfire|machine-?gun\w*|gunned|gunm[ae]n|rifle\w*|murder\w*|"
        r"assassinat\w*|stabb\w*|hacked|executed|opened fire|fired (?:at|on)|small arms|"
        r"rockets?|mortars?|missiles?|launchers?|artillery|shell(?:s|ed|ing))\b",
        re.I,
    ),
    "KIDNAPPING": re.compile(r"\b(kidnap\w*|abduct\w*|hostages?)\b", re.I),
}
#: bombs from the air: MUC-4 files them under ATTACK
_FROM_THE_AIR = re.compile(
    r"\b(air force|aerial|strafing|strafed|(planes?|aircraft|helicopters?|gunships?) "
    r"(\w+ )?(bombed|attacked|fired)|bombed by (the )?(air force|planes?|aircraft|helicopters?))\b",
    re.I,
)
#: a sentence that sums up many deeds or charges someone with them tells no deed of its own
_SUMMING_UP = re.compile(
    r"\b(wave|series|campaign|spate|string) of\b|"
    r"\b(charged with|accused of|suspected of|involved in|responsible for)\b",
    re.I,
)
#: (ACLED event type, ACLED sub-event type, GTD attack type) that ``muc_type`` reads as the deed
_DEED_TYPES = {
    "BOMBING": ("Explosions/Remote violence", None, "Bombing/Explosion"),
    "ATTACK": ("Violence against civilians", "Attack", "Armed Assault"),
    "KIDNAPPING": (
        "Violence against civilians",
        "Abduction/forced disappearance",
        "Hostage Taking (Kidnapping)",
    ),
}


def _sentence_of(report: Report, ev: Evidence | None) -> Evidence | None:
    """The sentence of ``report`` that holds the start of ``ev``."""
    if ev is None or ev.start is None:
        return None
    for sent in report.evidence:
        if sent.start is not None and sent.end is not None and sent.start <= ev.start < sent.end:
            return sent
    return None


def deed_kinds(text: str) -> set[str]:
    """The MUC-4 types of the deeds a sentence tells: BOMBING (bomb, dynamite, blew up), ATTACK
    (shot, machinegunned, murdered, rockets, bombs from the air), KIDNAPPING (kidnapped)."""
    kinds = {k for k, rx in _DEED_WORDS.items() if rx.search(text)}
    if _FROM_THE_AIR.search(text):
        kinds.discard("BOMBING")
        kinds.add("ATTACK")
    return kinds


def deed_views(report: Report) -> list[Report]:
    """A report as MUC-4 templates when a sentence of it tells a deed of another type: MUC-4
    codes each deed type as its own template ("the rebels also blew up two high tension posts"
    beside a raid by rifle fire is a BOMBING beside the ATTACK; a watchman machinegunned beside
    a bombing is an ATTACK). A sentence moves to a template of its deed's type, with its victims,
    targets, weapons and figures (the report's date, place and perpetrators), when it tells one
    deed type only, another than the report's (``muc_type``), is not the report's summary
    sentence, sums nothing up ("a wave of", "charged with"), and names no victim or target that a
    sentence of the report's own type names. Kidnapped people later found murdered stay with the
    kidnapping. The report keeps the rest, and at least one victim or target, else it is
    unchanged."""
    own = muc_type(report)
    if own not in _DEED_WORDS:
        return [report]
    own_texts = [s.text.lower() for s in report.evidence if own in deed_kinds(s.text)]
    by_sent: dict[int, tuple[Evidence, list[Mention]]] = {}
    for m in report.victims + report.targets:
        sent = _sentence_of(report, m.evidence)
        if sent is not None:
            by_sent.setdefault(sent.start, (sent, []))[1].append(m)
    summary = (report.summary or "").strip()
    moved: dict[str, list[int]] = {}
    for start, (sent, mentions) in by_sent.items():
        kinds = deed_kinds(sent.text)
        if len(kinds) != 1 or own in kinds or sent.text.strip() == summary:
            continue
        kind = next(iter(kinds))
        if own == "KIDNAPPING" and kind == "ATTACK" or _SUMMING_UP.search(sent.text):
            continue
        if any(m.text.lower() in t for m in mentions for t in own_texts):
            continue
        moved.setdefault(kind, []).append(start)
    gone = {start for starts in moved.values() for start in starts}
    if not gone or all(start in gone for start in by_sent):
        return [report]

    def within(x: Mention | Figure, starts: Iterable[int]) -> bool:
        sent = _sentence_of(report, x.evidence)
        return sent is not None and sent.start in starts

    views = []
    for kind, starts in moved.items():
        figures = tuple(f for f in report.figures if within(f, starts))
        event_type, sub_event_type, attack_type = _DEED_TYPES[kind]
        views.append(
            replace(
                report,
                id=f"{report.id}#{kind.lower()}",
                victims=tuple(m for m in report.victims if within(m, starts)),
                targets=tuple(m for m in report.targets if within(m, starts)),
                weapons=tuple(w for w in report.weapons if within(w, starts)),
                figures=figures,
                killed=reconcile(figures, "killed") if figures else Toll(),
                injured=reconcile(figures, "injured") if figures else Toll(),
                sites=(),
                event_type=event_type,
                sub_event_type=sub_event_type,
                attack_type=attack_type,
                summary=by_sent[starts[0]][0].text,
            )
        )
    figures = tuple(f for f in report.figures if not within(f, gone))
    lost_figures = len(figures) != len(report.figures)
    rest = replace(
        report,
        victims=tuple(m for m in report.victims if not within(m, gone)),
        targets=tuple(m for m in report.targets if not within(m, gone)),
        # every weapon moved: the report keeps them all, so its own type stays
        weapons=tuple(w for w in report.weapons if not within(w, gone)) or report.weapons,
        figures=figures if lost_figures else report.figures,
        killed=reconcile(figures, "killed") if lost_figures else report.killed,
        injured=reconcile(figures, "injured") if lost_figures else report.injured,
    )
    return [rest, *views]


#: how close a deed's word must be to a target or victim of the same sentence to be its deed
_DEED_REACH = 60
#: words of other deeds: one between a burning word and a target makes the target theirs ("burned
#: a truck and attacked the town hall": the town hall was attacked)
_OTHER_DEEDS = re.compile(
    r"\b(attack\w*|bomb\w*|blew|blown|blow|dynamit\w*|destroy\w*|damag\w*|kill\w*|"
    r"murder\w*|shot|shoot\w*|raid\w*|stole|steal\w*|robb\w*|loot\w*|seiz\w*|occup\w*|"
    r"kidnap\w*|abduct\w*)\b",
    re.I,
)


def _deed_sentence(report: Report, mention: Mention, words: re.Pattern[str]) -> Evidence | None:
    """The sentence of ``report`` that tells the deed of ``words`` done to ``mention`` ("burned
    the facilities", "two buses were set on fire"): one of the words within ``_DEED_REACH``
    characters of it."""
    ev = mention.evidence
    sent = _sentence_of(report, ev)
    if ev is None or sent is None:
        return None
    at, end = ev.start - sent.start, ev.end - sent.start
    for m in words.finditer(sent.text):
        if not m.start() - _DEED_REACH <= at <= m.end() + _DEED_REACH:
            continue
        between = sent.text[m.end() : at] if m.end() <= at else sent.text[end : m.start()]
        if not _OTHER_DEEDS.search(between):
            return sent
    return None


def arson_views(report: Report) -> list[Report]:
    """A report as MUC-4 templates when what it burned is a deed of its own: MUC-4 codes an
    arson as its own template beside the attack it came with ("guerrillas killed a peasant and
    burned a tank truck": an ATTACK and an ARSON). A report that is no arson itself, with
    targets told burned and other targets, victims or dead, is the report without them and an
    ARSON template of them (same day, place and perpetrators); an arson report whose victims
    were harmed by another deed is an ATTACK of them beside the ARSON (``_attack_beside_arson``);
    else the report unchanged."""
    if muc_type(report) == "ARSON":
        return _attack_beside_arson(report)
    burned = [
        (t, sent)
        for t in report.targets
        if (sent := _deed_sentence(report, t, FIRE_WORDS)) is not None
    ]
    rest = tuple(t for t in report.targets if all(t is not b for b, _ in burned))
    if not burned or not (rest or report.victims or report.killed.best):
        return [report]
    arson = replace(
        report,
        id=f"{report.id}#arson",
        targets=tuple(t for t, _ in burned),
        victims=(),
        weapons=(),
        figures=(),
        killed=Toll(),
        injured=Toll(),
        sites=(),
        event_type=None,
        sub_event_type=None,
        attack_type="Facility/Infrastructure Attack",
        summary=burned[0][1].text,
    )
    return [replace(report, targets=rest), arson]


#: words of a deed done to people beside a burning: "killed a peasant ... and burned a truck"
_HARM_WORDS = re.compile(
    r"\b(kill\w*|murder\w*|assassinat\w*|shot|shoot\w*|gunned|machine-?gunn\w*|stabb\w*|"
    r"wound\w*|injur\w*|execut\w*|massacr\w*)\b",
    re.I,
)


def _nearest_deed(report: Report, mention: Mention) -> str | None:
    """Which deed the word nearest to ``mention`` in its sentence tells: "fire" (burned, set
    fire) or "harm" (killed, shot, wounded); None when its sentence has neither."""
    ev = mention.evidence
    sent = _sentence_of(report, ev)
    if ev is None or sent is None:
        return None
    at, end = ev.start - sent.start, ev.end - sent.start
    best: tuple[int, str] | None = None
    for kind, words in (("fire", FIRE_WORDS), ("harm", _HARM_WORDS)):
        for m in words.finditer(sent.text):
            gap = at - m.end() if m.end() <= at else max(m.start() - end, 0)
            if best is None or gap < best[0]:
                best = (gap, kind)
    return best[1] if best else None


def _attack_beside_arson(report: Report) -> list[Report]:
    """An arson report whose victims were harmed by another deed ("guerrillas killed a peasant
    and burned a tank truck", typed by its burning) as MUC-4 codes it: an ATTACK of the victims
    (with the figures, weapons and tolls) beside the ARSON of what was burned. Victims whose
    nearest deed word is a burning ("a family burned to death in their home") keep the report
    one arson, as does a report with no target."""
    if not report.targets or not report.victims:
        return [report]
    if any(_nearest_deed(report, v) != "harm" for v in report.victims):
        return [report]
    event_type, sub_event_type, attack_type = _DEED_TYPES["ATTACK"]
    attack = replace(
        report,
        id=f"{report.id}#attack",
        targets=(),
        sites=(),
        event_type=event_type,
        sub_event_type=sub_event_type,
        attack_type=attack_type,
    )
    arson = replace(
        report,
        victims=(),
        weapons=(),
        figures=(),
        killed=Toll(),
        injured=Toll(),
    )
    return [attack, arson]


def _site_toll(whole: Toll, figures: tuple[Figure, ...], kind: str, first: bool) -> Toll:
    """A site's own figures, else the report's toll on its first site."""
    if figures:
        return reconcile(figures, kind)
    return whole if first else Toll()


#: words of a figure's phrase that name no one: casualty words, numbers, articles
_NOT_NAMES = re.compile(
    r"^(?:the|a|an|of|and|his|her|their|its|was|were|been|being|has|have|had|is|are|who|"
    r"killed|dead|died|murdered|wounded|injured|hurt|seriously|slightly|badly|critically|"
    r"fatally|shot|also|later|\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten)$",
    re.I,
)


def _named_words(text: str) -> set[str]:
    """The words of a figure's phrase that say who: "Delgado's driver was killed" -> {"driver"}
    (a possessor says whose, not who)."""
    words = re.findall(r"[\w'’-]+", text.lower())
    return {
        w for w in words if not w.endswith(("'s", "’s")) and not _NOT_NAMES.match(w) and len(w) > 2
    }


def harm_beside_kidnapping(report: Report) -> list[Report]:
    """A kidnapping report that killed or wounded people other than its hostages as MUC-4 codes
    it: an ATTACK of those figures and victims beside the KIDNAPPING ("Delgado's driver was
    killed and his bodyguard wounded, while Delgado himself was abducted"). A figure whose
    phrase names someone the kidnapping figures name ("the kidnapped students were found
    dead"), or names no one ("two were killed"), stays with the kidnapping; so does every
    figure of a report without a kidnapping figure."""
    if muc_type(report) != "KIDNAPPING":
        return [report]
    taken = [f for f in report.figures if f.kind == "kidnapped" and f.evidence is not None]
    if not taken:
        return [report]
    hostages = set().union(*(_named_words(f.evidence.text) for f in taken))
    harmed = [
        f
        for f in report.figures
        if f.kind in ("killed", "injured")
        and f.evidence is not None
        and (who := _named_words(f.evidence.text))
        and not who & hostages
    ]
    if not harmed:
        return [report]
    words = set().union(*(_named_words(f.evidence.text) for f in harmed))
    victims = tuple(v for v in report.victims if _named_words(v.text) & words)
    rest = tuple(f for f in report.figures if all(f is not h for h in harmed))
    event_type, sub_event_type, attack_type = _DEED_TYPES["ATTACK"]
    attack = replace(
        report,
        id=f"{report.id}#attack",
        victims=victims,
        targets=(),
        figures=tuple(harmed),
        killed=reconcile(tuple(harmed), "killed"),
        injured=reconcile(tuple(harmed), "injured"),
        sites=(),
        event_type=event_type,
        sub_event_type=sub_event_type,
        attack_type=attack_type,
        summary=harmed[0].evidence.text,
    )
    kidnapping = replace(
        report,
        victims=tuple(v for v in report.victims if all(v is not x for x in victims)),
        figures=rest,
        killed=reconcile(rest, "killed"),
        injured=reconcile(rest, "injured"),
    )
    return [kidnapping, attack]
