"""Parquet tables in hive layout: ``<root>/<table>/ingest_date=YYYY-MM-DD/part-0.parquet``.

A partition is written into a private staging folder, fsynced, marked committed, and then each
table file is moved into place with ``os.replace`` (atomic: a reader sees the old file or the new
one, never a half-written one, and a path that existed never disappears). All of it happens
under a per-partition lock, so two writers of the same partition never interleave. A writer
killed after the commit mark is rolled forward by the next holder of the lock; one killed before
it leaves only a staging folder, which the next holder removes.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from warta import sql
from warta.durable import fsync_dir, fsync_file
from warta.landing import TRANSIENT_ERRNOS
from warta.locks import lock_exclusive
from warta.schema import TABLES

PART_FILE = "part-0.parquet"
STAGING = "_staging"
COMMITTED = "COMMITTED"
# Footer key of the raw_files Parquet file: the PARSER_VERSION of the parse that wrote the
# partition (recorded also for a day without articles, whose rows carry no version).
PARSER_VERSION_KEY = "warta.parser_version"


class PartitionBusy(TimeoutError):
    """A partition's lock stayed held (by a parse, say) for longer than the caller would wait."""


class StoreUnavailable(RuntimeError):
    """The Parquet root cannot be created or written: nothing was parsed.

    ``transient``: the file system's error may pass (``landing.TRANSIENT_ERRNOS``); a folder
    that cannot be created (its parent missing, a read-only or special file system) or written
    (permissions) will not by itself."""

    def __init__(self, message: str, error: OSError | None = None) -> None:
        super().__init__(message)
        self.transient = error is not None and error.errno in TRANSIENT_ERRNOS


class ParquetStore:
    def __init__(self, root: Path) -> None:
        self.root = Path(root).absolute()

    def ensure_writable(self) -> None:
        """Create the root if need be and make sure this process may write in it; raise
        :class:`StoreUnavailable` naming the folder and the reason otherwise."""
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            for link in (self.root, *self.root.parents):
                if link.is_symlink() and not link.exists():  # the first link to nothing
                    target = os.path.normpath(link.parent / os.readlink(link))
                    raise StoreUnavailable(
                        f"the Parquet folder {self.root} (WARTA_DATA_DIR): {link} links to "
                        f"{target}, which is missing (or a loop of links); is its volume "
                        "mounted? Nothing was parsed",
                        error,
                    ) from error
            raise StoreUnavailable(
                f"cannot create the Parquet folder {self.root} (WARTA_DATA_DIR): "
                f"{error.strerror or error}; nothing was parsed",
                error,
            ) from error
        if not self.root.is_dir() or not os.access(self.root, os.W_OK | os.X_OK):
            raise StoreUnavailable(
                f"the Parquet folder {self.root} (WARTA_DATA_DIR) is not a folder this process "
                "may write in; nothing was parsed"
            )

    def partition_dir(self, table: str, partition: str) -> Path:
        return self.root / table / f"ingest_date={partition}"

    def partition_file(self, table: str, partition: str) -> Path:
        return self.partition_dir(table, partition) / PART_FILE

    def partitions(self, table: str = "raw_files") -> list[str]:
        """Partition keys published for ``table``, oldest first."""
        folder = self.root / table
        if not folder.is_dir():
            return []
        return sorted(
            entry.name.removeprefix("ingest_date=")
            for entry in os.scandir(folder)
            if entry.name.startswith("ingest_date=") and (Path(entry.path) / PART_FILE).exists()
        )

    def ledger_rows(self, partition: str) -> int:
        """Files the published ``raw_files`` of ``partition`` holds (0 when none is published)."""
        try:
            return pq.read_metadata(self.partition_file("raw_files", partition)).num_rows
        except FileNotFoundError:
            return 0

    def article_ids(self, partition: str) -> set[str] | None:
        """The article ids of a published partition's ``articles``; None if it has none."""
        path = self.partition_file("articles", partition)
        if not path.exists():
            return None
        return set(pq.read_table(path, columns=["article_id"]).column("article_id").to_pylist())

    def value_counts(self, table: str, partition: str, column: str) -> dict[str, int]:
        """How often each value of ``column`` occurs in a published partition of ``table``, most
        frequent first (``"null"`` for nulls); empty if the partition is not published."""
        path = self.partition_file(table, partition)
        if not path.exists():
            return {}
        values = pq.read_table(path, columns=[column]).column(column)
        counts = [
            ("null" if row["values"] is None else str(row["values"]), row["counts"])
            for row in values.value_counts().to_pylist()
        ]
        return dict(sorted(counts, key=lambda item: (-item[1], item[0])))

    def has_partition(self, partition: str) -> bool:
        return all(self.partition_file(table, partition).exists() for table in TABLES)

    def article_ids_before(self, partition: str) -> np.ndarray:
        """Article ids published in partitions older than ``partition``, as a sorted array of
        unsigned 64-bit integers (8 bytes an id: a year of 100k articles a day is ~300 MB)."""
        paths = [
            str(self.partition_file("articles", key))
            for key in self.partitions("articles")
            if key < partition
        ]
        if not paths:
            return np.empty(0, dtype=np.uint64)
        con = duckdb.connect()
        try:
            (statement,) = sql.statements("lake/article_ids.sql")
            ids = con.execute(statement, {"paths": paths}).fetchnumpy()["id"]
        finally:
            con.close()
        return np.asarray(ids, dtype=np.uint64)

    @contextmanager
    def lock(self, partition: str, *, timeout: float | None = None) -> Iterator[Leftovers]:
        """Exclusive lock on one partition (released when the process dies).

        Waits as long as it takes, or with ``timeout`` (seconds) tries without blocking, with
        backoff, and raises :class:`PartitionBusy` when the lock is still held after it.
        On entry, what a killed writer of the partition left behind is settled first: a
        committed staging folder is moved into place, an uncommitted one is removed; the lock
        yields how many of each there were, and whether a build of the partition has died since
        its last publish (an uncommitted folder, seen by this or an earlier lock holder).
        """
        lock_dir = self.root / "_locks"
        lock_dir.mkdir(parents=True, exist_ok=True)
        lock_path = lock_dir / f"{partition}.lock"
        with open(lock_path, "w") as handle:
            if not lock_exclusive(handle, timeout):
                raise PartitionBusy(
                    f"{lock_path} is held by another process (a parse of the partition?) "
                    f"for more than {timeout:.0f} s"
                )
            try:
                yield self._settle_leftovers(partition)
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    @contextmanager
    def staging(self, partition: str) -> Iterator[Path]:
        """A private folder to write a partition into; removed afterwards whatever happens."""
        folder = self.root / STAGING / f"{partition}-{uuid.uuid4().hex[:12]}"
        folder.mkdir(parents=True)
        try:
            yield folder
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def publish(self, staged: Path, partition: str) -> None:
        """Move every staged table file of ``partition`` into place, replacing what was there.

        Call under :meth:`lock`. Once the commit mark is written the publish completes, if not
        here then in the next :meth:`lock` of the partition.
        """
        for table in TABLES:
            source = staged / table / PART_FILE
            if not source.exists():
                raise FileNotFoundError(f"staged partition lacks {table}: {source}")
            fsync_file(source)
            # The file's name in its folder too: after a power loss a committed partition must
            # still hold every file not yet moved, since roll-forward takes a missing one as moved.
            fsync_dir(source.parent)
        (staged / COMMITTED).touch()
        fsync_dir(staged)
        self._move_into_place(staged, partition)
        self._died_mark(partition).unlink(missing_ok=True)  # a whole build is published now

    def _died_mark(self, partition: str) -> Path:
        """Set when an abandoned build of ``partition`` is found, removed by its next publish:
        whoever takes the lock first (a warehouse load, say) must not erase the news."""
        return self.root / "_locks" / f"{partition}.died"

    def _move_into_place(self, staged: Path, partition: str) -> None:
        for table in TABLES:
            source = staged / table / PART_FILE
            if not source.exists():  # moved before a crash
                continue
            target = self.partition_file(table, partition)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(source, target)
            fsync_dir(target.parent)

    def _settle_leftovers(self, partition: str) -> Leftovers:
        """Roll forward committed staging folders of ``partition``; remove uncommitted ones."""
        folder = self.root / STAGING
        rolled_forward = abandoned = 0
        if folder.is_dir():
            for leftover in sorted(folder.glob(f"{partition}-*")):
                committed = (leftover / COMMITTED).exists()
                if committed:
                    self._move_into_place(leftover, partition)
                shutil.rmtree(leftover, ignore_errors=True)
                if leftover.exists():
                    continue  # not removable (busy files on NFS, say): counted when it goes
                if committed:
                    rolled_forward += 1
                else:
                    abandoned += 1
        died = self._died_mark(partition)
        if abandoned:
            died.touch()
        return Leftovers(rolled_forward, abandoned, died.exists())


