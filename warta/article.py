"""The parsed shape of one article, before it is split into table rows."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple

# The fixed texts of ``parse_warnings`` (docs/EXTRACTION.md lists every warning).
RELATIVE_DATE = "publication date is relative; resolved against the ingest date"
RELATIVE_DATE_OUT_OF_RANGE = "relative publication date out of range"
LABEL_WITHOUT_DATE = "published label without a date"
DATE_FROM_METADATA = "publication date taken from page metadata"
REPAIRED_MOJIBAKE = "repaired mojibake"
# libxml2 reads an HTML page up to 2048 nested elements (``warta.html.MAX_DEPTH``) and stops
# there: an article found before that point is kept, with this warning.
HTML_TOO_DEEP = "HTML nested too deeply (over 2048 elements): the page was read up to there"


def unreadable_date_warning(text: str) -> str:
    """The warning for a date the page prints (or its metadata holds) that is no date."""
    return f"publication date {text!r} is no valid date"


class Block(NamedTuple):
    """One non-empty line (text dumps) or block element (HTML) of a page, normalised.

    A named tuple: pages have dozens of blocks and a tuple is the cheapest record to build.
    """

    line: int  # 1-based line of the raw file
    text: str


@dataclass(frozen=True, slots=True)
class Paragraph:
    index: int
    text: str
    source_line: int

    @property
    def char_count(self) -> int:
        return len(self.text)

    @property
    def word_count(self) -> int:
        """Words of the (normalised, single-spaced, never empty) text: its spaces plus one."""
        return self.text.count(" ") + 1


@dataclass(frozen=True, slots=True)
class AdMarker:
    index: int
    source_line: int
    text: str
    kind: str
    zone: str  # "header" | "body" | "trailer"
    after_paragraph_index: int  # -1 before the first paragraph


def renumbered(markers: list[AdMarker]) -> list[AdMarker]:
    """``markers`` with ``index`` 0, 1, … in the order given (their document order)."""
    return [
        AdMarker(i, m.source_line, m.text, m.kind, m.zone, m.after_paragraph_index)
        for i, m in enumerate(markers)
    ]


@dataclass(slots=True)
class ParsedArticle:
    """Everything Warta reads from one page. Row-level tables derive from it."""

    title: str
    paragraphs: list[Paragraph]
    ad_markers: list[AdMarker]
    layout: str
    site: str | None = None
    dateline: str | None = None
    section: str | None = None
    author: str | None = None
    published_at: datetime | None = None
    published_text: str | None = None
    # whether the page gave a time of day with the date (False: a date alone, at midnight, or
    # a relative date); None without a publication date
    published_has_time: bool | None = None
    image_caption: str | None = None
    language: str | None = None
    url: str | None = None  # the page's own address, from HTML metadata
    warnings: list[str] = field(default_factory=list)

    @property
    def content_sha256(self) -> str:
        """SHA-256 of the title and body paragraphs, newline-joined: the article's identity."""
        content = "\n".join([self.title, *(p.text for p in self.paragraphs)])
        return hashlib.sha256(content.encode("utf-8")).hexdigest()

    @property
    def article_id(self) -> str:
        return self.content_sha256[:16]

    @property
    def body(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)
