"""From a decoded page to a ``ParsedArticle``: blocks, layout, header fields, body, markers.

``parse_page`` tries the named layouts first and falls back to the generic extractor. A page
without a recognisable article body is a ``NoArticle`` with the reason, never an exception.
"""

from __future__ import annotations

import re
import string
from datetime import date
from functools import partial
from itertools import count, pairwise
from operator import itemgetter

from warta.article import (
    HTML_TOO_DEEP,
    LABEL_WITHOUT_DATE,
    RELATIVE_DATE,
    RELATIVE_DATE_OUT_OF_RANGE,
    REPAIRED_MOJIBAKE,
    Block,
    Paragraph,
    ParsedArticle,
    unreadable_date_warning,
)
from warta.body import (
    BLOB_CHARS,
    NO_BODY,
    NoArticle,
    ends_sentence,
    looks_like_paragraph,
    split_body,
)
from warta.datelines import site_from_dateline, source_of_dateline, split_dateline
from warta.dates import (
    is_relative_date,
    parse_relative_date,
    read_printed_date,
)
from warta.generic import extract_generic
from warta.html import MAX_DEPTH, looks_like_html, parse_html
from warta.language import detect_language
from warta.layouts import HTML_HEAD_CHARS, Layout, find_layout
from warta.markers import join_linked_headlines
from warta.sites import canonical_site
from warta.text import normalize_lines


def split_blocks(text: str) -> list[Block]:
    """Non-empty normalised lines with their 1-based line numbers (CRLF and CR handled)."""
    numbered = filter(itemgetter(1), zip(count(1), normalize_lines(text)))
    return list(map(_new_block, numbered))


# ``Block`` from a (line, text) pair without a Python-level call per block.
_new_block = partial(tuple.__new__, Block)


def parse_page(
    text: str,
    *,
    ingest_date: date,
    source_name: str = "",
    repaired_mojibake: bool = False,
    invalid_bytes: int = 0,
    identify_language: bool = True,
) -> ParsedArticle | NoArticle:
    """Parse one decoded page; relative dates (``2 tahun lalu``) resolve against ``ingest_date``.

    ``source_name`` is the file's name in the landing zone: ``.html``/``.htm`` files (and text
    that opens like an HTML document) are parsed as HTML, anything else as a block-per-line
    dump. ``repaired_mojibake`` and ``invalid_bytes`` (from ``Decoded``) are recorded as parse
    warnings. Without ``identify_language`` the article's ``language`` stays None (benchmarks
    time it apart).
    """
    meta, html_head, captions, after_image = None, "", frozenset(), None
    stands_with = same_list = None
    too_deep = False
    if looks_like_html(text, source_name):
        page = parse_html(text)
        too_deep = page.too_deep
        blocks, meta, html_head = page.blocks, page.meta, text[:HTML_HEAD_CHARS]
        captions, after_image, stands_with = page.captions, page.after_image, page.stands_with
        same_list = page.same_list
    else:
        blocks = split_blocks(text)
    if not blocks:
        return NoArticle(TOO_DEEP if too_deep else NO_BODY)
    layout = detect_layout(blocks, html_head)
    if layout is None:
        article = extract_generic(
            blocks,
            ingest_date,
            meta=meta,
            captions=captions,
            after_image=after_image,
            stands_with=stands_with,
            same_list=same_list,
        )
    elif layout.sequential:
        article = _extract_with_layout(layout, blocks, ingest_date)
    else:
        article = extract_generic(
            blocks,
            ingest_date,
            hints=layout.hints,
            meta=meta,
            captions=captions,
            after_image=after_image,
            stands_with=stands_with,
            same_list=same_list,
        )
    if isinstance(article, NoArticle):
        # what lies past the depth libxml2 stopped at was not read: say so, not "no body"
        return NoArticle(TOO_DEEP) if too_deep and article.reason == NO_BODY else article
    if too_deep:
        article.warnings.append(HTML_TOO_DEEP)
    if _index_page(article):
        return NoArticle(INDEX_PAGE)
    article.site = canonical_site(article.site)
    if meta is not None:
        article.url = meta.url
    if identify_language:
        article.language = detect_language(article.body)
    if invalid_bytes:
        article.warnings.append(invalid_bytes_warning(invalid_bytes))
    if repaired_mojibake:
        article.warnings.append(REPAIRED_MOJIBAKE)
    return article


