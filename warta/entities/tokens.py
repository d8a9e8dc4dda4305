"""Tokenisation for entity extraction: words and single punctuation marks, with offsets.

Words keep inner apostrophes and hyphens (``Ja'far``, ``Jong-un``, ``al-Beshir``), except that a
hyphen between two capitalised parts separates two names (``Rusia-Korea`` → ``Rusia``, ``-``,
``Korea``). Every other non-space character is a token of its own, so ``(PKB)`` is three tokens.
"""

from __future__ import annotations

import re

_TOKEN = re.compile(r"\w+(?:['’-]\w+)*|[^\w\s]")
_CAPITALISED_HYPHEN = re.compile(r"(?<=\w)-(?=[^\W\d_])")


def tokenize(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, token)`` for each token of ``text`` in order; ``text[start:end] == token``."""
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
    if "-" not in text:
        return tokens
    split: list[tuple[int, int, str]] = []
    for token in tokens:
        if "-" in token[2] and token[2][0].isupper():
            _split_name_compound(token[0], token[2], split)
        else:
            split.append(token)
    return split


def _split_name_compound(start: int, token: str, out: list[tuple[int, int, str]]) -> None:
    """Split ``token`` at each hyphen that is followed by a capitalised part."""
    pos = 0
    for hyphen in _CAPITALISED_HYPHEN.finditer(token):
        at = hyphen.start()
        if not token[at + 1].isupper():
            continue
        out.append((start + pos, start + at, token[pos:at]))
        out.append((start + at, start + at + 1, "-"))
        pos = at + 1
    out.append((start + pos, start + len(token), token[pos:]))
