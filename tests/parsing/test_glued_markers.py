"""A marker glued onto a paragraph (a lost line break: ``… pada saat itu. ADVERTISEMENT``) is cut
off into ``ad_markers``; the paragraph keeps the rest, and prose that names an advertisement
keeps its words."""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import SEED
from tests.parsing.conftest import FIXTURES
from tests.test_seed_parse import SEED_MARKERS, SEED_PARAGRAPHS
from warta.article import ParsedArticle
from warta.generic import extract_generic
from warta.markers import MarkerRules
from warta.parsing import parse_page, split_blocks

DAY = date(2026, 11, 25)
RULES = MarkerRules.build()


def edit(text: str, line: int, *, before: str = "", after: str = "") -> str:
    """``text`` with ``before``/``after`` glued onto its 1-based line ``line``."""
    lines = text.split("\n")
    assert lines[line - 1], f"line {line} is blank"
    lines[line - 1] = before + lines[line - 1] + after
    return "\n".join(lines)


def glued_seed() -> str:
    text = SEED.read_text("utf-8")
    text = edit(text, 17, before="Advertisement ")  # before the dateline of the first paragraph
    text = edit(text, 31, after=" ADVERTISEMENT")  # `Moskow membantah laporan itu pada saat itu.`
    text = edit(text, 33, before="Advertisement ")  # `Setiap pergerakan senjata …`
    return text


def doubled_seed() -> str:
    """The seed with two markers glued at each place ``glued_seed`` glues one."""
    text = SEED.read_text("utf-8")
    text = edit(text, 17, before="ADVERTISEMENT Advertisement ")
    text = edit(text, 31, after=" Lanjutkan Membaca. ADVERTISEMENT")
    text = edit(text, 33, before="Advertisement Advertisement ")
    return text


def rows(article: ParsedArticle) -> tuple[list[tuple], list[tuple]]:
    paragraphs = [(p.source_line, p.text) for p in article.paragraphs]
    assert [p.index for p in article.paragraphs] == list(range(len(paragraphs)))
    markers = [
        (m.source_line, m.text, m.kind, m.zone, m.after_paragraph_index) for m in article.ad_markers
    ]
    assert [m.index for m in article.ad_markers] == list(range(len(markers)))
    return paragraphs, markers


# The seed's markers with the three glued ones in document order.
GLUED_SEED_MARKERS = [
    (17, "Advertisement", "advertisement", "header", -1),
    SEED_MARKERS[0],  # line 27, after paragraph 4
    (31, "ADVERTISEMENT", "advertisement", "body", 6),
    (33, "Advertisement", "advertisement", "body", 6),
    *SEED_MARKERS[1:],
]


def test_glued_markers_in_the_generic_extractor_on_the_seed():
    # Not the header marker of line 17: on this page the generic header reader then takes the
    # lead caption for the title, as it does with an `Advertisement` line of its own there.
    text = edit(SEED.read_text("utf-8"), 31, after=" ADVERTISEMENT")
    text = edit(text, 33, before="Advertisement ")
    article = extract_generic(split_blocks(text), DAY)
    assert isinstance(article, ParsedArticle) and article.layout == "generic"
    assert article.title.startswith("Korea Utara Membantah dan Menolak Jual Senjata ke Rusia")
    paragraphs, markers = rows(article)
    # without the layout's end marks the last paragraph keeps its `***`, as on the plain seed
    *body, (line, last) = SEED_PARAGRAPHS
    assert paragraphs == [*body, (line, last + " ***")]
    assert markers == GLUED_SEED_MARKERS[1:]


# Two markers glued at each of three places: each is cut, in document order, with the zone and
# `after_paragraph_index` of its place, as a single glued marker is.
DOUBLED_SEED_MARKERS = [
    (17, "ADVERTISEMENT", "advertisement", "header", -1),
    (17, "Advertisement", "advertisement", "header", -1),
    SEED_MARKERS[0],  # line 27, after paragraph 4
    (31, "Lanjutkan Membaca.", "read_more", "body", 6),
    (31, "ADVERTISEMENT", "advertisement", "body", 6),
    (33, "Advertisement", "advertisement", "body", 6),
    (33, "Advertisement", "advertisement", "body", 6),
    *SEED_MARKERS[1:],
]