@dataclass(frozen=True)
class Leftovers:
    """What writers of a partition that died left, settled when the next one takes its lock:
    ``rolled_forward`` publishes they had committed, ``abandoned`` builds they had not (a
    process killed mid-parse: out of memory, a crash, a host restart)."""

    rolled_forward: int = 0
    abandoned: int = 0
    # A build died since the partition was last published: found now or by an earlier lock
    # holder (kept in ``_locks/<partition>.died`` until the next publish).
    build_died: bool = False


def footer_value(path: Path, key: str) -> str | None:
    """The value of ``key`` in a Parquet file's footer metadata; None if it has none."""
    value = (pq.read_schema(path).metadata or {}).get(key.encode())
    return None if value is None else value.decode()


class TableWriter:
    """Streams record batches of one table into one Parquet file, in row groups of ~64k rows."""

    ROW_GROUP_ROWS = 65_536

    def __init__(
        self, path: Path, schema: pa.Schema, metadata: dict[str, str] | None = None
    ) -> None:
        """``metadata``: key-value pairs stored in the file's footer (e.g. ``warta.listed_at``)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        self.schema = schema
        self.rows = 0
        self._pending: list[pa.RecordBatch] = []
        self._pending_rows = 0
        file_schema = schema.with_metadata(metadata) if metadata else schema
        self._writer = pq.ParquetWriter(path, file_schema, compression="zstd")

    def write(self, batch: pa.RecordBatch) -> None:
        if batch.num_rows == 0:
            return
        self._pending.append(batch)
        self._pending_rows += batch.num_rows
        self.rows += batch.num_rows
        if self._pending_rows >= self.ROW_GROUP_ROWS:
            self._flush()

    def close(self) -> None:
        self._flush()
        self._writer.close()

    def _flush(self) -> None:
        if self._pending:
            self._writer.write_table(pa.Table.from_batches(self._pending, self.schema))
            self._pending, self._pending_rows = [], 0
