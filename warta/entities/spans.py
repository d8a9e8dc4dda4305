"""Corrections of the tagger's spans by the gazetteer and by institution heads learned in training.

The tagger sees one word at a time, so it sometimes joins a name to a neighbouring word or name,
and it has seen few Indonesian titles, ranks, company forms, government bodies and place heads.
These rules split, add, trim, join and relabel spans; each is general (word lists of titles,
prefixes and heads in ``features.py``, no list of answers). docs/NER.md (step 4) lists them
all with examples; the first ones:

- Two or more known place names in a row (``Rusia Korea Utara``, from "senjata rancangan Rusia
  Korea Utara", or ``Rusia - Korea Utara``) are that many places.
- A person span that starts with a known place name (``Rusia Vladimir Putin``) is the place and
  the person.
- A span made of a sentence-initial capitalised word and a known place name (``Pasukan
  Ukraina``, ``Invasi Rusia`` at the start of a sentence) is the place, unless the word is a
  head (``Bank Indonesia``, ``Jalan Sudirman``) or itself part of a known name, or the span
  is a known organisation (``Real Madrid``).
- A span of titles alone (``KH``, ``Kombes Pol``, ``Ir.`` before a name) is no name.
- An institution head (a word that starts organisation names in the training data: ``Dewan``,
  ``Kementerian``, ``Badan``; or an Indonesian government body, ``features.GOVERNMENT_BODIES``:
  ``DPRD``, ``Pemkot``, ``Polres``) followed by capitalised words the tagger left unlabelled is
  an organisation (``Dewan Keamanan Nasional``, ``DPRD Jawa Barat``), up to the next name the
  tagger found; a span that starts with a government body is an organisation
  (``Pemkot Surabaya``, which the tagger calls a person).

Heads (``train.learn_heads``) are words that start gold names of one label in the training data.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from itertools import compress

from warta.entities.features import (
    ADMINISTRATIVE_HEADS,
    BARE_AMBIGUOUS_TITLES,
    CLUB_WORDS,
    COMPANY_SUFFIXES,
    GIVEN_NAME_PREFIXES,
    GOVERNMENT_BODIES,
    INSTITUTION_WORDS,
    NAME_PREFIXES,
    NATIONAL_POSITIONS,
    ORGANISATION_PLACE_TAILS,
    ORGANISATION_POSITIONS,
    ORGANISATION_PREFIXES,
    ORGANISATION_TAILS,
    PARAGRAPH_START,
    PERSON_TITLES,
    PLACE_HEADS,
    PLACE_TAILS,
    POSITION_WORDS,
    POSITIONS,
    RANK_PARTS,
    RANKS,
    REGIONAL_COMMANDS,
    REGIONAL_POSITIONS,
    SENTENCE_STARTS,
    TITLE_WORDS,
    calendar_words,
    continues_portfolio,
    period_joins,
)
from warta.entities.names import (
    KnownEntity,
    is_known_place,
    known_organisations,
    listed_places,
    name_key,
)

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
        object.__setattr__(self, "organisation_heads", heads | GOVERNMENT_BODIES)


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
    named = set(compress(words, caps))  # every rule needs one of its capitalised words
    titled = not TITLE_WORDS.isdisjoint(named)
    if heads.isdisjoint(named):
        heads = frozenset()
        if not tagged and not titled:
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
    if titled:
        out = _titled(words, caps, out, lexicon.common)
    if not out:
        return out
    out = _prefixed(words, named, out, lexicon.common)
    if not PLACE_HEADS.isdisjoint(named):
        out = _headed_places(words, out, lexicon.common)
    if not _COMPANIES_AND_CLUBS.isdisjoint(named):
        out = _companies_and_clubs(words, caps, out, lexicon.common)
    if POSITION_WORDS.isdisjoint(named):
        return out
    return _after_positions(words, out, lexicon.organisation_heads, lexicon.common)


_COMPANIES_AND_CLUBS = (
    COMPANY_SUFFIXES | CLUB_WORDS | ORGANISATION_TAILS | PLACE_TAILS | ORGANISATION_PLACE_TAILS
)


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
        and name_key(" ".join(words[first:end])) not in known_organisations()  # Real Madrid
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
        opened = _unclosed_bracket(words, i, j)
        if opened > i + 1:  # Sekretariat Gabungan (Setgab) ends before its short form
            j = opened
        while not caps[j - 1]:
            j -= 1
        found.append((i, j, "ORG", "rule"))
        for k in range(i, j):
            taken[k] = True
    return found


def _unclosed_bracket(words: list[str], first: int, end: int) -> int:
    """Index of the first ``(`` in ``words[first:end]`` that is not closed there, or -1."""
    depth, opened = 0, -1
    for k in range(first, end):
        if words[k] == "(":
            depth, opened = depth + 1, (opened if depth else k)
        elif words[k] == ")" and depth:
            depth -= 1
    return opened if depth else -1


def _titled(
    words: list[str], caps: list[bool], spans: list[Span], common: Collection[str]
) -> list[Span]:
    """Person names after titles and ranks (``Kombes Pol. Budhi Herdi Susianto``, ``KH. Ma'ruf
    Amin``, ``Brigjen TNI Achiruddin``) and after an abbreviated given name (``Moch.
    Nurhasim``, which is part of the name); see ``_name_after_titles``. Left alone: a title in
    an institution's or a street's name (``RSUD Dr. Soetomo``, ``Jl. Dr. Sutomo``), and an
    ``H.`` inside a person span, which is an initial (``Ahmad H. Siregar``)."""
    n = len(words)
    i = 0
    while i < n:
        word = words[i]
        if not caps[i] or word not in PERSON_TITLES:
            if word in GIVEN_NAME_PREFIXES and words[i + 1 : i + 2] == ["."] and caps[i + 2]:
                spans = _name_after_titles(words, caps, spans, i, i, common)
            i += 1
            continue
        j = i + 1
        dotted = False
        while j < n:
            if words[j] in PERSON_TITLES or words[j] in RANK_PARTS:
                j += 1
            elif words[j] == "." and words[j - 1] in PERSON_TITLES:
                dotted = True
                j += 1
            elif words[j : j + 3] == ["(", "Purn", ")"]:  # Mayjen TNI (Purn) Sudrajat
                j += 3
            elif words[j : j + 4] == ["(", "Purn", ".", ")"]:
                j += 4
            else:
                break
        if (
            j < n
            and caps[j]
            and (dotted or j - i >= 2 or word not in BARE_AMBIGUOUS_TITLES)
            and not _names_a_place_or_body(words, i)
            and not (len(word) == 1 and _inside_a_person(words, spans, i))
        ):
            spans = _name_after_titles(words, caps, spans, i, j, common)
        i = j
    return spans


def _names_a_place_or_body(words: list[str], i: int) -> bool:
    """True if the titles at ``words[i]`` follow a prefix that is not a title or a word that
    starts an institution's or a street's name (``INSTITUTION_WORDS``), with or without a
    period: ``Muh. H. …`` is a given name, ``Jl. Dr. Sutomo`` a street, ``RSUD Dr. Soetomo`` a
    hospital. (Not the learned heads: they include words that end place names, ``Timur``,
    ``Papua``, after which a title starts a person: ``DPRD Papua Dr. Yunus Wonda``.)"""
    before = words[i - 2] if i >= 2 and words[i - 1] == "." else words[i - 1] if i else ""
    return (before in NAME_PREFIXES and before not in PERSON_TITLES) or before in INSTITUTION_WORDS


def _inside_a_person(words: list[str], spans: list[Span], i: int) -> bool:
    """True if the letter ``words[i]`` is an initial in a person span (``Ahmad H. Siregar``),
    not the title Haji after a place the span ran on from (``Kota Bogor H. Atang``)."""
    return (
        i > 0
        and not is_known_place(words[i - 1])
        and any(first < i < last and label == "PER" for first, last, label, _ in spans)
    )


def _is_listed_place(text: str) -> bool:
    return name_key(text) in listed_places()


def _place_end(
    words: list[str],
    k: int,
    end: int | None = None,
    is_place: Callable[[str], bool] = is_known_place,
) -> int:
    """End of the longest place (up to three words, before ``end``) starting at ``words[k]``
    by ``is_place``, or -1."""
    limit = len(words) if end is None else end
    for size in (3, 2, 1):
        if k + size <= limit and is_place(" ".join(words[k : k + size])):
            return k + size
    return -1


def _name_after_titles(
    words: list[str],
    caps: list[bool],
    spans: list[Span],
    titles: int,
    name: int,
    common: Collection[str],
) -> list[Span]:
    """``spans`` with the person named at ``words[name]``, after titles from ``titles``.

    The name takes the tagger's person span there, from its first word after the titles (its
    own start if the tagger put the titles in, as the gold sometimes has it: ``Ir.
    Soprijanto``); a span of another label there is left as the tagger has it. Before the
    titles, a person span is dropped (``Penyanyi`` in ``Penyanyi Hj. Iis Dahlia``) but for a
    government body in it (``Polres Lhokseumawe`` in ``Kasat Reskrim Polres Lhokseumawe AKP
    Yasir``), and another keeps its part before them (``MPR`` in ``MPR H. Bambang Soesatyo``).
    Where the tagger found nothing, the name is the capitalised words after the titles, up to
    a weekday or month or a word the training text has in lowercase (``Dr. Mudzakir Senin``
    gives ``Mudzakir``).
    """
    end = name + 1
    calendar = calendar_words()
    while caps[end] or (
        end < len(words)
        and words[end] == "."
        and caps[end + 1]
        and period_joins(words, end, name, common)
    ):
        lower = words[end].lower()
        if lower in calendar or lower in common:
            break
        end += 1
    out: list[Span] = []
    person: Span | None = None
    for first, last, label, method in spans:
        if last <= titles or first >= end or person is not None:
            out.append((first, last, label, method))
        elif first < titles and last > name:  # a span across the titles
            if label != "PER":  # RSUD Dr. Soetomo, as the tagger has it
                return spans
            out.extend(_body_before(words, first, titles))
            person = (name, last, "PER", "rule")
            out.append(person)
        elif last <= name:  # ends among the titles
            if first < titles and label != "PER":
                out.append((first, titles, label, "rule"))
            elif first < titles and is_known_place(" ".join(words[first:titles])):
                out.append((first, titles, "LOC", "rule"))  # DPRD Papua Dr. Yunus Wonda
            elif first < titles:
                out.extend(_body_before(words, first, titles))
        elif first == name or (first == titles and RANKS.isdisjoint(words[titles:name])):
            if label != "PER":
                return spans
            person = (first, last, label, method)  # as the tagger has it
            out.append(person)
        elif (
            first == titles
            and label != "PER"
            and not (label == "ORG" and _rank_of_a_person(words[titles]))
        ):
            return spans
        elif first < name or label == "PER":  # Pol Badrodin Haiti; KH. Ma'ruf + Amin
            person = (name, last, "PER", "rule")
            out.append(person)
        else:  # another kind of name after a gap: the words before it are the person's
            person = (name, first, "PER", "rule")
            out.extend((person, (first, last, label, method)))
    if person is None:
        out.append((name, end, "PER", "rule"))
        out.sort()
    return out


def _rank_of_a_person(word: str) -> bool:
    """True for a rank that only a person holds (``AKBP``, ``Kombes``, ``Brigjen``): an
    organisation span that starts with it is the person after it (``AKBP Achmadi``, which the
    tagger may take for an organisation; a place span is a street named for the person,
    ``Brigjen Katamso``, and stays). Not the words that are ranks only after another (``Pol``,
    ``Inf``, ``Kol``: ``Pol Pot``), nor ``Jend``, a street's shorthand too (``Jend Sudirman
    Kav 52``)."""
    return word in RANKS and word not in BARE_AMBIGUOUS_TITLES and word != "Jend"


def _body_before(words: list[str], first: int, titles: int) -> list[Span]:
    """The government body in the words a person span had before its titles: ``Polres
    Lhokseumawe`` in ``Kasat Reskrim Polres Lhokseumawe AKP Yasir``."""
    body = _body_in(words, first, titles)
    return [(body, titles, "ORG", "rule")] if body >= 0 else []


def _body_in(words: list[str], first: int, end: int) -> int:
    """Index of the first government body in ``words[first:end]``, or -1: not ``Kepresidenan``
    ending an office's name (``Staf Kepresidenan``), nor a prison before a person
    (``_prison_and_person``)."""
    return next(
        (
            i
            for i in range(first, end)
            if words[i] in GOVERNMENT_BODIES
            and not (words[i] == "Kepresidenan" and words[i - 1] == "Staf")
            and not _prison_and_person(words, i + 1, end)
        ),
        -1,
    )


def _prison_and_person(words: list[str], name: int, end: int) -> bool:
    """True if the words from ``words[name]`` to ``end`` after a prison's word (``Lapas``,
    ``Rutan``) are three or more that start with no known place: the prison's place and its
    head's name run together (``Kepala Rutan Pondok Bambu Ibnu Chuldun``), whose end is not
    known, so the span is left as the tagger has it."""
    return (
        name > 0
        and words[name - 1] in _PRISONS
        and end - name >= 3
        and _place_end(words, name, end) < 0
    )


_PRISONS = frozenset({"Lapas", "Rutan"})


def _abbreviated_ministry(word: str) -> bool:
    """``Kemenpora``, ``Kemenkumham``: a ministry's usual abbreviation (not ``Kementerian``)."""
    return (
        word.startswith("Kemen")
        and len(word) > 5
        and word[5].islower()
        and word not in ("Kementerian", "Kementrian")
    )


