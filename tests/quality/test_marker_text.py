"""The check ``paragraphs_no_marker_text`` and the parser agree on what a glued marker is: what the
check would flag the parser cuts off, and prose that names an advertisement passes both."""

from __future__ import annotations

import duckdb
import pytest

from tests.conftest import put
from tests.parsing.test_glued_markers import NAMING_PROSE, glued_seed
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
]
NOT_GLUED = [
    *NAMING_PROSE,
    "Ia menolak tuduhan itu ADVERTISEMENT",
    "Ia menolak tuduhan itu. advertisement",
    "Advertisement Spending Rises",
    "Iklan rokok dilarang tayang di televisi sejak tahun lalu.",
    "Iklan Layanan Masyarakat itu tayang setiap malam.",  # opens prose: only IKLAN is cut
]


def flagged(texts: list[str]) -> list[str]:
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE paragraphs AS SELECT 'a' AS article_id, i AS paragraph_index, text "
        "FROM (SELECT unnest($texts) AS text, generate_subscripts($texts, 1) AS i)",
        {"texts": texts},
    )
    con.execute(
        "CREATE TABLE ad_markers AS SELECT 'b' AS article_id, 'Iklan' AS text, "
        "'advertisement' AS kind UNION ALL SELECT 'c', 'IKLAN', 'advertisement'"
    )
    rows = sql.relation(con, "checks/paragraphs_no_marker_text.sql").fetchall()
    return [texts[index - 1] for _, index, _ in sorted(rows)]


def test_the_check_flags_exactly_what_the_parser_cuts_off():
    assert flagged(GLUED + NOT_GLUED) == GLUED
    assert all(RULES.glued_markers(text) is not None for text in GLUED)
    assert all(RULES.glued_markers(text) is None for text in NOT_GLUED)


@pytest.mark.parametrize("text", GLUED)
def test_what_the_parser_keeps_of_a_glued_paragraph_passes_the_check(text):
    _, rest, _ = RULES.glued_markers(text)
    assert flagged([rest]) == []


def test_a_partition_with_glued_markers_passes_every_check(landing):
    land(landing, DAY, range(27), bad=2)
    put(landing, f"{DAY}/glued_seed.txt", glued_seed().encode())
    build_partition(landing, DAY)
    assert failures(landing) == set()
