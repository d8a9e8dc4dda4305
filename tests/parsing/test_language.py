"""Language identification: Indonesian bodies come out ``id``, English ones ``en``, from the
fastText model itself, on the short sample ``warta.language`` feeds it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import REPO, shared_path
from tests.parsing.conftest import INGEST
from warta.decoding import Rejection, decode_bytes
from warta.language import _model, detect_language, language_sample
from warta.parsing import parse_page
from warta.sample import SITES

SITE_LANGUAGE = {name.replace("-", " ").title(): language for name, language in SITES}


def _parse(path: Path):
    decoded = decode_bytes(path.read_bytes())
    if isinstance(decoded, Rejection):
        return decoded
    return parse_page(decoded.text, ingest_date=INGEST, source_name=path.name)


def test_sample_corpus_pages_in_the_language_of_their_site():
    """Every article of the shipped sample corpus: Indonesian sites ``id``, the English ``en``."""
    paths = sorted((REPO / "data" / "raw").rglob("*.txt"))
    seen = {"id": 0, "en": 0}
    for path in paths:
        article = _parse(path)
        if not hasattr(article, "site") or article.site not in SITE_LANGUAGE:
            continue
        expected = SITE_LANGUAGE[article.site]
        assert article.language == expected, (path.name, article.body[:200])
        seen[expected] += 1
    assert seen["id"] > 100 and seen["en"] > 30, seen


def test_shared_pages_are_indonesian():
    pages = shared_path("corpora", "pages")
    paths = sorted([*(pages / "text").iterdir(), *(pages / "html").iterdir()])
    assert len(paths) == 34
    assert {path.name: _parse(path).language for path in paths} == {p.name: "id" for p in paths}


def _news_sentences() -> list[str]:
    ner = shared_path("corpora", "ner")
    return [
        json.loads(line)["text"]
        for name in ("idner-dev.jsonl", "idner-train.jsonl")
        for line in (ner / name).read_text("utf-8").splitlines()
        if line
    ]


def test_indonesian_news_excerpts_are_id():
    """Three-sentence excerpts of a real Indonesian news corpus, the length of a lead paragraph."""
    sentences = _news_sentences()
    excerpts = [" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3)]
    wrong = [text for text in excerpts if detect_language(text) != "id"]
    assert wrong == []


def test_malay_first_choice_with_indonesian_runner_up_reads_as_indonesian():
    """The sentences where fastText's own first choice is ``ms``: the rule turns them to ``id``."""
    confused = [
        text
        for text in _news_sentences()
        if _model().predict(language_sample(text), k=2)[0] == ("__label__ms", "__label__id")
    ]
    assert len(confused) >= 10
    found = [detect_language(text) for text in confused]
    assert "ms" not in found
    assert found.count("id") >= 0.9 * len(found)  # the rest: too unsure for any label


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The government said on Monday that it would extend the programme for another year, "
            "after talks with the regional administrations ended without an agreement.",
            "en",
        ),
        (
            "Pemerintah mengatakan pada hari Senin bahwa program itu akan diperpanjang satu tahun "
            "lagi, setelah pembicaraan dengan pemerintah daerah berakhir tanpa kesepakatan.",
            "id",
        ),
    ],
)
def test_short_paragraphs(text, expected):
    assert detect_language(text) == expected


def test_sample_skips_names_numbers_and_punctuation():
    text = "JAKARTA - Presiden Joko Widodo (62) meresmikan 3 bendungan di Jawa Tengah, Senin."
    assert language_sample(text * 3).split()[:2] == ["meresmikan", "bendungan"]


def test_body_without_lowercase_words_falls_back_to_its_opening():
    assert language_sample("BREAKING NEWS: JAKARTA 2026") == "BREAKING NEWS: JAKARTA 2026"
    assert detect_language("") is None
