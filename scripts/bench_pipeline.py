"""End-to-end benchmark: N synthetic articles from an empty state to a published warehouse.

    .venv/bin/python scripts/bench_pipeline.py --articles 100000 --days 10 [--workers 2]

Stages are timed through the same core functions the Dagster assets call (without Dagster's
own start-up, which is reported separately by ``--dagster``). Prints a markdown report; with
``--output FILE`` also writes it there.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path

from warta.config import Settings
from warta.corpus import write_corpus
from warta.decoding import decode_bytes
from warta.landing import LandingZone
from warta.machine import cpu_model, load, memory_gb
from warta.parquet_store import ParquetStore
from warta.partition import build_partition
from warta.quality import run_checks, validate_partition
from warta.warehouse import Warehouse


def floor_pass(paths: list[Path]) -> float:
    """Seconds for the floor: read + decode + split into lines, nothing else (one process)."""
    started = time.perf_counter()
    for path in paths:
        decoded = decode_bytes(path.read_bytes())
        if hasattr(decoded, "text"):
            decoded.text.splitlines()
    return time.perf_counter() - started


def _floor_chunk(paths: list[str]) -> float:
    return floor_pass([Path(p) for p in paths])


def machine() -> dict[str, str]:
    return {
        "cpu": cpu_model(),
        "cores": str(os.cpu_count()),
        "memory": f"{memory_gb():.0f} GiB",
        "python": platform.python_version(),
        "load before": load(),
    }


def peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def run(args: argparse.Namespace) -> dict:
    root = Path(args.workdir).absolute()
    reuse = args.reuse_corpus and (root / "raw").is_dir()
    if reuse:  # keep the generated files, start from an empty state for everything else
        for generated in ("parquet", "quality", "warehouse.duckdb"):
            target = root / generated
            shutil.rmtree(target) if target.is_dir() else target.unlink(missing_ok=True)
    elif root.exists():
        shutil.rmtree(root)
    settings = replace(
        Settings.from_env({}),
        raw_dir=root / "raw",
        data_dir=root / "parquet",
        warehouse=root / "warehouse.duckdb",
        workers=args.workers,
    )
    started = time.perf_counter()
    if reuse:
        paths = [p for p in settings.raw_dir.rglob("*") if p.is_file()]
        files, size = len(paths), sum(p.stat().st_size for p in paths)
    else:
        files, size = write_corpus(settings.raw_dir, args.articles, args.days, seed=args.seed)
    generated = time.perf_counter() - started

    zone = LandingZone(settings.raw_dir)
    partitions = zone.partitions()
    paths = [settings.raw_dir / f.source_path for p in partitions for f in zone.files(p)]
    chunks = [[str(p) for p in paths[i :: args.workers]] for i in range(args.workers)]
    floor_wall = time.perf_counter()
    with ProcessPoolExecutor(args.workers) as pool:
        floor_cpu = sum(pool.map(_floor_chunk, chunks))
    floor_wall = time.perf_counter() - floor_wall

    store = ParquetStore(settings.data_dir)
    warehouse = Warehouse(settings.warehouse)
    stages = dict.fromkeys(("list", "read", "parse", "entities", "write", "publish"), 0.0)
    walls = {"build": 0.0, "checks (SQL)": 0.0, "checks (GX)": 0.0, "load": 0.0}
    rows: dict[str, int] = {}
    worker_rss = 0.0
    statuses: dict[str, int] = {}
    for partition in partitions:
        t = time.perf_counter()
        build = build_partition(settings, partition)
        walls["build"] += time.perf_counter() - t
        worker_rss = max(worker_rss, build.worker_peak_rss_mb)
        for key in stages:
            stages[key] += build.seconds.get(key, 0.0)
        for table, count in build.row_counts.items():
            rows[table] = rows.get(table, 0) + count
        for status, count in build.statuses.items():
            statuses[status] = statuses.get(status, 0) + count
        t = time.perf_counter()
        failed = [o.check.name for o in run_checks(settings, partition) if o.finding().blocks]
        walls["checks (SQL)"] += time.perf_counter() - t
        t = time.perf_counter()
        failed += [o.finding().check_name for o in validate_partition(store, partition) if o.blocks]
        walls["checks (GX)"] += time.perf_counter() - t
        if failed:
            print(f"warning: {partition} failed checks {failed}", file=sys.stderr)
        t = time.perf_counter()
        warehouse.publish(store, [partition])
        walls["load"] += time.perf_counter() - t
    total = sum(walls.values())
    entity_share = stages["entities"] / max(
        1e-9, stages["read"] + stages["parse"] + stages["entities"]
    )
    report = {
        "command": " ".join([Path(sys.executable).name, *sys.argv]),
        "machine": machine(),
        "corpus": {"files": files, "MB": round(size / 1e6, 1), "partitions": len(partitions),
                   "generate_s": round(generated, 1), "statuses": statuses, "rows": rows},
        "wall_s": {k: round(v, 2) for k, v in walls.items()} | {"end to end": round(total, 2)},
        "worker_cpu_s": {k: round(stages[k], 2) for k in ("read", "parse", "entities")},
        "main_process_s": {k: round(stages[k], 2) for k in ("list", "write", "publish")},
        "estimated wall without entities": round(total - walls["build"] * entity_share, 1),
        "throughput": {"articles/s": round(files / total, 1), "MB/s": round(size / 1e6 / total, 2)},
        "floor": {"cpu_s": round(floor_cpu, 2), "wall_s": round(floor_wall, 2),
                  "parse / floor (cpu)": round(stages["parse"] / max(floor_cpu, 1e-9), 2)},
        "peak_rss_mb": {"main process": peak_rss_mb(), "parse worker": round(worker_rss, 1)},
    }  # fmt: skip
    if args.incremental:
        report["incremental"] = incremental(settings, store, warehouse, args.incremental)
    return report


def incremental(settings: Settings, store: ParquetStore, warehouse: Warehouse, count: int) -> dict:
    """Time a nightly run: ``count`` new files in a new partition on the existing warehouse."""
    from datetime import date, timedelta

    from warta.corpus import generate_corpus

    day = (
        date.fromisoformat(LandingZone(settings.raw_dir).partitions()[-1]) + timedelta(days=1)
    ).isoformat()
    for relative, data in generate_corpus(count, 1, seed=99):
        path = settings.raw_dir / day / Path(relative).name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    timings = {}
    t = time.perf_counter()
    build_partition(settings, day)
    timings["build"] = time.perf_counter() - t
    t = time.perf_counter()
    run_checks(settings, day)
    timings["checks (SQL)"] = time.perf_counter() - t
    t = time.perf_counter()
    validate_partition(store, day)
    timings["checks (GX)"] = time.perf_counter() - t
    t = time.perf_counter()
    warehouse.publish(store, [day])
    timings["load"] = time.perf_counter() - t
    timings["total"] = sum(timings.values())
    shutil.rmtree(settings.raw_dir / day)  # the landing zone is left as generated
    return {k: round(v, 2) for k, v in timings.items()}


def dagster_startup() -> float:
    """Seconds for a Python process to import the Dagster definitions (the code location)."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import pipelines.definitions"], check=True)
    return round(time.perf_counter() - started, 2)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--days", type=int, default=10)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--incremental", type=int, default=0, help="then time N new files on top")
    parser.add_argument("--workdir", default="bench/run")
    parser.add_argument(
        "--reuse-corpus", action="store_true", help="keep WORKDIR/raw from an earlier run"
    )
    parser.add_argument("--dagster", action="store_true", help="also time the Dagster import")
    parser.add_argument("--output", help="append the JSON report to this file")
    args = parser.parse_args()
    report = run(args)
    if args.dagster:
        report["dagster import s"] = dagster_startup()
    text = json.dumps(report, indent=2, ensure_ascii=False)
    print(text)
    if args.output:
        with open(args.output, "a", encoding="utf-8") as handle:
            handle.write(text + "\n")


if __name__ == "__main__":
    main()
