"""The trained tagger: BIO labels for candidate runs, by Viterbi over cached linear scores.

The model (``model/idner-tagger.json.gz``, made by ``python -m warta.entities.train``) is an
averaged structured perceptron. A token's score for each tag is the sum of one cached vector per
(word type, offset) around it, so each distinct word is featurised once per process.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from warta.entities.features import (
    OFFSETS,
    PARAGRAPH_END,
    PARAGRAPH_START,
    RunVocabulary,
    candidate_runs,
    word_features,
)

MODEL_PATH = Path(__file__).with_name("model") / "idner-tagger.json.gz"
TAGS = ("O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC")
_FORBIDDEN = -1e9
_CACHE_LIMIT = 200_000  # word types per offset before a cache is emptied


def allowed_transition(previous: str | None, tag: str) -> bool:
    """BIO validity: ``I-X`` only continues ``B-X`` or ``I-X`` (``previous`` None: run start)."""
    if not tag.startswith("I-"):
        return True
    return previous is not None and previous != "O" and previous[2:] == tag[2:]


def viterbi(
    emissions: Sequence[Sequence[float]],
    transitions: Sequence[Sequence[float]],
    start: Sequence[float],
) -> list[int]:
    """Best tag index sequence for ``emissions`` (one score per tag and position)."""
    n_tags = len(start)
    tag_range = range(n_tags)
    scores = [start[t] + emissions[0][t] for t in tag_range]
    back: list[list[int]] = []
    for emission in emissions[1:]:
        pointers = []
        new_scores = []
        for t in tag_range:
            best_prev = 0
            best = scores[0] + transitions[0][t]
            for p in range(1, n_tags):
                value = scores[p] + transitions[p][t]
                if value > best:
                    best, best_prev = value, p
            pointers.append(best_prev)
            new_scores.append(best + emission[t])
        back.append(pointers)
        scores = new_scores
    best_last = max(tag_range, key=scores.__getitem__)
    path = [best_last]
    for pointers in reversed(back):
        path.append(pointers[path[-1]])
    path.reverse()
    return path


def constrained(transitions: list[list[float]], start: list[float]) -> tuple[list, list]:
    """Copies of the transition and start scores with invalid BIO moves forbidden."""
    trans = [
        [
            w if allowed_transition(TAGS[p], TAGS[t]) else _FORBIDDEN
            for t, w in enumerate(transitions[p])
        ]
        for p in range(len(TAGS))
    ]
    first = [w if allowed_transition(None, TAGS[t]) else _FORBIDDEN for t, w in enumerate(start)]
    return trans, first


def spans_from_tags(tags: Sequence[str], offset: int = 0) -> list[tuple[int, int, str]]:
    """``(start, end, label)`` token ranges of the entities in a BIO tag sequence."""
    spans = []
    begin = label = None
    for i, tag in enumerate([*tags, "O"]):
        if begin is not None and not (tag.startswith("I-") and tag[2:] == label):
            spans.append((offset + begin, offset + i, label))
            begin = label = None
        if tag.startswith("B-") or (tag.startswith("I-") and begin is None):
            begin, label = i, tag[2:]
    return spans


class Tagger:
    """Labels the candidate runs of a token sequence with the trained weights."""

    def __init__(self, model: dict) -> None:
        self.vocabulary = RunVocabulary(
            connectors=frozenset(model["connectors"]),
            openers=frozenset(model["openers"]),
            closers=frozenset(model["closers"]),
        )
        self.lowercase_words = frozenset(model["lowercase_words"])
        self.locative_cues = frozenset(model["locative_cues"])
        self._weights: dict[str, list[float]] = model["weights"]
        self._transitions, self._start = constrained(model["transitions"], model["start"])
        self._caches: dict[int, dict[str, list[float]]] = {offset: {} for offset in OFFSETS}

    def _vector(self, word: str, offset: int) -> list[float]:
        cached = self._caches[offset]
        vector = cached.get(word)
        if vector is None:
            vector = [0.0] * len(TAGS)
            for feature in word_features(word, offset, self.lowercase_words):
                weights = self._weights.get(feature)
                if weights is not None:
                    vector = [a + b for a, b in zip(vector, weights, strict=True)]
            if len(cached) >= _CACHE_LIMIT:
                cached.clear()
            cached[word] = vector
        return vector

    def entities(self, words: Sequence[str]) -> list[tuple[int, int, str]]:
        """``(start, end, label)`` token ranges of the entities among ``words``."""
        padded = [PARAGRAPH_START, PARAGRAPH_START, *words, PARAGRAPH_END, PARAGRAPH_END]
        found = []
        vector = self._vector
        for start, end in candidate_runs(list(words), self.vocabulary):
            emissions = []
            for i in range(start + 2, end + 2):
                emissions.append(
                    [
                        a + b + c + d + e
                        for a, b, c, d, e in zip(
                            vector(padded[i - 2], -2),
                            vector(padded[i - 1], -1),
                            vector(padded[i], 0),
                            vector(padded[i + 1], 1),
                            vector(padded[i + 2], 2),
                            strict=True,
                        )
                    ]
                )
            path = viterbi(emissions, self._transitions, self._start)
            found.extend(spans_from_tags([TAGS[t] for t in path], start))
        return found


def load_model(path: Path = MODEL_PATH) -> dict:
    """The model dictionary stored at ``path`` (gzipped JSON)."""
    with gzip.open(path, "rt", encoding="utf-8") as stream:
        return json.load(stream)


@cache
def default_tagger() -> Tagger:
    """The shipped tagger, loaded once per process on first use."""
    return Tagger(load_model())
