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
        r"(?:iklan|advertisement)\s*[-–—:]?\s*(?:scroll|gulir)\b.*",
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
        r"(?:simak|lihat|tonton|saksikan)(?: juga)? video\b.*",
    ),
    "share_buttons": (
        r"(?:share|tweet|bagikan)(?:\s+(?:share|tweet|whatsapp|telegram|facebook|twitter|"
        r"email|line|komentar|\d+))*",
    ),
    "syndication": (
        r"artikel ini (?:telah|sudah) (?:tayang|naik|terbit|dimuat)\b.*",
        r"-{3,}",
    ),
}


@dataclass(frozen=True, slots=True)
class MarkerRules:
    """Compiled marker patterns: a line either is a marker of some kind or is not.

    All kinds are one alternation with a named group per kind, so a line costs one match.
    """

    pattern: re.Pattern[str]
    kinds: tuple[str, ...]

    @classmethod
    def build(cls, extra: Mapping[str, Iterable[str]] | None = None) -> MarkerRules:
        kinds: dict[str, list[str]] = {kind: list(p) for kind, p in DEFAULT_MARKERS.items()}
        for kind, patterns in (extra or {}).items():
            kinds.setdefault(kind, []).extend(patterns)
        names = tuple(kinds)
        alternation = "|".join(
            rf"(?P<k{i}>{'|'.join(kinds[kind])})" for i, kind in enumerate(names)
        )
        return cls(re.compile(rf"(?:{alternation})[.!]?", re.IGNORECASE), names)

    def kind_of(self, line: str) -> str | None:
        """The marker kind ``line`` is, or None for an ordinary line."""
        if len(line) > 200:
            return None
        match = self.pattern.fullmatch(line)
        return self.kinds[int(match.lastgroup[1:])] if match else None
