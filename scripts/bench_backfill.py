"""Backfill benchmark: every partition of a landing zone through real Dagster, as operators run it.

    .venv/bin/python scripts/bench_backfill.py --raw bench/run100k/raw [--workdir bench/backfill]

Starts ``dagster-daemon`` on a fresh instance (``pipelines/dagster.yaml``) in ``--workdir``,
submits ``dagster job backfill -j warta_daily`` over the landing folders' dates (the command in
docs/OPERATIONS.md), waits for every run to end, and prints a Markdown report from the
instance's run records: the wall time from submitting the backfill to the end of its last run,
and per run when it started and ended and how long each step took. The Parquet store and the
warehouse are written under ``--workdir``; the landing zone is only read. Make the corpus with
``scripts/bench_pipeline.py`` (``bench/run100k/raw`` for 100k articles). The instance's
nightly schedule is set twelve hours away and only the backfill's runs are counted, so a
nightly tick never lands among the runs measured.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import signal
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from warta.landing import LandingZone  # noqa: E402
from warta.machine import cpu_model, cpu_seconds, load, memory_gb  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw", type=Path, required=True, help="landing zone to backfill")
    parser.add_argument("--workdir", type=Path, default=Path("bench/backfill"))
    parser.add_argument("--timeout", type=float, default=3600, help="seconds to wait at most")
    args = parser.parse_args(argv)

    partitions = LandingZone(args.raw).partitions()
    if not partitions:
        parser.error(f"no landing folders under {args.raw}")
    workdir = args.workdir.absolute()
    shutil.rmtree(workdir, ignore_errors=True)
    home = workdir / "dagster_home"
    home.mkdir(parents=True)
    shutil.copy(REPO / "pipelines" / "dagster.yaml", home / "dagster.yaml")
    env = {
        **os.environ,
        "DAGSTER_HOME": str(home),
        "WARTA_RAW_DIR": str(args.raw.absolute()),
        "WARTA_DATA_DIR": str(workdir / "parquet"),
        "WARTA_WAREHOUSE": str(workdir / "warehouse.duckdb"),
        # This instance's nightly tick must not fire among the runs measured: twelve hours away.
        "WARTA_NIGHTLY_CRON": "{0.minute} {0.hour} * * *".format(
            datetime.now(ZoneInfo("Asia/Jakarta")) + timedelta(hours=12)
        ),
    }
    bin_dir = Path(sys.executable).parent
    load_before = load()
    with open(workdir / "daemon.log", "w") as log:
        daemon = subprocess.Popen(
            [bin_dir / "dagster-daemon", "run", "-w", "workspace.yaml"],
            cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    try:
        time.sleep(10)  # the daemon loads the code location before it takes runs
        submitted = time.time()
        cpu_before = cpu_seconds()
        subprocess.run(
            [bin_dir / "dagster", "job", "backfill", "-w", "workspace.yaml", "-j", "warta_daily",
             "--from", partitions[0], "--to", partitions[-1], "--noprompt"],
            cwd=REPO, env=env, check=True, capture_output=True,
        )  # fmt: skip
        records, cpu_after, seen_at = _wait(home, len(partitions), args.timeout)
        busy = _busy(cpu_before, cpu_after, seen_at - submitted)
    finally:
        os.killpg(daemon.pid, signal.SIGTERM)
        daemon.wait(timeout=60)
    _report(args, partitions, records, submitted, load_before, busy)
    succeeded = [r for r in records if r["status"] == "SUCCESS"]
    return 0 if len(succeeded) == len(records) == len(partitions) else 1


def _wait(
    home: Path, expected: int, timeout: float
) -> tuple[list[dict], tuple[float, float] | None, float]:
    """Run records once ``expected`` runs have ended (or at the timeout), with the machine's
    ``cpu_seconds()`` and the time at which the waiter saw that.

    One process imports Dagster once and polls the instance every second (a new Python process
    for each look would take ~1 CPU-s each, from the backfill it measures).
    """
    import json

    waiter = subprocess.run(
        [sys.executable, "-c", _WAIT_FOR_RUNS, str(expected), str(time.time() + timeout)],
        env={**os.environ, "DAGSTER_HOME": str(home), "PYTHONPATH": str(REPO)},
        capture_output=True, text=True, timeout=timeout + 120,
    )  # fmt: skip
    if waiter.returncode != 0:
        raise SystemExit(f"waiting for the runs failed:\n{waiter.stderr[-3000:]}")
    out = json.loads(waiter.stdout)
    rows = sorted(out["rows"], key=lambda r: r["partition"] or "")
    cpu_after = tuple(out["cpu_seconds"]) if out["cpu_seconds"] else None
    return rows, cpu_after, out["seen_at"]


_WAIT_FOR_RUNS = """
import json, sys, time
from dagster import DagsterInstance
from warta.machine import cpu_seconds
expected, deadline = int(sys.argv[1]), float(sys.argv[2])
instance = DagsterInstance.get()
failures = 0
while True:
    try:
        records = [r for r in instance.get_run_records()
                   if "dagster/backfill" in r.dagster_run.tags]  # the backfill's runs only
        failures = 0
    except Exception as error:  # e.g. the SQLite storage locked for a moment: look again
        failures += 1
        if failures > 30:
            raise
        print(f"reading the runs failed ({error}); trying again", file=sys.stderr)
        time.sleep(1)
        continue
    if sum(r.end_time is not None for r in records) >= expected or time.time() > deadline:
        break
    time.sleep(1)
