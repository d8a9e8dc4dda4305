"""extract_entities on the seed article and on the normalisation cases analysts rely on."""

from __future__ import annotations

import random
from datetime import date

import pytest

from tests.conftest import SEED
from warta.decoding import Decoded, decode_bytes
from warta.entities import EntityMention, extract_entities
from warta.parsing import parse_page

# Paragraphs 0, 3 and 18 of the seed article, as the parser hands them over.
SEED_P0 = (
    "Pernyataan mengejutkan dilontarkan oleh Korea Utara (Korut) di saat Rusia yang membutuhkan "
    "tambahan senjata setelah terdesak oleh serangan balasan Ukraina."
)
SEED_P3 = (
    "Dengan tegas Korea Utara mengatakan tidak pernah menjual senjata ke Rusia dan tidak memiliki "
    "rencana untuk melakukannya, menyusul laporan AS bahwa Moskow beralih ke Pyongyang untuk "
    "mengisi kembali persediaan."
)
SEED_P18 = (
    "Awal bulan ini, Presiden Rusia Vladimir Putin berjanji untuk memperluas “hubungan bilateral "
    "yang komprehensif dan konstruktif” dalam sebuah surat kepada rekannya Kim Jong-un. Korea "
    "Utara juga mengatakan akan memperdalam “persahabatan persahabatan” dengan Moskow."
)

# (text, label, canonical_name) that the seed article must yield, each at least once.
SEED_EXPECTED = {
    ("Korea Utara", "LOC", "Korea Utara"),
    ("Korut", "LOC", "Korea Utara"),
    ("Rusia", "LOC", "Rusia"),
    ("Ukraina", "LOC", "Ukraina"),
    ("Amerika Serikat", "LOC", "Amerika Serikat"),
    ("AS", "LOC", "Amerika Serikat"),
    ("Moskow", "LOC", "Moskow"),
    ("Pyongyang", "LOC", "Pyongyang"),
    ("Iran", "LOC", "Iran"),
    ("Uni Soviet", "LOC", "Uni Soviet"),
    ("PBB", "ORG", "Perserikatan Bangsa-Bangsa"),
    ("KCNA", "ORG", "Kantor Berita Pusat Korea"),
    ("Kim Jong-un", "PER", "Kim Jong-un"),
    ("Vladimir Putin", "PER", "Vladimir Putin"),
    ("John Kirby", "PER", "John Kirby"),
}


def found(paragraphs: list[str]) -> set[tuple[str, str, str]]:
    return {(m.text, m.label, m.canonical_name) for m in extract_entities(paragraphs)}


def check_invariants(paragraphs: list[str], mentions: list[EntityMention]) -> None:
    """Offsets address the text, mentions are in document order and never overlap."""
    previous = (-1, 0)
    for m in mentions:
        assert paragraphs[m.paragraph_index][m.start_char : m.end_char] == m.text
        assert m.label in {"PER", "ORG", "LOC"}
        assert m.entity_key == f"{m.label}:{m.entity_key.split(':', 1)[1]}"
        assert (m.paragraph_index, m.start_char) >= previous
        previous = (m.paragraph_index, m.end_char)


@pytest.fixture(scope="module")
def seed_paragraphs() -> list[str]:
    decoded = decode_bytes(SEED.read_bytes())
    assert isinstance(decoded, Decoded)
    article = parse_page(decoded.text, ingest_date=date(2026, 11, 25))
    return [p.text for p in article.paragraphs]


def test_seed_article_entities(seed_paragraphs):
    mentions = extract_entities(seed_paragraphs)
    check_invariants(seed_paragraphs, mentions)
    assert found(seed_paragraphs) >= SEED_EXPECTED
    keys = {m.text: m.entity_key for m in mentions}
    assert keys["Korut"] == keys["Korea Utara"] == "LOC:korea-utara"
    assert keys["AS"] == keys["Amerika Serikat"] == "LOC:amerika-serikat"


