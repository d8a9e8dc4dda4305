"""Body text that does not read like the usual paragraph, on pages of no named layout: a
sentence ending with emoji or hashtags, or with a colon, between two paragraphs is kept; after
the last paragraph such a line is as often a promotion and stays out, and so does the page's
chrome (fixtures/chrome); separator lines are no paragraphs."""

from __future__ import annotations

import json
from datetime import date

import pytest

from tests.parsing.conftest import FIXTURES
from warta.article import ParsedArticle
from warta.body import ends_like_a_sentence, ends_sentence_before_ornaments
from warta.parsing import parse_page

DAY = date(2026, 11, 25)
TITLE = "Harga Beras Naik Lagi di Pasar Induk"
LEAD = (
    "JAKARTA – Harga beras medium di Pasar Induk Cipinang naik lagi pekan ini, kata pedagang "
    "yang ditemui pada Senin pagi."
)
SECOND = (
    "Pedagang menyebut pasokan dari Jawa Tengah berkurang karena panen mundur, sementara "
    "permintaan tetap tinggi menjelang hari raya."
)
LAST = (
    "Pemerintah berjanji menambah operasi pasar di 20 titik mulai pekan depan untuk menahan "
    "kenaikan harga lebih jauh."
)


def page(*body: str) -> str:
    return "\n\n".join(["Nasional", TITLE, "Rina Kusuma", *body]) + "\n"


def paragraphs(text: str, name: str = "page.txt") -> list[str]:
    article = parse_page(text, ingest_date=DAY, source_name=name)
    assert isinstance(article, ParsedArticle), article
    assert article.title == TITLE and article.dateline in ("JAKARTA", "BEKASI")
    return [p.text for p in article.paragraphs]


def test_the_page_as_it_comes():
    assert paragraphs(page(LEAD, SECOND, LAST)) == [LEAD[len("JAKARTA – ") :], SECOND, LAST]


@pytest.mark.parametrize(
    "second",
    [
        SECOND + " 👍",
        SECOND + "👍🏽",  # a skin tone modifier, glued to the full stop
        SECOND + " ❤️",  # with a variation selector
        SECOND + " #HargaBeras #Pasar",
        "Berikut daftar lengkap harga bahan pokok yang dicatat oleh dinas perdagangan kota:",
    ],
    ids=["emoji", "emoji glued", "emoji selector", "hashtags", "colon"],
)
def test_a_sentence_ending_otherwise_between_paragraphs_is_kept(second):
    """It was dropped: no sentence by its ending, too long for an inline subheading."""
    assert paragraphs(page(LEAD, second, LAST))[1] == second


@pytest.mark.parametrize(
    "last",
    [
        "Follow Instagram kami untuk update berita terbaru setiap hari! 📲 #detikcom",
        "Ikuti berita terkini lainnya dari kami di Google News dengan klik tautan berikut:",
        "Baca juga berita menarik lainnya seputar harga pangan dan kebutuhan pokok di bawah ini:",
    ],
)
def test_such_a_line_after_the_last_paragraph_stays_out(last):
    assert paragraphs(page(LEAD, SECOND, LAST, last)) == [
        LEAD[len("JAKARTA – ") :],
        SECOND,
        LAST,
    ]


