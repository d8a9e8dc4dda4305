"""Canonical names: the gazetteer of known entities and the keys that group mentions.

Known entities come from CLDR via ``babel`` (territory names and time-zone exemplar cities, in
Indonesian and English, so ``Rusia``/``Russia`` and ``Moskwa``/``Moscow`` are one entity each) and
from the curated ``aliases.tsv`` beside this module (Indonesian institutions, abbreviations,
usual Indonesian spellings). Names are matched by :func:`name_key`, which ignores case, accents,
apostrophe variants and hyphen-versus-space, so ``Kim Jong Un`` and ``Kim Jong-un`` agree.

Two lists beside it are not part of the gazetteer (not tagger features, not searched for on
their own): ``places.txt`` (Indonesian provinces, cities and islands, and capitals and cities
abroad that CLDR lacks) and ``organisations.tsv``
(well-known companies, brands and football clubs, with canonical names); they correct the label
of a span the tagger found (``warta.entities.extract``).
"""

from __future__ import annotations

import re
import unicodedata
import zoneinfo
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

from babel import Locale
from babel.dates import get_timezone_location

ALIASES_PATH = Path(__file__).with_name("aliases.tsv")
PLACES_PATH = Path(__file__).with_name("places.txt")
ORGANISATIONS_PATH = Path(__file__).with_name("organisations.tsv")
LABELS = ("PER", "ORG", "LOC")

# CLDR territory codes that name organisations or nothing in particular, not places.
_CLDR_ORGANISATIONS = frozenset({"UN", "EU"})
_CLDR_SKIPPED = frozenset({"001", "ZZ", "EZ", "QO"})
_CLDR_LOCALES = ("id", "en")
# An all-caps alias this short (``MA``, ``AS``) names its entity only when written in capitals.
_ACRONYM_MAX = 5
_LOOKUP_CACHE_LIMIT = 100_000  # surfaces remembered by Gazetteer.lookup before it forgets them

_NON_WORD = re.compile(r"[\W_]+")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "ʼ": "'"})


# Latin letters that Unicode does not decompose into a base letter and an accent, spelled as
# names are written without them (``Sınav`` → ``Sinav``, ``Søren`` → ``Soren``, ``Strauß`` →
# ``Strauss``).
_UNDECOMPOSED = str.maketrans(
    {
        **{"ı": "i", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d"},
        **{"Ð": "D", "ħ": "h", "Ħ": "H", "ŧ": "t", "Ŧ": "T", "ß": "ss", "ẞ": "SS"},
        **{"æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th", "Þ": "TH"},
    }
)


def _strip_accents(text: str) -> str:
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).translate(
        _UNDECOMPOSED
    )


@lru_cache(maxsize=100_000)
def slug(name: str) -> str:
    """Lowercase ASCII-folded name with runs of non-word characters as one ``-``.

    ``slug("Kim Jong-un") == "kim-jong-un"``; letters of other scripts are kept (lowercased).
    """
    return _NON_WORD.sub("-", _strip_accents(name).lower()).strip("-")


def entity_key(label: str, canonical_name: str) -> str:
    """The grouping key of an entity: its label and the :func:`name_key` of its canonical name,
    so spellings that differ only in case, accents, hyphens or apostrophes group together
    (``Ma'ruf Amin`` and ``Maruf Amin``: ``PER:maruf-amin``)."""
    return f"{label}:{name_key(canonical_name)}"


@lru_cache(maxsize=100_000)
def name_key(surface: str) -> str:
    """Key under which spellings of one name agree: case, accents, ``-``/space, apostrophes."""
    return slug(surface.translate(_APOSTROPHES).replace("'", ""))


@dataclass(frozen=True, slots=True)
class KnownEntity:
    """An entity of the gazetteer: its preferred spelling and label."""

    canonical_name: str
    label: str


class Gazetteer:
    """Name keys mapped to known entities, built from CLDR and the alias file."""

    def __init__(self) -> None:
        self._by_key: dict[str, _Group] = {}
        self._groups: list[_Group] = []
        self._acronym_keys: set[str] = set()
        self._curated: set[str] = set()
        self._looked_up: dict[str, KnownEntity | None] = {}  # emptied when entities are added

    def lookup(self, surface: str) -> KnownEntity | None:
        """The known entity ``surface`` names (any case/accent/hyphen variant), or None.

        Short all-caps aliases match only capitals: ``AS`` is a country, ``As`` is not.
        """
        if surface in self._looked_up:
            return self._looked_up[surface]
        key = name_key(surface)
        group = self._by_key.get(key)
        if group is None or (key in self._acronym_keys and not surface.isupper()):
            known = None
        else:
            known = KnownEntity(group.preferred, group.label)
        if len(self._looked_up) >= _LOOKUP_CACHE_LIMIT:
            self._looked_up.clear()
        self._looked_up[surface] = known
        return known

    def is_curated_alias(self, surface: str) -> bool:
        """True if ``surface`` is spelled as an alias of the alias file (``AS``, ``Korut``)."""
        return surface in self._curated

    def surfaces(self) -> dict[str, KnownEntity]:
        """Every spelling known to the gazetteer (as written in its source) and its entity."""
        return {
            name: KnownEntity(group.preferred, group.label)
            for group in self._groups
            for name in group.names
        }

    def add_group(self, names: list[str], label: str) -> None:
        """Add one entity spelled ``names`` (the first is preferred); known keys are not moved."""
        self._looked_up.clear()
        group = _Group(names[0], label)
        self._groups.append(group)
        for name in names:
            if name_key(name) and name_key(name) not in self._by_key:
                self._by_key[name_key(name)] = group
                group.names.append(name)

    def add_alias(self, alias: str, canonical: str, label: str) -> None:
        """Apply one alias-file row (see ``aliases.tsv`` for the rules)."""
        self._looked_up.clear()
        target = self._by_key.get(name_key(canonical))
        if target is None:
            target = self._by_key.get(name_key(alias))
            if target is None:
                target = _Group(canonical, label)
                self._groups.append(target)
        old = self._by_key.get(name_key(alias))
        if old is not None and old is not target and alias in old.names:
            old.names.remove(alias)
        if alias != canonical:
            self._curated.add(alias)
        if alias.isupper() and len(alias) <= _ACRONYM_MAX:
            self._acronym_keys.add(name_key(alias))
        for name in (canonical, alias):
            self._by_key[name_key(name)] = target
            if name not in target.names:
                target.names.append(name)
        target.preferred = canonical
        target.label = label