@pytest.mark.parametrize(
    ("page", "expected"),
    [(glued_seed, GLUED_SEED_MARKERS), (doubled_seed, DOUBLED_SEED_MARKERS)],
    ids=["one glued marker a place", "two glued markers a place"],
)
def test_glued_markers_in_the_seed_layout(page, expected):
    article = parse_page(page(), ingest_date=DAY)
    assert isinstance(article, ParsedArticle) and article.layout == "faktual"
    assert article.dateline == "FAKTUAL-INDONESIA"
    paragraphs, markers = rows(article)
    assert paragraphs == SEED_PARAGRAPHS  # the seed's paragraphs exactly, the markers cut off
    assert paragraphs[6:8] == [
        (31, "Moskow membantah laporan itu pada saat itu."),
        (33, "Setiap pergerakan senjata antara kedua negara akan melanggar sanksi PBB."),
    ]
    assert markers == expected


GENERIC_PARAGRAPHS = [
    (
        21,
        "Pemerintah menambah anggaran subsidi pupuk untuk petani pada tahun depan agar harga "
        "pupuk tetap terjangkau di tengah kenaikan harga bahan baku.",
    ),
    (
        23,
        "Menurut Menteri Pertanian, tambahan anggaran itu akan diberikan kepada petani yang "
        "terdaftar dalam sistem elektronik dan memiliki lahan kurang dari dua hektare.",
    ),
    (
        29,
        '"Kami ingin memastikan petani tidak kesulitan mendapatkan pupuk saat musim tanam tiba," '
        "kata Menteri dalam keterangan pers di Jakarta, Sabtu.",
    ),
    (
        33,
        "Ia menambahkan bahwa pemerintah juga akan memperketat pengawasan distribusi pupuk agar "
        "tidak terjadi penimbunan oleh oknum tertentu.",
    ),
]
GENERIC_MARKERS = [
    (25, "ADVERTISEMENT", "advertisement", "body", 1),
    (27, "SCROLL TO RESUME CONTENT", "scroll_prompt", "body", 1),
    (31, "Baca juga: Harga Gabah Naik, Petani Sambut Gembira", "related_link", "body", 2),
    (35, "Share 0 Tweet 0", "share_buttons", "trailer", 3),
]


def test_the_generic_page_without_glued_markers():
    article = parse_page((FIXTURES / "generic-article.txt").read_text("utf-8"), ingest_date=DAY)
    assert article.layout == "generic"
    assert rows(article) == (GENERIC_PARAGRAPHS, GENERIC_MARKERS)


@pytest.mark.parametrize(
    ("header", "body", "trailer"),
    [
        # before `Jakarta, Kabar Contoh - …`; a body paragraph's end; the last paragraph's end
        (["ADVERTISEMENT"], ["Lanjutkan Membaca"], ["Advertisement."]),
        (
            ["ADVERTISEMENT", "Advertisement"],
            ["Lanjutkan Membaca.", "ADVERTISEMENT"],
            ["Lanjutkan Membaca.", "Advertisement."],
        ),
    ],
    ids=["single", "doubled"],
)
def test_glued_markers_in_the_generic_extractor(header, body, trailer):
    text = (FIXTURES / "generic-article.txt").read_text("utf-8")
    text = edit(text, 21, before=" ".join(header) + " ")
    text = edit(text, 29, after=" " + " ".join(body))
    text = edit(text, 33, after=" " + " ".join(trailer))
    article = parse_page(text, ingest_date=DAY)
    assert article.layout == "generic" and article.dateline == "Jakarta, Kabar Contoh"
    paragraphs, markers = rows(article)
    assert paragraphs == GENERIC_PARAGRAPHS

    def kind(marker: str) -> str:
        return "read_more" if marker.startswith("Lanjutkan") else "advertisement"

    assert markers == [
        *[(21, marker, kind(marker), "header", -1) for marker in header],
        *GENERIC_MARKERS[:2],
        *[(29, marker, kind(marker), "body", 2) for marker in body],
        GENERIC_MARKERS[2],
        *[(33, marker, kind(marker), "trailer", 3) for marker in trailer],
        GENERIC_MARKERS[3],
    ]


def test_glued_marker_in_html():
    paragraphs = [text for _, text in GENERIC_PARAGRAPHS]
    html = (
        "<html><head><title>Pemerintah Tambah Anggaran Subsidi Pupuk untuk Petani</title></head>"
        "<body><article><h1>Pemerintah Tambah Anggaran Subsidi Pupuk untuk Petani</h1>\n"
        "<p>Sabtu, 26 November 2022 10:00 WIB</p>\n"
        f"<p>{paragraphs[0]} <span class='ad'>ADVERTISEMENT</span></p>\n"
        f"<p>{paragraphs[1]}</p>\n<p>{paragraphs[2]}</p>\n<p>{paragraphs[3]}</p>\n"
        "</article></body></html>"
    )
    article = parse_page(html, ingest_date=DAY, source_name="page.html")
    got, markers = rows(article)
    assert [text for _, text in got] == paragraphs
    assert markers == [(got[0][0], "ADVERTISEMENT", "advertisement", "body", 0)]


