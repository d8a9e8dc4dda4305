"""The header of an article page, read backwards from the body: the date nearest the body, the
headline that precedes the byline or date and shares words with the body, the byline, the
section crumb and the lead caption; HTML metadata is strong evidence when the page has it.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date, datetime

from warta.article import (
    DATE_FROM_METADATA,
    RELATIVE_DATE,
    RELATIVE_DATE_OUT_OF_RANGE,
    Block,
    unreadable_date_warning,
)
from warta.datelines import standalone_dateline
from warta.dates import (
    is_relative_date,
    parse_absolute_date,
    parse_relative_date,
    read_meta_date,
    read_printed_date,
    unreadable_meta_date,
)
from warta.html import PageMeta
from warta.markers import MarkerRules
from warta.text import normalize_text

# How far before the body the header (title, byline, date, caption) is looked for.
_HEADER_WINDOW = 15
# Blocks that close an article: reporter initials ``(mea/mea)``, credits, copyright lines.
END_LINE = re.compile(
    r"\((?:[a-z]{2,5}/)+[a-z]{2,5}\)|(?:editor|penulis|pewarta|reporter|redaktur|penyunting)"
    r"\b(?:\s*:.*)?|(?:copyright|hak cipta)\b.*|©.*",
    re.IGNORECASE,
)
_BYLINE = re.compile(
    r"(?:oleh|by|penulis|pewarta|reporter|author|ditulis oleh)\s*:?\s+(?P<a>[^:|]{3,60})"
    r"|(?P<b>[A-Z][\w'.]*(?:\s[A-Z][\w'.]*){0,4})\s+[-–—|]\s+\w[\w.]*"
    r"|(?P<c>Tim\s+\w[\w ]{1,30})",
    re.IGNORECASE,
)
_CREDIT_LABEL = re.compile(r"(?:penulis|pewarta|reporter|oleh)\s*:?", re.IGNORECASE)
# Caption blocks: ``Foto: …``, ``… foto: Name`` at the end, ``(ANTARA FOTO/…)``, ``(Ist)``,
# ``site.com/Name``. Three patterns so that each is tried only where it can match.
_CAPTION_OPENING = re.compile(
    r"(?:foto|photo|ilustrasi|dok(?:umentasi)?)\s*[:.]|[\w.]+\.com/[A-Z]", re.IGNORECASE
)
_CAPTION_CREDIT = re.compile(r"\bfoto\s*:\s*[^.]{0,60}$", re.IGNORECASE)
# A view counter printed after the date (``Kamis, 5 November 2015 14:56 WIB | 1.229 Views``):
# not part of the date text.
_VIEW_COUNTER = re.compile(
    r"\s*\|\s*[\d.,]+\s+(?:views?|kali dibaca|dibaca|dilihat)\s*$", re.IGNORECASE
)
_CAPTION_BRACKET = re.compile(r"\((?:[A-Z ]*FOTO|Foto|Photo|Ist)\b[^()]*\)$", re.IGNORECASE)
_ORGANISATION = re.compile(r"\b(?:media|redaksi|news|group|network|\.com|tim)\b", re.I)
_WORD = re.compile(r"\w+")
_TITLE_SUFFIX = re.compile(r"\s+[-|–—:]\s+[^-|–—]{2,40}$")


@dataclass(frozen=True)
class Hints:
    """What a named layout tells the extractor about its site; the defaults know nothing."""

    name: str = "generic"
    site: str | None = None
    chrome: frozenset[str] = frozenset()
    markers: MarkerRules = field(default_factory=MarkerRules.build, repr=False)
    author_patterns: tuple[re.Pattern[str], ...] = ()
    body_end: re.Pattern[str] | None = None
    caption_before: re.Pattern[str] | None = None  # the block before a match is a caption
    section_pattern: re.Pattern[str] | None = None
    section_before_title: bool = True
    # Block text -> its classes (``_classify``); see ``_classify_blocks``.
    classified: dict[str, tuple[str | None, str, bool]] = field(
        default_factory=dict, compare=False, repr=False
    )


def is_caption(text: str) -> bool:
    """True for an image caption or photo credit block."""
    if _CAPTION_OPENING.match(text):
        return True
    # The credit holds no full stop, so it lies after the block's last one.
    tail = text[text.rfind(".") + 1 :]
    if ":" in tail and _CAPTION_CREDIT.search(tail):
        return True
    # No bracket may stand between the opening one and the closing one at the end.
    opening = text.rfind("(") if text.endswith(")") else -1
    return opening >= 0 and _CAPTION_BRACKET.match(text, opening) is not None


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower()))


def _same(a: str, b: str) -> bool:
    return a.casefold() == b.casefold()


class Header:
    """Title, byline, date, section and lead caption, read from the blocks before the body."""

    def __init__(
        self,
        blocks,
        marker_kinds,
        start,
        ingest_date,
        hints: Hints,
        meta: PageMeta,
        after_image: Collection[Block] | None = None,
    ):
        """``after_image``: on an HTML page, the blocks that follow an image (a caption can be
        no other); None for a text dump, where any block of 5 words or more between the header
        fields and the body is taken for the lead caption."""
        self.blocks, self.marker_kinds, self.start = blocks, marker_kinds, start
        self.hints, self.meta, self.warnings = hints, meta, []
        self.after_image = after_image
        self.window = range(max(0, start - _HEADER_WINDOW), start)
        self.date_at, self.published_at, self.published_text, self.published_has_time = self._date(
            ingest_date
        )
        self.title_at, self.title = self._title()
        if self.title is None:
            return
        self.byline_at, self.author = self._author()
        self.section = self._section()
        self.caption = self._caption()

    def _date(
        self, ingest_date: date
    ) -> tuple[int | None, datetime | None, str | None, bool | None]:
        """Where the date is, its value, its text as printed, and whether the value has a time
        of day from the page (None without a value)."""
        found: tuple[int | None, datetime | None, str | None, bool | None] = (None,) * 4
        relative_warning = None
        invalid = None  # (where, text) of the printed date nearest the body that is none
        for i in reversed(self.window):
            text = self.blocks[i].text
            if text.count(" ") > 13:
                continue
            absolute, unreadable = read_printed_date(text)
            if absolute is not None:
                found = (i, absolute.value, _VIEW_COUNTER.sub("", text), absolute.has_time)
                break
            if is_relative_date(text):
                relative = parse_relative_date(text, ingest_date)
                relative_warning = (
                    RELATIVE_DATE if relative is not None else RELATIVE_DATE_OUT_OF_RANGE
                )
                found = (i, relative, text, None if relative is None else False)
                break
            if unreadable and invalid is None:  # `40 Desember 2025`: a valid one further up wins
                invalid = (i, _VIEW_COUNTER.sub("", text))
                self.warnings.append(unreadable_date_warning(invalid[1]))
        meta_invalid = bool(self.meta.published) and unreadable_meta_date(self.meta.published)
        if meta_invalid:
            self.warnings.append(unreadable_date_warning(self.meta.published))
        if self.meta.published and (meta := read_meta_date(self.meta.published)):
            printed = found[1]
            if not meta.has_time and found[3] and printed and printed.date() == meta.value.date():
                return found  # the page prints the time of day its metadata leaves out
            if found[2] is None:  # no date printed on the page: the metadata's is all there is
                self.warnings.append(DATE_FROM_METADATA)
            elif relative_warning == RELATIVE_DATE_OUT_OF_RANGE:
                self.warnings.append(relative_warning)
            return found[0], meta.value, found[2] or self.meta.published, meta.has_time
        if relative_warning is not None:
            self.warnings.append(relative_warning)
        if found[1] is None and self.meta.published_loose:
            loose = read_meta_date(self.meta.published_loose)
            if loose is not None:
                self.warnings.append(DATE_FROM_METADATA)
                return None, loose.value, self.meta.published_loose, loose.has_time
        if found[2] is None and invalid is not None:  # only a printed date that is none
            return invalid[0], None, invalid[1], None
        if found[2] is None and meta_invalid:  # only a metadata date that is none
            return None, None, self.meta.published, None
        return found

    def _title(self) -> tuple[int, str | None]:
        for candidate in (self.meta.title, *self.meta.headings):
            if candidate and candidate.count(" ") >= 2:
                at = self._find_block(candidate)
                if at is not None:
                    return at, self.blocks[at].text
        anchor = self.date_at if self.date_at is not None else self.start
        body = _words(" ".join(b.text for b in self.blocks[self.start : self.start + 3]))
        best, best_score = None, 0.0
        for i in range(max(0, anchor - 6), min(self.start, anchor + 4)):
            score = self._title_score(i, body)
            if score > best_score:
                best, best_score = i, score
        if best is not None:
            return best, self.blocks[best].text
        if self.meta.title:
            self.warnings.append(f"title taken from {self.meta.sources.get('title', 'metadata')}")
            return max(0, self.start - 1), _TITLE_SUFFIX.sub("", self.meta.title)
        return 0, None

    def _find_block(self, title: str) -> int | None:
        """The block nearest the body that is the metadata title (with or without a
        `` - Site`` suffix)."""
        title = normalize_text(title)
        short = _TITLE_SUFFIX.sub("", title)
        for i in range(self.start - 1, -1, -1):
            text = self.blocks[i].text
            if _same(text, title) or _same(text, short):
                return i
        return None

    def _title_score(self, i: int, body_words: set[str]) -> float:
        text = self.blocks[i].text
        words = text.count(" ") + 1
        if not 3 <= words <= 30 or self.marker_kinds[i] or i == self.date_at:
            return 0.0
        if (text.endswith(".") and not text.endswith("..")) or "·" in text or " | " in text:
            return 0.0
        if _BYLINE.fullmatch(text) or is_caption(text) or END_LINE.fullmatch(text):
            return 0.0
        if (text.isupper() and words <= 5) or text[0].islower():
            return 0.0
        own = _words(text)
        overlap = len(own & body_words) / len(own) if own else 0.0
        score = 1.0 + overlap * 10 + min(words, 15) * 0.3 - max(0, words - 20) * 0.5
        following = self.blocks[i + 1].text if i + 1 < len(self.blocks) else ""
        if i + 1 == self.date_at or _BYLINE.fullmatch(following):
            score += 3
        return score

    def _author(self) -> tuple[int | None, str | None]:
        lo = max(0, self.title_at - 2)
        for i in range(lo, self.start):
            if i in (self.title_at, self.date_at):
                continue
            author = self._byline(self.blocks[i].text)
            if author:
                return i, author
        author = self._credit_after_body()
        if author:
            return None, author
        meta_author = self.meta.author
        if meta_author and not _ORGANISATION.search(meta_author):
            return None, meta_author
        return None, None

    def _byline(self, text: str) -> str | None:
        if text.count(" ") > 10:
            return None
        for pattern in self.hints.author_patterns:
            match = pattern.fullmatch(text)
            if match and match["author"]:  # an optional group may take nothing
                return match["author"].strip()
        match = _BYLINE.fullmatch(text)
        if match is None:
            return None
        return (match["a"] or match["b"] or match["c"]).strip()

    def _credit_after_body(self) -> str | None:
        """``Penulis`` / ``: Name`` credit blocks that some sites print after the body."""
        for i in range(self.start, len(self.blocks) - 1):
            text = self.blocks[i].text
            if _CREDIT_LABEL.fullmatch(text):
                value = self.blocks[i + 1].text.lstrip(": ").strip()
                if value and value.count(" ") < 8:
                    return value.rsplit(",", 1)[-1].strip()
        return None

    def _section(self) -> str | None:
        if self.meta.section:
            return self.meta.section
        if self.title_at == 0 or not self.hints.section_before_title:
            return None
        text = self.blocks[self.title_at - 1].text
        if self.hints.section_pattern is not None:
            match = self.hints.section_pattern.fullmatch(text)
            return match["section"].strip() if match and match["section"] else None
        crumb = text.rsplit("/", 1)[-1].strip() or text
        if crumb.count(" ") > 2 or self.marker_kinds[self.title_at - 1]:
            return None
        if parse_absolute_date(text) or not crumb[:1].isupper():
            return None
        return crumb

    @property
    def fields_end(self) -> int:
        """The position after the last header field (title, date, byline)."""
        return max(i for i in (self.title_at, self.date_at, self.byline_at) if i is not None) + 1

    def _caption(self) -> str | None:
        """The lead caption: the first block between the header fields and the body that is
        a caption (``is_caption``), or of 5 words or more (on an HTML page, one after an image);
        not the title printed again."""
        for i in range(self.fields_end, self.start):
            text = self.blocks[i].text
            if self.marker_kinds[i] or standalone_dateline(text) or text == self.title:
                continue
            if is_caption(text) or (
                text.count(" ") >= 4
                and (self.after_image is None or self.blocks[i] in self.after_image)
            ):
                return text
        return None
