"""A learned second opinion on who did what to whom.

The rules of ``roles``/``events``/``actors`` find perpetrators, targets, victims and weapons from a
few syntactic patterns. Here every noun phrase of a sentence that carries an event word or a
casualty figure is a candidate, described by sparse features (its head word, its syntactic
relation and governing word, the preposition before it, what the lexicons and the rules say of it,
its neighbours, whether it is a name) and classed by a multinomial logistic regression into
PerpInd, PerpOrg, Target, Victim, Weapon or none (the roles of the MUC-4 templates).

The weights ship as a data file (``data/models/roles.npz``) trained by
``python -m tollwatch.evaluate.train_roles`` on the public MUC-4 development texts (the GTT train
split); nothing is learned at run time. ``combine`` then decides with the rules: a rule mention
stays unless the model is confident it is no role, and the model adds mentions the rules missed
when it is confident.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

from spacy.symbols import PROPN
from spacy.tokens import Span, Token

from tollwatch.extract import doccache
from tollwatch.extract.roles import PERPETRATOR_HEADS, noun_phrase, unidentified
from tollwatch.types import Actor, Mention

CLASSES = ("O", "PerpInd", "PerpOrg", "Target", "Victim", "Weapon")
MODEL_FILE = ("models", "roles.npz")
PLACE_LABELS = frozenset({"GPE", "LOC"})


@dataclass(frozen=True)
class Candidate:
    mention: Mention
    head: int  # token index of the head in the doc
    rule: str  # the role the rules gave it ("O" when none)
    features: tuple[str, ...]


def _bucket(n: int, edges: Sequence[int]) -> str:
    for e in edges:
        if n <= e:
            return str(e)
    return f">{edges[-1]}"


def _governor(tok: Token) -> tuple[str, Token, str]:
    """(relation, governing token, preposition) of a noun: its own dependency, or through the
    preposition it is the object of, or through the first conjunct."""
    t = tok
    while t.dep_ == "conj" and t.head != t:
        t = t.head
    if t.dep_ == "pobj" and t.head.dep_ in ("prep", "agent", "dative"):
        prep = t.head
        return "pobj", prep.head, prep.lower_
    return t.dep_, t.head, ""


def candidate_heads(sent: Span, chunk_roots: Sequence[int] | None = None) -> list[Token]:
    """Heads of the noun phrases of a sentence (base noun chunks, plus names outside chunks);
    ``chunk_roots``: the token indices of the document's noun-chunk roots, when computed once
    for the whole document (much faster than per sentence)."""
    heads: dict[int, Token] = {}
    doc = sent.doc
    roots = (
        [c.root.i for c in sent.noun_chunks]
        if chunk_roots is None
        else [i for i in chunk_roots if sent.start <= i < sent.end]
    )
    for i in roots:
        root = doc[i]
        if root.pos_ in ("NOUN", "PROPN"):
            heads[root.i] = root
    for tok in doccache.tokens(doc)[sent.start : sent.end]:
        if tok.pos == PROPN and tok.dep_ not in ("compound", "flat") and tok.i not in heads:
            heads[tok.i] = tok
    return [heads[i] for i in sorted(heads)]


def _passive(verb: Token) -> bool:
    """Whether a governor has a passive auxiliary or subject (kept per document)."""
    memo = doccache.memo(verb.doc, "passive")
    if verb.i not in memo:
        memo[verb.i] = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
    return memo[verb.i]


def features(
    tok: Token,
    mention: Mention,
    rule: str,
    *,
    sentence_index: int,
    trigger_tokens: Sequence[int],
    has_figure: bool,
    person: bool,
    weapon: bool,
    actor: bool,
) -> tuple[str, ...]:
    lemma = tok.lemma_.lower()
    rel, gov, prep = _governor(tok)
    glemma = gov.lemma_.lower()
    words = mention.text.split()
    first = words[0].lower() if words else ""
    doc = tok.doc
    ev = mention.evidence
    left = right = None
    if ev is not None and ev.start is not None:
        bounds = doccache.span_bounds(doc, ev.start, ev.end)
        if bounds is not None:
            lowers = doccache.lowers(doc)
            left = lowers[bounds[0] - 1] if bounds[0] > 0 else "<s>"
            right = lowers[bounds[1]] if bounds[1] < len(lowers) else "</s>"
    capitals = sum(1 for w in words if w[:1].isupper())
    passive = _passive(gov)
    out = [
        "bias",
        f"h={lemma}",
        f"rel={rel}",
        f"rg={rel}|{glemma}",
        f"gov={glemma}",
        f"gpos={gov.pos_}",
        f"pos={tok.pos_}",
        f"tag={tok.tag_}",
        f"ent={tok.ent_type_ or '-'}",
        f"first={first}",
        f"len={_bucket(len(words), (1, 2, 3, 5))}",
        f"caps={_bucket(capitals, (0, 1, 2))}",
        f"rule={rule}",
        f"rule|h={rule}|{lemma}",
        f"si={_bucket(sentence_index, (0, 1, 2, 4, 8))}",
        f"hr={lemma}|{rel}",
    ]
    if prep:
        out += [f"prep={prep}", f"pg={prep}|{glemma}", f"ph={prep}|{lemma}"]
    if passive:
        out.append(f"pass|{rel}")
    if left is not None:
        out += [f"l1={left}", f"r1={right}"]
    if trigger_tokens:
        d = min(trigger_tokens, key=lambda i: abs(i - tok.i)) - tok.i
        out.append(f"tdist={'+' if d > 0 else '-'}{_bucket(abs(d), (0, 2, 5, 10, 20))}")
    else:
        out.append("notrigger")
    if has_figure:
        out.append("figure")
    for flag, on in (("person", person), ("weaponlex", weapon), ("actor", actor)):
        if on:
            out += [flag, f"{flag}|{rel}"]
    if lemma in PERPETRATOR_HEADS or tok.lower_ in PERPETRATOR_HEADS:
        out += ["perphead", f"perphead|{rel}"]
    if tok.ent_type_ in PLACE_LABELS:
        out.append("place")
    if len(words) > 1:
        out.append(f"w0|h={first}|{lemma}")
    return tuple(out)


def sentence_candidates(
    sent: Span,
    article_id: str,
    rule_spans: Iterable[tuple[int, int, str]],
    *,
    sentence_index: int,
    trigger_tokens: Sequence[int],
    has_figure: bool,
    person_lemmas: frozenset[str],
    weapon_lemmas: Any,
    actor_spans: Iterable[tuple[int, int]],
    chunk_roots: Sequence[int] | None = None,
) -> list[Candidate]:
    """Every noun phrase of ``sent`` with its features; ``rule_spans`` are (start, end, role) char
    spans of what the rules found, ``actor_spans`` those of alias-table actors."""
    rule_spans = list(rule_spans)
    actor_spans = list(actor_spans)
    out: list[Candidate] = []
    for tok in candidate_heads(sent, chunk_roots):
        m = noun_phrase(tok, article_id, without_count=True)
        if m is None or m.evidence is None or m.evidence.start is None:
            continue
        at = tok.idx
        rule = next((r for s, e, r in rule_spans if s <= at < e), "O")
        lemma = tok.lemma_.lower()
        out.append(
            Candidate(
                m,
                tok.i,
                rule,
                features(
                    tok,
                    m,
                    rule,
                    sentence_index=sentence_index,
                    trigger_tokens=trigger_tokens,
                    has_figure=has_figure,
                    person=tok.ent_type_ == "PERSON" or lemma in person_lemmas,
                    weapon=lemma in weapon_lemmas,
                    actor=any(s <= at < e for s, e in actor_spans),
                ),
            )
        )
    return out


class RoleModel:
    """Multinomial logistic regression over hashed-free sparse features (a vocabulary)."""

    def __init__(self, vocab: dict[str, int], weights: Any, classes: Sequence[str] = CLASSES):
        self.vocab = vocab
        self.weights = weights  # (len(vocab), len(classes)) float32
        self.classes = tuple(classes)

    @classmethod
    def load(cls) -> RoleModel | None:
        import numpy as np

        ref = resources.files("tollwatch.data").joinpath(*MODEL_FILE)
        if not ref.is_file():
            return None
        with resources.as_file(ref) as path, np.load(path, allow_pickle=False) as data:
            vocab = {f: i for i, f in enumerate(data["vocab"].tolist())}
            weights = data["weights"].astype("float32")
            classes = tuple(data["classes"].tolist())
        return cls(vocab, weights, classes)

    def save(self, path: Any) -> None:
        import numpy as np

        vocab = sorted(self.vocab, key=self.vocab.__getitem__)
        np.savez_compressed(
            path,
            vocab=np.array(vocab),
            weights=self.weights.astype("float16"),
            classes=np.array(self.classes),
        )

    def probabilities(self, feats: Sequence[str]) -> dict[str, float]:
        rows = [self.vocab[f] for f in feats if f in self.vocab]
        if not rows:
            return {c: 1.0 / len(self.classes) for c in self.classes}
        return self._softmax(self.weights[rows].sum(axis=0).tolist())

    def _softmax(self, scores: list[float]) -> dict[str, float]:
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {c: e / total for c, e in zip(self.classes, exps, strict=True)}

    def classify(self, candidates: Sequence[Candidate]) -> list[tuple[Candidate, dict[str, float]]]:
        """``probabilities`` of each candidate, the weights of all of them gathered at once."""
        import numpy as np

        get = self.vocab.get
        rows: list[int] = []
        bounds: list[tuple[int, int]] = []
        for c in candidates:
            start = len(rows)
            rows.extend([r for r in map(get, c.features) if r is not None])
            bounds.append((start, len(rows)))
        gathered = self.weights[np.array(rows, dtype=np.intp)] if rows else None
        out = []
        for c, (start, end) in zip(candidates, bounds, strict=True):
            if start == end:
                out.append((c, self.probabilities(())))
                continue
            out.append((c, self._softmax(gathered[start:end].sum(axis=0).tolist())))
        return out


#: a rule mention is dropped when the model gives "no role" at least this probability
DROP_AT = 0.8
#: the roles a sentence without an event word of its own passes to the incident before it
ATTACH_ROLES = frozenset({"Target", "Victim"})  # a subset of Target, Victim, Weapon
#: the roles the model may add to a sentence with an event word at ``ADD_AT``. Not perpetrators:
#: trained on MUC-4, where soldiers and troops are often perpetrators, its additions at that
#: level were mostly wrong on modern news (WikiEvents dev+test: perpetrator head F1 44.3 without
#: them, 40.4 with them; GTT held-out part of train: 31.7 without, 32.5 with)
ADD_ROLES = frozenset({"Target", "Victim", "Weapon"})  # a subset of these three
#: a phrase the rules left out is added when the model gives one role at least this probability
ADD_AT = 0.4
#: an attacker the rules left out is added only when the model is this sure it is one
#: individual or a group described ("paramilitary groups", "unidentified persons"), never an
#: organisation (the alias table names those): MUC-4 TST1+TST2 PerpInd 37.5 -> 39.4, WikiEvents
#: perpetrators 48.9 -> 48.1 (a lone "man"; at 0.6 a headline's words were added too)
ADD_PERP_AT = 0.7


def _covers(c: Candidate, start: int | None, end: int | None) -> bool:
    ev = c.mention.evidence
    if ev is None or ev.start is None or start is None or end is None:
        return False
    return ev.start <= start < ev.end or start <= ev.start < end


def combine(
    classified: Sequence[tuple[Candidate, dict[str, float]]],
    actors: Sequence[Actor],
    targets: Sequence[Mention],
    victims: Sequence[Mention],
    weapons: Sequence[Mention],
    protected: Iterable[tuple[int | None, int | None]] = (),
    places: Iterable[tuple[int, int]] = (),
    speakers: frozenset[int] = frozenset(),
    drop_at: float | None = None,
    add_at: float | None = None,
) -> tuple[list[Actor], list[Mention], list[Mention], list[Mention]]:
    """Rule mentions and model decisions together: a rule mention stays unless the model is sure
    it is no role (organisations always stay); a phrase no rule took gets the role the model
    is sure of (an attacker only when it is very sure, ``ADD_PERP_AT``). Lexicon phrases
    (``protected`` spans: targets and weapons of the lexicons) always stay; places and the
    speakers of a statement ("a monitoring group said") are never added."""
    drop_at = DROP_AT if drop_at is None else drop_at
    add_at = ADD_AT if add_at is None else add_at
    protected = set(protected)
    places = list(places)

    def keep(item: Actor | Mention, alias: bool = False) -> bool:
        if alias:
            return True
        ev = item.evidence
        if ev is None or (ev.start, ev.end) in protected:
            return True
        probs = [p for c, p in classified if _covers(c, ev.start, ev.end)]
        return not probs or min(p["O"] for p in probs) < drop_at

    # organisations (the alias table's, state forces, the parse's agents) stay
    out_actors = [a for a in actors if keep(a, alias=a.kind != "individual" or a.name != a.text)]
    out_targets = [t for t in targets if keep(t)]
    out_victims = list(victims)  # people hurt stay (the keys list named victims only)
    out_weapons = [w for w in weapons if keep(w)]
    added = {"Target": out_targets, "Victim": out_victims, "Weapon": out_weapons}
    for c, probs in classified:
        if c.rule != "O" or _in_place(c, places) or c.head in speakers:
            continue
        role = max((r for r in probs if r != "O"), key=probs.__getitem__)
        if role in ADD_ROLES and probs[role] >= add_at:
            added[role].append(c.mention)
        elif role == "PerpInd" and probs[role] >= ADD_PERP_AT:
            m = c.mention
            out_actors.append(
                Actor(m.text, unidentified(m.text), "individual", evidence=m.evidence)
            )
    return out_actors, out_targets, out_victims, out_weapons


def _in_place(c: Candidate, places: Sequence[tuple[int, int]]) -> bool:
    return any(_covers(c, s, e) for s, e in places)


def confident(
    classified: Sequence[tuple[Candidate, dict[str, float]]],
    places: Sequence[tuple[int, int]] = (),
    speakers: frozenset[int] = frozenset(),
    add_at: float | None = None,
) -> tuple[list[Actor], list[Mention], list[Mention], list[Mention]]:
    """Only the phrases the model is sure of, in the roles of ``ATTACH_ROLES`` (for a sentence
    without an event word of its own, whose roles join the incident told just before it); the
    same (actors, targets, victims, weapons) shape as ``combine``."""
    add_at = ADD_AT if add_at is None else add_at
    out: dict[str, list[Mention]] = {"Target": [], "Victim": [], "Weapon": []}
    for c, probs in classified:
        role = max((r for r in probs if r != "O"), key=probs.__getitem__)
        if role not in ATTACH_ROLES or _in_place(c, places) or c.head in speakers:
            continue
        if probs[role] >= add_at:
            out[role].append(c.mention)
    return [], out["Target"], out["Victim"], out["Weapon"]