def _prefixed(
    words: list[str], named: Collection[str], spans: list[Span], common: Collection[str]
) -> list[Span]:
    """Prefixes, bodies, initials and degrees around the spans, in one pass:

    - ``PT`` (``PT.``) before or at the start of a span makes it an organisation that includes
      the prefix, as the training data writes them (``PT Salma Arowana Lestari``); if the
      tagger labelled the span a person or place and it went on past a company suffix, the
      company ends there and the rest keeps that label (``Direktur PT Astra Otoparts Tbk
      Yusak Kristian``; an organisation span is kept whole, as the gold has ``PT Medco Energi
      Internasional Tbk MEDC``);
    - a government body before or at the start of a span makes it an organisation with the
      places after it (``Pemkot Surabaya``, ``Dinkes Kota`` + ``Depok``, ``Polres`` +
      ``Bandung``), but not with a person after it (``DPRD`` + ``Budi``);
    - a person span that ends at an initial, or another span that ends at a title, takes the
      name after the period (``George W.`` + ``Bush``, ``George H. W. Bush``, ``Universitas
      Dr.`` + ``Soetomo``, ``Jalan Prof.`` + ``Dr. Satrio``);
    - an academic degree after a comma (``Budi Santoso, M.Si.``) is no name;
    - a person after a prison's word in lowercase or in brackets is the prison's place
      (``lapas Pondok Bambu``, ``(Rutan) Lhoksukon``), after ``situs`` a web site
      (``situs Page Six``): ``_kind_before``;
    - a person after ``Dinas`` that starts with a portfolio's word is the regional agency up
      to its region, the rest a person (``Dinas`` + ``Pariwisata Bali Tjok Bagus Pemayun``:
      ``_agency``); one that starts with ``Kepresidenan`` after ``Staf`` is the person after
      it (``Kantor Staf Kepresidenan Moeldoko``), and ``istana Kepresidenan`` is the palace,
      left to the tagger.
    """
    if _TRIGGERS.isdisjoint(named) and not any(
        words[first].startswith("Kemen")
        or _kind_before(words, first)
        or (first > 0 and words[first - 1] == "Dinas")
        for first, _, _, _ in spans
    ):
        return spans  # no prefix, body, title, letter, ministry, prison, site or agency
    out: list[Span] = []
    taken_end = 0
    for k, (first, end, label, method) in enumerate(spans):
        if first < taken_end:
            continue
        prefix = _prefix_before(words, first, taken_end)
        if prefix >= 0 and label != "ORG":
            suffix = next((i for i in range(first, end - 1) if words[i] in COMPANY_SUFFIXES), -1)
            if suffix >= 0:
                out.append((prefix, suffix + 1, "ORG", "rule"))
                first, method = suffix + 1, "rule"
            else:
                first, label, method = prefix, "ORG", "rule"
        elif prefix >= 0 and prefix < first:
            first, method = prefix, "rule"
        elif label == "PER" and (person := _after_staff_office(words, first, end)) > 0:
            first, method = person, "rule"  # Kantor Staf Kepresidenan + the person Moeldoko
        elif label != "ORG" and (
            (
                words[first] in GOVERNMENT_BODIES
                and not _palace(words, first)
                and not _prison_and_person(words, first + 1, end)
            )
            or _abbreviated_ministry(words[first])
        ):  # Pemkot Surabaya, Kemenpora
            label, method = "ORG", "rule"
        elif (
            label == "PER"
            and (agency := _agency(words, first, end)) is not None
            and (first - 1 >= taken_end or (out and out[-1][:2] == (first - 1, first)))
        ):
            if first - 1 < taken_end:
                out.pop()  # Dinas alone, a name of its own to the tagger
            out.append((first - 1, agency, "ORG", "rule"))  # Dinas + Pariwisata Badung
            if agency == end:
                taken_end = end
                continue
            first, method = agency, "rule"
        elif label == "PER" and (body := _body_in(words, first + 1, end)) >= 0:
            # Kasubdit … Polda Lampung; Kabag Ops Polres Bogor + the person Rizky Wahyudi
            region = _place_end(words, body + 1)
            if 0 < region < end:
                out.append((body, region, "ORG", "rule"))
                first, method = region, "rule"
            else:
                first, label, method = body, "ORG", "rule"
        elif label == "LOC" and first > taken_end and words[first - 1] in GOVERNMENT_BODIES:
            first, label, method = first - 1, "ORG", "rule"  # Polres + Bandung
        elif (
            label == "PER"
            and first > taken_end
            and words[first - 1] in REGIONAL_COMMANDS
            and not _prison_and_person(words, first, end)
        ):
            region = _place_end(words, first)
            if 0 < region < end:  # Polres + the person Bogor Rizky Wahyudi
                out.append((first - 1, region, "ORG", "rule"))
                first, method = region, "rule"
            else:  # Polda + the person Metro Jaya
                first, label, method = first - 1, "ORG", "rule"
        elif (
            label == "PER"
            and (kind := _kind_before(words, first))
            and (kind != "LOC" or end - first <= _PRISON_NAME_WORDS)
        ):
            label, method = kind, "rule"  # lapas + the person Pondok Bambu: its place
        if _is_degree(words, first, end):
            continue
        following = spans[k + 1 :]
        stop = _continued(words, first, end, label, following, common)
        if label == "ORG" and words[first] in GOVERNMENT_BODIES:
            while following and following[0][0] == stop and following[0][2] == "LOC":
                stop, following = following[0][1], following[1:]  # Dinkes Kota + Depok
        if stop > end:
            end, method = stop, "rule"
        out.append((first, end, label, method))
        taken_end = end
    return out


