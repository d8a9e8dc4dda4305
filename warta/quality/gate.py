"""The load gate: may a partition go into the warehouse? (no failed ERROR check)

The warehouse asset and ``warta rebuild`` ask this before loading. The SQL checks are cheap and
always run again. The GX suites are not run twice: the verdict the GX check step recorded in
the quality report is used when it judged exactly the Parquet files present now (same
fingerprint); otherwise the suites run here.

A verdict names the Parquet it judged (its fingerprint, taken before the checks read the
files); the load compares it, under the partition lock, with the files it is about to read and
refuses a partition that changed in between.
"""

from __future__ import annotations

from dataclasses import dataclass

from warta.config import Settings
from warta.parquet_store import ParquetStore
from warta.quality.checks import run_checks
from warta.quality.expectations import validate_partition
from warta.quality.model import Finding
from warta.quality.report import QualityReport, parquet_fingerprint

EXPECTATIONS_SECTION = "expectations"
INTEGRITY_SECTION = "integrity"


@dataclass(frozen=True)
class GateVerdict:
    """The gate's answer for one partition, about the Parquet files with ``fingerprint``."""

    partition: str
    fingerprint: str
    blocking: list[Finding]

    @property
    def loadable(self) -> bool:
        return not self.blocking

    @property
    def failed_checks(self) -> list[str]:
        """Names of the failed ERROR checks, in the order they were found."""
        return list(dict.fromkeys(finding.check_name for finding in self.blocking))


def judge(settings: Settings, partition: str) -> GateVerdict:
    """Run the gate on the partition as it is on disk now."""
    store = ParquetStore(settings.data_dir)
    fingerprint = parquet_fingerprint(store, partition)  # before the checks read anything
    findings = [outcome.finding() for outcome in run_checks(settings, partition)]
    recorded = [
        section
        for section in QualityReport(settings.quality_root, partition).sections()
        if section.name == EXPECTATIONS_SECTION and section.parquet_fingerprint == fingerprint
    ]
    if recorded:
        findings += recorded[0].findings
    else:
        findings += [outcome.finding() for outcome in validate_partition(store, partition)]
    return GateVerdict(partition, fingerprint, [f for f in findings if f.blocks])


def blocking_findings(settings: Settings, partition: str) -> list[Finding]:
    """The failed ERROR checks of the partition as it is on disk now; empty means loadable."""
    return judge(settings, partition).blocking
