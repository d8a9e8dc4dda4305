"""The load gate: may a partition go into the warehouse? (no failed ERROR check)

The warehouse asset asks this before loading, also when it is launched on its own. The SQL
checks are cheap and always run again. The GX suites are not run twice: the verdict the GX
check step recorded in the quality report is used when it judged exactly the Parquet files
present now (same fingerprint); otherwise the suites run here.
"""

from __future__ import annotations

from warta.config import Settings
from warta.parquet_store import ParquetStore
from warta.quality.checks import run_checks
from warta.quality.expectations import validate_partition
from warta.quality.model import Finding
from warta.quality.report import QualityReport, parquet_fingerprint

EXPECTATIONS_SECTION = "expectations"
INTEGRITY_SECTION = "integrity"


def blocking_findings(settings: Settings, partition: str) -> list[Finding]:
    """The failed ERROR checks of the partition as it is on disk now; empty means loadable."""
    store = ParquetStore(settings.data_dir)
    findings = [outcome.finding() for outcome in run_checks(settings, partition)]
    fingerprint = parquet_fingerprint(store, partition)
    recorded = [
        section
        for section in QualityReport(settings.quality_root, partition).sections()
        if section.name == EXPECTATIONS_SECTION and section.parquet_fingerprint == fingerprint
    ]
    if recorded:
        findings += recorded[0].findings
    else:
        findings += [outcome.finding() for outcome in validate_partition(store, partition)]
    return [finding for finding in findings if finding.blocks]
