"""Landing sensor benchmark: what one evaluation costs as the landing zone's history grows.

    .venv/bin/python scripts/bench_sensor.py [--folders 30] [--files 10000] [--raw DIR]

Without ``--raw`` it makes ``--folders`` daily folders of ``--files`` empty files each (a listing
costs the same whatever the files hold) under ``bench/sensor``; with ``--raw`` it reads an
existing landing zone (e.g. the 100k corpus of ``bench_pipeline.py``). It times, with the page
cache warm: fingerprinting every folder (what each evaluation did before folder times), the
watch's first evaluation (lists every folder), and an evaluation of a settled history (a stat
per folder, plus the sweep's folders listed in turn). Prints a Markdown report.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from warta import landing
from warta.landing import LandingZone
from warta.machine import cpu_model, memory_gb
from warta.watch import SWEEP_PER_EVALUATION, LandingWatch


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folders", type=int, default=30)
    parser.add_argument("--files", type=int, default=10_000, help="files per folder")
    parser.add_argument("--raw", type=Path, help="an existing landing zone instead")
    parser.add_argument("--runs", type=int, default=5, help="timed runs (median)")
    args = parser.parse_args(argv)

    root = args.raw or _make(Path("bench/sensor"), args.folders, args.files)
    zone = LandingZone(root)
    partitions = zone.partitions()
    files = sum(len(zone.files(p)) for p in partitions)  # also warms the page cache
    # Folder times younger than RACY_SECONDS are not trusted; the folders were just made.
    landing.RACY_SECONDS = 0.0

    def fingerprint_all() -> None:
        for partition in partitions:
            zone.fingerprint(partition)

    def first() -> str:
        watch = LandingWatch(zone, None)
        for change in watch.changes(partitions):
            watch.settle(change)
        return watch.cursor()

    settled_cursor = first()

    def settled() -> None:
        watch = LandingWatch(zone, settled_cursor)
        assert not list(watch.changes(partitions))

    rows = [
        ("fingerprint every folder (each evaluation before folder times)", fingerprint_all),
        ("first evaluation: list every folder, take folder times", first),
        (f"settled history: a stat per folder, {SWEEP_PER_EVALUATION} folders swept", settled),
    ]
    print(f"# Landing sensor: {len(partitions)} folders, {files:,} files\n")
    machine = f"{cpu_model()}, {os.cpu_count()} cores, {memory_gb():.0f} GiB"
    print(
        f"{machine}, Python {platform.python_version()}; median of {args.runs} runs, warm cache\n"
    )
    print("| evaluation | seconds | per folder, ms |\n|---|---:|---:|")
    for name, action in rows:
        seconds = _median(action, args.runs)
        print(f"| {name} | {seconds:.3f} | {seconds / len(partitions) * 1000:.2f} |")
    return 0


def _make(root: Path, folders: int, files: int) -> Path:
    shutil.rmtree(root, ignore_errors=True)
    first_day = date(2026, 1, 1)
    for day in range(folders):
        folder = root / (first_day + timedelta(days=day)).isoformat()
        folder.mkdir(parents=True)
        for i in range(files):
            (folder / f"{i:06d}.txt").touch()
    return root


def _median(action, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


if __name__ == "__main__":
    sys.exit(main())