# Prose that names an advertisement: the word inside a sentence, or at the start or end of a
# block but not standing apart from the sentence (`AD` is also an abbreviation: `TNI AD`).
NAMING_PROSE = [
    "Perusahaan itu memasang ADVERTISEMENT di televisi nasional sejak awal tahun ini, kata dia.",
    "Iklan itu disebut advertisement dalam bahasa Inggris oleh para pengiklan asing di sana.",
    "Kata dia, pendapatan iklan naik tajam tahun ini karena banyak yang membeli Advertisement.",
    "Advertisement revenue rose five percent last year as brands returned to print, she said.",
    "Pasukan TNI AD dikerahkan ke lokasi bencana pada hari Sabtu untuk membantu warga. AD",
]


def test_prose_naming_an_advertisement_keeps_its_words_in_the_generic_extractor():
    text = (FIXTURES / "generic-article.txt").read_text("utf-8")
    for (_, paragraph), prose in zip(GENERIC_PARAGRAPHS, NAMING_PROSE[:4], strict=True):
        text = text.replace(paragraph, prose)
    article = parse_page(text, ingest_date=DAY)
    paragraphs, markers = rows(article)
    lines = [line for line, _ in GENERIC_PARAGRAPHS]
    assert paragraphs == list(zip(lines, NAMING_PROSE[:4], strict=True))
    assert markers == GENERIC_MARKERS


def test_prose_naming_an_advertisement_keeps_its_words_in_the_seed_layout():
    text = SEED.read_text("utf-8")
    replaced = {
        31: "Moskow membantah laporan itu pada saat itu.",
        33: "Setiap pergerakan senjata antara kedua negara akan melanggar sanksi PBB.",
        35: SEED_PARAGRAPHS[8][1],
    }
    prose = {31: NAMING_PROSE[0], 33: NAMING_PROSE[3], 35: NAMING_PROSE[4]}
    for line, paragraph in replaced.items():
        text = text.replace(paragraph, prose[line])
    article = parse_page(text, ingest_date=DAY)
    paragraphs, markers = rows(article)
    assert paragraphs[6:9] == [(line, prose[line]) for line in (31, 33, 35)]
    assert paragraphs[:6] + paragraphs[9:] == SEED_PARAGRAPHS[:6] + SEED_PARAGRAPHS[9:]
    assert markers == SEED_MARKERS


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Moskow membantah. ADVERTISEMENT", ((), "Moskow membantah.", ("ADVERTISEMENT",))),
        ("Advertisement Setiap hari.", (("Advertisement",), "Setiap hari.", ())),
        (
            "ADVERTISEMENT “Kami menolak,” kata dia.",
            (("ADVERTISEMENT",), "“Kami menolak,” kata dia.", ()),
        ),
        (
            "Advertisement 20 orang tewas. IKLAN",
            (("Advertisement",), "20 orang tewas.", ("IKLAN",)),
        ),
        (
            "Ia menolak.” SCROLL TO CONTINUE WITH CONTENT",
            ((), "Ia menolak.”", ("SCROLL TO CONTINUE WITH CONTENT",)),
        ),
        ("Ia menolak. Lanjutkan Membaca", ((), "Ia menolak.", ("Lanjutkan Membaca",))),
        (
            "Ia menolak. ADVERTISEMENT SCROLL TO CONTINUE WITH CONTENT",
            ((), "Ia menolak.", ("ADVERTISEMENT SCROLL TO CONTINUE WITH CONTENT",)),
        ),
        # the open end of the scroll prompt does not take in the next sentence's first word
        (
            "SCROLL TO RESUME CONTENT Presiden menolak, kata dia.",
            (("SCROLL TO RESUME CONTENT",), "Presiden menolak, kata dia.", ()),
        ),
        # several markers at one end are all cut, each on its own, in document order
        (
            "Advertisement Advertisement Setiap hari.",
            (("Advertisement", "Advertisement"), "Setiap hari.", ()),
        ),
        (
            "Ia menolak. Lanjutkan Membaca. ADVERTISEMENT",
            ((), "Ia menolak.", ("Lanjutkan Membaca.", "ADVERTISEMENT")),
        ),
        (
            "IKLAN Advertisement “Kami menolak,” kata dia. Iklan. Lanjutkan Membaca. ADVERTISEMENT",
            (
                ("IKLAN", "Advertisement"),
                "“Kami menolak,” kata dia.",
                ("Iklan.", "Lanjutkan Membaca.", "ADVERTISEMENT"),
            ),
        ),
        # the text before a glued marker at the end must end a sentence, a marker's words too
        ("Ia menolak. ADVERTISEMENT ADVERTISEMENT", None),
        ("Lanjutkan Membaca. ADVERTISEMENT", ((), "Lanjutkan Membaca.", ("ADVERTISEMENT",))),
        # a prompt runs on only with its own words: the sentence after it is never taken in
        ("SCROLL TO RESUME CONTENT Presiden Joko Widodo menolak", None),  # no sentence end
        (
            "SCROLL TO RESUME CONTENT PT PLN (Persero) memastikan pasokan aman, kata dia.",
            (
                ("SCROLL TO RESUME CONTENT",),
                "PT PLN (Persero) memastikan pasokan aman, kata dia.",
                (),
            ),
        ),
        (
            "SCROLL TO RESUME CONTENT TNI AD dikerahkan ke lokasi, kata dia.",
            (("SCROLL TO RESUME CONTENT",), "TNI AD dikerahkan ke lokasi, kata dia.", ()),
        ),
        (
            "Iklan - gulir untuk lanjut Presiden menolak rencana itu.",
            (("Iklan - gulir untuk lanjut",), "Presiden menolak rencana itu.", ()),
        ),
        ("Ia ditangkap. Lihat Selengkapnya", ((), "Ia ditangkap.", ("Lihat Selengkapnya",))),
        ("Ia menolak. Baca juga: Berita lain", None),  # runs to the end of the line: not cut
        ("Ia menolak. advertisement", None),  # not written as a marker line is
        ("Ia menolak. Scroll to Continue with Content", None),  # nor in one casing
        ("Ia menolak. ADVERTISEMENT - Scroll to continue", None),
        ("Ia menolak. Iklan - Gulir untuk Lanjut", None),
        (
            "Ia menolak. Iklan - gulir untuk lanjut",
            ((), "Ia menolak.", ("Iklan - gulir untuk lanjut",)),
        ),
        ("Ia menolak ADVERTISEMENT", None),  # no sentence ends before it
        ("Advertisement revenue rose.", None),  # no sentence starts after it
        ("Advertisement Spending Rises", None),  # a headline: no sentence ends it
        ("Ia bertugas di TNI. AD", None),  # AD, ADS: abbreviations too
        # a marker word that also opens prose is cut at the start only in capitals
        ("Iklan Layanan Masyarakat itu tayang setiap malam.", None),
        ("Selengkapnya Presiden menjelaskan rencana itu.", None),
        (
            "IKLAN Layanan Masyarakat itu tayang.",
            (("IKLAN",), "Layanan Masyarakat itu tayang.", ()),
        ),
        ("Ia menolak. Iklan", ((), "Ia menolak.", ("Iklan",))),
        ("ADVERTISEMENT", None),  # a marker line, kept whole
    ],
)
def test_glued_markers_rule(text, expected):
    assert RULES.glued_markers(text) == expected


