"""End-to-end benchmark: N synthetic articles from an empty state to a published warehouse.

    .venv/bin/python scripts/bench_pipeline.py --articles 100000 --days 10 [--workers 2]

Stages are timed through the same core functions the Dagster assets call (without Dagster's
own start-up, which is reported separately by ``--dagster``), the way a backfill runs under
``pipelines/dagster.yaml``: partitions parse one at a time (pool ``warta_parse``) on
``--workers`` processes, while the previous partition's checks, gate and load run in a process
of their own (``--sequential``: one partition after the other, no overlap). ``--no-entities``
skips entity extraction, which measures every other stage together. The floor ("read + decode +
split into lines") is timed twice over the same files: a first pass, and a second one from the
page cache, as the parse that follows reads them. Prints the report as JSON; with
``--output FILE`` also appends it there.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import platform
import resource
import shutil
import subprocess
import sys
import time
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path

from warta.config import Settings
from warta.corpus import write_corpus
from warta.decoding import decode_bytes
from warta.landing import LandingZone
from warta.machine import cpu_model, load, memory_gb
from warta.parquet_store import ParquetStore
from warta.partition import build_partition
from warta.quality import EXPECTATIONS_SECTION, INTEGRITY_SECTION, check_and_record, judge
from warta.warehouse import Warehouse


def floor_pass(paths: list[Path]) -> float:
    """CPU seconds for the floor: read + decode + split into lines, nothing else (one process),
    measured like the parse stage it is compared with (``time.thread_time``)."""
    started = time.thread_time()
    for path in paths:
        decoded = decode_bytes(path.read_bytes())
        if hasattr(decoded, "text"):
            decoded.text.splitlines()
    return time.thread_time() - started


def _floor_chunk(paths: list[str]) -> float:
    return floor_pass([Path(p) for p in paths])


def machine(load_before: str) -> dict[str, str]:
    return {
        "cpu": cpu_model(),
        "cores": str(os.cpu_count()),
        "memory": f"{memory_gb():.0f} GiB",
        "python": platform.python_version(),
        "load before": load_before,
        "load after": load(),
    }


def peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def run(args: argparse.Namespace) -> dict:
    load_before = load()  # 1, 5 and 15 minute averages, before anything else runs
    root = Path(args.workdir).absolute()
    reuse = args.reuse_corpus and (root / "raw").is_dir()
    if reuse:  # keep the generated files, start from an empty state for everything else
        for generated in ("parquet", "quality", "warehouse.duckdb", "warehouse.duckdb.lock"):
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
    floors = []  # the first pass may read from disk; the second reads from the page cache,
    for _ in range(2):  # as the parse that follows does
        floor_wall = time.perf_counter()
        with ProcessPoolExecutor(args.workers) as pool:
            floor_cpu = sum(pool.map(_floor_chunk, chunks))
        floors.append((floor_cpu, time.perf_counter() - floor_wall))
    (cold_cpu, cold_wall), (floor_cpu, floor_wall) = floors
    del paths, chunks  # not the pipeline's memory: keep it out of the peak RSS

    stages = dict.fromkeys(("list", "read", "parse", "entities", "write", "publish"), 0.0)
    walls = {"build": 0.0, "checks (SQL)": 0.0, "checks (GX)": 0.0, "load": 0.0}
    rows: dict[str, int] = {}
    worker_rss = 0.0
    statuses: dict[str, int] = {}
    checked_rss = 0.0
    waited = 0.0

    def checked(result: dict) -> None:  # a partition's checks and load are done
        nonlocal checked_rss
        for key in ("checks (SQL)", "checks (GX)", "load"):
            walls[key] += result[key]
        checked_rss = max(checked_rss, result["peak_rss_mb"])
        if result["failed"]:
            print(f"warning: {result['partition']} failed checks {result['failed']}",
                  file=sys.stderr)  # fmt: skip

    started = time.perf_counter()
    # Like a Dagster backfill under pipelines/dagster.yaml: one parse at a time (pool
    # warta_parse), at most two runs at once, so a partition's checks and load (pool
    # warta_warehouse) run in their own process while the next partition parses.
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("forkserver")) as lane:
        pending: Future | None = None
        for partition in partitions:
            t = time.perf_counter()
            build = build_partition(settings, partition, entities=not args.no_entities)
            walls["build"] += time.perf_counter() - t
            worker_rss = max(worker_rss, build.worker_peak_rss_mb)
            for key in stages:
                stages[key] += build.seconds.get(key, 0.0)
            for table, count in build.row_counts.items():
                rows[table] = rows.get(table, 0) + count
            for status, count in build.statuses.items():
                statuses[status] = statuses.get(status, 0) + count
            t = time.perf_counter()
            if pending is not None:  # run N-1 must end before run N+1 starts
                checked(pending.result())
            pending = lane.submit(check_and_load, settings, partition)
            if args.sequential:
                checked(pending.result())
                pending = None
            waited += time.perf_counter() - t
        if pending is not None:
            t = time.perf_counter()
            checked(pending.result())
            waited += time.perf_counter() - t
    total = time.perf_counter() - started
    report = {
        "command": " ".join([Path(sys.executable).name, *sys.argv]),
        "machine": machine(load_before),
        "corpus": {"files": files, "MB": round(size / 1e6, 1), "partitions": len(partitions),
                   "generate_s": round(generated, 1), "statuses": statuses, "rows": rows},
        "mode": "no entities" if args.no_entities else "full",
        "overlap": "sequential" if args.sequential else "checks and load beside the next parse",
        "wall_s": {k: round(v, 2) for k, v in walls.items()}
        | {"waiting for checks and load": round(waited, 2), "end to end": round(total, 2)},
        "worker_cpu_s": {k: round(stages[k], 2) for k in ("read", "parse", "entities")},
        "main_process_s": {k: round(stages[k], 2) for k in ("list", "write", "publish")},
        "throughput": {"articles/s": round(files / total, 1), "MB/s": round(size / 1e6 / total, 2)},
        "floor": {"cpu_s": round(floor_cpu, 2), "wall_s": round(floor_wall, 2),
                  "first pass cpu_s": round(cold_cpu, 2), "first pass wall_s": round(cold_wall, 2),
                  "parse stage (read + parse cpu) / floor (cpu)":
                      round((stages["read"] + stages["parse"]) / max(floor_cpu, 1e-9), 2)},
        "peak_rss_mb": {"main process": peak_rss_mb(), "parse worker": round(worker_rss, 1),
                        "checks and load process": round(checked_rss, 1)},
    }  # fmt: skip
    if args.incremental:
        report["incremental"] = incremental(settings, args.incremental)
    return report


def check_and_load(settings: Settings, partition: str) -> dict:
    """A partition's check and load steps as a ``warta_daily`` run does them: the SQL checks and
    the GX suites, each recorded in the quality report; the gate; the load of what it approved."""
    timings: dict = {"partition": partition}
    failed = []
    for name, section in (
        ("checks (SQL)", INTEGRITY_SECTION),
        ("checks (GX)", EXPECTATIONS_SECTION),
    ):
        t = time.perf_counter()
        findings, _ = check_and_record(settings, partition, section, "bench")
        failed += [f.check_name for f in findings if f.blocks]
        timings[name] = time.perf_counter() - t
    t = time.perf_counter()
    verdict = judge(settings, partition)
    if verdict.loadable:
        Warehouse(settings.warehouse).publish(
            ParquetStore(settings.data_dir),
            [partition],
            expected_fingerprints={partition: verdict.fingerprint},
        )
    timings["load"] = time.perf_counter() - t
    timings["failed"] = failed
    timings["peak_rss_mb"] = peak_rss_mb()
    return timings


def incremental(settings: Settings, count: int) -> dict:
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
    # A run's process imports GX once (~4 s, in the GX check step): reported apart, like
    # Dagster's own start-up; the checks below run with it imported.
    t = time.perf_counter()
    import great_expectations  # noqa: F401

    imported = time.perf_counter() - t
    t = time.perf_counter()
    build_partition(settings, day)
    timings = {"build": time.perf_counter() - t}
    checked = check_and_load(settings, day)
    timings |= {key: checked[key] for key in ("checks (SQL)", "checks (GX)", "load")}
    timings["total"] = sum(timings.values())
    timings["import great_expectations (apart)"] = imported
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
    parser.add_argument(
        "--no-entities", action="store_true", help="skip entity extraction: time everything else"
    )
    parser.add_argument(
        "--sequential", action="store_true",
        help="check and load each partition before parsing the next (no overlap)",
    )  # fmt: skip
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
