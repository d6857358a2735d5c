"""The attribute ruler's matches found by index equal those of spaCy's matcher, and the pipeline
that uses them annotates every token as the model as it ships does.

Sentences written by the team (facts of real incidents paraphrased), with the contractions,
spaces and words that the ruler's special patterns are about."""

from __future__ import annotations

import pytest
import spacy
from spacy.pipeline import AttributeRuler

from tollwatch.config import Settings
from tollwatch.extract import attrmatch
from tollwatch.extract.attrmatch import AttributeMatcher

TEXTS = [
    "Two car bombs exploded near the bus station in Jableh on Monday, killing at least 100 people.",
    "\"We ain't leaving,\" said a man who's lived in Tartus since 1986; y'all know he'd stay.",
    "There were 48 dead in Tartus , and there is nothin' left of the market.\n\nPolice said so.",
    "It was not the army that did it, the rebels claimed: they'd warned us and we didn't listen.",
    "  Guerrillas   ambushed a patrol\tnear San Miguel; I saw it and you saw it, didn't you?",
    "A 29-year-old woman from Medford, Mass., was among 3 killed; 260 others were hurt.",
    "",
    "BOGOTA, 5 JUL 89 -- [TEXT] THE POLICE HAVE ARRESTED 12 PEOPLE IN MEDELLIN.",
    "Whether or not the attackers had help, that is what investigators must find out; "
    "they have n't said whether they will.",
]


@pytest.fixture(scope="module")
def stock():
    return spacy.load(Settings().spacy_model)


def _before_ruler(nlp, texts):
    return list(nlp.pipe(texts, disable=["attribute_ruler", "lemmatizer", "ner"]))


def test_matches_equal_spacys_matcher(stock):
    ruler = stock.get_pipe("attribute_ruler")
    fast = AttributeMatcher(ruler.patterns, stock.vocab.strings)
    for doc in _before_ruler(stock, TEXTS):
        expected = AttributeRuler.match(ruler, doc)
        assert fast(doc) == expected, doc.text
        assert fast(doc) == expected, doc.text  # a second time, from the cache of rows


def test_the_special_patterns_are_exercised(stock):
    """Not only the tag map: two-token patterns and those of no tag or word ("ai" "n't",
    "y'" "all", a space token) match in these sentences."""
    ruler = stock.get_pipe("attribute_ruler")
    fast = AttributeMatcher(ruler.patterns, stock.vocab.strings)
    docs = _before_ruler(stock, TEXTS)
    longer = {m for d in docs for m in fast(d) if m[3] - m[2] > 1}
    assert len({m[0] for m in longer}) >= 2
    assert fast.everywhere  # patterns no value of their first token indexes


def test_a_full_cache_starts_again_with_the_same_matches(stock, monkeypatch):
    ruler = stock.get_pipe("attribute_ruler")
    fast = AttributeMatcher(ruler.patterns, stock.vocab.strings)
    monkeypatch.setattr(attrmatch, "CACHE_SIZE", 5)
    docs = _before_ruler(stock, TEXTS * 2)
    longest = max(len(d) for d in docs)
    for doc in docs:
        assert fast(doc) == AttributeRuler.match(ruler, doc)
        assert len(fast.cache) <= 5 + longest


def test_the_extractors_pipeline_annotates_as_the_stock_model(stock, extractor):
    attrs = ["TAG", "POS", "MORPH", "LEMMA", "DEP", "HEAD", "ENT_IOB", "ENT_TYPE"]
    assert isinstance(extractor.nlp.get_pipe("attribute_ruler").match.matcher, AttributeMatcher)
    for a, b in zip(stock.pipe(TEXTS), extractor.nlp.pipe(TEXTS), strict=True):
        assert [t.text for t in a] == [t.text for t in b]
        assert (a.to_array(attrs) == b.to_array(attrs)).all(), a.text
        assert [str(t.morph) for t in a] == [str(t.morph) for t in b]


def test_unreadable_patterns_leave_spacys_matcher():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "very", "OP": "+"}]], {"TAG": "RB"})
    assert not attrmatch.install(nlp)
    assert "match" not in vars(ruler)
    assert not attrmatch.install(spacy.blank("en"))  # no ruler at all


def _blank_with_ruler():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": {"IN": ["car", "truck"]}}, {"LOWER": "bomb"}]], {"TAG": "NN"})
    ruler.add([[{"LOWER": "bomb"}]], {"TAG": "NNS"}, index=0)
    ruler.add([[{"IS_SPACE": True}]], {"TAG": "_SP"})
    return nlp


def test_a_readable_ruler_is_installed():
    text = "a car bomb and  a truck bomb"
    expected = [t.tag_ for t in _blank_with_ruler()(text)]
    nlp = _blank_with_ruler()
    assert attrmatch.install(nlp)
    # the first token of a two-token match takes its attributes (index 0)
    assert expected == ["", "NN", "NNS", "", "_SP", "", "NN", "NNS"]
    assert [t.tag_ for t in nlp(text)] == expected


def test_patterns_added_after_install_are_matched_as_spacy_does():
    nlp = _blank_with_ruler()
    assert attrmatch.install(nlp)
    ruler = nlp.get_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "truck"}]], {"TAG": "VB"})  # the index does not know it
    expected = _blank_with_ruler()
    expected.get_pipe("attribute_ruler").add([[{"LOWER": "truck"}]], {"TAG": "VB"})
    text = "a car bomb and  a truck bomb"
    assert [t.tag_ for t in nlp(text)] == [t.tag_ for t in expected(text)]
    assert nlp(text)[6].tag_ == "VB"