# An HTML page libxml2 stopped reading at ``MAX_DEPTH`` nested elements, with no article in
# what it read.
TOO_DEEP = f"HTML nested too deeply (over {MAX_DEPTH} elements, the rest unread)"
# An index page of a site: the teasers of several articles, each opening with its publisher's
# dateline and a dash (``BEKASI, KOMPAS.com - …``, ``Jakarta (ANTARA) - …``), which an article
# prints once, before its first paragraph (``ParsedArticle.dateline``). Three such teasers or
# more, the first paragraph's included, make an index page when they start at the top (among
# the first ``_INDEX_START + 1`` paragraphs), none is followed by a paragraph of prose of its
# own, a headline (four words or more ending no sentence) stands between each two, and they
# are half the paragraphs ending a sentence or more. So a lead followed by its article (with
# teasers of related articles after it, or reports quoted from wires), a live report whose
# updates carry datelines and times, or a roundup introduced in prose, stays an article. A
# bare place (``JAKARTA -``), a speaker's name in an interview (``TEMPO: Apa rencana
# Anda?``) and a day in a schedule (``Senin (9/12): Myanmar vs Indonesia``) name no
# publisher, and do not count.
INDEX_PAGE = "index page (teasers of several articles, each with its own dateline)"
_INDEX_TEASERS = 3
_INDEX_START = 3  # the first teaser stands among paragraphs 0 to this
_DASHES = ("-", "–", "—")
_DASH_NEAR_START = re.compile(r"[-–—]\s")


def _index_page(article: ParsedArticle) -> bool:
    paragraphs = article.paragraphs
    first = article.dateline is not None and _publisher(article.dateline)
    # Most articles stop here: too few paragraphs with a dash and a space where a dateline
    # would end (one search in C each).
    dashed = [i for i, p in enumerate(paragraphs) if _DASH_NEAR_START.search(p.text, 0, 72)]
    if first + len(dashed) < _INDEX_TEASERS:
        return False
    teasers = [0] if first else []  # where they stand
    for i in dashed:
        text = paragraphs[i].text
        dateline = split_dateline(text)[0]
        if (
            dateline is not None
            and text[len(dateline) :].lstrip()[:1] in _DASHES
            and _publisher(dateline)
        ):
            teasers.append(i)
    if len(teasers) < _INDEX_TEASERS or teasers[0] > _INDEX_START:
        return False
    ends = [ends_sentence(p.text) for p in paragraphs]
    marked = set(teasers)
    for teaser in teasers:  # a teaser is followed by the next card's headline, not by prose
        after = teaser + 1
        if after < len(paragraphs) and ends[after] and after not in marked:
            return False
    for a, b in pairwise(teasers):  # and each card has a headline (a time alone is no card)
        if not any(_headline(paragraphs[i].text, ends[i]) for i in range(a + 1, b)):
            return False
    return 2 * len(teasers) >= sum(ends)


def _headline(text: str, ends: bool) -> bool:
    """A card's headline: four words or more that end no sentence (``10.15 WIB`` is a time)."""
    return not ends and text.count(" ") >= 3


def _publisher(dateline: str) -> bool:
    """Whether ``dateline`` names a publisher (``KOMPAS.com``, ``(ANTARA)``), not a place alone
    or a date (``Senin (9/12)``)."""
    source = source_of_dateline(dateline)
    return source is not None and any(c.isalpha() for c in source)


def invalid_bytes_warning(count: int) -> str:
    """The parse warning of a page decoded with ``count`` ill-formed UTF-8 sequences (a stray
    byte, a cut-off character) replaced by U+FFFD."""
    return f"{count} invalid UTF-8 sequence{'' if count == 1 else 's'} replaced by U+FFFD"


def detect_layout(blocks: list[Block], html_head: str = "") -> Layout | None:
    """The first named layout the page matches, or None for the generic extractor."""
    return find_layout([block.text for block in blocks], html_head)


