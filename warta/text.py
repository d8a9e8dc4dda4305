"""Text normalisation shared by every table: NFC, collapsed whitespace, no edge spaces."""

from __future__ import annotations

import re
import unicodedata

# Invisible format characters that scrapers copy along with text.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def normalize_text(text: str) -> str:
    """``text`` in NFC, invisible characters removed, whitespace collapsed, edges stripped."""
    if not text.isascii():
        text = unicodedata.normalize("NFC", _INVISIBLE.sub("", text))
    # str.split() splits on every Unicode whitespace run (NBSP included) and drops the edges.
    return " ".join(text.split())


def word_count(text: str) -> int:
    """Number of whitespace-separated words in normalised ``text``."""
    return len(text.split())
