"""Parquet tables in hive layout: ``<root>/<table>/ingest_date=YYYY-MM-DD/part-0.parquet``.

A partition is written into a private staging folder and then moved into place table by table
with ``rename``, under a per-partition lock: a reader never sees a half-written file, and two
writers of the same partition never interleave.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from warta.durable import fsync_dir, fsync_file
from warta.schema import TABLES

PART_FILE = "part-0.parquet"


class ParquetStore:
    def __init__(self, root: Path) -> None:
        self.root = Path(root).absolute()

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

    def has_partition(self, partition: str) -> bool:
        return all(self.partition_file(table, partition).exists() for table in TABLES)

    def article_ids_before(self, partition: str) -> set[str]:
        """Article ids published in partitions older than ``partition``."""
        ids: set[str] = set()
        for key in self.partitions("articles"):
            if key < partition:
                column = pq.read_table(self.partition_file("articles", key), columns=["article_id"])
                ids.update(column.column(0).to_pylist())
        return ids

    @contextmanager
    def lock(self, partition: str) -> Iterator[None]:
        """Exclusive lock for writing one partition (released when the process dies)."""
        lock_dir = self.root / "_locks"
        lock_dir.mkdir(parents=True, exist_ok=True)
        with open(lock_dir / f"{partition}.lock", "w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    @contextmanager
    def staging(self, partition: str) -> Iterator[Path]:
        """A private folder to write a partition into; removed afterwards whatever happens."""
        folder = self.root / "_staging" / f"{partition}-{uuid.uuid4().hex[:12]}"
        folder.mkdir(parents=True)
        try:
            yield folder
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def publish(self, staged: Path, partition: str) -> None:
        """Move every staged table file of ``partition`` into place, replacing what was there."""
        trash = self.root / "_trash"
        trash.mkdir(parents=True, exist_ok=True)
        for table in TABLES:
            source = staged / table / PART_FILE
            if not source.exists():
                raise FileNotFoundError(f"staged partition lacks {table}: {source}")
            fsync_file(source)
            target = self.partition_dir(table, partition)
            target.parent.mkdir(parents=True, exist_ok=True)
            if target.exists():
                old = trash / f"{table}-{partition}-{uuid.uuid4().hex[:12]}"
                os.rename(target, old)
                os.rename(source.parent, target)
                shutil.rmtree(old, ignore_errors=True)
            else:
                os.rename(source.parent, target)
            fsync_dir(target.parent)


class TableWriter:
    """Streams record batches of one table into one Parquet file, in row groups of ~64k rows."""

    ROW_GROUP_ROWS = 65_536

    def __init__(self, path: Path, schema: pa.Schema) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.schema = schema
        self.rows = 0
        self._pending: list[pa.RecordBatch] = []
        self._pending_rows = 0
        self._writer = pq.ParquetWriter(path, schema, compression="zstd")

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
