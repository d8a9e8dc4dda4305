"""SIGKILL at random points of a load or a Parquet build: nothing published is ever damaged.

A seeded RNG spreads the kills over the whole operation (measured first), so they land before
the copy, during the copy and the load transaction, during the checkpoint and around the swap.
One more kill waits for the operation's private files to appear, so at least one lands mid-way
however slow or fast the machine is against the measured run.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import time
from collections.abc import Callable
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from tests.warehouse.conftest import (
    DAYS,
    copy_store,
    dump,
    partition_problems,
    private_files,
    read_until,
    spawn,
)
from warta.config import Settings
from warta.partition import build_partition
from warta.schema import TABLES
from warta.warehouse import Warehouse

KILLS = 6
FILES = 30  # raw files in the partition the build test kills


def _timed_run(*args: str) -> float:
    """Seconds from the worker's ``ready`` to its exit."""
    worker = spawn(*args)
    read_until(worker, "ready")
    started = time.monotonic()
    assert worker.wait(timeout=60) == 0
    return time.monotonic() - started


def _kill_after(delay: float | Callable[[], bool], *args: str) -> None:
    """SIGKILL the worker ``delay`` seconds after it is ready, or (a predicate) as soon as
    ``delay()`` is true: a kill certain to land mid-operation, whatever the machine's speed."""
    worker = spawn(*args)
    read_until(worker, "ready")
    if callable(delay):
        deadline = time.monotonic() + 60
        while not delay() and worker.poll() is None and time.monotonic() < deadline:
            time.sleep(0.0005)
    else:
        time.sleep(delay)
    worker.send_signal(signal.SIGKILL)
    worker.wait(timeout=30)


def test_killed_loads_leave_the_previous_warehouse_whole(sample, tmp_path):
    day = DAYS[-1]
    stores = {
        True: copy_store(sample.data_dir, tmp_path / "with"),
        False: copy_store(sample.data_dir, tmp_path / "without", without=(day,)),
    }
    warehouse = Warehouse(tmp_path / "warehouse.duckdb")
    warehouse.publish(stores[True], list(DAYS))
    expected = {True: dump(warehouse.path)}
    warehouse.publish(stores[False], [day])
    expected[False] = dump(warehouse.path)
    assert expected[True] != expected[False]

    def load(has_day: bool) -> tuple[str, ...]:
        return ("publish", str(warehouse.path), str(stores[has_day].root), day)

    duration = _timed_run(*load(True))  # the warehouse now holds the day
    state, outcomes, rng = True, [], random.Random(20261125)

    def mid_load() -> bool:
        return bool(private_files(warehouse.path))

    for delay in [rng.uniform(0, duration) for _ in range(KILLS)] + [mid_load]:
        target = not state
        _kill_after(delay, *load(target))
        leftovers = private_files(warehouse.path)
        tables = dump(warehouse.path)  # opens, and its views answer
        assert tables in (expected[state], expected[target])
        published = tables == expected[target]
        outcomes.append("published" if published else "kept, " + (",".join(leftovers) or "clean"))
        state = target if published else state

    assert any(".tmp" in outcome for outcome in outcomes), outcomes  # the last one at least
    warehouse.publish(stores[True], [day])
    assert dump(warehouse.path) == expected[True]
    assert private_files(warehouse.path) == []  # the next load removed what killed ones left


def test_killed_builds_never_expose_a_partial_partition(sample, tmp_path):
    day = DAYS[2]
    settings = Settings(tmp_path / "raw", tmp_path / "parquet", tmp_path / "w.duckdb", workers=1)
    (settings.raw_dir / day).mkdir(parents=True)
    for path in sorted((sample.raw_dir / day).iterdir())[:FILES]:  # a smaller day: faster runs
        shutil.copy(path, settings.raw_dir / day)
    store = copy_store(sample.data_dir, settings.data_dir)
    build_partition(settings, day)
    versions = {True: {t: pq.read_table(store.partition_file(t, day)) for t in TABLES}}
    withdrawn = sorted((settings.raw_dir / day).iterdir())[0]  # a parsed article
    aside = tmp_path / withdrawn.name
    withdrawn.rename(aside)
    build_partition(settings, day)
    versions[False] = {t: pq.read_table(store.partition_file(t, day)) for t in TABLES}
    assert versions[True]["articles"].num_rows == versions[False]["articles"].num_rows + 1

    def set_landing(with_file: bool) -> None:
        if with_file and aside.exists():
            aside.rename(withdrawn)
        elif not with_file and withdrawn.exists():
            withdrawn.rename(aside)

    build = ("build", str(settings.raw_dir), str(store.root), day)
    set_landing(True)
    duration = _timed_run(*build)
    state, staged, rng = True, 0, random.Random(20261124)

    def mid_build() -> bool:
        return any(store.root.glob("_staging/*"))

    for delay in [rng.uniform(0, duration) for _ in range(KILLS)] + [mid_build]:
        target = not state
        set_landing(target)
        _kill_after(delay, *build)
        # Without taking the lock, every visible file is a whole Parquet file of some version.
        for table in TABLES:
            assert pq.read_table(store.partition_file(table, day)) in (
                versions[True][table],
                versions[False][table],
            )
        staged += len(list((store.root / "_staging").iterdir()))
        with store.lock(day):  # what any later writer or load does first
            assert partition_problems(store, day) == []
            tables = {t: pq.read_table(store.partition_file(t, day)) for t in TABLES}
        assert tables in (versions[state], versions[target])
        state = target if tables == versions[target] else state

    assert staged > 0  # kills hit the build itself (the last one at least), not just its ends
    assert list((store.root / "_staging").iterdir()) == []
    set_landing(True)
    build_partition(settings, day)
    assert {t: pq.read_table(store.partition_file(t, day)) for t in TABLES} == versions[True]


def _children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue  # ended meanwhile
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry))
    return found


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="reads processes from /proc (Linux)")
def test_a_killed_build_leaves_no_parse_worker_behind(sample, tmp_path):
    """The parse workers and their fork server end with the process that owns the pool: a run
    killed mid-parse must not leave them holding memory for good."""
    day = DAYS[2]
    raw = tmp_path / "raw"
    shutil.copytree(sample.raw_dir / day, raw / day)
    builder = spawn("build-pooled", str(raw), str(tmp_path / "parquet"), day)
    read_until(builder, "ready")
    deadline = time.monotonic() + 60
    workers: list[int] = []
    while len(workers) < 2 and time.monotonic() < deadline and builder.poll() is None:
        workers = [w for server in _children(builder.pid) for w in _children(server)]
        time.sleep(0.01)
    servers = _children(builder.pid)
    assert len(workers) == 2, "the build ended before its two workers were seen"
    builder.send_signal(signal.SIGKILL)
    builder.wait(timeout=30)
    deadline = time.monotonic() + 30
    left = [*servers, *workers]
    while left and time.monotonic() < deadline:
        left = [pid for pid in left if os.path.exists(f"/proc/{pid}")]
        time.sleep(0.05)
    for pid in left:  # not to leave them to the rest of the suite
        os.kill(pid, signal.SIGKILL)
    assert left == [], "parse workers or their fork server outlived the killed build"
