"""The check ``paragraphs_no_marker_text`` and the parser agree on what a glued marker is: what the
check would flag the parser cuts off, and prose that names an advertisement passes both."""

from __future__ import annotations

import duckdb
import pytest

from tests.conftest import put
from tests.parsing.test_glued_markers import NAMING_PROSE, doubled_seed, glued_seed
from warta import sql
from warta.markers import MarkerRules
from warta.partition import build_partition

from .conftest import DAY, failures, land

RULES = MarkerRules.build()

GLUED = [
    "Moskow membantah laporan itu pada saat itu. ADVERTISEMENT",
    "Moskow membantah laporan itu pada saat itu. Advertisement.",
    "Advertisement Setiap pergerakan senjata antara kedua negara akan melanggar sanksi PBB.",
    "ADVERTISEMENT “Kami tidak pernah mengekspor senjata,” kata dia.",
    "Ia menolak tuduhan itu.” SCROLL TO CONTINUE WITH CONTENT",
    "Ia menolak tuduhan itu (kata dia.) Lanjutkan Membaca",
    "Continue Reading 20 orang tewas dalam kecelakaan itu.",
    "Ia menolak tuduhan itu. Iklan",  # `Iklan` is a marker line elsewhere in the partition
    "IKLAN Layanan Masyarakat itu tayang setiap malam.",
    # two markers at one end: the parser cuts both, and the check flags the paragraph
    "Advertisement Advertisement Setiap pergerakan senjata antara kedua negara akan melanggar "
    "sanksi PBB.",
    "Moskow membantah laporan itu pada saat itu. Lanjutkan Membaca. ADVERTISEMENT",
    "ADVERTISEMENT Advertisement “Kami tidak pernah mengekspor senjata,” kata dia. Iklan. "
    "Lanjutkan Membaca",
    # marker lines elsewhere in the partition (MARKER_LINES), in one casing
    "Moskow membantah laporan itu pada saat itu. Scroll to continue with content",
    "Moskow membantah laporan itu pada saat itu. ADVERTISEMENT - SCROLL TO CONTINUE",
    "Moskow membantah laporan itu pada saat itu. Iklan - gulir untuk lanjut",
    "Tersangka itu kabur ketika hendak ditangkap. Lihat Selengkapnya",
    "SCROLL TO RESUME CONTENT PT PLN (Persero) memastikan pasokan aman, kata dia.",
    # a marker line ending with a colon (MARKER_LINES), glued at either end
    "Moskow membantah laporan itu pada saat itu. ADVERTISEMENT:",
    "ADVERTISEMENT: Setiap pergerakan senjata antara kedua negara akan melanggar sanksi PBB.",
    # ... or with a decoration after it (MARKER_LINES)
    "Moskow membantah laporan itu pada saat itu. Advertisement -",
    "Advertisement— Setiap pergerakan senjata antara kedua negara akan melanggar sanksi PBB.",
]
NOT_GLUED = [
    *NAMING_PROSE,
    "Ia menolak tuduhan itu ADVERTISEMENT",
    "Ia menolak tuduhan itu. advertisement",
    "Advertisement Spending Rises",
    "Iklan rokok dilarang tayang di televisi sejak tahun lalu.",
    "Iklan Layanan Masyarakat itu tayang setiap malam.",  # opens prose: only IKLAN is cut
    # marker lines elsewhere in the partition (MARKER_LINES), but not in one casing
    "Moskow membantah laporan itu pada saat itu. Scroll to Continue with Content",
    "Moskow membantah laporan itu pada saat itu. ADVERTISEMENT - Scroll to continue",
    "Moskow membantah laporan itu pada saat itu. Iklan - Gulir untuk Lanjut",
    # markers one after another at the end: the text before the last does not end a sentence
    "Moskow membantah laporan itu pada saat itu. ADVERTISEMENT ADVERTISEMENT",
]
# (text, kind) of marker lines elsewhere in the partition: the check draws glued forms from them.
MARKER_LINES = [
    ("Iklan", "advertisement"),
    ("IKLAN", "advertisement"),
    ("Scroll to Continue with Content", "scroll_prompt"),
    ("Scroll to continue with content", "scroll_prompt"),
    ("ADVERTISEMENT - Scroll to continue", "advertisement"),
    ("ADVERTISEMENT - SCROLL TO CONTINUE", "advertisement"),
    ("Iklan - Gulir untuk Lanjut", "advertisement"),
    ("Iklan - gulir untuk lanjut", "advertisement"),
    ("Lihat Selengkapnya", "read_more"),  # a detik page's marker line; every page's since
    ("SCROLL TO RESUME CONTENT", "scroll_prompt"),
    ("ADVERTISEMENT:", "advertisement"),
    ("Advertisement -", "advertisement"),
    ("Advertisement—", "advertisement"),
]
# Marker lines in other casings: the check takes one glued at a paragraph's end as the parser does.
CASINGS = [
    "Scroll to Continue with Content",
    "Scroll To Continue With Content",
    "Scroll to continue with content",
    "SCROLL TO CONTINUE WITH CONTENT",
    "SCROLL to continue with content",
    "Scroll TO CONTINUE WITH CONTENT",
    "Advertisement - Scroll To Continue",
    "ADVERTISEMENT - Scroll To Continue",
    "ADVERTISEMENT: scroll to continue",
    "Iklan - Gulir Untuk Lanjut",
    "Iklan – gulir untuk lanjut...",
    "Lanjutkan membaca",
    "Lanjutkan Membaca!",
    "LANJUTKAN Membaca",
    "LANJUTKAN membaca",
    "Lanjutkan MEMBACA",
    "Continue READING",
    "Baca Selengkapnya",
    "BACA SELENGKAPNYA.",
    "Read more",
    "ADVERTISEMENT:",
    "Iklan:",
]


