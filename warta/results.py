"""A query's rows as text, for ``warta query``: a table of the first and last rows with the exact
total, or every row as CSV. DuckDB formats every value (``3 days``, ``\\xFF``, timestamps with
their offset), as its own command line would; the rows stream, one batch at a time."""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import deque
from collections.abc import Iterator
from typing import Any, TextIO

import duckdb

NULL = "NULL"
MAX_CELL = 40  # characters of a value the table shows, the rest cut to ``…``
_NESTED = frozenset({"list", "array", "struct", "map", "union"})
_NUMERIC = frozenset(
    {
        "tinyint",
        "smallint",
        "integer",
        "bigint",
        "hugeint",
        "utinyint",
        "usmallint",
        "uinteger",
        "ubigint",
        "uhugeint",
        "float",
        "double",
        "decimal",
    }
)


def without_trailing(statement: str) -> str:
    """``statement`` without the ``;`` and the comments after its last token (DuckDB's
    tokenizer tells them from a ``;`` or ``--`` in a string), so that it can be wrapped in
    another query. The tokenizer counts in bytes of UTF-8."""
    data = statement.encode()
    cut = len(data)
    for start, kind in reversed(duckdb.tokenize(statement)):
        if kind == duckdb.token_type.comment or (
            kind == duckdb.token_type.operator and data[start : start + 1] == b";"
        ):
            cut = start
        else:
            break
    return data[:cut].decode().rstrip()


def _as_text(relation: duckdb.DuckDBPyRelation, *, nested_as_json: bool) -> Iterator[tuple]:
    """The rows of ``relation`` with every value cast to VARCHAR by DuckDB (nulls stay None),
    lists, structs and maps as JSON when ``nested_as_json``. Columns are taken by position, so
    two columns of one name (``SELECT 1 AS a, 2 AS a``) are both kept."""
    expressions = [
        f"to_json(#{k})::VARCHAR"
        if nested_as_json and kind.id in _NESTED
        else f"CAST(#{k} AS VARCHAR)"
        for k, kind in enumerate(relation.types, start=1)
    ]
    return relation.project(", ".join(expressions)).iter_rows()


