"""The gate in the real Dagster job: an ERROR keeps the warehouse as it was for the partition, a
WARN-only failure is reported and the load goes ahead; every run writes the quality report."""

from __future__ import annotations

import datetime as dt

import dagster as dg
import pytest

from tests.conftest import run_daily, warehouse_rows
from warta.quality import INTEGRITY_CHECKS, SUITES, QualityReport

from .conftest import DAY, land
from .test_checks import dangling_paragraph, published_in_future

CHECK_STEPS = ["integrity_checks", "great_expectations_suites", "warehouse"]
ALL_CHECKS = len(INTEGRITY_CHECKS) + sum(len(suite) for suite in SUITES.values())


def _run(**kwargs) -> dg.ExecuteInProcessResult:
    return run_daily(DAY, **kwargs)


def _failed(result: dg.ExecuteInProcessResult) -> set[tuple[str, str, str]]:
    return {
        (e.asset_key.to_user_string(), e.check_name, e.severity.value)
        for e in result.get_asset_check_evaluations()
        if not e.passed
    }


def _materialized(result: dg.ExecuteInProcessResult) -> dict[str, dict]:
    return {
        e.asset_key.to_user_string(): e.materialization.metadata
        for e in result.get_asset_materialization_events()
    }


def test_clean_partition_passes_every_check_and_is_reported(landing):
    land(landing, DAY, range(28), bad=2)
    result = _run()
    assert result.success
    evaluations = result.get_asset_check_evaluations()
    assert len(evaluations) == ALL_CHECKS and _failed(result) == set()
    warehouse = _materialized(result)["warehouse"]
    report = QualityReport(landing.quality_root, DAY)
    assert warehouse["quality_report"].value == str(report.html_path)
    assert "PASSED" in warehouse["quality_summary"].value
    page = report.html_path.read_text("utf-8")
    for evaluation in evaluations:
        assert evaluation.check_name in page
    assert "<script" not in page and "http" not in page  # self-contained


@pytest.mark.parametrize(
    ("breakage", "failed_check"),
    [
        (published_in_future, ("articles", "gx_published_at_in_range", "ERROR")),
        (dangling_paragraph, ("paragraphs", "paragraphs_article_exists", "ERROR")),
    ],
    ids=["gx_expectation", "sql_check"],
)
def test_error_keeps_the_previous_warehouse_content(landing, breakage, failed_check):
    land(landing, DAY, range(28), bad=2)
    assert _run().success
    before = warehouse_rows(landing.warehouse)

    breakage(landing)
    result = _run(op_selection=CHECK_STEPS)  # the checks and the load, on the broken Parquet
    assert not result.success
    assert _failed(result) == {failed_check}
    evaluation = next(e for e in result.get_asset_check_evaluations() if not e.passed)
    assert evaluation.metadata["unexpected_count"].value == 1
    assert "offending_rows" in evaluation.metadata
    assert "warehouse" not in _materialized(result)
    assert warehouse_rows(landing.warehouse) == before
    report = QualityReport(landing.quality_root, DAY)
    assert "BLOCKED" in report.markdown_path.read_text("utf-8")
    assert failed_check[1] in report.markdown_path.read_text("utf-8")


def test_warehouse_alone_refuses_a_partition_failing_an_expectation(landing):
    land(landing, DAY, range(28), bad=2)
    assert _run().success
    before = warehouse_rows(landing.warehouse)
    published_in_future(landing)  # no SQL check sees this; the gate runs the GX suites itself
    result = _run(asset_selection=[dg.AssetKey("warehouse")])
    assert not result.success
    failure = result.get_step_failure_events()[0].step_failure_data.user_failure_data
    assert "gx_published_at_in_range" in failure.description
    assert warehouse_rows(landing.warehouse) == before


def test_warn_only_failure_still_updates_the_warehouse(landing):
    land(landing, DAY, range(28), bad=2)
    assert _run().success
    land(landing, DAY, range(0), bad=6)  # 4 more unusable files: 6 of 34 rejected, 18% > 10%
    result = _run()
    assert result.success
    assert _failed(result) == {("raw_files", "raw_files_reject_share", "WARN")}
    ledger = warehouse_rows(landing.warehouse)["raw_files"]
    assert len(ledger) == 34
    assert sum(1 for row in ledger if row[5] == "rejected") == 6
    assert "LOADABLE with 1 warning" in _materialized(result)["warehouse"]["quality_summary"].value


