"""Mentions found by spelling alone: longest runs of tokens that spell a gazetteer name."""

from __future__ import annotations

from functools import cache

from warta.entities.names import gazetteer
from warta.entities.tokens import tokenize


@cache
def _phrases() -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """First token → (token sequence, label) of every gazetteer spelling, longest first."""
    table: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for surface, entity in gazetteer().surfaces().items():
        words = tuple(token for _, _, token in tokenize(surface))
        if words and words[0][0].isupper():
            table.setdefault(words[0], []).append((words, entity.label))
    for entries in table.values():
        entries.sort(key=lambda entry: -len(entry[0]))
    return table


def match_gazetteer(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, label)`` of the longest non-overlapping gazetteer names in ``text``."""
    tokens = tokenize(text)
    words = [token for _, _, token in tokens]
    table = _phrases()
    found = []
    i = 0
    while i < len(tokens):
        for phrase, label in table.get(words[i], ()):
            if tuple(words[i : i + len(phrase)]) == phrase:
                found.append((tokens[i][0], tokens[i + len(phrase) - 1][1], label))
                i += len(phrase)
                break
        else:
            i += 1
    return found