def write_csv(relation: duckdb.DuckDBPyRelation, out: TextIO) -> int:
    """Every row as CSV with a header line: nulls empty, lists and structs as JSON. Returns the
    number of rows written."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(relation.columns)
    count = 0
    for row in _as_text(relation, nested_as_json=True):
        writer.writerow("" if value is None else value for value in row)
        count += 1
    return count


def table(relation: duckdb.DuckDBPyRelation, max_rows: int, max_width: int = 0) -> str:
    """The rows as a boxed table with each column's name and type: all of them if there are
    at most ``max_rows``, else the first and the last ones around a row of dots; below it the
    exact number of rows (and how many are shown) and of columns. Values longer than
    ``MAX_CELL`` are cut, line breaks and tabs written as ``\\n`` and ``\\t``. A table wider
    than ``max_width`` terminal columns (0: no limit) shows its first and last columns, as many
    as fit, around a column of ``…`` (as DuckDB's own command line does), and says below it how
    many are shown; the first column is shown however wide it is."""
    head_size, tail_size = (max_rows + 1) // 2, max_rows // 2
    first: list[tuple] = []
    tail: deque[tuple] = deque(maxlen=tail_size)
    total = 0
    for row in _as_text(relation, nested_as_json=False):
        if total < max_rows:
            first.append(row)
        if total >= head_size and tail_size:
            tail.append(row)
        total += 1
    cut = total > max_rows
    shown = first[:head_size] + list(tail) if cut else first

    names = [_cell(name) for name in relation.columns]
    types = [str(kind).lower() for kind in relation.types]
    right = [kind.id in _NUMERIC for kind in relation.types]
    cells = [[_cell(value) for value in row] for row in shown]
    widths = [
        max([_width(names[k]), _width(types[k]), *(_width(row[k]) for row in cells)])
        for k in range(len(names))
    ]
    kept = _columns_that_fit(widths, max_width)
    if len(kept) < len(names):  # the columns left out become one column of ``…``
        middle = next((k for k, column in enumerate(kept) if column != k), len(kept))

        def narrowed(values: list, filler: Any) -> list:
            return (
                [values[k] for k in kept[:middle]] + [filler] + [values[k] for k in kept[middle:]]
            )

        names, types, right, widths = (
            narrowed(names, "…"),
            narrowed(types, ""),
            narrowed(right, False),
            narrowed(widths, 1),
        )
        cells = [narrowed(row, "…") for row in cells]

    def line(left: str, fill: str, middle: str, end: str) -> str:
        return left + middle.join(fill * (w + 2) for w in widths) + end

    def values(row: list[str], align: list[bool] | None = None) -> str:
        parts = []
        for k, (value, w) in enumerate(zip(row, widths, strict=True)):
            room = w - _width(value)
            if align is None:  # names, types, the row of dots: centred
                parts.append(" " * (room // 2) + value + " " * (room - room // 2))
            elif align[k]:  # numbers to the right
                parts.append(" " * room + value)
            else:
                parts.append(value + " " * room)
        return "│ " + " │ ".join(parts) + " │"

    lines = [line("┌", "─", "┬", "┐"), values(names), values(types), line("├", "─", "┼", "┤")]
    rows = [values(row, right) for row in cells]
    if cut:
        rows.insert(head_size, values(["·"] * len(widths)))
    lines += rows
    lines.append(line("└", "─", "┴", "┘"))
    counted = f"{total} row" + ("" if total == 1 else "s")
    if cut:
        counted += f" ({len(shown)} shown)"
    columns = f"{len(relation.columns)} column" + ("" if len(relation.columns) == 1 else "s")
    if len(kept) < len(relation.columns):
        columns += f" ({len(kept)} shown)"
    lines.append(f"{counted}, {columns}")
    return "\n".join(lines) + "\n"


def _columns_that_fit(widths: list[int], max_width: int) -> list[int]:
    """The columns (by position, in order) a table with columns of ``widths`` shows in
    ``max_width`` terminal columns: all if they fit (or ``max_width`` is 0), else the first and
    the last ones, taken in turn from either end while they fit beside a column of ``…`` (from
    one end alone once the next column of the other does not fit)."""

    def size(columns: int, content: int) -> int:  # ``│ value │ value │``
        return content + 3 * columns + 1

    if max_width <= 0 or size(len(widths), sum(widths)) <= max_width:
        return list(range(len(widths)))
    left, right = [0], []
    used = widths[0] + 1  # with the ``…`` column
    low, high = 1, len(widths) - 1
    open_ends = [True, True]  # right, left
    take_right = True
    while low <= high and any(open_ends):
        if open_ends[not take_right]:
            k = high if take_right else low
            if size(len(left) + len(right) + 2, used + widths[k]) > max_width:
                open_ends[not take_right] = False
            else:
                used += widths[k]
                if take_right:
                    right.insert(0, k)
                    high -= 1
                else:
                    left.append(k)
                    low += 1
        take_right = not take_right
    return left + right


def _cell(value: str | None) -> str:
    """A value as the table shows it: control characters escaped (``\\n``, ``\\x1b``: none
    reaches the terminal), cut at ``MAX_CELL`` columns."""
    if value is None:
        return NULL
    text = _CONTROL.sub(_escaped, value)
    widths = _widths(text)
    if sum(widths) <= MAX_CELL:
        return text
    kept = width = 0  # the characters that fit before the ``…``, and their columns
    while width + widths[kept] <= MAX_CELL - 1:
        width += widths[kept]
        kept += 1
    return text[:kept] + "…"


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escaped(match: re.Match[str]) -> str:
    char = match.group()
    return _ESCAPES.get(char) or f"\\x{ord(char):02x}"


def _width(text: str) -> int:
    """Columns ``text`` takes in a terminal."""
    return len(text) if text.isascii() else sum(_widths(text))


def _widths(text: str) -> list[int]:
    """Columns each character of ``text`` takes in a terminal: two for a wide character (CJK,
    most emoji), none for a combining mark, a format character or a character joined to the
    one before (emoji joined by U+200D); a variation selector 16 makes the one before it an
    emoji, two wide (``❤️``)."""
    widths: list[int] = []
    previous = ""
    for char in text:
        if previous == "\u200d":
            width = 0
        elif char == "\ufe0f":
            width = 1 if widths and widths[-1] == 1 else 0
        elif unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
            width = 0
        else:
            width = 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
        widths.append(width)
        previous = char
    return widths
