"""How much the entity tagger depends on its training order, and what the mean of seeds gives.

For each shuffling seed, the model ``warta.entities.train`` makes with that seed alone, and the
mean of their weights (what ``train`` ships): the whole system's micro F1 (exact span + label)
on idner-news-2k dev, then over ``--folds`` held-out folds of train (each model trained on the
other folds, epochs still chosen on dev, scored on the held-out fold). docs/NER.md quotes it:

    .venv/bin/python scripts/ner_seeds.py --ner ../shared/corpora/ner    # ~1.5 minutes

Each model is scored in this process with the tagger swapped in (the tagger is cached per
process, so the caches are emptied between models).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from warta.entities import extract, tagger  # noqa: E402
from warta.entities.evaluate import evaluate_file  # noqa: E402
from warta.entities.train import DEFAULT_SEEDS, mean_weights, train  # noqa: E402


@contextmanager
def _model(model: dict):
    """``extract_entities`` with ``model`` as the tagger's model."""
    shipped = tagger.load_model
    tagger.load_model = lambda path=None: model
    tagger.default_tagger.cache_clear()
    extract._lexicon.cache_clear()
    try:
        yield
    finally:
        tagger.load_model = shipped
        tagger.default_tagger.cache_clear()
        extract._lexicon.cache_clear()


def _scores(train_path: Path, dev: Path, test: Path, seeds, epochs: int) -> dict[str, float]:
    """System micro F1 on ``test`` of each seed's model and of their mean."""
    models = {f"seed {s}": train(train_path, dev, epochs, (s,), log=None) for s in seeds}
    mean = dict(next(iter(models.values())))
    mean.update(mean_weights(list(models.values())))
    models[f"mean of {len(seeds)}"] = mean
    scores = {}
    for name, model in models.items():
        with _model(model):
            scores[name] = evaluate_file(test).micro.f1
    return scores


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ner", type=Path, required=True, help="folder of idner-{train,dev}.jsonl")
    parser.add_argument(
        "--seeds",
        type=lambda text: tuple(int(seed) for seed in text.split(",")),
        default=DEFAULT_SEEDS,
    )
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--max-epochs", type=int, default=12)
    args = parser.parse_args(argv)
    train_path, dev = args.ner / "idner-train.jsonl", args.ner / "idner-dev.jsonl"

    print("dev (epochs chosen on it, so optimistic):")
    for name, f1 in _scores(train_path, dev, dev, args.seeds, args.max_epochs).items():
        print(f"  {name:<12} {f1:.4f}")

    lines = train_path.read_text(encoding="utf-8").splitlines()
    random.Random(0).shuffle(lines)
    totals: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        for fold in range(args.folds):
            rest = Path(folder) / "rest.jsonl"
            held = Path(folder) / "held.jsonl"
            rest.write_text(
                "".join(f"{x}\n" for i, x in enumerate(lines) if i % args.folds != fold)
            )
            held.write_text("".join(f"{x}\n" for x in lines[fold :: args.folds]))
            scores = _scores(rest, dev, held, args.seeds, args.max_epochs)
            print(f"fold {fold}: " + ", ".join(f"{n} {f1:.4f}" for n, f1 in scores.items()))
            for name, f1 in scores.items():
                totals[name] = totals.get(name, 0.0) + f1
    print(f"held-out folds of train, mean over {args.folds}:")
    for name, total in totals.items():
        print(f"  {name:<12} {total / args.folds:.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
