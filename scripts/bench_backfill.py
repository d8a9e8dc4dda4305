"""Backfill benchmark: every partition of a landing zone through real Dagster, as operators run it.

    .venv/bin/python scripts/bench_backfill.py --raw bench/run100k/raw [--workdir bench/backfill]

Starts ``dagster-daemon`` on a fresh instance (``pipelines/dagster.yaml``) in ``--workdir``,
submits ``dagster job backfill -j warta_daily`` over the landing folders' dates (the command in
docs/OPERATIONS.md), waits for every run to end, and prints a Markdown report from the
instance's run records: the wall time from submitting the backfill to the end of its last run,
and per run when it started and ended and how long each step took. The Parquet store and the
warehouse are written under ``--workdir``; the landing zone is only read. Make the corpus with
``scripts/bench_pipeline.py`` (``bench/run100k/raw`` for 100k articles).
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
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from warta.landing import LandingZone  # noqa: E402
from warta.machine import cpu_model, load, memory_gb  # noqa: E402


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
        subprocess.run(
            [bin_dir / "dagster", "job", "backfill", "-w", "workspace.yaml", "-j", "warta_daily",
             "--from", partitions[0], "--to", partitions[-1], "--noprompt"],
            cwd=REPO, env=env, check=True, capture_output=True,
        )  # fmt: skip
        records = _wait(home, len(partitions), args.timeout)
    finally:
        os.killpg(daemon.pid, signal.SIGTERM)
        daemon.wait(timeout=60)
    _report(args, partitions, records, submitted, load_before)
    return 0 if all(r["status"] == "SUCCESS" for r in records) else 1


def _wait(home: Path, expected: int, timeout: float) -> list[dict]:
    """Run records once ``expected`` runs have ended (read in a subprocess: a fresh instance)."""
    deadline = time.time() + timeout
    while True:
        records = _records(home)
        ended = [r for r in records if r["end"] is not None]
        if len(ended) >= expected or time.time() > deadline:
            return records
        time.sleep(5)


_READ_RECORDS = """
import json
from dagster import DagsterInstance
instance = DagsterInstance.get()
rows = []
for record in instance.get_run_records():
    run = record.dagster_run
    steps = {s.step_key: s.end_time - s.start_time
             for s in instance.get_run_step_stats(run.run_id) if s.end_time and s.start_time}
    rows.append({"partition": run.tags.get("dagster/partition"), "status": run.status.value,
                 "start": record.start_time, "end": record.end_time, "steps": steps})
print(json.dumps(rows))
"""


def _records(home: Path) -> list[dict]:
    import json

    out = subprocess.run(
        [sys.executable, "-c", _READ_RECORDS],
        env={**os.environ, "DAGSTER_HOME": str(home)}, check=True, capture_output=True, text=True,
    )  # fmt: skip
    return sorted(json.loads(out.stdout), key=lambda r: r["partition"] or "")


def _report(args, partitions, records, submitted: float, load_before: str) -> None:
    ends = [r["end"] for r in records if r["end"]]
    files = sum(len(LandingZone(args.raw).files(p)) for p in partitions)
    wall = max(ends) - submitted
    steps = sorted({step for r in records for step in r["steps"]})
    print(f"# Backfill through Dagster: {len(partitions)} partitions, {files:,} files\n")
    machine = f"{cpu_model()}, {os.cpu_count()} cores, {memory_gb():.0f} GiB"
    python = f"Python {platform.python_version()}"
    print(f"{machine}, {python}; load before: {load_before}, after: {load()}\n")
    print(f"**Submitted to last run ended: {wall:.1f} s** ({files / wall:.0f} files/s)\n")
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
