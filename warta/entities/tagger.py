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
_CACHE_LIMIT = 200_000  # word types cached before the cache is emptied


def allowed_transition(previous: str | None, tag: str) -> bool:
    """BIO validity: ``I-X`` only continues ``B-X`` or ``I-X`` (``previous`` None: run start)."""
    if not tag.startswith("I-"):
        return True
    return previous is not None and previous != "O" and previous[2:] == tag[2:]


def viterbi(
    emissions: Sequence[Sequence[float]],
    columns: Sequence[Sequence[float]],
    start: Sequence[float],
) -> list[int]:
    """Best tag index sequence for ``emissions`` (one score per tag and position).

    ``columns[t][p]`` is the score of moving from tag ``p`` to tag ``t``; ``start[t]`` of
    starting with ``t``.
    """
    scores = [a + b for a, b in zip(start, emissions[0], strict=True)]
    if len(emissions) == 1:
        return [scores.index(max(scores))]
    back: list[list[int]] = []
    for emission in emissions[1:]:
        pointers = []
        new_scores = []
        for column, score in zip(columns, emission, strict=True):
            candidates = [a + b for a, b in zip(scores, column, strict=True)]
            best = max(candidates)
            pointers.append(candidates.index(best))
            new_scores.append(best + score)
        back.append(pointers)
        scores = new_scores
    path = [scores.index(max(scores))]
    for pointers in reversed(back):
        path.append(pointers[path[-1]])
    path.reverse()
    return path


def constrained(
    transitions: list[list[float]], start: list[float]
) -> tuple[list[list[float]], list[float]]:
    """Transition scores by column (``[to][from]``) and start scores; invalid BIO moves barred."""
    columns = [
        [
            transitions[p][t] if allowed_transition(TAGS[p], TAGS[t]) else _FORBIDDEN
            for p in range(len(TAGS))
        ]
        for t in range(len(TAGS))
    ]
    first = [w if allowed_transition(None, TAGS[t]) else _FORBIDDEN for t, w in enumerate(start)]
    return columns, first


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
        self._columns, self._start = constrained(model["transitions"], model["start"])
        self._cache: dict[str, tuple[list[float], ...]] = {}

    def _vectors(self, word: str) -> tuple[list[float], ...]:
        """Tag scores contributed by ``word`` at offsets -2..+2 from a tagged token (cached)."""
        vectors = self._cache.get(word)
        if vectors is None:
            vectors = tuple(self._score(word, offset) for offset in OFFSETS)
            if len(self._cache) >= _CACHE_LIMIT:
                self._cache.clear()
            self._cache[word] = vectors
        return vectors

    def _score(self, word: str, offset: int) -> list[float]:
        vector = [0.0] * len(TAGS)
        for feature in word_features(word, offset, self.lowercase_words):
            weights = self._weights.get(feature)
            if weights is not None:
                vector = [a + b for a, b in zip(vector, weights, strict=True)]
        return vector

    def entities(self, words: Sequence[str]) -> list[tuple[int, int, str]]:
        """``(start, end, label)`` token ranges of the entities among ``words``."""
        padded = [PARAGRAPH_START, PARAGRAPH_START, *words, PARAGRAPH_END, PARAGRAPH_END]
        found = []
        vectors = self._vectors
        for start, end in candidate_runs(list(words), self.vocabulary):
            # padded[start + k] is the word at offset k - 2 from the run's first token.
            window = [vectors(word) for word in padded[start : end + 4]]
            emissions = [
                [
                    a + b + c + d + e
                    for a, b, c, d, e in zip(
                        window[i][0],
                        window[i + 1][1],
                        window[i + 2][2],
                        window[i + 3][3],
                        window[i + 4][4],
                        strict=True,
                    )
                ]
                for i in range(end - start)
            ]
            path = viterbi(emissions, self._columns, self._start)
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
