"""WikiEvents (modern English news, KAIROS event-argument annotations) as incident gold.

WikiEvents (Li, Ji and Han, NAACL 2021) annotates news articles about bombings and attacks with
events (``event_type`` such as ``Conflict.Attack.DetonateExplode``), their arguments (``role`` and
the ``entity_id`` of an entity mention) and, in ``coref/SPLIT.jsonlines``, the coreference
clusters of the entity mentions. It has no incident templates, so this module maps the events of
one article onto the fields of tollwatch's Report, at document level:

Article. The text is rebuilt from the tokens: inside a sentence a space where the character
offsets leave a gap, sentences joined by a blank line (the dataset's own ``text`` glues sentences
together: "in SyriaThe desert"; after a single line break spaCy often runs a headline on into the
next sentence, a blank line always ends it). There is no publication date (``published`` None), no title.

Incident. The article reports an incident when it has at least one *incident event*: any
``Conflict.Attack.*`` (attacks, explosions), ``Life.Die.*``, ``Life.Injure.*`` or
``Conflict.Demonstrate.DemonstrateWithViolence``. Deaths and injuries count whatever their cause:
in these articles they are casualties of the attacks (the few disease deaths are
``Disaster.DiseaseOutbreak``, which is not an incident event). Incident detection is scored per
article: predicted = the extractor gives at least one current (not reference) report.

Roles. Arguments of incident events only (an arrest's Jailer is the police, not a perpetrator;
a Justice or GenericCrime event's Perpetrator is left out because it may be any crime):

    perpetrators  Attacker (Conflict.Attack), Killer (Life.Die), Injurer (Life.Injure),
                  Demonstrator (violent demonstration)   <- Actor.text of every report
    victims       Victim (Life.Die, Life.Injure); Target of an attack or violent demonstration
                  whose entity type is PER                 <- Report.victims
    targets       Target whose entity type is FAC or VEH   <- Report.targets (Target of type ORG,
                  GPE or WEA is in no role: tollwatch has no field that fits it)
    weapons       Instrument, ExplosiveDevice               <- Report.weapons
    places        Place                                     <- Report.location and each site's
                  location: the toponym as written and the gazetteer's name, either may match

An entity is a coreference cluster (an entity mention in no cluster is its own entity); its
strings are the texts of all mentions of the cluster, so "the Taliban", "it" and "the insurgents"
of one cluster are alternatives. Arguments of several events that point into one cluster are one
gold entity. Predicted strings are the union over the article's current reports.

Scoring (per role, micro over articles). Predicted strings are normalised with
``score.normalize`` (lower case, no punctuation, no a/an/the) and de-duplicated. *Strict*: a
predicted string is correct when it equals some mention of a gold entity of that role; a gold
entity is found when some predicted string equals one of its mentions. *Head*: as strict, or the
last word of the predicted string equals the last word of a mention ("a Russian major general"
vs the annotated "general"); WikiEvents mentions are mostly head phrases, so the head figures are
the fairer ones and the strict ones a floor. Head matching can only add matches. A gold entity is
counted once however many of its mentions match. "place right" is the share of incident articles
whose first report's location matches a gold Place of any incident event (head rule).

Casualty counts are not scored: WikiEvents annotates the victims as entities ("126 people" is a
mention "people"), not numbers.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tollwatch.errors import TollwatchError
from tollwatch.evaluate.score import Counts, EntityMatch, Rate, normalize
from tollwatch.types import Article, Evidence, Report

ROLES = ("perpetrators", "victims", "targets", "weapons", "places")
SPLITS = ("dev", "test", "dev+test")
INCIDENT_PREFIXES = ("Conflict.Attack.", "Life.Die.", "Life.Injure.")
VIOLENT_DEMONSTRATION = "Conflict.Demonstrate.DemonstrateWithViolence"
PERPETRATOR_ROLES = frozenset({"Attacker", "Killer", "Injurer", "Demonstrator"})
WEAPON_ROLES = frozenset({"Instrument", "ExplosiveDevice"})
TARGET_TYPES = frozenset({"FAC", "VEH"})


def is_incident_event(event_type: str) -> bool:
    return event_type.startswith(INCIDENT_PREFIXES) or event_type == VIOLENT_DEMONSTRATION


def gold_role(event_type: str, role: str, entity_type: str) -> str | None:
    """The tollwatch field an argument of an incident event maps to, None if none."""
    if not is_incident_event(event_type):
        return None
    if role in PERPETRATOR_ROLES:
        return "perpetrators"
    if role == "Victim":
        return "victims"
    if role == "Target":
        return (
            "victims"
            if entity_type == "PER"
            else "targets"
            if entity_type in TARGET_TYPES
            else None
        )
    if role in WEAPON_ROLES:
        return "weapons"
    if role == "Place":
        return "places"
    return None


@dataclass(frozen=True)
class GoldEntity:
    """One coreference cluster in one role: its name, every mention's text, and where and how
    it was first annotated (for error analysis)."""

    name: str
    mentions: tuple[str, ...]
    sentence: str
    event_type: str
    argument: str  # the role as annotated ("Target", "ExplosiveDevice"...)


@dataclass(frozen=True)
class WikiDoc:
    doc_id: str
    text: str
    sentence_spans: tuple[tuple[int, int], ...]  # character spans of the sentences in ``text``
    incident: bool
    event_types: tuple[str, ...]  # of the incident events
    roles: dict[str, tuple[GoldEntity, ...]] = field(default_factory=dict)

    def to_article(self) -> Article:
        return Article(id=self.doc_id, text=self.text, language="en", origin=self.doc_id)

    def sentence_at(self, offset: int) -> str:
        for start, end in self.sentence_spans:
            if start <= offset < end:
                return self.text[start:end]
        return ""


def rebuild_text(sentences: Sequence[Any]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Sentences of ``[[token, start, end], ...]`` (and the sentence text) -> text with a blank
    line between sentences, a space inside one where the offsets leave a gap."""
    parts: list[str] = []
    spans = []
    pos = 0
    for sent in sentences:
        tokens = sent[0]
        words: list[str] = []
        prev_end = None
        for word, start, end in tokens:
            if prev_end is not None and start > prev_end:
                words.append(" ")
            words.append(word)
            prev_end = end
        text = "".join(words)
        if parts:
            parts.append("\n\n")
            pos += 2
        spans.append((pos, pos + len(text)))
        parts.append(text)
        pos += len(text)
    return "".join(parts), tuple(spans)


