"""Runs that die mid-parse, through the real stack (``dagster dev`` with the instance template).

A run killed alone (as by the out-of-memory killer) ends as FAILURE, its claim on the parse pool
is freed by run monitoring (``pipelines/dagster.yaml``), run retries start it again, and the
retry, seeing the build the dead run abandoned, parses in worker processes and publishes the
day. Without the monitoring settings the retry waits QUEUED for ever, and so does every later
run that needs the parse pool.

A host restart kills the code server with the run: nothing marks the run FAILURE, it stays
STARTED holding its slot, until run monitoring's ``max_runtime_seconds`` fails it; then the
slot is freed and the day runs again by itself (run retries, or the repair sensor when
Dagster's retry daemon missed the failure).
"""

from __future__ import annotations

import os
import re
import signal
import time

import duckdb
import pytest

from tests.e2e.stack import NIGHTLY_AWAY, REPO, TERMINAL_RUN_STATES, DagsterStack
from warta.sample import generate

pytestmark = pytest.mark.slow

DAY = "2026-11-25"
FILES = 4000  # enough for the parse to outlast the kill by seconds


def _landing(raw, files: int) -> None:
    pages = list(generate().values())
    (raw / DAY).mkdir(parents=True)
    for number in range(files):
        page = pages[number % len(pages)]
        (raw / DAY / f"{number:05d}.txt").write_bytes(page + f"\n\nNomor {number}.\n".encode())


def _parse_pid(stack: DagsterStack, run_id: str, timeout: float = 120) -> int:
    """The process running ``run_id``'s parse step, once the step has started (from the log)."""
    started = re.compile(re.escape(run_id) + r" - (\d+) - parse_landing_partition - STEP_START")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = started.search(stack.log_path.read_text(errors="replace"))
        if found:
            return int(found[1])
        time.sleep(0.2)
    raise TimeoutError(f"the parse of {run_id} did not start:\n{stack.log_tail()}")


def _environment(
    tmp_path, files: int = FILES, max_runtime_seconds: int | None = None
) -> dict[str, str]:
    """A ``DAGSTER_HOME`` from the instance template (``max_runtime_seconds`` replaced if
    given) and a landing zone of ``files`` files; the stack's environment."""
    home = tmp_path / "dagster_home"
    home.mkdir()
    template = (REPO / "pipelines" / "dagster.yaml").read_text()
    if max_runtime_seconds is not None:
        template, replaced = re.subn(
            r"(?m)^(  max_runtime_seconds:) \d+$", rf"\1 {max_runtime_seconds}", template
        )
        assert replaced == 1, "the template has no run_monitoring.max_runtime_seconds"
    (home / "dagster.yaml").write_text(template)
    _landing(tmp_path / "raw", files)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("WARTA_", "DAGSTER_"))}
    return env | {
        "DAGSTER_HOME": str(home),
        "WARTA_RAW_DIR": str(tmp_path / "raw"),
        "WARTA_DATA_DIR": str(tmp_path / "parquet"),
        "WARTA_WAREHOUSE": str(tmp_path / "warehouse.duckdb"),
        "WARTA_WORKERS": "1",  # parsed in the run's own process: the kill takes the run down
        "WARTA_NIGHTLY_CRON": NIGHTLY_AWAY,
    }


def _published_ledger_rows(env: dict[str, str]) -> int:
    con = duckdb.connect(env["WARTA_WAREHOUSE"], read_only=True)
    try:
        return con.sql("SELECT count(*) FROM raw_files").fetchall()[0][0]
    finally:
        con.close()


def _retries_of(stack: DagsterStack, run_id: str) -> list[dict]:
    """The runs retrying ``run_id``: Dagster's run retries', or the repair sensor's when
    Dagster's retry daemon missed the failure (``pipelines/repairs.py``)."""
    return stack.runs({"dagster/parent_run_id": run_id}) + stack.runs({"warta/retry_of": run_id})


