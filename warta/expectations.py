"""Great Expectations suites for the contract tables, run on one partition at a time.

GX 1.x has no Polars or working DuckDB source, so a partition's Parquet is read into pandas
and validated in an ephemeral context. ``great_expectations`` takes seconds to import, so it is
imported only when a suite runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pyarrow.parquet as pq

from warta.parquet_store import ParquetStore
from warta.schema import ENTITY_LABELS, STATUSES, ZONES

ARTICLE_ID_REGEX = r"^[0-9a-f]{16}$"


@dataclass(frozen=True)
class ExpectationOutcome:
    table: str
    expectation: str  # e.g. expect_column_values_to_not_be_null(title)
    success: bool
    unexpected_count: int | None
    unexpected_percent: float | None
    sample: list[Any]


def _suites(gxe) -> dict[str, list]:  # gxe: great_expectations.expectations
    """Table name -> expectations. Read this to know what is checked."""
    return {
        "raw_files": [
            gxe.ExpectColumnValuesToNotBeNull(column="source_path"),
            gxe.ExpectColumnValuesToBeUnique(column="source_path"),
            gxe.ExpectColumnValuesToBeInSet(column="status", value_set=list(STATUSES)),
            gxe.ExpectColumnValuesToBeBetween(column="size_bytes", min_value=0),
            gxe.ExpectColumnValuesToMatchRegex(column="sha256", regex=r"^[0-9a-f]{64}$"),
        ],
        "articles": [
            gxe.ExpectColumnValuesToNotBeNull(column="article_id"),
            gxe.ExpectColumnValuesToBeUnique(column="article_id"),
            gxe.ExpectColumnValuesToMatchRegex(column="article_id", regex=ARTICLE_ID_REGEX),
            gxe.ExpectColumnValuesToNotBeNull(column="title"),
            gxe.ExpectColumnValueLengthsToBeBetween(column="title", min_value=1, max_value=400),
            gxe.ExpectColumnValuesToBeBetween(column="paragraph_count", min_value=1),
            gxe.ExpectColumnValuesToBeBetween(column="word_count", min_value=1),
            gxe.ExpectColumnValuesToBeBetween(column="ad_marker_count", min_value=0),
            gxe.ExpectColumnValuesToBeBetween(column="entity_count", min_value=0),
            gxe.ExpectColumnValuesToNotBeNull(column="layout"),
        ],
        "paragraphs": [
            gxe.ExpectColumnValuesToNotBeNull(column="text"),
            gxe.ExpectColumnValuesToBeBetween(column="paragraph_index", min_value=0),
            gxe.ExpectColumnValuesToBeBetween(column="char_count", min_value=1),
        ],
        "entities": [
            gxe.ExpectColumnValuesToBeInSet(column="label", value_set=list(ENTITY_LABELS)),
            gxe.ExpectColumnValuesToNotBeNull(column="canonical_name"),
            gxe.ExpectColumnValuesToMatchRegex(column="entity_key", regex=r"^(PER|ORG|LOC):\S+$"),
        ],
        "ad_markers": [
            gxe.ExpectColumnValuesToBeInSet(column="zone", value_set=list(ZONES)),
            gxe.ExpectColumnValuesToBeBetween(column="after_paragraph_index", min_value=-1),
            gxe.ExpectColumnValuesToNotBeNull(column="kind"),
        ],
    }


def validate_partition(
    store: ParquetStore, partition: str, tables: list[str] | None = None
) -> list[ExpectationOutcome]:
    """Run the suites of ``tables`` (all by default) on one published partition."""
    import great_expectations as gx

    context = gx.get_context(mode="ephemeral")
    source = context.data_sources.add_pandas("warta")
    outcomes: list[ExpectationOutcome] = []
    for table, expectations in _suites(gx.expectations).items():
        if tables is not None and table not in tables:
            continue
        frame = pq.read_table(store.partition_file(table, partition)).to_pandas()
        batch = source.add_dataframe_asset(name=table).add_batch_definition_whole_dataframe(table)
        suite = context.suites.add(gx.ExpectationSuite(name=table, expectations=expectations))
        result = batch.get_batch(batch_parameters={"dataframe": frame}).validate(suite)
        outcomes.extend(_outcome(table, item) for item in result.results)
    return outcomes


def _outcome(table: str, item) -> ExpectationOutcome:
    config = item.expectation_config
    column = config.kwargs.get("column")
    details: dict[str, Any] = item.result or {}
    return ExpectationOutcome(
        table=table,
        expectation=f"{config.type}({column})" if column else config.type,
        success=bool(item.success),
        unexpected_count=details.get("unexpected_count"),
        unexpected_percent=details.get("unexpected_percent"),
        sample=list(details.get("partial_unexpected_list") or [])[:5],
    )
