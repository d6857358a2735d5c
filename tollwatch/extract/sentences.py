"""Sentence boundaries the parser must not draw: inside an editor's bracketed insertion.

Wire copy and monitoring transcripts insert editors' notes in square brackets in the middle of a
sentence: "the Jesuits murdered last Friday [17 November] by uniformed men were buried today",
"leaders of the [Farabundo Marti] front". spaCy's small parser often opens a sentence at the
bracket, and the two halves lose each other: the victims in one, the attackers and the place in
the other. ``bracket_sentences`` runs before the parser and marks such tokens as no sentence
start, which the parser respects:

- an opening bracket after a token that does not end a sentence (a word, a number, a comma) on
  the same line;
- the lower-case word that goes on after a closing bracket ("[17 November] by ...").

A bracket after a full stop, a colon or a dash ("... said: [BEGIN RECORDING]") may still open a
sentence.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language

__all__ = ["COMPONENT", "add_bracket_sentences", "bracket_sentences"]

COMPONENT = "tollwatch_bracket_sentences"

#: tokens after which an opening bracket may start a sentence
_ENDS = frozenset({".", "!", "?", ":", ";", "--", "-", "—", "–", '"', "''", "”", "]", ")"})


@Language.component(COMPONENT)
def bracket_sentences(doc: Any) -> Any:
    text = doc.text  # joined from the tokens: read once
    if "[" not in text and "]" not in text:
        return doc  # most texts have no bracket: no token to look at
    for i in range(1, len(doc)):
        tok, prev = doc[i], doc[i - 1]
        if tok.text == "[" and prev.text not in _ENDS and not prev.is_space:
            tok.is_sent_start = False
        elif prev.text == "]" and tok.text[:1].islower():
            tok.is_sent_start = False
    return doc


def add_bracket_sentences(nlp: Any) -> Any:
    """``nlp`` with ``bracket_sentences`` before its parser (once; a pipeline without a parser is
    returned as it is)."""
    if COMPONENT not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe(COMPONENT, before="parser")
    return nlp
