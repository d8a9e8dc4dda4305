"""Normalising a page line by line: the whole-text fast path agrees with the per-line one."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from warta.text import counted, normalize_lines, normalize_text

TRICKY = [
    "plain ascii\r\nsecond  line\n\n   \nthird",
    "caf\u0065\u0301 at the start\n\u0301combining mark opening a line",
    "soft\u00adhyphen and zero\u200bwidth\r\u200b\nCR, invisible, LF",
    "nbsp\u00a0inside\u2028line separator\x85next line\u2029paragraph separator",
    "\ufeffbom at the start\n\u200b\n\u00a0\u00a0\n end",
    "Hangul \u1100\u1161 jamo\nÅngström \u212b sign",
]


def _lines(text: str) -> list[str]:
    """The lines of ``text`` as a raw file has them: ended by CR, LF or CRLF only."""
    lines = re.split(r"\r\n|\r|\n", text)
    return lines[:-1] if lines[-1] == "" else lines  # no line after the last line end


def _one_by_one(text: str) -> list[str]:
    return [normalize_text(line) for line in _lines(text)]


@pytest.mark.parametrize("text", TRICKY)
def test_lines_normalised_as_one_by_one(text):
    assert list(normalize_lines(text)) == _one_by_one(text)


_CHARS = st.sampled_from(
    list("ab \t\r\n\x0b\x0c\x1c\x85\u2028\u00a0\u200b\u200d\u00ad\ufeffe\u0301\u0327\u1100\u1161")
)


@given(st.text(_CHARS, max_size=40))
def test_lines_normalised_as_one_by_one_for_any_text(text):
    assert list(normalize_lines(text)) == _one_by_one(text)


@pytest.mark.parametrize(
    ("count", "said"), [(0, "0 files"), (1, "1 file"), (2, "2 files"), (11, "11 files")]
)
def test_counted_is_singular_for_one_only(count, said):
    assert counted(count, "file") == said


@pytest.mark.parametrize("invisible", ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"])
def test_invisible_characters_copied_from_a_page_are_removed(invisible):
    """A soft hyphen or a zero-width space inside a word would split the word for search,
    entities and counts: the word is kept whole, in a line and in a page."""
    assert normalize_text(f"pe{invisible}merintah daerah") == "pemerintah daerah"
    assert list(normalize_lines(f"Ber{invisible}ita\npe{invisible}merintah")) == [
        "Berita",
        "pemerintah",
    ]


@pytest.mark.parametrize("separator", ["\x0b", "\x0c", "\x1c", "\x85", "\u2028", "\u2029"])
def test_only_cr_and_lf_end_a_line(separator):
    """A vertical tab, a form feed, NEL or a Unicode line separator inside a line is a space:
    splitting there cut a paragraph in two, and every later block's line was one too high."""
    text = f"Judul\n\nPedagang menyebut pasokan{separator}berkurang.\n\nPenutup."
    assert list(normalize_lines(text)) == [
        "Judul",
        "",
        "Pedagang menyebut pasokan berkurang.",
        "",
        "Penutup.",
    ]


@pytest.mark.parametrize(
    "mark",
    ["\u200e", "\u200f", "\u061c", "\u202a", "\u202b", "\u202c", "\u202e", "\u2066", "\u2069"],
)
def test_marks_of_text_direction_are_removed(mark):
    """A right-to-left mark before a dateline kept it from being found, and made two copies of
    one article two articles."""
    assert normalize_text(f"{mark}BEKASI - Banjir{mark} merendam") == "BEKASI - Banjir merendam"
    assert list(normalize_lines(f"{mark}Judul\n{mark}BEKASI - Banjir")) == [
        "Judul",
        "BEKASI - Banjir",
    ]
