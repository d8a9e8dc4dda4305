"""Annotating JSONL: ``{"id", "text"}`` lines in, ``{"id", "entities": [...]}`` lines out."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from warta.entities.extract import extract_entities


class BadLineError(ValueError):
    """An input line that is not a JSON object with an ``id`` and a string ``text``."""

    def __init__(self, line_number: int, reason: str) -> None:
        super().__init__(f"line {line_number}: {reason}")
        self.line_number = line_number


def annotate_lines(lines: Iterable[str]) -> Iterator[str]:
    """One output JSON line per non-blank input line, in the same order.

    Each ``text`` is one paragraph; ``start``/``end`` are character offsets into it. Raises
    :class:`BadLineError` (naming the 1-based line number) at the first malformed line.
    """
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            raise BadLineError(number, f"not valid JSON ({error.msg})") from None
        if not isinstance(row, dict) or "id" not in row:
            raise BadLineError(number, 'expected an object with "id" and "text"')
        text = row.get("text")
        if not isinstance(text, str):
            raise BadLineError(number, '"text" must be a string')
        entities = [
            {
                "start": m.start_char,
                "end": m.end_char,
                "label": m.label,
                "text": m.text,
                "canonical_name": m.canonical_name,
                "entity_key": m.entity_key,
                "method": m.method,
            }
            for m in extract_entities([text])
        ]
        yield json.dumps({"id": row["id"], "entities": entities}, ensure_ascii=False)
