"""Evaluation: how well the extractor's reports match hand-made gold (issue 3).

    evaluate_muc(data_dir, split="tst1+tst2")  MUC-4 texts against the full 25-slot answer keys
    evaluate_gtt(data_dir, split="dev")        the GTT/IterX template-filling metric
    evaluate_seed(seed_dir)                    the hand-coded seed article, field by field
    evaluate_wikievents(data_dir, split="dev") WikiEvents modern news, roles at article level
    evaluate(["muc4", "gtt", "seed"], ...)     several of them, as ``tollwatch eval`` does

Each returns an ``EvalResult`` (metrics as plain dicts, plus per-document mismatch records for
error analysis); ``tollwatch.evaluate.report`` renders them as tables, Markdown or JSON. Like
``run/``, this package drives stages (ingest for the seed's text file, then extract); the other
stages never import it. Modules:

    muc_texts  MUC message files -> MucText / Article (dateline date = publication date)
    muc_keys   MUC answer keys -> KeyTemplate (slots as written), dates, places, counts
    muc_gold   KeyTemplate -> GoldIncident (our schema: roles, tolls)
    muc        alignment of reports with key templates and the per-field MUC scores
    gtt        the template-filling metric on the processed GTT splits
    seed       the seed gold checks
    wikievents WikiEvents events and arguments -> incident and roles per article, their scores
    score      normalisation, P/R/F1 counts, entity matching, alignment, Report -> Predicted
    report     tables (plain text, Markdown) and JSON
    cli        the ``tollwatch eval`` command
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from tollwatch.config import Settings
from tollwatch.errors import TollwatchError
from tollwatch.evaluate import gtt, muc, seed, wikievents
from tollwatch.evaluate.muc_gold import gold_incident
from tollwatch.evaluate.muc_keys import read_keys
from tollwatch.evaluate.muc_texts import MucText, read_texts
from tollwatch.evaluate.score import current_reports, predicted_from_report
from tollwatch.evaluate.views import template_views
from tollwatch.types import Article, Failure, Report

__all__ = [
    "DATASETS",
    "EvalResult",
    "MUC_SPLITS",
    "GTT_SPLITS",
    "evaluate",
    "evaluate_gtt",
    "evaluate_muc",
    "evaluate_seed",
    "evaluate_wikievents",
]

DATASETS = ("muc4", "gtt", "seed", "wikievents")
MUC_SPLITS = ("tst1+tst2", "tst1", "tst2", "dev")
GTT_SPLITS = ("dev", "train")
WIKIEVENTS_SPLITS = wikievents.SPLITS
#: split -> (text file glob, key file glob) under muc34_raw/TASK/CORPORA
MUC_FILES = {
    "dev": ("dev/dev-muc3-*", "dev/key-dev-*"),
    "tst1": ("tst1/tst1-muc3", "tst1/key-tst1.v7"),
    "tst2": ("tst2/tst2-muc4", "tst2/key-tst2.v4"),
}


class ExtractorLike(Protocol):
    def extract_many(
        self, articles: Iterable[Article]
    ) -> Iterator[tuple[Article, list[Report] | Failure]]: ...


@dataclass
class EvalResult:
    dataset: str  # "muc4", "gtt", "seed", "wikievents"
    split: str
    docs: int
    seconds: float
    metrics: dict[str, Any]
    errors: list[dict[str, Any]] = field(default_factory=list)  # per-document mismatches
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d.pop("errors")
        return d


def make_extractor(settings: Settings | None = None) -> ExtractorLike:
    from tollwatch.extract.pipeline import Extractor

    return Extractor(settings or Settings())


def _missing(what: str, path: Path) -> TollwatchError:
    return TollwatchError(
        f"{what} not found at {path}",
        hint="pass --data-dir (or --seed-dir) pointing at ../shared/datasets (../shared/seed)",
    )


def _progress(items: Iterable[Any], total: int, desc: str, on: bool) -> Iterable[Any]:
    if not on:
        return items
    from tqdm import tqdm

    return tqdm(items, total=total, desc=desc, file=sys.stderr, unit="doc")


def _extracted(
    ex: ExtractorLike,
    articles: Iterable[Article],
    total: int,
    desc: str,
    progress: bool,
    tally: Any,
) -> Iterator[tuple[Article, list[Report]]]:
    """Each article with its current reports (none for a failed one, counted in
    ``tally.failures``)."""
    for article, out in _progress(ex.extract_many(articles), total, desc, progress):
        if isinstance(out, Failure):
            tally.failures += 1
        yield article, [] if isinstance(out, Failure) else current_reports(out)


def muc_corpus(data_dir: Path, split: str) -> tuple[dict[str, MucText], dict[str, list]]:
    """Texts and keys of a MUC split ("dev", "tst1", "tst2", "tst1+tst2")."""
    corpora = Path(data_dir) / "muc34_raw" / "TASK" / "CORPORA"
    texts: dict[str, MucText] = {}
    keys: dict[str, list] = {}
    for part in split.split("+"):
        if part not in MUC_FILES:
            raise TollwatchError(
                f"unknown MUC-4 split {split!r}", hint=f"use one of {', '.join(MUC_SPLITS)}"
            )
        text_glob, key_glob = MUC_FILES[part]
        text_files, key_files = sorted(corpora.glob(text_glob)), sorted(corpora.glob(key_glob))
        if not text_files or not key_files:
            raise _missing(f"MUC-4 {part} texts or keys", corpora / part)
        texts.update(read_texts(text_files))
        keys.update(read_keys(key_files))
    return texts, keys


def evaluate_muc(
    data_dir: Path,
    split: str = "tst1+tst2",
    limit: int | None = None,
    extractor: ExtractorLike | None = None,
    keep_dateline: bool = True,
    progress: bool = False,
) -> EvalResult:
    t0 = time.perf_counter()
    texts, keys = muc_corpus(data_dir, split)
    doc_ids = list(texts)[:limit] if limit else list(texts)
    ex = extractor or make_extractor()
    tally = muc.MucTally()
    errors: list[dict[str, Any]] = []
    gold_stats = {
        "templates": 0,
        "optional_templates": 0,
        "relevant_docs": 0,
        "stating_killed": 0,
        "stating_injured": 0,
    }
    articles = (texts[d].to_article(keep_dateline) for d in doc_ids)
    for article, reports in _extracted(ex, articles, len(doc_ids), "muc4", progress, tally):
        preds = [predicted_from_report(r) for r in template_views(reports)]
        golds = [gold_incident(t, texts[article.id].published) for t in keys.get(article.id, [])]
        gold_stats["templates"] += len(golds)
        gold_stats["optional_templates"] += sum(g.optional for g in golds)
        gold_stats["relevant_docs"] += int(any(not g.optional for g in golds))
        gold_stats["stating_killed"] += sum(bool(g.killed) and not g.optional for g in golds)
        gold_stats["stating_injured"] += sum(bool(g.injured) and not g.optional for g in golds)
        record = muc.score_document(tally, article.id, golds, preds)
        if (
            record["missed"]
            or record["spurious"]
            or any(p["wrong"] or p["roles"] for p in record["pairs"])
        ):
            errors.append(record)
    notes = [] if keep_dateline else ["datelines removed from the texts"]
    if any(d not in keys for d in doc_ids):
        notes.append("some messages have no key and were scored as irrelevant")
    return EvalResult(
        "muc4",
        split,
        tally.docs,
        round(time.perf_counter() - t0, 1),
        {"gold": gold_stats, **tally.to_dict()},
        errors,
        notes,
    )


def _muc_dates(data_dir: Path) -> dict[str, datetime]:
    """docid -> dateline date of every MUC text found (DEV, TST1, TST2)."""
    out: dict[str, datetime] = {}
    corpora = Path(data_dir) / "muc34_raw" / "TASK" / "CORPORA"
    files = [f for glob, _ in MUC_FILES.values() for f in sorted(corpora.glob(glob))]
    for doc_id, text in read_texts(files).items():
        if text.published:
            p = text.published
            out[doc_id] = datetime(p.year, p.month, p.day, tzinfo=UTC)
    return out


def evaluate_gtt(
    data_dir: Path,
    split: str = "dev",
    limit: int | None = None,
    extractor: ExtractorLike | None = None,
    progress: bool = False,
) -> EvalResult:
    t0 = time.perf_counter()
    if split not in GTT_SPLITS:
        raise TollwatchError(f"unknown GTT split {split!r}", hint="use dev or train")
    path = Path(data_dir) / "muc4_gtt" / f"{split}.jsonl"
    if not path.exists():
        raise _missing(f"GTT {split} split", path)
    docs = gtt.read_gtt(path)
    docs = docs[:limit] if limit else docs
    dates = _muc_dates(data_dir)
    notes = [] if dates else ["MUC texts not found: documents have no publication date"]
    by_id = {d.docid: d for d in docs}
    articles = [
        Article(
            id=d.docid, text=d.text, published=dates.get(d.docid), language="en", origin=d.docid
        )
        for d in docs
    ]
    ex = extractor or make_extractor()
    tally = gtt.GttTally()
    errors = []
    for article, reports in _extracted(ex, articles, len(articles), "gtt", progress, tally):
        preds = [gtt.predicted_template(r) for r in template_views(reports)]
        golds = list(by_id[article.id].templates)
        doc = gtt.score_document(preds, golds)
        tally.add(doc)
        c = gtt.GttTally(slots=doc.counts).micro
        if c.p_num != c.p_den or c.r_num != c.r_den:
            errors.append(gtt.error_record(article.id, preds, golds, doc))
    return EvalResult(
        "gtt", split, tally.docs, round(time.perf_counter() - t0, 1), tally.to_dict(), errors, notes
    )


def evaluate_seed(seed_dir: Path, extractor: ExtractorLike | None = None) -> EvalResult:
    from tollwatch.ingest import iter_articles

    t0 = time.perf_counter()
    pairs = seed.read_seed(Path(seed_dir))
    if not pairs:
        raise _missing("seed gold (*.gold.json with its .txt)", Path(seed_dir))
    ex = extractor or make_extractor()
    checks: list[seed.Check] = []
    errors = []
    for text_path, gold in pairs:
        found = list(iter_articles([str(text_path)], Settings(), seed.published_of(gold)))
        article = found[0] if found and isinstance(found[0], Article) else None
        if article is None:
            checks.append(seed.Check(text_path.name, "article read", True, False, False))
            continue
        _, out = next(iter(ex.extract_many([article])))
        reports = [] if isinstance(out, Failure) else current_reports(out)
        these = seed.check_article(gold, article, reports)
        checks += these
        wrong = [asdict(c) for c in these if not c.ok]
        if wrong:
            errors.append({"doc_id": text_path.name, "mismatches": wrong})
    matched = sum(c.ok for c in checks)
    metrics = {
        "articles": len(pairs),
        "checks": [asdict(c) for c in checks],
        "matched": matched,
        "total": len(checks),
        "fully_matched": matched == len(checks),
    }
    return EvalResult(
        "seed", "all", len(pairs), round(time.perf_counter() - t0, 1), metrics, errors
    )


def evaluate_wikievents(
    data_dir: Path,
    split: str = "dev",
    limit: int | None = None,
    extractor: ExtractorLike | None = None,
    progress: bool = False,
) -> EvalResult:
    """Incident detection and roles per article on WikiEvents (``wikievents`` module)."""
    t0 = time.perf_counter()
    docs, notes = wikievents.read_wikievents(Path(data_dir) / "wikievents", split)
    docs = docs[:limit] if limit else docs
    by_id = {d.doc_id: d for d in docs}
    ex = extractor or make_extractor()
    tally = wikievents.WikiTally()
    errors = []
    articles = [d.to_article() for d in docs]
    for article, reports in _extracted(ex, articles, len(docs), "wikievents", progress, tally):
        record = wikievents.score_document(tally, by_id[article.id], reports)
        if record["detection"] != "ok" or record["roles"]:
            errors.append(record)
    return EvalResult(
        "wikievents",
        split,
        tally.docs,
        round(time.perf_counter() - t0, 1),
        tally.to_dict(),
        errors,
        ["no publication dates: relative dates stay unresolved", *notes],
    )


def evaluate(
    datasets: Iterable[str],
    data_dir: Path,
    seed_dir: Path,
    muc_split: str = "tst1+tst2",
    gtt_split: str = "dev",
    limit: int | None = None,
    extractor: ExtractorLike | None = None,
    progress: bool = False,
    wikievents_split: str = "dev",
) -> list[EvalResult]:
    """Run the named evaluations with one extractor, in the order given."""
    ex = extractor
    results = []
    for name in datasets:
        if name not in DATASETS:
            raise TollwatchError(
                f"unknown dataset {name!r}", hint="use muc4, gtt, seed or wikievents"
            )
        ex = ex or make_extractor()
        if name == "muc4":
            results.append(evaluate_muc(data_dir, muc_split, limit, ex, progress=progress))
        elif name == "gtt":
            results.append(evaluate_gtt(data_dir, gtt_split, limit, ex, progress=progress))
        elif name == "wikievents":
            results.append(
                evaluate_wikievents(data_dir, wikievents_split, limit, ex, progress=progress)
            )
        else:
            results.append(evaluate_seed(seed_dir, ex))
    return results
