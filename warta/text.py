"""Text normalisation shared by every table: NFC, collapsed whitespace, no edge spaces."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

# Invisible format characters that scrapers copy along with text.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def normalize_text(text: str) -> str:
    """``text`` in NFC, invisible characters removed, whitespace collapsed, edges stripped."""
    if not text.isascii():
        text = unicodedata.normalize("NFC", _INVISIBLE.sub("", text))
    # str.split() splits on every Unicode whitespace run (NBSP included) and drops the edges.
    return " ".join(text.split())


def normalize_lines(text: str) -> Iterator[str]:
    """``normalize_text`` of each of ``text.splitlines()``, lazily.

    NFC never composes across a line break, so without invisible characters (whose removal
    could join a CR to its LF) the whole text is composed at once and each line only has its
    whitespace collapsed, all in C.
    """
    if not text.isascii():
        if _INVISIBLE.search(text):
            return map(normalize_text, text.splitlines())
        text = unicodedata.normalize("NFC", text)
    return map(" ".join, map(str.split, text.splitlines()))


def counted(count: int, noun: str) -> str:
    """``count`` and ``noun`` for a message, the noun plural (with an ``s``) unless one."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def shortened(names: list[str], shown: int = 10) -> str:
    """``names`` for a message: all of them, or the first ``shown`` and how many more."""
    more = f" and {len(names) - shown} more" if len(names) > shown else ""
    return ", ".join(names[:shown]) + more
