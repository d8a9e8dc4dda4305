"""The row shape of one entity mention (the ``entities`` table, minus ``article_id``)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class EntityMention:
    """One mention of a named entity in one paragraph of an article."""

    paragraph_index: int
    start_char: int  # 0-based character offset into paragraphs[paragraph_index], end exclusive
    end_char: int
    text: str  # == paragraphs[paragraph_index][start_char:end_char]
    label: str  # "PER" | "ORG" | "LOC"
    canonical_name: str  # e.g. "Korea Utara" for "Korut"
    entity_key: str  # e.g. "LOC:korea-utara": f"{label}:{name_key(canonical_name)}"
    method: str  # how it was found: "model", "gazetteer", ...
