"""Canonical names for the mentions of one article.

In order of preference a mention takes the name of: the gazetteer entity it spells; for an
organisation, the well-known one it spells, with or without a legal form (``organisations.tsv``:
``Persib`` → ``Persib Bandung``, ``PT Pertamina (Persero)`` → ``Pertamina``); an
abbreviation the article defined earlier (``Partai Kebangkitan Bangsa (PKB)``, then ``PKB``); an
earlier organisation whose initials it is (``KPK`` after ``Komisi Pemberantasan Korupsi``); an
earlier company whose name it is without the legal form (``Astra Otoparts`` after ``PT Astra
Otoparts Tbk``); an earlier full person name it shortens (``Putin`` after ``Vladimir Putin``); a
known person name it misspells by one letter (``Kim Jung-un`` → ``Kim Jong-un``); otherwise its
own text. A place's abbreviated street word is spelled out first (``Jl. Sudirman`` →
``Jalan Sudirman``).
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Sequence
from functools import cache, lru_cache
from typing import NamedTuple

from warta.entities.features import COMPANY_SUFFIXES, HONORIFICS, ORGANISATION_PREFIXES
from warta.entities.names import Gazetteer, entity_key, gazetteer, known_organisations, name_key

_EDGE_PUNCTUATION = "()[]“”\"'‘’.,;:-–—«»"
# A person's name after an honorific the tagger took into the mention (``Mr Bankman``, ``Bpk.
# Joko``): the mention's text keeps it, its name does not. Not ``H`` (haji), an initial too.
_SPELLED_HONORIFICS = sorted((h for h in HONORIFICS if len(h) > 1), key=len, reverse=True)
_HONORIFIC = re.compile(rf"(?:(?:{'|'.join(_SPELLED_HONORIFICS)})\.?\s+)+(?=[A-Z])")


def _without_honorifics(name: str) -> str:
    """``name`` without the honorifics it starts with (``Mr Bankman``: ``Bankman``)."""
    match = _HONORIFIC.match(name)
    return name[match.end() :] if match else name


# A street or an alley named with its abbreviated word (``Jl. Sudirman``, ``Jln Sudirman``,
# ``JL.Sudirman``, ``Gg. Mawar``) has the name it has with the word spelled out, so that the
# spellings of one street group under one key.
_STREET_WORDS = (
    (re.compile(r"(?i:jln?)(?:\.\s*|\s+)(?=\S)"), "Jalan "),
    (re.compile(r"(?i:gg)(?:\.\s*|\s+)(?=\S)"), "Gang "),
)


def _street_spelled_out(name: str) -> str:
    """``name`` with an abbreviated street or alley word at its start spelled out: ``Jl.
    Sudirman`` and ``Jln Sudirman`` give ``Jalan Sudirman``, ``Gg. Mawar`` ``Gang Mawar``."""
    if name[:1] in "JjGg":
        for word, spelled in _STREET_WORDS:
            match = word.match(name)
            if match:
                return spelled + name[match.end() :]
    return name


_TRAILING_ABBREVIATION = re.compile(r"^(?P<name>.+?)\s*\((?P<abbr>[^()]+)\)$")
_TRAILING_BRACKETS = re.compile(r"\s*\([^()]*\)$")


def company_core(name: str) -> str:
    """The name of a company without its legal form: ``PT Astra Otoparts Tbk`` gives ``Astra
    Otoparts`` (also ``PT.``, ``CV``, and brackets: ``PT Bank Mandiri (Persero) Tbk``,
    ``(IAMI)``), which the article may use alone later; ``""`` for a name without a prefix."""
    words = _TRAILING_BRACKETS.sub("", name).split()
    if len(words) < 2 or words[0].rstrip(".") not in ORGANISATION_PREFIXES:
        return ""
    core = words[1:]
    if len(core) > 1 and core[-1].rstrip(".") in COMPANY_SUFFIXES:
        core = _TRAILING_BRACKETS.sub("", " ".join(core[:-1])).split() or core  # (Persero) Tbk
    return " ".join(core)


class Canonical(NamedTuple):
    """The canonical name, label and grouping key of a mention."""

    name: str
    label: str
    key: str


class ArticleLinker:
    """Assigns canonical names to the mentions of one article, in document order."""

    def __init__(self, gaz: Gazetteer | None = None) -> None:
        self._gaz = gaz if gaz is not None else gazetteer()
        self._abbreviations: dict[tuple[str, str], str] = {}
        self._defined: dict[str, tuple[str, str]] = {}  # name key of an abbreviation -> entity
        self._orgs_by_initials: dict[str, str] = {}
        self._companies: dict[str, str] = {}  # name key of a company's core -> its full name
        self._person_parts: dict[str, str] = {}
        self._persons = _FullNames()

    def canonical(self, text: str, label: str) -> Canonical:
        """The canonical form of a mention ``text`` labelled ``label``; remembers full names."""
        defined = _TRAILING_ABBREVIATION.match(text) if text.endswith(")") else None
        core = defined.group("name") if defined else text
        core = core.strip(_EDGE_PUNCTUATION + " ") or text
        if label == "PER":
            core = _without_honorifics(core)
        if label == "LOC":
            core = _street_spelled_out(core)
        if label == "ORG" and core.startswith("The ") and core[4:5].isupper():
            core = core[4:]  # The Guardian is Guardian, as articles write it as often
        name, label = self._resolve(core, label)
        if defined:
            self._abbreviations[(label, name_key(defined.group("abbr")))] = name
            self._defined.setdefault(name_key(defined.group("abbr")), (name, label))
        self._remember(name, label)
        return Canonical(name, label, entity_key(label, name))

    def short_form(self, text: str, full: Canonical) -> Canonical:
        """``text`` written in brackets right after the mention named ``full`` as its short form
        (``Jakarta Selatan (Jaksel)``): that entity, and what ``text`` names later in the
        article."""
        self._abbreviations[(full.label, name_key(text))] = full.name
        self._defined.setdefault(name_key(text), (full.name, full.label))
        return full

    def _resolve(self, core: str, label: str) -> tuple[str, str]:
        known = self._gaz.lookup(core)
        if known is not None:
            return known.canonical_name, known.label
        key = name_key(core)
        if label == "ORG":
            known = known_organisations()
            if key in known:
                return known[key], label
            company = core[:2] in ORGANISATION_PREFIXES and company_core(core)
            if company and name_key(company) in known:  # PT Pertamina (Persero): Pertamina
                return known[name_key(company)], label
        if (label, key) in self._abbreviations:
            return self._abbreviations[(label, key)], label
        if key in self._defined:  # defined for another label: what it abbreviates (BIL)
            return self._defined[key]
        if label == "ORG" and core.isupper() and key in self._orgs_by_initials:
            return self._orgs_by_initials[key], label
        if label == "ORG" and key in self._companies:
            return self._companies[key], label
        if label == "PER":
            if " " not in key.replace("-", " ") and key in self._person_parts:
                return self._person_parts[key], label
            same = self._persons.first_with_key(key)  # spelled otherwise: Maruf Amin
            if same is not None:
                return same, label
            close = self._persons.one_edit_away(key) or _known_person_one_edit_away(key)
            if close:
                return close, label
        return " ".join(core.split()), label

    def _remember(self, name: str, label: str) -> None:
        if label == "ORG":
            initials = _initials_key(name)
            if initials:
                self._orgs_by_initials.setdefault(initials, name)
            company = name[:2] in ORGANISATION_PREFIXES and company_core(name)
            if company:
                self._companies.setdefault(name_key(company), name)
        elif label == "PER" and len(name.split()) >= 2:
            self._persons.add(_person_entry(name))
            for part in name.split():
                self._person_parts[name_key(part)] = name


class _FullNames:
    """The full person names of an article, in the order first seen, looked up by name key and
    by keys one letter edit away. Past a few dozen names (a whole site saved as one page can
    hold thousands) the second look-up uses an index instead of comparing with every name:
    each key is filed under itself and each of its one-letter deletions, and two keys within
    one edit (a letter replaced, added or dropped) share one of those."""

    _SCAN = 32  # up to this many names, comparing with each is cheaper than an index

    def __init__(self) -> None:
        self._entries: list[tuple[str, int, str]] = []  # (name key, hyphens in it, name)
        self._known: set[tuple[str, int, str]] = set()
        self._by_key: dict[str, str] = {}  # name key -> first name with it
        self._by_variant: dict[str, list[int]] = {}  # key or its deletion -> entries, in order
        self._indexed = 0  # entries filed in _by_variant

    def add(self, entry: tuple[str, int, str]) -> None:
        if entry not in self._known:
            self._known.add(entry)
            self._entries.append(entry)
            self._by_key.setdefault(entry[0], entry[2])

    def first_with_key(self, key: str) -> str | None:
        return self._by_key.get(key)

    def one_edit_away(self, key: str) -> str | None:
        """As ``_one_edit_away(key, <the names in order>)``: the first name that qualifies."""
        if len(self._entries) <= self._SCAN:
            return _one_edit_away(key, self._entries)
        if len(key) < 8 or "-" not in key:
            return None
        for position in range(self._indexed, len(self._entries)):
            for variant in _variants(self._entries[position][0]):
                self._by_variant.setdefault(variant, []).append(position)
        self._indexed = len(self._entries)
        hyphens = key.count("-")
        buckets = [self._by_variant.get(variant, ()) for variant in _variants(key)]
        for position in heapq.merge(*(b for b in buckets if b)):
            other, other_hyphens, name = self._entries[position]
            if other_hyphens == hyphens and other != key and _within_one_edit(key, other):
                return name
        return None


def _variants(key: str) -> set[str]:
    """``key`` and each string one letter shorter."""
    return {key, *(key[:i] + key[i + 1 :] for i in range(len(key)))}


@lru_cache(maxsize=100_000)
def _initials_key(name: str) -> str:
    """Name key of the initials of a multi-word organisation name (``KPK``), or ``""``."""
    words = name.replace("-", " ").split()
    initials = "".join(w[0] for w in words if w[0].isupper()) if len(words) >= 2 else ""
    return name_key(initials) if len(initials) >= 2 else ""


@lru_cache(maxsize=100_000)
def _person_entry(name: str) -> tuple[str, int, str]:
    key = name_key(name)
    return key, key.count("-"), name


@cache
def _known_persons() -> tuple[tuple[str, int, str], ...]:
    known = gazetteer().surfaces().values()
    names = sorted({e.canonical_name for e in known if e.label == "PER"})
    return tuple(_person_entry(name) for name in names)


@lru_cache(maxsize=100_000)
def _known_person_one_edit_away(key: str) -> str | None:
    return _one_edit_away(key, _known_persons())


def _one_edit_away(key: str, candidates: Sequence[tuple[str, int, str]]) -> str | None:
    """A multi-word candidate within one letter edit of the name keyed ``key`` (same word
    count), or None. ``candidates`` are ``(name key, hyphens in the key, name)``."""
    if len(key) < 8 or "-" not in key:
        return None
    hyphens = key.count("-")
    for other, other_hyphens, candidate in candidates:
        if other_hyphens == hyphens and other != key and _within_one_edit(key, other):
            return candidate
    return None


def _within_one_edit(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1 :] or (len(a) == len(b) and a[i + 1 :] == b[i + 1 :])
