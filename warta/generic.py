"""The fallback extractor for pages of no known layout: title, then the main run of prose."""

from __future__ import annotations

from warta.article import Block, ParsedArticle
from warta.body import NO_BODY, NoArticle, looks_like_paragraph, split_body
from warta.markers import MarkerRules

# A body shorter than this is an index page, an error page or a login wall, not an article.
MIN_BODY_WORDS = 40
# Short non-prose blocks (share buttons, inline headings) tolerated inside the body.
_MAX_GAP = 2


def extract_generic(blocks: list[Block], rules: MarkerRules) -> ParsedArticle | NoArticle:
    """Title = the last short heading-like block before the main prose run; body = that run."""
    prose = [looks_like_paragraph(b.text) and rules.kind_of(b.text) is None for b in blocks]
    run = _longest_prose_run(blocks, prose, rules)
    if run is None:
        return NoArticle(NO_BODY)
    start, end = run
    title_at = next(
        (i for i in range(start - 1, -1, -1) if _looks_like_title(blocks[i].text, rules)), None
    )
    if title_at is None:
        return NoArticle(NO_BODY)
    body_blocks = [
        b for i, b in enumerate(blocks[start:end], start) if prose[i] or rules.kind_of(b.text)
    ]
    body = split_body(body_blocks, rules, None)
    if body is None or sum(p.word_count for p in body[0]) < MIN_BODY_WORDS:
        return NoArticle(NO_BODY)
    paragraphs, markers = body
    return ParsedArticle(
        title=blocks[title_at].text, paragraphs=paragraphs, ad_markers=markers, layout="generic"
    )


def _looks_like_title(text: str, rules: MarkerRules) -> bool:
    words = text.count(" ") + 1
    return 3 <= words <= 30 and not text.endswith(".") and rules.kind_of(text) is None


def _longest_prose_run(blocks, prose, rules) -> tuple[int, int] | None:
    """The ``[start, end)`` block range with the most prose words, allowing short gaps."""
    best, best_words = None, 0
    i = 0
    while i < len(blocks):
        if not prose[i]:
            i += 1
            continue
        start, words, gap, j, end = i, 0, 0, i, i
        while j < len(blocks) and gap <= _MAX_GAP:
            if prose[j]:
                words += blocks[j].text.count(" ") + 1
                gap, end = 0, j + 1
            elif rules.kind_of(blocks[j].text) is None:
                gap += 1
            j += 1
        if words > best_words:
            best, best_words = (start, end), words
        i = end
    return best
