"""``tollwatch debug text``: what the extractor sees in a piece of text."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import Any

from tollwatch.config import Settings
from tollwatch.extract.pipeline import Extractor
from tollwatch.types import Article


def _plain(obj: Any) -> Any:
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {k: _plain(v) for k, v in dataclasses.asdict(obj).items()}
    if isinstance(obj, (list, tuple)):
        return [_plain(x) for x in obj]
    return obj


def explain(
    text: str, settings: Settings, published: datetime | None, extractor: Extractor | None = None
) -> dict[str, Any]:
    from tollwatch.schema import report_to_dict

    ex = extractor or Extractor(settings, include_references=True)
    article = Article(id="debug", text=text, published=published)
    prepared, caps = ex.prepare(article)
    doc = ex.nlp(prepared)
    facts = ex.sentence_facts(article, doc, caps)
    reports = ex.reports_from_doc(article, doc, caps)
    return {
        "relevant": ex.relevant(article),
        "case_restored": caps,
        "text_seen": prepared if caps else None,
        "published": published.isoformat() if published else None,
        "entities": [{"text": e.text, "label": e.label_, "start": e.start_char} for e in doc.ents],
        "sentences": [
            {
                "text": f.text,
                "history": f.history,
                "non_violent": f.non_violent,
                "triggers": [
                    " ".join(t.lemmas) + (" (strong)" if t.strong else "") for t in f.triggers
                ],
                "figures": _plain(f.figures),
                "places": [
                    {
                        "name": p.name,
                        "matched": p.matched_name,
                        "country": p.country,
                        "admin1": p.admin1,
                        "precision": p.precision,
                    }
                    for p in f.places
                ],
                "dates": [
                    {
                        "text": d.text,
                        "date": d.date.isoformat() if d.date else None,
                        "precision": d.precision,
                        "history": d.history,
                    }
                    for d in f.dates
                ],
                "actors": [
                    {"text": a.text, "name": a.name, "claimed": a.claimed} for a in f.actors
                ],
                "weapons": [w.text for w in f.weapons],
                "targets": [t.text for t in f.targets],
            }
            for f in facts
        ],
        "reports": [report_to_dict(r) for r in reports],
    }
