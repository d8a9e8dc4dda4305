"""Normalising a page line by line: the whole-text fast path agrees with the per-line one."""

from __future__ import annotations

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


@pytest.mark.parametrize("text", TRICKY)
def test_lines_normalised_as_one_by_one(text):
    assert list(normalize_lines(text)) == [normalize_text(line) for line in text.splitlines()]


_CHARS = st.sampled_from(
    list("ab \t\r\n\x0b\x0c\x1c\x85\u2028\u00a0\u200b\u200d\u00ad\ufeffe\u0301\u0327\u1100\u1161")
)


@given(st.text(_CHARS, max_size=40))
def test_lines_normalised_as_one_by_one_for_any_text(text):
    assert list(normalize_lines(text)) == [normalize_text(line) for line in text.splitlines()]


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
