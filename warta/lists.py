"""Lists inside an article: a sentence ending with a colon, the items it announces, and the
article going on after them (``Berikut daftar harga …:``, ``Beras medium: Rp 13.500``, …).

Without them the items, short lines of no prose, cut the run of prose in two and the
article's shorter half was lost. Site chrome is made of short lines too (tags, share buttons,
related headlines, comments and their metadata), so a list is taken only when all of it says
so: an announcing line after a paragraph, items of one form, and a paragraph right after them.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from warta.article import Block
from warta.body import stop_word_density
from warta.datelines import split_dateline
from warta.markers import BARE_RELATED

# Whether a block is an item of the list another is in (``HtmlPage.same_list``); with
# ``chrome``, whatever the list; with ``row``, whether the two are cells of one table row.
SameList = Callable[..., bool]

# How an item opens: a bullet, or a number or letter and its dot or bracket.
_BULLET = re.compile(r"([-–—•*·▪►✓✔]) \S")
_NUMBER = re.compile(r"(\d{1,2})[.)] \S")
_LETTER = re.compile(r"([a-z])[.)] \S")
# ``Label: value`` (``Beras medium: Rp 13.500``, ``Jakarta Pusat: 12 titik``): a short label,
# then more text.
_LABELLED = re.compile(r"[^:]{1,40}: \S")
# A plain item (``Beji Timur``, ``Rizky Maulana (22), warga Kota Tegal``): a few words with no
# sentence end, naming no chrome (share buttons, links, tags, media, sign-in).
_PLAIN_WORDS = 6
_PLAIN_MIN_ITEMS = 3
_CHROME_ITEM = re.compile(
    r"\b(?:baca|simak|lihat|tonton|terkait|populer|terpopuler|trending|tags?|topik|share|"
    r"bagikan|facebook|twitter|whatsapp|instagram|telegram|tiktok|youtube|line|e-?mail|"
    r"komentar|login|masuk|daftar|video|foto|iklan|advertisement|berita|artikel|"
    r"selengkapnya|lainnya)\b|[@#|/]|https?:|www\.",
    re.IGNORECASE,
)
# An announcing line says so (``Berikut daftar harga …:``, ``… wilayah yang terdampak
# yakni:``, ``… barang bukti berupa:``, ``… antara lain:``), or is a sentence of
# ``_SENTENCE_INTRO_WORDS`` words or more dense in function words (``Kusumo membagikan
# sejumlah tips yang bisa dilakukan warga sebelum mudik:``). Site chrome announces its lists
# with a label (``Sumber:``, ``Referensi:``, ``Jangan lewatkan:``, ``Daftar Isi:``, ``Kurs
# Rupiah hari ini:``, ``Tentang penulis:``).
_ANNOUNCING = re.compile(
    r".*\b(?:berikut|yakni|yaitu|ialah|adalah|berupa|antara lain|di ?antaranya|meliputi|"
    r"mencakup|terdiri (?:dari|atas)|rinciannya)\b",
    re.IGNORECASE,
)
_SENTENCE_INTRO_WORDS = 8
_SENTENCE_INTRO_DENSITY = 0.1
# An announcing line that opens links, tags, share buttons or a promotion, or names chrome.
_NOT_ANNOUNCING = re.compile(
    r"(?:baca|simak|lihat|tonton|read|see|ikuti|follow|klik|click|unduh|download|tags?|topik|"
    r"bagikan|share|dapatkan|gabung|join|untuk informasi|referensi|sumber|tautan|kontak)\b"
    r"|.*\b(?:terpopuler|populer|terkait|trending|rekomendasi|lainnya|komentar|newsletter|"
    r"berlangganan|subscribe|daftar isi|pilihan editor|editor'?s'? picks?|(?:meng)?hubungi|"
    r"narahubung|penulis|berita|artikel|video|dibaca|minati|untuk anda|sumber berikut|"
    r"referensi berikut|(?:disarikan|dirangkum|dihimpun|dikutip|diolah) dari|redaksi|"
    r"rangkuman|ringkasan|perlu anda ketahui|jadwal acara|acara tv)\b",
    re.IGNORECASE,
)
# A teaser of another article opens with its dateline, also one naming the site alone
# (``Liputan6.com, Jakarta -``, ``KOMPAS.com -``, ``Bisnis.com, JAKARTA —``).
_SITE_DATELINE = re.compile(
    r"[\w.]{2,40}\.(?:com|co\.id|id|net)\b[^-–—.]{0,40}[-–—] ", re.IGNORECASE
)
# A label of links to other articles alone (``Baca juga:``, ``[BACA JUGA]``).
_BARE_RELATED_LABEL = re.compile(rf"[\[(«<\-–— ]*(?:{BARE_RELATED})[\])»>\-–— ]*:?", re.IGNORECASE)
# A form no item has: items are taken only as those of one HTML list.
_NO_FORM = "none"
# Most items a list may have, and most words an announcing line may have.
_MAX_ITEMS = 40
_MAX_INTRO_WORDS = 60
_MIN_ITEMS = 2


def item_form(text: str) -> str | None:
    """The form of a list item, None for a line of none: ``bullet -`` (its bullet), ``number``,
    ``letter``, ``labelled`` (``Beras medium: Rp 13.500``), ``plain`` (a few words that end no
    sentence and name no chrome: ``Beji Timur``)."""
    found = _BULLET.match(text)
    if found:
        return f"bullet {found[1]}"
    if _NUMBER.match(text):
        return "number"
    if _LETTER.match(text):
        return "letter"
    if text[-1] == ":":
        return None
    if _LABELLED.match(text):
        return "labelled"
    if (
        text.count(" ") < _PLAIN_WORDS
        and text[-1] not in ".!?;…"
        and _CHROME_ITEM.search(text) is None
    ):
        return "plain"
    return None


def _counter(text: str, form: str) -> int | None:
    if form == "number":
        return int(_NUMBER.match(text)[1])  # type: ignore[index]
    if form == "letter":
        return ord(_LETTER.match(text)[1]) - ord("a") + 1  # type: ignore[index]
    return None


def inner_lists(
    blocks: list[Block],
    kinds: list[str],
    marker_kinds: list[str | None],
    ends: list[bool],
    repeated: set[str],
    same_list: SameList | None = None,
) -> list[int]:
    """The blocks of the lists inside the article: for each, the announcing line and its
    items, to be taken as paragraphs.

    A list is taken when, in this order:

    - a paragraph (``good`` or ``near``) comes first;
    - then the announcing line, ending with a colon, that announces a list in words
      (``Berikut daftar harga bahan pokok hari ini:``, ``… yakni:``) or is a sentence of 8
      words or more (``_announces``), and opens no links (``Baca juga:``), tags, share
      buttons, promotion or contact and names no chrome (``Berikut berita terpopuler:``,
      ``Sumber:``); markers may follow it (a ``Baca juga`` label whose headline was lost);
    - then two items or more: lines of one form (``item_form``: one bullet, numbers or
      letters counting up from 1 or ``a``, ``Label: value``, or three or more plain ones),
      or, on an HTML page where the first item is in a list or table, the items of that one
      list whatever their form (``same_list``: not mostly links, no teaser cards, not named
      for chrome);
    - then, markers aside, a paragraph of prose (``good``) that does not open with a dateline
      (a teaser of another article does) and is printed once.

    A list followed by anything else is left out, at the article's end too: tags, share
    buttons and related headlines after an article are lists too.
    """
    taken: list[int] = []
    total = len(blocks)
    previous = None  # the kind of the last block that is not a marker
    i = 0
    while i < total:
        kind = kinds[i]
        if kind == "marker":
            i += 1
            continue
        text = blocks[i].text
        if (
            previous in ("good", "near")
            and text[-1] == ":"
            and not ends[i]
            and text.count(" ") < _MAX_INTRO_WORDS
            and _announces(text)
        ):
            first = i + 1  # markers aside: a `Baca juga` label whose headline was lost
            while first < total and kinds[first] == "marker":
                first += 1
            items, form = _items(blocks, kinds, marker_kinds, ends, first, same_list)
            least = _PLAIN_MIN_ITEMS if form == "plain" else _MIN_ITEMS
            if len(items) >= least and _goes_on(blocks, kinds, items[-1] + 1, repeated):
                taken.append(i)
                taken.extend(items)
                previous = "near"
                i = items[-1] + 1
                continue
        previous = kind
        i += 1
    return taken


def related_items(
    blocks: list[Block],
    kinds: list[str],
    marker_kinds: list[str | None],
    ends: list[bool],
    same_list: SameList | None = None,
) -> list[tuple[int, str]]:
    """The items of the lists of links that a ``related_link`` label opens, each with its
    label: after a label alone (``Baca juga:``, ``BACA JUGA``), items of one bulleted,
    numbered or lettered form (``- …``, ``• …``, ``1. …``; not a headline alone, which
    ``MarkerRules.linked_headlines`` joins to its label) or, on an HTML page, the items of the
    one list (``same_list``, chrome or not) its first item is in. Not after a line announcing
    a list of the article's (``Berikut wilayah yang terdampak:``): a label there, its headline
    lost, stands before the article's own items. Before, the items were inline subheadings, or
    cut the article in two."""
    found: list[tuple[int, str]] = []
    for i, kind in enumerate(marker_kinds):
        if kind != "related_link":
            continue
        text = blocks[i].text
        if not _BARE_RELATED_LABEL.fullmatch(text) or after_announcing(blocks, marker_kinds, i):
            continue
        form = item_form(blocks[i + 1].text) if i + 1 < len(blocks) else None
        if form in ("plain", "labelled"):  # a headline reads so too: HTML list items only
            form = _NO_FORM
        items, _ = _items(blocks, kinds, marker_kinds, ends, i + 1, same_list, form, chrome=True)
        found.extend((j, text) for j in items)
    return found


def _announces(text: str) -> bool:
    """Whether a line ending with a colon announces a list of the article's."""
    if _NOT_ANNOUNCING.match(text):
        return False
    return _ANNOUNCING.match(text) is not None or (
        text.count(" ") + 1 >= _SENTENCE_INTRO_WORDS
        and stop_word_density(text) >= _SENTENCE_INTRO_DENSITY
    )


