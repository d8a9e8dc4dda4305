"""The article-at-once tagger against the one-run reference: same tags, same ties."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from tests.entities.test_extract import SEED_P0, SEED_P8, SEED_P11, SEED_P14
from warta.article import ParsedArticle
from warta.decoding import Decoded, decode_bytes
from warta.entities import tagger as tagger_module
from warta.entities.features import (
    OFFSETS,
    PARAGRAPH_END,
    PARAGRAPH_START,
    SENTENCE_STARTS,
    candidate_runs,
    capitalised_flags,
)
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
from warta.parsing import parse_page

RAW = Path(__file__).parents[2] / "data" / "raw"


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

    # One pass over the article gives each paragraph what a pass over it alone gives.
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


def _reference_entities(tagger: Tagger, words: list[str], caps: list[bool] | None = None):
    """The per-run tagger as it was before ``tag_paragraphs`` (commit 94ab8ba): each run's
    scores summed in Python, the initial scores added per run, the scalar ``viterbi``."""
    padded = [PARAGRAPH_START, PARAGRAPH_START, *words, PARAGRAPH_END, PARAGRAPH_END]
    vectors = {word: [tagger._score(word, offset) for offset in OFFSETS] for word in padded}
    found = []
    for start, end in candidate_runs(words, tagger.vocabulary, caps):
        window = [vectors[word] for word in padded[start : end + 4]]
        emissions = [
            [v + w + x + y + z for v, w, x, y, z in zip(a[0], b[1], c[2], d[3], e[4], strict=True)]
            for a, b, c, d, e in zip(*(window[k:] for k in range(5)), strict=False)
        ]
        if end - start == 1:  # start scores before the initial ones; best run-initial tag
            scores = [e + s for e, s in zip(emissions[0], tagger._start, strict=True)]
            if padded[start + 1] in SENTENCE_STARTS:
                initial = tagger._initial(words[start])
                scores = [e + i for e, i in zip(scores, initial, strict=True)]
            tags = [max(tagger._first, key=scores.__getitem__)]
        else:
            for k in range(end - start):
                if padded[start + k + 1] in SENTENCE_STARTS:
                    initial = tagger._initial(words[start + k])
                    emissions[k] = [e + i for e, i in zip(emissions[k], initial, strict=True)]
            tags = viterbi(emissions, tagger._columns, tagger._start)
        begin, label = -1, ""
        for k, tag in enumerate([*tags, 0], start):  # a final O closes an open name
            if TAGS[tag] == "O" or TAGS[tag].startswith("B-"):
                if begin >= 0:
                    found.append((begin, k, label))
                begin, label = (k, TAGS[tag][2:]) if tag else (-1, "")
    return found


def _shipped_articles() -> list[list[str]]:
    """The paragraphs of every article of the sample landing zone (data/raw)."""
    articles = []
    for path in sorted(RAW.rglob("*")):
        if path.is_file():
            decoded = decode_bytes(path.read_bytes())
            if isinstance(decoded, Decoded):
                page = parse_page(decoded.text, ingest_date=date(2026, 11, 25), source_name="x")
                if isinstance(page, ParsedArticle):
                    articles.append([paragraph.text for paragraph in page.paragraphs])
    return articles


_WORDS = [
    "Korea",
    "Utara",
    "Rusia",
    "Jakarta",
    "Joko",
    "Widodo",
    "Menteri",
    "Presiden",
    "Dewan",
    "Keamanan",
    "PBB",
    "AS",
    "KPK",
    "Pasukan",
    "Invasi",
    "Kata",
    "Fenomena",
    "dan",
    "of",
    "van",
    "di",
    "ke",
    "dari",
    "yang",
    "tidak",
    "akan",
    "bulan",
    "Februari",
    ".",
    ",",
    ":",
    "(",
    ")",
    "“",
    "”",
    '"',
    "!",
    "?",
    "-",
    "Jong-un",
    "al-Beshir",
    "2014",
]


def _random_paragraph(rng: random.Random) -> list[str]:
    return [rng.choice(_WORDS) for _ in range(rng.randint(0, 40))]


def test_every_shipped_article_is_tagged_as_the_per_run_tagger_did():
    tagger = Tagger(load_model())
    articles = _shipped_articles()
    assert len(articles) > 250
    paragraphs = 0
    for article in articles:
        tokenised = [_paragraph(text) for text in article]
        expected = [_reference_entities(tagger, words, caps) for words, caps in tokenised]
        assert tagger.tag_paragraphs(tokenised) == expected
        paragraphs += len(tokenised)
    assert paragraphs > 2000


@pytest.mark.parametrize("seed", range(20))
def test_random_word_mixes_are_tagged_as_the_per_run_tagger_did(seed):
    """Capitalised runs, connectors, brackets and sentence starts in any order, in articles of
    up to 12 paragraphs (some empty), with and without capital flags given."""
    rng = random.Random(seed)
    tagger = Tagger(load_model())
    tagger._table = np.zeros((1, len(OFFSETS), len(TAGS)))  # grown on the way
    for _ in range(10):
        article = [_random_paragraph(rng) for _ in range(rng.randint(1, 12))]
        expected = [_reference_entities(tagger, words) for words in article]
        with_caps = [(words, capitalised_flags(words)) for words in article]
        assert tagger.tag_paragraphs([(words, None) for words in article]) == expected
        assert tagger.tag_paragraphs(with_caps) == expected
    assert len(tagger._table) >= len(tagger._rows) > 1


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