# Words without which no rule of _prefixed applies: prefixes, bodies, titles (a span ending at
# one) and capital letters (initials, and every degree it cuts has one: M.Si, S.H, Ph.D).
_TRIGGERS = (
    ORGANISATION_PREFIXES | GOVERNMENT_BODIES | PERSON_TITLES | frozenset(string.ascii_uppercase)
)


def _after_staff_office(words: list[str], first: int, end: int) -> int:
    """Where the person starts in a person span that holds ``Staf Kepresidenan``, the end of
    an office's name (``Kantor Staf Kepresidenan Moeldoko``, ``Staf Kepresidenan
    Jaleswari …``), with no place after it, as a presidency has (``Kepresidenan Prancis``);
    else -1."""
    for k in range(first, end - 1):
        if words[k] == "Kepresidenan" and k > 0 and words[k - 1] == "Staf":
            if is_known_place(" ".join(words[k + 1 : end])):
                return -1
            return k + 1
    return -1


def _palace(words: list[str], first: int) -> bool:
    """True for ``Kepresidenan`` after ``istana``: the presidential palace, a place (``istana
    Kepresidenan Bogor``), left to the tagger."""
    return words[first] == "Kepresidenan" and first > 0 and words[first - 1].lower() == "istana"


def _agency(words: list[str], first: int, end: int) -> int | None:
    """Where a regional agency's name ends in a person span right after ``Dinas`` that starts
    with a portfolio's words (``Dinas`` + ``Pariwisata Badung``, which the tagger calls a
    person): after the portfolio and its region, a known place (``Pariwisata Bali`` before
    ``Tjok Bagus Pemayun``), a place head and its name (``Kesehatan Kota Depok``) or the one
    word left (``Pariwisata Badung``); more words left are a person (``Pendidikan`` before
    ``Budi Santoso``). None otherwise (``Kepala Dinas Budi Santoso``)."""
    if first == 0 or words[first - 1] != "Dinas" or not continues_portfolio(words[first], None):
        return None
    k, previous = first + 1, words[first]
    while k < end:
        if words[k] == "dan" and k + 1 < end and continues_portfolio(words[k + 1], previous):
            k += 1  # Dinas Kebudayaan dan Pariwisata
        elif continues_portfolio(words[k], previous):
            previous, k = words[k], k + 1
        else:
            break
    if k < end:
        place = _place_end(words, k, end)
        if place > 0:
            k = place
        elif words[k] in PLACE_HEADS and k + 1 < end:
            k += 2
        elif end - k == 1:
            k = end
    return k