def after_announcing(blocks: list[Block], marker_kinds: list[str | None], i: int) -> bool:
    """Whether the block before ``i`` (markers aside) announces a list of the article's: a
    ``Baca juga`` label there stands between it and its items."""
    i -= 1
    while i >= 0 and marker_kinds[i] is not None:
        i -= 1
    return i >= 0 and blocks[i].text[-1] == ":" and _announces(blocks[i].text)


def _items(
    blocks: list[Block],
    kinds: list[str],
    marker_kinds: list[str | None],
    ends: list[bool],
    first: int,
    same_list: SameList | None,
    form: str | None = None,
    *,
    chrome: bool = False,
) -> tuple[list[int], str | None]:
    """The items of a list from ``first`` on, and their form: of one form (``form``, else that
    of the first item; numbers or letters counting from 1), or (``same_list``) of one HTML
    list, chrome too with ``chrome``; none of them a marker or an end of the article."""
    items: list[int] = []
    if first >= len(blocks) or marker_kinds[first] is not None or ends[first]:
        return items, None
    opening = blocks[first]
    form = form or item_form(opening.text)
    expected = 1
    # On an HTML page the items of a list element are taken by ``same_list`` alone, whatever
    # their form: its guards (links, names of chrome) must not be passed by.
    if same_list is not None and same_list(opening, opening, chrome=True):
        form = _NO_FORM
    for j in range(first, min(len(blocks), first + _MAX_ITEMS)):
        text = blocks[j].text
        if marker_kinds[j] is not None or ends[j] or kinds[j] in ("caption", "chrome"):
            break
        if form is not None and item_form(text) == form:
            counter = _counter(text, form)
            if counter is not None and counter != expected:
                break
            expected += 1
        elif not (same_list is not None and same_list(blocks[j], opening, chrome=chrome)):
            break
        items.append(j)
    return items, form