def test_published_at_bound_follows_the_run_time():
    from warta.quality.suites import NOT_IN_FUTURE

    now = dt.datetime(2030, 1, 1, tzinfo=dt.UTC)
    assert NOT_IN_FUTURE.at(now) == now + dt.timedelta(hours=14)


def test_the_gate_reuses_recorded_checks_while_parquet_and_landing_are_unchanged(
    landing, monkeypatch
):
    import warta.quality.gate as gate
    from warta.quality import EXPECTATIONS_SECTION, INTEGRITY_SECTION, check_and_record, judge

    from .conftest import build

    build(landing, DAY, range(6))
    for section in (INTEGRITY_SECTION, EXPECTATIONS_SECTION):
        check_and_record(landing, DAY, section, "run-1")
    ran: list[str] = []
    run_checks, validate_partition = gate.run_checks, gate.validate_partition
    monkeypatch.setattr(
        gate, "run_checks", lambda *a, **k: ran.append("sql") or run_checks(*a, **k)
    )
    monkeypatch.setattr(
        gate, "validate_partition", lambda *a: ran.append("gx") or validate_partition(*a)
    )
    assert judge(landing, DAY).loadable and ran == []  # both recorded verdicts reused
    with monkeypatch.context() as patched:  # other checks than those recorded: run them again
        patched.setattr(gate, "checks_version", lambda section: "a newer release")
        assert judge(landing, DAY).loadable and ran == ["sql", "gx"]
    ran.clear()

    land(landing, DAY, range(6, 7))  # a file landed after the parse: the SQL checks run again
    verdict = judge(landing, DAY)
    assert ran == ["sql"] and verdict.loadable  # landing late is a WARN, not a blocker

    published_in_future(landing)  # the Parquet changed: nothing recorded applies
    verdict = judge(landing, DAY)
    assert ran == ["sql", "sql", "gx"]
    assert verdict.failed_checks == ["articles:gx_published_at_in_range"]


def test_a_section_from_another_version_still_reads(tmp_path):
    """Keys a newer (or older) release wrote are ignored, so a rollback can read the report;
    such a section is simply not reused by the gate (its checks version differs)."""
    import json

    from warta.quality import INTEGRITY_SECTION

    report = QualityReport(tmp_path, DAY)
    report.record(INTEGRITY_SECTION, [], "run-1", "f" * 16, "l" * 16, "v" * 16)
    path = report.folder / f"{INTEGRITY_SECTION}.json"
    data = json.loads(path.read_text("utf-8"))
    path.write_text(json.dumps({**data, "added_by_a_later_release": 1}), "utf-8")
    [section] = report.sections()
    assert (section.run_id, section.landing_fingerprint, section.checks_version) == (
        "run-1",
        "l" * 16,
        "v" * 16,
    )


def test_the_checks_version_changes_with_the_text_of_any_check(tmp_path, monkeypatch):
    """A fixed check's SQL makes the recorded findings stale: the gate runs the checks again
    instead of reusing a verdict the new check might not give."""
    import shutil

    from warta import sql
    from warta.quality import EXPECTATIONS_SECTION, INTEGRITY_SECTION, gate

    version = gate.checks_version.__wrapped__  # uncached
    before = {section: version(section) for section in (INTEGRITY_SECTION, EXPECTATIONS_SECTION)}
    copy = tmp_path / "sql"
    shutil.copytree(sql.sql_dir(), copy)
    monkeypatch.setattr(sql, "sql_dir", lambda: copy)
    assert version(INTEGRITY_SECTION) == before[INTEGRITY_SECTION]
    for check in INTEGRITY_CHECKS:
        path = copy / "checks" / f"{check.name}.sql"
        text = path.read_text("utf-8")
        path.write_text(text.replace("SELECT", "SELECT  ", 1), "utf-8")
        assert version(INTEGRITY_SECTION) != before[INTEGRITY_SECTION], check.name
        path.write_text(text, "utf-8")
    assert version(EXPECTATIONS_SECTION) == before[EXPECTATIONS_SECTION]
