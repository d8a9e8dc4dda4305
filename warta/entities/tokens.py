"""Tokenisation for entity extraction: words and single punctuation marks, with offsets.

Words keep inner apostrophes and hyphens (``Ja'far``, ``Jong-un``, ``al-Beshir``), except that a
hyphen between two capitalised parts separates two names (``Rusia-Korea`` → ``Rusia``, ``-``,
``Korea``). Every other non-space character is a token of its own, so ``(PKB)`` is three tokens.

Tokens come back as ``re.Match`` objects so that the hot path can read the words in one C-level
pass (``map(group, matches)``) and ask for offsets only of the few tokens that start or end a name.
"""

from __future__ import annotations

import re
import sys
from functools import cache

_TOKEN = re.compile(r"\w+(?:['’-]\w+)*|[^\w\s]")
_GROUP = re.Match.group


@cache
def _uppercase_class() -> str:
    """A regex character class body of every character for which ``str.isupper`` holds."""
    ranges: list[tuple[int, int]] = []
    for code in range(sys.maxunicode + 1):
        if 0xD800 <= code < 0xE000 or not chr(code).isupper():
            continue
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1] = (ranges[-1][0], code)
        else:
            ranges.append((code, code))
    return "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
        for a, b in ranges
    )


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(hyphen before an uppercase letter, tokeniser that splits capitalised compounds there)."""
    upper = _uppercase_class()
    hyphen_upper = re.compile(rf"(?<=\w)-(?=[{upper}])")
    splitting = re.compile(
        rf"(?=[a-z0-9_])\w+(?:['’-]\w+)*"  # starts lowercase: never split
        rf"|[^\w\s]"
        rf"|(?=[{upper}])\w+(?:(?:['’]|-(?![{upper}]))\w+)*"  # capitalised: split before -X
        rf"|\w+(?:['’-]\w+)*"
    )
    return hyphen_upper, splitting


def token_matches(text: str) -> list[re.Match[str]]:
    """The tokens of ``text`` in order, as matches (``m.group()``, ``m.start()``, ``m.end()``)."""
    if "-" in text:
        hyphen_upper, splitting = _patterns()
        if hyphen_upper.search(text):
            return list(splitting.finditer(text))
    return list(_TOKEN.finditer(text))


def words_of(matches: list[re.Match[str]]) -> list[str]:
    """The token strings of ``matches``."""
    return list(map(_GROUP, matches))


def tokenize(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, token)`` for each token of ``text`` in order; ``text[start:end] == token``."""
    return [(m.start(), m.end(), m.group()) for m in token_matches(text)]
