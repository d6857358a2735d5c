"""The per-document cache of repeated spaCy reads (sentences the team wrote)."""

from __future__ import annotations

from datetime import UTC, datetime

from spacy.tokens import Span

from tollwatch.extract import doccache
from tollwatch.extract.people import retype_people
from tollwatch.types import Article


def test_cached_reads_equal_spacy_reads(extractor):
    doc = extractor.nlp("Gunmen killed two guards at a checkpoint in Kandahar on Monday.")
    assert doccache.text(doc) == doc.text
    assert [t.i for t in doccache.tokens(doc)] == [t.i for t in doc]
    assert doccache.lowers(doc) == [t.lower_ for t in doc]
    assert doccache.lemmas(doc) == [t.lemma_.lower() for t in doc]
    assert [(e.start, e.end, e.label_) for e in doccache.ents(doc)] == [
        (e.start, e.end, e.label_) for e in doc.ents
    ]
    # read once: the same objects come back
    assert doccache.tokens(doc) is doccache.tokens(doc)


def test_retyped_people_are_seen_after_the_cache_was_filled(extractor):
    doc = extractor.nlp("Unknown men shot Hector Oqueli Colindres in Guatemala City.")
    start = next(t.i for t in doc if t.text == "Hector")
    doc.ents = [Span(doc, start, start + 3, label="ORG")]
    assert [e.label_ for e in doccache.ents(doc)] == ["ORG"]
    retype_people(doc, extractor.gaz)
    assert [e.label_ for e in doccache.ents(doc)] == ["PERSON"]


def test_extraction_leaves_no_cache_on_the_document(extractor):
    text = "A car bomb killed 12 people at a market in Baghdad on Sunday, police said."
    article = Article(id="c1", text=text, published=datetime(2016, 5, 24, tzinfo=UTC))
    doc = extractor.nlp(text)
    reports = extractor.reports_from_doc(article, doc, False)
    assert reports and reports[0].killed.best == 12
    assert "tollwatch.doccache" not in doc.user_data


def test_sentences_spans_and_memos_read_from_the_cache_equal_spacy_reads(extractor):
    doc = extractor.nlp(
        "Gunmen killed two guards in Kandahar on Monday. Police said the attackers fled. "
        "A second bomb wounded five people nearby."
    )
    for tok in doc:
        sent = doccache.sentence(tok)
        assert (sent.start, sent.end) == (tok.sent.start, tok.sent.end)
        assert doccache.span_text(sent) == sent.text
        assert [t.i for t in doccache.span_tokens(sent)] == [t.i for t in sent]
    assert doccache.span_text(doc) == doc.text
    memo = doccache.memo(doc, "rule")
    memo["k"] = 1
    assert doccache.memo(doc, "rule") == {"k": 1}
    doccache.forget(doc)
    assert doccache.memo(doc, "rule") == {}


def test_token_bounds_of_character_spans_equal_spacy_char_span(extractor):
    doc = extractor.nlp("Gunmen killed two guards in Kandahar on Monday, police said.")
    n = len(doc.text)
    for start in range(n):
        for end in range(start + 1, n + 1):
            span = doc.char_span(start, end, alignment_mode="expand")
            expected = None if span is None else (span.start, span.end)
            assert doccache.span_bounds(doc, start, end) == expected, (start, end)