def _kind_before(words: list[str], first: int) -> str | None:
    """The label of what a lowercase word before ``words[first]`` says the name is, or None: a
    prison's place (``LOC``) after ``lapas`` or ``rutan``, also in brackets after the long
    name (``lapas Pondok Bambu``, ``Rumah Tahanan Negara (Rutan) Lhoksukon``: a prison is
    named by its place); a web site (``ORG``) after ``situs`` (``situs Page Six``), or, where
    a title starts the name, a heritage site named for a person (``LOC``: ``situs Ratu
    Boko``); None where the place's staff, inmates or keepers come before its word: the name
    is as often theirs as the place's (``kepala lapas Rudy Setiawan``, ``napi rutan Ahmad
    Yani``, ``pengelola situs …``; ``penghuni lapas Sukamiskin`` is the place), so it is
    left to the tagger."""
    if first == 0:
        return None
    at = first - 1
    if words[at] == ")" and first >= 3 and words[first - 3] == "(":
        at = first - 2  # (Rutan) Lhoksukon
    kind = _NAMED_AFTER.get(words[at].lower() if at < first - 1 else words[at])
    if kind is not None and at > 0 and words[at - 1].lower() in _PEOPLE_OF_THE_PLACE:
        return None  # kepala lapas + a person, napi rutan + one, pengelola situs + one
    if kind == "ORG" and words[first] in _SITE_TITLES:
        return "LOC"
    return kind


