"""The SQL runner: statements live in ``sql/`` as files; values are always bound parameters.

A file may hold several statements separated by ``;``. Each statement receives only the
``$name`` parameters it mentions, so paths and dates never enter SQL text.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import duckdb

_PACKAGED = Path(__file__).with_name("_sql")
_REPO = Path(__file__).resolve().parents[1] / "sql"
_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


def sql_dir() -> Path:
    """The project's SQL folder: the packaged copy in a wheel, else the repo's ``sql/``."""
    return _PACKAGED if _PACKAGED.is_dir() else _REPO


@cache
def statements(name: str) -> tuple[str, ...]:
    """The statements of ``sql/<name>`` (e.g. ``warehouse/schema.sql``), comments removed."""
    return split_statements((sql_dir() / name).read_text("utf-8"))


def bound(statement: str, params: dict[str, Any]) -> dict[str, Any]:
    """The ``$name`` parameters ``statement`` mentions, taken from ``params`` (KeyError if one
    is missing)."""
    return {key: params[key] for key in dict.fromkeys(_PARAM.findall(statement))}


def run(con: duckdb.DuckDBPyConnection, name: str, **params: Any) -> list[tuple]:
    """Execute every statement of a SQL file; return the rows of the last one."""
    rows: list[tuple] = []
    for statement in statements(name):
        cursor = con.execute(statement, bound(statement, params) or None)
        rows = cursor.fetchall() if cursor.description else []
    return rows


def query(
    con: duckdb.DuckDBPyConnection, name: str, **params: Any
) -> tuple[list[str], list[tuple]]:
    """Column names and rows of a single-statement SQL file."""
    (statement,) = statements(name)
    cursor = con.execute(statement, bound(statement, params) or None)
    return [column[0] for column in cursor.description], cursor.fetchall()


def relation(con: duckdb.DuckDBPyConnection, name: str, **params: Any) -> duckdb.DuckDBPyRelation:
    """A single-statement SQL file as a lazy DuckDB relation (count or sample it cheaply)."""
    (statement,) = statements(name)
    return con.sql(statement, params=bound(statement, params) or None)


def views() -> list[str]:
    """The views of ``sql/views/`` (one file each, named as its view) in the order to create
    them: alphabetical, except that a view comes after the views its definition reads."""
    names = sorted(path.stem for path in (sql_dir() / "views").glob("*.sql"))
    reads = {
        name: {
            other
            for other in names
            if other != name and re.search(rf"\b{other}\b", statements(f"views/{name}.sql")[0])
        }
        for name in names
    }
    ordered: list[str] = []
    while reads:
        ready = [name for name in reads if reads[name] <= set(ordered)]
        if not ready:
            raise ValueError(f"these views read each other in a cycle: {', '.join(reads)}")
        ordered.append(ready[0])
        del reads[ready[0]]
    return ordered


def split_statements(text: str) -> tuple[str, ...]:
    """The statements of SQL ``text``, ``--`` comments removed, empty ones left out: for the
    files of ``sql/``, which keep ``;`` and ``--`` out of "identifiers", $$strings$$ and
    /* comments */ (``warta query`` splits an analyst's SQL with DuckDB's own parser)."""
    return tuple(part.strip() for part in _split(text) if part.strip())


def _split(text: str) -> list[str]:
    """Split on ``;`` and drop ``--`` comments, both outside single-quoted strings."""
    parts: list[str] = []
    current: list[str] = []
    quoted, i = False, 0
    while i < len(text):
        char = text[i]
        if not quoted and text.startswith("--", i):
            i = text.find("\n", i)
            i = len(text) if i < 0 else i
            continue
        if char == "'":
            quoted = not quoted
        if char == ";" and not quoted:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
        i += 1
    parts.append("".join(current))
    return parts
