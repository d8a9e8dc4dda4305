"""The block-classification extractor: any news page, with or without a named layout's hints.

The body is the longest run of prose blocks (``warta.body.main_run``); the header is read (in
``warta.header``) backwards from it: the date nearest the body, the headline that precedes the
byline or date and shares words with the body, the byline, the section crumb, the lead caption.
HTML metadata (``og:title``, ``article:published_time``, author) is strong evidence.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Collection
from datetime import date

from warta.article import Block, Paragraph, ParsedArticle, renumbered
from warta.body import (
    NO_BODY,
    NoArticle,
    ends_like_a_sentence,
    ends_sentence,
    is_blob,
    main_run,
    prose_kind,
    split_body,
)
from warta.datelines import source_of_dateline, split_dateline, standalone_dateline
from warta.header import END_LINE, Header, Hints, is_caption
from warta.html import PageMeta
from warta.lists import SameList, after_announcing, inner_lists, related_items, table_rows
from warta.markers import join_linked_headlines, joined_link

# A body shorter than this is an index page, an error page or a login wall, not an article.
MIN_BODY_WORDS = 20
# Short bodies that speak of a missing page or a login are not articles either.
_NOT_AN_ARTICLE = re.compile(
    r"\b(?:404|not found|tidak ditemukan|halaman yang anda cari|page you are looking|"
    r"log ?in|masuk untuk|sign in|berlangganan|subscribe|daftar sekarang)\b",
    re.IGNORECASE,
)
_SHORT_BODY_WORDS = 80


_NO_HINTS = Hints()
# Short blocks (menus, footers, share buttons, section names) recur on every page of a site:
# their classes are remembered per ``Hints``, so each distinct one is classified once per process.
_REMEMBERED_WORDS = 12
_REMEMBERED_MAX = 50_000
_BODY_KINDS = frozenset({"good", "near", "marker"})
_SUBHEADING_MAX_CHARS = 150


def extract_generic(
    blocks: list[Block],
    ingest_date: date,
    hints: Hints | None = None,
    meta: PageMeta | None = None,
    captions: Collection[Block] = (),
    after_image: Collection[Block] | None = None,
    stands_with: Callable[[Block, Block], bool] | None = None,
    same_list: SameList | None = None,
) -> ParsedArticle | NoArticle:
    """Title, header fields, body paragraphs and markers of a page of any layout.

    ``captions``: blocks known to be photo captions (an HTML page's ``<figcaption>``), never
    paragraphs; the first before the body is the lead caption if the header has none.
    ``after_image``: an HTML page's blocks that follow an image (``HtmlPage.after_image``); a
    lead caption without a credit is one of them. ``stands_with``: whether a block stands
    where another does (``HtmlPage.stands_with``); a sentence just before the body that is no
    caption and stands where the body's first paragraph does opens the body. ``same_list``:
    whether a block is an item of the list or table another is in (``HtmlPage.same_list``),
    for the lists inside the article (``warta.lists``). All three None for a text dump."""
    hints = hints or _NO_HINTS
    blocks = hints.markers.unglue([b for b in blocks if b.text not in hints.chrome])
    repeated = {text for text, n in Counter(b.text for b in blocks).items() if n > 1}
    marker_kinds, kinds, ends, words = _classify_blocks(blocks, hints, repeated)
    if "related_link" in marker_kinds:
        # the list of links a label opens: markers, each joined to the label as one line is
        for i, label in related_items(blocks, kinds, marker_kinds, ends, same_list):
            blocks[i] = Block(blocks[i].line, joined_link(label, blocks[i].text))
            marker_kinds[i], kinds[i] = "related_link", "marker"
        first_prose = next((i for i, kind in enumerate(kinds) if kind == "good"), len(kinds))
        labels = [  # not one whose headline was lost, before the article's own list
            i
            for i in hints.markers.linked_headlines(blocks, marker_kinds, first_prose)
            if not after_announcing(blocks, marker_kinds, i)
        ]
        if labels:
            blocks, marker_kinds, kinds, ends, words = join_linked_headlines(
                labels, blocks, marker_kinds, kinds, ends, words
            )
    photo_captions = _captions_before(blocks, marker_kinds, kinds, hints.caption_before)
    for i in photo_captions:
        kinds[i] = "caption"
    figure_captions = (
        [i for i, block in enumerate(blocks) if block in captions and not marker_kinds[i]]
        if captions
        else []
    )
    for i in figure_captions:
        kinds[i] = "caption"
    listed = inner_lists(blocks, kinds, marker_kinds, ends, repeated, same_list)
    for i in listed:
        if kinds[i] == "other":
            kinds[i] = "near"
    run = main_run(kinds, words, ends)
    if run is None:
        return NoArticle(NO_BODY)
    start, end = _body_start(blocks, kinds, *run, listed)
    header = Header(
        blocks, marker_kinds, start, ingest_date, hints, meta or PageMeta(), after_image
    )
    if header.title is None:
        return NoArticle(NO_BODY)
    if stands_with is not None:
        start = _lead_sentence(blocks, marker_kinds, kinds, header, start, stands_with, repeated)
    own: set[str] = set()  # prose printed more than once, every copy in the body
    if repeated:
        own = _own_repeats(blocks, repeated, start, end)
    trailer = end
    while trailer < len(blocks) and kinds[trailer] == "marker":
        trailer += 1
    inner = _between_paragraphs(blocks, kinds, start, end, repeated)
    chosen = [
        *(i for i in range(header.title_at + 1, start) if marker_kinds[i]),
        *(
            i
            for i in range(start, end)
            if kinds[i] in _BODY_KINDS
            or _subheading(blocks[i].text, kinds[i], repeated)
            or _repeated_prose(blocks[i].text, kinds[i], own)
            or i in inner
        ),
        *range(end, trailer),
    ]
    body_blocks = [blocks[i] for i in chosen]
    body_kinds = [marker_kinds[i] for i in chosen]
    if listed and same_list is not None:
        body_blocks, body_kinds = table_rows(
            chosen, set(listed), body_blocks, body_kinds, same_list
        )
    body = split_body(body_blocks, body_kinds, header.caption)
    if body is None:
        return NoArticle(NO_BODY)
    paragraphs, markers = body
    dateline, paragraphs = _dateline(blocks, start, paragraphs)
    paragraphs, markers = hints.markers.cut_exposed(paragraphs, markers)
    if not paragraphs:
        return NoArticle(NO_BODY)
    words = sum(p.word_count for p in paragraphs)
    if words < MIN_BODY_WORDS or (
        words < _SHORT_BODY_WORDS
        and _NOT_AN_ARTICLE.search(f"{header.title}\n{paragraphs[0].text}")
    ):
        return NoArticle(NO_BODY)
    return ParsedArticle(
        title=header.title,
        paragraphs=paragraphs,
        ad_markers=renumbered(markers),
        layout=hints.name,
        site=hints.site or (meta.site if meta else None) or _site(dateline),
        dateline=dateline,
        section=header.section,
        author=header.author,
        published_at=header.published_at,
        published_text=header.published_text,
        published_has_time=header.published_has_time,
        image_caption=header.caption
        or next((blocks[i].text for i in photo_captions if start <= i <= end), None)
        or next((blocks[i].text for i in figure_captions if header.title_at < i < start), None),
        warnings=header.warnings,
    )


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


def _captions_before(
    blocks: list[Block],
    marker_kinds: list[str | None],
    kinds: list[str],
    pattern: re.Pattern[str] | None,
) -> list[int]:
    """Blocks just before a ``caption_before`` block (the layout's ``pattern``) that follow
    prose: a photo page's caption comes after its description. A block that follows no prose is
    the description itself (a page without a caption line: it is the article), and a marker
    line stays a marker."""
    if pattern is None:
        return []
    return [
        i
        for i in range(1, len(blocks) - 1)
        if marker_kinds[i] is None
        and kinds[i - 1] in ("good", "near")
        and pattern.fullmatch(blocks[i + 1].text)
    ]


def _classify(text: str, hints: Hints) -> tuple[str | None, str, bool]:
    """(marker kind, ``marker``/``caption``/prose kind, ends the article) of one block text."""
    marker = hints.markers.kind_of(text)
    if marker is not None:
        return marker, "marker", _is_end(text, hints)
    if text[0] in _PROMOTION_INITIALS and _PROMOTION.match(text):
        return None, "chrome", False
    return None, "caption" if is_caption(text) else prose_kind(text), _is_end(text, hints)


# A site's invitation to follow it, printed with every article and written as prose, so
# ``prose_kind`` takes it for a paragraph: Kompas's WhatsApp Channel and Telegram group and its
# newsletter (``Simak breaking news dan berita pilihan kami langsung di ponselmu. Pilih saluran
# andalanmu akses berita Kompas.com WhatsApp Channel : https://…``), and the like for Google
# News, WhatsApp or Telegram with the channel's address (``Ikuti … di Google News:
# https://…``; without one, ``Ikuti informasi … melalui saluran WhatsApp resmi BPBD`` is news).
# Of kind ``chrome``: no paragraph nor inline subheading, and like a marker it neither cuts the
# run of prose nor extends it.
_PROMOTION = re.compile(
    r"simak breaking news dan berita pilihan kami\b"
    r"|dapatkan (?:update berita pilihan dan breaking news|informasi, inspirasi dan insight)\b"
    r"|(?:ikuti|follow|gabung|join)\b.{0,80}\b(?:google news|whatsapp|telegram)\b.{0,80}"
    r"(?:https?://|www\.|t\.me/)",
    re.IGNORECASE,
)
_PROMOTION_INITIALS = frozenset("SsDdIiFfGgJj")
# The heading of the readers' comments or of their form (``Komentar``, ``Komentar (2)``, ``3
# Comments``, ``Tulis Komentar``, ``Leave a Reply``), or a share bar's ``Komentar``: no inline
# subheading (``_subheading``). It ends nothing: where it stands tells too little (a share bar
# after the lead, a subheading over the quotes closing a report), so comments after it that
# read like prose stay in the body when no other chrome stands between.
_COMMENTS_HEADING = re.compile(
    r"(?:\d{1,5} )?(?:komentar|comments?)(?: ?\(\d{1,5}\))?:?|\d{1,5} tanggapan"
    r"|(?:tulis|kirim|beri|berikan|tinggalkan|lihat|kolom|semua) komentar(?: anda)?:?"
    r"|(?:leave|post|write|add) a (?:reply|comment)|tinggalkan balasan",
    re.IGNORECASE,
)
_HEADING_MAX_CHARS = 40


def _is_end(text: str, hints: Hints) -> bool:
    if len(text) > 120:
        return False
    return END_LINE.fullmatch(text) is not None or bool(
        hints.body_end and hints.body_end.match(text)
    )


def _subheading(text: str, kind: str, repeated: set[str]) -> bool:
    """An inline heading between body paragraphs (``Awal Cerita``), not chrome or a caption,
    nor a blob of no words (an inline image's base64), nor the heading of readers' comments or
    of their form (``Komentar``, ``Leave a Reply``)."""
    return (
        kind == "other"
        and len(text) <= _SUBHEADING_MAX_CHARS
        and text not in repeated
        and 1 <= text.count(" ") + 1 <= 12
        and not is_blob(text)
        and not (len(text) <= _HEADING_MAX_CHARS and _COMMENTS_HEADING.fullmatch(text))
    )


def _between_paragraphs(
    blocks: list[Block], kinds: list[str], start: int, end: int, repeated: set[str]
) -> set[int]:
    """Blocks of the body ``[start, end)`` that are no prose by their ending but end a
    sentence after all (``ends_like_a_sentence``: before emoji or hashtags, ``… hari raya.
    👍``; with a colon, ``Berikut daftar lengkap harga … dinas perdagangan:``) and stand
    between two paragraphs, markers aside: the article's. After the last paragraph such a
    line is as often a promotion, and is left out as before; text printed elsewhere on the
    page again (a teaser) is never taken."""
    found: set[int] = set()
    previous = None  # the kind of the last block that is not a marker
    for i in range(start, end):
        kind = kinds[i]
        if kind == "marker":
            continue
        if (
            kind == "other"
            and previous in ("good", "near")
            and blocks[i].text not in repeated
            and _next_is_prose(kinds, i + 1, end)
            and ends_like_a_sentence(blocks[i].text)
        ):
            found.add(i)
        previous = kind
    return found


def _next_is_prose(kinds: list[str], i: int, end: int) -> bool:
    while i < end and kinds[i] == "marker":
        i += 1
    return i < end and kinds[i] in ("good", "near")


def _lead_sentence(
    blocks: list[Block],
    marker_kinds: list[str | None],
    kinds: list[str],
    header: Header,
    start: int,
    stands_with: Callable[[Block, Block], bool],
    repeated: set[str],
) -> int:
    """The body's start on an HTML page: the block before the run of prose (markers between
    aside) when it is a sentence after the header fields that is not the lead caption (it
    follows no image and has no photo credit) and stands where the body's first paragraph does
    (``stands_with``; not when either was cut off a glued marker): a short first paragraph
    (``Sebelumnya, KPK sempat memanggil sejumlah saksi.``), too short to open the run of prose.
    Not a heading, list item or notice elsewhere on the page; not when the run opens with a
    dateline (``Makassar (ANTARA News) - …``: the article starts there), nor for a fragment
    (``... mengingat dari sejumlah korban ...``, a pull quote). A first paragraph the page
    prints again in the body is one too (``repeated``: it was taken for a teaser)."""
    i = start - 1
    while i >= header.fields_end and marker_kinds[i]:
        i -= 1
    if i < header.fields_end or not (
        kinds[i] in ("good", "near") or _repeated_prose(blocks[i].text, kinds[i], repeated)
    ):
        return start
    text = blocks[i].text
    if text == header.caption:
        return start
    if not (text[0].isupper() or text[0].isdigit() or text[0] in "\"“'‘"):
        return start
    if split_dateline(blocks[start].text)[0] is not None:
        return start
    if not stands_with(blocks[i], blocks[start]):
        return start
    return i


def _own_repeats(blocks: list[Block], repeated: set[str], start: int, end: int) -> set[str]:
    """The prose printed more than once on the page whose every copy lies in the body
    ``[start, end)``: the article's own text (a paragraph printed twice, a pull quote copying
    one), kept at each place. A text printed outside the body too is a teaser (a related
    article in the body and again in a list), as before the body was found."""
    outside = {block.text for block in blocks[:start]} | {block.text for block in blocks[end:]}
    return {text for text in repeated if text not in outside}


def _repeated_prose(text: str, kind: str, repeated: set[str]) -> bool:
    """Prose of ``repeated`` (``other`` for finding the body: teaser lists repeat theirs)
    that is ``good`` prose on its own."""
    return kind == "other" and text in repeated and prose_kind(text) == "good"


def _body_start(
    blocks: list[Block], kinds: list[str], start: int, end: int, listed: Collection[int] = ()
) -> tuple[int, int]:
    """Move the start to a dateline among the run's first blocks: what precedes it is a lead
    caption or a pull quote. A dateline standing alone just before the run opens the body, and
    so does a short sentence that opens with a place and its source (``JAKARTA, KOMPAS.com -
    Pemerintah menaikkan harga BBM.``, too short to start the run of prose; markers may stand
    between); not a label (``VIDEO: …``, ``ILUSTRASI - …``: a headline or a caption), nor an
    item of a list inside the article (``listed``: ``SD: 10-12 Juni 2025``)."""
    for i in range(start - 1, max(-1, start - 1 - _LEAD_REACH), -1):
        if kinds[i] == "marker":
            continue
        if kinds[i] in _BODY_KINDS and _lead_with_source(blocks[i].text):
            return i, end
        break
    for i in range(start, min(start + 4, end)):
        if kinds[i] == "marker" or i in listed:  # `BACA JUGA: …` reads like a dateline too
            continue
        if split_dateline(blocks[i].text)[0] is not None:
            return i, end
        if standalone_dateline(blocks[i].text) and i + 1 < end:
            return i + 1, end
    return start, end


# How many blocks before the run of prose a lead that opens with a dateline is looked for
# (markers included).
_LEAD_REACH = 3
# First words of a caption's or a headline's label, which looks like a dateline: ``FOTO, VIDEO:
# …``, ``Ilustrasi (Shutterstock) - …``.
_LABEL_WORDS = frozenset(
    {"foto", "video", "ilustrasi", "update", "breaking", "infografis", "grafis", "eksklusif"}
)


def _lead_with_source(text: str) -> bool:
    """True for a sentence that opens with a dateline of a place and its source and a dash
    (``JAKARTA, KOMPAS.com - …``, ``Jakarta (ANTARA) - …``), not with a label."""
    dateline, rest = split_dateline(text)
    if dateline is None or not ("," in dateline or "(" in dateline) or not ends_sentence(text):
        return False
    separator = text[len(dateline) : len(text) - len(rest)].strip()
    first = dateline.split(maxsplit=1)[0].strip(",(").lower()
    return separator[:1] in "-–—" and first not in _LABEL_WORDS


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