_NAMED_AFTER = {"lapas": "LOC", "rutan": "LOC", "situs": "ORG"}
_PRISON_NAME_WORDS = 2  # a longer span after a prison's word has a person in it
# The staff and inmates of a prison and the keepers of a site: the name after the place's
# word may be theirs (``kepala lapas Rudy Setiawan``, ``napi rutan Ahmad Yani``, ``juru
# pelihara situs Sutrisno``).
_PEOPLE_OF_THE_PLACE = frozenset(
    {
        *("kepala", "ka", "petugas", "sipir", "pegawai", "staf", "pejabat", "karyawan"),
        *("direktur", "humas", "plt", "plh", "wakil", "kasubsi", "kasi", "kalapas", "karutan"),
        *("napi", "narapidana", "tahanan", "penghuni", "binaan", "warga", "terpidana"),
        *("pelihara", "pengelola", "penjaga", "juru", "admin", "pemilik", "pendiri"),
    }
)
# Titles that start the name of a heritage site named for a person (``situs Ratu Boko``).
_SITE_TITLES = frozenset(
    {
        *("Ratu", "Raja", "Prabu", "Sultan", "Sunan", "Syekh", "Syeikh", "Mbah", "Ki", "Nyi"),
        *("Eyang", "Pangeran", "Raden", "Datuk", "Dewi", "Batu", "Candi", "Makam", "Gua"),
    }
)


