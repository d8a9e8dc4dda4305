"""``extract_entities``: the mentions of one article, with canonical names."""

from __future__ import annotations

from collections.abc import Sequence

from warta.entities.gazetteer_match import match_gazetteer
from warta.entities.linking import ArticleLinker
from warta.entities.mention import EntityMention


def extract_entities(paragraphs: Sequence[str]) -> list[EntityMention]:
    """Mentions for one article (paragraphs in order), non-overlapping, document order.

    Within-article linking: a later short mention ('Putin') takes the canonical name of the
    full name seen earlier ('Vladimir Putin').
    """
    linker = ArticleLinker()
    mentions: list[EntityMention] = []
    for index, paragraph in enumerate(paragraphs):
        if not paragraph:
            continue
        for start, end, label in match_gazetteer(paragraph):
            text = paragraph[start:end]
            canonical = linker.canonical(text, label)
            mentions.append(
                EntityMention(
                    paragraph_index=index,
                    start_char=start,
                    end_char=end,
                    text=text,
                    label=canonical.label,
                    canonical_name=canonical.name,
                    entity_key=canonical.key,
                    method="gazetteer",
                )
            )
    return mentions