@pytest.mark.parametrize(
    "between",
    [
        # most words capitalised
        "Harga Cabai Rawit di Pasar Induk Cipinang Turun karena Pasokan dari Jawa Barat Melimpah",
        # few function words
        "Beras medium Rp 13.500 premium Rp 15.000 gula pasir Rp 17.000 minyak goreng Rp 18.000",
    ],
    ids=["headline", "figures"],
)
def test_a_long_line_of_no_sentence_between_paragraphs_stays_out(between):
    """Thirteen words or more (fewer is an inline subheading, kept) that read as no sentence."""
    assert paragraphs(page(LEAD, SECOND, between, LAST)) == [
        LEAD[len("JAKARTA – ") :],
        SECOND,
        LAST,
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Harga naik lagi pekan ini. 👍", True),
        ("Harga naik lagi pekan ini.👍🏽", True),
        ("Harga naik lagi pekan ini. #Harga #Beras", True),
        ("Harga naik lagi pekan ini 👍", False),
        ("Harga naik lagi pekan ini.", False),  # nothing set aside: ends_sentence says it
        ("👍", False),
        ("Harga naik lagi pekan ini. #", False),
    ],
)
def test_ends_sentence_before_ornaments(text, expected):
    assert ends_sentence_before_ornaments(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Berikut daftar lengkap harga bahan pokok yang dicatat dinas perdagangan:", True),
        ("Ikuti perkembangan berita ini dalam topik:", False),  # a label: fewer than 10 words
        ("Baca juga berita menarik lainnya seputar harga pangan di bawah ini:", False),
        ("Simak daftar lengkap harga bahan pokok yang dicatat dinas perdagangan:", False),
        ("Harga naik lagi pekan ini di seluruh pasar tradisional Jakarta. 👍", True),
        ("Harga naik lagi pekan ini di seluruh pasar tradisional Jakarta", False),
    ],
)
def test_ends_like_a_sentence(text, expected):
    assert ends_like_a_sentence(text) is expected


@pytest.mark.parametrize("separator", ["***", "* * *", "!!!", "🙏", "—", "• • •"])
def test_a_separator_line_between_paragraphs_is_no_paragraph(separator):
    assert paragraphs(page(LEAD, separator, SECOND, LAST)) == [
        LEAD[len("JAKARTA – ") :],
        SECOND,
        LAST,
    ]


def test_a_separator_line_in_the_seed_layout_is_no_paragraph():
    from tests.conftest import SEED
    from tests.test_seed_parse import SEED_PARAGRAPHS

    lines = SEED.read_text("utf-8").split("\n")
    lines[31:31] = ["", "* * *"]  # after paragraph 6, `Moskow membantah …` (line 31)
    article = parse_page("\n".join(lines), ingest_date=DAY)
    assert article.layout == "faktual"
    assert [p.text for p in article.paragraphs] == [text for _, text in SEED_PARAGRAPHS]


# Pages whose site chrome the body rules must leave out, each with the article's title and
# paragraphs (checked by reading each page): lists of popular headlines before the title (Title
# Case, sentence case, links), a ticker or breadcrumb list before the lead, a paywall list
# before a short article, a related-articles opener and headlines between paragraphs, photo
# captions without a full stop (with the day in brackets, commas, an agency's credit), a
# sentence-case headline between paragraphs, lists of tags, share buttons, related links and
# teasers, comments with their metadata lists, newsletter and follow-us lines (ending with a
# colon or with emoji) after the last paragraph. Rules that took lists into the body let most
# of these in (three reviews). Where a list of links or headlines stands between paragraphs,
# the article is cut there and its shorter half lost, as always (`related-*`): a known loss,
# kept here so that a change to it shows.
CHROME = FIXTURES / "chrome"
EXPECTED = json.loads((CHROME / "expected.json").read_text("utf-8"))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_site_chrome_stays_out(name):
    article = parse_page((CHROME / name).read_text("utf-8"), ingest_date=DAY, source_name=name)
    assert isinstance(article, ParsedArticle), article
    assert article.title == EXPECTED[name]["title"]
    assert [p.text for p in article.paragraphs] == EXPECTED[name]["paragraphs"]


def test_short_sentences_a_colon_line_announces_at_the_end_stay():
    """A colon line that announces a short quote as the article's last words: the quote is
    kept, as it was before the list rule (a short sentence after prose extends the body)."""
    opener = (
        "Kepala dinas kemudian menyampaikan pernyataan berikut kepada para wartawan di kantornya:"
    )
    quote = ["Kami akan terus memantau harga.", "Stok beras masih aman."]
    assert paragraphs(page(LEAD, SECOND, opener, *quote)) == [
        LEAD[len("JAKARTA – ") :],
        SECOND,
        opener,
        *quote,
    ]