def _extract_with_layout(
    layout: Layout, blocks: list[Block], ingest_date: date
) -> ParsedArticle | NoArticle:
    warnings: list[str] = []
    end_mark = layout.end_mark_line
    blocks = layout.markers.unglue(
        [
            block
            for block in blocks
            if block.text not in layout.chrome
            and (end_mark is None or end_mark.fullmatch(block.text) is None)
            and (len(block.text) < BLOB_CHARS or " " in block.text)  # not ``is_blob``
        ]
    )
    kinds = [layout.markers.kind_of(block.text) for block in blocks]
    label_at = next(
        (i for i, block in enumerate(blocks[:8]) if block.text in layout.published_labels), None
    )
    header_end = label_at if label_at is not None else _first_body_block(blocks, kinds, 0)
    fields = _header_fields(layout.fields, [block.text for block in blocks[:header_end]])
    if "title" not in fields:
        return NoArticle(NO_BODY)

    cursor = header_end
    published_at = published_text = has_time = None
    if label_at is not None:
        cursor, published_at, published_text, has_time = _read_published(
            layout, blocks, label_at + 1, ingest_date, warnings
        )

    body_start = _first_body_block(blocks, kinds, cursor)
    lead = range(cursor, body_start)
    caption = _caption([blocks[i] for i in lead if kinds[i] is None], warnings)
    labels = layout.markers.linked_headlines(blocks, kinds, body_start)
    if labels:
        blocks, kinds = join_linked_headlines(labels, blocks, kinds)
    body_end = _page_footer(blocks, kinds, body_start)
    chosen = [*(i for i in lead if kinds[i] is not None), *range(body_start, body_end)]
    body = split_body([blocks[i] for i in chosen], [kinds[i] for i in chosen], caption)
    if body is None:
        return NoArticle(NO_BODY)
    paragraphs, markers = body
    dateline, paragraphs = _take_dateline(paragraphs)
    paragraphs = _strip_end_marks(paragraphs, layout.end_marks)
    paragraphs, markers = layout.markers.cut_exposed(paragraphs, markers)
    if not paragraphs:
        return NoArticle(NO_BODY)
    site = site_from_dateline(dateline) if dateline and layout.site_from_dateline else None
    return ParsedArticle(
        title=fields["title"],
        paragraphs=paragraphs,
        ad_markers=markers,
        layout=layout.name,
        site=site,
        dateline=dateline,
        section=fields.get("section"),
        author=fields.get("author"),
        published_at=published_at,
        published_text=published_text,
        published_has_time=has_time,
        image_caption=caption,
        warnings=warnings,
    )


# Where a theme's page goes on after the article (the layouts with fields read every block
# after the header as the body). ``now``, wherever it stands: the comments' heading (``2
# Komentar``, ``3 Comments``, ``2 thoughts on “…”``) or the comment form's (``Tinggalkan
# Balasan``, ``Leave a Reply Cancel reply``), both short lines of their own. ``last``, where
# no paragraph follows before the end or the comments (else it is the article's, or a box or
# credit inside it): a copyright line (``Copyright © 2022 …``, not ``Hak cipta lagu itu …``;
# inside an article, ``© AFP/Kim Won Jin`` credits a photo), a tag list (``Tags: …``), a
# related-articles heading alone (``Berita Terkait``), an editor's credit or initials
# (``Editor: …``, ``(mea/mea)``); and ``_MENU``, three or more items between `` | `` without
# digits (``Tentang Kami | Redaksi | Kontak``; not a table row).
_FOOTER = re.compile(
    r"(?P<now>(?:tinggalkan (?:balasan|komentar)|leave a (?:reply|comment))"
    r"(?: (?:batalkan balasan|cancel reply))?[.:]?"
    r"|\d{1,5} (?:komentar|comments?|tanggapan|responses?|thoughts?)"
    r"(?: (?:untuk|pada|on|to) [^.]{1,60})?)"
    r"|(?P<last>(?:copyright|hak cipta)\s*(?:©|\(c\)|\d{4}).*|©.*|tags?\s*:.*"
    r"|(?:berita|artikel) (?:terkait|lainnya)|related(?: posts| articles| news| stories)?"
    r"|(?:editor|penulis|pewarta|reporter|redaktur|penyunting)\s*:.{0,60}"
    r"|\((?:[a-z]{2,5}/)+[a-z]{2,5}\))",
    re.IGNORECASE,
)
_MENU = re.compile(r"[^|\d]{1,40}(?: \| [^|\d]{1,40}){2,}")


def _page_footer(blocks: list[Block], kinds: list[str | None], start: int) -> int:
    """The first block after ``start`` where the page's footer begins, or the end: the first
    ``now`` block, or the earliest ``last`` block (``_FOOTER``, ``_MENU``) with no paragraph
    between it and that. Nothing from there on is the article's, markers included. One pass
    forward, one back: linear in the blocks."""
    end = len(blocks)
    for i in range(start + 1, end):
        text = blocks[i].text
        found = kinds[i] is None and len(text) <= 120 and _FOOTER.fullmatch(text)
        if found and found["now"]:
            end = i
            break
    cut = end
    for i in range(end - 1, start, -1):
        if kinds[i] is not None:
            continue
        text = blocks[i].text
        if len(text) > 120 or not (
            _FOOTER.fullmatch(text) or (" | " in text and _MENU.fullmatch(text))
        ):
            if looks_like_paragraph(text):
                break  # the article's last paragraph: what precedes is the article
            continue
        cut = i
    return cut