def read_doc(record: dict[str, Any], clusters: Sequence[Sequence[str]] = ()) -> WikiDoc:
    """One WikiEvents record (with its coreference clusters) -> WikiDoc."""
    text, spans = rebuild_text(record["sentences"])
    mentions = {m["id"]: m for m in record["entity_mentions"]}
    cluster_of = {eid: tuple(c) for c in clusters for eid in c}
    sentence_texts = [text[a:b] for a, b in spans]
    roles: dict[str, dict[tuple[str, ...], GoldEntity]] = {r: {} for r in ROLES}
    event_types = []
    for event in record["event_mentions"]:
        etype = event["event_type"]
        if not is_incident_event(etype):
            continue
        event_types.append(etype)
        for arg in event["arguments"]:
            mention = mentions.get(arg["entity_id"])
            if mention is None:
                continue
            field_name = gold_role(etype, arg["role"], mention["entity_type"])
            if field_name is None:
                continue
            cluster = cluster_of.get(mention["id"], (mention["id"],))
            key = tuple(sorted(cluster))
            if key in roles[field_name]:
                continue
            texts = [mentions[i]["text"] for i in cluster if i in mentions]
            roles[field_name][key] = GoldEntity(
                name=arg.get("text") or mention["text"],
                mentions=tuple(dict.fromkeys([mention["text"], *texts])),
                sentence=sentence_texts[mention["sent_idx"]],
                event_type=etype,
                argument=arg["role"],
            )
    return WikiDoc(
        doc_id=record["doc_id"],
        text=text,
        sentence_spans=spans,
        incident=bool(event_types),
        event_types=tuple(event_types),
        roles={r: tuple(v.values()) for r, v in roles.items()},
    )


