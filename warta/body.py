"""Body text: what counts as prose, and the split of body blocks into paragraphs and markers."""

from __future__ import annotations

import re
from dataclasses import dataclass

from warta.article import AdMarker, Block, Paragraph
from warta.markers import MarkerRules

NO_BODY = "no article body found"
_SENTENCE_END = re.compile(r"[.!?…\"”’')]$")


@dataclass(frozen=True, slots=True)
class NoArticle:
    """A page that holds no article, and why."""

    reason: str


def looks_like_paragraph(text: str) -> bool:
    """Body prose: a full sentence of some length, not a label, a name or a caption."""
    words = text.count(" ") + 1
    return words >= 25 or (words >= 6 and _SENTENCE_END.search(text) is not None)


def split_body(
    blocks: list[Block], rules: MarkerRules, caption: str | None
) -> tuple[list[Paragraph], list[AdMarker]] | None:
    """Paragraphs and markers in document order; None when no paragraph remains."""
    paragraphs: list[Paragraph] = []
    pending: list[tuple[Block, str]] = []
    markers: list[AdMarker] = []
    for block in blocks:
        kind = rules.kind_of(block.text)
        if kind is not None:
            pending.append((block, kind))
            continue
        if block.text == caption:
            continue
        for marker_block, marker_kind in pending:
            zone = "body" if paragraphs else "header"
            markers.append(_marker(markers, marker_block, marker_kind, zone, len(paragraphs) - 1))
        pending.clear()
        paragraphs.append(Paragraph(len(paragraphs), block.text, block.line))
    if not paragraphs:
        return None
    for marker_block, marker_kind in pending:
        markers.append(_marker(markers, marker_block, marker_kind, "trailer", len(paragraphs) - 1))
    return paragraphs, markers


def _marker(markers, block: Block, kind: str, zone: str, after: int) -> AdMarker:
    return AdMarker(len(markers), block.line, block.text, kind, zone, after)
