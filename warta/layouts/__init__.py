"""Named page layouts, declared as data: one TOML file per layout in this folder.

A layout names the lines that identify a site's theme, the chrome it prints, the order of its
header fields, its date labels and its extra marker lines. Adding a site is adding a file here
and a test page; ``parse_page`` tries every layout before the generic extractor.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from warta.markers import MarkerRules

HEADER_FIELDS = frozenset({"section", "title", "author"})


@dataclass(frozen=True)
class Layout:
    name: str
    description: str
    detect_lines: frozenset[str]
    detect_within: int
    chrome: frozenset[str]
    fields: tuple[str, ...]
    published_labels: frozenset[str]
    published_joiners: frozenset[str]
    site_from_dateline: bool
    end_marks: tuple[re.Pattern[str], ...]
    markers: MarkerRules = field(repr=False)

    def matches(self, first_lines: list[str]) -> bool:
        """True when one of the identifying lines is among the page's first blocks."""
        return any(line in self.detect_lines for line in first_lines[: self.detect_within])

    @classmethod
    def from_mapping(cls, spec: Mapping) -> Layout:
        header, body, detect = spec.get("header", {}), spec.get("body", {}), spec["detect"]
        fields = tuple(header.get("fields", ("title",)))
        unknown = set(fields) - HEADER_FIELDS
        if unknown or "title" not in fields:
            raise ValueError(f"layout {spec['name']!r}: bad header fields {fields}")
        return cls(
            name=spec["name"],
            description=spec.get("description", ""),
            detect_lines=frozenset(detect["lines"]),
            detect_within=int(detect.get("within", 5)),
            chrome=frozenset(header.get("chrome", ())),
            fields=fields,
            published_labels=frozenset(header.get("published_labels", ())),
            published_joiners=frozenset(header.get("published_joiners", ())),
            site_from_dateline=bool(header.get("site_from_dateline", False)),
            end_marks=tuple(re.compile(p) for p in body.get("end_marks", ())),
            markers=MarkerRules.build(
                {kind: [re.escape(line) for line in lines]
                 for kind, lines in spec.get("markers", {}).items()}
            ),
        )  # fmt: skip


@cache
def named_layouts() -> tuple[Layout, ...]:
    """Every layout shipped in this package, in file-name order."""
    folder = resources.files(__name__)
    specs = sorted(
        (entry for entry in folder.iterdir() if entry.name.endswith(".toml")),
        key=lambda entry: entry.name,
    )
    return tuple(Layout.from_mapping(tomllib.loads(entry.read_text("utf-8"))) for entry in specs)