def _prefix_before(words: list[str], first: int, taken_end: int) -> int:
    """Index of an organisation prefix (``PT``, ``PT.``) at or just before ``words[first]``
    that no earlier span took, or -1."""
    prefix = first
    if first >= 1 and words[first - 1] in ORGANISATION_PREFIXES:
        prefix = first - 1
    elif first >= 2 and words[first - 1] == "." and words[first - 2] in ORGANISATION_PREFIXES:
        prefix = first - 2
    if prefix < taken_end or words[prefix] not in ORGANISATION_PREFIXES:
        return -1
    return prefix


def _continued(
    words: list[str],
    first: int,
    end: int,
    label: str,
    following: list[Span],
    common: Collection[str],
) -> int:
    """Where a span ending at an initial (a person's) or at a title (any other name's) really
    ends: over the periods that join and the capitalised words after them, and over the
    tagger's spans there (a person's only for a person)."""
    last = words[end - 1]
    initial = label == "PER" and len(last) == 1 and last.isupper()
    named_after = label != "PER" and last in PERSON_TITLES and words[first] in INSTITUTION_WORDS
    if not (initial or named_after):
        return end
    n = len(words)
    stop = end
    while stop < n:
        if following and following[0][0] == stop:
            if label == "PER" and following[0][2] != "PER":
                break
            stop, following = following[0][1], following[1:]
        elif (
            words[stop] == "."
            and stop + 1 < n
            and words[stop + 1][:1].isupper()
            and period_joins(words, stop, first, common)
        ):
            stop += 1
        elif words[stop - 1] == "." or (words[stop - 1][:1].isupper() and stop > end):
            word = words[stop]
            if not word[:1].isupper() or word.lower() in common:
                break
            stop += 1
        else:
            break
    while words[stop - 1] == ".":
        stop -= 1
    return stop


# Offices of a village, a district or a regency before its administrative head: the person
# after it is the office holder (``Kepala Desa Budi``, ``Sekretaris Kecamatan Ani``).
_HEAD_OFFICES = frozenset({"Kepala", "Sekretaris", "Wakil", "Plt", "Plh", "Penjabat", "Pj"})


def _head_stands_alone(words: list[str], head: int, common: Collection[str]) -> bool:
    """True if the administrative head ``words[head]`` starts a name of its own: no office of
    the place before it (``Kepala Desa`` + ``Budi``, the village head) and no capitalised word
    but an ordinary one starting the sentence (``Warga Kabupaten Badung``, ``Pemerintah
    Kabupaten Madiun``; not ``Dinas Kesehatan Kabupaten Bogor`` or ``BPPD Kabupaten Badung``
    in a sentence, an institution's name)."""
    if head == 0:
        return True
    before = words[head - 1]
    if before in _HEAD_OFFICES:
        return False
    if not before[:1].isupper():
        return True
    sentence_start = head == 1 or words[head - 2] in (".", "!", "?", '"', "“", ":")
    return sentence_start and before.lower() in common


def _headed_places(words: list[str], spans: list[Span], common: Collection[str]) -> list[Span]:
    """A person span that starts with a place head is a place (``Selat Sunda``, which the
    tagger calls a person); a place span is cut before each administrative head inside it,
    and what follows is a place too (``Desa Seuneubok Aceh`` + ``Kecamatan Paya Bakong``),
    unless what comes before the head is only ordinary words (``Pemerintah Kabupaten Madiun``
    is one name). An administrative head the tagger left out just before a person span with
    another inside makes it places (``Desa`` + ``Sukamaju Kecamatan Cibinong``); before a place
    it stays out, as the tagger has it (the gold has ``Kabupaten Sumenep`` but also ``Kutai
    Timur`` after ``Kabupaten``); before a person of one word it makes a place with it
    (``Warga Kabupaten`` + ``Badung``) where the head starts a name of its own
    (``_head_stands_alone``: not ``Kepala Desa`` + ``Budi``, the village head, nor ``BPPD
    Kabupaten`` + ``Badung``, an institution's name). Other person spans are not cut (in
    ``Camat Sukmajaya Desa Baktijaya Aris Munandar`` the place's end is not known), nor are
    organisations (``Pemerintah Kota Medan``, ``Dinas Kesehatan Kabupaten Bogor``)."""
    out: list[Span] = []
    taken_end = 0
    for first, end, label, method in spans:
        taken_end, previous_end = end, taken_end
        if label == "ORG":
            out.append((first, end, label, method))
            continue
        if (
            label == "PER"
            and first > previous_end
            and words[first - 1] in ADMINISTRATIVE_HEADS
            and (
                not ADMINISTRATIVE_HEADS.isdisjoint(words[first:end])
                or (end - first == 1 and _head_stands_alone(words, first - 1, common))
            )
        ):  # Desa + the person Sukamaju Kecamatan Cibinong; Kabupaten + the person Badung
            first, label, method = first - 1, "LOC", "rule"
        if label != "LOC" and words[first] in PLACE_HEADS:
            label, method = "LOC", "rule"
        if label != "LOC":  # a person's words around a place are not known to be the place
            out.append((first, end, label, method))
            continue
        start = first + (2 if words[first] in ADMINISTRATIVE_HEADS else 1)
        for cut in [i for i in range(start, end - 1) if words[i] in ADMINISTRATIVE_HEADS]:
            if not all(word.lower() in common for word in words[first:cut]):
                out.append((first, cut, label, "rule"))
                first, label, method = cut, "LOC", "rule"
        out.append((first, end, label, method))
    return out


