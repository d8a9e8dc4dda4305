"""Datelines: the source/place prefix of a news story's first paragraph.

``FAKTUAL-INDONESIA: Pernyataan…``, ``JAKARTA, KOMPAS.com - Presiden…``,
``Jakarta (ANTARA News) - Pemerintah…``, ``Mataram, NTB (ANTARA News) - …``, ``Jakarta - Polisi…``.
Some sites print the dateline as a block of its own (``Jakarta -``) before the first paragraph.
"""

from __future__ import annotations

import re

_SEPARATOR = r"\s*(?::|[-–—]{1,2})\s+"
_PLACE = r"[A-Z][a-z]+(?:\s[A-Z][a-z]+){0,2}(?:,\s*[A-Z][\w.]+(?:\s[A-Z][\w.]+)?)?"
_DATELINE = re.compile(
    "^(?P<dateline>"
    # ALL-CAPS place or source, optionally followed by ", Source.com" / ", detikNews"
    r"[A-Z][A-Z0-9.\-]+(?:\s[A-Z][A-Z0-9.\-]+){0,3}(?:,\s*[A-Za-z][\w.\-]*(?:\s[A-Z][\w.\-]*){0,2})?"
    # or a capitalised place (", Region") with the source in brackets: "Jakarta (ANTARA News)"
    rf"|{_PLACE}\s*\([^()]{{2,40}}\)"
    # or a capitalised place (and source) before a spaced dash: "Jakarta - ", "Jakarta, detikNews -"
    r"|[A-Z][a-z]+(?:\s[A-Z][a-z]+){0,2}(?:,\s*[A-Za-z][\w.]+(?:\s[A-Z][\w.]+){0,2})?"
    r"(?=\s+[-–—])"
    ")" + _SEPARATOR
)
# A dateline standing alone: "Jakarta -", "ISTANBUL, 23 Februari 2016 (Antara/PRNewswire) --".
_STANDALONE = re.compile(r"^(?P<dateline>[A-Z][^\s-][^\n]{0,70}?)\s*[-–—]{1,2}$")
_SOURCE_IN_BRACKETS = re.compile(r"\(([^()/]+?)(?:/[^()]*)?\)$")
# A source's web domain ending: ``KOMPAS.com``, ``REPUBLIKA.CO.ID``, ``TEMPO.CO``.
_WEB_DOMAIN = re.compile(r"\.(?:com|co\.id|co|id|net|org)$", re.IGNORECASE)


def split_dateline(paragraph: str) -> tuple[str | None, str]:
    """``(dateline, rest)`` when ``paragraph`` opens with a dateline, else ``(None, paragraph)``."""
    match = _DATELINE.match(paragraph)
    if match is None or len(match["dateline"]) > 60:
        return None, paragraph
    rest = paragraph[match.end() :]
    if not rest or not (rest[0].isupper() or rest[0] in "\"“'‘(" or rest[0].isdigit()):
        return None, paragraph
    return match["dateline"].strip(), rest


def standalone_dateline(block: str) -> str | None:
    """The dateline when ``block`` is nothing but a dateline ending in a dash (``Jakarta -``)."""
    if block.count(" ") > 8:
        return None
    match = _STANDALONE.match(block)
    return match["dateline"] if match else None


def site_from_dateline(dateline: str) -> str:
    """The publisher a dateline names: ``JAKARTA, FAKTUAL-INDONESIA`` -> ``Faktual Indonesia``."""
    source = _WEB_DOMAIN.sub("", dateline.rsplit(",", 1)[-1].strip())
    source = source.replace("-", " ").replace("_", " ").strip()
    return source.title() if source.isupper() else source


def source_of_dateline(dateline: str) -> str | None:
    """The publisher a dateline names, if it names one: ``Jakarta (ANTARA News)`` ->
    ``Antara News``, ``JAKARTA, KOMPAS.com`` -> ``Kompas``; None for a bare place."""
    bracketed = _SOURCE_IN_BRACKETS.search(dateline)
    if bracketed:
        words = _WEB_DOMAIN.sub("", bracketed[1].strip()).split()
        return " ".join(w.title() if w.isupper() and len(w) > 3 else w for w in words)
    if "," not in dateline:
        return None
    return site_from_dateline(dateline) or None
