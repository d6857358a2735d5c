"""Whether an event word tells something that happened.

Shared by incident detection (``pipeline``) and casualty figures (``casualties``):

- ``unrealised(verb)``: a threat, plan, attempt, hypothetical or future ("threatened to kill 10
  judges", "a bomb that could kill dozens", "the men who are going to carry out the abductions");
  governors come from the lexicon ``unrealised.txt``.
- ``asserted(word, sent)``: an event word told as having happened: not inside a question or a
  supposition, not negated, not under a modal, not a habit that describes someone ("the people
  they kidnap"), and, for a noun, not the argument of a verb
  that brings it about and is itself unasserted ("the band will place bombs", "they plan to
  unleash an offensive"; such verbs are the lexicon ``occurrence_verbs.txt``), of an order
  ("stop the assassinations") or of "without" ("dialogue without bombs"), nor the means ("with")
  of a verb that is itself unasserted or a threat ("they would respond with attacks on judges",
  "threatened the town with bombings"). A noun under any other verb keeps its event: "we must
  repudiate the murder" tells a murder.
"""

from __future__ import annotations

from typing import Any

from tollwatch.extract import doccache
from tollwatch.extract.lexicon import word_list

#: "threatened to kill", "tried to murder": governors of an event verb that did not happen
UNREALISED = word_list("unrealised.txt")
#: governors of an attempt: an attempted attack is an incident (MUC's and GTD's "attempted"),
#: though its casualty verbs are no toll ("tried to kill the mayor")
ATTEMPTS = frozenset({"try", "attempt"})
#: "would kill", "could kill": a hypothetical (unless perfect: "could have killed" is asked too)
HYPOTHETICAL = frozenset({"would", "could", "might", "may"})
#: auxiliaries of a verb that tells no event: "would attack", "can kill", "will bomb"
NOT_ASSERTED_AUX = HYPOTHETICAL | {"should", "must", "can", "will"}
#: words that open a sentence that asks or supposes: "If a Latin American is attacked, ..."
SUPPOSING = frozenset({"if", "unless", "whether"})
#: prepositions whose object did not happen: "a dialogue without bombs and bullets"
ABSENT = frozenset({"without"})
#: verbs that bring their event noun about or tell it happens (lexicon data)
OCCURRENCE = word_list("occurrence_verbs.txt")
#: relations by which a noun is a verb's argument ("placed bombs", "bombs were placed")
ARGUMENT_DEPS = frozenset({"dobj", "nsubjpass", "nsubj", "attr", "oprd"})


#: verbs of investigating a crime
INVESTIGATING = frozenset({"investigate", "probe"})


def investigated_before(cue: Any, investigators: frozenset[str]) -> bool:
    """Whether a casualty word names a crime that a person was investigating: "Judge Jaramillo
    was investigating the massacre of 43 persons in Segovia", "the magistrate, who had
    investigated the murder of Colonel Quintero, ...": an earlier incident in the background of
    the one told, not its toll. The investigator is a named person or a judge, prosecutor, ...
    (``investigators``); the investigating was before ("was investigating", "had investigated").
    "Police are investigating the bombing" is no such background."""
    tok = cue
    for _ in range(6):
        if tok.head == tok:
            return False
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            break
    else:
        return False
    if tok.lemma_.lower() not in INVESTIGATING:
        return False
    aux = {c.lower_ for c in tok.children if c.dep_ == "aux"}
    if not (
        (tok.tag_ == "VBG" and aux & {"was", "were", "been"})
        or (tok.tag_ == "VBN" and "had" in aux)
    ):
        return False
    subject = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if subject is not None and subject.lower_ in ("who", "that") and tok.dep_ == "relcl":
        subject = tok.head
    if subject is None:
        return False
    return subject.ent_type_ == "PERSON" or subject.lemma_.lower() in investigators


#: adverbs that make a casualty verb a near miss
NEAR_MISS = frozenset({"almost", "nearly"})
#: words before "to" that make the verb after them something about to happen ("a bomb about to
#: explode", "rebels poised to attack the town")
IMMINENT = frozenset({"about", "poised"})
#: nouns of a plan or a threat whose "to" verb did not happen ("a plot to assassinate the
#: writer", "his threat to kill the judges"); "an attempt to kill" is an attempted attack, and
#: no toll (``ATTEMPTS``)
PLAN_NOUNS = frozenset({"plan", "plot", "threat", "conspiracy", "intention", "scheme"})
ATTEMPT_NOUNS = frozenset({"attempt", "bid"})