@pytest.mark.parametrize(
    "prompt",
    [
        "ADVERTISEMENT SCROLL TO CONTINUE WITH CONTENT",
        "SCROLL TO CONTINUE WITH CONTENT",
        "Iklan - Gulir untuk lanjut",
    ],
)
def test_a_prompt_glued_before_an_unpunctuated_paragraph_never_swallows_it(prompt):
    """A run-on prompt pattern used to match a whole paragraph glued after it, which then went
    to ad_markers; now the paragraph stays (its end lacks the sentence end a cut needs)."""
    base = parse_page(SEED.read_text("utf-8"), ingest_date=DAY)
    line, paragraph = SEED_PARAGRAPHS[6]
    text = edit(SEED.read_text("utf-8"), line, before=prompt + " ")
    article = parse_page(text.replace(paragraph, paragraph.rstrip(".")), ingest_date=DAY)
    assert len(article.paragraphs) == len(base.paragraphs)
    assert article.paragraphs[6].text == f"{prompt} {paragraph.rstrip('.')}"
    assert [m.text for m in article.ad_markers] == [m.text for m in base.ad_markers]


def test_markers_exposed_by_taking_off_the_dateline_or_the_end_mark_are_cut():
    """``FAKTUAL-INDONESIA: ADVERTISEMENT Pernyataan …`` and ``… dengan Moskow. Advertisement
    ***``: the dateline and the end mark come off after the blocks are unglued; the markers they
    hid go to the header and the trailer, and the article is the seed's."""
    seed = SEED.read_text("utf-8")
    base = parse_page(seed, ingest_date=DAY)
    text = seed.replace(
        "FAKTUAL-INDONESIA: Pernyataan", "FAKTUAL-INDONESIA: ADVERTISEMENT Pernyataan"
    )
    text = text.replace("dengan Moskow. ***", "dengan Moskow. Advertisement ***")
    article = parse_page(text, ingest_date=DAY)
    paragraphs, markers = rows(article)
    assert paragraphs == SEED_PARAGRAPHS and article.content_sha256 == base.content_sha256
    assert article.dateline == base.dateline
    assert markers == [
        (17, "ADVERTISEMENT", "advertisement", "header", -1),
        *SEED_MARKERS[:3],
        (59, "Advertisement", "advertisement", "trailer", 18),
        *SEED_MARKERS[3:],
    ]


