"""The body's edges on pages of no named layout: a short first paragraph is not the lead caption
unless the page could have one there, a paragraph printed twice is kept twice, and a date alone
is that day wherever the page's zone lies."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from tests.parsing.conftest import FIXTURES
from warta.parsing import parse_page

WIB = timezone(timedelta(hours=7))
DAY = date(2026, 11, 25)
LEAD = "Sebelumnya, Komisi Pemberantasan Korupsi sempat memanggil sejumlah saksi."
BODY = [
    "Menteri Energi dan Sumber Daya Mineral mengatakan kenaikan harga ini tidak dapat dihindari "
    "karena beban subsidi yang terus membengkak sepanjang tahun ini, sementara harga minyak "
    "dunia masih tinggi.",
    "Pemerintah juga menyiapkan bantuan langsung tunai bagi warga miskin yang terdampak "
    "kenaikan harga, dengan anggaran yang sudah disetujui oleh Dewan Perwakilan Rakyat pekan "
    "lalu.",
    "Sejumlah pengamat menilai kebijakan itu akan mendorong inflasi dalam beberapa bulan ke "
    "depan, terutama pada harga bahan pangan dan ongkos transportasi di kota besar.",
]
CAPTION = "Petugas mengisi BBM di SPBU Pertamina, Jakarta, Senin (23/11/2026)."


def _html(*before_body: str, body: list[str] = BODY) -> str:
    paragraphs = "\n".join(f"<p>{text}</p>" for text in body)
    return (
        "<!doctype html><html><head><title>Harga BBM Naik Mulai Besok</title></head><body>\n"
        "<article>\n<h1>Harga BBM Naik Mulai Besok</h1>\n"
        '<div class="byline">Budi Santoso</div>\n'
        '<div class="date">Senin, 23 November 2026 10:15 WIB</div>\n'
        + "\n".join(before_body)
        + f"\n{paragraphs}\n</article></body></html>\n"
    )


def _ps(texts) -> str:
    return "".join(f"<p>{text}</p>" for text in texts)


def _parse_html(*before_body: str, body: list[str] = BODY):
    article = parse_page(_html(*before_body, body=body), ingest_date=DAY, source_name="page.html")
    assert article.layout == "generic" and article.title == "Harga BBM Naik Mulai Besok"
    return article


def test_a_short_first_paragraph_of_a_page_without_an_image_opens_the_body():
    """Too short to open the run of prose, the first ``<p>`` was the lead caption of a page
    that shows no image: the article lost its first paragraph."""
    article = _parse_html(f"<p>{LEAD}</p>")
    assert article.image_caption is None
    assert [p.text for p in article.paragraphs] == [LEAD, *BODY]
    assert article.paragraphs[0].source_line == 6


def test_a_sentence_after_an_image_is_its_caption_and_the_short_lead_after_it_a_paragraph():
    article = _parse_html(
        f'<div class="pic"><img src="bbm.jpg"></div>\n<div>{CAPTION}</div>\n<p>{LEAD}</p>'
    )
    assert article.image_caption == CAPTION
    assert [p.text for p in article.paragraphs] == [LEAD, *BODY]
    # ... and a caption with a photo credit needs no image before it
    credited = f"{CAPTION} (ANTARA FOTO/Budi Setya)"
    article = _parse_html(f"<div>{credited}</div>\n<p>{LEAD}</p>")
    assert article.image_caption == credited
    assert [p.text for p in article.paragraphs] == [LEAD, *BODY]


def test_a_pull_quote_or_anything_before_a_dateline_stays_out_of_the_body():
    """A body that opens with a dateline starts there (antara-singlepage2.html: a pull quote
    between the header and it), and a fragment (``... kata dia ...``) opens no body."""
    dated = [f"Makassar (ANTARA News) - {BODY[0]}", *BODY[1:]]
    article = _parse_html(f"<blockquote>{LEAD}</blockquote>", body=dated)
    assert article.dateline == "Makassar (ANTARA News)"
    assert [p.text for p in article.paragraphs] == BODY
    fragment = "... memanggil sejumlah saksi untuk dimintai keterangan ..."
    article = _parse_html(f"<blockquote>{fragment}</blockquote>")
    assert [p.text for p in article.paragraphs] == BODY


def test_in_a_text_dump_a_sentence_before_the_body_is_still_the_lead_caption():
    """A text dump has no images to tell a caption by: real captions read as sentences
    (``Twitter @Persib Samsul Arif dan Purwaka Yudi gabung dengan skuad Persib Bandung …``),
    so the sentence between the header and the body stays the lead caption."""
    page = "\n\n".join(
        [
            "Harga BBM Naik Mulai Besok",
            "Senin, 23 November 2026 10:15 WIB",
            "Penulis: Budi Santoso",
            CAPTION,
            *BODY,
        ]
    )
    article = parse_page(page, ingest_date=DAY, source_name="page.txt")
    assert article.image_caption == CAPTION
    assert [p.text for p in article.paragraphs] == BODY


def test_a_paragraph_printed_twice_in_the_body_is_kept_at_both_places():
    """Prose repeated on a page counts as a teaser when the body is sought; inside the body it
    is the article's own (both copies were dropped)."""
    text = (FIXTURES / "generic-article.txt").read_text("utf-8")
    original = parse_page(text, ingest_date=DAY, source_name="generic-article.txt")
    paragraphs = [p.text for p in original.paragraphs]
    repeated = paragraphs[1]  # `Menurut Menteri Pertanian, …`
    page = text.replace(paragraphs[2], f"{paragraphs[2]}\n\n{repeated}")
    article = parse_page(page, ingest_date=DAY, source_name="generic-article.txt")
    assert [p.text for p in article.paragraphs] == [*paragraphs[:3], repeated, *paragraphs[3:]]
    assert [m.text for m in article.ad_markers] == [m.text for m in original.ad_markers]

    for body in (
        [BODY[0], BODY[1], BODY[1], BODY[2]],
        [BODY[0], BODY[1], BODY[0], BODY[2]],  # the first printed again: a <p> like the body's
    ):
        html = _parse_html(body=body)
        assert [p.text for p in html.paragraphs] == body


