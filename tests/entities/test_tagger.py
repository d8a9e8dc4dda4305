"""The article-at-once tagger against the one-run reference: same tags, same ties."""

from __future__ import annotations

import random

import numpy as np
import pytest

from tests.entities.test_extract import SEED_P0, SEED_P8, SEED_P11, SEED_P14
from warta.entities import tagger as tagger_module
from warta.entities.features import capitalised_flags
from warta.entities.tagger import (
    TAGS,
    Tagger,
    constrained,
    default_tagger,
    load_model,
    viterbi,
    viterbi_runs,
)
from warta.entities.tokens import token_matches, words_of


def _runs(rng: random.Random, count: int) -> list[list[list[float]]]:
    """Emission rows of ``count`` runs of 1-6 tokens, lengths in any order; small integers, so
    ties are common."""
    return [
        [[float(rng.randint(-2, 2)) for _ in TAGS] for _ in range(rng.randint(1, 6))]
        for _ in range(count)
    ]


@pytest.mark.parametrize("seed", range(40))
def test_viterbi_runs_gives_viterbi_of_each_run(seed):
    rng = random.Random(seed)
    weights = [[float(rng.randint(-2, 2)) for _ in TAGS] for _ in TAGS]
    columns, start = constrained(weights, [float(rng.randint(-2, 2)) for _ in TAGS])
    runs = _runs(rng, rng.randint(1, 12))
    lengths = [len(run) for run in runs]
    emissions = np.array([row for run in runs for row in run])
    firsts = np.cumsum(lengths) - np.array(lengths)

    paths = viterbi_runs(emissions, firsts, np.array(lengths), np.array(columns), np.array(start))

    assert paths == [viterbi(run, columns, start) for run in runs]


def test_viterbi_runs_of_no_runs_is_empty():
    columns, start = constrained([[0.0] * len(TAGS)] * len(TAGS), [0.0] * len(TAGS))
    empty = np.zeros((0, len(TAGS)))
    nothing = np.zeros(0, dtype=np.intp)
    assert viterbi_runs(empty, nothing, nothing, np.array(columns), np.array(start)) == []


def _paragraph(text: str) -> tuple[list[str], list[bool]]:
    words = words_of(token_matches(text))
    return words, capitalised_flags(words)


PARAGRAPHS = [
    SEED_P0,
    "",
    "tidak ada nama di sini.",
    SEED_P8,
    "Jokowi.",
    SEED_P11,
    "Kata Presiden Joko Widodo di Istana Merdeka, Jakarta: “Kami siap.” "
    "Menteri Sri Mulyani setuju.",
    SEED_P14,
]


def test_an_article_tagged_at_once_equals_its_paragraphs_one_by_one():
    tagger = default_tagger()
    paragraphs = [_paragraph(text) for text in PARAGRAPHS]

    at_once = tagger.tag_paragraphs(paragraphs)

    assert at_once == [tagger.entities(words, caps) for words, caps in paragraphs]
    # What the per-run tagger gave before the article-at-once one (commit 94ab8ba).
    assert [
        [(" ".join(words[start:end]), label) for start, end, label in found]
        for (words, _), found in zip(paragraphs, at_once, strict=True)
    ] == [
        [("Korea Utara", "LOC"), ("(", "LOC"), ("Rusia", "LOC")],  # "(" is trimmed later
        [],
        [],
        [("Korea Utara", "LOC"), ("KCNA", "ORG"), ("Korea Utara", "LOC"), ("Rusia", "LOC")],
        [("Jokowi", "PER")],
        [("John Kirby", "PER"), ("Ukraina", "LOC")],
        [
            ("Joko Widodo", "PER"),
            ("Istana Merdeka", "LOC"),
            ("Jakarta", "LOC"),
            ("Sri Mulyani", "PER"),
        ],
        [("Invasi Rusia", "ORG"), ("Ukraina", "LOC"), ("Pasukan Ukraina", "LOC")],
    ]


def test_emptying_the_word_cache_between_articles_changes_nothing(monkeypatch):
    paragraphs = [_paragraph(text) for text in PARAGRAPHS]
    expected = default_tagger().tag_paragraphs(paragraphs)
    monkeypatch.setattr(tagger_module, "_CACHE_LIMIT", 5)
    small = Tagger(load_model())

    first = small.tag_paragraphs(paragraphs)
    assert len(small._rows) > 5  # an article's words stay until the next article
    second = small.tag_paragraphs(paragraphs[::-1])

    assert first == expected
    assert second == expected[::-1]
    assert len(small._rows) > 5
