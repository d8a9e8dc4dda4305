"""HTML pages become the same block stream as text dumps, with source lines and metadata."""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import shared_path
from tests.parsing.conftest import FIXTURES
from warta.html import looks_like_html, page_url, parse_html
from warta.parsing import parse_page

PAGE = """<!DOCTYPE html>
<html><head>
<meta property="og:title" content="Banjir Rendam Ratusan Rumah - Kabar Contoh">
<meta property="article:published_time" content="2022-12-10T06:00:00Z">
<meta name="author" content="Rina Marlina">
<meta property="og:site_name" content="Kabar Contoh">
<script>var ads = "Advertisement";</script>
</head><body>
<nav><a href="/">Beranda</a></nav>
<h1>Banjir Rendam Ratusan Rumah</h1>
<div class="body"><strong>Semarang</strong> - Hujan deras sejak pagi membuat sungai meluap
dan merendam ratusan rumah warga di tiga kecamatan.<br><br>Warga mengungsi ke balai desa
sambil menunggu air surut, kata kepala desa kepada wartawan di lokasi.
<p>ADVERTISEMENT</p>
<p>Petugas gabungan masih mendata kerugian dan membagikan makanan kepada para pengungsi.</p>
</div>
<footer>Copyright © 2022 Kabar Contoh</footer>
</body></html>
"""


def test_blocks_and_source_lines():
    page = parse_html(PAGE)
    expected = [
        (10, "Banjir Rendam Ratusan Rumah"),
        (11, "Semarang - Hujan deras sejak pagi"),
        (12, "Warga mengungsi ke balai desa"),
        (14, "ADVERTISEMENT"),
        (15, "Petugas gabungan masih mendata"),
    ]
    assert len(page.blocks) == len(expected)
    for block, (line, start) in zip(page.blocks, expected, strict=True):
        assert block.line == line and block.text.startswith(start)


def test_source_lines_are_where_the_text_begins_not_where_its_tag_does():
    """Saved pages put a block's text on the line after its tag, or after a ``<br />``; the
    text's own line is the one to show (as a text dump's is)."""
    page = parse_html(
        "<html><body>\n"  # 1
        '<div id="content_news">\n'  # 2
        "Mataram (ANTARA News) - Hujan deras sejak pagi.\n"  # 3
        "<br />\n"  # 4
        "Warga mengungsi ke balai desa.\n"  # 5
        "<p>\n\n  Petugas gabungan masih mendata.</p>\n"  # 6, text on 8
        "<p>satu\ndua</p>\n"  # 9-10
        "tiga, after an end tag on the line before</div>\n"  # 11
        "</body></html>\n"
    )
    assert [(b.line, b.text[:8]) for b in page.blocks] == [
        (3, "Mataram "),
        (5, "Warga me"),
        (8, "Petugas "),
        (9, "satu dua"),
        (11, "tiga, af"),
    ]


def test_metadata():
    meta = parse_html(PAGE).meta
    assert meta.title == "Banjir Rendam Ratusan Rumah - Kabar Contoh"
    assert meta.published == "2022-12-10T06:00:00Z"
    assert (meta.author, meta.site) == ("Rina Marlina", "Kabar Contoh")


URL = "https://kabar.example/2022/12/10/banjir"


@pytest.mark.parametrize(
    ("head", "url", "source"),
    [
        (
            f'<link rel="canonical" href="{URL}"><meta property="og:url" content="{URL}?x">',
            URL,
            "canonical",
        ),
        # an empty or relative canonical says nothing: og:url is next
        (
            f'<link rel="canonical" href=""><meta property="og:url" content=" {URL} ">',
            URL,
            "og:url",
        ),
        (
            f'<link rel="Canonical" href="/2022/12/10/banjir"><meta property="og:url" '
            f'content="{URL}">',
            URL,
            "og:url",
        ),
        # then the article's JSON-LD: its url, or mainEntityOfPage
        (
            '<script type="application/ld+json">{"@type": "NewsArticle", "mainEntityOfPage": '
            f'{{"@type": "WebPage", "@id": "{URL}"}}}}</script>',
            URL,
            "json-ld",
        ),
        (
            '<script type="application/ld+json">{"@type": "NewsArticle", "url": "ftp://x.example/a"'
            "}</script>",
            None,
            None,
        ),
        ('<meta property="og:url" content="https://localhost">', None, None),
        ("", None, None),
    ],
)
def test_the_pages_own_address_comes_from_its_metadata(head, url, source):
    page = PAGE.replace("<head>", f"<head>{head}", 1)
    meta = parse_html(page).meta
    assert (meta.url, meta.sources.get("url")) == (url, source)
    assert parse_page(page, ingest_date=date(2022, 12, 10), source_name="a.html").url == url