def _header_fields(names: tuple[str, ...], texts: list[str]) -> dict[str, str]:
    """Assign header blocks to the layout's fields around the title, the longest block: a
    missing section or author then shifts nothing onto the wrong field."""
    if not texts:
        return {}
    title_at = max(range(len(texts)), key=lambda i: (len(texts[i].split()), -i))
    position = names.index("title")
    fields = {"title": texts[title_at]}
    before, after = names[:position], names[position + 1 :]
    fields |= dict(zip(reversed(before), reversed(texts[:title_at]), strict=False))
    fields |= dict(zip(after, texts[title_at + 1 :], strict=False))
    return fields


def _read_published(layout, blocks, start, ingest_date, warnings):
    """Read ``[relative] joiner [absolute]`` after the published label: the cursor after it,
    the value, its text, and whether the value has a time of day from the page (not a
    relative date's, made up from noon of the ingest day; None without a value)."""
    cursor, relative_text = start, None
    if cursor < len(blocks) and is_relative_date(blocks[cursor].text):
        relative_text = blocks[cursor].text
        cursor += 1
    if cursor < len(blocks) and blocks[cursor].text in layout.published_joiners:
        cursor += 1
    if cursor < len(blocks):
        text = blocks[cursor].text
        absolute, unreadable = read_printed_date(text)
        if absolute is not None:
            return cursor + 1, absolute.value, text, absolute.has_time
        if relative_text is None and unreadable:  # `40 Desember 2025`
            warnings.append(unreadable_date_warning(text))
            return cursor + 1, None, text, None
    if relative_text is not None:
        value = parse_relative_date(relative_text, ingest_date)
        warnings.append(RELATIVE_DATE if value is not None else RELATIVE_DATE_OUT_OF_RANGE)
        return cursor, value, relative_text, None if value is None else False
    warnings.append(LABEL_WITHOUT_DATE)
    return cursor, None, None, None


def _first_body_block(blocks: list[Block], kinds: list[str | None], start: int) -> int:
    """Index of the first body block at or after ``start``: a dateline or paragraph-like prose."""
    for i in range(start, len(blocks)):
        if kinds[i] is not None:
            continue
        text = blocks[i].text
        repeated = i + 1 < len(blocks) and blocks[i + 1].text == text
        if not repeated and (split_dateline(text)[0] is not None or looks_like_paragraph(text)):
            return i
    return len(blocks)


def _caption(blocks: list[Block], warnings: list[str]) -> str | None:
    """The lead image caption among the blocks between the header and the body, once."""
    distinct = list(dict.fromkeys(block.text for block in blocks))
    if len(distinct) > 1:
        warnings.append(f"{len(distinct) - 1} unrecognised header block(s) after the caption")
    return distinct[0] if distinct else None


def _take_dateline(paragraphs: list[Paragraph]) -> tuple[str | None, list[Paragraph]]:
    dateline, rest = split_dateline(paragraphs[0].text)
    if dateline is None:
        return None, paragraphs
    first = Paragraph(0, rest, paragraphs[0].source_line)
    return dateline, [first, *paragraphs[1:]]


# How many characters at a paragraph's end an end mark is looked for in.
_END_MARK_REACH = 48
# Last characters of a paragraph before which no end mark is looked for but in the last
# paragraph: a sentence's end, a closing quote, a letter or a digit (a mark of a layout, `***`,
# `(***)`, ends with a sign of its own).
_NO_MARK_ENDS = frozenset(".!?…\"”’'" + string.ascii_letters + string.digits)


def _strip_end_marks(
    paragraphs: list[Paragraph], end_marks: tuple[re.Pattern[str], ...]
) -> list[Paragraph]:
    """Remove end marks such as ``***`` from the end of the last paragraph, and from the end of
    an earlier one where a sentence ends before the mark (``… 89 days. ***`` followed by more
    text: not ``kata f***``, a word's letters starred out)."""
    if not end_marks:
        return paragraphs
    out = []
    last = paragraphs[-1]
    for paragraph in paragraphs:
        if paragraph is not last and paragraph.text[-1:] in _NO_MARK_ENDS:
            out.append(paragraph)  # most paragraphs: no mark can end there
            continue
        # A mark is short: only the paragraph's end is searched (a pattern anchored at the end
        # is otherwise tried at every position of the text: ~25 µs a paragraph).
        head, tail = paragraph.text[:-_END_MARK_REACH], paragraph.text[-_END_MARK_REACH:]
        for pattern in end_marks:
            tail = pattern.sub("", tail).rstrip()
        text = (head + tail).rstrip()
        if text == paragraph.text or not text or not (paragraph is last or ends_sentence(text)):
            out.append(paragraph)
        else:
            out.append(Paragraph(paragraph.index, text, paragraph.source_line))
    return out
