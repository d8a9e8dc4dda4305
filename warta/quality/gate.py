"""The load gate: may a partition go into the warehouse? (no failed ERROR check)

The warehouse asset and ``warta rebuild`` ask this before loading. Checks are not run twice:
the findings a check step recorded in the quality report (``check_and_record``) are used when
they judged exactly what is there now, with the same checks: the same Parquet files
(fingerprint of sizes and mtimes), for the SQL checks, which also read the landing folder, the
same landing files (``warta.landing.listing_state``: names, sizes, mtimes and ctimes), and the same
``checks_version`` (the SQL files and registry; the suites and the GX version), so a new or
fixed check applies at once. Otherwise the checks run here.

A verdict names the Parquet it judged (its fingerprint, taken before the checks read the
files); the load compares it, under the partition lock, with the files it is about to read and
refuses a partition that changed in between.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from importlib import metadata

from warta import sql
from warta.config import Settings
from warta.landing import listing_state
from warta.parquet_store import ParquetStore
from warta.quality.checks import INTEGRITY_CHECKS, landing_listing, run_checks
from warta.quality.expectations import validate_partition
from warta.quality.model import Finding
from warta.quality.report import QualityReport, parquet_fingerprint
from warta.quality.suites import SUITES, marker_kinds

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
        """The failed ERROR checks as ``table:check`` (GX check names repeat across tables), in
        the order they were found."""
        return list(dict.fromkeys(f"{f.table}:{f.check_name}" for f in self.blocking))


def judge(settings: Settings, partition: str) -> GateVerdict:
    """Run the gate on the partition as it is on disk now."""
    store = ParquetStore(settings.data_dir)
    fingerprint = parquet_fingerprint(store, partition)  # before the checks read anything
    files = landing_listing(settings, partition)
    recorded = {
        section.name: section
        for section in QualityReport(settings.quality_root, partition).sections()
        if section.name in (INTEGRITY_SECTION, EXPECTATIONS_SECTION)
        and section.parquet_fingerprint == fingerprint
        and section.checks_version == checks_version(section.name)
    }
    integrity = recorded.get(INTEGRITY_SECTION)
    if integrity is not None and integrity.landing_fingerprint == listing_state(files):
        findings = list(integrity.findings)
    else:
        findings = [o.finding() for o in run_checks(settings, partition, files=files)]
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
    version = checks_version(section)
    store = ParquetStore(settings.data_dir)
    fingerprint = parquet_fingerprint(store, partition)
    if section == INTEGRITY_SECTION:
        files = landing_listing(settings, partition)
        landing = listing_state(files)
        findings = [o.finding() for o in run_checks(settings, partition, files=files)]
    else:
        landing = None
        findings = [outcome.finding() for outcome in validate_partition(store, partition)]
    report = QualityReport(settings.quality_root, partition)
    report.record(section, findings, run_id, fingerprint, landing, version)
    return findings, report


@cache
def checks_version(section: str) -> str:
    """A short hash of the checks a section runs: the SQL check files and their registry
    (``INTEGRITY_SECTION``), or the suites, the parser's marker kinds they allow and the Great
    Expectations version (``EXPECTATIONS_SECTION``)."""
    digest = hashlib.sha256()
    if section == INTEGRITY_SECTION:
        for check in INTEGRITY_CHECKS:
            digest.update(repr(check).encode())
            digest.update((sql.sql_dir() / "checks" / f"{check.name}.sql").read_bytes())
    elif section == EXPECTATIONS_SECTION:
        digest.update(repr(SUITES).encode())
        digest.update(repr(marker_kinds()).encode())
        digest.update(metadata.version("great-expectations").encode())
    else:
        raise ValueError(f"unknown check section {section!r}")
    return digest.hexdigest()[:16]


def blocking_findings(settings: Settings, partition: str) -> list[Finding]:
    """The failed ERROR checks of the partition as it is on disk now; empty means loadable."""
    return judge(settings, partition).blocking