def flagged(texts: list[str], marker_lines: list[tuple[str, str]] = MARKER_LINES) -> list[str]:
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE paragraphs AS SELECT 'a' AS article_id, i AS paragraph_index, text "
        "FROM (SELECT unnest($texts) AS text, generate_subscripts($texts, 1) AS i)",
        {"texts": texts},
    )
    con.execute(
        "CREATE TABLE ad_markers AS SELECT 'b' AS article_id, unnest($texts) AS text, "
        "unnest($kinds) AS kind",
        {"texts": [text for text, _ in marker_lines], "kinds": [kind for _, kind in marker_lines]},
    )
    rows = sql.relation(con, "checks/paragraphs_no_marker_text.sql").fetchall()
    return [texts[index - 1] for _, index, _ in sorted(rows)]


def test_the_check_flags_exactly_what_the_parser_cuts_off():
    assert flagged(GLUED + NOT_GLUED) == GLUED
    assert all(RULES.glued_markers(text) is not None for text in GLUED)
    assert all(RULES.glued_markers(text) is None for text in NOT_GLUED)


@pytest.mark.parametrize("text", GLUED)
def test_the_parser_finds_every_glued_paragraph_the_check_flags(text):
    """``unglue`` probes blocks cheaply before ``glued_markers``: a probe that missed a form
    (``ADVERTISEMENT:``) left it in the paragraph, and the blocking check failed the day."""
    from warta.article import Block

    assert len(RULES.unglue([Block(1, text)])) > 1


@pytest.mark.parametrize("text", GLUED)
def test_what_the_parser_keeps_of_a_glued_paragraph_passes_the_check(text):
    _, rest, _ = RULES.glued_markers(text)
    assert flagged([rest]) == []


@pytest.mark.parametrize("line", CASINGS)
def test_the_check_takes_a_marker_line_glued_at_the_end_as_the_parser_does(line):
    kind = RULES.kind_of(line)
    assert kind is not None
    text = f"Moskow membantah laporan itu pada saat itu. {line}"
    cut = RULES.glued_markers(text)
    assert flagged([text], [(line, kind)]) == ([text] if cut else [])
    if cut:
        assert cut == ((), "Moskow membantah laporan itu pada saat itu.", (line,))


@pytest.mark.parametrize("page", [glued_seed, doubled_seed])
def test_a_partition_with_glued_markers_passes_every_check(landing, page):
    land(landing, DAY, range(27), bad=2)
    put(landing, f"{DAY}/glued_seed.txt", page().encode())
    build_partition(landing, DAY)
    assert failures(landing) == set()
