"""Integrity checks over one partition's Parquet tables, as DuckDB SQL (``sql/checks/``).

Each check's query returns the offending rows: none means it passed. The Dagster asset checks
wrap these; the same functions serve tests and the command line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import duckdb

from warta import sql
from warta.parquet_store import ParquetStore
from warta.schema import TABLES

SAMPLE_ROWS = 5


@dataclass(frozen=True)
class Check:
    name: str  # also the SQL file: sql/checks/<name>.sql
    table: str  # the table (asset) the check belongs to
    description: str
    blocking: bool = True  # failing blocks the warehouse load (severity ERROR); else WARN


@dataclass
class CheckOutcome:
    check: Check
    offending_rows: int
    columns: list[str] = field(default_factory=list)
    sample: list[tuple[Any, ...]] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return self.offending_rows == 0


INTEGRITY_CHECKS: tuple[Check, ...] = (
    Check(
        "raw_files_key_unique",
        "raw_files",
        "Each landed file has exactly one ledger row.",
    ),
    Check(
        "raw_files_status_valid",
        "raw_files",
        "Every ledger row has a valid status; rejects have a reason, others an article id.",
    ),
    Check(
        "articles_key_unique",
        "articles",
        "article_id is unique.",
    ),
    Check(
        "articles_match_ledger",
        "articles",
        "Articles and parsed ledger rows match one to one.",
    ),
    Check(
        "articles_counts_match",
        "articles",
        "paragraph, marker, entity, word and char counts equal the child rows.",
    ),
    Check(
        "paragraphs_key_unique",
        "paragraphs",
        "(article_id, paragraph_index) is unique.",
    ),
    Check(
        "paragraphs_article_exists",
        "paragraphs",
        "Every paragraph's article exists.",
    ),
    Check(
        "paragraphs_no_marker_text",
        "paragraphs",
        "No paragraph is an ad or boilerplate marker line, or empty.",
    ),
    Check(
        "entities_key_unique",
        "entities",
        "(article_id, paragraph_index, start_char) is unique.",
    ),
    Check(
        "entities_offsets_match",
        "entities",
        "Offsets point at the mention text in an existing paragraph; labels are PER/ORG/LOC.",
    ),
    Check(
        "entities_no_overlap",
        "entities",
        "Mentions in a paragraph do not overlap.",
    ),
    Check(
        "ad_markers_key_unique",
        "ad_markers",
        "(article_id, marker_index) is unique.",
    ),
    Check(
        "ad_markers_article_exists",
        "ad_markers",
        "Every marker's article exists; zones are header/body/trailer.",
    ),
)


def partition_connection(store: ParquetStore, partition: str) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB where each table name is a view of the partition's Parquet file."""
    con = duckdb.connect()
    for table in TABLES:
        con.read_parquet(str(store.partition_file(table, partition))).create_view(table)
    return con


def run_checks(
    store: ParquetStore, partition: str, checks: tuple[Check, ...] = INTEGRITY_CHECKS
) -> list[CheckOutcome]:
    """Run ``checks`` against a published partition."""
    con = partition_connection(store, partition)
    try:
        return [_run(con, check) for check in checks]
    finally:
        con.close()


def _run(con: duckdb.DuckDBPyConnection, check: Check) -> CheckOutcome:
    (statement,) = sql.statements(f"checks/{check.name}.sql")
    relation = con.sql(statement)
    count = relation.aggregate("count(*)").fetchall()[0][0]
    return CheckOutcome(
        check, count, list(relation.columns), relation.limit(SAMPLE_ROWS).fetchall()
    )
