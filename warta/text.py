"""Text normalisation shared by every table: NFC, collapsed whitespace, no edge spaces."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

# Invisible format characters that scrapers copy along with text: zero-width spaces and
# joiners, the byte order mark, soft hyphens, and the marks and controls of text direction
# (left-to-right and right-to-left marks, embeddings, overrides, isolates), which would stick
# to the first word of a line (a dateline ``\u200fBEKASI -`` no longer found).
_INVISIBLE = re.compile("[\u200b-\u200f\u2060\ufeff\u00ad\u061c\u202a-\u202e\u2066-\u2069]")


def normalize_text(text: str) -> str:
    """``text`` in NFC, invisible characters removed, whitespace collapsed, edges stripped."""
    if not text.isascii():
        text = unicodedata.normalize("NFC", _INVISIBLE.sub("", text))
    # str.split() splits on every Unicode whitespace run (NBSP included) and drops the edges.
    return " ".join(text.split())


def normalize_lines(text: str) -> Iterator[str]:
    """``normalize_text`` of each line of ``text``, lazily: lines end at CR, LF or CRLF only
    (a vertical tab, NEL, U+2028 and the like are whitespace within a line), so a block's line
    is the raw file's.

    NFC never composes across a line break, so without invisible characters (whose removal
    could join a CR to its LF) the whole text is composed at once and each line only has its
    whitespace collapsed, all in C.
    """
    if not text.isascii():
        if _INVISIBLE.search(text):
            return map(normalize_text, _lines(text))
        text = unicodedata.normalize("NFC", text)
    return map(" ".join, map(str.split, _lines(text)))


def _lines(text: str) -> list[str]:
    """The lines of ``text`` ended by CR, LF or CRLF, without the empty one after a last line
    end. ``str.splitlines`` also ends a line at a vertical tab, a form feed, the information
    separators, NEL and U+2028/U+2029; a raw file's lines are counted by CR, LF and CRLF alone
    (as an editor, ``sed -n`` or Python reading a file count them), so those stay in the line,
    where ``str.split`` takes them for whitespace. Three scans in C."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if not lines[-1]:
        lines.pop()
    return lines


def counted(count: int, noun: str) -> str:
    """``count`` and ``noun`` for a message, the noun plural (with an ``s``) unless one."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def shortened(names: list[str], shown: int = 10) -> str:
    """``names`` for a message: all of them, or the first ``shown`` and how many more."""
    more = f" and {len(names) - shown} more" if len(names) > shown else ""
    return ", ".join(names[:shown]) + more
