"""What a quality check is and what running it found, shared by the SQL checks and GX suites.

Every check carries an explicit ``Severity``: a failed ERROR check blocks the warehouse load of
the partition, a failed WARN check is reported and does not block.
"""

from __future__ import annotations

import datetime as dt
import decimal
from dataclasses import asdict, dataclass, field, fields
from enum import StrEnum
from typing import Any

SAMPLE_ROWS = 5
SAMPLE_CHARS = 160


class Severity(StrEnum):
    ERROR = "ERROR"  # blocks the warehouse load of the partition
    WARN = "WARN"  # reported, does not block


ERROR = Severity.ERROR
WARN = Severity.WARN


@dataclass(frozen=True)
class Finding:
    """One check's result on one partition, in the shape the UI and the report show."""

    check_name: str  # the Dagster asset check name, stable across runs
    table: str
    kind: str  # "sql" or "great_expectations"
    severity: Severity
    passed: bool
    description: str
    unexpected_count: int | None = None  # offending rows (or values)
    unexpected_percent: float | None = None  # of the rows checked, when that is meaningful
    checked_rows: int | None = None
    columns: list[str] = field(default_factory=list)
    sample: list[list[str]] = field(default_factory=list)  # a few offending rows, as text
    # Checks of the whole partition (shares, volume): their outcome in words, passed or not
    # ("reject share 0.04 (5 of 125 files), threshold 0.1", "not judged: 5 files, fewer than
    # 20"), and the measures behind it (JSON values).
    summary: str | None = None
    measures: dict[str, Any] = field(default_factory=dict)

    @property
    def blocks(self) -> bool:
        """True when this result refuses the warehouse load."""
        return not self.passed and self.severity is Severity.ERROR

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "severity": self.severity.value}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Finding:
        """A finding recorded by this or another version (keys it does not know are left out)."""
        known = {f.name for f in fields(cls)}
        values = {key: value for key, value in data.items() if key in known}
        return cls(**{**values, "severity": Severity(data["severity"])})


def cell_text(value: Any) -> str:
    """A sample value as short, readable text (timestamps in ISO form, long text cut)."""
    if value is None:
        return "NULL"
    if isinstance(value, dt.datetime | dt.date):
        text = value.isoformat()
    elif isinstance(value, float | decimal.Decimal):
        text = f"{value:.4g}"
    else:
        text = str(value)
    return text if len(text) <= SAMPLE_CHARS else text[: SAMPLE_CHARS - 1] + "…"
