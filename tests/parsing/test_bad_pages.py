"""Pages without an article body are rejected with the reason, never parsed into garbage."""

from __future__ import annotations

from datetime import date

import pytest

from tests.parsing.conftest import FIXTURES
from warta.article import ParsedArticle
from warta.body import NO_BODY, NoArticle
from warta.parsing import INDEX_PAGE, parse_page


@pytest.mark.parametrize(
    "fixture",
    [
        "index-page.txt",  # an index page made of short headline links
        "not-found.html",  # a 404 page
        "login-wall.txt",  # a subscriber-only teaser behind a login
    ],
)
def test_page_without_article_is_rejected(fixture):
    text = (FIXTURES / fixture).read_text("utf-8")
    outcome = parse_page(text, ingest_date=date(2022, 12, 10), source_name=fixture)
    assert outcome == NoArticle(NO_BODY)
    assert outcome.reason == "no article body found"


@pytest.mark.parametrize("text", ["", "\n\n  \n", "<html><body></body></html>"])
def test_empty_pages_are_rejected(text):
    outcome = parse_page(text, ingest_date=date(2022, 12, 10), source_name="x.html")
    assert outcome == NoArticle(NO_BODY)


@pytest.mark.parametrize(
    "fixture",
    [
        "index-page-teasers.txt",  # headline, time, teaser opening `JAKARTA, KOMPAS.com -`
        "index-page-teasers.html",  # cards: a linked headline, `3 jam lalu`, `Jakarta (ANTARA) -`
    ],
)
def test_an_index_page_of_teasers_with_their_datelines_is_rejected(fixture):
    text = (FIXTURES / fixture).read_text("utf-8")
    outcome = parse_page(text, ingest_date=date(2025, 11, 3), source_name=fixture)
    assert outcome == NoArticle(INDEX_PAGE)
    assert outcome.reason == "index page (teasers of several articles, each with its own dateline)"


def test_an_index_page_with_a_teaser_without_its_dateline_is_still_one():
    """A card of another publisher, or a video's, carries no dateline: the others still do."""
    text = (FIXTURES / "index-page-teasers.txt").read_text("utf-8")
    undated = text.replace("BEKASI, KOMPAS.com - Polisi menangkap", "Polisi menangkap")
    assert undated != text
    assert parse_page(undated, ingest_date=date(2025, 11, 3)) == NoArticle(INDEX_PAGE)


_LEAD = (
    "JAKARTA, KOMPAS.com - Pemerintah Provinsi DKI Jakarta menyiapkan anggaran tambahan untuk "
    "memperbaiki saluran air di wilayah utara menjelang musim hujan tahun ini."
)
_PROSE = [
    "Kepala dinas mengatakan pekerjaan itu akan dimulai pekan depan dan ditargetkan selesai "
    "sebelum akhir Desember tahun ini.",
    "Menurut dia, warga di sekitar lokasi diminta berhati-hati karena sebagian jalan akan "
    "ditutup selama pengerjaan berlangsung.",
    "Pemerintah juga akan menambah pompa air di beberapa titik rawan banjir yang selama ini "
    "sering tergenang saat hujan deras.",
    "Anggaran tambahan itu diambil dari APBD perubahan yang telah disetujui dewan pada rapat "
    "paripurna bulan lalu.",
    "Ia berharap pekerjaan selesai tepat waktu sehingga genangan tidak lagi mengganggu "
    "aktivitas warga saat musim hujan tiba.",
]
_HEADLINES = [
    "Polisi Tangkap Pelaku Pencurian Motor di Bekasi Timur",
    "BMKG Ingatkan Potensi Hujan Lebat di Jawa",
    "Harga Cabai Rawit di Depok Turun Pekan Ini",
]
_TEASERS = [
    "BEKASI, KOMPAS.com - Polisi menangkap seorang pria yang diduga mencuri sepeda motor milik "
    "warga di kawasan Bekasi Timur setelah rekamannya beredar.",
    "Jakarta (ANTARA) - Badan Meteorologi, Klimatologi, dan Geofisika mengingatkan masyarakat "
    "akan potensi hujan lebat di sebagian besar wilayah Jawa.",
    "DEPOK, KOMPAS.com - Harga cabai rawit di pasar tradisional Depok turun setelah pasokan "
    "dari sentra produksi kembali normal pekan ini.",
]
_CARDS = [block for card in zip(_HEADLINES, _TEASERS, strict=True) for block in card]
_TIMES = ("10.15 WIB", "09.40 WIB", "08.55 WIB")
# A live report's updates: a time, the update with its wire dateline, a paragraph of its own.
_UPDATES = [
    block
    for time, teaser, prose in zip(_TIMES, _TEASERS, _PROSE[:3], strict=True)
    for block in (time, teaser, prose)
]


def _page(*paragraphs: str) -> str:
    blocks = ["Berita", "Jakarta Siapkan Anggaran Perbaikan Saluran Air Jelang Musim Hujan"]
    blocks += ["Senin, 3 November 2025 10:00 WIB", *paragraphs, "Tentang Kami"]
    return "\n\n".join(blocks) + "\n"


@pytest.mark.parametrize(
    ("paragraphs", "index"),
    [
        # an article, then teasers of other articles, with or without their headlines
        ([_LEAD, *_PROSE, *_TEASERS], False),
        ([_LEAD, _PROSE[0], *_TEASERS[:2]], False),
        ([_LEAD, _PROSE[0], *_CARDS], False),
        # a live report: updates with datelines and times, each with a paragraph of its own
        ([_LEAD, *_UPDATES], False),
        # ... or updates of one paragraph each, between their times: no headline, no cards
        ([_LEAD, *(b for u in zip(_TIMES, _TEASERS, strict=True) for b in u)], False),
        # reports quoted from wires one after the other
        ([_LEAD, *_TEASERS, *_PROSE[:2]], False),
        # cards of other articles from the top, each a headline (and a time) and its teaser
        ([_LEAD, *_CARDS], True),
        (
            [_LEAD, *(b for card in zip(_HEADLINES, _TIMES, _TEASERS, strict=True) for b in card)],
            True,
        ),
        # interview answers under a speaker's name in capitals name no publisher
        (
            [_LEAD, *(f"TEMPO: {p}" for p in _PROSE[:2]), *(f"ANIES: {p}" for p in _PROSE[2:])],
            False,
        ),
        # nor do datelines of a place alone
        ([_LEAD, *(f"BEKASI - {p}" for p in _PROSE)], False),
    ],
)
def test_only_teasers_with_a_publishers_dateline_make_an_index_page(paragraphs, index):
    outcome = parse_page(_page(*paragraphs), ingest_date=date(2025, 11, 3))
    if index:
        assert outcome == NoArticle(INDEX_PAGE)
    else:
        assert isinstance(outcome, ParsedArticle), outcome
        assert outcome.dateline == "JAKARTA, KOMPAS.com"
        assert len(outcome.paragraphs) == len(paragraphs)