@pytest.mark.parametrize(
    ("value", "kept"),
    [
        (URL, True),
        ("HTTPS://Kabar.Example", True),
        ("http://10.0.0.1:8080/a", True),
        ("https://[2001:db8::1]/a", True),
        ("https://kabar.example./a", True),
        ("https://kabar.example?x=1#f", True),
        ("https://kabar..example/a", False),
        ("https://.kabar.example/a", False),
        ("https://kabar.example:99999/a", False),
        ("https://kabar.example:x/a", False),
        ("https://[zz]/a", False),
        ("https://[2001:db8::1/a", False),
        ("https://[2001:db8::1]x/a", False),
        ("https://kabar.example/berita\xa0banjir", False),  # lxml's &nbsp;
        ("https://kabar\u200b.example/a", False),
        ("https://kabar.example/a\u2028b", False),
        ("//kabar.example/a", False),
        ("https://user:secret@kabar.example/a", False),
        ("https://kabar.example/a\x07", False),
        ("https://kabar.example/a b", False),
        ("https://localhost/a", False),
        ("ftp://kabar.example/a", False),
        ("", False),
        (None, False),
        (["https://kabar.example/a"], False),
    ],
)
def test_only_an_absolute_web_address_is_a_pages_url(value, kept):
    assert page_url(value) == (value if kept else None)


def test_html_page_parses_with_metadata_as_evidence():
    article = parse_page(PAGE, ingest_date=date(2022, 12, 10), source_name="a.html")
    assert article.title == "Banjir Rendam Ratusan Rumah"
    assert article.published_at.isoformat() == "2022-12-10T06:00:00+00:00"
    assert (article.author, article.site, article.dateline) == (
        "Rina Marlina",
        "Kabar Contoh",
        "Semarang",
    )
    assert [p.source_line for p in article.paragraphs] == [11, 12, 15]
    assert [(m.text, m.zone) for m in article.ad_markers] == [("ADVERTISEMENT", "body")]


@pytest.mark.parametrize(
    ("meta", "printed", "published", "has_time"),
    [
        ("2022-12-10T06:00:00Z", None, "2022-12-10T06:00:00+00:00", True),  # the metadata's
        ("2022-12-10", None, "2022-12-10T00:00:00+07:00", False),  # a date alone: midnight
        # the value is the metadata's, with its time of day
        ("2022-12-10T06:00:00Z", "Sabtu, 10 Des 2022", "2022-12-10T06:00:00+00:00", True),
        # the metadata's date alone: the page prints the time of day it leaves out
        ("2022-12-10", "Sabtu, 10 Des 2022 13:19 WIB", "2022-12-10T13:19:00+07:00", True),
        # metadata at exactly midnight is a date alone, with or without a printed time
        ("2022-12-10T00:00:00+07:00", None, "2022-12-10T00:00:00+07:00", False),
        ("2022-12-10T00:00:00+07:00", "10 Des 2022 13:19 WIB", "2022-12-10T13:19:00+07:00", True),
        ("2022-12-10T00:00:00+07:00", "Sabtu, 10 Des 2022", "2022-12-10T00:00:00+07:00", False),
        # ... on the same day only: another day's is the metadata's, a date alone
        ("2022-12-09", "Sabtu, 10 Des 2022 13:19 WIB", "2022-12-09T00:00:00+07:00", False),
        # a relative date beside the metadata's time: the value is the metadata's, not relative
        ("2022-12-10T13:19:00+07:00", "2 jam lalu", "2022-12-10T13:19:00+07:00", True),
        (None, "Sabtu, 10 Des 2022 13:19 WIB", "2022-12-10T13:19:00+07:00", True),
        (None, "Sabtu, 10 Des 2022", "2022-12-10T00:00:00+07:00", False),
        (None, "3 jam lalu", "2022-12-10T09:00:00+07:00", False),  # resolved: made up
        (None, None, None, None),
    ],
)
def test_whether_the_publication_time_has_a_time_of_day(meta, printed, published, has_time):
    from warta.article import RELATIVE_DATE

    page = PAGE.replace('content="2022-12-10T06:00:00Z"', f'content="{meta}"')
    if meta is None:
        page = page.replace('<meta property="article:published_time" content="None">\n', "")
    if printed is not None:
        page = page.replace("</h1>", f'</h1>\n<div class="date">{printed}</div>', 1)
    article = parse_page(page, ingest_date=date(2022, 12, 10), source_name="a.html")
    at = article.published_at.isoformat() if article.published_at else None
    assert (at, article.published_has_time) == (published, has_time)
    relative = printed is not None and "lalu" in printed and meta is None
    assert (RELATIVE_DATE in article.warnings) == relative


