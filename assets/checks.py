"""Blocking data-quality checks on a freshly written partition.

Integrity checks are DuckDB SQL over the partition's Parquet (``sql/checks/``); the Great
Expectations suites (``warta/expectations.py``) run per table. An ERROR blocks the warehouse
load of that partition; the UI shows each check with offending-row counts and a sample.
"""

from collections import defaultdict

import dagster as dg

from pipelines.resources import WartaSettings
from warta.expectations import validate_partition
from warta.parquet_store import ParquetStore
from warta.quality import INTEGRITY_CHECKS, run_checks
from warta.schema import TABLES

from .metadata import markdown_table

GX_CHECK = "great_expectations_suite"


def _severity(blocking: bool) -> dg.AssetCheckSeverity:
    return dg.AssetCheckSeverity.ERROR if blocking else dg.AssetCheckSeverity.WARN


@dg.multi_asset_check(
    name="integrity_checks",
    description="Keys, foreign keys, entity offsets, marker leakage and ledger consistency.",
    specs=[
        dg.AssetCheckSpec(
            check.name,
            asset=check.table,
            description=check.description,
            blocking=check.blocking,
        )
        for check in INTEGRITY_CHECKS
    ],
)
def integrity_checks(context: dg.AssetCheckExecutionContext, warta: WartaSettings):
    store = ParquetStore(warta.settings().data_dir)
    for outcome in run_checks(store, context.partition_key):
        sample = [dict(zip(outcome.columns, row, strict=True)) for row in outcome.sample]
        yield dg.AssetCheckResult(
            asset_key=outcome.check.table,
            check_name=outcome.check.name,
            passed=outcome.passed,
            severity=_severity(outcome.check.blocking),
            description=outcome.check.description,
            metadata={
                "offending_rows": outcome.offending_rows,
                "sample": dg.MetadataValue.md(
                    markdown_table(outcome.columns, sample) if sample else "_none_"
                ),
            },
        )


@dg.multi_asset_check(
    name="great_expectations_suites",
    description="Great Expectations 1.x suite per table: nulls, uniqueness, sets, ranges, formats.",
    specs=[
        dg.AssetCheckSpec(
            GX_CHECK,
            asset=table,
            description=f"Great Expectations suite for {table}",
            blocking=True,
        )
        for table in TABLES
    ],
)
def great_expectations_suites(context: dg.AssetCheckExecutionContext, warta: WartaSettings):
    store = ParquetStore(warta.settings().data_dir)
    by_table = defaultdict(list)
    for outcome in validate_partition(store, context.partition_key):
        by_table[outcome.table].append(outcome)
    for table in TABLES:
        outcomes = by_table[table]
        failed = [o for o in outcomes if not o.success]
        rows = [
            {
                "expectation": o.expectation,
                "success": o.success,
                "unexpected": o.unexpected_count,
                "unexpected_%": None
                if o.unexpected_percent is None
                else round(o.unexpected_percent, 3),
                "sample": o.sample,
            }
            for o in outcomes
        ]
        yield dg.AssetCheckResult(
            asset_key=table,
            check_name=GX_CHECK,
            passed=not failed,
            severity=dg.AssetCheckSeverity.ERROR,
            metadata={
                "expectations": len(outcomes),
                "failed": len(failed),
                "results": dg.MetadataValue.md(
                    markdown_table(
                        ["expectation", "success", "unexpected", "unexpected_%", "sample"], rows
                    )
                ),
            },
        )
