"""What Dagster's own storage costs a run: the daily job on one small partition, on a SQLite
instance on disk (as `dagster dev` and `pipelines/dagster.yaml` keep it) against the same job on
an in-memory instance (the same SQL storage in one in-memory SQLite database) and, with
``--postgres URL``, on a PostgreSQL instance (``storage: postgres: postgres_url:``; needs the
``postgres`` extra: ``.venv/bin/uv sync --extra postgres``; the database is wiped first).

    .venv/bin/python scripts/bench_run_storage.py [--runs 3] [--rounds 2] \
        [--postgres postgresql+psycopg2://USER:PASSWORD@127.0.0.1:5432/DB]

Copies the seed page into a temporary landing zone (one file: the run's own work is small, so
the difference is mostly the instance writing the run's events), runs ``warta_daily`` once to
warm up, then ``--runs`` times per instance, alternating instances for ``--rounds`` rounds, and
prints wall and CPU seconds per run and the number of events a run writes. With a PostgreSQL
server on this machine, it also prints the CPU seconds its processes spent per run (every
process named ``postgres``, with the backends they reaped).
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
    parser.add_argument(
        "--postgres",
        metavar="URL",
        help="also a PostgreSQL instance at this SQLAlchemy URL (its tables are wiped); "
        "name the driver: postgresql+psycopg2://...",
    )
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
        if args.postgres:
            storage = {"postgres": {"postgres_url": args.postgres}}
            instances["PostgreSQL"] = lambda: dg.instance_for_test(overrides={"storage": storage})
        for _ in range(args.rounds):
            for name, make in instances.items():
                with make() as instance:
                    if name == "PostgreSQL":
                        instance.wipe()  # the database outlives the instance: start empty
                    job.execute_in_process(partition_key=DAY, instance=instance)  # warm-up
                    walls, cpus, servers = [], [], []
                    for _ in range(args.runs):
                        server = postgres_cpu()
                        wall, cpu = time.perf_counter(), time.process_time()
                        result = job.execute_in_process(partition_key=DAY, instance=instance)
                        walls.append(time.perf_counter() - wall)
                        cpus.append(time.process_time() - cpu)
                        servers.append(postgres_cpu() - server)
                    events = len(instance.all_logs(result.run_id))
                print(
                    f"{name:>15}: {events} events a run; wall s {_fmt(walls)}; CPU s {_fmt(cpus)}"
                    + (f"; server CPU s {_fmt(servers)}" if name == "PostgreSQL" else ""),
                    flush=True,
                )
    return 0


def postgres_cpu() -> float:
    """CPU seconds spent so far by this machine's PostgreSQL server processes (named
    ``postgres``), with the children they reaped: the backends of closed connections."""
    ticks = 0
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            name, fields = Path("/proc", pid, "stat").read_text().rsplit(")", 1)
        except OSError:  # ended meanwhile
            continue
        if name.endswith("(postgres"):
            ticks += sum(int(value) for value in fields.split()[11:15])  # u/s time, reaped u/s
    return ticks / os.sysconf("SC_CLK_TCK")


def _fmt(values: list[float]) -> str:
    return " ".join(f"{value:.2f}" for value in values)


if __name__ == "__main__":
    raise SystemExit(main())
