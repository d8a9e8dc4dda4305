"""Datelines: the source/place prefix of a news story's first paragraph.

``FAKTUAL-INDONESIA: Pernyataan…``, ``JAKARTA, KOMPAS.com - Presiden…``,
``Jakarta (ANTARA News) - Pemerintah…``, ``Jakarta - Polisi…``.
"""

from __future__ import annotations

import re

_SEPARATOR = r"\s*(?::|[-–—]{1,2})\s+"
_DATELINE = re.compile(
    "^(?P<dateline>"
    # ALL-CAPS place or source, optionally followed by ", Source.com" / ", detikNews"
    r"[A-Z][A-Z0-9.\-]+(?:\s[A-Z][A-Z0-9.\-]+){0,3}(?:,\s*[A-Za-z][\w.\-]*(?:\s[A-Z][\w.\-]*){0,2})?"
    # or a capitalised place with the source in brackets: "Jakarta (ANTARA News)"
    r"|[A-Z][a-z]+(?:\s[A-Z][a-z]+){0,2}\s*\([^()]{2,40}\)"
    # or a capitalised place (and source) before a spaced dash: "Jakarta - ", "Jakarta, detikNews -"
    r"|[A-Z][a-z]+(?:\s[A-Z][a-z]+){0,2}(?:,\s*[A-Za-z][\w.]+)?(?=\s+[-–—])"
    ")" + _SEPARATOR
)


def split_dateline(paragraph: str) -> tuple[str | None, str]:
    """``(dateline, rest)`` when ``paragraph`` opens with a dateline, else ``(None, paragraph)``."""
    match = _DATELINE.match(paragraph)
    if match is None or len(match["dateline"]) > 60:
        return None, paragraph
    rest = paragraph[match.end() :]
    if not rest or not (rest[0].isupper() or rest[0] in "\"“'‘(" or rest[0].isdigit()):
        return None, paragraph
    return match["dateline"].strip(), rest


def site_from_dateline(dateline: str) -> str:
    """The publisher a dateline names: ``JAKARTA, FAKTUAL-INDONESIA`` -> ``Faktual Indonesia``."""
    source = dateline.rsplit(",", 1)[-1].strip()
    source = re.sub(r"\.(?:com|co\.id|id|net|org)$", "", source, flags=re.IGNORECASE)
    source = source.replace("-", " ").replace("_", " ").strip()
    return source.title() if source.isupper() else source
