"""Known names found by spelling: longest token runs that spell a gazetteer name exactly."""

from __future__ import annotations

from functools import cache
from itertools import compress

from warta.entities.features import capitalised_flags
from warta.entities.names import KnownEntity, gazetteer
from warta.entities.tokens import tokenize


@cache
def _phrases() -> dict[str, list[tuple[tuple[str, ...], KnownEntity]]]:
    """First word → (words, entity) of every capitalised gazetteer spelling, longest first."""
    table: dict[str, list[tuple[tuple[str, ...], KnownEntity]]] = {}
    for surface, entity in gazetteer().surfaces().items():
        words = tuple(token for _, _, token in tokenize(surface))
        if words and words[0][0].isupper():
            table.setdefault(words[0], []).append((words, entity))
    for entries in table.values():
        entries.sort(key=lambda entry: -len(entry[0]))
    return table


def match_gazetteer(
    words: list[str], caps: list[bool] | None = None
) -> list[tuple[int, int, KnownEntity]]:
    """``(first, end, entity)`` token ranges of the longest non-overlapping gazetteer names.

    Every gazetteer spelling starts with a capitalised word, so only capitalised tokens are
    tried (``caps`` is ``capitalised_flags(words)`` if the caller has it already).
    """
    if caps is None:
        caps = capitalised_flags(words)
    table = _phrases()
    found = []
    end = 0
    for i in compress(range(len(words)), caps):
        if i < end:
            continue
        for phrase, entity in table.get(words[i], ()):
            if tuple(words[i : i + len(phrase)]) == phrase:
                end = i + len(phrase)
                found.append((i, end, entity))
                break
    return found
