"""``extract_entities``: the mentions of one article, with canonical names.

1. The tagger labels each paragraph (``method="model"``); edge punctuation that does not belong
   to the name (an unbalanced bracket) is trimmed off.
2. Gazetteer names the tagger left unlabelled are added (``method="gazetteer"``) when they are
   place names spelled as a curated alias (``AS``, ``Korut``: the alias column of
   ``aliases.tsv``; the training data often leaves such short forms unlabelled, while it labels
   people and organisations consistently), when a place name follows a locative cue learned
   from the training data (``di``, ``ke``, ``dari``), and, one sense per article, when the
   tagger or these rules found the same entity elsewhere in the article; likewise a person's
   full name found in the article, wherever else the article writes it (``_persons_again``,
   ``method="rule"``), and two to four capitalised words the tagger left unlabelled that start
   a sentence before a verb of saying (``Ratna Sari menegaskan``: ``_speakers``). A person
   span that begins with a word of an organisation found in the article, or a known one, is
   that organisation and the person (``Villa Dean Smith`` after ``Aston Villa``; ``AC Milan
   Stefano Pioli`` after ``Inter Milan``, with the word before the span, is AC Milan).
3. A span the tagger labelled a person or an organisation that spells an Indonesian province,
   city or island or a city abroad (``places.txt``: ``Bandung``, ``Papua``, ``Doha``) is a
   place; one it labelled a person or a place that spells a well-known company, brand or
   football club (``organisations.tsv``: ``Samsung``, ``Persib``) is an organisation, and so
   is a city that names a club that it labelled a person alone (``Barcelona``), and a
   mention that starts a listed name the text spells on (``Dow Jones`` + ``Industrial
   Average``: ``_listed_organisations_in_full``); a minister's portfolio is no name, a
   ministry's is the organisation (``Menteri Pemuda dan Olah Raga``, ``Kementerian …``:
   ``_ministries``); once an
   organisation mention spells one (relabelled or the tagger's own), its other spellings in
   the article that the tagger left unlabelled are added (``method="gazetteer"``). A one-word
   place in a list that is the surname of a person named in full in the article is that
   person (a football line-up: ``Ramos`` after ``Goncalo Ramos``), and so are the one-word
   places of a list of three names or more in which the tagger found a person; one that
   spells a company of the article without its legal form is that company (``Astra
   Otoparts`` after ``PT Astra Otoparts Tbk``). The eleven names or more after a team and a
   colon at a line's start are people (``Maroko: Bounou, Hakimi, …``), and a person right
   after a facility's word and a title is in its name (``Stadion Gelora Bung Karno``). A
   name the article's mentions give different labels takes the label most of them have
   (``(Angie)``, once a place, elsewhere a person). A place takes a lowercase compass
   direction right after it (``Ukraina timur``), its key staying the place's unless the
   whole is a known place (``Jawa timur``).
4. :class:`~warta.entities.linking.ArticleLinker` gives canonical names in document order; a
   one-word person the article names in full only later takes that full name when exactly one
   full name of the article has the word (``Widodo`` before ``Joko Widodo``); one word in
   brackets right after a mention that shortens it is that entity (``Jakarta Selatan
   (Jaksel)``).

The tagger is Indonesian. In an article in another language (``articles.language``), it also
labels capitalised common words as people (``Analysts said …``, ``Residents of Bandung …``):
there a one-word person the tagger found is kept only when it shortens a full name the article
gives (``Widodo`` before or after ``Joko Widodo``) or is a known name.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Collection, Sequence
from functools import cache, lru_cache
from itertools import accumulate, compress, islice, pairwise

from warta.entities.features import (
    GOVERNMENT_BODIES,
    INSTITUTION_WORDS,
    NAME_PREFIXES,
    ORGANISATION_PREFIXES,
    PLACE_HEADS,
    PLACE_PREFIXES,
    POSITION_WORDS,
    SENTENCE_STARTS,
    TITLE_WORDS,
    calendar_words,
    capitalised_flags,
    continues_portfolio,
    name_words,
)
from warta.entities.gazetteer_match import match_gazetteer
from warta.entities.linking import ArticleLinker, Canonical, company_core
from warta.entities.mention import EntityMention
from warta.entities.names import (
    entity_key,
    first_word_key,
    gazetteer,
    is_country,
    is_known_place,
    known_organisation_starts,
    known_organisations,
    listed_place_starts,
    listed_places,
    name_key,
)
from warta.entities.spans import Lexicon, refine
from warta.entities.tagger import default_tagger
from warta.entities.tokens import token_matches, words_of

_OPENING = {"(": ")", "[": "]", "“": "”", '"': '"', "‘": "’", "'": "'"}
_CLOSING = {close: open_ for open_, close in _OPENING.items()}

# (paragraph_index, start_char, end_char, label, method)
_Found = tuple[int, int, int, str, str]
# (start_char, end_char, label, canonical_name, after a locative cue such as "di", "ke")
_Known = tuple[int, int, str, str, bool]


# Languages the tagger reads as it was trained: Indonesian, and Malay, which is close to it.
TAGGER_LANGUAGES = frozenset({"id", "ms"})
# Cities that name football clubs more often than places in the news, and so are in neither
# places.txt nor organisations.tsv, and a club whose name is also a word (Arsenal): one the
# tagger calls a person alone is the club (``Barcelona juara Piala Champions``), unless the
# article has named a person with that first name before it (``Milan Skriniar``); as a place
# it stays one.
_CLUB_CITIES = frozenset({"barcelona", "liverpool", "milan", "manchester", "munich", "arsenal"})


def extract_entities(paragraphs: Sequence[str], language: str | None = "id") -> list[EntityMention]:
    """Mentions for one article (paragraphs in order), non-overlapping, document order.

    Within-article linking: a later short mention ('Putin') takes the canonical name of the
    full name seen earlier ('Vladimir Putin'). ``language`` is the article's (ISO 639-1, as in
    ``articles.language``; None when unknown, read as Indonesian): outside ``TAGGER_LANGUAGES``
    one-word persons need the support the module describes.
    """
    tagger = default_tagger()
    cues = tagger.locative_cues
    lexicon = _lexicon()
    places, place_starts = listed_places(), listed_place_starts()
    organisations, organisation_starts = known_organisations(), known_organisation_starts()
    found: list[_Found] = []
    longer: list[int] = []  # positions in found of mentions that start a listed organisation
    clubs: list[int] = []  # positions in found of club cities the tagger called persons
    known_in_article: list[tuple[int, list[_Known]]] = []
    tokenised = []
    for index, paragraph in enumerate(paragraphs):
        if paragraph:
            tokens = token_matches(paragraph)
            words = words_of(tokens)
            tokenised.append((index, tokens, words, capitalised_flags(words)))
    all_tagged = tagger.tag_paragraphs([(words, caps) for _, _, words, caps in tokenised])
    for (index, tokens, words, caps), tagged in zip(tokenised, all_tagged, strict=True):
        matches = match_gazetteer(words, caps)
        for first, end, label, method in refine(words, caps, tagged, matches, lexicon):
            first, end = _trim(words, first, end)
            if first < end:
                start, stop = tokens[first].start(), tokens[end - 1].end()
                lower = first_word_key(words[first])
                if (
                    label != "LOC"
                    and lower in place_starts
                    and name_key(paragraphs[index][start:stop]) in places
                ):
                    label, method = "LOC", "rule"
                elif label == "PER" and end - first == 1 and lower in _CLUB_CITIES:
                    label, method = "ORG", "rule"  # Barcelona juara …: the club
                    clubs.append(len(found))
                elif label != "ORG" and lower in organisation_starts:
                    if name_key(paragraphs[index][start:stop]) in organisations:
                        label, method = "ORG", "rule"
                    else:  # Kospi Korea Selatan, Straits Times Singapura
                        cut = _organisation_then_place(words, first, end, organisations)
                        if cut:
                            found.append((index, start, tokens[cut - 1].end(), "ORG", "rule"))
                            start, label, method = tokens[cut].start(), "LOC", "rule"
                found.append((index, start, stop, label, method))
                if lower in organisation_starts and start == tokens[first].start():
                    longer.append(len(found) - 1)
        known = [
            (
                tokens[first].start(),
                tokens[end - 1].end(),
                entity.label,
                entity.canonical_name,
                entity.label == "LOC" and first > 0 and words[first - 1] in cues,
            )
            for first, end, entity in matches
        ]
        if known:
            known_in_article.append((index, known))
    if clubs:
        found = _club_cities_of_persons(paragraphs, found, clubs)
    if longer:
        found = _listed_organisations_in_full(paragraphs, found, longer)
    found = _ministries(paragraphs, found)
    found = _named_before_alias(paragraphs, found)
    found.extend(_one_sense_per_article(paragraphs, found, known_in_article))
    if any(label == "ORG" for _, _, _, label, _ in found):
        found.extend(_known_organisations_again(paragraphs, tokenised, found))
    strict = language is not None and language not in TAGGER_LANGUAGES
    if not strict:
        found.extend(_speakers(paragraphs, tokenised, found, tagger.lowercase_words))
    found.sort()
    found, named = _organisation_before_person(paragraphs, found)
    if any(label == "PER" for _, _, _, label, _ in found):
        found.extend(_persons_again(paragraphs, tokenised, found, tagger.lowercase_words))
        if not strict:  # English capitalises more than names: ``Swift action`` is no person
            found.extend(_surnames_again(paragraphs, tokenised, found, tagger.lowercase_words))
        found.sort()
    found = _surnames_as_persons(paragraphs, found)
    found = _lists_of_people(paragraphs, found)
    found = _line_ups(paragraphs, found)
    found = _facilities_named_for_people(paragraphs, found)
    found = _companies_by_name(paragraphs, found)
    found = _one_label_per_name(paragraphs, found)
    found = _news_sources(paragraphs, found)
    found = _without_competitions(paragraphs, found)
    found = _without_cups(paragraphs, found)
    found, directed = _with_directions(paragraphs, found)
    return _linked(paragraphs, found, directed, named, strict_persons=strict)


def _ministries(paragraphs: Sequence[str], found: list[_Found]) -> list[_Found]:
    """A minister's portfolio is no name, as the gold has it (``Menteri Kelautan dan Perikanan
    Sharif Cicip Sutardjo`` labels the person only): a mention inside the portfolio after
    ``Menteri``, ``Menko`` or ``Wamen`` is dropped (``Menteri Pemuda dan Olah Raga``, whose
    ``Olah Raga`` the tagger calls a person), one that starts inside it and runs on starts
    after it (``Menteri Lingkungan Hidup dan Kehutanan Siti Nurbaya``: ``Kehutanan Siti
    Nurbaya``, one person to the tagger, is ``Siti Nurbaya``). After ``Kementerian`` or
    ``Kemenko`` the portfolio is the ministry's name, an organisation (``Kementerian Pemuda
    dan Olah Raga``; the tagger's ``Kementerian Pemuda dan`` and ``Olah Raga``), unless a
    mention the tagger began there runs past it. The portfolio is the run of words after the
    office that ``features.continues_portfolio`` takes (not ``Badan`` after the first:
    ``Menteri Keuangan dan Badan Anggaran DPR``), joined by spaces, commas, slashes or
    ``dan``, with a bracketed short form in it (``(ESDM)``); not ``serta``, which joins
    another name (``Kementerian Komunikasi dan Informatika serta Badan Regulator …``)."""
    out: list[_Found] | None = None
    for index, paragraph in enumerate(paragraphs):
        if "Men" not in paragraph and "Kemen" not in paragraph and "Wamen" not in paragraph:
            continue
        for head in _MINISTRY_HEAD.finditer(paragraph):
            position, run_start, run_end = head.end(), -1, -1
            previous: str | None = None
            while (step := _PORTFOLIO_STEP.match(paragraph, position)) is not None:
                word = step["word"]
                if word[0] == "(" and run_end < 0:
                    break  # a short form only after the portfolio's words
                if word[0] != "(" and not continues_portfolio(word, previous):
                    break  # … dan + Badan Anggaran DPR, Koperasi dan UKM + Anak Agung …
                run_start = step.start("word") if run_start < 0 else run_start
                position = run_end = step.end()
                previous = word
            if run_end < 0:
                continue
            current = found if out is None else out
            ministry = head["head"].startswith("Kem")
            start = head.start() if ministry else run_start
            mentions = [m for m in current if m[0] == index and m[1] < run_end and m[2] > start]
            if any(m[1] < start for m in mentions):
                continue  # a mention the tagger began before the ministry or the portfolio
            if ministry and any(m[1] == start and m[2] > run_end for m in mentions):
                continue  # the tagger's organisation runs past the portfolio
            changed: list[_Found] = []
            after = _PORTFOLIO_GAP.match(paragraph, run_end).end()
            for m in mentions:
                if m[2] > run_end and after < m[2]:  # runs on past it: the name after it
                    changed.append((index, after, m[2], m[3], "rule"))
            if ministry:
                if len(mentions) == 1 and mentions[0][1:4] == (start, run_end, "ORG"):
                    continue  # the tagger's own name of the ministry
                changed.append((index, start, run_end, "ORG", "rule"))
            if not mentions and not ministry:
                continue
            out = [m for m in current if m not in mentions] + changed
            out.sort()
    return found if out is None else out


def _named_before_alias(paragraphs: Sequence[str], found: list[_Found]) -> list[_Found]:
    """A place the tagger ran into the person named before ``alias`` is the two (``Daerah II
    Aceh Utara Mahmudsyah alias Ayah Mud``: ``LOC:Aceh Utara Mahmudsyah`` is ``Aceh Utara``
    and the person ``Mahmudsyah``): a place mention right before ``alias`` that is no known
    place or organisation itself (``Jakarta Pusat alias Jakpus``, ``Bali United alias …``)
    and starts with a known place, or a known place and a compass direction (``Aceh`` +
    ``Utara``), the rest one to three words that start with no direction (``Medan`` + ``Rudi
    alias Ucok``; a city's district the tagger reads as one place would be split too:
    ``Medan Johor alias Mejo``)."""
    split: dict[int, list[_Found]] = {}
    for position, (index, start, end, label, _) in enumerate(found):
        paragraph = paragraphs[index]
        if label != "LOC" or not _ALIAS_AFTER.match(paragraph, end):
            continue
        if _known_label(paragraph[start:end]) is not None:
            continue  # Jakarta Pusat alias Jakpus, Bali United alias Serdadu Tridatu
        words = [(w.start(), w.end()) for w in _NAME_WORDS.finditer(paragraph, start, end)]
        for cut in range(len(words) - 1, max(0, len(words) - 4), -1):
            place = paragraph[start : words[cut - 1][1]]
            *stem, last = place.split()
            if paragraph[words[cut][0] : words[cut][1]] in _DIRECTIONS:
                continue
            if is_known_place(place) or (
                stem and last in _DIRECTIONS and is_known_place(" ".join(stem))
            ):
                split[position] = [
                    (index, start, words[cut - 1][1], "LOC", "rule"),
                    (index, words[cut][0], end, "PER", "rule"),
                ]
                break
    if not split:
        return found
    return [part for k, m in enumerate(found) for part in split.get(k, [m])]


_DIRECTIONS = frozenset(
    {"Utara", "Selatan", "Barat", "Timur", "Tengah", "Tenggara", "Laut", "Daya", "Pusat", "Raya"}
)


_ALIAS_AFTER = re.compile(r"[^\S\n]+alias[^\S\n]")


def _club_cities_of_persons(
    paragraphs: Sequence[str], found: list[_Found], clubs: list[int]
) -> list[_Found]:
    """The club cities at positions ``clubs`` of ``found`` (``Barcelona``), a person to the
    tagger, stay that person where the article has named a person whose first word it is
    before (``Milan`` after ``Milan Skriniar``; not ``Milan menang 3-1. … Milan Skriniar``)."""
    first_named: dict[str, tuple[int, int]] = {}  # first word key: where a person has it first
    for index, start, end, label, _ in found:
        text = paragraphs[index][start:end]
        if label == "PER" and " " in text.strip():
            first_named.setdefault(first_word_key(text.split(maxsplit=1)[0]), (index, start))
    out = list(found)
    for position in clubs:
        index, start, end, _, _ = found[position]
        named = first_named.get(first_word_key(paragraphs[index][start:end]))
        if named is not None and named < (index, start):
            out[position] = (index, start, end, "PER", "model")
    return out


def _listed_organisations_in_full(
    paragraphs: Sequence[str], found: list[_Found], candidates: list[int]
) -> list[_Found]:
    """A mention (at a position of ``candidates`` in ``found``) that starts the longer name of
    a listed organisation (``organisations.tsv``), which the paragraph spells on, is that
    organisation, with the mentions inside it: the tagger reads ``Dow Jones Industrial
    Average`` as ``Dow Jones`` and the person ``Industrial Average`` in one sentence,
    ``Dow Jones Industrial`` in another. Only spaces within a line between its words."""
    known = known_organisations()
    replaced: dict[int, _Found] = {}  # position of the mention the name starts at: the name
    inside: set[int] = set()
    for position in candidates:
        if position in inside:
            continue
        index, start, end, _, _ = found[position]
        paragraph = paragraphs[index]
        reach = end
        word = _LISTED_FIRST_WORD.match(paragraph, start)
        for _ in range(_KNOWN_ORGANISATION_WORDS):
            if word is None:
                break
            if word.end() > end and name_key(paragraph[start : word.end()]) in known:
                reach = word.end()
            word = _LISTED_NEXT_WORD.match(paragraph, word.end())
        if reach == end:
            continue
        covered = [
            k
            for k in range(position + 1, len(found))
            if found[k][0] == index and found[k][1] < reach
        ]
        if any(found[k][2] > reach for k in covered):
            continue  # the name would cut a mention in two
        replaced[position] = (index, start, reach, "ORG", "rule")
        inside.update(covered)
    if not replaced:
        return found
    return [
        replaced.get(position, mention)
        for position, mention in enumerate(found)
        if position not in inside
    ]


_MINISTRY_HEAD = re.compile(
    r"(?<![\w-])(?P<head>Menteri|Menko|Wamen|Kementerian|Kementrian|Kemenko)"
    r"(?:[^\S\n]+Koordinator(?:[^\S\n]+Bidang)?)?(?![\w-])"
)
_PORTFOLIO_STEP = re.compile(
    r"(?:[^\S\n]*[,/][^\S\n]*|[^\S\n]+)(?:dan[^\S\n]+)?"
    r"(?P<word>[A-Z][\w-]*|\([A-Z][\w-]*\))"
)
_PORTFOLIO_GAP = re.compile(r"(?:[\s,]+|(?:dan|serta)(?=\s))*")
_LISTED_FIRST_WORD = re.compile(r"[\w'’&-]+")
_LISTED_NEXT_WORD = re.compile(r"[^\S\n]+[\w'’&-]+")


def _organisation_then_place(
    words: list[str], first: int, end: int, organisations: dict[str, str]
) -> int:
    """Where a span the tagger did not call an organisation splits into a known organisation
    and a known place after it (``Kospi`` + ``Korea Selatan``, ``Straits Times`` +
    ``Singapura``, a person and a place to the tagger), or 0. An organisation whose name
    holds the place is one name and never gets here (``Persib Bandung``)."""
    for cut in range(end - 1, first, -1):
        if name_key(" ".join(words[first:cut])) in organisations and is_known_place(
            " ".join(words[cut:end])
        ):
            return cut
    return 0


def _without_competitions(paragraphs: Sequence[str], found: list[_Found]) -> list[_Found]:
    """Without the mentions inside a competition's name, which is no person, organisation or
    place (``Liga Inggris``, which the tagger reads as a place; ``Final Liga`` + ``Champions``;
    ``Piala Champions``, a person to it; ``Euro 2004``). A competition's name is ``Liga``,
    ``Piala`` (``Final`` before them too) or ``Olimpiade`` and one capitalised word, then a
    country (``Liga Primer Inggris``, ``Liga Pro Saudi``; after ``Piala`` only in ``Piala
    Liga``, ``Piala Raja``, ``Piala Super`` and ``Piala FA``: ``Piala Thomas Malaysia`` is a
    team) and up to three scopes (``COMPETITION_SCOPES``: ``Liga Champions Asia``, ``Piala Asia
    Wanita U-17``, ``Liga Champions AFC``), each optional, and a year or season; or ``Euro``,
    with a year or without (``Selepas Euro``, a person to the tagger; not ``Zona Euro``,
    ``kawasan Euro``, nor an organisation found or known starting with it: ``Euro Management
    Indonesia``). No country follows a scope or another country: ``Piala Dunia Jerman`` is
    the World Cup and then Germany. The words after it are not part of it (``Top skor Liga
    Inggris Erling Haaland``, ``Piala Presiden Jokowi``).

    A mention that overlaps a competition's name keeps the parts of it outside the name, each
    relabelled as the known organisation, person or place it spells (``Liga Champions Real
    Madrid``, ``Liga Champions UEFA Manchester City``). Otherwise a part after the name keeps
    its label, but a lone acronym is no person (``AFC``); a part before it keeps its label
    once words of a match, a round or a role are left off its front (``_EVENT_WORDS``), if it
    has two words or more or is a person (``Timnas Indonesia Piala AFF``, ``Modric Liga
    Champions``; not ``Semifinal``, ``Babak Final``, ``Timnas Piala Dunia``). Not a company's
    name (``PT Liga Indonesia Baru``), nor a known organisation's starting there as long as
    the name or longer (``Liga Arab``, ``KTT Liga Arab 2023``, ``Liga Indonesia Baru``; but
    ``Liga Arab Saudi`` is the Saudi league)."""
    ranges: dict[int, list[tuple[int, int]]] = {}
    for index, paragraph in enumerate(paragraphs):
        if not _COMPETITION_WORDS.search(paragraph):
            continue
        for match in _COMPETITION.finditer(paragraph):
            start, end = match.span()
            if _COMPANY_BEFORE.search(paragraph, max(0, start - 6), start):
                continue
            if match["named"] and _inside_a_longer_name(paragraph, start, match.end("named")):
                continue
            if match["euro"] and not match["euro_year"]:
                if _EURO_AREA.search(paragraph, max(0, start - 12), start):
                    continue  # the euro area (``Zona Euro``, ``kawasan Euro``)
                if _organisation_from(paragraph, found, index, start):
                    continue  # a name of its own (``Euro Management Indonesia``)
            if _known_organisation_at(
                paragraph, start, match.end("name") if match["name"] else end
            ):
                continue
            ranges.setdefault(index, []).append((start, end))
    if not ranges:
        return found
    out: list[_Found] = []
    for index, start, end, label, method in found:
        overlapping = _overlapping(ranges.get(index), start, end)
        if not overlapping:
            out.append((index, start, end, label, method))
            continue
        paragraph = paragraphs[index]
        edges = [start, *(edge for span in overlapping for edge in span), end]
        for n in range(0, len(edges), 2):
            part = _name_within(paragraph, edges[n], edges[n + 1])
            if part is not None and n == 0:
                part = _without_event_words(paragraph, *part)
            if part is None:
                continue
            if n == 0:  # a known organisation's first word before it (``Al`` of ``Al Nassr``)
                before = _word_before(paragraph, part[0])
                if (
                    before is not None
                    and not (out and out[-1][0] == index and out[-1][2] > before)
                    and name_key(paragraph[before : part[1]]) in known_organisations()
                ):
                    part = (before, part[1])
            part_label = _known_label(paragraph[part[0] : part[1]])
            if part_label is None:
                text = paragraph[part[0] : part[1]]
                if n == 0 and label != "PER" and " " not in text:
                    continue  # a word before the name (``Timnas Piala Dunia``)
                if n > 0 and label == "PER" and text.isupper() and " " not in text:
                    continue  # an acronym after it (``Liga Champions AFC``)
                part_label = label
            out.append((index, *part, part_label, "rule"))
    return out


def _without_cups(paragraphs: Sequence[str], found: list[_Found]) -> list[_Found]:
    """Without the mentions that end with the word ``Cup``: a tournament's name, no person,
    organisation or place (``Bali Island Cup``, a place to the tagger; ``FIFA Club World
    Cup``)."""
    return [m for m in found if not _CUP.search(paragraphs[m[0]], m[1], m[2])]


def _inside_a_longer_name(paragraph: str, start: int, end: int) -> bool:
    """True if a competition's own name (``NAMED_COMPETITIONS``) at ``[start, end)`` is part
    of a longer name: a capitalised word right before it that is no ordinary word starting a
    sentence (``Di``, ``Pada``: the training text has them in lowercase) nor a word of a
    match, a round or a role (``Indonesian Premier League``, ``FIFA Club World Cup``; not
    ``Juara Premier League``), or two capitalised words right after it (``Premier League Asia
    Trophy``, ``Asian Games Organizing Committee``; one is a host, a team or a weekday:
    ``SEA Games Kamboja 2023``, ``Champions League Senin malam``)."""
    before = _word_before(paragraph, start)
    if before is not None and paragraph[before].isupper():
        word = _NAME_WORDS.match(paragraph, before)
        if word is not None and not (
            word.group() in _EVENT_WORDS or word.group().lower() in default_tagger().lowercase_words
        ):
            return True
    after = _TWO_CAPITALISED_AFTER.match(paragraph, end)
    return after is not None and after["first"].lower() not in calendar_words()


_CUP = re.compile(r"[^\S\n]Cup$")  # the end of a mention: a tournament (``Bali Island Cup``)
_TWO_CAPITALISED_AFTER = re.compile(r"[^\S\n]+(?P<first>[A-Z][\w'’-]*)[^\S\n]+[A-Z]")


def _overlapping(
    spans: list[tuple[int, int]] | None, start: int, end: int
) -> list[tuple[int, int]]:
    """The spans (sorted, not overlapping each other) that overlap ``[start, end)``: of those
    starting before ``end``, the last ones ending after ``start``."""
    if not spans:
        return []
    last = bisect_left(spans, (end,))
    first = last
    while first > 0 and spans[first - 1][1] > start:
        first -= 1
    return spans[first:last]


def _known_label(text: str) -> str | None:
    """The label of the known organisation, gazetteer entity or place ``text`` spells."""
    if name_key(text) in known_organisations():
        return "ORG"
    known = gazetteer().lookup(text)
    if known is not None:
        return known.label
    return "LOC" if name_key(text) in listed_places() else None


def _known_organisation_at(paragraph: str, start: int, end: int) -> bool:
    """True if a known organisation's name starts at ``paragraph[start]`` and reaches ``end``
    or further (``Liga Indonesia Baru`` over ``Liga Indonesia``)."""
    line_end = paragraph.find("\n", start)
    words = _NAME_WORDS.finditer(paragraph, start, len(paragraph) if line_end < 0 else line_end)
    known = known_organisations()
    return any(
        word.end() >= end and name_key(paragraph[start : word.end()]) in known
        for word in islice(words, _KNOWN_ORGANISATION_WORDS)
    )


def _without_event_words(paragraph: str, start: int, end: int) -> tuple[int, int] | None:
    """``paragraph[start:end]`` without the words of a match, a round or a role at its front
    (``Semifinal``, ``Babak``, ``Laga``, ``Juara``: ``_EVENT_WORDS``); None when nothing is
    left or what is left does not start with a capital (``Babak 16 Besar``)."""
    for word in _NAME_WORDS.finditer(paragraph, start, end):
        if word.group() not in _EVENT_WORDS:
            return (word.start(), end) if paragraph[word.start()].isupper() else None
    return None


def _news_sources(paragraphs: Sequence[str], found: list[_Found]) -> list[_Found]:
    """The name a report is quoted from is a news outlet, an organisation: the capitalised
    words right after ``dikutip`` or ``dilansir`` (``detik…`` and ``dari`` between them too;
    ``_outlet_after``): ``Dikutip dari Guardian`` (a place to the tagger, after ``dari``),
    ``dilansir New York Post`` (the tagger's ``New York``), ``dikutip Dailymail`` (which it
    missed), ``Dikutip detikINET dari BBC``, ``Dilansir dari Fox News`` (a person to it).

    The tagger's places and organisations inside the name give way to it, and so do its
    persons when the name reads as an outlet's (``_OUTLET_WORDS``, or a web address), and a
    mention that runs on only into the weekday or the cue that ended the name (``Fox News
    Senin``). Otherwise the name is left as found: when a mention runs past it, when a person
    is in it (``dikutip dari Sri Mulyani``), or an organisation after its first word."""
    sources: dict[int, list[tuple[int, int]]] = {}
    outlet_like: set[tuple[int, int, int]] = set()  # web addresses, names with _OUTLET_WORDS
    reach: dict[tuple[int, int, int], int] = {}  # with the weekday or cue that ended the name
    for index, paragraph in enumerate(paragraphs):
        if "ikutip" in paragraph or "ilansir" in paragraph:
            reached = 0
            for cue in _SOURCE_CUE.finditer(paragraph):
                outlet = _outlet_after(paragraph, cue.end()) if cue.start() >= reached else None
                if outlet is not None:
                    start, end, address, stop = outlet
                    sources.setdefault(index, []).append((start, end))
                    if address or not _OUTLET_WORDS.isdisjoint(paragraph[start:end].split()):
                        outlet_like.add((index, start, end))
                    reach[(index, start, end)] = stop
                    reached = end
    if not sources:
        return found
    inside: dict[tuple[int, int, int], list[int]] = {}
    kept: set[tuple[int, int, int]] = set()  # names left as found
    for position, (index, start, end, label, _) in enumerate(found):
        for name_start, name_end in _overlapping(sources.get(index), start, end):
            source = (index, name_start, name_end)
            inside.setdefault(source, []).append(position)
            if (
                start < name_start
                or end > reach[source]
                or (
                    source not in outlet_like
                    and (label == "PER" or (start > name_start and label == "ORG"))
                )
            ):
                kept.add(source)
    replaced = {
        position
        for source, positions in inside.items()
        if source not in kept
        for position in positions
    }
    out = [mention for position, mention in enumerate(found) if position not in replaced]
    out.extend(
        (index, start, end, "ORG", "rule")
        for index, spans in sources.items()
        for start, end in spans
        if (index, start, end) not in kept
    )
    out.sort()
    return out


def _outlet_after(paragraph: str, start: int) -> tuple[int, int, bool, int] | None:
    """The span of the outlet's name at ``paragraph[start]``, whether it is written as a web
    address, and where the weekday or cue that ended it ends (else the name's end): one to
    four capitalised words up to a month's or a weekday's name (``dilansir AFP Senin (3/1)``,
    ``Jum'at`` too), the next ``Dikutip``, a position or a title (``BBC Presiden Trump``) or a
    competition (``Dilansir ESPN Liga Champions``); a web address's ending left out
    (``Kompas.com`` is ``Kompas``, as the tagger reads it alone). None when a fifth word
    follows, or when the first is such a word, a role (``dikutip dari Menkeu Sri Mulyani``)
    or a law's (``Dikutip dari Pasal 28 UUD 1945``, ``Permendag``)."""
    words: list[re.Match[str]] = []
    position = start
    calendar = calendar_words()
    stop = None
    while (word := _SOURCE_WORD.match(paragraph, position)) is not None:
        name = word["name"]
        if name.lower().replace("'", "").replace("’", "") in calendar or name.lower() in (
            "dikutip",
            "dilansir",
        ):
            stop = word.end("name")
            break
        if name in POSITION_WORDS or name in TITLE_WORDS or _COMPETITION.match(paragraph, position):
            break
        words.append(word)
        gap = _SPACES.match(paragraph, word.end())
        if word["web"] or gap is None:
            break
        position = gap.end()
    if not words or len(words) > 4:
        return None
    first = words[0]["name"]
    if first in _NOT_OUTLETS or _LAW.fullmatch(first):
        return None
    end = words[-1].end("name")
    return words[0].start(), end, bool(words[-1]["web"]), end if stop is None else stop


_SOURCE_CUE = re.compile(
    r"(?<![\w-])[Dd](?:ikutip|ilansir)(?:[^\S\n]+detik\w*)?(?:[^\S\n]+dari)?[^\S\n]+"
)
_SOURCE_WORD = re.compile(
    r"(?P<name>[A-Z][\w'’&-]*)(?P<web>\.(?:com|co\.id|co|id|net|org|tv))?(?![\w'’&.-]*\w)"
)
_SPACES = re.compile(r"[^\S\n]+")
# Words of an outlet's name, which the tagger takes for a person's (``Fox News``).
_OUTLET_WORDS = frozenset(
    {
        *("News", "Post", "Mail", "Times", "Journal", "Herald", "Tribune", "Sport", "Sports"),
        *("TV", "Daily", "Today", "Online", "Finance", "Network", "Radio", "Magazine"),
        *("Gazette", "Express", "Telegraph", "Press", "Insider", "Review", "Weekly", "Media"),
    }
)
# First words of what is quoted but is no outlet: laws and regulations, roles.
_NOT_OUTLETS = frozenset(
    {
        *("Pasal", "Ayat", "UU", "UUD", "Undang-Undang", "Peraturan", "Keputusan", "Surat"),
        *("PP", "Instruksi", "Perpres", "Perppu", "Perpu", "Perda", "Pergub", "Perbup"),
        *("Perwal", "Perkap", "Perma", "Inpres", "Keppres", "KUHP", "KUHAP", "KUHPer"),
        *("Kepala", "Kadiv", "Kabid", "Kabag", "Kasubdit", "Ketum", "Sekretaris", "Wamen"),
        *("Menkeu", "Menlu", "Mendagri", "Menkes", "Menpora", "Menhan", "Mendag", "Menag"),
        *("Pengamat", "Pakar", "Ahli", "Anggota", "Staf", "Bu", "Pak", "Ibu", "Bapak"),
    }
)  # positions and titles end a name, so a name starting with one is none (_outlet_after)
_LAW = re.compile(r"(?:Permen|Kepmen)\w*")  # Permendag, Permenkes, Kepmenkes, ...


def _name_within(paragraph: str, start: int, end: int) -> tuple[int, int] | None:
    """``paragraph[start:end]`` without the spaces and punctuation at its edges (a closing
    bracket or quote stays with its opening one), if what is left starts with a capital."""
    while start < end and not paragraph[start].isalnum():
        start += 1
    while end > start and not paragraph[end - 1].isalnum():
        opening = _CLOSING.get(paragraph[end - 1])
        if paragraph[end - 1] == "." or (opening and opening in paragraph[start : end - 1]):
            break
        end -= 1
    return (start, end) if start < end and paragraph[start].isupper() else None


# The countries and scopes of competitions (``Liga Primer Inggris``, ``Liga Champions Asia``,
# ``Piala Dunia U-20``).
COMPETITION_COUNTRIES = frozenset(
    {
        *("Inggris", "Italia", "Spanyol", "Jerman", "Prancis", "Belanda", "Portugal"),
        *("Indonesia", "Malaysia", "Thailand", "Vietnam", "Jepang", "Saudi", "Turki"),
        *("Skotlandia", "Belgia"),
    }
)
COMPETITION_SCOPES = frozenset(
    {
        *("Asia", "Eropa", "Dunia", "Champions", "Europa", "Antarklub", "Nations"),
        *("Wanita", "Putri", "Putra", "AFC", "AFF", "UEFA", "FIFA", "ASEAN", "CONCACAF"),
    }
)
# Words of a match, a round or a player's role, left off the front of a name run into a
# competition's (``Babak Semifinal Liga Champions``, ``Kapten Timnas Indonesia Piala AFF``).
_EVENT_WORDS = frozenset(
    {
        *("Final", "Finalis", "Semifinal", "Perempat", "Babak", "Fase", "Grup", "Laga"),
        *("Partai", "Pekan", "Matchday", "Musim", "Edisi", "Juara", "Gelar", "Trofi"),
        *("Skuad", "Daftar", "Ajang", "Turnamen", "Kualifikasi", "Klub", "Tim", "Pemain"),
        *("Kapten", "Pelatih", "Bek", "Kiper", "Gelandang", "Penyerang", "Striker", "Bintang"),
        *("Legenda", "Mantan", "Eks", "Top", "Pencetak", "Peraih", "Pemenang", "Kampiun"),
        *("Semi", "Leg", "Gol", "Debut", "Drawing", "Undian", "Jadwal", "Klasemen", "Hasil"),
        *("Tiket", "Wasit", "Asisten", "Kepala", "Trofeo"),
    }
)
# Competitions named in full by their own (mostly English) names, which the tagger reads as
# places or people (``LOC:premier-league``, ``LOC:sea-games``, ``LOC:laliga``); not inside a
# longer name (``_inside_a_longer_name``).
NAMED_COMPETITIONS = (
    *("Premier League", "English Premier League", "Champions League", "Europa League"),
    *("Conference League", "Nations League", "Serie A", "Serie B", "La Liga", "LaLiga"),
    *("Bundesliga", "Ligue 1", "Eredivisie", "Copa America", "Copa América", "Copa del Rey"),
    "World Cup",
    *("Copa Libertadores", "SEA Games", "Asian Games", "Asian Para Games"),
)
_COMPETITION_WORDS = re.compile(
    r"Liga|Piala|Olimpiade|Euro|League|Serie|Ligue|Eredivisie|Bundesliga|Games|Copa|Cup"
)
# Confederations written before a competition's own name (``UEFA Champions League``).
_CONFEDERATION = r"(?:UEFA|AFC|AFF|FIFA|CONCACAF|CONMEBOL)"
_S = r"[^\S\n]+"  # spaces within a line
_END = r"(?![\w'’-])"
_WORD = r"[A-Z][\w'’-]*"
_SCOPE = rf"(?:{'|'.join(sorted(COMPETITION_SCOPES))}|U-?\d{{2}}){_END}"
_COUNTRY = rf"(?:{'|'.join(sorted(COMPETITION_COUNTRIES))}){_END}"
_SCOPES = rf"(?:{_S}{_SCOPE}){{0,3}}"
_COMPETITION = re.compile(
    rf"(?<![\w'’-])(?P<name>(?:Final{_S})?"
    rf"(?:Liga{_S}(?:{_SCOPE}|{_COUNTRY}|{_WORD}(?:{_S}{_COUNTRY})?|[1-3](?!\w))"
    rf"|Piala{_S}(?:{_SCOPE}|{_COUNTRY}|(?:Liga|Raja|Super|FA){_END}(?:{_S}{_COUNTRY})?|{_WORD})"
    rf"|Olimpiade{_S}{_WORD}){_SCOPES}"
    rf"|(?P<named>(?:{_CONFEDERATION}{_S})?"
    rf"(?:{'|'.join(name.replace(' ', _S) for name in NAMED_COMPETITIONS)}){_END}"
    rf"(?:{_S}{_COUNTRY})?))"
    rf"(?:{_S}\d{{4}}(?:[/–-]\d{{2,4}})?(?!\w))?"
    rf"|(?<![\w'’-])(?P<euro>Euro)(?P<euro_year>{_S}\d{{4}}(?!\w))?(?![\w'’-])"
)
_NAME_WORDS = re.compile(r"[\w'’-]+")
_KNOWN_ORGANISATION_WORDS = 6  # the most words a name in organisations.tsv is looked up in
_COMPANY_BEFORE = re.compile(r"\bPT\.?\s+\Z")


def _organisation_from(paragraph: str, found: list[_Found], index: int, start: int) -> bool:
    """True if an organisation found in paragraph ``index`` starts at ``start`` and goes on
    after its first word, or one known to the organisation list does."""
    if _known_organisation_at(paragraph, start, start + 1):
        return True
    return any(
        i == index and s == start and label == "ORG" and " " in paragraph[s:e]
        for i, s, e, label, _ in found
    )


_EURO_AREA = re.compile(r"\b(?:[Zz]ona|[Kk]awasan)\s+\Z")


@cache
def _lexicon() -> Lexicon:
    tagger = default_tagger()
    vocabulary = tagger.vocabulary
    return Lexicon(name_words(), tagger.heads, vocabulary.connectors, vocabulary.common)


def _is_punctuation(word: str) -> bool:
    return not word.isalnum() and not any(ch.isalnum() for ch in word)


def _trim(words: list[str], first: int, end: int) -> tuple[int, int]:
    """Drop edge punctuation tokens, unless they close a pair in the span (``(PKB)``)."""
    while first < end and _is_punctuation(words[first]):
        closing = _OPENING.get(words[first])
        if closing is not None and closing in words[first + 1 : end]:
            break
        first += 1
    while first < end and _is_punctuation(words[end - 1]):
        opening = _CLOSING.get(words[end - 1])
        if opening is not None and opening in words[first : end - 1]:
            break
        end -= 1
    return first, end


# A compass direction written in lowercase after a place, which the gold counts as part of it
# (``Israel utara``, ``Gaza selatan``, ``Afrika barat``: 6 of 6 times in train, 3 of 3 in
# dev); not a compound one (``Afrika barat laut``), whose first word alone is no direction,
# nor ``tengah``, which is also "in the middle of" doing something (``Israel tengah
# menyiapkan …``).
_DIRECTION_AFTER = re.compile(
    r"\s+(?:utara|selatan|timur|barat|tenggara)(?![\w-])(?!\s+(?:laut|daya)\b)"
)


def _with_directions(
    paragraphs: Sequence[str], found: list[_Found]
) -> tuple[list[_Found], dict[tuple[int, int, int], int]]:
    """Places extended over a lowercase compass direction right after them (not a hyphenated
    one, ``timur-laut``), and the end of the place itself in each span extended: such a place
    keeps its own canonical name (``Ukraina timur`` is ``LOC:ukraina``) unless the whole is a
    known place (``Korea utara``, ``Jawa timur``, ``Sumatera selatan``; ``_linked``)."""
    out = []
    directed = {}
    for index, start, end, label, method in found:
        if label == "LOC":
            direction = _DIRECTION_AFTER.match(paragraphs[index], end)
            if direction is not None:
                directed[(index, start, direction.end())] = end
                end, method = direction.end(), "rule"
        out.append((index, start, end, label, method))
    return out, directed


class _Taken:
    """The character spans of ``found``, by paragraph, for telling whether a span overlaps one
    of them in logarithmic time (one line of a page is one paragraph, which can hold
    100,000 mentions). A paragraph's index is built when it is first asked about."""

    def __init__(self, found: list[_Found]) -> None:
        self._spans: dict[int, list[tuple[int, int]]] = {}
        for index, start, end, _, _ in found:
            self._spans.setdefault(index, []).append((start, end))
        # paragraph -> (sorted starts, the furthest end of the spans up to each one)
        self._index: dict[int, tuple[list[int], list[int]]] = {}

    def overlaps(self, index: int, start: int, end: int) -> bool:
        """True when ``[start, end)`` of paragraph ``index`` overlaps a span."""
        built = self._index.get(index)
        if built is None:
            pairs = sorted(self._spans.get(index, ()))
            built = [s for s, _ in pairs], list(accumulate((e for _, e in pairs), max))
            self._index[index] = built
        starts, reach = built
        before = bisect_left(starts, end)  # the spans starting before end
        return before > 0 and reach[before - 1] > start


def _one_sense_per_article(
    paragraphs: Sequence[str],
    found: list[_Found],
    known_in_article: list[tuple[int, list[_Known]]],
) -> list[_Found]:
    """Gazetteer names to add: after a locative cue, curated aliases, and the entities these
    or the tagger found elsewhere in the article."""
    gaz = gazetteer()
    keys = set()
    for index, start, end, _, _ in found:
        entity = gaz.lookup(paragraphs[index][start:end])
        if entity is not None:
            keys.add(entity_key(entity.label, entity.canonical_name))
    taken = _Taken(found)
    unlabelled = [
        (index, start, end, label, canonical, locative)
        for index, known in known_in_article
        for start, end, label, canonical, locative in known
        if not taken.overlaps(index, start, end)
    ]
    sure = {
        (index, start)
        for index, start, end, label, _, locative in unlabelled
        if locative or (label == "LOC" and gaz.is_curated_alias(paragraphs[index][start:end]))
    }
    keys.update(
        entity_key(label, canonical)
        for index, start, _, label, canonical, _ in unlabelled
        if (index, start) in sure
    )
    return [
        (index, start, end, label, "gazetteer")
        for index, start, end, label, canonical, _ in unlabelled
        if (index, start) in sure or entity_key(label, canonical) in keys
    ]


def _known_organisations_again(
    paragraphs: Sequence[str],
    tokenised: list[tuple[int, list[re.Match[str]], list[str], list[bool]]],
    found: list[_Found],
) -> list[_Found]:
    """Other unlabelled spellings of the known organisations (``organisations.tsv``) found in
    the article: one sense per article, as for the gazetteer (``Persib`` where the tagger found
    nothing, after ``Persib Bandung`` was found)."""
    organisations = known_organisations()
    wanted = set()
    for index, start, end, label, _ in found:
        if label == "ORG":
            canonical = organisations.get(name_key(paragraphs[index][start:end]))
            if canonical is not None:
                wanted.add(canonical)
    if not wanted:
        return []
    taken = _Taken(found)
    starts = known_organisation_starts()
    added: list[_Found] = []
    for index, tokens, words, caps in tokenised:
        i = 0
        while i < len(words):
            if not caps[i] or first_word_key(words[i]) not in starts:
                i += 1
                continue
            for size in (4, 3, 2, 1):
                if i + size > len(words) or not caps[i + size - 1]:
                    continue
                start, end = tokens[i].start(), tokens[i + size - 1].end()
                canonical = organisations.get(name_key(paragraphs[index][start:end]))
                if canonical in wanted and not taken.overlaps(index, start, end):
                    added.append((index, start, end, "ORG", "gazetteer"))
                    i += size - 1
                    break
            i += 1
    return added


# Up to this many distinct full names, an article is first screened for names written more
# often than found, one str.count each.
_FEW_NAMES = 32


def _persons_again(
    paragraphs: Sequence[str],
    tokenised: list[tuple[int, list[re.Match[str]], list[str], list[bool]]],
    found: list[_Found],
    common: frozenset[str],
) -> list[_Found]:
    """Other occurrences of a person's full name found in the article, which the tagger left
    unlabelled: one sense per article, as for places and organisations. Its reading of a name
    depends on the words around it, more so when a part of the name is also an ordinary word
    (``Ratna Sari``: ``sari``), so ``Ratna Sari mengatakan`` is a person and ``Ratna Sari
    menjelaskan`` or ``Kunjungan Ratna Sari ke`` nothing. An occurrence that is part of a
    longer name is left alone (``Jalan Ratna Sari``, ``Sekolah Ratna Sari``, ``PT. Ratna Sari``,
    ``Ratna Sari Dewi``, ``Ratna Sari-Dewi``): the words around it must not be capitalised,
    except an ordinary word that starts a sentence (``Kunjungan``, which the training text has
    in lowercase). Linear in the article's words, whatever the number of names."""
    found_times = Counter(
        text
        for index, start, end, label, _ in found
        if label == "PER" and " " in (text := paragraphs[index][start:end])
    )
    texts = list(found_times)
    if len(texts) <= _FEW_NAMES:  # names written only where found: nothing to add (in C)
        article = "\n".join(paragraphs)
        texts = [text for text in texts if article.count(text) > found_times[text]]
    if not texts:
        return []
    names = {_words_of_name(text) for text in texts}
    firsts = {name[0] for name in names}
    lengths = sorted({len(name) for name in names}, reverse=True)  # the longest name first
    heads = _lexicon().heads
    taken: _Taken | None = None
    added: list[_Found] = []
    for index, tokens, words, caps in tokenised:
        if firsts.isdisjoint(words):  # in C: most paragraphs stop here
            continue
        paragraph = paragraphs[index]
        free = 0  # tokens before ``free`` belong to a name added already
        for i in compress(range(len(words)), caps):  # the capitalised words only, found in C
            if i < free or words[i] not in firsts:
                continue
            for n in lengths:
                if i + n > len(words):  # a shorter name at the paragraph's end, not this one
                    continue
                if tuple(words[i : i + n]) not in names or not _stands_alone(
                    paragraph, tokens, words, caps, i, i + n, common, heads
                ):
                    continue
                start, end = tokens[i].start(), tokens[i + n - 1].end()
                if taken is None:
                    taken = _Taken(found)
                if not taken.overlaps(index, start, end):
                    added.append((index, start, end, "PER", "rule"))
                    free = i + n
                    break
    return added


# A surname spread over the article is this long at least (``Ramsay``; not ``Lee`` or ``Kim``,
# which name many).
_SURNAME_MIN_CHARS = 4
# Words that end Indonesian names and are words always written capitalised: a religion, a
# month of the Islamic calendar, a feast (``Nurul Islam`` and ``umat Islam``, ``Rizky
# Ramadhan`` and ``bulan Ramadhan``). Month and weekday names are ``calendar_words``.
_NOT_SURNAMES = frozenset(
    [
        "islam",
        "islami",
        "muslim",
        "kristen",
        "katolik",
        "protestan",
        "hindu",
        "buddha",
        "budha",
        "konghucu",
        "nasrani",
        "yahudi",
        "ramadhan",
        "ramadan",
        "syawal",
        "muharram",
        "rajab",
        "syaban",
        "sya'ban",
        "safar",
        "dzulhijjah",
        "zulhijah",
        "idul",
        "fitri",
        "adha",
        "natal",
        "paskah",
        "imlek",
        "nyepi",
        "waisak",
        "allah",
        "tuhan",
    ]
)
# Words after which a surname names something else: a faith's people, a month, a family's
# company or group (``kelompok usaha Bakrie``, ``pabrik rokok Sampoerna``, ``saham Bakrie``), a
# clan (``marga Siregar``), or a place or an institution named after a person (``jalan
# Sudirman``, ``stadion Manahan``, ``rumah sakit Soetomo``, ``yayasan Mochtar``).
_NOT_A_PERSON_AFTER = frozenset(
    [
        "umat",
        "agama",
        "bulan",
        "hari",
        "usaha",
        "kelompok",
        "grup",
        "group",
        "pabrik",
        "rokok",
        "saham",
        "merek",
        "produk",
        "perusahaan",
        "keluarga",
        "dinasti",
        "marga",
        "suku",
        "klan",
        "beasiswa",
        "yayasan",
        "jalan",
        "jln",
        "jl",
        "gang",
        "gg",
        "stadion",
        "lapangan",
        "gedung",
        "sakit",
        "rs",
        "bandara",
        "pelabuhan",
        "terminal",
        "stasiun",
        "kampus",
        "universitas",
        "sekolah",
        "madrasah",
        "pesantren",
        "masjid",
        "gereja",
        "pura",
        "vihara",
        "klenteng",
        "taman",
        "museum",
        "monumen",
        "hotel",
        "pasar",
        "plaza",
        "mal",
        "kompleks",
        "komplek",
        "perumahan",
        "jembatan",
        "bendungan",
        "tol",
        "kapal",
        "kabupaten",
        "kecamatan",
        "kelurahan",
        "desa",
        "kampung",
        "dusun",
        "pulau",
        "gunung",
        "sungai",
        "danau",
        "teluk",
        "selat",
        "tanjung",
        "penghargaan",
        "trofi",
        "piala",
        "galeri",
    ]
)


def _surnames_again(
    paragraphs: Sequence[str],
    tokenised: list[tuple[int, list[re.Match[str]], list[str], list[bool]]],
    found: list[_Found],
    common: frozenset[str],
) -> list[_Found]:
    """The surname of a person named in full in the article, written alone where the tagger
    left it unlabelled: that person (``MacPhee`` after ``Austin MacPhee``, ``tegas Rudiarta``
    after ``I Nyoman Rudiarta``), as ``_persons_again`` does for the full name. The surname is
    the full name's last word, of 4 letters or more, that no other full name of the article
    holds (``Bankman`` in ``Joseph Bankman`` and ``Sam Bankman Fried``: either), that is no
    ordinary word (the training text has it in lowercase: ``Putra``, ``Sari``), no learned
    head or title, and no known place or organisation (``Gianyar``); standing alone as the
    full name must (``Jalan Rudiarta``, ``Rudiarta Putra`` are other names), and not after a
    place word (``di``, ``wilayah``, ``warga``: the tagger's person ``Pariwisata Badung``, from
    ``Dinas Pariwisata Badung``, leaves ``wilayah Badung`` a place), after a word naming a
    faith's people, a month, a company, a clan, or a place or an institution named after a
    person (``_NOT_A_PERSON_AFTER``: ``jalan Sudirman``, ``stadion Manahan``), or beside
    ``&``; not a word the article has alone more often as a place or an organisation than as a
    person. Not a word
    always written capitalised that ends names (``Islam``, ``Ramadhan``: ``_NOT_SURNAMES``), nor
    a month or weekday. Indonesian and Malay articles only. It spreads the tagger's mistakes as
    ``_persons_again`` does: a two-word span it wrongly calls a person gives its last word
    too."""
    persons = [
        paragraphs[index][start:end] for index, start, end, label, _ in found if label == "PER"
    ]
    names = {words for text in persons if " " in text and len(words := _words_of_name(text)) > 1}
    if not names:
        return []
    shared = set()
    if len(names) > 1:
        parts = Counter(word for name in names for word in set(name))
        shared = {word for word, times in parts.items() if times > 1}
    article = "\n".join(paragraphs)
    # a word found alone more often as a place or an organisation than as a person is that,
    # not the person (``stadion Manahan`` a place to the tagger, after ``Sigit Manahan``)
    alone = Counter(
        (paragraphs[index][start:end], label == "PER") for index, start, end, label, _ in found
    )
    elsewhere = {
        text for (text, person), times in alone.items() if not person and times > alone[text, True]
    }
    surnames = {  # and written more often than inside the persons found (in C)
        word
        for word in {name[-1] for name in names}
        if word not in shared
        and word not in elsewhere
        and _may_be_surname(word, common)
        and article.count(word) > sum(text.count(word) for text in persons)
    }
    if not surnames:
        return []
    heads = _lexicon().heads
    taken = _Taken(found)
    added: list[_Found] = []
    for index, tokens, words, caps in tokenised:
        if surnames.isdisjoint(words):
            continue
        paragraph = paragraphs[index]
        for i in compress(range(len(words)), caps):
            if (
                words[i] not in surnames
                or not _stands_alone(paragraph, tokens, words, caps, i, i + 1, common, heads)
                or _after_place_word(paragraph, tokens[i].start())
                or (i > 0 and words[i - 1].lower() in _NOT_A_PERSON_AFTER)
                or paragraph[tokens[i].end() :].lstrip()[:1] == "&"  # Johnson & Johnson
                or paragraph[: tokens[i].start()].rstrip()[-1:] == "&"
            ):
                continue
            start, end = tokens[i].start(), tokens[i].end()
            if not taken.overlaps(index, start, end):
                added.append((index, start, end, "PER", "rule"))
    return added


@lru_cache(maxsize=100_000)
def _may_be_surname(word: str, common: frozenset[str]) -> bool:
    """``word`` may be spread as a surname (``_surnames_again``): 4 letters or more, capitalised,
    no ordinary word, learned head, title, name prefix, known place or organisation."""
    return (
        len(word) >= _SURNAME_MIN_CHARS
        and word[0].isupper()
        and word.isalpha()
        and word.lower() not in common
        and word.lower() not in _NOT_SURNAMES
        and word.lower() not in calendar_words()
        and word not in _lexicon().heads
        and word not in NAME_PREFIXES
        and word not in TITLE_WORDS
        and _known_label(word) is None
    )


@lru_cache(maxsize=4096)
def _words_of_name(text: str) -> tuple[str, ...]:
    return tuple(words_of(token_matches(text)))


def _stands_alone(
    paragraph: str,
    tokens: list[re.Match[str]],
    words: list[str],
    caps: list[bool],
    first: int,
    end: int,
    common: frozenset[str],
    heads: dict[str, str],
) -> bool:
    """True if tokens ``first`` to ``end`` (exclusive) are no part of a longer name (see
    ``_persons_again``)."""
    after = tokens[end - 1].end()
    if caps[end] or paragraph[after : after + 1] == "-":
        return False
    before = tokens[first].start()
    if first == 0:
        return True
    if paragraph[before - 1 : before] == "-":
        return False
    previous = words[first - 1]
    if previous == "." and first >= 2 and caps[first - 2]:
        # a sentence's end (``… KPK. Ratna Sari``), a title's period (``Dr. Ratna Sari``), or
        # the period of an organisation's, a place's or an unknown short abbreviation (``PT.``,
        # ``Jl.``, ``Gg.``), whose name it is part of
        abbreviation = words[first - 2]
        if abbreviation in ORGANISATION_PREFIXES or abbreviation in PLACE_PREFIXES:
            return False
        return abbreviation in NAME_PREFIXES or len(abbreviation) > 3 or abbreviation.isupper()
    if not caps[first - 1]:
        return True
    starts_sentence = first == 1 or words[first - 2] in SENTENCE_STARTS
    return starts_sentence and previous.lower() in common and previous not in heads


def _surnames_as_persons(paragraphs: Sequence[str], found: list[_Found]) -> list[_Found]:
    """A one-word place the tagger found in a list or apposition that is the last word of a
    person's full name in the article is that person (``Ramos`` in a football line-up, which the
    tagger reads as places, after ``Goncalo Ramos``), unless it is a known place, the list
    follows a place word (``di Sukawati, Blahbatuh, dan Gianyar``, though ``Oka Artha Ardana
    Sukawati`` is named) or holds a known place. Last words only: a person span can begin with
    a region the tagger ran into it (``Lhoksukon Teuku Rahmatsyah``). In a list only: the
    tagger's person spans also hold offices' words and events (``Dinas Pariwisata Badung``
    gives ``PER:Pariwisata Badung``, ``Piala Champions`` a person), whose last words elsewhere
    are places (``wilayah Badung``, ``Liga Champions``)."""
    surnames = set()
    for index, start, end, label, _ in found:
        if label == "PER":
            words = paragraphs[index][start:end].split()
            if len(words) >= 2:
                surnames.add(name_key(words[-1]))
    if not surnames:
        return found
    out = list(found)
    for k, (index, start, end, label, method) in enumerate(found):
        if label != "LOC" or method != "model":
            continue
        paragraph = paragraphs[index]
        text = paragraph[start:end]
        if (
            name_key(text) not in surnames
            or " " in text
            or not _listed(paragraph, start, end)
            or is_known_place(text)
        ):
            continue
        first, last = _list_around(paragraph, found, k)
        if _after_place_word(paragraph, found[first][1]) or any(
            found[m][3] == "LOC" and is_known_place(paragraph[found[m][1] : found[m][2]])
            for m in range(first, last + 1)
        ):
            continue
        out[k] = (index, start, end, "PER", "rule")
    return out


def _companies_by_name(paragraphs: Sequence[str], found: list[_Found]) -> list[_Found]:
    """A person or place the tagger found that spells the name of a company of the article
    without its legal form is that company (``Astra Otoparts``, a person to the tagger, after
    ``PT Astra Otoparts Tbk``), unless it is a known place (``PT Indonesia …``) or it, or the
    list it is in, follows a place word (``di Lippo Karawaci``, ``warga Sentul City``, ``di
    Sukamaju, Sukajaya, dan Mekarsari``: estates and villages named as a company)."""
    cores = set()
    for index, start, end, label, _ in found:
        if label == "ORG" and paragraphs[index][start : start + 2] in ORGANISATION_PREFIXES:
            core = company_core(paragraphs[index][start:end])
            if core:
                cores.add(name_key(core))
    if not cores:
        return found
    out = list(found)
    for k, (index, start, end, label, _) in enumerate(found):
        if label != "ORG":
            paragraph = paragraphs[index]
            text = paragraph[start:end]
            if name_key(text) in cores and not is_known_place(text):
                first, _ = _list_around(paragraph, found, k)
                if not _after_place_word(paragraph, found[first][1]):
                    out[k] = (index, start, end, "ORG", "rule")
    return out


# Verbs of saying whose subject, written as a name at the start of a sentence, is a person
# (``Ratna Sari menegaskan …``); not ``menyatakan``, ``menyebut``, ``menilai``, whose subject is
# often an institution (``KPK menyatakan``).
_SPEECH_VERBS = frozenset(
    {
        *("mengatakan", "menegaskan", "menjelaskan", "menambahkan", "mengungkapkan"),
        *("menuturkan", "berkata", "mengaku", "bercerita", "menerangkan"),
    }
)


def _speakers(
    paragraphs: Sequence[str],
    tokenised: list[tuple[int, list[re.Match[str]], list[str], list[bool]]],
    found: list[_Found],
    common: frozenset[str],
) -> list[_Found]:
    """Two to four capitalised words the tagger left unlabelled that start a sentence and are
    followed by a verb of saying are a person (``Ratna Sari menegaskan …``, which the tagger
    reads as nothing because ``sari`` is an ordinary word), unless the first is an ordinary
    word (the training text has it in lowercase: ``Sumber Palestin mengatakan``) or one of
    them is an institution's, a place's or an office's word, a title, a calendar word or part
    of a known name."""
    heads = _lexicon().heads
    known_words = name_words()
    calendar = calendar_words()
    taken: _Taken | None = None
    added: list[_Found] = []
    for index, tokens, words, caps in tokenised:
        if _SPEECH_VERBS.isdisjoint(words):  # in C: most paragraphs stop here
            continue
        for verb in compress(range(len(words)), map(_SPEECH_VERBS.__contains__, words)):
            if verb < 2 or not caps[verb - 1] or not caps[verb - 2]:
                continue
            if taken is None:
                taken = _Taken(found)
            if taken.overlaps(index, tokens[verb - 1].start(), tokens[verb - 1].end()):
                continue  # the tagger found the name
            for size in (2, 3, 4):
                first = verb - size
                if first < 0 or not caps[first]:
                    break
                if first > 0 and words[first - 1] not in SENTENCE_STARTS:
                    continue
                name = words[first:verb]
                if not all(caps[first:verb]) or not all(_plain_name_word(w) for w in name):
                    break
                if (
                    name[0].lower() in common
                    or any(
                        heads.get(w, "PER") != "PER"
                        or w in POSITION_WORDS
                        or w in TITLE_WORDS
                        or w in GOVERNMENT_BODIES
                        or w in PLACE_HEADS
                        or w in INSTITUTION_WORDS
                        or w.lower() in calendar
                        or w.lower() in known_words
                        for w in name
                    )
                    or is_known_place(" ".join(name))
                    or name_key(" ".join(name)) in known_organisations()
                ):
                    break
                start, end = tokens[first].start(), tokens[verb - 1].end()
                if not taken.overlaps(index, start, end):
                    added.append((index, start, end, "PER", "rule"))
                break
    return added


def _plain_name_word(word: str) -> bool:
    """A word that can be part of a person's name: letters (an inner hyphen or apostrophe
    allowed), not all capitals (``KPK``)."""
    letters = word.replace("-", "").replace("'", "")
    return letters.isalpha() and not word.isupper()


def _organisation_before_person(
    paragraphs: Sequence[str], found: list[_Found]
) -> tuple[list[_Found], dict[tuple[int, int, int], str]]:
    """A person span of three words or more whose first word is the first or last word of an
    organisation found in the article (``Villa Dean Smith`` after ``Aston Villa``, ``Leeds
    Jesse Marsch`` after ``Leeds United``: a club or a party named by one of its words before
    its manager or member) or spells a known organisation (``organisations.tsv``: ``Persija
    Thomas Doll``) is that organisation and the person after it. Not an ordinary word or a
    head, which starts many organisations (``Partai``, ``Bank``). The organisation's mention is
    named as the organisation when only one found in the article ends with the word, or none
    does and one starts with it (``named``: mention -> the text to name it by), unless the word
    before the span or the span's second word makes with it a known organisation or one found
    in the article, which the mention then spells (``AC Milan Stefano Pioli``, ``Real Sociedad
    Imanol Alguacil``, ``Persib Bandung Bojan Hodak``)."""
    named: dict[tuple[int, int, int], str] = {}
    firsts = {
        name_key(paragraphs[index][start:end].split(maxsplit=1)[0])
        for index, start, end, label, _ in found
        if label == "PER" and paragraphs[index].count(" ", start, end) >= 2
    }
    if not firsts:
        return found, named
    known = known_organisations()
    pairs = {  # the first two words of spans of four words or more: a known club of two
        key
        for index, start, end, label, _ in found
        if label == "PER"
        and paragraphs[index].count(" ", start, end) >= 3
        and (key := name_key(" ".join(paragraphs[index][start:end].split()[:2]))) in known
    }
    heads = _lexicon().heads
    common = default_tagger().lowercase_words
    ends: dict[str, set[str]] = {}
    starts: dict[str, set[str]] = {}
    for index, start, end, label, _ in found:
        if label == "ORG":
            text = paragraphs[index][start:end]
            words = text.split()
            for word, where in ((words[-1], ends), (words[0], starts)) if words else ():
                if (
                    name_key(word) in firsts
                    and _plain_name_word(word)
                    and word not in heads
                    and word.lower() not in common
                ):
                    where.setdefault(name_key(word), set()).add(text)
    if not ends and not starts and not pairs and firsts.isdisjoint(known):
        return found, named
    names = set(known).union(
        name_key(paragraphs[index][start:end])
        for index, start, end, label, _ in found
        if label == "ORG"
    )
    out: list[_Found] = []
    for index, start, end, label, method in found:
        if label == "PER":
            text = paragraphs[index][start:end]
            words = text.split()
            if (
                len(words) >= 3
                and _plain_name_word(words[0])
                and words[0] not in TITLE_WORDS
                and (
                    name_key(words[0]) in ends
                    or name_key(words[0]) in starts
                    or name_key(words[0]) in known
                    or (len(words) >= 4 and name_key(" ".join(words[:2])) in pairs)
                )
            ):
                key = name_key(words[0])
                # the words of the span that name the organisation: two if they spell a known
                # organisation or one of the article (``Real Sociedad Imanol Alguacil``,
                # ``Inter Milan Simone Inzaghi``), leaving a person of two words or more
                own = 2 if len(words) >= 4 and name_key(" ".join(words[:2])) in names else 1
                offsets = _word_offsets(text, words)
                first_end = start + offsets[own - 1] + len(words[own - 1])
                rest = start + offsets[own]
                # a word before the span that makes it a known organisation or one of the
                # article: ``AC`` of ``AC Milan Stefano Pioli``, not the article's Inter Milan
                org_start = _word_before(paragraphs[index], start)
                if org_start is not None:
                    before = paragraphs[index][org_start:start]
                    taken = out and out[-1][0] == index and out[-1][2] > org_start
                    if taken or name_key(before + " ".join(words[:own])) not in names:
                        org_start = None
                out.append(
                    (index, start if org_start is None else org_start, first_end, "ORG", "rule")
                )
                out.append((index, rest, end, "PER", method))
                organisations = ends.get(key) or starts.get(key, ())
                if own == 1 and org_start is None and len(organisations) == 1:
                    (named[(index, start, first_end)],) = organisations
                continue
        out.append((index, start, end, label, method))
    return out, named


def _word_offsets(text: str, words: list[str]) -> list[int]:
    """Where each of ``words`` (``text.split()``) starts in ``text``."""
    offsets, at = [], 0
    for word in words:
        at = text.index(word, at)
        offsets.append(at)
        at += len(word)
    return offsets


def _word_before(paragraph: str, start: int) -> int | None:
    """Where the word just before ``start`` begins when only spaces part them (not after a
    sentence's or a clause's end: ``Chelsea. Villa``), looking back a few characters only."""
    match = _WORD_BEFORE.search(paragraph, max(0, start - _LONGEST_WORD), start)
    return None if match is None else match.start(1)


_LONGEST_WORD = 40
_WORD_BEFORE = re.compile(r"(?<![\w'’-])(\w[\w'’-]*)[^\S\n]+\Z")


def _lists_of_people(paragraphs: Sequence[str], found: list[_Found]) -> list[_Found]:
    """The one-word places the tagger found in a list of three names or more in which it found
    a person are people (``trio Neves, Silva, dan Otavio``, where it reads ``Neves`` as a
    place; a football line-up with one player it knows), under the guards of
    ``_surnames_as_persons``: not a known place, not a list after a place word, not a list
    that holds a known place. Only the tagger's own persons count: a surname the rule above
    made a person is often in apposition to a clause, not in a list (``… dan Kohabitasi,
    Rudiarta meminta …``)."""
    out = list(found)
    done = -1  # the mentions up to this one belong to a list looked at already
    for k, (index, start, end, label, method) in enumerate(found):
        if k <= done or label != "LOC" or method != "model":
            continue
        paragraph = paragraphs[index]
        if " " in paragraph[start:end] or not _listed(paragraph, start, end):
            continue
        first, last = _list_around(paragraph, found, k)
        done = last
        if last - first < 2:  # three members at least
            continue
        members = range(first, last + 1)
        places = [
            m
            for m in members
            if found[m][3] == "LOC"
            and found[m][4] == "model"
            and " " not in paragraph[found[m][1] : found[m][2]]
        ]
        if (
            not places
            or not any(found[m][3] == "PER" and found[m][4] == "model" for m in members)
            or any(
                found[m][3] == "LOC" and is_known_place(paragraph[found[m][1] : found[m][2]])
                for m in members
            )
            or _after_place_word(paragraph, found[first][1])
        ):
            continue
        for m in places:
            out[m] = (index, found[m][1], found[m][2], "PER", "rule")
    return out


def _line_ups(paragraphs: Sequence[str], found: list[_Found]) -> list[_Found]:
    """A football team's starting line-up is a list of people: at the start of a line, a
    country or a club, then a colon and eleven names or more (``Maroko: Bounou, Hakimi, El
    Yamiq, Saiss, …, En-Nesyri.``, whose players the tagger reads as places and whose last it
    misses). Before the team may stand ``Susunan pemain``, ``Starting XI``, ``Line-up`` or
    ``Pemain inti`` (any case), after it a formation in brackets. The team is a country, a
    known organisation or one the tagger found there, not a competition (``Klasemen Liga
    Inggris: …``) nor a city or region (``Jakarta: Senen, Tanah Abang, …``). The names are apart
    by commas or semicolons, the last one also by ``dan``, and end at the line's end or a
    sentence's; each is one to four capitalised words (``B Silva``, ``B. Silva``,
    ``Attiat-Allah``; ``de``, ``van``, … inside), a bracket after it left out (``Pepe (c)``,
    ``Neves (Vitinha 83')``, whose mentions stay as found); a name that starts with a role
    (``Pelatih``, ``Wasit``) ends the list before it. Not a list with a name that is a known
    place or organisation, an organisation to the tagger, an acronym or holds a digit. The
    mentions found over the names give way to one person a name; a person found as one of them
    stays as found."""
    out: list[_Found] | None = None
    for index, paragraph in enumerate(paragraphs):
        if ":" not in paragraph or paragraph.count(",") + paragraph.count(";") < _LINE_UP - 2:
            continue
        for line in _LINE_STARTS.finditer(paragraph):
            head = _LINE_UP_HEAD.match(paragraph, line.start())
            if head is None or _COMPETITION_WORDS.search(head["team"]):
                continue
            players = _players(paragraph, head.end())
            if players is None or not _is_team(paragraph, found, index, *head.span("team")):
                continue
            over = [
                m
                for m in found
                if m[0] == index and any(m[1] < end and m[2] > start for start, end in players)
            ]
            if any(m[3] == "ORG" for m in over):
                continue  # clubs, airlines, universities
            persons = {m[1:3] for m in over if m[3] == "PER" and m[1:3] in players}
            replaced = {m for m in over if m[1:3] not in persons}
            out = [
                mention for mention in (found if out is None else out) if mention not in replaced
            ]
            out.extend(
                (index, start, end, "PER", "rule")
                for start, end in players
                if (start, end) not in persons
            )
            out.sort()
    return found if out is None else out


_LINE_UP = 11  # the fewest names of a line-up: a starting eleven
_LINE_UP_ROLES = frozenset({"Pelatih", "Wasit", "Cadangan", "Manajer", "Asisten", "Kapten"})
_LINE_STARTS = re.compile(r"^", re.MULTILINE)
_LINE_UP_HEAD = re.compile(
    r"[^\S\n]*(?:(?i:susunan[^\S\n]+pemain|starting[^\S\n]+(?:xi|eleven)|line-?up"
    r"|pemain[^\S\n]+inti)[^\S\n]+)?"
    rf"(?P<team>{_WORD}(?:{_S}{_WORD}){{0,3}})(?:[^\S\n]*\([^()\n]*\))?[^\S\n]*:[^\S\n]*"
)
_PLAYER_WORD = r"(?:[A-Z]\.|[A-Z][\w'’-]*)"
_PLAYER = re.compile(
    rf"(?P<name>{_PLAYER_WORD}(?:[^\S\n]+(?:{_PLAYER_WORD}|de|da|do|dos|van|der|den|von|el|al"
    r"|bin)){0,3})(?![\w'’-])(?:[^\S\n]*\([^()\n]*\))?"
)
_PLAYER_SEPARATOR = re.compile(r"[^\S\n]*(?:[,;](?:[^\S\n]*dan)?|[^\S\n]dan)[^\S\n]+")
_PLAYERS_END = re.compile(r"[^\S\n]*(?:\.(?:[^\S\n]|$)|$)", re.MULTILINE)


def _players(paragraph: str, start: int) -> list[tuple[int, int]] | None:
    """The spans of the names listed from ``paragraph[start]`` (``_line_ups``) to the end of
    the line or of the sentence, or to a role word, or None unless that is a list of
    ``_LINE_UP`` names or more, none of them a known place or organisation, an acronym or a
    word with a digit."""
    spans = []
    position = start
    while True:
        player = _PLAYER.match(paragraph, position)
        if player is None:
            return None
        name = player["name"]
        if name.split(maxsplit=1)[0] in _LINE_UP_ROLES and spans:
            break  # the coach or the referee after the players (``…, Kane, Pelatih Southgate``)
        if (
            _known_label(name) in ("LOC", "ORG")
            or (len(name) > 1 and name.isupper())
            or any(c.isdigit() for c in name)
        ):
            return None
        spans.append(player.span("name"))
        if _PLAYERS_END.match(paragraph, player.end()):
            break
        separator = _PLAYER_SEPARATOR.match(paragraph, player.end())
        if separator is None:
            return None
        position = separator.end()
    return spans if len(spans) >= _LINE_UP else None


def _is_team(paragraph: str, found: list[_Found], index: int, start: int, end: int) -> bool:
    """True if ``paragraph[start:end]`` is a country or a known organisation, or ends an
    organisation the tagger found there."""
    team = paragraph[start:end]
    if is_country(team) or name_key(team) in known_organisations():
        return True
    return any(
        i == index and label == "ORG" and s >= start and e == end for i, s, e, label, _ in found
    )


def _facilities_named_for_people(paragraphs: Sequence[str], found: list[_Found]) -> list[_Found]:
    """A street, stadium, airport, hospital or building named for a person is a place, the
    person's name included (``Stadion Kapten I Wayan Dipta``, ``Jl. Jenderal Ahmad Yani``,
    ``Stadion Gelora Bung Karno``, ``Bandara Internasional Soekarno-Hatta``), where the
    tagger found the person and at most the words before it as a place: a person right after
    a facility's word (``Jalan``, ``Stadion``, ``Bandara``, ``RSUD``, …: ``_FACILITY_BEFORE``),
    with only a facility's qualifiers (``Internasional``, ``Gelora``, ``Utama``, ``Raya``) and
    titles between, where a title comes before the name (``Kapten``, ``Jenderal``, ``Bung``,
    ``Pangeran``, ``Dr.``, the Balinese ``I``: ``_FACILITY_TITLES``, between or starting the
    person's mention) or a first name joined to it by a hyphen (``Soekarno-Hatta``). The
    mentions over the whole give way to one place. Not a name without a title, which is as
    often a person at the place (``Masjid Istiqlal Jokowi``, ``Masjid Raya Jokowi``), nor
    across other words (``Juru bicara Gedung Putih Karine Jean-Pierre``), nor after an office,
    a staff word or ``Partai`` among the capitalised words before the facility or the word
    before them (``Direktur Utama RSUP Dr. Sardjito …``, ``Kepala Bidang Pelayanan Medik RSUD
    dr. …``: the person works there; ``Partai Gelora``), nor before a verb of what a person
    does (``… Masjid Agung Sultan Hamengku Buwono X memberikan sambutan``), nor into a
    mention the tagger began before the facility's word (``Polresta Bandara Soekarno``)."""
    out: list[_Found] | None = None
    taken_into: list[tuple[int, int, int]] = []  # (paragraph, start, end) of the places made
    with_facility: dict[int, bool] = {}  # paragraph: has a facility's word at all
    for index, start, end, label, _ in found:
        if label != "PER" or any(i == index and s < end and e > start for i, s, e in taken_into):
            continue
        paragraph = paragraphs[index]
        if index not in with_facility:
            with_facility[index] = _FACILITY_WORD.search(paragraph) is not None
        if not with_facility[index]:
            continue
        facility = _FACILITY_BEFORE.search(paragraph, max(0, start - _FACILITY_REACH), start)
        if facility is None:
            continue
        person_first = paragraph[start:end].split(maxsplit=1)[0]
        if not (
            facility["joined"]
            or _FACILITY_TITLES.intersection(facility["between"].split())
            or person_first in _FACILITY_TITLES
        ):
            continue
        first = facility.start()
        if _staff_before(paragraph, first) or _PERSON_ACTS.match(paragraph, end):
            continue
        if any(m[0] == index and m[1] < first < m[2] for m in found):
            continue  # an organisation or place the tagger began before (``Polresta Bandara``)
        out = [
            mention
            for mention in (found if out is None else out)
            if mention[0] != index or mention[2] <= first or mention[1] >= end
        ]
        out.append((index, first, end, "LOC", "rule"))
        out.sort()
        taken_into.append((index, first, end))
    return found if out is None else out


def _staff_before(paragraph: str, start: int) -> bool:
    """True if an office, a staff word or ``Partai`` is among the capitalised words before
    ``paragraph[start]`` or the word before them (``Kepala Bidang Pelayanan Medik RSUD``,
    ``Direktur Utama RSUP``, ``GM Bandara``, ``Imam Besar Masjid``)."""
    for word in reversed(paragraph[max(0, start - _FACILITY_REACH) : start].split()[-6:]):
        if word.lower().strip(".,") in _STAFF_WORDS:
            return True
        if not word[0].isupper():
            return False
    return False


# A verb right after the person's name: the person does something there (``… Masjid Agung
# Sultan Hamengku Buwono X memberikan sambutan``); a street or a stadium is the subject of
# other verbs (``ditutup``, ``direnovasi``).
_PERSON_VERBS = _SPEECH_VERBS | {
    *("menyampaikan", "memberikan", "menyapa", "menyambut", "berpidato", "meminta"),
    *("meninjau", "mengunjungi", "menyerahkan", "membuka", "meresmikan"),
}
_PERSON_ACTS = re.compile(rf"[^\S\n]+(?:{'|'.join(sorted(_PERSON_VERBS))})\b")
_FACILITY_REACH = 80  # characters before a person that a facility's name can start at
_STAFF_WORDS = frozenset(word.lower() for word in POSITION_WORDS) | {
    *("kepala", "manajer", "manager", "pengelola", "pimpinan", "humas", "bicara", "petugas"),
    *("staf", "karyawan", "pegawai", "dokter", "perawat", "imam", "takmir", "pengurus"),
    *("gm", "kabid", "kabag", "kasubag", "kasubbag", "kasi", "kasie", "wadir", "plt"),
    *("sekretaris", "koordinator", "partai"),
}
# The words of places named for people, and what may stand between them and the name: the
# places' qualifiers and the titles before a name (a person's mention may start with one).
_FACILITIES = (
    *("Jalan", "Jl.", "Jl", "Jln.", "Jln", "Gang", "Gg.", "Gg", "Stadion", "Bandara"),
    *("Bandar Udara", "Gelora", "Lapangan", "Gedung", "Masjid", "Pelabuhan", "Terminal"),
    *("Stasiun", "Museum", "Monumen", "Taman", "Rumah Sakit", "RS", "RSU", "RSUD", "RSUP"),
)
_FACILITY_QUALIFIERS = frozenset(
    {"Internasional", "Gelora", "Utama", "Umum", "Daerah", "Pusat", "Raya", "Agung"}
)
_FACILITY_TITLES = frozenset(
    {
        *("Kapten", "Jenderal", "Jend", "Jend.", "Letjen", "Letjen.", "Mayjen", "Mayjen."),
        *("Brigjen", "Brigjen.", "Laksamana", "Marsekal", "Letnan", "Kolonel", "Mayor"),
        *("Bung", "Sultan", "Sunan", "Pangeran", "Raden", "Teuku", "Tuanku", "Cut", "Kiai"),
        *("Kyai", "KH", "KH.", "Haji", "H.", "Dr", "Dr.", "dr.", "Prof", "Prof.", "Ir", "Ir."),
        *("I", "Gusti", "Ngurah"),
    }
)


def _alternatives(words: Collection[str]) -> str:
    """A regular expression for any of ``words`` (longest first; spaces as spaces in a line)."""
    ordered = sorted(words, key=lambda word: (-len(word), word))
    return "|".join(re.escape(word).replace(r"\ ", _S) for word in ordered)


# A paragraph without one of the facilities' first words is not searched further.
_FACILITY_WORD = re.compile(_alternatives({name.split()[0].rstrip(".") for name in _FACILITIES}))
_FACILITY_BEFORE = re.compile(
    rf"(?<![\w'’.-])(?:{_alternatives(_FACILITIES)})(?![\w'’-])"
    rf"(?P<between>(?:{_S}(?:{_alternatives(_FACILITY_QUALIFIERS | _FACILITY_TITLES)})"
    r"(?![\w'’-]))*)"
    r"(?:[^\S\n]+(?P<joined>[A-Z][\w'’]*-)|[^\S\n]+)\Z"
)


_BRACKETS = "()[]\"'“”‘’"


def _one_label_per_name(paragraphs: Sequence[str], found: list[_Found]) -> list[_Found]:
    """One sense per article for labels: a name the article's mentions give different labels
    takes the label most of them have (``(Angie)``, a place to the tagger once, and a person
    in 15 other mentions), where one label has more than half of them. Only the tagger's own
    labels change; known places and organisations keep theirs (the gazetteer and the lists
    name them), and a name the tagger found as a place after a place word is left alone
    (``wilayah Badung``, though ``Dinas Pariwisata Badung`` gave ``PER:Badung`` twice)."""
    by_name: dict[str, list[int]] = {}
    first_label: dict[str, str] = {}
    conflicting = set()
    for k, (index, start, end, label, _) in enumerate(found):
        key = paragraphs[index][start:end].strip(_BRACKETS).lower()  # brackets aside
        by_name.setdefault(key, []).append(k)
        if first_label.setdefault(key, label) != label:
            conflicting.add(key)
    conflicting.discard("")
    if not conflicting:
        return found
    out = list(found)
    for key in conflicting:
        mentions = by_name[key]
        labels = Counter(found[k][3] for k in mentions)
        if len(labels) < 2 or any(
            found[k][3] == "LOC" and _after_place_word(paragraphs[found[k][0]], found[k][1])
            for k in mentions
        ):
            continue
        (label, count), (_, second) = labels.most_common(2)
        if count * 2 <= len(mentions) or count == second:
            continue
        for k in mentions:
            index, start, end, other, method = found[k]
            text = paragraphs[index][start:end]
            if (
                other != label
                and method == "model"
                and not is_known_place(text)
                and name_key(key) not in known_organisations()
                and gazetteer().lookup(text.strip(_BRACKETS)) is None
            ):
                out[k] = (index, start, end, label, "rule")
    return out


# What separates the members of a list of names.
_LIST_SEPARATORS = frozenset({",", ";", "dan", "serta", ", dan", ", serta", "; dan"})


def _listed(paragraph: str, start: int, end: int) -> bool:
    """True if ``paragraph[start:end]`` stands in a list or apposition: a comma, a semicolon or
    ``dan`` right before or after it."""
    before = paragraph[max(0, start - 8) : start].rstrip()
    after = paragraph[end : end + 8].lstrip()
    return before.endswith((",", ";", " dan")) or after.startswith((",", ";", "dan "))


def _list_around(paragraph: str, found: list[_Found], k: int) -> tuple[int, int]:
    """Indices in ``found`` of the first and last mention of the list ``found[k]`` is in: the
    mentions of its paragraph joined by list separators only."""
    index = found[k][0]
    first = k
    while (
        first > 0
        and found[first - 1][0] == index
        and paragraph[found[first - 1][2] : found[first][1]].strip() in _LIST_SEPARATORS
    ):
        first -= 1
    last = k
    while (
        last + 1 < len(found)
        and found[last + 1][0] == index
        and paragraph[found[last][2] : found[last + 1][1]].strip() in _LIST_SEPARATORS
    ):
        last += 1
    return first, last


@cache
def _place_words() -> frozenset[str]:
    """Words after which a name is a place: the locative cues learned from the training data
    (``di``, ``ke``, ``dari``, ``wilayah``, …) and ``kawasan``, ``warga``, ``daerah``."""
    return frozenset(default_tagger().locative_cues) | {"kawasan", "warga", "daerah"}


def _after_place_word(paragraph: str, start: int) -> bool:
    """True if the word before ``paragraph[start]`` is a place word (``_place_words``)."""
    before = paragraph[max(0, start - 24) : start].split()
    return bool(before) and before[-1].lower() in _place_words()


def _linked(
    paragraphs: Sequence[str],
    found: list[_Found],
    directed: dict[tuple[int, int, int], int],
    named_as: dict[tuple[int, int, int], str] | None = None,
    *,
    strict_persons: bool = False,
) -> list[EntityMention]:
    linker = ArticleLinker()
    linked: list[tuple[int, int, int, str, str, Canonical]] = []
    for index, start, end, label, method in found:
        text = named = paragraphs[index][start:end]
        place_end = directed.get((index, start, end))
        if place_end is not None and not is_known_place(text):
            named = paragraphs[index][start:place_end]  # Ukraina timur is Ukraina
        if named_as:
            named = named_as.get((index, start, end), named)
        previous = linked[-1] if text[0] == "(" and linked and linked[-1][0] == index else None
        if (
            previous is not None
            and _bracketed_short_form(paragraphs[index], previous[2], start, text, previous[3])
            and not is_known_place(text[1:-1])
        ):
            canonical = linker.short_form(text[1:-1], previous[5])
        else:
            canonical = linker.canonical(named, label)
        linked.append((index, start, end, text, method, canonical))
    full_names = _full_names_by_part(linked)
    nicknames = _nicknames(paragraphs, linked)
    gaz = gazetteer()
    mentions = []
    for index, start, end, text, method, canonical in linked:
        if canonical.label == "PER" and " " not in canonical.name:
            names = full_names.get(name_key(canonical.name), ())
            if canonical.name in nicknames:
                canonical = nicknames[canonical.name]
            elif len(names) == 1:  # named in full only later in the article: that person
                (name,) = names
                canonical = Canonical(name, "PER", entity_key("PER", name))
        if (
            strict_persons
            and canonical.label == "PER"
            and method == "model"
            and canonical.name == text
            and " " not in text
            and gaz.lookup(text) is None
        ):
            continue  # one word, no full name in the article: in this language, likely no name
        mentions.append(
            EntityMention(
                paragraph_index=index,
                start_char=start,
                end_char=end,
                text=text,
                label=canonical.label,
                canonical_name=canonical.name,
                entity_key=canonical.key,
                method=method,
            )
        )
    return mentions


def _nicknames(
    paragraphs: Sequence[str], linked: list[tuple[int, int, int, str, str, Canonical]]
) -> dict[str, Canonical]:
    """One-word persons followed by their full name in brackets, which starts with the word
    (``coach Milo (Milomir Seslija)``): the word is that person in the whole article. The word
    has three letters or more and names no one else in the article's brackets."""
    found: dict[str, Canonical] = {}
    ambiguous = set()
    for (index, _, end, _, _, short), (next_index, start, _, text, _, full) in pairwise(linked):
        gap = paragraphs[index][end:start].strip()
        if (
            next_index == index
            and (gap == "(" or (not gap and text.startswith("(")))
            and short.label == full.label == "PER"
            and " " not in short.name
            and " " in full.name
            and len(short.name) >= 3
            and full.name.split()[0].lower().startswith(short.name.lower())
            and found.setdefault(short.name, full) != full
        ):
            ambiguous.add(short.name)
    for name in ambiguous:
        del found[name]
    return found


def _bracketed_short_form(
    paragraph: str, previous_end: int, start: int, text: str, previous: str
) -> bool:
    """True if ``text`` is one word in brackets right after the mention ``previous`` that
    shortens it: its letters appear in ``previous`` in order, from its first letter
    (``Jakarta Selatan (Jaksel)``, ``Joko Widodo (Jokowi)``; not ``Bandung (Jawa Barat)``)."""
    if not (text.startswith("(") and text.endswith(")")) or paragraph[previous_end:start].strip():
        return False
    short, full = text[1:-1].lower(), previous.lower()
    if " " in short or len(short) < 2 or not short.isalpha() or short[0] != full[:1]:
        return False
    position = 0
    for letter in short:
        position = full.find(letter, position) + 1
        if position == 0:
            return False
    return True


def _full_names_by_part(
    linked: list[tuple[int, int, int, str, str, Canonical]],
) -> dict[str, set[str]]:
    """Name key of each word of the article's full person names → those names (a word that
    two full names share maps to both, and links to neither)."""
    parts: dict[str, set[str]] = {}
    for *_, canonical in linked:
        if canonical.label == "PER" and " " in canonical.name:
            for part in canonical.name.split():
                parts.setdefault(name_key(part), set()).add(canonical.name)
    return parts