def unrealised(cue: Any, attempts: bool = True) -> bool:
    """A verb of a threat, plan, attempt or hypothetical, not of an event: "threatened to kill
    10 judges", "a bomb that could kill dozens"; ``attempts=False`` lets "tried to kill" pass."""
    if cue.pos_ not in ("VERB", "AUX"):
        return False
    if any(c.dep_ == "aux" and c.lower_ in HYPOTHETICAL for c in cue.children):
        return True
    if any(c.dep_ == "advmod" and c.lower_ in NEAR_MISS and c.i < cue.i for c in cue.children):
        return True  # "was almost killed", "nearly died"; not "nearly 50 were killed"
    doc = cue.doc
    if cue.i >= 2 and doc[cue.i - 1].lower_ == "to" and doc[cue.i - 2].lower_ in IMMINENT:
        return True  # "a bomb about to explode"
    if cue.dep_ == "acl" and cue.head.pos_ == "NOUN":
        noun = cue.head.lemma_.lower()
        if noun in PLAN_NOUNS or (attempts and noun in ATTEMPT_NOUNS):
            return True  # "a plot to assassinate the writer"
    head = cue
    for _ in range(2):
        if head.dep_ not in ("xcomp", "conj") or head.head == head:
            return False
        head = head.head
        lemma = head.lemma_.lower()
        if lemma in UNREALISED and (attempts or lemma not in ATTEMPTS):
            return True
        if _going_to(head):
            return True
    return False


def _going_to(verb: Any) -> bool:
    """The future of "be going to": "the persons who are going to carry out the abductions"."""
    return (
        verb.lemma_.lower() == "go"
        and verb.tag_ == "VBG"
        and any(c.dep_ == "aux" and c.lemma_ == "be" for c in verb.children)
    )


#: nouns of a report whose content may be denied, and the words that deny it ("the report that
#: the ambassador's daughter was wounded is absolutely unfounded")
REPORT_NOUNS = frozenset({"report", "rumor", "rumour", "claim", "allegation", "version", "news"})
DENIALS = frozenset({"unfounded", "false", "untrue", "baseless", "groundless", "incorrect"})


def _refuted(verb: Any) -> bool:
    """A verb told in the content of a report that the sentence calls false: "the report that
    the daughter of the ambassador was wounded is absolutely unfounded", "rumours that the mayor
    was killed are false"."""
    tok = verb
    while tok.dep_ == "conj" and tok.head != tok:
        tok = tok.head
    noun = tok.head
    if tok.dep_ not in ("acl", "ccomp") or noun.lemma_.lower() not in REPORT_NOUNS:
        return False
    if noun.dep_ != "nsubj":
        return False
    return any(c.dep_ in ("acomp", "attr") and c.lower_ in DENIALS for c in noun.head.children)


def _verb_asserted(verb: Any) -> bool:
    kids = list(verb.children)
    if any(c.dep_ == "neg" for c in kids):
        return False
    modal = any(c.dep_ == "aux" and c.lower_ in NOT_ASSERTED_AUX for c in kids)
    perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in kids)
    return not (modal and not perfect)


def _imperative(verb: Any) -> bool:
    """An order: a bare verb that heads its sentence and has no subject ("Stop the killings")."""
    if verb.tag_ != "VB" or verb.dep_ not in ("ROOT", "conj"):
        return False
    root = verb if verb.dep_ == "ROOT" else verb.head
    if root.dep_ != "ROOT" or root.tag_ != "VB":
        return False
    return not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "expl") for c in root.children)


def _list_head(noun: Any) -> Any:
    """The first noun of the list a noun is in ("bombs and bullets" -> "bombs")."""
    tok = noun
    for _ in range(4):
        if tok.dep_ not in ("conj", "appos") or tok.head == tok:
            break
        tok = tok.head
    return tok


def _governing_verb(noun: Any) -> Any | None:
    """The verb whose argument the noun is (through lists: "bombs and bullets"), or None."""
    tok = _list_head(noun)
    if tok.dep_ in ARGUMENT_DEPS and tok.head.pos_ in ("VERB", "AUX"):
        return tok.head
    return None


def _means_of(noun: Any) -> Any | None:
    """The verb of which the noun is the means ("respond with attacks"), or None."""
    tok = _list_head(noun)
    if tok.dep_ == "pobj" and tok.head.lower_ == "with" and tok.head.head.pos_ in ("VERB", "AUX"):
        return tok.head.head
    return None


def _absent(noun: Any) -> bool:
    tok = _list_head(noun)
    return tok.dep_ == "pobj" and tok.head.lower_ in ABSENT


def _hedged_author(noun: Any, verb: Any) -> bool:
    """A definite event told before whose author is only guessed: "the attacks could have been
    carried out by the Shining Path" (a modal perfect passive with its agent); the attacks
    happened, who did them is the hedge."""
    kids = list(verb.children)
    return (
        _list_head(noun).dep_ == "nsubjpass"
        and any(c.dep_ == "det" and c.lower_ in DEFINITE for c in noun.children)
        and any(c.dep_ == "aux" and c.lower_ in HYPOTHETICAL for c in kids)
        and any(c.dep_ == "aux" and c.lemma_ == "have" for c in kids)
        and any(c.dep_ == "agent" for c in kids)
    )