def _is_degree(words: list[str], first: int, end: int) -> bool:
    """True for an academic degree after a comma: ``M.Si``, ``S.H``, ``Ph.D`` (short
    capitalised parts joined by periods)."""
    if first == 0 or words[first - 1] != "," or end - first < 3:
        return False
    parts = words[first:end:2]
    return all(words[k] == "." for k in range(first + 1, end, 2)) and all(
        len(part) <= 3 and part[:1].isupper() and part.isalpha() for part in parts
    )


def _companies_and_clubs(
    words: list[str], caps: list[bool], spans: list[Span], common: Collection[str]
) -> list[Span]:
    """An organisation takes the company suffix right after it, also from the start of the
    next span (``PT Bank Rakyat Indonesia`` + ``Tbk Sunarso`` are ``PT Bank Rakyat Indonesia
    Tbk`` and the person ``Sunarso``), as the training data writes companies; a name that ends
    or starts with a club word is an organisation (``Arema FC``, ``Manchester United``, which
    the tagger calls a person and a place), and a club word the tagger labelled alone takes
    the name before it unless that is an ordinary word (``Leeds`` + ``United``); so is a name
    that ends with an organisation word (``ORGANISATION_TAILS``), with the capitalised words
    the tagger left out right before it (``Moody's`` + ``Investors Service``), ordinary words
    not (``Menurut`` + ``Financial Times``). A name that ends with a place word
    (``PLACE_TAILS``: ``Heathrow Airport``, to the tagger a person) is a place, and so is an
    organisation to the tagger that ends with ``Park`` (``Villa Park``, a stadium), unless it
    is a known organisation."""
    out: list[Span] = []
    for first, end, label, method in spans:
        if out and first < out[-1][1]:  # the suffix was the start of this span
            first, method = out[-1][1], "rule"
            if first == end:
                continue
        if (
            label != "ORG"
            and end - first >= 2
            and (words[end - 1] in CLUB_WORDS or words[first] == "FC")
        ):
            label, method = "ORG", "rule"
        elif (
            label != "LOC"
            and end - first >= 2
            and (
                words[end - 1] in PLACE_TAILS
                or (label == "ORG" and words[end - 1] in ORGANISATION_PLACE_TAILS)
            )
            and name_key(" ".join(words[first:end])) not in known_organisations()
        ):
            label, method = "LOC", "rule"
        elif label != "ORG" and words[end - 1] in ORGANISATION_TAILS:
            label, method = "ORG", "rule"
            while (
                first > (out[-1][1] if out else 0)
                and caps[first - 1]
                and words[first - 1].lower() not in common
                and words[first - 1].lower() not in calendar_words()
            ):
                first -= 1
        elif (
            end - first == 1
            and words[first] in CLUB_WORDS
            and first > (out[-1][1] if out else 0)
            and caps[first - 1]
            and words[first - 1].lower() not in common
            and words[first - 1].lower() not in calendar_words()
        ):  # Leeds + United, not Selasa + United
            first, label, method = first - 1, "ORG", "rule"
        if label == "ORG" and end < len(words) and words[end] in COMPANY_SUFFIXES:
            end, method = end + 1, "rule"
        out.append((first, end, label, method))
    return out


