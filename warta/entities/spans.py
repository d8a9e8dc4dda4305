"""Corrections of the tagger's spans by the gazetteer and by institution heads learned in training.

The tagger sees one word at a time, so it sometimes joins a name to a neighbouring word or name.
These rules only split or add spans; each is general (no list of answers):

- Two or more known place names in a row (``Rusia Korea Utara``, from "senjata rancangan Rusia
  Korea Utara", or ``Rusia - Korea Utara``) are that many places.
- A person span that starts with a known place name (``Rusia Vladimir Putin``) is the place and
  the person.
- A span made of a sentence-initial capitalised word and a known place name (``Pasukan
  Ukraina``, ``Invasi Rusia`` at the start of a sentence) is the place, unless the word is a
  head (``Bank Indonesia``, ``Jalan Sudirman``) or itself part of a known name.
- A span of titles alone (``KH``, ``Kombes Pol``, ``Ir.`` before a name) is no name.
- An institution head (a word that starts organisation names in the training data: ``Dewan``,
  ``Kementerian``, ``Badan``) followed by capitalised words the tagger left unlabelled is an
  organisation (``Dewan Keamanan Nasional``), up to the next name the tagger found.

Heads (``train.learn_heads``) are words that start gold names of one label in the training data.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from itertools import compress

from warta.entities.features import (
    NAME_PREFIXES,
    PARAGRAPH_START,
    SENTENCE_STARTS,
    period_joins,
)
from warta.entities.names import KnownEntity

# (first token, end token, label, method)
Span = tuple[int, int, str, str]
_JOINERS = frozenset({"-", "/", "–"})


@dataclass(frozen=True, slots=True)
class Lexicon:
    """What the rules know: gazetteer name words, learned heads, and name connectors."""

    name_words: Collection[str]  # lowercased words of gazetteer names
    heads: dict[str, str]  # learned head word -> label of the names it starts
    connectors: Collection[str]  # tokens that may join capitalised words inside a name
    common: Collection[str] = frozenset()  # words the training text has in lowercase
    organisation_heads: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        heads = frozenset(word for word, label in self.heads.items() if label == "ORG")
        object.__setattr__(self, "organisation_heads", heads)


def refine(
    words: list[str],
    caps: list[bool],
    tagged: list[tuple[int, int, str]],
    known: list[tuple[int, int, KnownEntity]],
    lexicon: Lexicon,
) -> list[Span]:
    """The tagger's ``tagged`` spans corrected as the module describes, in token order.

    ``known`` are the gazetteer matches of ``words``; ``caps`` is ``capitalised_flags(words)``.
    """
    heads = lexicon.organisation_heads
    if heads.isdisjoint(compress(words, caps)):
        heads = frozenset()
        if not tagged:
            return []
    places = {first: (end, entity) for first, end, entity in known if entity.label == "LOC"}
    out: list[Span] = []
    for first, end, label in tagged:
        if _only_titles(words, first, end):
            continue
        out.extend(_split(words, first, end, label, places, lexicon))
    if heads:
        out.extend(_headed(words, caps, out, heads, lexicon))
        out.sort()
    return out


def _only_titles(words: list[str], first: int, end: int) -> bool:
    """True for a span of titles and name prefixes alone (``KH``, ``Kombes Pol``, ``Ir.``): the
    tagger sometimes labels the title before a name as a name of its own."""
    return all(word in NAME_PREFIXES or word == "." for word in words[first:end])


def _split(
    words: list[str],
    first: int,
    end: int,
    label: str,
    places: dict[int, tuple[int, KnownEntity]],
    lexicon: Lexicon,
) -> list[Span]:
    if end - first < 2:
        return [(first, end, label, "model")]
    tiles = _places_tiling(words, first, end, places)
    if len(tiles) >= 2:
        return [(a, b, "LOC", "rule") for a, b in tiles]
    lead = places.get(first)
    if label == "PER" and lead is not None and lead[0] < end and words[lead[0]][:1].isupper():
        return [(first, lead[0], "LOC", "rule"), (lead[0], end, "PER", "rule")]
    tail = places.get(first + 1)
    word = words[first]
    if (
        label != "PER"
        and tail is not None
        and tail[0] == end
        and (words[first - 1] if first else PARAGRAPH_START) in SENTENCE_STARTS
        and word not in lexicon.heads
        and word.lower() not in lexicon.name_words
        and word[:1].isupper()
        and word[1:].islower()
    ):
        return [(first + 1, end, "LOC", "rule")]
    return [(first, end, label, "model")]


def _places_tiling(
    words: list[str], first: int, end: int, places: dict[int, tuple[int, KnownEntity]]
) -> list[tuple[int, int]]:
    """Known place names that cover ``words[first:end]`` exactly (joined by hyphens or
    slashes at most), or ``[]``."""
    tiles = []
    i = first
    while i < end:
        if words[i] in _JOINERS and tiles:
            i += 1
            continue
        place = places.get(i)
        if place is None or place[0] > end:
            return []
        tiles.append((i, place[0]))
        i = place[0]
    return tiles if words[end - 1] not in _JOINERS else []


def _headed(
    words: list[str],
    caps: list[bool],
    spans: list[Span],
    heads: Collection[str],
    lexicon: Lexicon,
) -> list[Span]:
    """Organisation spans that start at an unlabelled institution head."""
    connectors, common = lexicon.connectors, lexicon.common
    taken = [False] * (len(words) + 1)
    for first, end, _, _ in spans:
        for i in range(first, end):
            taken[i] = True
    found: list[Span] = []
    n = len(words)
    for i in compress(range(n), caps):
        if words[i] not in heads or taken[i] or not caps[i + 1] or taken[i + 1]:
            continue
        j = i + 1
        while j < n and not taken[j]:
            if caps[j]:
                j += 1
            elif (
                caps[j + 1]
                and not taken[j + 1]
                and words[j] in connectors
                and (words[j] != "." or period_joins(words, j, i, common))
            ):
                j += 2
            else:
                break
        while not caps[j - 1]:
            j -= 1
        found.append((i, j, "ORG", "rule"))
        for k in range(i, j):
            taken[k] = True
    return found
