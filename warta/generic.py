"""The block-classification extractor: any news page, with or without a named layout's hints.

The body is the longest run of prose blocks (``warta.body.main_run``); the header is read
backwards from it: the date nearest the body, the headline that precedes the byline or date
and shares words with the body, the byline, the section crumb, the lead caption. HTML metadata
(``og:title``, ``article:published_time``, author) is strong evidence when the page has it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime

from warta.article import AdMarker, Block, Paragraph, ParsedArticle
from warta.body import NO_BODY, NoArticle, main_run, prose_kind, split_body
from warta.datelines import source_of_dateline, split_dateline, standalone_dateline
from warta.dates import is_relative_date, parse_absolute_date, parse_meta_date, parse_relative_date
from warta.html import PageMeta
from warta.markers import MarkerRules
from warta.text import normalize_text

# A body shorter than this is an index page, an error page or a login wall, not an article.
MIN_BODY_WORDS = 20
# Short bodies that speak of a missing page or a login are not articles either.
_NOT_AN_ARTICLE = re.compile(
    r"\b(?:404|not found|tidak ditemukan|halaman yang anda cari|page you are looking|"
    r"log ?in|masuk untuk|sign in|berlangganan|subscribe|daftar sekarang)\b",
    re.IGNORECASE,
)
_SHORT_BODY_WORDS = 80
# How far before the body the header (title, byline, date, caption) is looked for.
_HEADER_WINDOW = 15
# Blocks that close an article: reporter initials ``(mea/mea)``, credits, copyright lines.
_END = re.compile(
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
    section_pattern: re.Pattern[str] | None = None
    section_before_title: bool = True
    # Block text -> its classes (``_classify``); see ``_classify_blocks``.
    classified: dict[str, tuple[str | None, str, bool]] = field(
        default_factory=dict, compare=False, repr=False
    )


_NO_HINTS = Hints()
# Short blocks (menus, footers, share buttons, section names) recur on every page of a site:
# their classes are remembered per ``Hints``, so each distinct one is classified once per process.
_REMEMBERED_WORDS = 12
_REMEMBERED_MAX = 50_000
_BODY_KINDS = frozenset({"good", "near", "marker"})


def extract_generic(
    blocks: list[Block],
    ingest_date: date,
    hints: Hints | None = None,
    meta: PageMeta | None = None,
) -> ParsedArticle | NoArticle:
    """Title, header fields, body paragraphs and markers of a page of any layout."""
    hints = hints or _NO_HINTS
    blocks = [b for b in blocks if b.text not in hints.chrome]
    repeated = {text for text, n in Counter(b.text for b in blocks).items() if n > 1}
    marker_kinds, kinds, ends, words = _classify_blocks(blocks, hints, repeated)
    run = main_run(kinds, words, ends)
    if run is None:
        return NoArticle(NO_BODY)
    start, end = _body_start(blocks, kinds, *run)
    header = _Header(blocks, marker_kinds, start, ingest_date, hints, meta or PageMeta())
    if header.title is None:
        return NoArticle(NO_BODY)
    trailer = end
    while trailer < len(blocks) and kinds[trailer] == "marker":
        trailer += 1
    chosen = [
        *(i for i in range(header.title_at + 1, start) if marker_kinds[i]),
        *(
            i
            for i in range(start, end)
            if kinds[i] in _BODY_KINDS or _subheading(blocks[i].text, kinds[i], repeated)
        ),
        *range(end, trailer),
    ]
    body = split_body(
        [blocks[i] for i in chosen], [marker_kinds[i] for i in chosen], header.caption
    )
    if body is None:
        return NoArticle(NO_BODY)
    paragraphs, markers = body
    dateline, paragraphs = _dateline(blocks, start, paragraphs)
    words = sum(p.word_count for p in paragraphs)
    if words < MIN_BODY_WORDS or (
        words < _SHORT_BODY_WORDS
        and _NOT_AN_ARTICLE.search(f"{header.title}\n{paragraphs[0].text}")
    ):
        return NoArticle(NO_BODY)
    return ParsedArticle(
        title=header.title,
        paragraphs=paragraphs,
        ad_markers=_renumber(markers),
        layout=hints.name,
        site=hints.site or (meta.site if meta else None) or _site(dateline),
        dateline=dateline,
        section=header.section,
        author=header.author,
        published_at=header.published_at,
        published_text=header.published_text,
        image_caption=header.caption,
        warnings=header.warnings,
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


def _classify_blocks(
    blocks: list[Block], hints: Hints, repeated: set[str]
) -> tuple[list[str | None], list[str], list[bool], list[int]]:
    """Per block: marker kind, kind (``marker``, ``caption`` or a prose kind, where prose
    repeated on the page is ``other``), whether it ends the article, and its word count."""
    remembered = hints.classified
    if len(remembered) > _REMEMBERED_MAX:
        remembered.clear()
    marker_kinds, kinds, ends, words = [], [], [], []
    for block in blocks:
        text = block.text
        count = text.count(" ") + 1
        if count <= _REMEMBERED_WORDS:
            classes = remembered.get(text)
            if classes is None:
                classes = remembered[text] = _classify(text, hints)
        else:
            classes = _classify(text, hints)
        marker, kind, end = classes
        marker_kinds.append(marker)
        kinds.append("other" if kind == "good" and text in repeated else kind)
        ends.append(end)
        words.append(count)
    return marker_kinds, kinds, ends, words


def _classify(text: str, hints: Hints) -> tuple[str | None, str, bool]:
    """(marker kind, ``marker``/``caption``/prose kind, ends the article) of one block text."""
    marker = hints.markers.kind_of(text)
    if marker is not None:
        return marker, "marker", _is_end(text, hints)
    return None, "caption" if is_caption(text) else prose_kind(text), _is_end(text, hints)


def _is_end(text: str, hints: Hints) -> bool:
    if len(text) > 120:
        return False
    return _END.fullmatch(text) is not None or bool(hints.body_end and hints.body_end.match(text))


def _subheading(text: str, kind: str, repeated: set[str]) -> bool:
    """An inline heading between body paragraphs (``Awal Cerita``), not chrome or a caption."""
    return kind == "other" and text not in repeated and 1 <= text.count(" ") + 1 <= 12


def _body_start(blocks: list[Block], kinds: list[str], start: int, end: int) -> tuple[int, int]:
    """Move the start to a dateline among the run's first blocks: what precedes it is a lead
    caption or a pull quote. A dateline standing alone just before the run opens the body."""
    for i in range(start, min(start + 4, end)):
        if split_dateline(blocks[i].text)[0] is not None:
            return i, end
        if standalone_dateline(blocks[i].text) and i + 1 < end:
            return i + 1, end
    return start, end


def _dateline(
    blocks: list[Block], start: int, paragraphs: list[Paragraph]
) -> tuple[str | None, list[Paragraph]]:
    if start > 0 and (alone := standalone_dateline(blocks[start - 1].text)):
        return alone, paragraphs
    dateline, rest = split_dateline(paragraphs[0].text)
    if dateline is None:
        return None, paragraphs
    return dateline, [Paragraph(0, rest, paragraphs[0].source_line), *paragraphs[1:]]


def _site(dateline: str | None) -> str | None:
    return source_of_dateline(dateline) if dateline else None


def _renumber(markers: list[AdMarker]) -> list[AdMarker]:
    return [
        AdMarker(i, m.source_line, m.text, m.kind, m.zone, m.after_paragraph_index)
        for i, m in enumerate(markers)
    ]


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower()))


def _same(a: str, b: str) -> bool:
    return a.casefold() == b.casefold()


class _Header:
    """Title, byline, date, section and lead caption, read from the blocks before the body."""

    def __init__(self, blocks, marker_kinds, start, ingest_date, hints: Hints, meta: PageMeta):
        self.blocks, self.marker_kinds, self.start = blocks, marker_kinds, start
        self.hints, self.meta, self.warnings = hints, meta, []
        self.window = range(max(0, start - _HEADER_WINDOW), start)
        self.date_at, self.published_at, self.published_text = self._date(ingest_date)
        self.title_at, self.title = self._title()
        if self.title is None:
            return
        self.byline_at, self.author = self._author()
        self.section = self._section()
        self.caption = self._caption()

    def _date(self, ingest_date: date) -> tuple[int | None, datetime | None, str | None]:
        found: tuple[int | None, datetime | None, str | None] = (None, None, None)
        for i in reversed(self.window):
            text = self.blocks[i].text
            if text.count(" ") > 13:
                continue
            absolute = parse_absolute_date(text)
            if absolute is not None:
                found = (i, absolute, text)
                break
            if is_relative_date(text):
                relative = parse_relative_date(text, ingest_date)
                self.warnings.append("relative publication date, resolved against ingest date")
                found = (i, relative, text)
                break
        if self.meta.published and (value := parse_meta_date(self.meta.published)):
            return found[0], value, found[2] or self.meta.published
        if found[1] is None and self.meta.published_loose:
            value = parse_meta_date(self.meta.published_loose)
            if value is not None:
                self.warnings.append("publication date taken from page metadata")
                return None, value, self.meta.published_loose
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
        if _BYLINE.fullmatch(text) or is_caption(text) or _END.fullmatch(text):
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
            if match:
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
            return match["section"].strip() if match else None
        crumb = text.rsplit("/", 1)[-1].strip() or text
        if crumb.count(" ") > 2 or self.marker_kinds[self.title_at - 1]:
            return None
        if parse_absolute_date(text) or not crumb[:1].isupper():
            return None
        return crumb

    def _caption(self) -> str | None:
        first = max(i for i in (self.title_at, self.date_at, self.byline_at) if i is not None)
        for i in range(first + 1, self.start):
            text = self.blocks[i].text
            if self.marker_kinds[i] or standalone_dateline(text):
                continue
            if is_caption(text) or text.count(" ") >= 4:
                return text
        return None
