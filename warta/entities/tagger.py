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
from operator import add
from pathlib import Path

from warta.entities.features import (
    OFFSETS,
    PARAGRAPH_END,
    PARAGRAPH_START,
    SENTENCE_STARTS,
    RunVocabulary,
    candidate_runs,
    initial_features,
    word_features,
)

MODEL_PATH = Path(__file__).with_name("model") / "idner-tagger.json.gz"
TAGS = ("O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC")  # ``viterbi`` relies on it
_FORBIDDEN = -1e9
_INSIDE = frozenset(i for i, tag in enumerate(TAGS) if tag.startswith("I-"))
_BEGINS = tuple(tag.startswith("B-") for tag in TAGS)
_LABELS = tuple(tag[2:] for tag in TAGS)
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
    """Best tag index sequence over ``TAGS`` for ``emissions`` (one score per tag and position).

    ``columns[t][p]`` is the score of moving from tag ``p`` to tag ``t`` (``constrained``: BIO
    violations cost ``_FORBIDDEN``); ``start[t]`` of starting with ``t``. ``I-X`` is reached only
    from ``B-X`` or ``I-X``, so its column needs two sums, not seven. Only the score vectors are
    kept going forward; the back pointers of the best path are recomputed from them, which costs
    one column per position instead of all.
    """
    # Written out for the seven tags: this loop is most of the tagger's time. ``x_y`` is the
    # score of moving from tag y to tag x (o: O, bp/ip: B-/I-PER, bo/io: ORG, bl/il: LOC).
    o_o, o_bp, o_ip, o_bo, o_io, o_bl, o_il = columns[0]
    bp_o, bp_bp, bp_ip, bp_bo, bp_io, bp_bl, bp_il = columns[1]
    bo_o, bo_bp, bo_ip, bo_bo, bo_io, bo_bl, bo_il = columns[3]
    bl_o, bl_bp, bl_ip, bl_bo, bl_io, bl_bl, bl_il = columns[5]
    ip_bp, ip_ip = columns[2][1:3]
    io_bo, io_io = columns[4][3:5]
    il_bl, il_il = columns[6][5:7]
    scores = list(map(add, start, emissions[0]))
    history = [scores]
    for e_o, e_bp, e_ip, e_bo, e_io, e_bl, e_il in emissions[1:]:
        o, bp, ip, bo, io, bl, il = scores
        per_b, per_i = bp + ip_bp, ip + ip_ip
        org_b, org_i = bo + io_bo, io + io_io
        loc_b, loc_i = bl + il_bl, il + il_il
        scores = [
            max(o + o_o, bp + o_bp, ip + o_ip, bo + o_bo, io + o_io, bl + o_bl, il + o_il) + e_o,
            max(o + bp_o, bp + bp_bp, ip + bp_ip, bo + bp_bo, io + bp_io, bl + bp_bl, il + bp_il)
            + e_bp,
            (per_b if per_b >= per_i else per_i) + e_ip,
            max(o + bo_o, bp + bo_bp, ip + bo_ip, bo + bo_bo, io + bo_io, bl + bo_bl, il + bo_il)
            + e_bo,
            (org_b if org_b >= org_i else org_i) + e_io,
            max(o + bl_o, bp + bl_bp, ip + bl_ip, bo + bl_bo, io + bl_io, bl + bl_bl, il + bl_il)
            + e_bl,
            (loc_b if loc_b >= loc_i else loc_i) + e_il,
        ]
        history.append(scores)
    path = [scores.index(max(scores))]
    for previous in reversed(history[:-1]):
        tag = path[-1]
        column = columns[tag]
        if tag in _INSIDE:  # from B-X (index tag - 1) or I-X; ties go to the lower index
            begin = tag - 1
            inside = previous[begin] + column[begin] < previous[tag] + column[tag]
            path.append(tag if inside else begin)
        else:
            candidates = list(map(add, previous, column))
            path.append(candidates.index(max(candidates)))
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
        self.heads: dict[str, str] = model["heads"]
        self._weights: dict[str, list[float]] = model["weights"]
        self._columns, self._start = constrained(model["transitions"], model["start"])
        # Run-initial tags only (O, B-PER, B-ORG, B-LOC): I-* cannot start a run.
        self._first = [i for i, tag in enumerate(TAGS) if not tag.startswith("I-")]
        self._cache: dict[str, tuple[list[float], ...]] = {}
        self._initial_cache: dict[str, list[float]] = {}

    def _vectors(self, word: str) -> tuple[list[float], ...]:
        """Tag scores contributed by ``word`` at offsets -2..+2 from a tagged token (cached)."""
        vectors = tuple(self._score(word, offset) for offset in OFFSETS)
        if len(self._cache) >= _CACHE_LIMIT:
            self._cache.clear()
        self._cache[word] = vectors
        return vectors

    def _initial(self, word: str) -> list[float]:
        """Tag scores added when ``word`` starts a sentence (cached)."""
        vector = self._initial_cache.get(word)
        if vector is None:
            vector = self._sum(initial_features(word, self.lowercase_words))
            if len(self._initial_cache) >= _CACHE_LIMIT:
                self._initial_cache.clear()
            self._initial_cache[word] = vector
        return vector

    def _score(self, word: str, offset: int) -> list[float]:
        return self._sum(word_features(word, offset, self.lowercase_words))

    def _sum(self, features: list[str]) -> list[float]:
        vector = [0.0] * len(TAGS)
        for feature in features:
            weights = self._weights.get(feature)
            if weights is not None:
                vector = list(map(add, vector, weights))
        return vector

    def entities(
        self, words: list[str], caps: list[bool] | None = None
    ) -> list[tuple[int, int, str]]:
        """``(start, end, label)`` token ranges of the entities among ``words``.

        ``caps`` is ``capitalised_flags(words)`` if the caller has it already.
        """
        runs = candidate_runs(words, self.vocabulary, caps)
        if not runs:
            return []
        padded = [PARAGRAPH_START, PARAGRAPH_START, *words, PARAGRAPH_END, PARAGRAPH_END]
        cache_get = self._cache.get
        vectors = self._vectors
        start_scores = self._start
        found: list[tuple[int, int, str]] = []
        for start, end in runs:
            # padded[start + k] is the word at offset k - 2 from the run's first token.
            context = padded[start : end + 4]
            window = list(map(cache_get, context))
            if None in window:
                window = [v or vectors(w) for v, w in zip(window, context, strict=True)]
            if end - start == 1:
                a, b, c, d, e = window
                scores = [
                    v + w + x + y + z + s
                    for v, w, x, y, z, s in zip(
                        a[0], b[1], c[2], d[3], e[4], start_scores, strict=True
                    )
                ]
                if padded[start + 1] in SENTENCE_STARTS:
                    scores = list(map(add, scores, self._initial(words[start])))
                best = max(self._first, key=scores.__getitem__)
                if best:
                    found.append((start, end, TAGS[best][2:]))
                continue
            emissions = [
                [
                    v + w + x + y + z
                    for v, w, x, y, z in zip(a[0], b[1], c[2], d[3], e[4], strict=True)
                ]
                for a, b, c, d, e in zip(
                    window, window[1:], window[2:], window[3:], window[4:], strict=False
                )
            ]
            if not SENTENCE_STARTS.isdisjoint(padded[start + 1 : end + 1]):
                for k in range(end - start):
                    if padded[start + k + 1] in SENTENCE_STARTS:
                        initial = self._initial(words[start + k])
                        emissions[k] = list(map(add, emissions[k], initial))
            begin, label = -1, ""
            for k, tag in enumerate(viterbi(emissions, self._columns, start_scores), start):
                if _BEGINS[tag]:
                    if begin >= 0:
                        found.append((begin, k, label))
                    begin, label = k, _LABELS[tag]
                elif not tag and begin >= 0:
                    found.append((begin, k, label))
                    begin = -1
            if begin >= 0:
                found.append((begin, end, label))
        return found


def load_model(path: Path = MODEL_PATH) -> dict:
    """The model dictionary stored at ``path`` (gzipped JSON)."""
    with gzip.open(path, "rt", encoding="utf-8") as stream:
        return json.load(stream)


@cache
def default_tagger() -> Tagger:
    """The shipped tagger, loaded once per process on first use."""
    return Tagger(load_model())
