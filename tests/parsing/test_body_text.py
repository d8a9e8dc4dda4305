"""Body text that does not read like the usual paragraph, on pages of no named layout: a
sentence ending with emoji or hashtags, or with a colon, between two paragraphs is kept; after
the last paragraph such a line is as often a promotion or a reader's comment and stays out;
readers' comments after their heading, a site's invitations to follow it and the page's chrome
stay out (fixtures/chrome); separator lines are no paragraphs."""

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
    "after",
    [
        # ending with emoji, hashtags or a colon, as between two paragraphs: a promotion, however
        # worded
        ["Follow Instagram kami untuk update berita terbaru setiap hari! 📲 #detikcom"],
        ["Ikuti berita terkini lainnya dari kami di Google News dengan klik tautan berikut:"],
        ["Baca juga berita menarik lainnya seputar harga pangan dan kebutuhan pokok di bawah ini:"],
        ["Yuk, gabung di grup kami! 🤗"],
        ["Simak terus perkembangan berita banjir Jakarta hanya di sini ya. 👇"],
        ["Jangan lupa bagikan berita ini kepada keluarga dan teman kalian ya. 🙏"],
        # a reader's comment, with or without its heading
        ["Semoga warga yang terdampak diberi kesabaran dan banjir cepat surut. 🙏"],
        ["Komentar", "Semoga harga beras kembali normal sebelum hari raya tiba ya. 🙏"],
        # the article's own last line: a known loss (nothing tells it from the lines above)
        ["Warga berharap harga beras kembali normal sebelum hari raya tiba. 🙏"],
    ],
)
def test_such_a_line_after_the_last_paragraph_stays_out(after):
    assert paragraphs(page(LEAD, SECOND, LAST, *after)) == [
        LEAD[len("JAKARTA – ") :],
        SECOND,
        LAST,
    ]


def test_a_page_whose_every_paragraph_ends_with_emoji_is_rejected():
    """A known loss: no block reads as prose. Taking such blocks without their emoji would take
    in pages of shop promotions and comments too."""
    body = [f"{LEAD} 🙏", f"{SECOND} 😊", f"{LAST[:-1]}! 👍"]
    assert not isinstance(parse_page(page(*body), ingest_date=DAY), ParsedArticle)


KOMPAS_WHATSAPP = (
    "Simak breaking news dan berita pilihan kami langsung di ponselmu. Pilih saluran andalanmu "
    "akses berita Kompas.com WhatsApp Channel : https://www.whatsapp.com/channel/"
    "0029VaFPbedBPzjZrk13HO3D. Pastikan kamu sudah install aplikasi WhatsApp ya."
)


@pytest.mark.parametrize(
    "promotion",
    [
        KOMPAS_WHATSAPP,
        "Dapatkan update berita pilihan dan breaking news setiap hari dari Kompas.com. Mari "
        'bergabung di Grup Telegram "Kompas.com News Update", caranya klik link '
        "https://t.me/kompascomupdate, kemudian join. Anda harus install aplikasi Telegram "
        "terlebih dulu di ponsel.",
        "Ikuti berita terkini dan pilihan kami setiap hari langsung di Google News: "
        "https://news.google.com/publications/CAAqBwgKMK",
    ],
    ids=["kompas-whatsapp", "kompas-telegram", "google-news"],
)
def test_a_sites_invitation_to_follow_it_is_no_paragraph(promotion):
    """Written as prose (a sentence of 20 words and more), it was taken for the article's last
    paragraph, or one between two."""
    lead = LEAD[len("JAKARTA – ") :]
    assert paragraphs(page(LEAD, SECOND, LAST, promotion, "Tentang Kami")) == [lead, SECOND, LAST]
    assert paragraphs(page(LEAD, SECOND, promotion, LAST)) == [lead, SECOND, LAST]


def test_a_sentence_naming_a_channel_without_its_address_is_news():
    """``Ikuti … saluran WhatsApp …`` is advice in disaster news: without the channel's address
    it stays a paragraph."""
    advice = (
        "Ikuti informasi peringatan dini banjir dari BPBD DKI Jakarta melalui saluran WhatsApp "
        "resmi dan akun media sosial pemerintah daerah, kata kepala pusat data BPBD."
    )
    assert paragraphs(page(LEAD, SECOND, advice, LAST))[2] == advice


@pytest.mark.parametrize(
    "heading",
    [
        "Komentar",
        "Komentar (2)",
        "KOMENTAR",
        "2 Komentar",
        "3 Comments",
        "12 Tanggapan",
        "Tulis Komentar",
        "Kolom Komentar",
        "Tinggalkan Komentar Anda:",
        "Leave a Reply",
        "0 Komentar",
        "Komentar:",
    ],
)
def test_a_comments_heading_is_no_paragraph(heading):
    """It was one (an inline subheading), as a share bar's ``Komentar`` after the lead, a
    count of comments, or the heading over readers' comments. It ends nothing: where it
    stands tells too little (a share bar, a subheading over the quotes closing a report), so
    a comment right after it that reads like prose stays a paragraph, a known leak (with other
    chrome between, such as the commenter's name and time, the body ends before it)."""
    lead = LEAD[len("JAKARTA – ") :]
    assert paragraphs(page(LEAD, heading, SECOND, LAST)) == [lead, SECOND, LAST]
    comment = "Mantap pak, semoga harga beras terus turun sampai lebaran biar kami tidak susah."
    assert paragraphs(page(LEAD, SECOND, LAST, heading, comment, "Tentang Kami")) == [
        lead,
        SECOND,
        LAST,
        comment,
    ]
    named = [heading, "budi_88", "2 jam lalu", comment, "Tentang Kami"]
    assert paragraphs(page(LEAD, SECOND, LAST, *named)) == [lead, SECOND, LAST]


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
# colon or with emoji) after the last paragraph; lists announced as sources, references,
# links, contacts, editors' picks, digests, tables of contents or TV schedules, author boxes,
# rate widgets, teaser cards, layout and credit tables, share bars' ``Komentar``, site
# invitations, and sentences that only look like them; and the article's own lists after a
# ``Baca juga`` label, or with an ad between them and the article going on. Rules that took
# lists into the body on less evidence than ``warta.lists`` asks let most of these in. Where
# a list of links or headlines stands between paragraphs, the article is cut there and its
# shorter half lost, as always (`related-*`): a known loss, kept here so that a change to it
# shows.
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
