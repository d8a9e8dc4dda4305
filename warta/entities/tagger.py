"""The trained tagger: BIO labels for candidate runs, by Viterbi over cached linear scores.

The model (``model/idner-tagger.json.gz``, made by ``python -m warta.entities.train``) is an
averaged structured perceptron. A token's score for each tag is the sum of one cached vector per
(word type, offset) around it, so each distinct word is featurised once per process.

``Tagger.tag_paragraphs`` labels the runs of a whole article at once with NumPy: the cached
vectors are rows of one array, the scores of every run position are summed in a few array
operations, and the runs of several tokens share one Viterbi pass (``viterbi_runs``). It adds
the same floating-point numbers in the same order as ``viterbi`` and the per-run sums of the
pure-Python path did, and breaks ties the same way, so the tags are the same.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Sequence
from functools import cache
from operator import add
from pathlib import Path

import numpy as np

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
    # Written out for the seven tags (training decodes every sentence with it). ``x_y`` is the
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


def viterbi_runs(
    emissions: np.ndarray,
    firsts: np.ndarray,
    lengths: np.ndarray,
    columns: np.ndarray,
    start: np.ndarray,
) -> list[list[int]]:
    """``viterbi`` for many runs at once: the best tag indexes of each run, in run order.

    Run ``r`` is ``emissions[firsts[r] : firsts[r] + lengths[r]]`` (rows of one score per tag);
    ``columns`` and ``start`` as in ``viterbi``, as arrays. The runs advance together, longest
    first; a step keeps, for every run and tag, the best previous tag (the first of equal
    scores, as ``list.index(max(...))`` picks it; barred moves cost ``_FORBIDDEN`` and never
    win), and the path is read back from those pointers.
    """
    count = len(lengths)
    if not count:
        return []
    order = np.argsort(-lengths, kind="stable")
    length = lengths[order]
    first = firsts[order]
    scores = start + emissions[first]
    pointers = []
    for step in range(1, int(length[0])):
        active = int(np.count_nonzero(length > step))
        candidates = scores[:active, None, :] + columns  # [run, to, from]
        pointers.append(candidates.argmax(axis=2))
        scores[:active] = candidates.max(axis=2) + emissions[first[:active] + step]
    path = np.zeros((count, int(length[0])), dtype=np.intp)
    path[np.arange(count), length - 1] = scores.argmax(axis=1)
    for step in range(len(pointers), 0, -1):
        active = int(np.count_nonzero(length > step))
        path[:active, step - 1] = pointers[step - 1][np.arange(active), path[:active, step]]
    rows = path.tolist()
    best: list[list[int]] = [[]] * count
    for row, run, size in zip(rows, order.tolist(), length.tolist(), strict=True):
        best[run] = row[:size]
    return best


class Tagger:
    """Labels the candidate runs of a token sequence with the trained weights."""

    def __init__(self, model: dict) -> None:
        self.lowercase_words = frozenset(model["lowercase_words"])
        self.vocabulary = RunVocabulary(
            connectors=frozenset(model["connectors"]),
            openers=frozenset(model["openers"]),
            closers=frozenset(model["closers"]),
            common=self.lowercase_words,
        )
        self.locative_cues = frozenset(model["locative_cues"])
        self.heads: dict[str, str] = model["heads"]
        self._weights: dict[str, list[float]] = model["weights"]
        self._columns, self._start = constrained(model["transitions"], model["start"])
        # Run-initial tags only (O, B-PER, B-ORG, B-LOC): I-* cannot start a run.
        self._first = [i for i, tag in enumerate(TAGS) if not tag.startswith("I-")]
        self._initial_cache: dict[str, list[float]] = {}
        # Tag scores contributed by a word at offsets -2..+2 from a tagged token, cached per
        # word type: word -> row of ``_table`` ([row, offset, tag]); emptied (before an
        # article) once it holds _CACHE_LIMIT words.
        self._rows: dict[str, int] = {}
        self._table = np.zeros((4096, len(OFFSETS), len(TAGS)))
        self._column_array = np.array(self._columns)
        self._start_array = np.array(self._start)

    def _row(self, word: str) -> int:
        """The row of ``_table`` holding ``word``'s vectors, scored on first use."""
        row = self._rows.get(word)  # a word seen earlier in the same article
        if row is not None:
            return row
        row = len(self._rows)
        if row == len(self._table):
            self._table = np.concatenate([self._table, np.zeros_like(self._table)])
        self._table[row] = [self._score(word, offset) for offset in OFFSETS]
        self._rows[word] = row
        return row

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
        return self.tag_paragraphs([(words, caps)])[0]

    def tag_paragraphs(
        self, paragraphs: Sequence[tuple[list[str], list[bool] | None]]
    ) -> list[list[tuple[int, int, str]]]:
        """``entities`` of each ``(words, caps)`` paragraph, all runs scored together.

        The result is what ``entities`` gives paragraph by paragraph; one call per article
        pays NumPy's per-call cost once per article instead of once per run.
        """
        if len(self._rows) >= _CACHE_LIMIT:
            self._rows.clear()
        vocabulary = self.vocabulary
        all_runs = []
        context: list[str] = []  # the padded window of each run, one after the other
        lengths: list[int] = []
        for words, caps in paragraphs:
            runs = candidate_runs(words, vocabulary, caps)
            all_runs.append(runs)
            if runs:
                padded = [PARAGRAPH_START, PARAGRAPH_START, *words, PARAGRAPH_END, PARAGRAPH_END]
                for start, end in runs:
                    # padded[start + k] is the word at offset k - 2 from the run's first token.
                    context += padded[start : end + 4]
                    lengths.append(end - start)
        if not lengths:
            return [[] for _ in paragraphs]
        rows = list(map(self._rows.get, context))
        if None in rows:
            rows = [
                row if row is not None else self._row(word)
                for row, word in zip(rows, context, strict=True)
            ]
        run_lengths = np.array(lengths)
        # Position p of run r has its window at context[p + 4 r : p + 4 r + 5].
        window = np.arange(int(run_lengths.sum())) + 4 * np.repeat(
            np.arange(len(lengths)), run_lengths
        )
        ids = np.array(rows)
        table = self._table
        emissions = table[ids[window], 0]
        for offset in range(1, len(OFFSETS)):
            emissions += table[ids[window + offset], offset]
        firsts = np.cumsum(run_lengths) - run_lengths
        single = run_lengths == 1
        # A one-token run scores emission + start + initial, in that order (as the per-run
        # tagger before it did); longer runs add initial to emission, start in ``viterbi_runs``.
        emissions[firsts[single]] += self._start_array
        # A position starts a sentence when the word before it (offset -1) is a sentence start.
        after_start = np.fromiter(
            map(SENTENCE_STARTS.__contains__, context), dtype=bool, count=len(context)
        )
        initial_at = np.flatnonzero(after_start[window + 1])
        if len(initial_at):
            emissions[initial_at] += np.array(
                [self._initial(context[i]) for i in (window[initial_at] + 2).tolist()]
            )
        single_tags = (
            emissions[firsts[single]][:, self._first].argmax(axis=1).tolist()
            if single.any()
            else []
        )
        several = ~single
        paths = viterbi_runs(
            emissions, firsts[several], run_lengths[several], self._column_array, self._start_array
        )
        singles, paths_left = iter(single_tags), iter(paths)
        first_tags = self._first
        result: list[list[tuple[int, int, str]]] = []
        for runs in all_runs:
            found: list[tuple[int, int, str]] = []
            for start, end in runs:
                if end - start == 1:
                    best = first_tags[next(singles)]
                    if best:
                        found.append((start, end, _LABELS[best]))
                    continue
                begin, label = -1, ""
                for k, tag in enumerate(next(paths_left), start):
                    if _BEGINS[tag]:
                        if begin >= 0:
                            found.append((begin, k, label))
                        begin, label = k, _LABELS[tag]
                    elif not tag and begin >= 0:
                        found.append((begin, k, label))
                        begin = -1
                if begin >= 0:
                    found.append((begin, end, label))
            result.append(found)
        return result


def load_model(path: Path = MODEL_PATH) -> dict:
    """The model dictionary stored at ``path`` (gzipped JSON)."""
    with gzip.open(path, "rt", encoding="utf-8") as stream:
        return json.load(stream)


@cache
def default_tagger() -> Tagger:
    """The shipped tagger, loaded once per process on first use."""
    return Tagger(load_model())
