"""Lines inside an article that are not article text: ads, "read more" prompts, related links.

Kinds are data, not prose: every line that matches is kept in ``ad_markers`` with its kind and
position, and never becomes a paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

# kind -> patterns matched against the whole normalised line (case-insensitive).
DEFAULT_MARKERS: Mapping[str, tuple[str, ...]] = {
    "advertisement": (
        r"advertisement",
        r"advertisment",
        r"iklan",
        r"ads?",
        r"sponsored",
        r"\[?gambas:.*",
    ),
    "scroll_prompt": (r"scroll (?:to|untuk) (?:continue|resume|lanjut)[\w ]*",),
    "read_more": (
        r"lanjutkan membaca",
        r"continue reading",
        r"baca selengkapnya",
        r"read more",
        r"selengkapnya",
    ),
    "related_link": (
        r"(?:baca|simak|lihat|tonton|read|see)(?: juga| also| pula)?\s*:.*",
        r"(?:baca|simak|lihat) juga\s*[-–—].*",
        r"artikel terkait\s*:.*",
    ),
}


@dataclass(frozen=True, slots=True)
class MarkerRules:
    """Compiled marker patterns: a line either is a marker of some kind or is not."""

    patterns: tuple[tuple[str, re.Pattern[str]], ...]

    @classmethod
    def build(cls, extra: Mapping[str, Iterable[str]] | None = None) -> MarkerRules:
        kinds: dict[str, list[str]] = {kind: list(p) for kind, p in DEFAULT_MARKERS.items()}
        for kind, patterns in (extra or {}).items():
            kinds.setdefault(kind, []).extend(patterns)
        compiled = tuple(
            (kind, re.compile(rf"(?:{'|'.join(patterns)})[.!]?", re.IGNORECASE))
            for kind, patterns in kinds.items()
        )
        return cls(compiled)

    def kind_of(self, line: str) -> str | None:
        """The marker kind ``line`` is, or None for an ordinary line."""
        if len(line) > 200:
            return None
        for kind, pattern in self.patterns:
            if pattern.fullmatch(line):
                return kind
        return None
