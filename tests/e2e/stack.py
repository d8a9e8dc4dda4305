"""The real UI stack for end-to-end tests: ``dagster dev`` from the repo root, GraphQL, Chromium.

``dagster dev`` runs the webserver, the daemon (schedules, sensors, run queue, backfills) and the
code server; it is started in its own process group so the whole tree can be stopped at once.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
LOCATION = {"repositoryLocationName": "warta", "repositoryName": "__repository__"}
TERMINAL_RUN_STATES = {"SUCCESS", "FAILURE", "CANCELED"}
# WARTA_NIGHTLY_CRON for a stack under test: twelve hours from now (Asia/Jakarta), so the
# daemon's own nightly tick never fires among the runs a test counts.
_AWAY = datetime.now(ZoneInfo("Asia/Jakarta")) + timedelta(hours=12)
NIGHTLY_AWAY = f"{_AWAY.minute} {_AWAY.hour} * * *"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class DagsterStack:
    """``dagster dev -p PORT`` with the given environment; use as a context manager."""

    def __init__(self, env: dict[str, str], log_path: Path) -> None:
        self.env = env
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> DagsterStack:
        log = self.log_path.open("wb")
        self.process = subprocess.Popen(
            [str(BIN / "dagster"), "dev", "-p", str(self.port), "-h", "127.0.0.1"],
            cwd=REPO,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: webserver, daemon, code server, runs
        )
        log.close()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def wait_until_up(self, timeout: float = 90.0) -> dict[str, Any]:
        """The ``/server_info`` answer, once the webserver serves it."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is None or self.process.poll() is not None:
                raise RuntimeError(f"dagster dev exited early:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(f"{self.url}/server_info", timeout=2) as answer:
                    return json.loads(answer.read())
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.5)
        raise TimeoutError(f"no /server_info after {timeout} s:\n{self.log_tail()}")

    def wait_for_code_location(self, timeout: float = 90.0) -> None:
        """Block until the ``warta`` code location has loaded (the webserver answers earlier)."""
        query = """{ workspaceOrError { ... on Workspace { locationEntries {
          name loadStatus locationOrLoadError { __typename ... on PythonError { message } }
        } } } }"""
        deadline = time.monotonic() + timeout
        entries: list[dict[str, Any]] = []
        while time.monotonic() < deadline:
            entries = self.graphql(query)["workspaceOrError"]["locationEntries"]
            loaded = [e for e in entries if e["loadStatus"] == "LOADED"]
            if loaded and all(e["name"] == LOCATION["repositoryLocationName"] for e in loaded):
                error = loaded[0]["locationOrLoadError"]
                if error["__typename"] == "PythonError":
                    raise RuntimeError(f"code location failed to load: {error['message']}")
                return
            time.sleep(0.5)
        raise TimeoutError(f"code location not loaded after {timeout} s: {entries}")

    def graphql(self, query: str, **variables: Any) -> dict[str, Any]:
        """The ``data`` of a GraphQL answer; GraphQL errors raise."""
        body = json.dumps({"query": query, "variables": variables}).encode()
        request = urllib.request.Request(
            f"{self.url}/graphql", data=body, headers={"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=60) as answer:
            document = json.loads(answer.read())
        if document.get("errors"):
            raise AssertionError(f"GraphQL errors: {document['errors']}")
        return document["data"]

    def launch(self, partition: str) -> str:
        """Launch a run of the daily job through GraphQL, as the Launchpad does; its id."""
        launched = self.graphql(
            """mutation($params: ExecutionParams!) {
              launchRun(executionParams: $params) {
                __typename
                ... on LaunchRunSuccess { run { runId } }
                ... on PythonError { message }
              }
            }""",
            params={
                "selector": {**LOCATION, "jobName": "warta_daily"},
                "executionMetadata": {"tags": [{"key": "dagster/partition", "value": partition}]},
            },
        )["launchRun"]
        assert launched["__typename"] == "LaunchRunSuccess", launched
        return launched["run"]["runId"]

    def runs(self, tags: dict[str, str]) -> list[dict]:
        """Runs with ``tags``, newest first: id, status and tags."""
        results = self.graphql(
            """query($tags: [ExecutionTag!]) {
              runsOrError(filter: { tags: $tags }) { ... on Runs { results {
                runId status tags { key value }
              } } }
            }""",
            tags=[{"key": k, "value": v} for k, v in tags.items()],
        )["runsOrError"]["results"]
        return [{**run, "tags": {t["key"]: t["value"] for t in run["tags"]}} for run in results]

    def status(self, run_id: str) -> str:
        """The run's status, e.g. ``QUEUED``, ``STARTED``, ``SUCCESS``."""
        query = "query($id: ID!) { runOrError(runId: $id) { ... on Run { status } } }"
        return self.graphql(query, id=run_id)["runOrError"]["status"]

    def wait_for_runs(self, run_ids: list[str], timeout: float) -> dict[str, str]:
        """Each run's final status, once all of them have finished."""
        deadline = time.monotonic() + timeout
        statuses: dict[str, str] = {}
        while time.monotonic() < deadline:
            statuses = {run_id: self.status(run_id) for run_id in run_ids}
            if set(statuses.values()) <= TERMINAL_RUN_STATES:
                return statuses
            time.sleep(1)
        raise TimeoutError(f"runs not finished after {timeout} s: {statuses}\n{self.log_tail()}")

    def stop(self, timeout: float = 30.0) -> None:
        """SIGTERM to the whole process group, SIGKILL if it has not exited in ``timeout``."""
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        # dagster dev exits after its children; anything left in the group is killed.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)

    def crash(self, *pids: int) -> None:
        """SIGKILL to the whole process group and to ``pids`` (what a host's power loss does):
        nothing gets to clean up or record anything."""
        assert self.process is not None
        for pid in pids:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def log_tail(self, lines: int = 40) -> str:
        text = self.log_path.read_text(errors="replace") if self.log_path.exists() else ""
        return "\n".join(text.splitlines()[-lines:])


def chromium_render(url: str, workdir: Path, budget_ms: int = 20_000) -> tuple[Path, str]:
    """A headless Chromium screenshot of ``url`` and its DOM after the page's scripts ran."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        raise FileNotFoundError("chromium is not installed (make e2e-deps installs it)")
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--virtual-time-budget={budget_ms}",
        "--window-size=1600,1000",
    ]
    screenshot = workdir / "asset-graph.png"
    subprocess.run(
        [
            chromium,
            *flags,
            f"--user-data-dir={workdir / 'shot'}",
            f"--screenshot={screenshot}",
            url,
        ],
        capture_output=True,
        timeout=120,
        check=True,
    )
    dom = subprocess.run(
        [chromium, *flags, f"--user-data-dir={workdir / 'dom'}", "--dump-dom", url],
        capture_output=True,
        timeout=120,
        check=True,
        text=True,
    ).stdout
    return screenshot, dom