def test_prose_printed_in_the_body_and_outside_it_is_a_teaser_as_before():
    """A related article's teaser between the paragraphs and again in a list after the body is
    no paragraph. The price: a box after the body quoting one of its paragraphs (after a
    marker: ``Baca Selengkapnya``) takes that paragraph out of the body too."""
    text = (FIXTURES / "generic-article.txt").read_text("utf-8")
    original = parse_page(text, ingest_date=DAY, source_name="generic-article.txt")
    paragraphs = [p.text for p in original.paragraphs]
    teaser = (
        "Polisi menangkap dua pelaku pencurian sepeda motor di kawasan Tanah Abang setelah "
        "menerima laporan dari warga pada Kamis malam."
    )
    page = text.replace(paragraphs[2], f"{paragraphs[2]}\n\n{teaser}").replace(
        "Harga Beras Naik di Sejumlah Pasar Tradisional", teaser
    )
    assert page.count(teaser) == 2
    article = parse_page(page, ingest_date=DAY, source_name="generic-article.txt")
    assert [p.text for p in article.paragraphs] == paragraphs

    page = text.replace(paragraphs[3], f"{paragraphs[3]}\n\nBaca Selengkapnya\n\n{paragraphs[1]}")
    article = parse_page(page, ingest_date=DAY, source_name="generic-article.txt")
    assert [p.text for p in article.paragraphs] == [paragraphs[0], *paragraphs[2:]]


def test_a_date_alone_is_that_day_in_jakarta_whatever_zone_the_page_names():
    """``5 November 2025 WITA`` was midnight WITA, 23:00 WIB on the 4th: ``published_date``
    (read in Jakarta) gave the day before the one printed."""
    for zone in ("WITA", "WIT", "WIB", ""):
        printed = f"Rabu, 5 November 2025 {zone}".strip()
        page = "\n\n".join(["Harga BBM Naik Mulai Besok", printed, "Penulis: Budi Santoso", *BODY])
        article = parse_page(page, ingest_date=DAY, source_name="page.txt")
        assert article.published_text == printed
        assert article.published_at == datetime(2025, 11, 5, tzinfo=WIB), zone
        assert article.published_has_time is False
    # with a time, the zone counts
    page = page.replace(printed, "Rabu, 5 November 2025 07:30 WITA")
    article = parse_page(page, ingest_date=DAY, source_name="page.txt")
    assert article.published_at == datetime(2025, 11, 5, 6, 30, tzinfo=WIB)
    assert article.published_has_time is True


NOTICE = "Situs ini menggunakan cookie untuk memberi Anda pengalaman terbaik."


