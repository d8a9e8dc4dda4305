"""``scripts/bench_backfill.py`` backfills a landing zone through a real daemon and reports it.

A tiny corpus (2 days of a few generated pages): what is checked is that every partition's run
ends, that the report has its figures, and that the machine's CPU use is measured. No timing is
asserted. Slow (a daemon and one run per day): ``make e2e``.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO
from warta.corpus import write_corpus

pytestmark = pytest.mark.slow


def test_bench_backfill_runs_every_partition_and_reports_the_cpus(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    files, _ = write_corpus(raw, 12, 2, seed=3)
    done = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "bench_backfill.py"), "--raw", str(raw),
         "--workdir", str(tmp_path / "backfill"), "--timeout", "300"],
        cwd=REPO, capture_output=True, text=True, timeout=420,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    report = done.stdout
    assert f"2 partitions, {files:,} files" in report
    assert re.search(r"\*\*Submitted to last run ended: \d+\.\d s\*\*", report)
    busy = re.search(r"(\d+) CPU-s of the (\d+) that \d+ CPUs give in \d+ s", report)
    assert busy and 0 < int(busy.group(1)) <= int(busy.group(2)) + 1, report
    rows = [line for line in report.splitlines() if line.startswith("| 20")]
    assert len(rows) == 2 and all("| SUCCESS |" in row for row in rows), report
    header = next(line for line in report.splitlines() if line.startswith("| partition"))
    steps = header.strip("| ").split(" | ")[4:]
    assert sorted(steps) == sorted(
        ["parse_landing_partition", "integrity_checks", "great_expectations_suites", "warehouse"]
    ), header
    for row in rows:  # every step timed in every run
        cells = row.strip("| ").split(" | ")
        assert len(cells) == 4 + len(steps) and all(cells), row