def _jsonl(path: Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def read_wikievents(folder: Path, split: str = "dev") -> tuple[list[WikiDoc], list[str]]:
    """Documents of ``folder/{dev,test}.jsonl`` (``dev+test``: both), with the clusters of
    ``folder/coref/SPLIT.jsonlines``; notes say what was missing."""
    if split not in SPLITS:
        raise TollwatchError(
            f"unknown WikiEvents split {split!r}", hint=f"use one of {', '.join(SPLITS)}"
        )
    docs: list[WikiDoc] = []
    notes: list[str] = []
    for part in split.split("+"):
        path = Path(folder) / f"{part}.jsonl"
        if not path.exists():
            raise TollwatchError(
                f"WikiEvents {part} split not found at {path}",
                hint="pass --data-dir pointing at ../shared/datasets (with wikievents/)",
            )
        coref_path = Path(folder) / "coref" / f"{part}.jsonlines"
        clusters: dict[str, list[list[str]]] = {}
        if coref_path.exists():
            clusters = {c["doc_key"]: c["clusters"] for c in _jsonl(coref_path)}
        else:
            notes.append(f"no coreference clusters for {part}: each mention is its own entity")
        docs += [read_doc(r, clusters.get(r["doc_id"], ())) for r in _jsonl(path)]
    return docs, notes


# -- matching -----------------------------------------------------------------------------------
def _head(text: str) -> str:
    return text.rsplit(" ", 1)[-1]


def match_role(
    predicted: Iterable[Sequence[str]], gold: Sequence[Sequence[str]], head: bool = False
) -> EntityMatch:
    """Predicted items (each a tuple of alternative strings: a place as written and as matched)
    against gold entities (each the strings of its mentions), see the module docstring. Items
    are de-duplicated on their normalised first string; ``matched``/``spurious`` hold that
    string, ``missed`` the first string of each gold entity not found."""
    preds: dict[str, tuple[str, ...]] = {}
    for alts in predicted:
        norm = tuple(n for a in alts if (n := normalize(a)))
        if norm and norm[0] not in preds:
            preds[norm[0]] = norm
    golds = [{normalize(s) for s in entity} - {""} for entity in gold]

    def same(p: str, g: str) -> bool:
        return p == g or (head and _head(p) == _head(g))

    def hit(alts: tuple[str, ...], g: set[str]) -> bool:
        return any(same(p, s) for p in alts for s in g)

    out = EntityMatch(Counts())
    for key, alts in preds.items():
        ok = any(hit(alts, g) for g in golds)
        out.counts.p_den += 1
        out.counts.p_num += int(ok)
        (out.matched if ok else out.spurious).append(key)
    for entity, g in zip(gold, golds, strict=True):
        found = any(hit(alts, g) for alts in preds.values())
        out.counts.r_den += 1
        out.counts.r_num += int(found)
        if not found:
            out.missed.append(entity[0] if entity else "")
    return out


# -- a document's predictions -------------------------------------------------------------------
def _evidence_sentence(doc: WikiDoc, ev: Evidence | None, fallback: str | None) -> str:
    if ev is not None:
        sentence = doc.sentence_at(ev.start)
        if sentence:
            return sentence
    return fallback or ""


def predicted_items(doc: WikiDoc, reports: Sequence[Report]) -> dict[str, list[dict[str, Any]]]:
    """Role -> predicted items ``{"texts": alternatives, "sentence": where the extractor found
    it}``, over all the given reports, in order."""
    out: dict[str, list[dict[str, Any]]] = {r: [] for r in ROLES}

    def add(role: str, texts: Sequence[str | None], ev: Evidence | None, r: Report) -> None:
        alts = tuple(t for t in texts if t)
        if alts:
            sentence = _evidence_sentence(doc, ev, r.summary)
            out[role].append({"texts": alts, "sentence": sentence})

    for r in reports:
        for a in r.perpetrators:
            add("perpetrators", [a.text], a.evidence, r)
        for m in r.victims:
            add("victims", [m.text], m.evidence, r)
        for m in r.targets:
            add("targets", [m.text], m.evidence, r)
        for m in r.weapons:
            add("weapons", [m.text], m.evidence, r)
        locations = ([r.location] if r.location else []) + [s.location for s in r.sites]
        for loc in locations:
            add("places", [loc.name, loc.matched_name], loc.evidence, r)
    return out


@dataclass
class WikiTally:
    docs: int = 0
    failures: int = 0
    reports: int = 0
    detection: Counts = field(default_factory=Counts)
    roles: dict[str, Counts] = field(default_factory=lambda: {r: Counts() for r in ROLES})
    roles_head: dict[str, Counts] = field(default_factory=lambda: {r: Counts() for r in ROLES})
    place_of_gold: Rate = field(default_factory=Rate)
    gold_entities: dict[str, int] = field(default_factory=lambda: {r: 0 for r in ROLES})
    incident_docs: int = 0
    incident_events: int = 0

    def to_dict(self) -> dict[str, Any]:
        def micro(by_role: dict[str, Counts]) -> dict[str, Any]:
            total = Counts()
            for c in by_role.values():
                total.add(c)
            return total.to_dict()

        return {
            "gold": {
                "docs": self.docs,
                "incident_docs": self.incident_docs,
                "incident_events": self.incident_events,
                "entities": dict(self.gold_entities),
            },
            "failures": self.failures,
            "reports": self.reports,
            "detection": self.detection.to_dict(),
            "roles": {r: c.to_dict() for r, c in self.roles.items()},
            "roles_head": {r: c.to_dict() for r, c in self.roles_head.items()},
            "micro": micro(self.roles),
            "micro_head": micro(self.roles_head),
            "place_of_gold": self.place_of_gold.to_dict(),
        }


def score_document(tally: WikiTally, doc: WikiDoc, reports: Sequence[Report]) -> dict[str, Any]:
    """Add one article to the tally; the record of its mismatches (for ``--errors``)."""
    tally.docs += 1
    tally.reports += len(reports)
    tally.incident_docs += int(doc.incident)
    tally.incident_events += len(doc.event_types)
    found = bool(reports)
    tally.detection.add(
        Counts(
            int(found and doc.incident), int(found), int(found and doc.incident), int(doc.incident)
        )
    )
    items = predicted_items(doc, reports)
    record: dict[str, Any] = {
        "doc_id": doc.doc_id,
        "incident": doc.incident,
        "reports": len(reports),
        "detection": "ok" if found == doc.incident else "missed" if doc.incident else "spurious",
        "roles": {},
    }
    for role in ROLES:
        gold = doc.roles.get(role, ())
        tally.gold_entities[role] += len(gold)
        mentions = [g.mentions for g in gold]
        preds = [i["texts"] for i in items[role]]
        strict = match_role(preds, mentions)
        head = match_role(preds, mentions, head=True)
        tally.roles[role].add(strict.counts)
        tally.roles_head[role].add(head.counts)
        sentence_of = {}
        for i in items[role]:
            sentence_of.setdefault(normalize(i["texts"][0]), i["sentence"])
        missed = set(head.missed)
        rec = {
            "spurious": [{"text": s, "sentence": sentence_of.get(s, "")} for s in head.spurious],
            "missed": [
                {
                    "name": g.name,
                    "mentions": list(g.mentions),
                    "argument": f"{g.event_type} {g.argument}",
                    "sentence": g.sentence,
                }
                for g in gold
                if g.mentions[0] in missed
            ],
            "head_only": sorted(set(head.matched) - set(strict.matched)),
        }
        if any(rec.values()):
            record["roles"][role] = rec
    if doc.incident:
        first = items["places"][:1]
        place_ok = (
            bool(first)
            and match_role(
                [first[0]["texts"]], [g.mentions for g in doc.roles.get("places", ())], head=True
            ).counts.p_num
            == 1
        )
        tally.place_of_gold.add(place_ok)
    return record
