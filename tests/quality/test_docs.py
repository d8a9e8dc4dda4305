"""docs/QUALITY.md lists every check with the severity the registries give it."""

from __future__ import annotations

import re

from tests.conftest import REPO
from warta.quality import INTEGRITY_CHECKS, SUITES

DOC = (REPO / "docs" / "QUALITY.md").read_text("utf-8")


def test_every_sql_check_is_documented_with_its_severity():
    for check in INTEGRITY_CHECKS:
        row = re.search(rf"^\| `{check.name}` \| (\w+) \| (\w+) \|", DOC, re.MULTILINE)
        assert row, f"{check.name} is missing from docs/QUALITY.md"
        assert (row.group(1), row.group(2)) == (check.table, check.severity.value), check.name


def test_every_expectation_is_documented_with_its_severity():
    for table, suite in SUITES.items():
        row = re.search(rf"^\| {table} \|([^|]*)\|([^|]*)\|$", DOC, re.MULTILINE)
        assert row, f"no GX row for {table} in docs/QUALITY.md"
        columns = {"ERROR": row.group(1), "WARN": row.group(2)}
        for expectation in suite:
            column = columns[expectation.severity.value]
            assert f"`{expectation.check_name}`" in column, (table, expectation.check_name)


def test_the_readme_counts_the_checks_there_are():
    readme = (REPO / "README.md").read_text("utf-8")
    expectations = sum(len(suite) for suite in SUITES.values())
    assert f": {len(INTEGRITY_CHECKS)} SQL checks (" in readme
    assert f"\n{expectations} Great Expectations 1.x expectations (" in readme