def test_a_marker_at_the_last_paragraphs_start_exposed_by_its_end_mark_is_in_the_body():
    """``ADVERTISEMENT Korut … Moskow. ***``: the end mark hid the sentence end the cut needs;
    once it is off, the marker sits between the last two paragraphs, in the body."""
    line = SEED_PARAGRAPHS[-1][0]
    article = parse_page(
        edit(SEED.read_text("utf-8"), line, before="ADVERTISEMENT "), ingest_date=DAY
    )
    paragraphs, markers = rows(article)
    assert paragraphs == SEED_PARAGRAPHS
    assert markers == [
        *SEED_MARKERS[:3],
        (line, "ADVERTISEMENT", "advertisement", "body", len(SEED_PARAGRAPHS) - 2),
        *SEED_MARKERS[3:],
    ]


def _small_page(first: str, last: str) -> str:
    """A short page in the seed's layout whose first and last body lines are given."""
    return (
        "Connect with us\n\nNasional\n\nBanjir Rendam Ratusan Rumah di Pinggiran Kota\n\n"
        "Rina Kusuma\n\nDiterbitkan\n\npada\n\n22 September 2022\n\n"
        f"{first}\n\nPetugas gabungan mengevakuasi warga lanjut usia dan anak-anak ke tempat "
        f"pengungsian sementara di gedung sekolah.\n\n{last}\n"
    )


PROSE = "Pemerintah kota menyatakan bantuan makanan sudah disalurkan sejak pagi."
MIDDLE = (
    17,
    "Petugas gabungan mengevakuasi warga lanjut usia dan anak-anak ke tempat pengungsian "
    "sementara di gedung sekolah.",
)


@pytest.mark.parametrize(
    ("first", "last", "paragraphs", "markers"),
    [
        # the dateline's line held only a marker: the dateline came off, the marker is left
        (
            "JAKARTA, WARTA-NUSANTARA: ADVERTISEMENT",
            PROSE,
            [MIDDLE, (19, PROSE)],
            [(15, "ADVERTISEMENT", "advertisement", "header", -1)],
        ),
        (
            "JAKARTA, WARTA-NUSANTARA: Advertisement ADVERTISEMENT.",
            PROSE,
            [MIDDLE, (19, PROSE)],
            [
                (15, "Advertisement", "advertisement", "header", -1),
                (15, "ADVERTISEMENT.", "advertisement", "header", -1),
            ],
        ),
        # the last line held a marker and the end mark: a marker in the trailer
        (
            f"JAKARTA, WARTA-NUSANTARA: {PROSE}",
            "Lanjutkan Membaca ***",
            [(15, PROSE), MIDDLE],
            [(19, "Lanjutkan Membaca", "read_more", "trailer", 1)],
        ),
        (
            f"JAKARTA, WARTA-NUSANTARA: {PROSE}",
            "ADVERTISEMENT ***",
            [(15, PROSE), MIDDLE],
            [(19, "ADVERTISEMENT", "advertisement", "trailer", 1)],
        ),
    ],
)
def test_a_first_or_last_paragraph_left_as_a_whole_marker_becomes_a_marker(
    first, last, paragraphs, markers
):
    """Cutting the dateline or the end mark off can leave nothing but a marker line: it is a
    marker, never a paragraph (a paragraph that is a marker fails a blocking check and would
    keep the whole day out of the warehouse)."""
    article = parse_page(_small_page(first, last), ingest_date=DAY)
    assert rows(article) == (paragraphs, markers)


def test_a_page_whose_only_paragraph_is_a_marker_once_its_dateline_is_off_has_no_body():
    page = "Connect with us\n\nNasional\n\nBanjir Rendam Ratusan Rumah\n\nRina Kusuma\n\n"
    page += "JAKARTA, WARTA-NUSANTARA: ADVERTISEMENT\n"
    assert parse_page(page, ingest_date=DAY).reason == "no article body found"