def test_html_is_recognised_by_name_or_content():
    assert looks_like_html("plain", "x.htm")
    assert looks_like_html("<!-- saved -->\n<!DOCTYPE html><html>", "x.txt")
    assert not looks_like_html((FIXTURES / "index-page.txt").read_text("utf-8"), "x.txt")
    for start in ("<meta charset='utf-8'>", "<title>T</title>", "<BODY>", "<base href='/'>"):
        assert looks_like_html(f"\n{start}<p>Halo</p>", "read.php?id=1"), start
    # Text that merely starts like an HTTP response or mentions a tag is no page, nor a text
    # dump under a title line: `<title>`, `<meta>` open a page only with markup after them.
    assert not looks_like_html("HTTP/1.1 200 OK\n\nPolisi menyebut <body> itu", "a.txt")
    assert not looks_like_html("Harga <meta> naik", "a.txt")
    assert not looks_like_html("<title>Polres Serahkan</title>\n\nJAKARTA - Polisi …", "a.txt")
    assert not looks_like_html("<!-- c -->\n" * 40 + "<script>", "page")
    # ... but a page without a doctype whose head is long before its body is one
    script = "<script>" + "var a = 1;\n" * 12_000 + "</script>"
    assert looks_like_html(f"<meta charset='utf-8'><title>T</title>{script}<body><p>x</p>", "x")
    assert looks_like_html("<title>T</title><table><tr><td>a</td></tr></table>", "x")


# What crawlers keep before a page's markup: an XML declaration (XHTML), the HTTP response's
# status line and headers (``wget --save-headers``), both.
_PREAMBLES = {
    "xml declaration": '<?xml version="1.0" encoding="UTF-8"?>\n',
    "http headers": "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nServer: x\r\n\r\n",
    "both": 'HTTP/1.0 200 OK\nContent-Length: 1\n\n<?xml version="1.0"?>\n',
    "a redirect's headers too": "HTTP/1.1 301 Moved\nLocation: /a\n\nHTTP/1.1 200 OK\nA: b\n\n",
}


@pytest.mark.parametrize("preamble", list(_PREAMBLES.values()), ids=list(_PREAMBLES))
@pytest.mark.parametrize("name", ["index.shtml", "read.php?id=6452000", "page"])
def test_a_page_under_any_name_is_read_as_html_after_what_a_crawler_kept_before_it(preamble, name):
    """It was read as a text dump: a tag for its title and markup for its paragraphs."""
    html = shared_path("corpora", "pages", "html", "detik-1.html").read_text("utf-8")
    saved = parse_page(preamble + html, ingest_date=date(2026, 11, 25), source_name=name)
    plain = parse_page(html, ingest_date=date(2026, 11, 25), source_name="detik-1.html")
    assert (saved.title, saved.layout, saved.url) == (plain.title, plain.layout, plain.url)
    assert saved.paragraphs[0].source_line == plain.paragraphs[0].source_line + preamble.count("\n")
    assert [p.text for p in saved.paragraphs] == [p.text for p in plain.paragraphs]
    assert not any("<" in p.text for p in saved.paragraphs)


