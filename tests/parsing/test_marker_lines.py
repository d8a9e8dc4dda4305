"""Marker lines as pages print them besides the plain label: a label printed twice
(``ADVERTISEMENT ADVERTISEMENT``) or letter by letter (``I K L A N``), and a widget's placeholder
(``Loading...``). Each is a marker of its kind, kept with its position, and never a paragraph;
the blocking check ``paragraphs_no_marker_text`` flags them if one ever became a paragraph."""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import SEED
from tests.parsing.test_glued_markers import rows
from tests.quality.test_marker_text import flagged
from tests.test_seed_parse import SEED_MARKERS, SEED_PARAGRAPHS
from warta.article import ParsedArticle
from warta.generic import extract_generic
from warta.markers import MarkerRules
from warta.parsing import parse_page, split_blocks

DAY = date(2026, 11, 25)
RULES = MarkerRules.build()
# The seed's marker lines 27, 39 and 51 (`Advertisement`, in the body) as other pages print them.
PRINTED = {27: "ADVERTISEMENT ADVERTISEMENT", 39: "A D V E R T I S E M E N T", 51: "Loading..."}


def printed_seed() -> str:
    lines = SEED.read_text("utf-8").split("\n")
    for line, text in PRINTED.items():
        assert lines[line - 1] == "Advertisement"
        lines[line - 1] = text
    return "\n".join(lines)


EXPECTED = [
    (27, "ADVERTISEMENT ADVERTISEMENT", "advertisement", "body", 4),
    (39, "A D V E R T I S E M E N T", "advertisement", "body", 9),
    (51, "Loading...", "embed", "body", 14),
    *SEED_MARKERS[3:],
]


def test_in_the_seed_layout():
    article = parse_page(printed_seed(), ingest_date=DAY)
    assert isinstance(article, ParsedArticle) and article.layout == "faktual"
    paragraphs, markers = rows(article)
    assert paragraphs == SEED_PARAGRAPHS
    assert markers == EXPECTED


def test_in_the_generic_extractor():
    article = extract_generic(split_blocks(printed_seed()), DAY)
    assert isinstance(article, ParsedArticle) and article.layout == "generic"
    paragraphs, markers = rows(article)
    *body, (line, last) = SEED_PARAGRAPHS  # without the layout's end marks, `***` stays
    assert paragraphs == [*body, (line, last + " ***")]
    assert markers == EXPECTED


def test_in_html():
    paragraphs = [text for _, text in SEED_PARAGRAPHS[:4]]
    html = (
        "<html><head><title>Korea Utara Membantah</title></head><body><article>"
        "<h1>Korea Utara Membantah dan Menolak Jual Senjata ke Rusia</h1>\n"
        f"<p>{paragraphs[0]}</p>\n<div class='ad'>IKLAN IKLAN</div>\n<p>{paragraphs[1]}</p>\n"
        f"<div class='widget'>Memuat…</div>\n<p>{paragraphs[2]}</p>\n<p>{paragraphs[3]}</p>\n"
        "</article></body></html>"
    )
    article = parse_page(html, ingest_date=DAY, source_name="page.html")
    got, markers = rows(article)
    assert [text for _, text in got] == paragraphs
    assert [(text, kind, zone, after) for _, text, kind, zone, after in markers] == [
        ("IKLAN IKLAN", "advertisement", "body", 0),
        ("Memuat…", "embed", "body", 1),
    ]


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("ADVERTISEMENT ADVERTISEMENT", "advertisement"),
        ("Advertisement Advertisement Advertisement", "advertisement"),
        ("ADVERTISEMENT Advertisement", "advertisement"),
        ("Advertisement Iklan", "advertisement"),
        ("Iklan Iklan", "advertisement"),
        ("A D V E R T I S E M E N T", "advertisement"),
        ("I K L A N", "advertisement"),
        ("S E L E N G K A P N Y A", "read_more"),
        ("Selengkapnya Selengkapnya", "read_more"),
        ("Loading...", "embed"),
        ("Loading…", "embed"),
        ("LOADING...", "embed"),
        ("Memuat...", "embed"),
        # not markers: prose, names, two markers of different kinds, a word alone
        ("Iklan Layanan Masyarakat", None),
        ("TNI AD", None),
        ("Advertisement Lanjutkan", None),
        ("A B C", None),
        ("A D", None),
        ("Loading", None),
        ("Memuat 50 penumpang, kapal itu berangkat pagi...", None),
        ("Jakarta Jakarta", None),
    ],
)
def test_kind_of(line, kind):
    assert RULES.kind_of(line) == kind


@pytest.mark.parametrize(
    "text",
    [
        "ADVERTISEMENT ADVERTISEMENT",
        "Iklan Advertisement iklan",
        "A D V E R T I S E M E N T",
        "I K L A N",
    ],
)
def test_the_check_flags_such_a_line_as_a_paragraph(text):
    assert RULES.kind_of(text) == "advertisement"
    assert flagged([text], []) == [text]


@pytest.mark.parametrize(
    "text", ["Iklan Layanan Masyarakat", "A D V E R T I S E", "Advertisement Spending Rises"]
)
def test_the_check_passes_prose(text):
    assert RULES.kind_of(text) is None
    assert flagged([text], []) == []


@pytest.mark.parametrize("copies", [5, 11, 15])
def test_a_label_printed_many_times_is_one_marker_and_the_check_agrees(copies):
    """Five copies (69 characters) were a paragraph, which the check flagged: the day failed
    its blocking checks. The parser and the check both stop at 200 characters."""
    line = " ".join(["ADVERTISEMENT"] * copies)
    assert RULES.kind_of(line) == ("advertisement" if len(line) <= 200 else None)
    assert flagged([line], []) == ([line] if len(line) <= 200 else [])