def asserted(tok: Any, sent: Any) -> bool:
    """Whether an event word is told as having happened (module docstring): "What do you think
    about kidnappings?", "If ... is attacked", "the bomb did not explode", "we have no bombs",
    "they would attack", "the band will place bombs", "stop the assassinations" are not."""
    if doccache.span_text(sent).rstrip(" \"'”)]").endswith("?"):
        return False
    first = next((t for t in doccache.span_tokens(sent) if t.is_alpha), None)
    if first is not None and first.lower_ in SUPPOSING:
        return False
    # only a verb: a noun keeps its event ("if the soldiers involved in the killing are punished")
    if tok.pos_ == "VERB" and _conditional(tok):
        return False
    if tok.pos_ in ("NOUN", "PROPN"):
        if any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children):
            return False
        if _absent(tok):
            return False
        means = _means_of(tok)
        if means is not None and (
            means.lemma_.lower() in UNREALISED
            or not (_verb_asserted(means) and not unrealised(means, attempts=False))
        ):
            # "they would respond to the war with attacks on politicians", "threatened the
            # town with bombings": the means of a deed still to come
            return False
        verb = _governing_verb(tok)
        if verb is None:
            return True
        if _imperative(verb):
            return False
        if verb.lemma_.lower() not in OCCURRENCE:
            return True  # "we must repudiate the murder": the murder happened
        if _hedged_author(tok, verb):
            return True  # "the attacks could have been carried out by the Shining Path"
        return _verb_asserted(verb) and not unrealised(verb, attempts=False)
    if tok.pos_ != "VERB":
        return True
    if _refuted(tok):
        return False
    if _habitual(tok):
        return False
    return _verb_asserted(tok) and not unrealised(tok, attempts=False)


def _habitual(verb: Any) -> bool:
    """A verb in the simple present that describes someone by what they do: "the relatives of
    the persons they kidnap", "a group that bombs pylons" (a relative clause with no auxiliary);
    no deed is told. Not a headline's present ("Gunmen kill five"), which heads its sentence."""
    return (
        verb.tag_ in ("VBP", "VBZ")
        and verb.dep_ == "relcl"
        and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
    )


def _conditional(tok: Any) -> bool:
    """Whether the word is inside a clause of condition later in its sentence: "will call a strike
    if the Air Force continues to bomb neighbourhoods"."""
    node = tok
    for _ in range(8):
        if node.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in SUPPOSING for c in node.children
        ):
            return True
        if node.head == node:
            return False
        node = node.head
    return False


#: entity types that anchor an event noun to one occasion ("attacks in Usulutan on Sunday")
ANCHOR_ENTS = frozenset({"GPE", "LOC", "FAC", "DATE", "TIME"})
TIME_ENTS = frozenset({"DATE", "TIME"})
#: determiners that point to one occasion
DEFINITE = frozenset({"the", "this", "that", "these", "those"})
#: nouns of an end to events, which tell none ("the end of bomb explosions")
ENDING = frozenset({"end", "halt", "stop", "cessation", "suspension"})
#: nouns that gather events into one occasion ("a wave of bombings")
GATHERING = frozenset({"wave", "series", "spate", "string", "rash", "chain", "round"})


def in_general(noun: Any) -> bool:
    """Whether an event noun speaks of such events in general, not of one that happened: a bare
    plural with no determiner, number or owner and nothing that anchors it to a place or a time
    ("has much experience with kidnappings", "victims of terrorist attacks", "an end to bomb
    explosions"). "Two bombings", "yesterday's attacks", "attacks in Soyapango" are told."""
    if noun.pos_ != "NOUN" or noun.tag_ != "NNS":
        return False
    for tok in (noun, _list_head(noun)):
        if any(c.dep_ in ("det", "nummod", "poss", "predet") for c in tok.children):
            return False
        if tok.dep_ == "pobj" and tok.head.lower_ == "of":
            # "a wave of bombings", "the din of gunfire and explosions"; not "the end of bombs"
            owner = tok.head.head
            if owner.lemma_ in GATHERING:
                return False
            if owner.lemma_ not in ENDING and any(
                c.dep_ == "det" and c.lower_ in DEFINITE for c in owner.children
            ):
                return False
    if any(t.ent_type_ in ANCHOR_ENTS for t in noun.subtree):
        return False
    verb = _governing_verb(noun)
    if verb is not None and verb.tag_ in ("VBD", "VBN"):
        return False  # "they placed bombs inside the hospital", "clashes were reported"
    clause = noun
    while clause.pos_ not in ("VERB", "AUX") and clause.head != clause:
        clause = clause.head
    return not any(t.ent_type_ in TIME_ENTS for t in clause.subtree)
