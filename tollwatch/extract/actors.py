"""Perpetrators: aliases from the actor table (data/lexicon/actors.tsv), generic attackers
("gunmen", "a suicide bomber"), and whether the article says the actor claimed the attack, by what
channel, or is only suspected."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Span, Token

from tollwatch.extract import doccache
from tollwatch.extract.lexicon import ActorAlias, table, word_list
from tollwatch.extract.roles import PERPETRATOR_HEADS
from tollwatch.types import Actor, Evidence

#: descriptions of attackers are individuals (MUC's PerpInd, GTD's unknown perpetrators);
#: organisations are the named groups of the actor table (data/lexicon/attacker_words.txt)
GENERIC = {word: "individual" for word in word_list("attacker_words.txt")}
CLAIM = re.compile(r"\bclaim(?:ed|s|ing)?\b(?! the lives)|\bresponsibility\b", re.I)
#: a claim the sentence says nobody made: "no group claimed responsibility", "has not claimed",
#: "denied responsibility"
NO_CLAIM = re.compile(
    r"\b(?:no (?:one|group|organi[sz]ation|faction)|nobody|none)\b[^.;]{0,40}?\bclaim|"
    r"\b(?:not|never|yet to)\b[^.;]{0,25}?\bclaim|\bno claim\b|"
    r"\bden(?:ied|ies|y|ying)\b[^.;]{0,40}?\b(?:responsibility|involvement)",
    re.I,
)


def _claim_denied(text: str) -> bool:
    """The text talks of a claim and says nobody made it."""
    return bool(CLAIM.search(text)) and bool(NO_CLAIM.search(text))


SUSPECT = re.compile(
    r"\b(?:blam(?:ed|es|ing)|suspect(?:ed|s)?|believed to (?:be|have)|"
    r"hallmarks? of|accus(?:ed|es)|attribut(?:ed|es|ing)|"
    r"(?:could|may|might) have been (?:carried out|perpetrated|committed|staged) by)\b",
    re.I,
)
#: words that give the author of the attack a sentence tells ("attributed the attack to the
#: FMLN", "carried out by members of the ELN", "the FMLN was responsible")
ATTRIBUTE = re.compile(
    r"\b(?:attribut(?:ed|es|ing)\b[^.]{0,80}?\bto|(?:was|were|is|are) responsible|"
    r"responsible for|carried out by|perpetrated by|committed by|the work of|"
    r"(?:was|were|is|are) behind)\b",
    re.I,
)
CHANNEL = re.compile(
    r"\b(?:via|through|in|on)\s+(?:its|their|a|an|the)?\s*"
    r"((?:[A-Z][\w'-]+\s+){0,3}(?:news agency|agency|channel|statement|website|account|"
    r"Telegram|Twitter|video|communique|propaganda outlet|radio station|radio|"
    r"television station|TV station|newspaper)|Telegram|Twitter)",
)
_GENERIC_RE = re.compile(
    r"\b(" + "|".join(sorted(map(re.escape, GENERIC), key=len, reverse=True)) + r")\b", re.I
)
#: a group named by itself: "a group calling itself the Gerardo Barrios Commando Unit",
#: "the self-styled Zarate Willka Liberation Armed Forces"
_NAME_WORD = r"(?:[A-Z][\w'-]*|of|the|for|and|de|del|la)"
SELF_NAMED = re.compile(
    r"\b(?:call(?:ing|s|ed)? (?:itself|themselves)|self-styled|so-called)\s+(?:the\s+)?\"?("
    + _NAME_WORD
    + r"(?:\s+"
    + _NAME_WORD
    + r"){0,7})"
)
_NAME_TAIL = re.compile(r"(?:\s+(?:of|the|for|and|de|del|la))+$")
ANAPHORA = re.compile(
    r"\b(?:the|this) (?:group|militants|jihadist group|jihadists|organi[sz]ation)\b", re.I
)


def _names_a_thing(span: Span | None) -> bool:
    """A name said "so-called" that only qualifies the common noun after it: no group's name
    ("the so-called Castille crude"); the name of a unit of people is the whole phrase ("the
    so-called Nelson Mandela cell of the ELN"), a described attacker, not "Nelson Mandela"."""
    if span is None:
        return False
    last = span[-1]
    head = last.head
    return last.dep_ in ("compound", "amod", "nmod") and head.i >= span.end and head.pos_ == "NOUN"


def _modifier(tok: Token) -> bool:
    """An attacker word that only qualifies another noun ("terrorist attack", "rebel-held")."""
    head = tok.head
    return (
        tok.dep_ in ("amod", "compound", "nmod")
        and head.i != tok.i
        and head.lower_ not in PERPETRATOR_HEADS
        and head.lemma_.lower() not in PERPETRATOR_HEADS
    )


@dataclass(frozen=True)
class ActorMatcher:
    """Compiled alias patterns, built once per worker."""

    exact: re.Pattern[str]
    folded: re.Pattern[str]
    by_alias: dict[str, ActorAlias]

    @classmethod
    def build(cls, aliases: tuple[ActorAlias, ...]) -> ActorMatcher:
        exact = sorted((a.alias for a in aliases if a.case_sensitive), key=len, reverse=True)
        folded = sorted((a.alias for a in aliases if not a.case_sensitive), key=len, reverse=True)
        by_alias = {}
        for a in aliases:
            by_alias[a.alias if a.case_sensitive else a.alias.lower()] = a

        def pat(words, flags=0):
            body = "|".join(re.escape(w) for w in words) or "(?!x)x"
            return re.compile(r"(?<![\w-])(" + body + r")(?![\w-])", flags)

        return cls(pat(exact), pat(folded, re.I), by_alias)

    def find(
        self,
        sent: Span,
        article_id: str,
        all_caps: bool,
        hurt: Callable[[Token], bool] | None = None,
    ) -> list[Actor]:
        """The actors of a sentence; ``hurt``: whether an attacker word names people the
        sentence only tells were killed or hurt ("six guerrillas were killed"): no author."""
        text = doccache.span_text(sent)
        base = sent.start_char
        denied = _claim_denied(text)
        claimed = bool(CLAIM.search(text)) and not denied
        # "no group claimed responsibility, but police suspected al-Shabaab", "the rebels
        # neither claimed nor denied responsibility": named, but only suspected
        suspected = denied or bool(SUSPECT.search(text))
        channel_m = CHANNEL.search(text) if claimed else None
        channel = channel_m.group(1).strip() if channel_m else None
        out: list[Actor] = []
        seen: list[tuple[int, int]] = []
        hits = [(m, self.by_alias[m.group(1).lower()]) for m in self.folded.finditer(text)]
        # exact-case acronyms ("FMLN", "ELN") are safe in a case-restored text too: the restorer
        # puts back only the acronyms of the actor table, never "IS" or "ETA"-like short words
        hits += [
            (m, self.by_alias[m.group(1)])
            for m in self.exact.finditer(text)
            if not (all_caps and len(m.group(1)) <= 2)
        ]
        for m, alias in sorted(hits, key=lambda h: (h[0].start(), -len(h[0].group(1)))):
            s, e = m.span(1)
            if any(s < ee and ss < e for ss, ee in seen):
                continue
            seen.append((s, e))
            out.append(
                Actor(
                    m.group(1),
                    alias.name,
                    alias.kind,
                    claimed,
                    channel,
                    suspected and not claimed,
                    Evidence(article_id, base + s, base + e, m.group(1)),
                )
            )
        for m in SELF_NAMED.finditer(text):
            name = _NAME_TAIL.sub("", m.group(1))
            s, e = m.start(1), m.start(1) + len(name)
            if not name[:1].isupper() or any(s < ee and ss < e for ss, ee in seen):
                continue
            if _names_a_thing(sent.doc.char_span(base + s, base + e, alignment_mode="expand")):
                continue  # "the so-called Castille crude": the name of a crude oil
            seen.append((s, e))
            out.append(
                Actor(
                    name,
                    name,
                    "organization",
                    claimed,
                    channel,
                    suspected and not claimed,
                    Evidence(article_id, base + s, base + e, name),
                )
            )
        if not out:
            for m in _GENERIC_RE.finditer(text):
                word = m.group(1)
                span = sent.doc.char_span(
                    base + m.start(1), base + m.end(1), alignment_mode="expand"
                )
                if span is not None and _modifier(span.root):
                    continue  # "a terrorist attack", "guerrilla actions": no attacker named
                if span is not None and hurt is not None and hurt(span.root):
                    continue  # "the clash resulted in the death of six guerrillas"
                kind = GENERIC[word.lower()]
                start, end = base + m.start(1), base + m.end(1)
                root = span.root if span is not None else None
                if (
                    root is not None
                    and root.dep_ in ("compound", "amod", "nmod")
                    and root.i < root.head.i <= root.i + 2
                    and root.head.i < sent.end
                ):
                    # "the guerrilla group", "guerrilla commandos": the attackers by their head
                    end = root.head.idx + len(root.head.text)
                    word = sent.doc.text[start:end]
                out.append(
                    Actor(
                        word,
                        word.lower()
                        if word.lower().startswith("unidentified")
                        else "unidentified " + word.lower(),
                        kind,
                        claimed,
                        channel,
                        suspected and not claimed,
                        Evidence(article_id, start, end, word),
                    )
                )
                break
        return out

    @staticmethod
    def claim_denied(sent: Span) -> bool:
        """The sentence talks of a claim nobody made ("no group claimed responsibility", "the
        rebels neither claimed nor denied responsibility")."""
        return _claim_denied(doccache.span_text(sent))

    @staticmethod
    def anaphora_claim(sent: Span) -> bool:
        """ "The group has claimed ..." refers back to the last named actor."""
        text = doccache.span_text(sent)
        return bool(ANAPHORA.search(text)) and bool(CLAIM.search(text)) and not _claim_denied(text)


#: abbreviations that name a country before a strike ("a U.S. drone strike"; lexicon data)
COUNTRY_ABBREVIATIONS = table("country_abbreviations.tsv")
#: the heads of strikes and their weapons that a nationality names the striker of: "a Russian
#: drone attack", "Russian missiles struck", "an Israeli air strike", "Turkish warplanes"
STRIKE_HEADS = frozenset(
    {
        "strike",
        "airstrike",
        "attack",
        "raid",
        "missile",
        "rocket",
        "drone",
        "shelling",
        "bombardment",
        "warplane",
        "jet",
        "aircraft",
        "helicopter",
        "artillery",
    }
)


def national_strikers(
    sent: Span,
    article_id: str,
    country_of: Callable[[str], str | None],
    country_name: Callable[[str], str | None],
) -> list[Actor]:
    """The state forces a nationality names as the striker ("a Russian drone attack on Odesa",
    "Russian missiles struck", "an Israeli air strike"): the demonym as written, the country's
    military forces as the name (ACLED's "Military Forces of Russia"); never a nationality of
    what was hit ("an attack on Russian soldiers": soldiers are no strike) nor a maker
    ("U.S.-made helicopters": no demonym); ``country_of`` reads a demonym or a country's name
    ("a U.S. drone strike"), ``country_name`` names a country by its code ("RU" -> "Russia")."""
    out: list[Actor] = []
    for tok in doccache.span_tokens(sent):
        if tok.lemma_.lower() not in STRIKE_HEADS or tok.pos_ != "NOUN" or not _the_deed(tok):
            continue
        for c in tok.children:
            if (
                c.dep_ not in ("amod", "compound", "nmod")
                or c.ent_type_ not in ("NORP", "GPE")
                or c.i > tok.i
            ):
                continue
            code = COUNTRY_ABBREVIATIONS.get(c.text) or country_of(c.text)
            if code is None or any(a.text == c.text for a in out):
                continue
            name = f"Military Forces of {country_name(code) or code}"
            ev = Evidence(article_id, c.idx, c.idx + len(c.text), c.text)
            out.append(Actor(c.text, name, "organization", evidence=ev))
    return out


def _the_deed(tok: Token) -> bool:
    """The strike is what the sentence tells happened: its subject ("Russian missiles struck",
    "a Russian drone attack killed"), its head, or what people were killed or hurt in or by
    ("killed in an Israeli air strike"); not a reaction it prompted ("prompting Russian
    airstrikes") nor a thing it names in passing."""
    if tok.dep_ in ("nsubj", "nsubjpass", "ROOT"):
        return True
    prep = tok.head
    return (
        tok.dep_ == "pobj"
        and prep.lower_ in ("in", "by", "during")
        and prep.head.pos_ == "VERB"
        and prep.head.lemma_.lower() in ("kill", "wound", "injure", "die", "hit", "destroy")
    )
