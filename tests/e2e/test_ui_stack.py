"""End to end through the real UI stack: ``dagster dev`` at the repo root, GraphQL, a browser.

One stack for the module (startup takes ~10 s): temporary ``DAGSTER_HOME`` with the instance
template, temporary landing zone seeded with the seed article and a few sample pages, Parquet
root and warehouse. Slow (a few minutes): ``make e2e`` runs it, ``make test`` does not.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb
import pytest

from pipelines.definitions import defs
from tests.conftest import SEED
from tests.e2e.stack import (
    BIN,
    LOCATION,
    NIGHTLY_AWAY,
    REPO,
    TERMINAL_RUN_STATES,
    DagsterStack,
    chromium_render,
)
from tests.test_alerts import Receiver
from warta.schema import TABLES

pytestmark = pytest.mark.slow

RUN_DAY = "2026-11-25"  # launched through GraphQL, as the Launchpad does
BACKFILL_DAY = "2026-11-24"  # backfilled with the documented CLI command
SAMPLE_PAGES = 3
JAKARTA = ZoneInfo("Asia/Jakarta")


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    root = tmp_path_factory.mktemp("ui-stack")
    home = root / "dagster_home"
    home.mkdir()
    template = (REPO / "pipelines" / "dagster.yaml").read_text()
    # nux: no "join the community" dialog over the page the browser test looks at.
    (home / "dagster.yaml").write_text(template + "nux:\n  enabled: false\n")
    raw = root / "raw"
    (raw / RUN_DAY).mkdir(parents=True)
    shutil.copy(SEED, raw / RUN_DAY / SEED.name)
    (raw / BACKFILL_DAY).mkdir()
    for page in sorted((REPO / "data" / "raw" / BACKFILL_DAY).iterdir())[:SAMPLE_PAGES]:
        shutil.copy(page, raw / BACKFILL_DAY / page.name)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("WARTA_", "DAGSTER_"))}
    env |= {
        "DAGSTER_HOME": str(home),
        "WARTA_RAW_DIR": str(raw),
        "WARTA_DATA_DIR": str(root / "parquet"),
        "WARTA_WAREHOUSE": str(root / "warehouse.duckdb"),
        "WARTA_WORKERS": "1",
        # The daemon's own nightly tick must not fire among the runs the tests count (the dry
        # runs below ask for the tick they need).
        "WARTA_NIGHTLY_CRON": NIGHTLY_AWAY,
    }
    receiver = Receiver()  # the failure alert's webhook
    env["WARTA_ALERT_URL"] = receiver.url
    try:
        with DagsterStack(env, root / "dagster-dev.log") as running:
            info = running.wait_until_up()
            assert info["dagster_version"]
            running.wait_for_code_location()
            running.alerts = receiver.bodies
            yield running
    finally:
        receiver.close()


def test_graphql_lists_assets_checks_and_automation(stack):
    data = stack.graphql(
        """{
          assetNodes {
            assetKey { path } groupName pools
            internalFreshnessPolicy { __typename }
            assetChecksOrError { ... on AssetChecks { checks { name blocking } } }
          }
          repositoriesOrError { ... on RepositoryConnection { nodes {
            location { name }
            schedules { name scheduleState { status } }
            sensors { name sensorState { status } }
          } } }
          instance { poolConfig { defaultPoolLimit poolGranularity } }
        }"""
    )
    nodes = {node["assetKey"]["path"][-1]: node for node in data["assetNodes"]}
    assert set(nodes) == {*TABLES, "warehouse"}
    checks = {
        (name, check["name"]): check["blocking"]
        for name, node in nodes.items()
        for check in node["assetChecksOrError"].get("checks", [])
    }
    declared = defs.get_repository_def().asset_graph.asset_check_keys
    assert set(checks) == {(k.asset_key.to_user_string(), k.name) for k in declared}
    assert {table for (table, _), blocking in checks.items() if blocking} == set(TABLES)
    warehouse = nodes["warehouse"]
    assert warehouse["pools"] == ["warta_warehouse"]
    assert {tuple(nodes[table]["pools"]) for table in TABLES} == {("warta_parse",)}
    assert warehouse["internalFreshnessPolicy"]["__typename"] == "TimeWindowFreshnessPolicy"
    assert data["instance"]["poolConfig"] == {"defaultPoolLimit": 1, "poolGranularity": "op"}
    [repository] = data["repositoriesOrError"]["nodes"]
    assert repository["location"]["name"] == LOCATION["repositoryLocationName"]
    assert [(s["name"], s["scheduleState"]["status"]) for s in repository["schedules"]] == [
        ("warta_nightly", "RUNNING")
    ]
    assert sorted((s["name"], s["sensorState"]["status"]) for s in repository["sensors"]) == [
        ("warta_failure_alert", "RUNNING"),
        ("warta_landing_sensor", "STOPPED"),
        ("warta_repair_sensor", "RUNNING"),
    ]


def test_launched_run_and_cli_backfill_load_the_warehouse(stack):
    launched_run = stack.launch(RUN_DAY)
    # The backfill command of docs/OPERATIONS.md, while the first run is in flight.
    command = f"job backfill -j warta_daily --from {BACKFILL_DAY} --to {BACKFILL_DAY} --noprompt"
    backfill = subprocess.run(
        [str(BIN / "dagster"), *command.split()],
        cwd=REPO,
        env=stack.env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert backfill.returncode == 0, backfill.stdout + backfill.stderr
    backfilled = stack.graphql(
        """query($tags: [ExecutionTag!]) {
          runsOrError(filter: { tags: $tags }) { ... on Runs { results { runId tags { key } } } }
        }""",
        tags=[{"key": "dagster/partition", "value": BACKFILL_DAY}],
    )["runsOrError"]["results"]
    assert len(backfilled) == 1
    assert "dagster/backfill" in {tag["key"] for tag in backfilled[0]["tags"]}

    run_ids = [launched_run, backfilled[0]["runId"]]
    statuses = stack.wait_for_runs(run_ids, timeout=600)
    assert set(statuses.values()) == {"SUCCESS"}, (statuses, stack.log_tail())

    # Check results are recorded per partition: one day's run leaves the other day's standing.
    for table, check in (("raw_files", "raw_files_key_unique"), ("articles", "gx_title_not_null")):
        executions = stack.graphql(
            """query($key: AssetKeyInput!, $check: String!) {
              assetCheckExecutions(assetKey: $key, checkName: $check, limit: 10) {
                runId status partition
              }
            }""",
            key={"path": [table]},
            check=check,
        )["assetCheckExecutions"]
        assert sorted((e["partition"], e["status"], e["runId"]) for e in executions) == sorted(
            [(RUN_DAY, "SUCCEEDED", launched_run), (BACKFILL_DAY, "SUCCEEDED", run_ids[1])]
        ), executions

    for step_key in ("parse_landing_partition", "warehouse"):  # pools of limit 1
        steps = [_step(stack, run_id, step_key) for run_id in run_ids]
        first, second = sorted(steps)
        assert first[1] <= second[0], f"{step_key} steps overlapped: {steps}"

    con = duckdb.connect(stack.env["WARTA_WAREHOUSE"], read_only=True)
    try:
        by_day = dict(con.sql("SELECT ingest_date, count(*) FROM raw_files GROUP BY 1").fetchall())
        titles = [row[0] for row in con.sql("SELECT title FROM articles").fetchall()]
    finally:
        con.close()
    assert by_day == {date.fromisoformat(RUN_DAY): 1, date.fromisoformat(BACKFILL_DAY): 3}
    assert any("Korea Utara Membantah" in title for title in titles)

    # The daemon's next evaluations, asked of the running code server: nothing left to do ...
    schedule, sensor = _next_ticks(stack, cursor=None)
    assert schedule["runRequests"] == [] and "up to date" in schedule["skipReason"]
    assert sensor["runRequests"] == [] and sensor["error"] is None
    # ... until a file lands late in a day already loaded: one run, from either of them.
    late = Path(stack.env["WARTA_RAW_DIR"]) / BACKFILL_DAY / "late.txt"
    late.write_bytes(SEED.read_bytes().replace(b"Korea Utara", b"Korea Selatan"))
    schedule, sensor = _next_ticks(stack, cursor=sensor["cursor"])
    for tick in (schedule, sensor):
        [request] = tick["runRequests"]
        tags = {tag["key"]: tag["value"] for tag in request["tags"]}
        assert tags["dagster/partition"] == BACKFILL_DAY
        assert request["runKey"] == f"{BACKFILL_DAY}:{tags['warta/landing_fingerprint']}"


def test_the_daemon_repairs_a_load_refused_for_a_late_copy(stack):
    """A late copy of RUN_DAY's article lands in the older BACKFILL_DAY: that day's run is
    refused by the load; the daemon's repair sensor re-runs RUN_DAY, then BACKFILL_DAY.
    Follows the test above, which loaded both days."""
    con = duckdb.connect(stack.env["WARTA_WAREHOUSE"], read_only=True)
    try:
        loaded = con.sql("SELECT source_path, status FROM raw_files").fetchall()
    finally:
        con.close()
    assert (f"{RUN_DAY}/{SEED.name}", "parsed") in loaded, "needs the previous test's runs"
    late = Path(stack.env["WARTA_RAW_DIR"]) / BACKFILL_DAY / "late-copy.txt"
    late.write_bytes(SEED.read_bytes())
    [refused] = stack.wait_for_runs([stack.launch(BACKFILL_DAY)], timeout=600).items()
    assert refused[1] == "FAILURE", stack.log_tail()

    repairs: list[dict] = []
    deadline = time.monotonic() + 600  # two sensor ticks (60 s apart) and two runs, with room
    while time.monotonic() < deadline:
        repairs = stack.runs({"warta/repair_of": refused[0]})
        if len(repairs) == 2 and {run["status"] for run in repairs} <= TERMINAL_RUN_STATES:
            break
        time.sleep(2)
    order = [(run["tags"]["dagster/partition"], run["status"]) for run in reversed(repairs)]
    assert order == [(RUN_DAY, "SUCCESS"), (BACKFILL_DAY, "SUCCESS")], stack.log_tail()
    assert {run["tags"]["warta/trigger"] for run in repairs} == {"repair"}
    # The daemon's failure alert posted the refusal (its 30 s ticks ran during the repairs).
    [alert] = [message for message in stack.alerts if message["run_id"] == refused[0]]
    assert alert["partition"] == BACKFILL_DAY, alert
    assert alert["text"].startswith(f"Warta: run {refused[0][:8]} of warta_daily for "), alert
    assert alert["reasons"][0].startswith("warehouse: "), alert
    assert len(stack.alerts) == 1, stack.alerts  # the repairs succeeded: nothing else failed

    con = duckdb.connect(stack.env["WARTA_WAREHOUSE"], read_only=True)
    try:
        copies = con.sql(
            "SELECT source_path, status FROM raw_files WHERE article_id = "
            "(SELECT article_id FROM raw_files WHERE source_path LIKE '%late-copy.txt') ORDER BY 1"
        ).fetchall()
    finally:
        con.close()
    assert copies == [
        (f"{BACKFILL_DAY}/late-copy.txt", "parsed"),  # the earlier day holds the original
        (f"{RUN_DAY}/{SEED.name}", "duplicate"),
    ]


def test_asset_graph_page_shows_our_assets(stack, tmp_path: Path):
    # The warehouse's upstream lineage: every asset as its own node (the global lineage page
    # starts with the groups collapsed).
    url = f"{stack.url}/assets/warehouse?view=lineage&lineageScope=upstream"
    screenshot, dom = chromium_render(url, tmp_path)
    assert screenshot.stat().st_size > 20_000  # a rendered page, not a blank one
    for name in (*TABLES, "warehouse"):
        assert name in dom, f"{name} not on {url} (screenshot: {screenshot})"


def _next_ticks(stack, cursor: str | None) -> tuple[dict, dict]:
    """Dry runs of the nightly schedule (its first tick of the day after RUN_DAY, whatever
    time of day it runs at) and of the sensor."""
    evaluation = """evaluationResult {
      runRequests { runKey tags { key value } } skipReason cursor error { message }
    }"""
    night = datetime(2026, 11, 25, 23, 59, 59, tzinfo=JAKARTA).timestamp()  # the next tick
    schedule = stack.graphql(
        f"""mutation($selector: ScheduleSelector!, $timestamp: Float) {{
          scheduleDryRun(selectorData: $selector, timestamp: $timestamp) {{
            ... on DryRunInstigationTick {{ {evaluation} }}
          }}
        }}""",
        selector={**LOCATION, "scheduleName": "warta_nightly"},
        timestamp=night,
    )["scheduleDryRun"]["evaluationResult"]
    sensor = stack.graphql(
        f"""mutation($selector: SensorSelector!, $cursor: String) {{
          sensorDryRun(selectorData: $selector, cursor: $cursor) {{
            ... on DryRunInstigationTick {{ {evaluation} }}
          }}
        }}""",
        selector={**LOCATION, "sensorName": "warta_landing_sensor"},
        cursor=cursor,
    )["sensorDryRun"]["evaluationResult"]
    assert schedule["error"] is None and sensor["error"] is None, (schedule, sensor)
    return schedule, sensor


def _step(stack, run_id: str, step_key: str) -> tuple[float, float]:
    run = stack.graphql(
        """query($id: ID!) { runOrError(runId: $id) { ... on Run {
          stepStats { stepKey startTime endTime }
        } } }""",
        id=run_id,
    )["runOrError"]
    [step] = [s for s in run["stepStats"] if s["stepKey"] == step_key]
    return step["startTime"], step["endTime"]
