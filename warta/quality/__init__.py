"""Data quality of a partition: SQL integrity and ledger checks, Great Expectations suites, a
severity for each (ERROR blocks the warehouse load, WARN does not), and a report per partition.

- ``checks``: the SQL checks registry (``INTEGRITY_CHECKS``) and ``run_checks``
- ``suites``: the GX suites registry (``SUITES``); ``expectations``: ``validate_partition``
- ``report``: ``<quality dir>/<partition>/report.html`` and ``report.md``
- ``gate``: ``check_and_record`` (a check step, recorded in the report); ``judge`` (a
  ``GateVerdict``) and ``blocking_findings``, asked by the warehouse load
"""

from warta.quality.checks import INTEGRITY_CHECKS, Check, CheckOutcome, run_checks
from warta.quality.expectations import ExpectationOutcome, validate_partition
from warta.quality.gate import (
    EXPECTATIONS_SECTION,
    INTEGRITY_SECTION,
    GateVerdict,
    blocking_findings,
    check_and_record,
    judge,
)
from warta.quality.model import ERROR, WARN, Finding, Severity
from warta.quality.report import QualityReport, parquet_fingerprint
from warta.quality.suites import SUITES, Expectation

__all__ = [
    "ERROR",
    "EXPECTATIONS_SECTION",
    "INTEGRITY_CHECKS",
    "INTEGRITY_SECTION",
    "SUITES",
    "WARN",
    "Check",
    "CheckOutcome",
    "Expectation",
    "ExpectationOutcome",
    "Finding",
    "GateVerdict",
    "QualityReport",
    "Severity",
    "blocking_findings",
    "check_and_record",
    "judge",
    "parquet_fingerprint",
    "run_checks",
    "validate_partition",
]
