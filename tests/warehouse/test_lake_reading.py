"""The ways ``sql/README.md`` gives to read the Parquet lake without the warehouse work on a
lake where some days were parsed before the later columns existed, whichever day is read
first."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import duckdb
import pandas
import pyarrow
import pyarrow.dataset
import pyarrow.parquet
import pytest

import warta.schema
from tests.warehouse.conftest import DAYS, copy_store

README = Path(__file__).resolve().parents[2] / "sql" / "README.md"


def _lake_examples() -> list[str]:
    """The top-level expressions of the code block under "The Parquet files"."""
    text = README.read_text("utf-8")
    section = text[text.index("### The Parquet files") :]
    block = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    return [ast.unparse(node) for node in ast.parse(block).body]


def _rows_columns_urls(result) -> tuple[int, list[str], int]:
    """Rows, column names and non-null ``url`` values of what an example returned."""
    if isinstance(result, duckdb.DuckDBPyRelation):
        rows = result.fetchall()
        at = result.columns.index("url")
        return len(rows), result.columns, sum(row[at] is not None for row in rows)
    if isinstance(result, pyarrow.dataset.Dataset):
        result = result.to_table()
    if isinstance(result, pandas.DataFrame):
        return len(result), list(result.columns), int(result["url"].notna().sum())
    url = result.column("url")
    return result.num_rows, result.column_names, len(url) - url.null_count


def test_the_readme_gives_four_ways_to_read_the_lake():
    assert len(_lake_examples()) == 4


@pytest.mark.parametrize("older", [DAYS[0], DAYS[-1]], ids=["older-first", "older-last"])
@pytest.mark.parametrize("example", range(4))
def test_each_way_reads_every_row_and_column_of_a_lake_with_an_older_day(
    sample, tmp_path, monkeypatch, older, example
):
    store = copy_store(sample.data_dir, tmp_path / "data" / "parquet")
    path = store.partition_file("articles", older)
    table = pyarrow.parquet.read_table(path)
    later = ["url", "published_has_time"]  # the columns added after the first release
    pyarrow.parquet.write_table(table.drop_columns(later), path)  # parsed before the columns
    newer = store.partition_file("articles", DAYS[1])  # given addresses, as HTML pages give
    pages = pyarrow.parquet.read_table(newer)
    addresses = pyarrow.array([f"https://kabar.example/{n}" for n in range(pages.num_rows)])
    pages = pages.set_column(pages.schema.get_field_index("url"), "url", addresses)
    pyarrow.parquet.write_table(pages.cast(warta.schema.ARTICLES), newer)
    rows = sum(pyarrow.parquet.read_metadata(p).num_rows for p in store.root.glob("articles/*/*"))
    assert rows > table.num_rows + pages.num_rows and table.num_rows > 0 < pages.num_rows
    monkeypatch.chdir(tmp_path)
    names = {"duckdb": duckdb, "pyarrow": pyarrow, "pandas": pandas, "warta": warta}
    result = eval(_lake_examples()[example], names)  # the README's own code
    columns = list(warta.schema.ARTICLES.names)
    assert _rows_columns_urls(result) == (rows, columns, pages.num_rows)
