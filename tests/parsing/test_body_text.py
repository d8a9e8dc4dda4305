"""Body text that does not read like the usual paragraph, on pages of no named layout: a
sentence ending with emoji or hashtags, one without its full stop, one ending with a colon, and
the list it opens (price lists, places; HTML lists and tables beside the paragraphs). Each is
kept, in order; what reads like a headline or a label stays out."""

from __future__ import annotations

from datetime import date

import pytest

from tests.parsing.conftest import FIXTURES
from warta.article import ParsedArticle
from warta.body import ends_sentence_before_ornaments, prose_kind
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
PRICES = ["Beras medium: Rp 13.500", "Beras premium: Rp 15.000", "Gula pasir: Rp 17.000"]


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
        SECOND.rstrip("."),  # the full stop left out
        "Berikut daftar lengkap harga bahan pokok yang dicatat oleh dinas perdagangan kota:",
    ],
    ids=["emoji", "emoji glued", "emoji selector", "hashtags", "no full stop", "colon"],
)
def test_a_sentence_ending_otherwise_is_kept(second):
    assert paragraphs(page(LEAD, second, LAST))[1] == second


def test_a_page_whose_every_paragraph_ends_with_emoji_is_an_article():
    """It was rejected with ``no article body found``."""
    body = [text + " 😡🔥" for text in (LEAD, SECOND, LAST)]
    assert paragraphs(page(*body)) == [body[0][len("JAKARTA – ") :], *body[1:]]


@pytest.mark.parametrize("long_lead", [False, True])
def test_a_list_the_text_opens_is_kept_and_does_not_cut_the_article(long_lead):
    """Short lines after ``…:`` (items of no sentence) cut the run of prose in two and the
    shorter half was lost, with the title and section taken from the wrong lines."""
    lead = LEAD + (" Pedagang lain mengatakan hal yang sama kepada wartawan." if long_lead else "")
    lead += " Berikut harga rata-rata per kilogram:"
    got = paragraphs(page(lead, *PRICES, SECOND, LAST))
    assert got == [lead[len("JAKARTA – ") :], *PRICES, SECOND, LAST]


PLACES = ["Margahayu", "Bekasi Jaya", "Duren Jaya", "Aren Jaya"]
HTML_LEAD = (
    "BEKASI - Banjir merendam ratusan rumah di empat kelurahan di Kota Bekasi sejak Minggu malam "
    "setelah hujan deras mengguyur wilayah itu selama berjam-jam."
)


@pytest.mark.parametrize(
    ("between", "kept"),
    [
        ("<ul>" + "".join(f"<li>{p}</li>" for p in PLACES) + "</ul>", PLACES),
        (
            "<table>"
            + "".join(f"<tr><td>{p}</td><td>{n} rumah</td></tr>" for n, p in enumerate(PLACES, 1))
            + "</table>",
            [cell for n, p in enumerate(PLACES, 1) for cell in (p, f"{n} rumah")],
        ),
    ],
    ids=["ul", "table"],
)
def test_an_html_list_beside_the_paragraphs_is_kept(between, kept):
    """A list or table right after the first paragraph: the first paragraph (and its dateline)
    was lost."""
    html = (
        f"<html><head><title>{TITLE}</title></head><body><h1>{TITLE}</h1><article>"
        f"<p>{HTML_LEAD}</p>{between}<p>{SECOND}</p><p>{LAST}</p></article></body></html>"
    )
    assert paragraphs(html, "page.html") == [HTML_LEAD[len("BEKASI - ") :], *kept, SECOND, LAST]


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


def test_a_list_without_prose_after_it_ends_the_article():
    """After the last paragraph short lines are the page's (related headlines, a menu), even
    after a colon: only prose that resumes takes a list into the article."""
    lead = LEAD + " Berikut harga rata-rata per kilogram:"
    got = paragraphs(
        page(lead, SECOND, LAST + " Simak daftar berita lainnya di bawah ini:", *PRICES)
    )
    assert got == [
        lead[len("JAKARTA – ") :],
        SECOND,
        LAST + " Simak daftar berita lainnya di bawah ini:",
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


def test_a_short_line_ending_with_a_colon_is_no_sentence():
    """``Ikuti perkembangan berita ini dalam topik:`` after a kompas article: a label, which
    must not take the lines after it into the article."""
    assert prose_kind("Ikuti perkembangan berita ini dalam topik:") == "other"
    assert (
        prose_kind("Berikut daftar lengkap harga bahan pokok yang dicatat dinas perdagangan:")
        == "good"
    )
    label = "Ikuti perkembangan berita ini dalam topik:"
    assert paragraphs(page(LEAD, SECOND, LAST, label, *PRICES))[-1] == LAST


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


# Pages whose site chrome the list and unpunctuated-sentence rules must leave out: a list of
# popular headlines before the title, a related-articles opener and its headlines between
# paragraphs, a photo caption or a sentence-case headline without a full stop between
# paragraphs, lists of related links, tags and share buttons, a comments section and a
# newsletter box after the last paragraph.
CHROME = FIXTURES / "chrome"
ARTICLE = [
    "Harga beras medium di Pasar Induk Beras Cipinang naik dalam sepekan terakhir menjelang "
    "akhir tahun, menurut data dinas perdagangan yang dirilis pada hari Jumat.",
    "Kenaikan itu terjadi karena pasokan dari sentra produksi di Jawa Tengah dan Jawa Barat "
    "berkurang setelah musim hujan datang lebih awal dari perkiraan para petani.",
    "Kepala dinas mengatakan pihaknya akan menggelar operasi pasar bersama Bulog untuk menahan "
    "laju kenaikan harga yang dikhawatirkan berlanjut hingga bulan depan.",
    "Ia juga meminta masyarakat tidak panik dan membeli beras secukupnya karena stok di gudang "
    "masih cukup untuk memenuhi kebutuhan hingga tiga bulan ke depan.",
]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("popular-list-before-title.txt", ARTICLE),
        ("caption-with-day.txt", ARTICLE),
        ("caption-with-agency.txt", ARTICLE),
        ("sentence-case-headline.txt", ARTICLE),
        ("tags-share-comments-after.html", ARTICLE),
        ("tag-links-newsletter-after.html", [ARTICLE[0], ARTICLE[1], ARTICLE[3]]),
        # a run of five headlines (or links) between paragraphs cuts the article, as before
        # the list rule: the shorter half is lost, and no headline is a paragraph
        ("related-opener-and-headlines.txt", ARTICLE[:2]),
        ("related-links-between.html", ARTICLE[:2]),
    ],
)
def test_site_chrome_stays_out(name, expected):
    article = parse_page((CHROME / name).read_text("utf-8"), ingest_date=DAY, source_name=name)
    assert isinstance(article, ParsedArticle), article
    assert article.title == "Harga Beras di Pasar Induk Naik Menjelang Akhir Tahun"
    assert article.dateline == "JAKARTA"
    assert [p.text for p in article.paragraphs] == expected


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