def test_a_figcaption_in_the_body_is_no_paragraph_and_before_it_the_lead_caption():
    """Only a caption opening with ``Foto:`` was known as one by its words; a ``<figcaption>``
    is a caption whatever its words."""
    html = shared_path("corpora", "pages", "html", "detik-1.html").read_text("utf-8")
    anchor = "menyerupai pistol itu pada CE.\n                </p>"
    assert html.count(anchor) == 1
    figure = (
        '<figure class="image"><img src="x.jpg" alt="pistol"><figcaption>Warga melintas di '
        "lokasi kejadian di Cipulir, Jakarta Selatan, pada Sabtu siang tadi.</figcaption></figure>"
    )
    plain = parse_page(html, ingest_date=date(2026, 11, 25), source_name="a.html")
    figured = parse_page(
        html.replace(anchor, anchor + figure), ingest_date=date(2026, 11, 25), source_name="a.html"
    )
    assert [p.text for p in figured.paragraphs] == [p.text for p in plain.paragraphs]
    assert figured.image_caption == plain.image_caption  # the lead's, not this one
    # Left open, libxml2 nests the rest of the page in it: too large for a caption.
    unclosed = parse_page(
        html.replace(anchor, anchor + "<figcaption>Foto: ilustrasi"),
        ingest_date=date(2026, 11, 25),
        source_name="a.html",
    )
    assert len(unclosed.paragraphs) == len(plain.paragraphs)
    assert unclosed.paragraphs[-1].text == plain.paragraphs[-1].text

    body = "".join(
        f"<p>Paragraf {n} berita ini menjelaskan bahwa pemerintah daerah menyiapkan anggaran "
        "baru untuk perbaikan jalan dan warga diminta ikut mengawasi pelaksanaannya.</p>"
        for n in range(1, 5)
    )
    page = (
        "<html><body><h1>Anggaran Perbaikan Jalan Disiapkan</h1>"
        "<div>Senin, 23 November 2026 10:00 WIB</div>"
        "<figure><img src='a.jpg'><figcaption>Jalan berlubang di pusat kota.</figcaption></figure>"
        f"{body}</body></html>"
    )
    article = parse_page(page, ingest_date=date(2026, 11, 25), source_name="b.html")
    assert article.image_caption == "Jalan berlubang di pusat kota."
    assert [p.text[:10] for p in article.paragraphs] == [
        "Paragraf 1",
        "Paragraf 2",
        "Paragraf 3",
        "Paragraf 4",
    ]


def test_a_pre_element_gives_a_block_per_run_of_lines_between_blank_lines():
    """A body in ``<pre>``: one paragraph of it all, before; now one a paragraph, each on the
    line it starts on, as a text dump's."""
    paragraphs = [
        "Banjir merendam ratusan rumah di empat kelurahan di Kota Bekasi sejak Minggu malam "
        "setelah hujan deras.",
        "Petugas pemadam kebakaran dan relawan mengevakuasi warga yang terjebak di rumah mereka "
        "dengan perahu karet.",
        "Pemerintah kota menyiapkan posko pengungsian dan dapur umum di sejumlah kelurahan yang "
        "terdampak banjir.",
    ]
    wrapped = paragraphs[1].replace(" relawan ", "\nrelawan ")  # one line break in it
    html = (
        "<html><head><title>Banjir Rendam Ratusan Rumah di Bekasi</title></head><body>"
        "<h1>Banjir Rendam Ratusan Rumah di Bekasi</h1>\n<article><pre>"
        f"BEKASI - {paragraphs[0]}\n\n{wrapped}\n  \n"
        f"<b>{paragraphs[2]}</b>\n</pre></article></body></html>\n"
    )
    article = parse_page(html, ingest_date=date(2026, 11, 25), source_name="page.html")
    assert article.dateline == "BEKASI"
    assert [(p.source_line, p.text) for p in article.paragraphs] == [
        (2, paragraphs[0]),
        (4, paragraphs[1]),
        (7, paragraphs[2]),
    ]