@dataclass(slots=True)
class _Group:
    preferred: str
    label: str
    names: list[str] = field(default_factory=list)


def read_alias_file(path: Path = ALIASES_PATH) -> list[tuple[str, str, str]]:
    """Rows ``(alias, canonical, label)`` of an alias file; ``#`` lines and blanks skipped."""
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 3 or fields[2] not in LABELS:
            raise ValueError(f"{path}:{number}: expected 'alias<TAB>canonical<TAB>PER|ORG|LOC'")
        rows.append((fields[0].strip(), fields[1].strip(), fields[2]))
    return rows


@cache
def _place_names() -> tuple[str, ...]:
    lines = PLACES_PATH.read_text(encoding="utf-8").splitlines()
    return tuple(line.strip() for line in lines if line.strip() and not line.startswith("#"))


@cache
def listed_places() -> frozenset[str]:
    """Name keys of the places in ``places.txt`` (Indonesian provinces, cities and islands;
    capitals and cities abroad), which correct the label of a span the tagger found; they are
    not part of the gazetteer."""
    return frozenset(name_key(name) for name in _place_names())


@cache
def listed_place_starts() -> frozenset[str]:
    """First words of the places in ``places.txt`` (``first_word_key``): a span whose first
    word is not one of them spells no such place (a set look-up instead of a name key per
    span)."""
    return frozenset(first_word_key(name.split()[0]) for name in _place_names())


def is_known_place(text: str) -> bool:
    """True if ``text`` spells a known place: one of ``places.txt``, or a gazetteer place."""
    if name_key(text) in listed_places():
        return True
    known = gazetteer().lookup(text)
    return known is not None and known.label == "LOC"


def first_word_key(word: str) -> str:
    """``word`` lowercased without accents: how the ``*_starts`` sets hold first words."""
    lower = word.lower()
    return lower if lower.isascii() else _strip_accents(lower)


@cache
def known_organisations() -> dict[str, str]:
    """Name key → canonical name of the companies, brands and clubs in ``organisations.tsv``:
    a span the tagger found that spells one is that organisation, and its other spellings in
    the article are added; like ``places.txt``, they are not part of the gazetteer."""
    known: dict[str, str] = {}
    lines = ORGANISATIONS_PATH.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = [part.strip() for part in line.split("\t")]
        if len(fields) > 2 or not all(fields):
            raise ValueError(f"{ORGANISATIONS_PATH}:{number}: expected 'name[<TAB>canonical]'")
        known[name_key(fields[0])] = fields[-1]
    return known


@cache
def known_organisation_starts() -> frozenset[str]:
    """First words of the names in ``organisations.tsv`` (see ``listed_place_starts``)."""
    lines = ORGANISATIONS_PATH.read_text(encoding="utf-8").splitlines()
    return frozenset(
        first_word_key(line.split()[0])
        for line in lines
        if line.strip() and not line.startswith("#")
    )


@cache
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer: CLDR territories and cities, then the alias file."""
    gaz = Gazetteer()
    locales = [Locale.parse(code) for code in _CLDR_LOCALES]
    for code in locales[0].territories:
        if code in _CLDR_SKIPPED:
            continue
        names = [loc.territories[code] for loc in locales if code in loc.territories]
        gaz.add_group(names, "ORG" if code in _CLDR_ORGANISATIONS else "LOC")
    for zone in sorted(zoneinfo.available_timezones()):
        if "/" not in zone or zone.startswith(("Etc/", "SystemV/", "US/")):
            continue
        names = [_exemplar_city(zone, loc) for loc in locales]
        gaz.add_group([n for n in names if n], "LOC")
    for alias, canonical, label in read_alias_file():
        gaz.add_alias(alias, canonical, label)
    return gaz


@cache
def _country_keys() -> frozenset[str]:
    """Name keys of the countries (CLDR territories with a two-letter code), in Indonesian and
    English."""
    locales = [Locale.parse(code) for code in _CLDR_LOCALES]
    return frozenset(
        name_key(locale.territories[code])
        for code in locales[0].territories
        if len(code) == 2 and code.isalpha() and code not in _CLDR_SKIPPED | _CLDR_ORGANISATIONS
        for locale in locales
        if code in locale.territories
    )


def is_country(text: str) -> bool:
    """True if ``text`` names a country (any spelling the gazetteer knows: ``Inggris``,
    ``Korut``), not a continent or a city."""
    known = gazetteer().lookup(text)
    return (
        known is not None
        and known.label == "LOC"
        and name_key(known.canonical_name) in _country_keys()
    )


def _exemplar_city(zone: str, locale: Locale) -> str | None:
    try:
        return get_timezone_location(zone, locale=locale, return_city=True)
    except (LookupError, ValueError):
        return None
