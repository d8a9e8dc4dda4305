"""Body text: what counts as prose, and the split of body blocks into paragraphs and markers."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from warta.article import AdMarker, Block, Paragraph

NO_BODY = "no article body found"
_SENTENCE_END = frozenset(".!?…\"”’')")


@dataclass(frozen=True, slots=True)
class NoArticle:
    """A page that holds no article, and why."""

    reason: str


BLOB_CHARS = 80


def is_blob(text: str) -> bool:
    """True for a block of no words: ``BLOB_CHARS`` characters or more without a space (an
    inline image's base64, a minified script, a run of links), which no article prints."""
    return len(text) >= BLOB_CHARS and " " not in text


def looks_like_paragraph(text: str) -> bool:
    """Body prose: a full sentence of some length, not a label, a name or a caption."""
    words = text.count(" ") + 1
    return words >= 25 or (words >= 6 and text[-1] in _SENTENCE_END)


def split_body(
    blocks: list[Block], marker_kinds: list[str | None], caption: str | None
) -> tuple[list[Paragraph], list[AdMarker]] | None:
    """Paragraphs and markers in document order; None when no paragraph remains.

    ``marker_kinds`` holds each block's marker kind (``MarkerRules.kind_of``), None for text.
    A block of no letter or digit (a separator, ``***``, ``* * *``, ``!!!``, emoji alone) is no
    paragraph.
    """
    paragraphs: list[Paragraph] = []
    pending: list[tuple[Block, str]] = []
    markers: list[AdMarker] = []
    for block, kind in zip(blocks, marker_kinds, strict=True):
        if kind is not None:
            pending.append((block, kind))
            continue
        text = block.text
        if text == caption or not (text[0].isalnum() or any(map(str.isalnum, text))):
            continue
        for marker_block, marker_kind in pending:
            zone = "body" if paragraphs else "header"
            markers.append(_marker(markers, marker_block, marker_kind, zone, len(paragraphs) - 1))
        pending.clear()
        paragraphs.append(Paragraph(len(paragraphs), text, block.line))
    if not paragraphs:
        return None
    for marker_block, marker_kind in pending:
        markers.append(_marker(markers, marker_block, marker_kind, "trailer", len(paragraphs) - 1))
    return paragraphs, markers


def _marker(markers, block: Block, kind: str, zone: str, after: int) -> AdMarker:
    return AdMarker(len(markers), block.line, block.text, kind, zone, after)


# Indonesian and English function words: prose is dense with them, menus and link lists are not.
_STOP_WORDS_TEXT = """
yang dan di ke dari untuk dengan ini itu dalam pada tidak akan juga atau oleh karena
adalah ada sudah telah bisa saat bahwa kata para sebagai lebih harus masih namun tetapi
tapi agar jika kami kita mereka dia ia saya anda kepada bagi hingga sejak setelah
sebelum seperti hanya secara menjadi maka pun lagi sangat serta antara tersebut dapat
belum ujar the of and to in is was for on that with as by at from it be are this an has
have not said which who their its but were will
"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())
_PUNCTUATION = str.maketrans(dict.fromkeys(".,;:!?\"'“”‘’()[]«»", " "))
_TERMINAL = ".!?…"
_CLOSING = "\"”’')]"  # closing quotes and brackets that may follow the terminal punctuation
_QUOTES = '"”’'


def ends_sentence(text: str) -> bool:
    """True when ``text`` ends like a sentence: ``.``, ``!``, ``?`` or ``…``, optionally followed
    by closing quotes or brackets, or a closing quote alone."""
    if not text:
        return False
    if text[-1] in _QUOTES:
        return True
    stripped = text.rstrip(_CLOSING)
    return stripped != "" and stripped[-1] in _TERMINAL


# What a sentence may end with after its full stop: emoji (with their modifiers, variation
# selectors and joiners) and other symbols, and hashtags (``… hari raya. 👍``, ``… raya.
# #HargaBeras``).
_ORNAMENTS = frozenset({"So", "Sk", "Cf", "Mn", "Co"})


def ends_sentence_before_ornaments(text: str) -> bool:
    """True when ``text`` ends a sentence once the emoji, symbols and hashtags after its last
    word are set aside (``… menjelang hari raya. 👍``); False when nothing is set aside."""
    words = text.split(" ")
    cut = False
    while len(words) > 1:
        last = words[-1]
        if len(last) > 1 and last[0] == "#" and last[1:].replace("_", "").isalnum():
            words.pop()
            cut = True
            continue
        end = len(last)
        while end and unicodedata.category(last[end - 1]) in _ORNAMENTS:
            end -= 1
        if end == len(last):
            break
        cut = True
        if end:
            words[-1] = last[:end]
            break
        words.pop()
    return cut and ends_sentence(" ".join(words))


def stop_word_density(text: str) -> float:
    """Share of the words of ``text`` that are function words (punctuation ignored)."""
    words = text.count(" ") + 1
    return sum(map(STOP_WORDS.__contains__, text.lower().translate(_PUNCTUATION).split())) / words


# A line opening links to other articles (``Baca juga berita menarik lainnya di bawah ini:``):
# no sentence of the article's.
_RELATED_OPENER = re.compile(r"(?:baca|simak|lihat|tonton|read|see)\b", re.IGNORECASE)
# A sentence that ends with a colon has at least this many words (``Berikut daftar lengkap
# harga bahan pokok yang dicatat dinas:``); a shorter one is a label (``Ikuti perkembangan
# berita ini dalam topik:``).
_COLON_MIN_WORDS = 10


def ends_like_a_sentence(text: str) -> bool:
    """True for a block that ends a sentence after all: before emoji, symbols or hashtags
    (``… hari raya. 👍``), or with a colon after 10 words or more that open no links to other
    articles (``Berikut daftar lengkap harga … dinas perdagangan:``). Only between two
    paragraphs is such a block taken for the article's (``warta.generic``): after the last one
    it is as often a promotion (``Follow kami … 📲 #detikcom``, ``… klik tautan berikut:``)."""
    if text[-1] == ":":
        return text.count(" ") + 1 >= _COLON_MIN_WORDS and not _RELATED_OPENER.match(text)
    return ends_sentence_before_ornaments(text)


def prose_kind(text: str) -> str:
    """``good`` for body prose, ``near`` for short sentences and list items, else ``other``.

    jusText-style: long blocks dense in function words are prose; short blocks that still end
    like a sentence may be body text when they stand between prose blocks. ``text`` is
    normalised (single spaces), so its words are its spaces plus one; the function-word density
    is only computed when the length and ending do not decide alone.
    """
    count = text.count(" ") + 1
    if count < 4:
        return "other"
    sentence = ends_sentence(text)
    if sentence and count >= 20:
        return "good"
    density = stop_word_density(text)
    if (sentence and count >= 10 and density >= 0.1) or (count >= 25 and density >= 0.12):
        return "good"
    if sentence and (density >= 0.1 or count >= 6):
        return "near"
    return "other"


# Non-prose blocks tolerated between two prose blocks before the main run is cut.
MAX_GAP = 2


def main_run(kinds: list[str], words: list[int], ends: list[bool]) -> tuple[int, int] | None:
    """The ``[start, end)`` block range of the article body: the run with the most words of
    ``good`` prose, where up to ``MAX_GAP`` ``other`` blocks may separate prose blocks, markers
    are neutral and an end-of-article block (``ends``) closes the run. None without prose."""
    best, best_words, i, total = None, 0, 0, len(kinds)
    while i < total:
        if kinds[i] != "good":
            i += 1
            continue
        run_words, gap, last, j = 0, 0, i, i
        while j < total and not ends[j]:
            kind = kinds[j]
            if kind in ("good", "near"):
                run_words += words[j] if kind == "good" else words[j] // 2
                gap, last = 0, j
            elif kind == "other":
                gap += 1
                if gap > MAX_GAP:
                    break
            j += 1
        if run_words > best_words:
            best, best_words = (i, last + 1), run_words
        i = last + 1
    return best