def test_seed_paragraphs_without_the_parser():
    paragraphs = [SEED_P0, SEED_P3, SEED_P18]
    mentions = extract_entities(paragraphs)
    check_invariants(paragraphs, mentions)
    assert [(m.text, m.canonical_name) for m in mentions[:2]] == [
        ("Korea Utara", "Korea Utara"),
        ("Korut", "Korea Utara"),
    ]
    assert found(paragraphs) >= {
        ("Rusia", "LOC", "Rusia"),
        ("AS", "LOC", "Amerika Serikat"),
        ("Moskow", "LOC", "Moskow"),
        ("Pyongyang", "LOC", "Pyongyang"),
        ("Vladimir Putin", "PER", "Vladimir Putin"),
        ("Kim Jong-un", "PER", "Kim Jong-un"),
    }


@pytest.mark.parametrize(
    ("text", "mention", "canonical", "key"),
    [
        ("Pejabat Korut menolak tuduhan itu.", "Korut", "Korea Utara", "LOC:korea-utara"),
        ("Presiden AS berbicara di Jakarta.", "AS", "Amerika Serikat", "LOC:amerika-serikat"),
        ("Duta besar Amerika hadir.", "Amerika", "Amerika Serikat", "LOC:amerika-serikat"),
        ("Sidang PBB digelar hari ini.", "PBB", "Perserikatan Bangsa-Bangsa", None),
        ("Sidang Perserikatan Bangsa-Bangsa digelar.", "Perserikatan Bangsa-Bangsa", None, None),
        ("Delegasi tiba di Moskow kemarin.", "Moskow", "Moskow", "LOC:moskow"),
        ("Delegasi tiba di Moscow kemarin.", "Moscow", "Moskow", "LOC:moskow"),
    ],
)
def test_spellings_share_one_canonical_name(text, mention, canonical, key):
    by_text = {m.text: m for m in extract_entities([text])}
    assert mention in by_text, by_text
    m = by_text[mention]
    assert m.canonical_name == (canonical or "Perserikatan Bangsa-Bangsa")
    assert m.entity_key == (key or "ORG:perserikatan-bangsa-bangsa")


def test_short_names_link_to_the_full_name_seen_earlier():
    paragraphs = [
        "Presiden Rusia Vladimir Putin bertemu Kim Jong-un di Vladivostok.",
        "Putin mengatakan kerja sama akan diperluas.",
    ]
    by_text = {m.text: m for m in extract_entities(paragraphs)}
    assert by_text["Putin"].canonical_name == "Vladimir Putin"
    assert by_text["Putin"].entity_key == by_text["Vladimir Putin"].entity_key


def test_a_defined_abbreviation_links_to_its_name():
    paragraphs = [
        "Ketua Umum Partai Kebangkitan Bangsa (PKB) Muhaimin Iskandar hadir.",
        "Menurut Muhaimin, PKB siap berkoalisi.",
    ]
    keys = {m.text: m.entity_key for m in extract_entities(paragraphs)}
    assert keys["Partai Kebangkitan Bangsa (PKB)"] == keys["PKB"]
    assert keys["Muhaimin"] == keys["Muhaimin Iskandar"] == "PER:muhaimin-iskandar"


def test_a_known_name_misspelled_by_one_letter_is_normalised():
    mentions = extract_entities(["Pemimpin Korea Utara Kim Jung-un menerima surat itu."])
    assert ("Kim Jung-un", "Kim Jong-un") in {(m.text, m.canonical_name) for m in mentions}


@pytest.mark.parametrize(
    "paragraphs",
    [
        [],
        [""],
        ["", "Rusia", ""],
        ["😀 Rusia 🇷🇺 dan ✨Korea Utara✨"],
        ["\u0627\u0644\u0639\u0631\u0628\u064a\u0629 Москва 東京 Ĳ ǅ ﬁ"],
        ["A" * 10_000 + " Rusia " + "x " * 50_000],
        ["( ) (( )) - -- ' “ ” ... ,,, A- -B A'B"],
    ],
)
def test_odd_input_never_raises(paragraphs):
    check_invariants(paragraphs, extract_entities(paragraphs))


def test_random_unicode_never_raises():
    rng = random.Random(7)
    alphabet = "AaZz -()'’“”.,:;é\u0301İıßẞ\u00a0\u2028\u200b😀東Ω" + "".join(
        chr(c) for c in range(0x20, 0x7F)
    )
    for _ in range(300):
        paragraph = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80)))
        check_invariants([paragraph], extract_entities([paragraph]))
