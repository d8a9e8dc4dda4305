"""Data-quality checks on a freshly written partition, one Dagster asset check per rule.

Two check steps: the SQL integrity and ledger checks (``sql/checks/``) and the Great
Expectations suites (``warta/quality/suites.py``, checks named ``gx_<name>``). Each rule has a
fixed severity: a failed ERROR check blocks the warehouse load of the partition, WARN does not.
Each result carries the offending count, percentage and a few offending rows; every step also
writes the partition's quality report (``<quality dir>/<partition>/report.html``) and links it.
"""

import warnings
from collections.abc import Iterator

import dagster as dg

from pipelines.partitions import landing_date_partitions
from pipelines.resources import WartaSettings
from warta.quality import (
    EXPECTATIONS_SECTION,
    INTEGRITY_CHECKS,
    INTEGRITY_SECTION,
    SUITES,
    Severity,
    check_and_record,
)
from warta.text import counted

from .metadata import markdown_table


def _severity(severity: Severity) -> dg.AssetCheckSeverity:
    return dg.AssetCheckSeverity.ERROR if severity is Severity.ERROR else dg.AssetCheckSeverity.WARN


def _results(
    context: dg.AssetCheckExecutionContext, section: str, warta: WartaSettings
) -> Iterator[dg.AssetCheckResult]:
    """Run the section's checks and record them in the partition's report (the warehouse gate
    reuses them while the files are unchanged); yield one check result per finding."""
    partition = context.partition_key
    findings, report = check_and_record(warta.settings(), partition, section, context.run.run_id)
    context.log.info(f"quality report for {partition}: {report.html_path}")
    # A failed WARN check lets the run succeed: said here too, so the run's event log shows it.
    warned = [f"{f.table}:{f.check_name}" for f in findings if not f.passed and not f.blocks]
    if warned:
        context.log.warning(
            f"{partition}: {counted(len(warned), 'WARN check')} failed (the load goes on): "
            + ", ".join(warned)
        )
    for finding in findings:
        metadata: dict = {
            "severity": finding.severity.value,
            "unexpected_count": finding.unexpected_count,
            "rows_checked": finding.checked_rows,
            "quality_report": dg.MetadataValue.path(str(report.html_path)),
        }
        if finding.summary is not None:  # a share or volume check: its outcome, passed or not
            metadata["result"] = finding.summary
            metadata.update(finding.measures)
        if finding.unexpected_percent is not None:
            metadata["unexpected_percent"] = round(finding.unexpected_percent, 4)
        if finding.sample:
            rows = [dict(zip(finding.columns, row, strict=True)) for row in finding.sample]
            metadata["offending_rows"] = dg.MetadataValue.md(markdown_table(finding.columns, rows))
        yield dg.AssetCheckResult(
            asset_key=finding.table,
            check_name=finding.check_name,
            passed=finding.passed,
            severity=_severity(finding.severity),
            description=finding.description,
            metadata={key: value for key, value in metadata.items() if value is not None},
        )


def _spec(
    name: str, table: str, severity: Severity, description: str, blocking: bool
) -> dg.AssetCheckSpec:
    """A check of one landing partition: partitioned like the tables, so each result is
    recorded for its day (the UI shows a check's state per partition, and one day's run does not
    hide another day's failure). Partitioned checks are a preview feature of Dagster 1.13 (its
    warning silenced here; pinned in uv.lock, and ``tests/e2e/test_ui_stack.py`` reads the
    results per partition back through GraphQL)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", dg.PreviewWarning)
        return dg.AssetCheckSpec(
            name,
            asset=table,
            description=f"[{severity.value}] {description}",
            blocking=blocking,
            partitions_def=landing_date_partitions,
        )


@dg.multi_asset_check(
    name="integrity_checks",
    description="SQL over the partition's Parquet: keys, foreign keys, counts against child "
    "rows, entity offsets, marker leakage, the ledger against the landing folder, shares of "
    "duplicates and rejects, volume against the trailing 7 days.",
    specs=[
        _spec(check.name, check.table, check.severity, check.description, check.blocking)
        for check in INTEGRITY_CHECKS
    ],
)
def integrity_checks(context: dg.AssetCheckExecutionContext, warta: WartaSettings):
    yield from _results(context, INTEGRITY_SECTION, warta)


@dg.multi_asset_check(
    name="great_expectations_suites",
    description="Great Expectations 1.x suite per table (warta/quality/suites.py): nulls, "
    "uniqueness, allowed values, ranges, lengths, formats; one check per expectation.",
    specs=[
        _spec(
            expectation.check_name,
            table,
            expectation.severity,
            expectation.describe(),
            expectation.severity is Severity.ERROR,
        )
        for table, expectations in SUITES.items()
        for expectation in expectations
    ],
)
def great_expectations_suites(context: dg.AssetCheckExecutionContext, warta: WartaSettings):
    yield from _results(context, EXPECTATIONS_SECTION, warta)
