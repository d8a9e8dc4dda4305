"""Saved HTML pages to the same block stream as text dumps, plus the page's own metadata.

lxml (libxml2) parses the page, forgiving of broken markup, and keeps each element's source
line, so a paragraph's ``source_line`` still points into the raw file. Every block-level element
(and every ``<br>``) ends a block; inline elements join their text into the surrounding block.
Scripts, styles, navigation, footers and asides carry no article text and are dropped.
"""

from __future__ import annotations

import ipaddress
import json
import re
import unicodedata
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from lxml import etree

from warta.article import Block
from warta.text import normalize_text

_INLINE = frozenset(
    [
        "a",
        "abbr",
        "acronym",
        "b",
        "bdi",
        "bdo",
        "big",
        "cite",
        "code",
        "data",
        "del",
        "dfn",
        "em",
        "font",
        "i",
        "img",
        "ins",
        "kbd",
        "label",
        "mark",
        "nobr",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strike",
        "strong",
        "sub",
        "sup",
        "time",
        "tt",
        "u",
        "var",
        "wbr",
    ]
)
_DROPPED = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "iframe",
        "nav",
        "footer",
        "aside",
        "head",
        "select",
        "option",
        "button",
        "textarea",
        "input",
        "object",
        "embed",
        "canvas",
        "video",
        "audio",
        "map",
    ]
)
_BREAKS = frozenset({"br", "hr"})
_IMAGES = frozenset({"img", "picture"})
_LISTS = frozenset({"ul", "ol", "dl", "table"})
# The first letters of a class or id word naming site chrome (as readability's "unlikely
# candidates" do): a list in such an element, or named so, is no list of the article's.
_CHROME_WORDS = (
    "share", "social", "sosmed", "tag", "related", "terkait", "populer", "popular",
    "terpopuler", "trending", "rekomendasi", "recommend", "menu", "nav", "breadcrumb",
    "comment", "komentar", "footer", "sidebar", "widget", "promo", "newsletter", "baca",
    "poll", "polling", "ticker", "headline", "topik", "topic", "lainnya", "author",
    "penulis", "bio", "profil", "profile", "kurs", "sholat", "shalat", "prayer", "toc",
    "source", "sumber", "referensi", "reference",
)  # fmt: skip
# What a list of teaser cards holds and an article's own list does not.
_CARD_PARTS = ("h1", "h2", "h3", "h4", "h5", "h6", "img", "picture")
# How far up from a list its ancestors' names are read for chrome.
_CHROME_REACH = 3
# Elements a first paragraph is never in: a deck, a list of highlights, a quote, a caption.
_NOT_LEAD = frozenset(
    {"h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "td", "th", "blockquote", "figcaption"}
)
# Plain elements (no lxml.html element classes): the walk touches every element once.
# ``huge_tree``: libxml2 stops at 256 nested elements otherwise, and a page of a few hundred
# nested ``<div>``s lost its article; with it the limit is 2048 (``MAX_DEPTH``). Its other
# limits (a text node of 10 MB) cannot be reached: files are at most WARTA_MAX_FILE_BYTES.
_PARSER = etree.HTMLParser(remove_comments=True, remove_pis=True, huge_tree=True)
MAX_DEPTH = 2048
# What may come before a page's markup: the HTTP response's status line and headers, kept by
# a crawler that saves them (``wget --save-headers``), up to the first empty line; an XML
# declaration (XHTML).
_PREAMBLE = re.compile(
    r"^\s*(?:HTTP/\d(?:\.\d)?[ \t]+\d{3}\b[^\n]*\n(?:[ \t]*[^\s][^\n]*\n)*?[ \t\r]*\n\s*)*"
    r"(?:<\?xml[^>]*\?>)?"
)
# The opening of an HTML document after comments (each matched once: possessive, so a run of
# comments before something else fails at once instead of backtracking through them).
_HTML_START = re.compile(
    r"\s*(?:<!--.*?-->\s*)*+<(?P<tag>!doctype\s+html|html|head|body|meta|title|base|link)\b",
    re.I | re.S,
)
# What an opening that a text could also have (``<title>…</title>`` over a text dump) needs
# after it, anywhere, to be a page: an element of a page's head or body.
_BODY_ELEMENT = re.compile(
    r"</?(?:body|head|div|p|article|main|section|span|a|h[1-6]|table|ul|ol|li|img|br|script|"
    r"style|header|footer|nav|form|figure|iframe)\b",
    re.I,
)
# Openings that make a document on their own.
_DOCUMENT_TAGS = ("!doctype", "html", "head", "body")
_ARTICLE_TYPES = frozenset(
    {"NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle", "BlogPosting"}
)


@dataclass(slots=True)
class PageMeta:
    """What a page says about itself in ``<meta>``, ``<title>`` and JSON-LD; None when absent."""

    title: str | None = None  # og:title, JSON-LD headline or <title>
    headings: tuple[str, ...] = ()  # <h1> texts, in page order
    published: str | None = None  # article:published_time / JSON-LD datePublished
    published_loose: str | None = None  # publishdate / pubdate metas (zone often unreliable)
    author: str | None = None
    site: str | None = None
    section: str | None = None
    url: str | None = None  # <link rel="canonical">, og:url or JSON-LD url (absolute http(s))
    sources: dict[str, str] = field(default_factory=dict)  # field -> where it came from


@dataclass(slots=True)
class HtmlPage:
    blocks: list[Block]
    meta: PageMeta
    # The blocks of ``<figcaption>`` elements: photo captions whatever their words.
    captions: frozenset[Block] = frozenset()
    # The blocks that follow an image (``<img>``, ``<picture>``) with no block between, or hold
    # one: the only ones a caption without a credit can be.
    after_image: set[Block] = field(default_factory=set)
    # id(block) -> the element its first text belongs to, and whether as its tail. By identity:
    # two blocks of one text on one line (a minified page) are equal tuples.
    origins: dict[int, tuple] = field(default_factory=dict)
    # libxml2 stopped reading the page where its elements nest ``MAX_DEPTH`` deep: nothing
    # after that point was read.
    too_deep: bool = False

    def stands_with(self, block: Block, first: Block) -> bool:
        """Whether ``block`` stands where ``first`` (the body's first paragraph) does: in no
        heading, list item, cell, quote or caption (at any depth), and a sibling of it (the
        same parent), or the same element in a wrapper of the same tag and class under the same
        parent (``<div class=para><p>`` each), or a ``<p>`` in the element holding ``first``'s
        text (before ``<br>``-separated text). False when either is unknown (a block cut off a
        glued marker): nothing then tells a first paragraph from a deck."""
        a, b = self.origins.get(id(block)), self.origins.get(id(first))
        if a is None or b is None:
            return False
        container, parent = _place(*a)
        first_container, first_parent = _place(*b)
        if container is None or first_container is None or parent is None:
            return False
        if any(node.tag in _NOT_LEAD for node in (container, *container.iterancestors())):
            return False
        if parent is first_parent:
            return True
        if parent is first_container:
            return container.tag == "p"
        return (
            first_parent is not None
            and container.tag == first_container.tag
            and parent.tag == first_parent.tag
            and parent.get("class") == first_parent.get("class")
            and parent.getparent() is first_parent.getparent()
        )

    def same_list(
        self, block: Block, first: Block, *, chrome: bool = False, row: bool = False
    ) -> bool:
        """Whether ``block`` is an item (or cell) of the list or table (``<ul>``, ``<ol>``,
        ``<dl>``, ``<table>``) ``first`` is one of, and, unless ``chrome``, that list is no
        site chrome: not mostly links (related articles, tags), and neither it nor its nearest
        ancestors named for chrome (``class``/``id`` ``share``, ``tags``, ``related``,
        ``komentar``, …), nor holding headings or images (teaser cards). With ``row``: whether
        the two are cells of one table row. False when either is unknown."""
        a, b = self.origins.get(id(block)), self.origins.get(id(first))
        if a is None or b is None:
            return False
        if row:
            found = _row_of(_place(*a)[0])
            return found is not None and found is _row_of(_place(*b)[0])
        node = _list_of(_place(*a)[0])
        if node is None or node is not _list_of(_place(*b)[0]):
            return False
        if chrome:
            return True
        ancestor = node
        for _ in range(_CHROME_REACH + 1):
            if ancestor is None:
                break
            if _named_for_chrome(ancestor):
                return False
            ancestor = ancestor.getparent()
        if next(node.iter(*_CARD_PARTS), None) is not None:
            return False  # teaser cards: a headline, an image
        text = len("".join(node.itertext()).strip())
        linked = sum(len("".join(link.itertext()).strip()) for link in node.iter("a"))
        return linked * 2 <= text


def _list_of(node):
    """The list or table element holding ``node`` (itself included), or None."""
    while node is not None and node.tag not in _LISTS:
        node = node.getparent()
    return node


def _row_of(node):
    """The table row holding ``node`` (itself included), or None."""
    while node is not None and node.tag != "tr":
        if node.tag in _LISTS:
            return None
        node = node.getparent()
    return node


def _named_for_chrome(element) -> bool:
    names = f"{element.get('class', '')} {element.get('id', '')}".lower()
    return any(word.startswith(_CHROME_WORDS) for word in re.split(r"[^a-z]+", names) if word)


def looks_like_html(text: str, source_name: str = "") -> bool:
    """True for ``.html``/``.htm`` files and for any text that opens like an HTML document
    (``<!DOCTYPE html>``, ``<html>``, ``<head>``, ``<body>``, ``<meta …>``, ``<title>``, after
    an XML declaration, comments, or the HTTP headers a crawler saved with the page)."""
    if source_name.lower().endswith((".html", ".htm")):
        return True
    head = text[:8192]
    start = _HTML_START.match(head, _PREAMBLE.match(head).end())
    if start is None:
        return False
    if start["tag"].lower().startswith(_DOCUMENT_TAGS):
        return True
    return _BODY_ELEMENT.search(text, start.end()) is not None


def parse_html(text: str) -> HtmlPage:
    """Blocks (normalised text, 1-based source line) and metadata of an HTML page."""
    try:
        root = etree.fromstring(_without_preamble(text), _PARSER)
    except (etree.ParserError, ValueError):
        return HtmlPage([], PageMeta())
    too_deep = any("Excessive depth" in error.message for error in _PARSER.error_log)
    if root is None:
        return HtmlPage([], PageMeta(), too_deep=too_deep)
    meta = _read_meta(root)
    # Dropped subtrees and comments go in C before the Python walk (their tails stay).
    etree.strip_elements(
        root, *_DROPPED, etree.Comment, etree.ProcessingInstruction, with_tail=False
    )
    body = root.find("body")
    top = body if body is not None else root
    page = HtmlPage([], meta, too_deep=too_deep)
    page.blocks = _blocks(top, page)
    page.captions = _captions(top)
    return page


# A ``<figcaption>`` of more blocks or words is no caption: one left unclosed, into which
# libxml2 nests the rest of the page.
_CAPTION_MAX_BLOCKS = 8
_CAPTION_MAX_WORDS = 150


def _captions(top) -> frozenset[Block]:
    """The blocks of the ``<figcaption>`` elements under ``top`` (one inside another is its
    outer one's) that are no larger than a caption."""
    found: list[Block] = []
    for caption in top.iter("figcaption"):
        if next(caption.iterancestors("figcaption"), None) is not None:
            continue
        blocks = _blocks(caption)
        words = sum(block.text.count(" ") + 1 for block in blocks)
        if len(blocks) <= _CAPTION_MAX_BLOCKS and words <= _CAPTION_MAX_WORDS:
            found += blocks
    return frozenset(found)


def _without_preamble(text: str) -> str:
    """``text`` without its HTTP headers and XML declaration (``_PREAMBLE``), each line of them
    an empty line, so that blocks keep their line numbers."""
    end = _PREAMBLE.match(text).end()
    return "\n" * text.count("\n", 0, end) + text[end:] if end else text


class _BlockBuilder:
    __slots__ = ("blocks", "first", "image", "line", "page", "parts")

    def __init__(self, page: HtmlPage | None) -> None:
        self.blocks: list[Block] = []
        self.parts: list[str] = []
        self.line = 0
        self.image = False  # an image since the last block
        self.first: tuple = (None, False)  # the element of the block's first text, and if a tail
        self.page = page  # where ``after_image`` and ``origins`` go (the page's own walk)

    def add(self, text: str, element, tail: bool = False, line: int | None = None) -> None:
        """Append non-empty ``text``; the first non-blank text of a block sets its line: the
        line its element starts on, plus the line breaks before the text where they are known
        to follow that line (an element's own text; the tail of a childless element, such as
        ``<br>``). Approximate past a start tag spread over several lines, and for the tail of
        an element with children (lxml gives no end line). ``line``: the line of ``text``'s
        start, where the caller knows it (a part of a ``<pre>``)."""
        if not self.parts:
            if text.isspace():
                return
            self.first = (element, tail)
            line = line or element.sourceline
            if line and (not tail or len(element) == 0):
                if tail and element.text:  # the element's own text lies before its end tag
                    line += element.text.count("\n")
                line += text[: len(text) - len(text.lstrip())].count("\n")
            self.line = line or self.line
        self.parts.append(text)

    def flush(self) -> None:
        if self.parts:
            text = normalize_text("".join(self.parts))
            if text:
                self.blocks.append(block := Block(self.line, text))
                if self.page is not None:
                    if self.image:
                        self.page.after_image.add(block)
                    self.page.origins[id(block)] = self.first
                self.image = False
            self.parts.clear()


_BLANK_LINES = re.compile(r"\n[ \t\r\f\v]*\n\s*")


def _preformatted(element, builder: _BlockBuilder) -> None:
    """A ``<pre>`` element's text (its children's included), one block per run of lines between
    blank lines, as a text dump's paragraphs are; each on the line it starts on."""
    text = etree.tostring(element, method="text", encoding="unicode", with_tail=False)
    line = element.sourceline or builder.line
    start = 0
    for gap in (*_BLANK_LINES.finditer(text), None):
        end = gap.start() if gap else len(text)
        chunk = text[start:end]
        if chunk.strip():
            builder.add(chunk, element, line=line + text.count("\n", 0, start))
            builder.flush()
        if gap:
            start = gap.end()


def _place(element, tail: bool) -> tuple:
    """Where a block's first text stands: the block element holding it (past inline ones) and
    that element's parent."""
    node = element.getparent() if tail else element
    while node is not None and node.tag in _INLINE:
        node = node.getparent()
    return (None, None) if node is None else (node, node.getparent())


def _blocks(top, page: HtmlPage | None = None) -> list[Block]:
    """One flat pass over the start and end events of ``top``'s subtree (no recursion): a block
    element or ``<br>`` closes the current block, an element's tail follows its end. With
    ``page``, each block's origin goes to its ``origins``, and the blocks that follow an image
    with no block between, or hold one, to its ``after_image``."""
    builder = _BlockBuilder(page)
    walker = etree.iterwalk(top, events=("start", "end"))
    for event, element in walker:
        tag = element.tag
        is_element = isinstance(tag, str)  # entity references are nodes too
        block = is_element and tag not in _INLINE
        if event == "start":
            if block:
                builder.flush()
            if tag in _IMAGES:
                builder.image = True  # and on: an unclosed <picture> holds the rest of the page
            if tag == "pre":
                _preformatted(element, builder)
                walker.skip_subtree()
            elif not is_element or tag in _BREAKS:
                walker.skip_subtree()
            elif element.text:
                builder.add(element.text, element)
            continue
        if block:
            builder.flush()
        if element.tail and element is not top:
            builder.add(element.tail, element, tail=True)
    builder.flush()
    return builder.blocks


_META_FIELDS = {
    "og:title": "title",
    "twitter:title": "title",
    "article:published_time": "published",
    "og:article:published_time": "published",
    "datepublished": "published",
    "publishdate": "published_loose",
    "pubdate": "published_loose",
    "dtk:publishdate": "published_loose",
    "content_publisheddate": "published_loose",
    "date": "published_loose",
    "author": "author",
    "article:author": "author",
    "og:site_name": "site",
    "article:section": "section",
    "og:url": "url",
}


def _read_meta(root) -> PageMeta:
    meta = PageMeta()
    for link in root.iter("link"):
        canonical = "canonical" in (link.get("rel") or "").lower().split()
        if canonical and (url := page_url(link.get("href"))):
            meta.url = url
            meta.sources["url"] = "canonical"
            break
    for element in root.iter("meta"):
        key = (
            element.get("property") or element.get("name") or element.get("itemprop") or ""
        ).lower()
        name = _META_FIELDS.get(key)
        content = normalize_text(element.get("content") or "")
        if name and content and getattr(meta, name) is None:
            if name == "author" and content.startswith(("http://", "https://")):
                continue
            if name == "url" and (content := page_url(content)) is None:
                continue
            setattr(meta, name, content)
            meta.sources[name] = key
    for script in root.iter("script"):
        if (script.get("type") or "").lower() == "application/ld+json" and script.text:
            _read_json_ld(script.text, meta)
    if meta.title is None:
        title = root.find(".//title")
        if title is not None and "".join(title.itertext()).strip():
            meta.title = normalize_text("".join(title.itertext()))
            meta.sources["title"] = "title"
    meta.headings = tuple(
        text for h1 in root.iter("h1") if (text := normalize_text("".join(h1.itertext())))
    )
    return meta


def _read_json_ld(text: str, meta: PageMeta) -> None:
    try:
        data = json.loads(text)
    except ValueError:
        return
    for item in _json_ld_items(data):
        kinds = item.get("@type")
        kinds = set(kinds) if isinstance(kinds, list) else {kinds}
        if not kinds & _ARTICLE_TYPES:
            continue
        values = {
            "title": item.get("headline"),
            "published": item.get("datePublished"),
            "author": _name_of(item.get("author")),
            "section": item.get("articleSection"),
            "site": _name_of(item.get("publisher")),
            "url": page_url(item.get("url")) or page_url(_id_of(item.get("mainEntityOfPage"))),
        }
        for name, value in values.items():
            if isinstance(value, list):
                value = value[0] if value else None
            if isinstance(value, str) and value.strip() and getattr(meta, name) is None:
                setattr(meta, name, normalize_text(value))
                meta.sources[name] = "json-ld"
        return


def _json_ld_items(data):
    if isinstance(data, list):
        for entry in data:
            yield from _json_ld_items(entry)
    elif isinstance(data, dict):
        yield data
        if isinstance(data.get("@graph"), list):
            yield from _json_ld_items(data["@graph"])


def page_url(value) -> str | None:
    """``value`` if it is an absolute http(s) address with a host (a page's own address), else
    None: an empty ``href``, a path (``/read/…``), a scheme-relative ``//host/…`` (which
    scheme is not known), another scheme, a host without a dot (not an IPv6 address), empty
    host labels (``a..b``), a bad port, credentials, white space (a no-break space too) or
    control and format characters say nothing usable."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    if not value or any(c.isspace() or unicodedata.category(c)[0] == "C" for c in value):
        return None
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 (raises ValueError for a port that is not one)
    except ValueError:
        return None
    host = parts.hostname or ""
    if parts.scheme.lower() not in ("http", "https") or "@" in parts.netloc:
        return None
    if "[" in parts.netloc or ":" in host:  # an IPv6 address, bracketed and nothing else
        if not _BRACKETED.fullmatch(parts.netloc):
            return None
        try:
            ipaddress.IPv6Address(host.split("%", 1)[0])
        except ValueError:
            return None
    elif not _HOST.fullmatch(host):
        return None
    return value


# Two or more dot-separated labels, none empty (a fully qualified name may end in a dot).
_HOST = re.compile(r"(?:[^.]+\.)+[^.]+\.?")
_BRACKETED = re.compile(r"\[[^\]]+\](?::\d*)?")


def _id_of(value) -> str | None:
    """JSON-LD ``mainEntityOfPage``: an address, or an object with it as ``@id``."""
    if isinstance(value, dict):
        value = value.get("@id")
    return value if isinstance(value, str) else None


def _name_of(value) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name")
    return value if isinstance(value, str) else None
