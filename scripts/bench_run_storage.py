"""What Dagster's own storage costs a run: the daily job on one small partition, on a SQLite
instance on disk (as `dagster dev` and `pipelines/dagster.yaml` keep it) against the same job on
an in-memory instance (the same SQL storage in one in-memory SQLite database).

    .venv/bin/python scripts/bench_run_storage.py [--runs 3] [--rounds 2]

Copies the seed page into a temporary landing zone (one file: the run's own work is small, so
the difference is mostly the instance writing the run's events), runs ``warta_daily`` once to
warm up, then ``--runs`` times per instance, alternating instances for ``--rounds`` rounds, and
prints wall and CPU seconds per run and the number of events a run writes.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "data" / "raw" / "2026-11-25" / "000_39c4db6f91142a44.txt"
DAY = "2026-11-25"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        (root / "raw" / DAY).mkdir(parents=True)
        shutil.copy(SEED, root / "raw" / DAY / "a.txt")
        os.environ.update(
            WARTA_RAW_DIR=str(root / "raw"),
            WARTA_DATA_DIR=str(root / "parquet"),
            WARTA_WAREHOUSE=str(root / "warehouse.duckdb"),
            WARTA_WORKERS="1",
        )
        import dagster as dg

        from pipelines.definitions import defs

        job = defs.resolve_job_def("warta_daily")
        instances = {
            "SQLite on disk": dg.instance_for_test,
            "in memory": dg.DagsterInstance.ephemeral,
        }
        for _ in range(args.rounds):
            for name, make in instances.items():
                with make() as instance:
                    job.execute_in_process(partition_key=DAY, instance=instance)  # warm-up
                    walls, cpus = [], []
                    for _ in range(args.runs):
                        wall, cpu = time.perf_counter(), time.process_time()
                        result = job.execute_in_process(partition_key=DAY, instance=instance)
                        walls.append(time.perf_counter() - wall)
                        cpus.append(time.process_time() - cpu)
                    events = len(instance.all_logs(result.run_id))
                print(
                    f"{name:>15}: {events} events a run; wall s {_fmt(walls)}; CPU s {_fmt(cpus)}",
                    flush=True,
                )
    return 0


def _fmt(values: list[float]) -> str:
    return " ".join(f"{value:.2f}" for value in values)


if __name__ == "__main__":
    raise SystemExit(main())
