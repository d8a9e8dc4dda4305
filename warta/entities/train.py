"""Train the entity tagger: ``python -m warta.entities.train --train T.jsonl --dev D.jsonl``.

An averaged structured perceptron over candidate runs (see ``features``), trained on the gold
sentences of ``--train`` once per shuffling seed (``--seeds``); for each, the number of epochs is
the one that scores best on ``--dev`` (exact span + label micro F1), and the model shipped is
the mean of those models' weights. One perceptron's result depends on the order it saw the
sentences in (dev micro F1 0.806-0.818 over five seeds); on held-out folds of train their
mean does better than a single seed on average (docs/NER.md). The seeds are fixed and the
artifact is written with sorted keys and no timestamp, so the same inputs give the same bytes.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import random
import sys
from collections import Counter
from itertools import pairwise
from pathlib import Path
from typing import TextIO

from warta.entities.evaluate import Span, read_gold, score_spans
from warta.entities.features import (
    OFFSETS,
    PARAGRAPH_END,
    PARAGRAPH_START,
    SENTENCE_STARTS,
    RunVocabulary,
    candidate_runs,
    initial_features,
    is_capitalised,
    word_features,
)
from warta.entities.gazetteer_match import match_gazetteer
from warta.entities.tagger import MODEL_PATH, TAGS, Tagger, constrained, viterbi
from warta.entities.tokens import tokenize

_TAG_INDEX = {tag: i for i, tag in enumerate(TAGS)}
_MIN_EDGE_COUNT = 2  # times a token must sit inside / at the edge of training names to count
_MIN_CUE_COUNT = 4  # times a word must precede a gazetteer place name to be a locative cue
_MIN_CUE_PRECISION = 0.9  # share of those place names the gold labels LOC
_MIN_HEAD_STARTS = 2  # gold ORG spans a word must start to be an institution head
_MIN_HEAD_SHARE = 0.5  # share of its capitalised-pair occurrences inside gold ORG spans


def learn_run_vocabulary(gold: list[tuple[str, list[Span]]]) -> RunVocabulary:
    """Connectors, openers and closers: uncapitalised tokens seen inside or at name edges."""
    inside: Counter[str] = Counter()
    first: Counter[str] = Counter()
    last: Counter[str] = Counter()
    for text, spans in gold:
        tokens = tokenize(text)
        for start, end, _ in spans:
            words = [w for s, e, w in tokens if s >= start and e <= end]
            inside.update(w for w in words[1:-1] if not is_capitalised(w))
            if not is_capitalised(words[0]) and not words[0].isalnum():
                first[words[0]] += 1
            if not is_capitalised(words[-1]) and not words[-1].isalnum():
                last[words[-1]] += 1

    def frequent(counter: Counter[str]) -> frozenset[str]:
        return frozenset(w for w, n in counter.items() if n >= _MIN_EDGE_COUNT)

    return RunVocabulary(frequent(inside), frequent(first), frequent(last))


def learn_locative_cues(gold: list[tuple[str, list[Span]]]) -> frozenset[str]:
    """Lowercase words after which a gazetteer place name is (nearly) always gold ``LOC``."""
    seen: Counter[str] = Counter()
    located: Counter[str] = Counter()
    for text, spans in gold:
        tokens = tokenize(text)
        words = [w for _, _, w in tokens]
        for first, end, entity in match_gazetteer(words):
            cue = words[first - 1] if first else ""
            if entity.label != "LOC" or not (cue.isalpha() and cue.islower()):
                continue
            seen[cue] += 1
            start, stop = tokens[first][0], tokens[end - 1][1]
            if any(s <= start and stop <= e and label == "LOC" for s, e, label in spans):
                located[cue] += 1
    return frozenset(
        cue
        for cue, n in seen.items()
        if n >= _MIN_CUE_COUNT and located[cue] / n >= _MIN_CUE_PRECISION
    )


def learn_heads(gold: list[tuple[str, list[Span]]]) -> dict[str, str]:
    """Capitalised words that start names of one label: ``Partai``/``Dewan`` → ORG,
    ``Jalan``/``Gedung`` → LOC.

    A head starts at least ``_MIN_HEAD_STARTS`` gold spans of its label, is never inside a span
    of another label, and when it is followed by a capitalised word it is inside a span of its
    label at least ``_MIN_HEAD_SHARE`` of the time.
    """
    seen: Counter[str] = Counter()
    inside: dict[str, Counter[str]] = {}
    starts: dict[str, Counter[str]] = {}
    for text, spans in gold:
        tokens = tokenize(text)
        for (start, end, word), (_, _, following) in pairwise(tokens):
            if not (word[0].isupper() and word[1:].islower() and is_capitalised(following)):
                continue
            seen[word] += 1
            for s, e, label in spans:
                if s <= start and end <= e:
                    inside.setdefault(word, Counter())[label] += 1
                    starts.setdefault(word, Counter())[label] += s == start
    heads = {}
    for word, labels in inside.items():
        if len(labels) == 1:
            ((label, n),) = labels.items()
            if starts[word][label] >= _MIN_HEAD_STARTS and n / seen[word] >= _MIN_HEAD_SHARE:
                heads[word] = label
    return heads


def _token_tags(tokens: list[tuple[int, int, str]], spans: list[Span]) -> list[str]:
    tags = ["O"] * len(tokens)
    for start, end, label in spans:
        inside = [i for i, (s, e, _) in enumerate(tokens) if s >= start and e <= end]
        for n, i in enumerate(inside):
            tags[i] = ("B-" if n == 0 else "I-") + label
    return tags


def training_sequences(
    gold: list[tuple[str, list[Span]]], vocab: RunVocabulary, lowercase_words: frozenset[str]
) -> list[tuple[list[list[str]], list[int]]]:
    """For every candidate run of the gold sentences: features per token and gold tag indexes."""
    sequences = []
    for text, spans in gold:
        tokens = tokenize(text)
        words = [w for _, _, w in tokens]
        tags = _token_tags(tokens, spans)
        padded = [PARAGRAPH_START, PARAGRAPH_START, *words, PARAGRAPH_END, PARAGRAPH_END]
        for start, end in candidate_runs(words, vocab, across_sentences=True):
            features = [
                [f for o in OFFSETS for f in word_features(padded[i + 2 + o], o, lowercase_words)]
                + (
                    initial_features(words[i], lowercase_words)
                    if padded[i + 1] in SENTENCE_STARTS
                    else []
                )
                for i in range(start, end)
            ]
            run_tags = tags[start:end]
            if run_tags[0].startswith("I-"):
                run_tags[0] = "B-" + run_tags[0][2:]
            sequences.append((features, [_TAG_INDEX[t] for t in run_tags]))
    return sequences


class AveragedPerceptron:
    """Structured perceptron with weight averaging (the running-sum trick)."""

    def __init__(self) -> None:
        n = len(TAGS)
        self.weights: dict[str, list[float]] = {}
        self._sums: dict[str, list[float]] = {}
        self.transitions = [[0.0] * n for _ in range(n)]
        self._transition_sums = [[0.0] * n for _ in range(n)]
        self.start = [0.0] * n
        self._start_sums = [0.0] * n
        self._step = 1

    def predict(self, features: list[list[str]]) -> list[int]:
        n = len(TAGS)
        emissions = []
        for token_features in features:
            scores = [0.0] * n
            for f in token_features:
                w = self.weights.get(f)
                if w is not None:
                    scores = [a + b for a, b in zip(scores, w, strict=True)]
            emissions.append(scores)
        columns, start = constrained(self.transitions, self.start)
        return viterbi(emissions, columns, start)

    def update(self, features: list[list[str]], gold: list[int], guess: list[int]) -> None:
        step = self._step
        for token_features, g, p in zip(features, gold, guess, strict=True):
            if g != p:
                for f in token_features:
                    w = self.weights.setdefault(f, [0.0] * len(TAGS))
                    s = self._sums.setdefault(f, [0.0] * len(TAGS))
                    w[g] += 1
                    w[p] -= 1
                    s[g] += step
                    s[p] -= step
        for seq, sign in ((gold, 1), (guess, -1)):
            self.start[seq[0]] += sign
            self._start_sums[seq[0]] += sign * step
            for a, b in pairwise(seq):
                self.transitions[a][b] += sign
                self._transition_sums[a][b] += sign * step

    def tick(self) -> None:
        self._step += 1

    def averaged(self) -> tuple[dict[str, list[float]], list[list[float]], list[float]]:
        """Averaged weights, rounded to 3 decimals, all-zero feature vectors dropped."""
        step = self._step

        def avg(w: list[float], s: list[float]) -> list[float]:
            return [round(a - b / step, 3) + 0.0 for a, b in zip(w, s, strict=True)]

        weights = {}
        for f in sorted(self.weights):
            vector = avg(self.weights[f], self._sums[f])
            if any(vector):
                weights[f] = vector
        transitions = [
            avg(w, s) for w, s in zip(self.transitions, self._transition_sums, strict=True)
        ]
        return weights, transitions, avg(self.start, self._start_sums)


def _dev_f1(model: dict, dev: list[tuple[str, list[Span]]]) -> float:
    tagger = Tagger(model)
    pairs = []
    for text, spans in dev:
        tokens = tokenize(text)
        found = tagger.entities([w for _, _, w in tokens])
        pairs.append((spans, [(tokens[s][0], tokens[e - 1][1], label) for s, e, label in found]))
    return score_spans(pairs).micro.f1


DEFAULT_SEEDS = (13, 1, 2, 3, 4)


def train(
    train_path: Path,
    dev_path: Path,
    max_epochs: int = 12,
    seeds: tuple[int, ...] = DEFAULT_SEEDS,
    log: TextIO | None = sys.stderr,
) -> dict:
    """The model dictionary trained on ``train_path``: the mean of one perceptron per seed in
    ``seeds``, each at the epoch that scores best on ``dev_path``.

    Progress (dev F1 per epoch and seed) goes to ``log`` unless it is None.
    """
    if not seeds:
        raise ValueError("train needs at least one seed")
    gold = read_gold(train_path)
    dev = read_gold(dev_path)
    vocab = learn_run_vocabulary(gold)
    lowercase_words = frozenset(
        w for text, _ in gold for _, _, w in tokenize(text) if w.isalpha() and w.islower()
    )
    sequences = training_sequences(gold, vocab, lowercase_words)
    fixed = {
        "format": 1,
        "tags": list(TAGS),
        "connectors": sorted(vocab.connectors),
        "openers": sorted(vocab.openers),
        "closers": sorted(vocab.closers),
        "lowercase_words": sorted(lowercase_words),
        "locative_cues": sorted(learn_locative_cues(gold)),
        "heads": learn_heads(gold),
    }
    chosen = [_train_seed(sequences, fixed, dev, max_epochs, seed, log) for seed in seeds]
    model = {**fixed, **mean_weights([weights for _, weights in chosen])}
    model["epochs"] = [epoch for epoch, _ in chosen]
    model["seeds"] = list(seeds)
    if log is not None:
        print(f"mean of {len(seeds)} seeds: dev micro F1 {_dev_f1(model, dev):.4f}", file=log)
    return model


def _train_seed(
    sequences: list[tuple[list[list[str]], list[int]]],
    fixed: dict,
    dev: list[tuple[str, list[Span]]],
    max_epochs: int,
    seed: int,
    log: TextIO | None,
) -> tuple[int, dict]:
    """(epoch, weights) of the epoch that scores best on ``dev``, sentences shuffled by ``seed``."""
    sequences = list(sequences)
    perceptron = AveragedPerceptron()
    rng = random.Random(seed)
    best: tuple[float, int, dict] | None = None
    for epoch in range(1, max_epochs + 1):
        rng.shuffle(sequences)
        for features, tags in sequences:
            guess = perceptron.predict(features)
            if guess != tags:
                perceptron.update(features, tags, guess)
            perceptron.tick()
        weights, transitions, start = perceptron.averaged()
        learned = {"transitions": transitions, "start": start, "weights": weights}
        f1 = _dev_f1({**fixed, **learned}, dev)
        if log is not None:
            print(f"seed {seed:2d} epoch {epoch:2d}: dev micro F1 {f1:.4f}", file=log)
        if best is None or f1 > best[0]:
            best = (f1, epoch, learned)
    assert best is not None
    if log is not None:
        print(f"seed {seed:2d}: chose epoch {best[1]} (dev micro F1 {best[0]:.4f})", file=log)
    return best[1], best[2]


def mean_weights(models: list[dict]) -> dict:
    """The element-wise mean of the ``weights``, ``transitions`` and ``start`` of ``models``
    (a feature missing from a model counts as zeros), rounded to 3 decimals."""
    count = len(models)
    n = len(TAGS)

    def mean(vectors: list[list[float]]) -> list[float]:
        return [round(sum(column) / count, 3) + 0.0 for column in zip(*vectors, strict=True)]

    zeros = [0.0] * n
    features = sorted(set().union(*(m["weights"] for m in models)))
    weights = {}
    for feature in features:
        vector = mean([m["weights"].get(feature, zeros) for m in models])
        if any(vector):
            weights[feature] = vector
    transitions = [mean([m["transitions"][a] for m in models]) for a in range(n)]
    return {
        "weights": weights,
        "transitions": transitions,
        "start": mean([m["start"] for m in models]),
    }


def write_model(model: dict, path: Path) -> None:
    """Write ``model`` as gzipped JSON, byte-for-byte reproducible (sorted keys, mtime 0)."""
    payload = json.dumps(model, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0, compresslevel=9) as gz:
        gz.write(payload.encode("utf-8"))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue())


def main(argv: list[str] | None = None) -> int:
    """Command line: train, report dev F1 per epoch on stderr, write the artifact."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train", type=Path, required=True, help="gold JSONL to learn from")
    parser.add_argument("--dev", type=Path, required=True, help="gold JSONL to choose epochs on")
    parser.add_argument("--out", type=Path, default=MODEL_PATH, help="artifact path")
    parser.add_argument("--max-epochs", type=int, default=12)
    parser.add_argument(
        "--seeds",
        type=lambda text: tuple(int(seed) for seed in text.split(",")),
        default=DEFAULT_SEEDS,
        help="shuffling seeds, comma-separated; the model is the mean of one run per seed",
    )
    args = parser.parse_args(argv)
    model = train(args.train, args.dev, args.max_epochs, args.seeds)
    write_model(model, args.out)
    print(f"wrote {args.out} ({args.out.stat().st_size:,} bytes)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