def _after_positions(
    words: list[str], spans: list[Span], heads: Collection[str], common: Collection[str]
) -> list[Span]:
    """Offices before a name are no part of it (``Presiden Joko Widodo`` is ``Joko Widodo``;
    ``POSITIONS``). After the office of a region, a known place the tagger ran into the person
    is that place (``Bupati Bogor Ade Yasin``): an Indonesian one after a local office
    (``Lurah Sofia Rahmawati`` is a person), any after a country's. A place the tagger left out
    stays out, as the training data leaves it (``Perdana Menteri Israel Benjamin Netanyahu``).
    A person span the tagger began with the office, followed by a person in apposition, names
    what the office is of: its region, or its organisation (``Kapolsek Kebayoran Lama, Kompol
    Widya``; ``Pendiri Facebook, Mark Zuckerberg``; ``Gubernur Bank Indonesia, Perry …``), and
    after an office of neither kind, ordinary words name nothing (``Menteri Keuangan, Sri
    Mulyani``). A list of people is no apposition (``Camat Mundari, Lurah Yusuf Hamdani, dan
    …``; ``Bos Tesla Elon Musk, Jeff Bezos, dan …``), and the tagger leaves the office out of
    a person's name (``Presiden Joko Widodo, Jusuf Kalla …`` are two people). An organisation
    span keeps its label."""
    out: list[Span] = []
    for k, (first, end, label, method) in enumerate(spans):
        start, kind = _skip_positions(words, first, end)
        if start == end:
            continue  # an office alone is no name
        if label == "ORG":
            out.append((start, end, label, method if start == first else "rule"))
            continue
        if start == first:  # the office, if any, is before the span: the tagger left it out
            kind = _position_before(words, first)
            place = _office_place_end(words, first, end, kind) if label == "PER" else -1
            if 0 < place < end:
                out.append((first, place, "LOC", "rule"))  # Bupati + Bogor Ade Yasin
                first, method = place, "rule"
            out.append((first, end, label, method))
            continue
        place = _office_place_end(words, start, end, kind) if label == "PER" else -1
        if place == end:
            label = "LOC"  # Presiden Turki
        elif place > 0:
            out.append((start, place, "LOC", "rule"))  # Bupati Bogor Ade Yasin
            start = place
        elif label == "PER" and _apposed(words, end, spans[k + 1 :]):
            # The tagger put the office in: the words after it are what the office is of.
            if not kind:
                if all(word.lower() in common for word in words[start:end]):
                    continue  # Menteri Keuangan, Sri Mulyani
            elif words[start] in heads:
                label = "ORG"  # Gubernur Bank Indonesia, Perry Warjiyo
            else:
                label = "ORG" if kind == "ORG" else "LOC"
        out.append((start, end, label, "rule"))
    return out


def _office_place_end(words: list[str], k: int, end: int, kind: str | None) -> int:
    """End of the place (up to three words, before ``end``) from ``words[k]`` after an office
    of ``kind``: any known place after a country's office, an Indonesian one after a region's;
    else -1."""
    if kind == "COUNTRY":
        return _place_end(words, k, end)
    return _place_end(words, k, end, _is_listed_place) if kind == "LOC" else -1


def _position_kind(position: str) -> str:
    """``COUNTRY`` for a country's office, ``LOC`` for a region's, ``ORG`` for one of an
    organisation, else ``""``."""
    if position in NATIONAL_POSITIONS:
        return "COUNTRY"
    if position in REGIONAL_POSITIONS:
        return "LOC"
    return "ORG" if position in ORGANISATION_POSITIONS else ""


def _skip_positions(words: list[str], first: int, end: int) -> tuple[int, str | None]:
    """Where the offices at the start of ``words[first:end]`` end, and the kind of the last
    office with one (``Wakil Presiden``: a country's), or None if there is no office."""
    i, kind = first, None
    while i < end:
        pair = " ".join(words[i : i + 2]) if i + 1 < end else ""
        size = 2 if pair in POSITIONS else 1 if words[i] in POSITIONS else 0
        if not size:
            break
        position_kind = _position_kind(pair if size == 2 else words[i])
        if position_kind or kind is None:
            kind = position_kind
        i += size
    return i, kind


def _position_before(words: list[str], first: int) -> str | None:
    """The kind of the office written just before ``words[first]``, or None."""
    if first >= 2 and " ".join(words[first - 2 : first]) in POSITIONS:
        return _position_kind(" ".join(words[first - 2 : first]))
    if first >= 1 and words[first - 1] in POSITIONS:
        return _position_kind(words[first - 1])
    return None


def _apposed(words: list[str], end: int, following: list[Span]) -> bool:
    """True if a person follows ``words[end]`` in apposition: a person span after a comma (and
    titles or ranks at most), which does not start with an office and is not one of a list
    (followed by ``dan``, ``serta``, or a comma and a name or ``dan``)."""
    if not following or following[0][2] != "PER" or words[following[0][0]] in POSITION_WORDS:
        return False
    person, person_end = following[0][0], following[0][1]
    # A comma is needed: a person span right after may be one name the tagger split in two
    # (Wawali Imam + Budi Hartono).
    if words[end : end + 1] != [","] or not all(
        word in _APPOSITION_TITLES for word in words[end + 1 : person]
    ):
        return False
    after = words[person_end : person_end + 2]
    if after[:1] in (["dan"], ["serta"]):
        return False
    return not (
        len(after) == 2
        and after[0] == ","
        and (
            after[1] in ("dan", "serta")
            or (after[1][:1].isupper() and after[1].lower() not in calendar_words())
        )
    )


# Words between an office's name and the person in apposition: titles and ranks (``Kompol``,
# ``Mayjen TNI``, ``(Purn)``).
_APPOSITION_TITLES = PERSON_TITLES | RANK_PARTS | {".", "(", ")"}
