"""Lines inside an article that are not article text: ads, "read more" prompts, related links.

Kinds are data, not prose: every line that matches is kept in ``ad_markers`` with its kind and
position, and never becomes a paragraph. A marker glued onto a paragraph's first or last words
(a lost line break: ``… kata dia. ADVERTISEMENT``) is cut off into a block of its own first,
as are several glued one after another (``MarkerRules.unglue``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from operator import itemgetter

from warta.article import AdMarker, Block, Paragraph, renumbered
from warta.body import ends_sentence

# The words a scroll prompt runs on with (``SCROLL TO CONTINUE WITH CONTENT``, ``Iklan - Gulir
# untuk lanjut membaca``): a prompt ends where they end, so a prompt glued onto a paragraph never
# takes in the paragraph's first words, nor a whole paragraph after it.
_PROMPT_WORDS = (
    r"(?:to|untuk|ke|continue|resume|lanjut|lanjutkan|with|reading|the|content|konten|"
    r"membaca|melanjutkan|baca|berita|artikel|bawah|down)"
)
_TRAIL = r"(?:\.{2,3}|…)?"  # a prompt may trail off: `Gulir untuk lanjut...`
# A "read also" label standing alone (``Baca Juga``): the headline it links to is the next
# line (``MarkerRules.linked_headlines``).
BARE_RELATED = r"(?:baca|simak|lihat|tonton|read|see) (?:juga|also|pula)"
# kind -> patterns matched against the whole normalised line (case-insensitive), which may
# stand between dashes, brackets or guillemets and end with ``:``, ``.`` or ``!`` (``-
# Advertisement -``, ``[ADVERTISEMENT]``, ``ADVERTISEMENT:``, ``Baca Juga »``).
DEFAULT_MARKERS: Mapping[str, tuple[str, ...]] = {
    "advertisement": (
        r"advertisements?",
        r"advertisment",
        r"iklan",
        r"ads?",
        r"sponsored(?: content| post)?",
        r"advertorial",
        r"konten bersponsor",
        rf"(?:iklan|advertisement)\s*[-–—:·|]?\s*(?:scroll|gulir)(?: {_PROMPT_WORDS})*{_TRAIL}",
    ),
    # A placeholder where the page embeds a video or a post (detik's `[Gambas:Video 20detik]`),
    # or a widget's text until its script fills it (`Loading...`, `Memuat…`).
    "embed": (r"\[?gambas:.*", r"(?:loading|memuat)\s?(?:\.{2,3}|…)"),
    "scroll_prompt": (
        rf"(?:scroll|gulir)(?: down| ke bawah)? (?:to|untuk) (?:continue|resume|lanjut|melanjutkan)"
        rf"(?: {_PROMPT_WORDS})*{_TRAIL}",
    ),
    "read_more": (
        r"lanjutkan membaca",
        r"lihat selengkapnya",
        r"continue reading",
        r"baca selengkapnya",
        r"read more",
        r"selengkapnya",
    ),
    "related_link": (
        r"(?:baca|simak|lihat|tonton|read|see)(?: juga| also| pula)?\s*:.*",
        r"(?:baca|simak|lihat) juga\s*[-–—].*",
        # the label and its link as two inline elements, no space between (HTML)
        r"(?:baca|simak|lihat) juga(?-i:[A-Z]).*",
        r"artikel terkait\s*:.*",
        r"(?:simak|lihat|tonton|saksikan)(?: juga)? video\b.*",
        BARE_RELATED,
    ),
    "share_buttons": (
        r"(?:share|tweet|bagikan)(?:\s+(?:share|tweet|whatsapp|telegram|facebook|twitter|"
        r"email|line|komentar|this|ini|artikel|\d+))*",
        r"like this",
    ),
    "syndication": (
        r"artikel ini (?:telah|sudah) (?:tayang|naik|terbit|dimuat)\b.*",
        r"-{3,}",
    ),
}


# Kinds whose markers are also cut off when glued onto a paragraph. Lines of the other kinds run
# on to the end of the line (``Baca juga: …``) or are words prose uses (``Share``, ``Tweet``).
GLUED_KINDS = frozenset({"advertisement", "embed", "scroll_prompt", "read_more"})
# A glued marker has at most this many words and characters, and at least this many letters:
# ``AD``/``ADS`` are also abbreviations (``TNI AD``) and stay in the text.
GLUED_MAX_WORDS = 6
GLUED_MAX_CHARS = 50
GLUED_MIN_LETTERS = 4
# Marker words that also open a sentence of prose (``Iklan Layanan Masyarakat itu …``, "a public
# service advertisement"): at a block's start they are cut off only when written in capitals.
GLUED_HEAD_PROSE = frozenset({"Iklan", "Selengkapnya", "Sponsored"})
_SENTENCE_OPENERS = frozenset("\"“‘'([«")
# What a marker line may stand between: ``- Advertisement -``, ``[ADVERTISEMENT]``, ``>> Baca
# Juga``, ``Baca Juga »``.
_DECORATIONS = frozenset("-–—[](){}«»<>")
_DECORATION_BEFORE = r"(?:[-–—]{1,3} ?|[\[(«<>]{1,4} ?)?"
_DECORATION_AFTER = r"(?: ?[-–—]{1,3}| ?[\])»<>]{1,4})?"
# The last character of any text ``ends_sentence`` accepts, and of an end mark (``***``) after
# one: the probe for a glued end marker.
_SENTENCE_END_CHARS = re.escape(".!?…\"”’')]*")
_BARE_LABEL = re.compile(
    rf"{_DECORATION_BEFORE}(?:{BARE_RELATED}):?{_DECORATION_AFTER}", re.IGNORECASE
)
HEADLINE_MAX_WORDS = 20
# An end mark between a sentence and a marker glued after it (``… Moskow. *** Advertisement``).
_END_MARK = re.compile(r"\(?\*{3,}\)?")
_texts = itemgetter(1)
# Words whose marker kind ``MarkerRules._word_group`` remembers, at most (then it starts over).
_WORD_GROUPS_MAX = 4096
_UNSEEN = object()


@dataclass(frozen=True, slots=True)
class MarkerRules:
    """Compiled marker patterns: a line either is a marker of some kind or is not.

    All kinds are one alternation with a named group per kind, so a line costs one match.
    ``glued_head`` / ``glued_tail`` are cheap probes for a block that may start or end with a
    glued marker (``unglue`` decides).
    """

    pattern: re.Pattern[str]
    kinds: tuple[str, ...]
    glued_head: re.Pattern[str]
    glued_tail: re.Pattern[str]
    # ``pattern`` between decorations (``- Advertisement -``, ``[ADVERTISEMENT]``): tried only
    # for a line that starts or ends with one, so most lines cost one plain match.
    decorated: re.Pattern[str]
    # A word -> the named group of the kind it is a marker of, or None (``_word_group``).
    word_groups: dict[str, str | None] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def build(cls, extra: Mapping[str, Iterable[str]] | None = None) -> MarkerRules:
        kinds: dict[str, list[str]] = {kind: list(p) for kind, p in DEFAULT_MARKERS.items()}
        for kind, patterns in (extra or {}).items():
            kinds.setdefault(kind, []).extend(patterns)
        names = tuple(kinds)
        alternation = "|".join(
            rf"(?P<k{i}>{'|'.join(kinds[kind])})" for i, kind in enumerate(names)
        )
        glued = "|".join(p for kind in names if kind in GLUED_KINDS for p in kinds[kind])
        return cls(
            re.compile(rf"(?:{alternation})[.!:]?", re.IGNORECASE),
            names,
            re.compile(rf"(?:{glued})[.!:]?{_DECORATION_AFTER}[.!]? ", re.IGNORECASE),
            re.compile(
                rf"[{_SENTENCE_END_CHARS}] (?:{glued})[.!:]?{_DECORATION_AFTER}[.!]?$",
                re.IGNORECASE,
            ),
            re.compile(
                rf"{_DECORATION_BEFORE}(?:{alternation})[.!:]?{_DECORATION_AFTER}[.!]?",
                re.IGNORECASE,
            ),
        )

    def linked_headlines(
        self, blocks: list[Block], kinds: list[str | None], start: int
    ) -> list[int]:
        """Positions, from ``start`` on, of the bare "read also" labels (``Baca Juga`` alone,
        ``BARE_RELATED``) whose next block is the headline they link to: no marker, opening
        with a capital, a digit or a quote, of 3 to ``HEADLINE_MAX_WORDS`` words and not
        ending with a period or a colon (a sentence, or ``Berikut daftarnya:``, stays the
        article's), and whose joined text (``joined_link``) is itself a ``related_link`` line,
        as another page printing it inline has it. ``join_linked_headlines`` makes the two one
        marker."""
        found: list[int] = []
        if "related_link" not in kinds:
            return found
        for i in range(start, len(kinds) - 1):
            if kinds[i] != "related_link" or kinds[i + 1] is not None:
                continue
            headline = blocks[i + 1].text
            if (
                (headline[0].isupper() or headline[0].isdigit() or headline[0] in "\"“'‘")
                and 2 <= headline.count(" ") < HEADLINE_MAX_WORDS
                and not headline.rstrip("\"”’'").endswith((".", ":"))
                and _BARE_LABEL.fullmatch(blocks[i].text)
                and self.kind_of(joined_link(blocks[i].text, headline)) == "related_link"
            ):
                found.append(i)
        return found

    def kind_of(self, line: str) -> str | None:
        """The marker kind ``line`` is, or None for an ordinary line. A marker printed twice or
        more (``ADVERTISEMENT ADVERTISEMENT``) or letter by letter (``A D V E R T I S E M E N
        T``) is of its kind."""
        if len(line) > 200:
            return None
        match = self.pattern.fullmatch(line)  # ``_match``, inlined: called for every block
        if (
            match is None
            and line
            and (line[0] in _DECORATIONS or line.rstrip(".!")[-1:] in _DECORATIONS)
        ):
            match = self.decorated.fullmatch(line)
        if match is not None:
            return self.kinds[int(match.lastgroup[1:])]
        return self._repeated(line) if " " in line else None

    def _repeated(self, line: str) -> str | None:
        """The kind of a line of two or more marker words of one kind (``ADVERTISEMENT
        Advertisement``, ``Iklan Iklan``) or of one marker word spaced out (``I K L A N``).
        Most lines are ruled out by their first word alone, looked up once per word."""
        first = line[: line.find(" ")]
        if len(first) > 1 and self._word_group(first) is None:
            return None
        words = line.split()
        if all(len(word) == 1 for word in words):
            return self.kind_of("".join(words)) if len(words) >= 3 else None
        kind = None
        for word in words:
            group = self._word_group(word)
            if group is None or kind not in (None, group):
                return None
            kind = group
        return self.kinds[int(kind[1:])] if kind and len(words) > 1 else None

    def _word_group(self, word: str) -> str | None:
        groups = self.word_groups
        group = groups.get(word, _UNSEEN)
        if group is _UNSEEN:
            if len(groups) >= _WORD_GROUPS_MAX:
                groups.clear()
            match = self._match(word)
            group = groups[word] = None if match is None else match.lastgroup
        return group

    def _match(self, line: str) -> re.Match[str] | None:
        """A marker line as written (between decorations too), not printed over again: the
        glued-marker rules cut each printed copy apart."""
        match = self.pattern.fullmatch(line)
        if (
            match is None
            and line
            and (line[0] in _DECORATIONS or line.rstrip(".!")[-1:] in _DECORATIONS)
        ):
            match = self.decorated.fullmatch(line)
        return match

    def unglue(self, blocks: list[Block]) -> list[Block]:
        """``blocks`` with each marker glued onto a block's start or end cut off into a block of
        its own on the same line: ``Moskow membantah. ADVERTISEMENT`` gives ``Moskow
        membantah.`` and ``ADVERTISEMENT``; ``Advertisement Setiap pergerakan … PBB.`` gives
        ``Advertisement`` and ``Setiap pergerakan … PBB.``; ``… itu. Lanjutkan Membaca.
        ADVERTISEMENT`` gives three blocks (see ``glued_markers``)."""
        probed = [i for i, text in enumerate(map(_texts, blocks)) if self._may_be_glued(text)]
        if not probed:
            return blocks
        out: list[Block] = []
        done = 0  # blocks[:done] are in ``out``
        for i in probed:
            parts = self.glued_markers(blocks[i].text)
            if parts is not None:
                heads, rest, tails = parts
                line = blocks[i].line
                out += blocks[done:i]
                out.extend(Block(line, text) for text in (*heads, rest, *tails))
                done = i + 1
        return out + blocks[done:] if done else blocks

    def cut_exposed(
        self, paragraphs: list[Paragraph], markers: list[AdMarker]
    ) -> tuple[list[Paragraph], list[AdMarker]]:
        """Cut the glued markers that only taking the dateline off the first paragraph or an
        end mark (``***``) off the last exposed (``FAKTUAL: ADVERTISEMENT Pernyataan …``,
        ``… dengan Moskow. Advertisement ***``, ``ADVERTISEMENT Korut … Moskow. ***``):
        ``unglue`` saw them behind those. Zone and ``after_paragraph_index`` by place, as
        ``split_body`` gives them; every marker is numbered again in document order."""
        found: list[AdMarker] = []
        edges = {0: paragraphs[0], len(paragraphs) - 1: paragraphs[-1]}
        for position, paragraph in edges.items():
            parts = self._may_be_glued(paragraph.text) and self.glued_markers(paragraph.text)
            if not parts:
                continue
            heads, rest, tails = parts
            line, at = paragraph.source_line, paragraph.index
            # Zones by place, as split_body gives them: before the first paragraph is the
            # header, after the last the trailer, anything else the body.
            head_zone = "header" if at == 0 else "body"
            tail_zone = "trailer" if at == len(paragraphs) - 1 else "body"
            found += [AdMarker(0, line, t, self.kind_of(t) or "", head_zone, at - 1) for t in heads]
            found += [AdMarker(0, line, t, self.kind_of(t) or "", tail_zone, at) for t in tails]
            paragraphs = [*paragraphs]
            paragraphs[position] = Paragraph(paragraph.index, rest, line)
        if found:
            # In document order: by the paragraph a marker follows, then by line (stable).
            markers = sorted(
                [*markers, *found], key=lambda m: (m.after_paragraph_index, m.source_line)
            )
            markers = renumbered(markers)
        return self._edge_markers(paragraphs, markers)

    def _edge_markers(
        self, paragraphs: list[Paragraph], markers: list[AdMarker]
    ) -> tuple[list[Paragraph], list[AdMarker]]:
        """First and last paragraphs that are a whole marker line once the dateline, an end
        mark or a glued marker was cut off (``JAKARTA, WARTA: ADVERTISEMENT`` → ``ADVERTISEMENT``;
        ``Lanjutkan Membaca ***``) become markers, as the line would have on its own: a
        paragraph is never a marker. Paragraphs and markers are numbered again, and each
        marker's zone and ``after_paragraph_index`` follow from its new place, as
        ``split_body`` gives them. May leave no paragraph: the caller rejects the page."""
        first, last = 0, len(paragraphs)
        while first < last and self.kind_of(paragraphs[first].text):
            first += 1
        while last > first and self.kind_of(paragraphs[last - 1].text):
            last -= 1
        if first == 0 and last == len(paragraphs):
            return paragraphs, markers
        # Document order: the markers after paragraph i - 1, then paragraph i, and so on.
        following: dict[int, list[AdMarker]] = {}
        for marker in markers:
            following.setdefault(marker.after_paragraph_index, []).append(marker)
        order: list[Paragraph | AdMarker] = [*following.get(-1, [])]
        for position, paragraph in enumerate(paragraphs):
            if first <= position < last:
                order.append(paragraph)
            else:
                kind = self.kind_of(paragraph.text) or ""
                order.append(AdMarker(0, paragraph.source_line, paragraph.text, kind, "", 0))
            order += following.get(paragraph.index, [])
        last_kept = last - first - 1  # the index the last paragraph kept will have
        kept: list[Paragraph] = []
        placed: list[AdMarker] = []
        for item in order:
            if isinstance(item, Paragraph):
                kept.append(Paragraph(len(kept), item.text, item.source_line))
                continue
            after = len(kept) - 1
            zone = "header" if after < 0 else "trailer" if after == last_kept else "body"
            placed.append(
                AdMarker(len(placed), item.source_line, item.text, item.kind, zone, after)
            )
        return kept, placed

    def _may_be_glued(self, text: str) -> bool:
        """The cheap probes (one anchored match at the start, one search over the last
        characters) that rule out most blocks before ``glued_markers`` looks at their words."""
        return bool(
            self.glued_head.match(text)
            or self.glued_tail.search(text, len(text) - GLUED_MAX_CHARS - 2)
        )

    def glued_markers(self, text: str) -> tuple[tuple[str, ...], str, tuple[str, ...]] | None:
        """(markers glued at the start, the rest, markers glued at the end) of ``text``, each in
        document order, or None when nothing is glued to it (or it is a marker line itself).

        A glued marker is the first or last words of the block (at most ``GLUED_MAX_WORDS``
        and ``GLUED_MAX_CHARS``), a whole marker line of a ``GLUED_KINDS`` kind, written as a
        marker line is (see ``_written_as_marker``), and it stands at a sentence boundary:
        the text before a marker at the end ends a sentence (``… pada saat itu.
        ADVERTISEMENT``); the text after a marker at the start begins with a capital, a digit
        or an opening quote and ends a sentence (``Advertisement Setiap … PBB.``). So prose
        that names an advertisement, and headlines, keep their words.

        Markers are cut at each end until none is left there (``… itu. Lanjutkan Membaca.
        ADVERTISEMENT``, ``Advertisement Advertisement Setiap … PBB.``): the rest never starts
        or ends with a glued marker, as the check ``paragraphs_no_marker_text`` requires.
        """
        if self._match(text) is not None:
            return None
        words = text.split(" ")
        tails: list[str] = []
        while k := self._glued_tail(words):
            tails.append(" ".join(words[-k:]))
            words = words[:-k]
        heads: list[str] = []
        # the rest ends a sentence as its last word does; cuts at the start leave that word
        if _sentence_ends_at(words, len(words) - 1):
            while k := self._glued_head(words):
                heads.append(" ".join(words[:k]))
                words = words[k:]
        if not heads and not tails:
            return None
        return tuple(heads), " ".join(words), tuple(reversed(tails))

    def _glued_tail(self, words: list[str]) -> int:
        """The number of last ``words`` that are a marker glued at the end (the most that are),
        or 0. The text before it ends a sentence as its last word does (or as the word
        before an end mark does: ``… Moskow. *** Advertisement``)."""
        for k in range(min(GLUED_MAX_WORDS, len(words) - 1), 0, -1):
            if _sentence_ends_at(words, len(words) - k - 1) and self._glued(" ".join(words[-k:])):
                return k
        return 0

    def _glued_head(self, words: list[str]) -> int:
        """The number of first ``words`` that are a marker glued at the start (the most that
        are), or 0; the caller has checked that ``words`` end a sentence."""
        for k in range(min(GLUED_MAX_WORDS, len(words) - 1), 0, -1):
            opener = words[k][0]
            if not (opener.isupper() or opener.isdecimal() or opener in _SENTENCE_OPENERS):
                continue
            marker = " ".join(words[:k])
            if marker not in GLUED_HEAD_PROSE and self._glued(marker):
                return k
        return 0

    def _glued(self, marker: str) -> bool:
        return (
            len(marker) <= GLUED_MAX_CHARS
            and sum(map(str.isalpha, marker)) >= GLUED_MIN_LETTERS
            and _written_as_marker(marker)
            and (match := self._match(marker)) is not None
            and self.kinds[int(match.lastgroup[1:])] in GLUED_KINDS
        )


def joined_link(label: str, headline: str) -> str:
    """``Baca Juga`` (``[Baca Juga]``, ``BACA JUGA:``, ``Baca Juga »``) and its headline as one
    line: ``Baca Juga: <headline>``."""
    return f"{label.strip(' :»«<>[]()-–—')}: {headline}"


def join_linked_headlines(labels: list[int], blocks: list[Block], *columns: list) -> tuple:
    """``blocks`` and their per-block ``columns`` with each bare label at ``labels``
    (``MarkerRules.linked_headlines``) and the headline after it one ``related_link`` marker
    block on the label's line, the label's values kept: ``Baca Juga`` + ``Terungkap! …`` ->
    ``Baca Juga: Terungkap! …``, a marker text no paragraph has (a headline alone could equal a
    paragraph of another article, which the checks would take for a marker left in the text).
    """
    blocks = [*blocks]
    for i in labels:
        blocks[i] = Block(blocks[i].line, joined_link(blocks[i].text, blocks[i + 1].text))
    dropped = {i + 1 for i in labels}
    kept = [i for i in range(len(blocks)) if i not in dropped]
    return [blocks[i] for i in kept], *([column[i] for i in kept] for column in columns)


def _sentence_ends_at(words: list[str], at: int) -> bool:
    """True when ``words[at]`` ends a sentence, or is an end mark (``***``, ``(***)``) after a
    word that does."""
    if ends_sentence(words[at]):
        return True
    return at > 0 and _END_MARK.fullmatch(words[at]) is not None and ends_sentence(words[at - 1])


def _written_as_marker(marker: str) -> bool:
    """Capitalised as pages write a marker line, one casing throughout: ``ADVERTISEMENT``,
    ``Advertisement``, ``Lanjutkan Membaca``, ``Baca selengkapnya``. A glued marker whose
    pattern runs on (``SCROLL TO CONTINUE …``) then does not take in the capitalised first
    word of the sentence after it."""
    if not marker[0].isupper():
        return False
    if marker.isupper():
        return True
    later = [word for word in marker.split(" ")[1:] if word[0].isalpha()]
    return all(word[0].islower() for word in later) or all(
        word[0].isupper() and not word.isupper() for word in later
    )