busy_stolen = cpu_seconds()
seen_at = time.time()
rows = []
for record in records:
    run = record.dagster_run
    steps = {s.step_key: s.end_time - s.start_time
             for s in instance.get_run_step_stats(run.run_id) if s.end_time and s.start_time}
    rows.append({"partition": run.tags.get("dagster/partition"), "status": run.status.value,
                 "start": record.start_time, "end": record.end_time, "steps": steps})
print(json.dumps({"rows": rows, "cpu_seconds": busy_stolen, "seen_at": seen_at}))
"""


def _busy(
    before: tuple[float, float] | None, after: tuple[float, float] | None, wall: float
) -> str:
    """The machine's busy (and stolen) CPU seconds from submitting until the waiter saw every
    run ended (at most a second after the last one), against what its CPUs give in that time."""
    if before is None or after is None:
        return "not known on this system"
    busy, stolen = after[0] - before[0], after[1] - before[1]
    cores = os.cpu_count() or 1
    return (
        f"{busy:.0f} CPU-s of the {cores * wall:.0f} that {cores} CPUs give in {wall:.0f} s"
        f" ({stolen:.1f} s stolen by the host)"
    )


def _report(args, partitions, records, submitted: float, load_before: str, busy: str) -> None:
    ends = [r["end"] for r in records if r["end"]]
    files = sum(len(LandingZone(args.raw).files(p)) for p in partitions)
    steps = sorted({step for r in records for step in r["steps"]})
    print(f"# Backfill through Dagster: {len(partitions)} partitions, {files:,} files\n")
    machine = f"{cpu_model()}, {os.cpu_count()} cores, {memory_gb():.0f} GiB"
    python = f"Python {platform.python_version()}"
    print(f"{machine}, {python}; load before: {load_before}, after: {load()}\n")
    if len(ends) < len(partitions):
        print(f"**Only {len(ends)} of {len(partitions)} runs ended within {args.timeout:.0f} s**\n")
    if ends:
        wall = max(ends) - submitted
        print(f"**Submitted to last run ended: {wall:.1f} s** ({files / wall:.0f} files/s)\n")
    print(f"Machine busy from submitting until the runs were seen ended (every process): {busy}\n")
    print("| partition | status | started, s | ended, s | " + " | ".join(steps) + " |")
    print("|---|---|---:|---:|" + "---:|" * len(steps))
    for r in records:
        cells = [f"{r['steps'][s]:.1f}" if s in r["steps"] else "" for s in steps]
        started = f"{r['start'] - submitted:.1f}" if r["start"] else ""
        ended = f"{r['end'] - submitted:.1f}" if r["end"] else ""
        row = [r["partition"], r["status"], started, ended, *cells]
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    sys.exit(main())