@pytest.mark.parametrize(
    "before",
    [
        f'<h2 class="deck">{LEAD}</h2>',
        f"<ul><li>{LEAD}</li><li>Harga BBM naik mulai besok pagi di seluruh Indonesia.</li></ul>",
        f"<blockquote>{LEAD}</blockquote>",
        f'<ul class="highlights"><li><div><p>{LEAD}</p></div></li></ul>',
        f"<blockquote><div><p>{LEAD}</p></div></blockquote>",
        f"<div class=notice><div>{NOTICE}</div></div>",
    ],
)
@pytest.mark.parametrize("glued", [False, True])
def test_a_deck_highlights_or_a_notice_elsewhere_open_no_body(before, glued):
    """A first paragraph stands where the body's do; a deck (a heading), highlights in a list,
    a quote (at any depth), or a notice in another part of the page is no paragraph, also when
    a marker glued to the body's first paragraph leaves nothing to compare it with."""
    body = [f"ADVERTISEMENT {BODY[0]}", *BODY[1:]] if glued else BODY
    article = _parse_html(before, body=body)
    assert [p.text for p in article.paragraphs] == BODY


@pytest.mark.parametrize(
    "before",
    [
        f'<div class="cookie"><p>{NOTICE}</p></div>',
        f'<div class="related"><p>{LEAD}</p></div>',
        f'<div class="caption"><p>{CAPTION}</p></div>',
    ],
)
def test_a_box_of_another_class_before_a_wrapped_body_opens_no_body(before):
    page = _html(body=[]).replace(
        "</article>", f'{before}<div class="content">{_ps(BODY)}</div></article>'
    )
    article = parse_page(page, ingest_date=DAY, source_name="page.html")
    assert [p.text for p in article.paragraphs] == BODY


def test_a_box_inside_br_separated_text_opens_no_body():
    page = _html(body=[]).replace(
        "</article>",
        f'<div class="content"><div class="related">{LEAD}</div>'
        f"{'<br><br>'.join(BODY)}</div></article>",
    )
    article = parse_page(page, ingest_date=DAY, source_name="page.html")
    assert [p.text for p in article.paragraphs] == BODY


@pytest.mark.parametrize(
    ("layout", "page"),
    [
        (
            "each paragraph in a wrapper",
            "".join(f'<div class="para"><p>{t}</p></div>' for t in (LEAD, *BODY)),
        ),
        ("the body's text between <br>", f"<div><p>{LEAD}</p>{'<br><br>'.join(BODY)}</div>"),
        ("the lead a <div> beside the body's <p>", f"<div>{LEAD}</div>" + _ps(BODY)),
        (
            "a minified page quoting the lead",
            _ps([LEAD, BODY[0]]) + f"<blockquote>{LEAD}</blockquote>" + _ps(BODY[1:]),
        ),
    ],
)
def test_a_short_first_paragraph_in_common_layouts(layout, page):
    html = _html(body=[]).replace("</article>", f"{page}</article>").replace("\n", "")
    article = parse_page(html, ingest_date=DAY, source_name="page.html")
    texts = [p.text for p in article.paragraphs]
    expected = [LEAD, *BODY]
    if "quoting" in layout:
        expected = [LEAD, BODY[0], LEAD, *BODY[1:]]
    assert texts == expected, layout


def test_an_unclosed_picture_does_not_swallow_the_article():
    """libxml2 nests everything after an unclosed ``<picture>`` inside it: the walk goes on
    inside an image element, and text there is kept as before."""
    article = _parse_html('<picture><source srcset="a.webp"><img src="a.jpg">')
    assert [p.text for p in article.paragraphs] == BODY
    article = _parse_html(f'<picture><img src="a.jpg"><span>{CAPTION}</span></picture>')
    assert article.image_caption == CAPTION
    assert [p.text for p in article.paragraphs] == BODY


def test_the_title_printed_again_before_the_body_is_no_caption():
    """A text dump's block of 5 words or more between the header and the body is the lead
    caption; the title printed there again was taken for it."""
    title = "Harga Beras Naik Lagi di Pasar Induk"
    body = [
        "JAKARTA – Harga beras medium di Pasar Induk Cipinang naik lagi pekan ini, kata "
        "pedagang yang ditemui pada Senin pagi.",
        "Pedagang menyebut pasokan dari Jawa Tengah berkurang karena panen mundur, sementara "
        "permintaan tetap tinggi menjelang hari raya.",
    ]
    page = "\n\n".join(["Nasional", title, "Rina Kusuma", title, *body])
    article = parse_page(page, ingest_date=DAY)
    assert (article.title, article.image_caption) == (title, None)
    assert [p.text for p in article.paragraphs] == [body[0][len("JAKARTA – ") :], body[1]]
