"""Train the role model of ``extract.rolemodel`` on the GTT train split (the MUC-4 DEV messages
with their role fillers; never on the dev split = TST1/TST2, which is reported as the test set).

    python -m tollwatch.evaluate.train_roles [--data-dir ../shared/datasets] [--out PATH]
        [--docs N] [--epochs E]

Every noun phrase of the message is a candidate; its label is the role whose gold strings (any
template of the message, after the scorer's normalisation) include its text, else none. GTT's
Victim entities are named people, so the model learns nothing of described victims ("peasants"):
``rolemodel.combine`` never drops a victim the rules found. A multinomial logistic regression is fitted with mini-batch AdaGrad and L2,
features seen fewer than ``min_count`` times are dropped, and the weights are written (float16)
to ``tollwatch/data/models/roles.npz``. ``--docs N`` trains on the first N documents only (the
rest can then be used to choose thresholds without touching the reported dev split).
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from pathlib import Path

from tollwatch.config import Settings
from tollwatch.evaluate import _muc_dates, gtt
from tollwatch.evaluate.score import ROLES, normalize
from tollwatch.extract.rolemodel import CLASSES, MODEL_FILE, RoleModel
from tollwatch.types import Article

LABEL_ORDER = ("PerpOrg", "PerpInd", "Victim", "Target", "Weapon")


def gold_mentions(doc: gtt.GttDoc) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {r: set() for r in ROLES}
    for t in doc.templates:
        for role in ROLES:
            for entity in t[role]:
                out[role].update(entity)
    return out


def labelled_candidates(data_dir: Path, limit: int | None) -> list[tuple[tuple[str, ...], int]]:
    from tollwatch.extract.pipeline import Extractor

    docs = gtt.read_gtt(data_dir / "muc4_gtt" / "train.jsonl")
    docs = docs[:limit] if limit else docs
    dates = _muc_dates(data_dir)
    ex = Extractor(Settings(), role_model=None, collect_candidates=True)
    examples: list[tuple[tuple[str, ...], int]] = []
    by_id = {d.docid: d for d in docs}
    arts = [
        Article(id=d.docid, text=d.text, published=dates.get(d.docid), language="en") for d in docs
    ]
    todo = [(a, *ex.prepare(a)) for a in arts if ex.relevant(a)]
    for doc, (a, caps) in ex.nlp.pipe(((t, (a, c)) for a, t, c in todo), as_tuples=True):
        gold = gold_mentions(by_id[a.id])
        for facts in ex.sentence_facts(a, doc, caps):
            for c in facts.extra.get("candidates", ()):
                text = normalize(c.mention.text)
                label = next((r for r in LABEL_ORDER if text in gold[r]), "O")
                examples.append((c.features, CLASSES.index(label)))
    return examples


def fit(
    examples: list[tuple[tuple[str, ...], int]],
    epochs: int = 8,
    min_count: int = 2,
    l2: float = 1e-5,
    lr: float = 0.3,
    seed: int = 13,
) -> RoleModel:
    import numpy as np

    counts = Counter(f for feats, _ in examples for f in set(feats))
    vocab = {f: i for i, f in enumerate(sorted(f for f, n in counts.items() if n >= min_count))}
    rows = [([vocab[f] for f in feats if f in vocab], y) for feats, y in examples]
    n_classes = len(CLASSES)
    w = np.zeros((len(vocab), n_classes), dtype=np.float64)
    g2 = np.full_like(w, 1e-8)
    rng = random.Random(seed)
    batch = 64
    for _ in range(epochs):
        rng.shuffle(rows)
        for k in range(0, len(rows), batch):
            chunk = rows[k : k + batch]
            idx = np.concatenate([np.array(r, dtype=np.int64) for r, _ in chunk])
            owner = np.concatenate(
                [np.full(len(r), j, dtype=np.int64) for j, (r, _) in enumerate(chunk)]
            )
            scores = np.zeros((len(chunk), n_classes))
            np.add.at(scores, owner, w[idx])
            scores -= scores.max(axis=1, keepdims=True)
            p = np.exp(scores)
            p /= p.sum(axis=1, keepdims=True)
            p[np.arange(len(chunk)), [y for _, y in chunk]] -= 1.0
            grad = np.zeros_like(w)
            np.add.at(grad, idx, p[owner])
            used = np.unique(idx)
            grad[used] += l2 * w[used]
            g2[used] += grad[used] ** 2
            w[used] -= lr * grad[used] / np.sqrt(g2[used])
    return RoleModel(vocab, w.astype("float32"), CLASSES)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data-dir", type=Path, default=Path("../shared/datasets"))
    ap.add_argument("--docs", type=int, default=None, help="train on the first N documents")
    ap.add_argument("--epochs", type=int, default=8)
    default_out = Path(__file__).resolve().parent.parent / "data" / Path(*MODEL_FILE)
    ap.add_argument("--out", type=Path, default=default_out)
    args = ap.parse_args(argv)
    examples = labelled_candidates(args.data_dir, args.docs)
    labels = Counter(CLASSES[y] for _, y in examples)
    print(f"{len(examples)} candidates: {dict(labels)}", file=sys.stderr)
    model = fit(examples, epochs=args.epochs)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    model.save(args.out)
    print(f"{len(model.vocab)} features -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