def _goes_on(blocks: list[Block], kinds: list[str], i: int, repeated: set[str]) -> bool:
    """Whether the article goes on after a list, from ``i`` on (markers aside): with prose
    (``good``) printed once that opens with no dateline (a teaser of another article does). A
    credit that closes the article (``Editor: …``) is no such evidence: site chrome stands
    before it as often."""
    while i < len(kinds) and kinds[i] == "marker":
        i += 1
    if i == len(kinds) or kinds[i] != "good":
        return False
    text = blocks[i].text
    return (
        text not in repeated
        and split_dateline(text)[0] is None
        and _SITE_DATELINE.match(text) is None
    )


def table_rows(
    chosen: list[int],
    listed: set[int],
    blocks: list[Block],
    marker_kinds: list[str | None],
    same_list: SameList,
) -> tuple[list[Block], list[str | None]]:
    """The body's ``blocks`` (``chosen``: their places on the page) with the cells of each
    table row that is a list of the article's (``listed``) one block, their texts joined by a
    space on the first cell's line: ``Beras medium`` ``kg`` ``Rp13.200`` -> ``Beras medium kg
    Rp13.200``. Only there: a table that lays out a page, or a site's credits, keeps a block a
    cell."""
    joined_blocks: list[Block] = []
    joined_kinds: list[str | None] = []
    for k, block in enumerate(blocks):
        if (
            k
            and chosen[k] in listed
            and chosen[k - 1] in listed
            and joined_kinds[-1] is None
            and marker_kinds[k] is None
            and same_list(block, blocks[k - 1], row=True)
        ):
            last = joined_blocks[-1]
            joined_blocks[-1] = Block(last.line, f"{last.text} {block.text}")
            continue
        joined_blocks.append(block)
        joined_kinds.append(marker_kinds[k])
    return joined_blocks, joined_kinds
