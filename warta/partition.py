"""Build one landing partition into Parquet: list, process in batches (in parallel), dedupe, write.

Memory stays flat however many files a partition holds: batches stream through a bounded
window of worker tasks and into Parquet writers, in file-path order, so the output is the same
whatever the number of workers.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import multiprocessing.connection
import os
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from warta import PARSER_VERSION
from warta.config import Settings
from warta.ingest import (
    BatchResult,
    BatchTask,
    FileRecord,
    merge_results,
    process_batch,
    worker_died,
)
from warta.landing import LandingUnavailable, LandingZone, stamp_clock
from warta.layouts import named_layouts
from warta.parquet_store import PARSER_VERSION_KEY, PART_FILE, ParquetStore, TableWriter
from warta.rows import FILE_COLUMN
from warta.schema import RAW_FILES, TABLES
from warta.sites import publisher_names
from warta.text import counted

ProgressCallback = Callable[[int, int], None]  # (files done, files total)
# Files of a partition whose worker may die before the parse gives up (see _run_batches).
MAX_WORKER_DEATHS = 3


class WorkersKeepDying(RuntimeError):
    """Parse workers died on more than ``MAX_WORKER_DEATHS`` files of one partition."""


# What a worker does with a batch: process_batch (a module-level function: it is pickled by name).
BatchWork = Callable[[BatchTask], BatchResult]
# Stages of ``PartitionBuild.seconds`` timed in CPU seconds, summed over the worker processes.
WORKER_CPU_STAGES = ("read", "parse", "entities")

# Footer key of the raw_files Parquet file: when the landing folder was listed (ISO 8601, UTC).
LISTED_AT_KEY = "warta.listed_at"


@dataclass
class PartitionBuild:
    """What building a partition produced.

    ``seconds``: ``list``, ``write`` (dedupe, Arrow and Parquet encoding in this process),
    ``publish`` and ``total`` are wall time; ``read``, ``parse`` and ``entities``
    (``WORKER_CPU_STAGES``) are CPU time summed over the worker processes.
    """

    partition: str
    files: int
    statuses: dict[str, int]
    reject_reasons: dict[str, int]
    row_counts: dict[str, int]
    seconds: dict[str, float] = field(default_factory=dict)
    worker_peak_rss_mb: float = 0.0
    # A build of the partition died mid-way since its last publish (its process killed: out of
    # memory, a crash in C code, a host restart), so this one parsed in worker processes, never
    # its own, even one batch: a file that kills its parser is rejected rather than kill it too.
    isolated: bool = False


def build_partition(
    settings: Settings,
    partition: str,
    *,
    progress: ProgressCallback | None = None,
    entities: bool = True,
) -> PartitionBuild:
    """Parse every file of ``partition`` and publish its five Parquet tables atomically.

    ``entities=False`` leaves the entities table empty (benchmarks time everything else).
    """
    started = time.perf_counter()
    named_layouts()  # a broken layout file fails the build here, not every page as a reject
    publisher_names()  # so does a broken warta/publishers.toml
    zone = LandingZone(settings.raw_dir)
    store = ParquetStore(settings.data_dir)
    listed_at = stamp_clock()  # files landing from now on are the next run's
    files = zone.files(partition)
    if not files and not (zone.root / partition).is_dir():
        held = store.ledger_rows(partition)
        if held:
            # A folder that vanished (an unmounted volume, a move gone wrong, a file put in its
            # place) must not publish the day as empty over the files parsed from it.
            what = "not a folder" if os.path.lexists(zone.root / partition) else "missing"
            raise LandingUnavailable(
                f"landing folder {zone.root / partition} is {what}, but the published "
                f"partition {partition} holds {counted(held, 'file')}; restore the folder, or "
                "create it empty to publish the day as empty"
            )
    listed = time.perf_counter()
    ingest_date = date.fromisoformat(partition)
    tasks = [
        BatchTask(
            str(zone.root),
            ingest_date,
            tuple(files[i : i + settings.batch_files]),
            settings.max_file_bytes,
            entities,
        )
        for i in range(0, len(files), settings.batch_files)
    ]
    with store.lock(partition) as leftovers, store.staging(partition) as staged:
        isolated = leftovers.build_died
        seen = SeenArticles(store.article_ids_before(partition))
        footer = {LISTED_AT_KEY: listed_at.isoformat(), PARSER_VERSION_KEY: PARSER_VERSION}
        writers = {
            name: TableWriter(
                staged / name / PART_FILE, schema, footer if name == "raw_files" else None
            )
            for name, schema in TABLES.items()
        }
        statuses: Counter[str] = Counter()
        reasons: Counter[str] = Counter()
        seconds: Counter[str] = Counter()
        done = 0
        peak_rss_mb = 0.0
        try:
            for result in _run_batches(tasks, settings.workers, isolate=isolated):
                write_started = time.perf_counter()
                _write_batch(result, ingest_date, seen, writers, statuses, reasons)
                seconds["write"] += time.perf_counter() - write_started
                seconds.update(result.seconds)
                peak_rss_mb = max(peak_rss_mb, result.peak_rss_mb)
                done += len(result.records)
                if progress is not None:
                    progress(done, len(files))
        finally:
            close_started = time.perf_counter()
            for writer in writers.values():
                writer.close()
            seconds["write"] += time.perf_counter() - close_started
        written = time.perf_counter()
        store.publish(staged, partition)
    return PartitionBuild(
        partition=partition,
        files=len(files),
        statuses=dict(statuses),
        reject_reasons=dict(reasons),
        row_counts={name: writer.rows for name, writer in writers.items()},
        seconds={
            "list": listed - started,
            **dict(seconds),
            "total": time.perf_counter() - started,
            "publish": time.perf_counter() - written,
        },
        worker_peak_rss_mb=peak_rss_mb,
        isolated=isolated,
    )


class SeenArticles:
    """Article ids already claimed: by an earlier partition (a sorted uint64 array) or by an
    earlier file of this one."""

    def __init__(self, earlier: np.ndarray) -> None:
        self._earlier = earlier
        self._here: set[str] = set()

    def __contains__(self, article_id: str) -> bool:
        if article_id in self._here:
            return True
        if not len(self._earlier):
            return False
        key = np.uint64(int(article_id, 16))
        at = int(np.searchsorted(self._earlier, key))
        return at < len(self._earlier) and self._earlier[at] == key

    def add(self, article_id: str) -> None:
        self._here.add(article_id)


def _run_batches(
    tasks: list[BatchTask],
    workers: int,
    work: BatchWork = process_batch,
    *,
    isolate: bool = False,
) -> Iterator[BatchResult]:
    """Results in task order; a process pool when there is more than one batch to share, or
    when ``isolate`` (the partition's last build died: a pool even for one batch, or with one
    worker), else in this process.

    A worker process that dies (the kernel's out-of-memory killer, a crash in C code) breaks
    the pool. The batch at the head then runs again on its own, halved until the file that
    kills its worker is found; that file is tried once more alone and then rejected
    (``WORKER_DIED``); a fresh pool takes the rest. So one such file costs itself, not the
    partition: without this every retry of the step would die on it again. Workers dying on
    more than ``MAX_WORKER_DEATHS`` files of a partition mean something kills every worker (a
    memory limit below any page's needs, a broken install): ``WorkersKeepDying`` fails the
    parse then, rather than reject the day file by file.
    """
    if not isolate and (workers <= 1 or len(tasks) <= 1):
        yield from map(work, tasks)
        return
    workers = max(1, min(workers, len(tasks)))
    context = multiprocessing.get_context("forkserver")
    # Workers fork with the parser imported and its models loaded (only the first pool of a
    # process starts the fork server; later pools reuse it).
    context.set_forkserver_preload(["warta.parse_worker"])
    deaths: list[str] = []
    done = 0
    while done < len(tasks):
        try:
            for result in _pooled(tasks[done:], workers, context, work):
                yield result
                done += 1
        except BrokenProcessPool:
            yield _isolated(tasks[done], context, work, deaths)
            done += 1


def _pooled(
    tasks: list[BatchTask],
    workers: int,
    context: multiprocessing.context.BaseContext,
    work: BatchWork,
) -> Iterator[BatchResult]:
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=exit_with_owner
    ) as pool:
        window: deque[Future[BatchResult]] = deque()
        pending = iter(tasks)
        for task in pending:
            window.append(pool.submit(work, task))
            if len(window) >= 2 * workers:
                break
        while window:
            result = window.popleft().result()
            next_task = next(pending, None)
            if next_task is not None:
                window.append(pool.submit(work, next_task))
            yield result


def _isolated(
    task: BatchTask,
    context: multiprocessing.context.BaseContext,
    work: BatchWork,
    deaths: list[str],
) -> BatchResult:
    """``task`` in a pool of its own; if its worker dies, each half the same way, down to the
    single file that kills its worker (twice), which is rejected and added to ``deaths``."""
    result = _alone(task, context, work)
    if result is not None:
        return result
    if len(task.files) == 1:
        result = _alone(task, context, work)  # once more: the memory may have been elsewhere
        if result is not None:
            return result
        deaths.append(task.files[0].source_path)
        if len(deaths) > MAX_WORKER_DEATHS:
            raise WorkersKeepDying(
                f"parse workers died on {counted(len(deaths), 'file')} ({', '.join(deaths)}): "
                "something kills every worker (too little memory for one? see the kernel log); "
                "nothing was published"
            )
        return worker_died(task)
    half = len(task.files) // 2
    first = _isolated(dataclasses.replace(task, files=task.files[:half]), context, work, deaths)
    second = _isolated(dataclasses.replace(task, files=task.files[half:]), context, work, deaths)
    return merge_results(first, second)


def _alone(
    task: BatchTask, context: multiprocessing.context.BaseContext, work: BatchWork
) -> BatchResult | None:
    """``task``'s result from a pool of one worker; None when that worker died."""
    try:
        with ProcessPoolExecutor(
            max_workers=1, mp_context=context, initializer=exit_with_owner
        ) as pool:
            return pool.submit(work, task).result()
    except BrokenProcessPool:
        return None


def exit_with_owner() -> None:
    """Run in each parse worker as it starts: end the worker when the process that owns its pool
    dies. A pool's workers wait for work on pipes they hold both ends of, and its fork server
    lives while they do: a run killed mid-parse (the OOM killer, ``kill -9``, a host agent)
    would otherwise leave them, ~170 MB each, for good."""
    owner = multiprocessing.parent_process()
    if owner is None:
        return

    def wait_for_owner() -> None:
        multiprocessing.connection.wait([owner.sentinel])
        os._exit(1)

    threading.Thread(target=wait_for_owner, name="warta-owner-watch", daemon=True).start()


def _write_batch(
    result: BatchResult,
    ingest_date: date,
    seen: SeenArticles,
    writers: dict[str, TableWriter],
    statuses: Counter[str],
    reasons: Counter[str],
) -> None:
    """Mark duplicates (an article already seen in this or an earlier partition) and write rows."""
    kept: list[int] = []
    for position, record in enumerate(result.records):
        if record.status == "parsed":
            if record.article_id in seen:
                record.status = "duplicate"
            else:
                seen.add(record.article_id)
                kept.append(position)
        statuses[record.status] += 1
        if record.reject_reason:
            reasons[record.reject_reason] += 1
    writers["raw_files"].write(_ledger_batch(result.records, ingest_date))
    keep = pa.array(kept, pa.int32())
    for name, batch in result.tables.items():
        mask = pc.is_in(batch.column(FILE_COLUMN), value_set=keep)
        writers[name].write(batch.filter(mask).drop_columns([FILE_COLUMN]))


def _ledger_batch(records: list[FileRecord], ingest_date: date) -> pa.RecordBatch:
    return pa.RecordBatch.from_pydict(
        {
            "ingest_date": [ingest_date] * len(records),
            "source_path": [r.source_path for r in records],
            "size_bytes": [r.size_bytes for r in records],
            "sha256": [r.sha256 for r in records],
            "encoding": [r.encoding for r in records],
            "status": [r.status for r in records],
            "reject_reason": [r.reject_reason for r in records],
            "article_id": [r.article_id for r in records],
        },
        schema=RAW_FILES,
    )
