"""A run killed mid-parse (as by the out-of-memory killer), through the real stack.

``dagster dev`` with the instance template: the killed run ends as FAILURE, its claim on the
parse pool is freed by run monitoring (``pipelines/dagster.yaml``), run retries start it again,
and the retry, seeing the build the dead run abandoned, parses in worker processes and
publishes the day. Without the monitoring settings the retry waits QUEUED for ever, and so does
every later run that needs the parse pool.
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


def _landing(raw) -> None:
    pages = list(generate().values())
    (raw / DAY).mkdir(parents=True)
    for number in range(FILES):
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


def test_a_run_killed_mid_parse_is_retried_and_publishes_the_day(tmp_path):
    home = tmp_path / "dagster_home"
    home.mkdir()
    (home / "dagster.yaml").write_text((REPO / "pipelines" / "dagster.yaml").read_text())
    _landing(tmp_path / "raw")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("WARTA_", "DAGSTER_"))}
    env |= {
        "DAGSTER_HOME": str(home),
        "WARTA_RAW_DIR": str(tmp_path / "raw"),
        "WARTA_DATA_DIR": str(tmp_path / "parquet"),
        "WARTA_WAREHOUSE": str(tmp_path / "warehouse.duckdb"),
        "WARTA_WORKERS": "1",  # parsed in the run's own process: the kill takes the run down
        "WARTA_NIGHTLY_CRON": NIGHTLY_AWAY,
    }
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
            retries = stack.runs({"dagster/parent_run_id": killed})
            if retries and retries[0]["status"] in TERMINAL_RUN_STATES:
                break
            time.sleep(2)
        assert stack.wait_for_runs([killed], timeout=60) == {killed: "FAILURE"}
        assert [run["status"] for run in retries] == ["SUCCESS"], stack.log_tail()
        log = stack.log_path.read_text(errors="replace")

    retry = retries[0]["runId"]
    assert re.search(re.escape(retry) + r" .*the last build of this partition died mid-way", log)
    con = duckdb.connect(env["WARTA_WAREHOUSE"], read_only=True)
    try:
        assert con.sql("SELECT count(*) FROM raw_files").fetchall() == [(FILES,)]
    finally:
        con.close()
    assert list((tmp_path / "parquet" / "_staging").iterdir()) == []