def test_a_run_killed_mid_parse_is_retried_and_publishes_the_day(tmp_path):
    env = _environment(tmp_path)
    with DagsterStack(env, tmp_path / "dagster-dev.log") as stack:
        stack.wait_until_up()
        stack.wait_for_code_location()
        killed = stack.launch(DAY)
        pid = _parse_pid(stack, killed)
        time.sleep(1.0)
        os.kill(pid, signal.SIGKILL)
        staged = list((tmp_path / "parquet" / "_staging").glob(f"{DAY}-*"))
        assert staged, "the kill came after the parse: make the day bigger"

        retries: list[dict] = []
        deadline = time.monotonic() + 600  # slot freed within ~60 s, then one run
        while time.monotonic() < deadline:
            retries = _retries_of(stack, killed)
            if retries and retries[0]["status"] in TERMINAL_RUN_STATES:
                break
            time.sleep(2)
        assert stack.wait_for_runs([killed], timeout=60) == {killed: "FAILURE"}
        assert [run["status"] for run in retries] == ["SUCCESS"], stack.log_tail()
        log = stack.log_path.read_text(errors="replace")

    retry = retries[0]["runId"]
    assert re.search(re.escape(retry) + r" .*the last build of this partition died mid-way", log)
    assert _published_ledger_rows(env) == FILES
    assert list((tmp_path / "parquet" / "_staging").iterdir()) == []


def test_a_run_left_started_by_a_host_restart_is_failed_and_its_day_run_again(tmp_path):
    # The template's 7200 s, shortened (it applies to every run of the instance; a run of 500
    # files needs ~10 s). The run stays STARTED after the restart until its limit: only that
    # fails it (the log says so). Its pool slot is then freed, and the day runs again without
    # anyone. Dagster's retry daemon usually retries it; here it is kept from doing so (its
    # event-log consumer runs once, at start-up, and then waits a day), as when it misses the
    # failure (3 times in 13 tries here): the repair sensor then runs the day,
    # WARTA_MISSED_RETRY_SECONDS after the failure at the next 60 s tick.
    files, limit = 500, 60
    env = _environment(tmp_path, files, max_runtime_seconds=limit)
    env["DAGSTER_EVENT_LOG_CONSUMER_DAEMON_INTERVAL_SECONDS"] = str(24 * 3600)
    env["WARTA_MISSED_RETRY_SECONDS"] = "30"  # the documented setting, shortened (180)
    with DagsterStack(env, tmp_path / "before-restart.log") as stack:
        stack.wait_until_up()
        stack.wait_for_code_location()
        orphaned = stack.launch(DAY)
        stack.crash(_parse_pid(stack, orphaned))  # webserver, daemon, code server and run

    with DagsterStack(env, tmp_path / "after-restart.log") as stack:
        stack.wait_until_up()
        stack.wait_for_code_location()
        assert stack.wait_for_runs([orphaned], timeout=300) == {orphaned: "FAILURE"}
        again: list[dict] = []
        deadline = time.monotonic() + 240  # the sensor: 30 s after the failure, 60 s ticks
        while not again and time.monotonic() < deadline:
            again = _retries_of(stack, orphaned)
            time.sleep(2)
        assert len(again) == 1, (again, stack.log_tail())
        rerun = again[0]["runId"]
        assert again[0]["tags"]["warta/retry_of"] == orphaned
        assert stack.wait_for_runs([rerun], timeout=300) == {rerun: "SUCCESS"}, stack.log_tail()
        day = [run["runId"] for run in stack.runs({"dagster/partition": DAY})]
        assert sorted(day) == sorted([orphaned, rerun])
        log = stack.log_path.read_text(errors="replace")

    assert re.search(rf"Run {orphaned} has exceeded maximum runtime of {limit}\b", log), log[-3000:]
    assert f"run {orphaned} failed and was tagged to be retried" in log, log[-3000:]
    assert _published_ledger_rows(env) == files
    assert list((tmp_path / "parquet" / "_staging").iterdir()) == []
