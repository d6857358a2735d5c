"""``tollwatch eval``: the evaluation harness as a click command (registered in tollwatch/cli.py).

    tollwatch eval [--dataset muc4|gtt|seed|wikievents|all] [--split S] [--limit N] [--data-dir DIR]
                   [--seed-dir DIR] [--format table|json|markdown] [--output FILE] [--errors FILE]

Tables go to stdout (or ``--output``), progress to stderr. Exit 0 when done, 2 on a usage error or
missing data (one line of what is wrong, one of what to do).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from tollwatch.config import load_settings
from tollwatch.errors import TollwatchError

REPO_ROOT = Path(__file__).resolve().parents[2]


def resolve_dir(value: str | None, default: str) -> Path:
    """An explicit path as given; the default ``../shared/...`` relative to the current
    directory, else to the repository root."""
    if value:
        return Path(value)
    for base in (Path.cwd(), REPO_ROOT):
        candidate = (base / default).resolve()
        if candidate.exists():
            return candidate
    return (REPO_ROOT / default).resolve()


def _fail(message: str, hint: str) -> None:
    click.echo(f"Error: {message}", err=True)
    click.echo(f"  {hint}", err=True)
    sys.exit(2)


@click.command("eval")
@click.option(
    "--dataset",
    type=click.Choice(["muc4", "gtt", "seed", "wikievents", "all"]),
    default="all",
    show_default=True,
    help="Which gold to score against.",
)
@click.option(
    "--split",
    default=None,
    metavar="SPLIT",
    help="muc4: dev|tst1|tst2|tst1+tst2 (default tst1+tst2); gtt: dev|train (default "
    "dev); wikievents: dev|test|dev+test (default dev). With --dataset all it applies to each "
    "dataset that has such a split.",
)
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    help="Score only the first N documents of each dataset.",
)
@click.option(
    "--data-dir",
    default=None,
    metavar="DIR",
    help="Public datasets folder (default ../shared/datasets, from the current "
    "directory or the repository root).",
)
@click.option(
    "--seed-dir", default=None, metavar="DIR", help="Seed gold folder (default ../shared/seed)."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "markdown"]),
    default="table",
    show_default=True,
)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, writable=True),
    default=None,
    help="Write the tables to FILE instead of stdout.",
)
@click.option(
    "--errors",
    "errors_path",
    type=click.Path(dir_okay=False, writable=True),
    default=None,
    help="Write per-document mismatches as JSON Lines to FILE.",
)
@click.pass_context
def eval_command(
    ctx: click.Context,
    dataset: str,
    split: str | None,
    limit: int | None,
    data_dir: str | None,
    seed_dir: str | None,
    fmt: str,
    output: str | None,
    errors_path: str | None,
) -> None:
    """Score the extractor against MUC-4 answer keys, the GTT metric, the seed gold and
    WikiEvents."""
    from tollwatch.evaluate import (
        GTT_SPLITS,
        MUC_SPLITS,
        WIKIEVENTS_SPLITS,
        evaluate,
        make_extractor,
    )
    from tollwatch.evaluate.report import render

    names = ["muc4", "gtt", "seed", "wikievents"] if dataset == "all" else [dataset]
    if split is not None:
        valid = {"muc4": MUC_SPLITS, "gtt": GTT_SPLITS, "seed": (), "wikievents": WIKIEVENTS_SPLITS}
        known = [n for n in names if split in valid[n]]
        if not known:
            _fail(
                f"split {split!r} does not exist for {dataset}",
                f"muc4: {'|'.join(MUC_SPLITS)}; gtt: {'|'.join(GTT_SPLITS)}; "
                f"wikievents: {'|'.join(WIKIEVENTS_SPLITS)}",
            )
    data = resolve_dir(data_dir, "../shared/datasets")
    seeds = resolve_dir(seed_dir, "../shared/seed")
    if dataset == "all":
        present = {
            "muc4": (data / "muc34_raw").exists(),
            "gtt": (data / "muc4_gtt").exists(),
            "seed": any(seeds.glob("*.gold.json")),
            "wikievents": (data / "wikievents").exists(),
        }
        for n in [n for n in names if not present[n]]:
            click.echo(
                f"eval: skipping {n}: its data is not under {seeds if n == 'seed' else data}",
                err=True,
            )
        names = [n for n in names if present[n]]
        if not names:
            _fail(
                f"no evaluation data under {data} or {seeds}",
                "pass --data-dir and --seed-dir (the folders of ../shared)",
            )
    muc_split = split if split in MUC_SPLITS else "tst1+tst2"
    gtt_split = split if split in GTT_SPLITS else "dev"
    wikievents_split = split if split in WIKIEVENTS_SPLITS else "dev"
    obj = ctx.obj or {}
    try:
        settings = load_settings(obj.get("config"))
        results = evaluate(
            names,
            data,
            seeds,
            muc_split,
            gtt_split,
            limit,
            make_extractor(settings),
            progress=sys.stderr.isatty(),
            wikievents_split=wikievents_split,
        )
    except TollwatchError as exc:
        if obj.get("debug"):
            raise
        _fail(str(exc), exc.hint or "see `tollwatch eval --help`")
    text = render(results, fmt)
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)
    if errors_path:
        with open(errors_path, "w", encoding="utf-8") as f:
            for res in results:
                for rec in res.errors:
                    rec = {"dataset": res.dataset, "split": res.split, **rec}
                    f.write(json.dumps(rec, ensure_ascii=False, default=str) + "\n")
