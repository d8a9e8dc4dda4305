"""The load gate: may a partition go into the warehouse? (no failed ERROR check)

The warehouse asset and ``warta rebuild`` ask this before loading. Checks are not run twice:
the findings a check step recorded in the quality report (``check_and_record``) are used when
they judged exactly what is there now: the same Parquet files (fingerprint of sizes and
mtimes) and, for the SQL checks, which also read the landing folder, the same landing files
(``LandingZone.fingerprint``). Otherwise the checks run here.

A verdict names the Parquet it judged (its fingerprint, taken before the checks read the
files); the load compares it, under the partition lock, with the files it is about to read and
refuses a partition that changed in between.
"""

from __future__ import annotations

from dataclasses import dataclass

from warta.config import Settings
from warta.landing import LandingZone
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
    landing = LandingZone(settings.raw_dir).fingerprint(partition)
    recorded = {
        section.name: section
        for section in QualityReport(settings.quality_root, partition).sections()
        if section.parquet_fingerprint == fingerprint
    }
    integrity = recorded.get(INTEGRITY_SECTION)
    if integrity is not None and integrity.landing_fingerprint == landing:
        findings = list(integrity.findings)
    else:
        findings = [outcome.finding() for outcome in run_checks(settings, partition)]
    if EXPECTATIONS_SECTION in recorded:
        findings += recorded[EXPECTATIONS_SECTION].findings
    else:
        findings += [outcome.finding() for outcome in validate_partition(store, partition)]
    return GateVerdict(partition, fingerprint, [f for f in findings if f.blocks])


def check_and_record(
    settings: Settings, partition: str, section: str, run_id: str
) -> tuple[list[Finding], QualityReport]:
    """Run one check step on the partition (``INTEGRITY_SECTION``: the SQL checks;
    ``EXPECTATIONS_SECTION``: the GX suites) and record its findings in the partition's
    quality report, with the fingerprints of what they read (taken before reading it)."""
    store = ParquetStore(settings.data_dir)
    fingerprint = parquet_fingerprint(store, partition)
    if section == INTEGRITY_SECTION:
        landing = LandingZone(settings.raw_dir).fingerprint(partition)
        findings = [outcome.finding() for outcome in run_checks(settings, partition)]
    elif section == EXPECTATIONS_SECTION:
        landing = None
        findings = [outcome.finding() for outcome in validate_partition(store, partition)]
    else:
        raise ValueError(f"unknown check section {section!r}")
    report = QualityReport(settings.quality_root, partition)
    report.record(section, findings, run_id, fingerprint, landing)
    return findings, report


def blocking_findings(settings: Settings, partition: str) -> list[Finding]:
    """The failed ERROR checks of the partition as it is on disk now; empty means loadable."""
    return judge(settings, partition).blocking
