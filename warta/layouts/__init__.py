"""Named page layouts, declared as data: one TOML file per layout in this folder.

A layout says how to recognise a site's pages and what is known about them. Two kinds:

- *sequence* layouts (``[header] fields``) read a fixed run of header lines — section, title,
  author, a date label — as the seed's theme prints them;
- *hint* layouts (no ``fields``) run the generic extractor with site knowledge: chrome lines,
  byline and section patterns, the blocks that end an article, extra marker lines.

Detection is cheap: exact lines among the first blocks, or one regular expression searched in
each block (``^`` and ``$`` are the block's edges; a block is a line of a text dump or a block
element of HTML), or one over the head of the raw HTML (``og:url``, a site's own ``<meta>``).
Adding a site is adding a file here and a test page; ``parse_page`` tries every layout before
the generic extractor. The files are held to a schema (``LayoutSpec``): an unknown key, a value
of the wrong type, a regular expression that does not compile or lacks its named group, or a
marker kind the ``ad_markers`` table does not know is a ``LayoutError`` naming the file and the
key, raised when the layouts are first loaded, before any page is parsed.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from warta.header import Hints
from warta.markers import DEFAULT_MARKERS, MarkerRules

# How much of a raw HTML file ``html_patterns`` look at: the head, where metadata lives.
HTML_HEAD_CHARS = 65536


class LayoutError(ValueError):
    """A layout file that cannot be used: its path and what is wrong, key by key."""


def _compiled(pattern: str, group: str | None = None) -> str:
    """``pattern``, checked to compile (and to have the named ``group`` if given)."""
    try:
        compiled = re.compile(pattern)
    except re.error as error:
        raise ValueError(f"bad regular expression {pattern!r}: {error}") from None
    if group is not None and group not in compiled.groupindex:
        raise ValueError(f"{pattern!r} has no group (?P<{group}>...) to take the {group} from")
    return pattern


def _joinable(patterns: list[str]) -> list[str]:
    """Patterns that are searched as one alternation (``_any_of``): each compiles, none uses a
    global flag (``(?i)``) or a numbered back-reference (``\\1`` would point at another
    pattern's group), and together they compile (no group name twice)."""
    for pattern in patterns:
        _compiled(pattern)
        if _GLOBAL_FLAG.search(pattern):
            raise ValueError(f"{pattern!r}: a global flag such as (?i) cannot be used here, the "
                             "patterns being searched as one; write (?i:...) around the part it "
                             "applies to")  # fmt: skip
        if _NUMBERED_REFERENCE.search(pattern):
            raise ValueError(f"{pattern!r}: a numbered back-reference cannot be used here, "
                             "the patterns being searched as one; name the group: "
                             "(?P<x>...)(?P=x)")  # fmt: skip
    try:
        _any_of(patterns)
    except re.error as error:
        raise ValueError(f"these patterns cannot be searched as one: {error}") from None
    return patterns


_GLOBAL_FLAG = re.compile(r"(?<!\\)\(\?[aiLmsux]+\)")
_NUMBERED_REFERENCE = re.compile(r"(?<!\\)\\[1-9]")
_Text = Annotated[str, Field(min_length=1)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class _Detect(_Strict):
    lines: list[_Text] = []  # exact lines among the first ``within`` blocks
    within: int = Field(5, ge=1)
    text_patterns: list[_Text] = []  # searched in each block (case as written)
    html_patterns: list[_Text] = []  # searched in the head of the raw HTML, ignoring case

    @field_validator("text_patterns", "html_patterns")
    @classmethod
    def _patterns(cls, patterns: list[str]) -> list[str]:
        return _joinable(patterns)


# Keys of the two kinds of layout (module docstring): the other kind's are refused.
_SEQUENCE_ONLY = ("published_labels", "published_joiners", "site_from_dateline")
_HINTS_ONLY = ("site", "author_patterns", "section_pattern")


class _Header(_Strict):
    fields: list[Literal["section", "title", "author"]] = []
    chrome: list[_Text] = []
    published_labels: list[_Text] = []
    published_joiners: list[_Text] = []
    site_from_dateline: bool = False
    site: _Text | None = None
    author_patterns: list[_Text] = []  # each used alone (fullmatch of a header block)
    section_pattern: _Text | None = None  # used alone (fullmatch of the block before the title)
    section_before_title: bool = True

    @field_validator("fields")
    @classmethod
    def _fields(cls, fields: list[str]) -> list[str]:
        if fields and "title" not in fields:
            raise ValueError("must include 'title'")
        if len(set(fields)) != len(fields):
            raise ValueError("names a field twice")
        return fields

    @field_validator("author_patterns")
    @classmethod
    def _authors(cls, patterns: list[str]) -> list[str]:
        return [_compiled(p, group="author") for p in patterns]

    @field_validator("section_pattern")
    @classmethod
    def _section(cls, pattern: str | None) -> str | None:
        return None if pattern is None else _compiled(pattern, group="section")

    @model_validator(mode="after")
    def _one_kind(self) -> _Header:
        other = _HINTS_ONLY if self.fields else _SEQUENCE_ONLY
        given = [key for key in other if key in self.model_fields_set]
        if given:
            kind = "a layout with" if self.fields else "a layout without"
            raise ValueError(f"{kind} fields does not use {', '.join(given)}")
        return self


class _Body(_Strict):
    end_marks: list[_Text] = []  # marks cut from a paragraph's end (``***``; with fields)
    end_patterns: list[_Text] = []  # a short block that ends the article (without fields)
    # a block just before one of these is a photo's caption, not prose (without fields)
    caption_before: list[_Text] = []

    @field_validator("end_marks", "end_patterns", "caption_before")
    @classmethod
    def _patterns(cls, patterns: list[str]) -> list[str]:
        return _joinable(patterns)


MarkerKind = Literal[tuple(DEFAULT_MARKERS)]  # type: ignore[valid-type]


class LayoutSpec(_Strict):
    """What a layout file may say (docs/EXTRACTION.md, "Adding a site")."""

    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    description: str = ""
    detect: _Detect
    header: _Header = _Header()
    body: _Body = _Body()
    markers: dict[MarkerKind, list[_Text]] = {}  # literal lines, not patterns

    @model_validator(mode="after")
    def _body_of_its_kind(self) -> LayoutSpec:
        other = ("end_patterns", "caption_before") if self.header.fields else ("end_marks",)
        unused = [key for key in other if key in self.body.model_fields_set]
        if unused:
            kind = "a layout with" if self.header.fields else "a layout without"
            keys = ", ".join(f"body.{key}" for key in unused)
            raise ValueError(f"{kind} header.fields does not use {keys}")
        return self


def load_spec(text: str, source: str) -> Mapping:
    """The checked contents of the layout file ``source`` (its path, for messages)."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise LayoutError(f"{source}: not valid TOML: {error}") from None
    try:
        LayoutSpec.model_validate(raw)
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(map(str, e['loc'])) or '(file)'}: {e['msg'].removeprefix('Value error, ')}"
            for e in error.errors()
        )
        raise LayoutError(f"{source}: {problems}") from None
    detect = raw["detect"]
    if not (detect.get("lines") or detect.get("text_patterns") or detect.get("html_patterns")):
        raise LayoutError(f"{source}: [detect] needs lines, text_patterns or html_patterns")
    return raw


@dataclass(frozen=True)
class Layout:
    name: str
    description: str
    detect_lines: frozenset[str]
    detect_within: int
    detect_text: re.Pattern[str] | None
    detect_html: re.Pattern[str] | None
    chrome: frozenset[str]
    fields: tuple[str, ...]
    published_labels: frozenset[str]
    published_joiners: frozenset[str]
    site_from_dateline: bool
    end_marks: tuple[re.Pattern[str], ...]
    end_mark_line: re.Pattern[str] | None  # a whole line of nothing but end marks
    markers: MarkerRules = field(repr=False)
    hints: Hints | None = field(default=None, repr=False)

    @property
    def sequential(self) -> bool:
        """True for layouts that read a fixed sequence of header lines."""
        return self.hints is None

    def matches(self, first_lines: list[str], texts: list[str], html_head: str = "") -> bool:
        """True when an identifying line is among the first blocks, or a detection pattern
        matches one of ``texts`` (block texts) or the head of the page's raw HTML."""
        if any(line in self.detect_lines for line in first_lines[: self.detect_within]):
            return True
        if self.detect_text is not None and any(map(self.detect_text.search, texts)):
            return True
        return bool(html_head and self.detect_html and self.detect_html.search(html_head))

    @classmethod
    def from_mapping(cls, spec: Mapping) -> Layout:
        """The layout a file's contents describe, checked by ``load_spec`` first."""
        header, body, detect = spec.get("header", {}), spec.get("body", {}), spec["detect"]
        fields = tuple(header.get("fields", ()))
        markers = MarkerRules.build(
            {kind: [re.escape(line) for line in lines]
             for kind, lines in spec.get("markers", {}).items()}
        )  # fmt: skip
        chrome = frozenset(header.get("chrome", ()))
        end_marks = body.get("end_marks", ())
        return cls(
            name=spec["name"],
            description=spec.get("description", ""),
            detect_lines=frozenset(detect.get("lines", ())),
            detect_within=int(detect.get("within", 5)),
            detect_text=_any_of(detect.get("text_patterns", ())),
            detect_html=_any_of(detect.get("html_patterns", ()), re.IGNORECASE),
            chrome=chrome,
            fields=fields,
            published_labels=frozenset(header.get("published_labels", ())),
            published_joiners=frozenset(header.get("published_joiners", ())),
            site_from_dateline=bool(header.get("site_from_dateline", False)),
            end_marks=tuple(re.compile(p) for p in end_marks),
            end_mark_line=_end_mark_line(end_marks),
            markers=markers,
            hints=None if fields else _hints(spec, chrome, markers),
        )


def _end_mark_line(end_marks) -> re.Pattern[str] | None:
    """A whole line made of end marks alone (``***``): neither body text nor an ad marker."""
    if not end_marks:
        return None
    return re.compile(rf"(?:\s*(?:{'|'.join(f'(?:{p})' for p in end_marks)}))+\s*")


def _any_of(patterns, flags: int = 0) -> re.Pattern[str] | None:
    return re.compile("|".join(f"(?:{p})" for p in patterns), flags) if patterns else None


def _hints(spec: Mapping, chrome: frozenset[str], markers: MarkerRules) -> Hints:
    header, body = spec.get("header", {}), spec.get("body", {})
    section = header.get("section_pattern")
    return Hints(
        name=spec["name"],
        site=header.get("site"),
        chrome=chrome,
        markers=markers,
        author_patterns=tuple(re.compile(p) for p in header.get("author_patterns", ())),
        body_end=_any_of(body.get("end_patterns", ()), re.IGNORECASE),
        caption_before=_any_of(body.get("caption_before", ())),
        section_pattern=re.compile(section) if section is not None else None,
        section_before_title=bool(header.get("section_before_title", True)),
    )


@cache
def _text_screen() -> re.Pattern[str] | None:
    patterns = [layout.detect_text for layout in named_layouts() if layout.detect_text]
    return _any_of([p.pattern for p in patterns]) if patterns else None


_GENERIC_ONLY: ContextVar[bool] = ContextVar("warta_generic_only", default=False)


@contextmanager
def generic_only() -> Iterator[None]:
    """Pages parsed inside go to the generic extractor, as if no layout were named: what a new
    site's layout adds over it (``warta eval pages --generic-only``, which parses in its own
    thread). A context variable: other threads and the pipeline's worker processes do not see
    it."""
    token = _GENERIC_ONLY.set(True)
    try:
        yield
    finally:
        _GENERIC_ONLY.reset(token)


def find_layout(texts: list[str], html_head: str = "") -> Layout | None:
    """The first named layout (in file-name order) a page matches, given its block texts and
    the head of its raw HTML; None sends the page to the generic extractor."""
    if _GENERIC_ONLY.get():
        return None
    screen = _text_screen()
    # One search per block for every layout at once; only blocks it hits are searched again.
    hits = [text for text in texts if screen.search(text)] if screen is not None else []
    first_lines = texts[:10]
    for layout in named_layouts():
        if layout.matches(first_lines, hits, html_head):
            return layout
    return None


def _folder():
    """Where the layout files are: this package."""
    return resources.files(__name__)


@cache
def named_layouts() -> tuple[Layout, ...]:
    """Every layout shipped in this package, in file-name order."""
    folder = _folder()
    specs = sorted(
        (entry for entry in folder.iterdir() if entry.name.endswith(".toml")),
        key=lambda entry: entry.name,
    )
    loaded: list[Layout] = []
    screen: list[str] = []  # every layout's text patterns, searched as one (``find_layout``)
    for entry in specs:
        source = f"warta/layouts/{entry.name}"
        spec = load_spec(entry.read_text("utf-8"), source)
        if spec["name"] != entry.name.removesuffix(".toml"):
            raise LayoutError(f"{source}: name {spec['name']!r} is not the file's name")
        layout = Layout.from_mapping(spec)
        if layout.detect_text is not None:
            screen.append(layout.detect_text.pattern)
            try:
                _any_of(screen)
            except re.error as error:
                raise LayoutError(
                    f"{source}: detect.text_patterns cannot be searched together with the "
                    f"other layouts' ({error}): give its named groups other names"
                ) from None
        loaded.append(layout)
    return tuple(loaded)
