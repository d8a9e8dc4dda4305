"""The DuckDB warehouse: partitions loaded from Parquet, published by build-then-swap.

A load never writes the live file. It copies the current warehouse to a private file beside
it, replaces the partitions there in one transaction, refreshes views, checkpoints, and then
``os.replace``s the copy onto the warehouse path. Analysts' open read-only connections keep
their snapshot; a killed load leaves the previous warehouse untouched (and its private file is
removed by the next load). Writers are serialised by an exclusive file lock; each partition is
read under the Parquet store's partition lock, so a load never mixes two versions of it. A
caller that had the partition checked passes the fingerprint the checks approved, and the load
refuses a partition whose Parquet changed since. A WAL beside the live file (a read-write
connection that died) is checkpointed into it before the copy, so its writes are kept and no
WAL is left to be replayed onto the new file.
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import time
import uuid
from collections.abc import Callable, Collection, Iterator, Mapping
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO

import duckdb

from warta import sql
from warta.durable import clone_or_copy, fsync_dir, fsync_file, take_access_of
from warta.landing import is_partition_key
from warta.locks import lock_exclusive
from warta.parquet_store import PARSER_VERSION_KEY, ParquetStore, PartitionBusy, footer_value
from warta.quality.gate import GateVerdict
from warta.quality.report import parquet_fingerprint
from warta.schema import TABLES
from warta.text import shortened

# Tables the warehouse derives from entities per partition (sql/warehouse/derive_missing.sql).
DERIVED_TABLES = ("entity_days", "entity_name_days", "entity_pairs")


def _partitions_held(partitions: list[str], singular: str = "has", plural: str = "have") -> str:
    """``1 partition the warehouse holds has`` / ``2 partitions the warehouse holds have``."""
    if len(partitions) == 1:
        return f"1 partition the warehouse holds {singular}"
    return f"{len(partitions)} partitions the warehouse holds {plural}"


def _remember_published(lock: IO[str], path: Path) -> None:
    """Write in the lock file that a warehouse is published at ``path`` (a later load finding
    the file gone refuses to start another). Best effort: the warehouse is published already,
    and a full disk must not make the load look failed."""
    try:
        lock.seek(0)
        lock.truncate()
        lock.write(f"published {path}\n")
        lock.flush()
    except OSError:
        pass


class WarehouseBusy(RuntimeError):
    """Another process holds the warehouse (its write lock, or a read-write connection) or a
    partition the load must read (a parse holds its lock); retrying later may succeed."""


class WarehouseUnavailable(RuntimeError):
    """``WARTA_WAREHOUSE`` links into a folder that does not exist, or names a file that is
    gone where a warehouse was published before; nothing was published."""


class WarehouseDamaged(RuntimeError):
    """The warehouse file is not a readable DuckDB database (cut short, overwritten, a bad
    block); nothing was published, and retrying cannot help: ``warta rebuild`` moves the file
    aside and builds the warehouse again from the Parquet."""


# DuckDB's words for a database file it cannot read: not one at all (overwritten, empty), cut
# short (a copy or a disk that ran out), a block whose checksum is wrong.
_DAMAGED = re.compile(
    r"not a valid DuckDB database file|Could not read enough bytes|[Cc]orrupt database file"
    r"|checksum \S+ does not match"
)


class BlockedPartitionsPublished(RuntimeError):
    """A rebuild would leave out partitions the live warehouse holds (their Parquet now fails an
    ERROR check); nothing was published."""


class PublishedPartitionsMissing(RuntimeError):
    """A rebuild would leave out partitions the live warehouse holds whose Parquet is not in
    the store (its folder moved, emptied or not mounted); nothing was published."""


class PartitionChanged(RuntimeError):
    """A partition's Parquet is no longer the one its checks approved; nothing was published."""


class PartitionIncomplete(RuntimeError):
    """A partition to load has Parquet for some tables but not all; nothing was published."""


@dataclass(frozen=True)
class StartingCopy:
    """How a load made its private copy of the live warehouse: ``how`` is ``"cloned"`` (the copy
    shares the file's blocks: a reflink, milliseconds), ``"copied"`` (every byte copied: time
    grows with the warehouse) or ``"none"`` (no warehouse yet, or a rebuild from scratch).
    ``note`` says why a copy was not a clone (the file system's refusal, e.g. ``EOPNOTSUPP``:
    no reflinks) or why there was nothing to copy; ``unexpected``: the file system has
    reflinks but refused them for this file (see ``warta.durable.REFUSED_HERE``)."""

    how: str = "none"
    megabytes: float = 0.0
    seconds: float = 0.0
    note: str = "no warehouse yet"
    unexpected: bool = False

    def __str__(self) -> str:
        if self.how == "none":
            return f"none ({self.note})"
        text = f"{self.how} {self.megabytes:,.1f} MB in {self.seconds:.3f} s"
        return f"{text} ({self.note})" if self.note else text

    def warning(self) -> str | None:
        """What to tell an operator when the file system refused a clone it could have made."""
        if not self.unexpected:
            return None
        return (
            f"the warehouse file was copied byte by byte, not cloned: the file system refused "
            f"the clone ({self.note}). On btrfs this happens when the live file has the No_COW "
            "attribute (lsattr shows C; remove it with chattr -C or run warta rebuild); see "
            "docs/WAREHOUSE.md, 'The starting copy'"
        )


@dataclass
class WarehouseLoad:
    """What a load published: rows per table for each partition, and the time it took;
    ``skipped``: partitions a rebuild left out, with the ERROR checks they fail;
    ``incomplete``: partitions a rebuild left out because some of their Parquet tables are
    missing, with those tables; ``dropped``: partitions the live warehouse held that a rebuild
    with ``drop_missing`` left out because none of their Parquet is left;
    ``orphaned_duplicates``: per partition, the number of its files marked duplicate of an
    article no partition in the warehouse holds, and one of their paths; of those partitions,
    ``orphans_to_rerun`` are the ones holding the earliest copy of an article whose original
    left the landing zone (no earlier Parquet partition holds it: re-running the partition
    parses the copy, and the later copies are its duplicates again), and
    ``unloaded_originals`` the earlier partitions whose Parquet holds such an original but which
    the warehouse does not (their ERROR checks failed or their load was refused: loading them is
    the remedy). See :func:`orphaned_duplicates_message`. ``copy``: how the load copied the
    live warehouse before changing it (:class:`StartingCopy`)."""

    partitions: dict[str, dict[str, int]]
    seconds: float
    skipped: dict[str, list[str]] = field(default_factory=dict)
    incomplete: dict[str, list[str]] = field(default_factory=dict)
    dropped: list[str] = field(default_factory=list)
    orphaned_duplicates: dict[str, tuple[int, str]] = field(default_factory=dict)
    orphans_to_rerun: list[str] = field(default_factory=list)
    unloaded_originals: list[str] = field(default_factory=list)
    copy: StartingCopy = field(default_factory=StartingCopy)
    access_warning: str | None = None  # the new file lacks the live file's owner or group
    damaged_aside: str | None = None  # a rebuild found the live file damaged: where it went


class Warehouse:
    def __init__(
        self,
        path: Path,
        *,
        lock_timeout: float = 600.0,
        busy_timeout: float = 30.0,
        config: Mapping[str, int | str] | None = None,
    ) -> None:
        # A link to the warehouse is followed: loads replace the file it points to (beside
        # which they write), and the link stays a link.
        self.configured = Path(path).absolute()
        # DuckDB's settings for every connection (``Settings.duckdb_config``: threads, memory)
        self.config = dict(config or {})
        self.path = Path(os.path.realpath(path))
        self.lock_timeout = lock_timeout
        self.busy_timeout = busy_timeout
        self._copied_from: tuple[int, ...] | None = None  # the live file a load started from

    def publish(
        self,
        store: ParquetStore,
        partitions: list[str],
        *,
        from_scratch: bool = False,
        expected_fingerprints: Mapping[str, str] | None = None,
        before: Callable[[], None] | None = None,
        failed: Callable[[], None] | None = None,
    ) -> WarehouseLoad:
        """Replace ``partitions`` (those absent from Parquet are removed) and publish atomically.

        ``from_scratch`` starts from an empty warehouse instead of a copy of the current one.
        ``expected_fingerprints`` maps partitions to the ``parquet_fingerprint`` their checks
        approved: a partition whose files differ when the load reads them (under its lock)
        raises :class:`PartitionChanged` and the warehouse is left as it was. A partition lock
        held for more than ``busy_timeout`` seconds raises :class:`WarehouseBusy`. ``before``
        runs once the write lock is held, before anything is changed (it may raise to refuse);
        ``failed`` runs, still under the lock, when ``before`` or the load raises.
        """
        for partition in partitions:
            if not is_partition_key(partition):
                raise ValueError(f"not a partition key (YYYY-MM-DD): {partition!r}")
        started = time.perf_counter()
        try:
            with self._write_lock() as lock:
                try:
                    if not from_scratch and not self.path.exists() and lock.read().strip():
                        # A load would start a warehouse of its own days where one was: the
                        # file was moved or deleted, or its volume is another one now.
                        raise WarehouseUnavailable(
                            f"{self.path} is missing, but a warehouse was published there "
                            f"before ({lock.name} says so); nothing was published, as a "
                            "warehouse of this run's days alone would stand in for it. Restore "
                            "the file, or run `warta rebuild` to build it again from the "
                            f"Parquet (for a new warehouse of nothing else, delete {lock.name})"
                        )
                    if before is not None:
                        before()
                    self._remove_leftovers()
                    counts, orphans, copy, access = self._build_and_swap(
                        store, partitions, from_scratch, expected_fingerprints
                    )
                    _remember_published(lock, self.path)
                except BaseException as error:
                    if failed is not None:
                        try:
                            failed()
                        except Exception as problem:  # the load's own error is the one to see
                            error.add_note(str(problem))
                    raise
        except duckdb.Error as error:
            if not is_damaged(error):
                raise
            raise WarehouseDamaged(
                f"{self.path} is not a readable DuckDB database ({error}); nothing was "
                "published. Run `warta rebuild`: it moves the file aside and builds the "
                "warehouse again from the Parquet"
            ) from error
        load = WarehouseLoad(
            counts, time.perf_counter() - started, copy=copy, access_warning=access
        )
        load.orphaned_duplicates, load.orphans_to_rerun, load.unloaded_originals = orphans
        return load

    def _build_and_swap(
        self,
        store: ParquetStore,
        partitions: list[str],
        from_scratch: bool,
        expected: Mapping[str, str] | None,
    ) -> tuple[dict[str, dict[str, int]], _Orphans, StartingCopy, str | None]:
        counts: dict[str, dict[str, int]] = {}
        with self._private_copy(from_scratch) as (staged, copy):
            con = duckdb.connect(str(staged), config=self.config)
            try:
                sql.run(con, "warehouse/schema.sql")
                con.execute("BEGIN TRANSACTION")
                for partition in partitions:
                    self._replace(con, store, partition, (expected or {}).get(partition))
                _refuse_articles_in_several_partitions(con, partitions)
                sql.run(con, "warehouse/derive_missing.sql")
                con.execute("COMMIT")
                self._create_views(con)
                for partition in partitions:
                    rows = sql.run(
                        con, "warehouse/table_counts.sql", ingest_date=date.fromisoformat(partition)
                    )
                    counts[partition] = dict(rows)
                orphans = _orphans(con, store)
                con.execute("CHECKPOINT")
            finally:
                con.close()
            access = None
            if self.path.exists():  # analysts' access (group, mode) outlives the swap
                lacking = take_access_of(self.path, staged)
                if lacking:
                    access = (
                        f"the new warehouse file could not be given the live file's {lacking} "
                        "(this process may not set them): readers who relied on them may have "
                        "lost access; run loads as the file's owner or a member of its group"
                    )
            fsync_file(staged)
            self._refuse_a_writer_since_the_copy()
            os.replace(staged, self.path)
            fsync_dir(self.path.parent)
        return counts, orphans, copy, access

    def rebuild(
        self,
        store: ParquetStore,
        gate: Callable[[str], GateVerdict] | None = None,
        *,
        drop_blocked: bool = False,
        drop_missing: bool = False,
    ) -> WarehouseLoad:
        """Build the warehouse from every Parquet partition, from nothing, and publish it.

        With ``gate`` (e.g. ``lambda p: warta.quality.judge(settings, p)``), partitions it does
        not pass are left out and named in ``WarehouseLoad.skipped``; the others are loaded
        only as the gate saw them (see ``expected_fingerprints`` in :meth:`publish`).
        Partitions missing some of their Parquet tables are left out unjudged and named in
        ``WarehouseLoad.incomplete``. A rebuild must not quietly take published days away from
        analysts: a blocked partition the live warehouse holds (loaded when it passed) raises
        ``BlockedPartitionsPublished`` unless ``drop_blocked``; one whose Parquet is gone or
        incomplete raises ``PublishedPartitionsMissing`` unless ``drop_missing``; one published
        (by a run's load) while the rebuild judged the others raises ``PartitionChanged``.
        Each publishes nothing.
        """
        listed = store.partitions()
        complete = [partition for partition in listed if store.has_partition(partition)]
        verdicts = [gate(partition) for partition in complete] if gate is not None else []
        blocked = {v.partition for v in verdicts if not v.loadable}
        dropped: list[str] = []
        damaged: list[tuple[Path, str]] = []  # where the damaged live file went, and why

        def refuse_to_drop_published() -> None:  # under the write lock: no load in between
            try:
                published = self.published_partitions()
            except duckdb.Error as error:
                if not is_damaged(error):
                    raise
                # What it held cannot be read: the Parquet is all there is to build from.
                damaged.append((self._set_aside_damaged(), str(error)))
                published = set()
            now = {p for p in store.partitions() if store.has_partition(p)}
            missing = sorted(published - now)
            dropped[:] = [p for p in missing if p not in listed]
            if missing and not drop_missing:
                raise PublishedPartitionsMissing(
                    f"{_partitions_held(missing)} no Parquet, or not all of its tables, in "
                    f"{store.root} and would be dropped: {shortened(missing)}; "
                    "nothing was changed. Is WARTA_DATA_DIR right and its volume mounted? "
                    "Rebuild with --drop-missing to leave them out"
                )
            arrived = sorted((now & published) - set(complete))
            if arrived:
                raise PartitionChanged(
                    f"{len(arrived)} partitions were published while the rebuild judged the "
                    f"others: {shortened(arrived)}; nothing was changed: run the rebuild again"
                )
            published_blocked = sorted(blocked & published)
            if published_blocked and not drop_blocked:
                raise BlockedPartitionsPublished(
                    f"{_partitions_held(published_blocked, 'fails', 'fail')} ERROR checks now "
                    f"and would be dropped: {shortened(published_blocked)}; nothing was "
                    "changed. Fix and run them again, or rebuild with --drop-blocked to leave "
                    "them out"
                )

        approved = {v.partition: v.fingerprint for v in verdicts if v.loadable}
        load = self.publish(
            store,
            list(approved) if gate is not None else complete,
            from_scratch=True,
            expected_fingerprints=approved if gate is not None else None,
            before=refuse_to_drop_published,
            failed=lambda: self._put_back_damaged(damaged[0][0]) if damaged else None,
        )
        load.skipped = {v.partition: v.failed_checks for v in verdicts if not v.loadable}
        load.incomplete = {
            partition: [t for t in TABLES if not store.partition_file(t, partition).exists()]
            for partition in listed
            if partition not in complete
        }
        load.dropped = dropped
        load.damaged_aside = f"{damaged[0][0]} ({damaged[0][1]})" if damaged else None
        return load

    def published_partitions(self) -> set[str]:
        """Partition keys the live warehouse holds: days with files, and days loaded empty
        (empty when there is no warehouse yet)."""
        return set(self.published_versions())

    def published_versions(self) -> dict[str, str | None]:
        """The partitions the live warehouse holds, each with the ``PARSER_VERSION`` that
        parsed it (None where the warehouse has not recorded one: loaded before it did)."""
        if not self.path.exists():
            return {}
        self._wait_until_not_held()
        con = self.connect_read_only()
        try:
            try:
                days = sql.run(con, "warehouse/published_partitions.sql")
            except duckdb.CatalogException:  # written before the partitions table existed
                days = sql.run(con, "warehouse/published_days_with_files.sql")
            try:
                versions = dict(sql.run(con, "warehouse/partition_versions.sql"))
            except (duckdb.CatalogException, duckdb.BinderException):  # recorded by no load yet
                versions = {}
        finally:
            con.close()
        return {day.isoformat(): versions.get(day) for (day,) in days}

    def connect_read_only(self) -> duckdb.DuckDBPyConnection:
        return duckdb.connect(str(self.path), read_only=True, config=self.config)

    def _replace(
        self,
        con: duckdb.DuckDBPyConnection,
        store: ParquetStore,
        partition: str,
        expected_fingerprint: str | None,
    ) -> None:
        ingest_date = date.fromisoformat(partition)
        with ExitStack() as held:
            try:
                held.enter_context(store.lock(partition, timeout=self.busy_timeout))
            except PartitionBusy as error:
                raise WarehouseBusy(
                    f"partition {partition} is being written (its Parquet lock is held for "
                    f"more than {self.busy_timeout:.0f} s); the warehouse was not changed"
                ) from error
            if expected_fingerprint is not None:
                found = parquet_fingerprint(store, partition)
                if found != expected_fingerprint:
                    raise PartitionChanged(
                        f"partition {partition} changed since its checks approved it (Parquet "
                        f"{expected_fingerprint}, now {found}); the warehouse was not changed: "
                        "check the partition again and re-run the load"
                    )
            if not store.has_partition(partition):
                present = [t for t in TABLES if store.partition_file(t, partition).exists()]
                if present:  # half a partition is not an empty one: nothing is dropped
                    raise PartitionIncomplete(
                        f"partition {partition} has Parquet for {', '.join(present)} but not "
                        f"for every table; the warehouse was not changed: run the partition "
                        "again"
                    )
                sql.run(con, "warehouse/drop_partition.sql", ingest_date=ingest_date)
                return
            paths = {table: str(store.partition_file(table, partition)) for table in TABLES}
            parsed_by = footer_value(
                store.partition_file("raw_files", partition), PARSER_VERSION_KEY
            )
            sql.run(
                con,
                "warehouse/replace_partition.sql",
                ingest_date=ingest_date,
                parser_version=parsed_by,
                **paths,
            )

    def _create_views(self, con: duckdb.DuckDBPyConnection) -> None:
        for view in sql.views():
            sql.run(con, f"views/{view}.sql")

    @contextmanager
    def _write_lock(self) -> Iterator[IO[str]]:
        """Exclusive writer lock, waited for with backoff up to ``lock_timeout`` seconds. The
        lock file (``<warehouse>.lock``) is opened for reading and writing, at its start: once
        a load has published, it says so (``published <path>``)."""
        if self.configured != self.path and not self.path.parent.is_dir():
            # A link into a folder that is not there (its volume not mounted): creating it
            # would start a new, nearly empty warehouse where the old one should be.
            raise WarehouseUnavailable(
                f"{self.configured} links to {self.path}, whose folder is missing; is its "
                "volume mounted? The warehouse was not changed"
            )
        self.path.parent.mkdir(parents=True, exist_ok=True)
        lock_path = self.path.with_name(self.path.name + ".lock")
        with open(lock_path, "a+") as handle:
            if not lock_exclusive(handle, self.lock_timeout):
                raise WarehouseBusy(
                    f"another Warta load holds {lock_path} for more than "
                    f"{self.lock_timeout:.0f} s; is a run stuck?"
                )
            try:
                handle.seek(0)
                yield handle
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _private_name(self, token: str) -> Path:
        return self.path.with_name(f".{self.path.name}.{token}.tmp")

    def _wal(self) -> Path:
        return self.path.with_name(self.path.name + ".wal")

    def _remove_leftovers(self) -> None:
        """Private files of loads that were killed (the copy, its WAL, and the folder DuckDB
        spills to, ``<copy>.tmp``); only called while holding the write lock. Only names with
        a load's token: ``.<name>.x.<token>.tmp`` belongs to a warehouse named ``<name>.x``."""
        private = re.compile(re.escape(f".{self.path.name}.") + r"[0-9a-f]{12}\.tmp(\..*)?")
        for leftover in self.path.parent.iterdir():
            if private.fullmatch(leftover.name):
                _remove(leftover)

    def _set_aside_orphan_wal(self) -> str:
        """A WAL without its warehouse file (the file was deleted after a read-write
        connection died) would be replayed onto the new file, which DuckDB then refuses to
        open: it is renamed aside, kept for whoever wants it, and the load says so."""
        wal = self._wal()
        if self.path.exists() or not wal.exists():
            return ""
        aside = _aside(wal, "orphan")
        os.replace(wal, aside)
        return f"no warehouse yet; its orphan WAL was moved aside to {aside.name}"

    def _set_aside_damaged(self) -> Path:
        """Rename the live file DuckDB cannot read, and its WAL, out of the way (kept for
        whoever wants to look at them); only called while holding the write lock."""
        aside = _aside(self.path, "damaged")
        os.replace(self.path, aside)
        wal = self._wal()
        if wal.exists():
            os.replace(wal, aside.with_name(aside.name + ".wal"))
        fsync_dir(self.path.parent)
        return aside

    def _put_back_damaged(self, aside: Path) -> None:
        """A rebuild that failed after moving the damaged live file aside puts it back, so the
        next load finds it damaged again instead of starting a new warehouse of one day."""
        if self.path.exists():
            return
        try:
            os.replace(aside, self.path)
            wal = aside.with_name(aside.name + ".wal")
            if wal.exists():
                os.replace(wal, self._wal())
            fsync_dir(self.path.parent)
        except OSError as error:
            raise OSError(
                f"the damaged warehouse stays at {aside}: putting it back failed ({error})"
            ) from error

    def _refuse_a_writer_since_the_copy(self) -> None:
        """Just before the swap: a read-write connection opened on the live file since the
        copy was made would lose its writes, and its WAL would be replayed onto the new file,
        which DuckDB then refuses to open (for every reader, and for later loads); one that
        wrote and closed cleanly left the file changed. Each is refused as busy: the retry
        folds the WAL in first, or copies the changed file."""
        if self.path.exists():
            self._wait_until_not_held()
            if self._wal().exists():
                raise WarehouseBusy(
                    f"{self._wal()} appeared during the load: a read-write connection wrote to "
                    "the warehouse meanwhile; nothing was published (the next attempt keeps its "
                    "writes)"
                )
        if _identity(self.path) != self._copied_from:  # written and closed cleanly meanwhile
            raise WarehouseBusy(
                f"{self.path} changed during the load (a read-write connection wrote to it); "
                "nothing was published: the next attempt starts from it, keeping its writes"
            )

    @contextmanager
    def _private_copy(self, empty: bool) -> Iterator[tuple[Path, StartingCopy]]:
        """A private copy of the current warehouse (or a new file) beside it, and how it was
        made; removed on failure. Cloned where the file system shares blocks (XFS, btrfs), so
        the load does not copy the whole history; copied byte by byte elsewhere (ext4)."""
        staged = self._private_name(uuid.uuid4().hex[:12])
        orphan = self._set_aside_orphan_wal()
        copy = StartingCopy(note=orphan) if orphan else StartingCopy()
        try:
            if self.path.exists():
                self._wait_until_not_held()
                self._checkpoint_stale_wal()
            self._copied_from = _identity(self.path)  # what the load builds on
            if self.path.exists():
                if empty:
                    copy = StartingCopy(note="rebuilt from scratch")
                else:
                    started = time.perf_counter()
                    made = clone_or_copy(self.path, staged)
                    copy = StartingCopy(
                        made.how,
                        staged.stat().st_size / 1e6,
                        time.perf_counter() - started,
                        f"no clone: {made.refusal}" if made.refusal else "",
                        made.unexpected,
                    )
            yield staged, copy
        finally:
            for leftover in (
                staged,
                *(staged.with_name(staged.name + e) for e in (".wal", ".tmp")),
            ):
                _remove(leftover)

    def _wait_until_not_held(self) -> None:
        """Wait (with backoff) while another process holds the live file read-write, then fail
        clearly: publishing over it would silently discard that connection's writes."""
        self._retry_while_locked(
            lambda: duckdb.connect(str(self.path), read_only=True).close(),
            f"{self.path} is open read-write by another process (waited "
            f"{self.busy_timeout:.0f} s); close that connection (analysts: connect "
            "with read_only=True) and re-run the load",
        )

    def _checkpoint_stale_wal(self) -> None:
        """Fold a WAL left beside the live file (by a read-write connection that ended without a
        checkpoint) into the live file. The copy would miss its writes, and after the swap
        DuckDB would replay it onto the new file (and refuse to open it). Opening read-write
        needs the file to itself: wait (with backoff) for readers to close, then fail clearly.
        """
        wal = self._wal()
        if not wal.exists():
            return

        def checkpoint() -> None:
            con = duckdb.connect(str(self.path), config=self.config)
            try:
                con.execute("CHECKPOINT")
            finally:
                con.close()

        self._retry_while_locked(
            checkpoint,
            f"{wal} holds writes of a read-write connection that ended without a checkpoint; "
            f"the load folds them into {self.path} first, which needs the file to itself, but "
            f"it stayed open in another process for {self.busy_timeout:.0f} s: close the other "
            "connections and re-run the load",
        )
        if wal.exists():
            raise WarehouseBusy(f"{wal} is still there after a checkpoint; the load stopped")

    def _retry_while_locked(self, action: Callable[[], None], message: str) -> None:
        """Run ``action`` until DuckDB stops refusing it for a file lock held by another
        process; after ``busy_timeout`` seconds raise :class:`WarehouseBusy` with ``message``."""
        deadline = time.monotonic() + self.busy_timeout
        delay = 0.1
        while True:
            try:
                action()
                return
            except duckdb.IOException as error:
                if "lock" not in str(error).lower():
                    raise
                if time.monotonic() >= deadline:
                    held = _LOCK_HOLDER.search(str(error))
                    if held:  # DuckDB names the process: the operator needs it
                        message += f". DuckDB names the holder: PID {held[2]}, {held[1]}"
                    raise WarehouseBusy(message) from error
                time.sleep(delay)
                delay = min(delay * 2, 5.0)


def is_damaged(error: duckdb.Error) -> bool:
    """True if DuckDB says the database file itself cannot be read (``_DAMAGED``)."""
    return _DAMAGED.search(str(error)) is not None


def _aside(path: Path, why: str) -> Path:
    """A free name beside ``path`` to keep it under: ``<name>.<why>-<UTC time>``, numbered when
    two are set aside in one second."""
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    aside = path.with_name(f"{path.name}.{why}-{stamp}")
    number = 1
    while aside.exists():
        number += 1
        aside = path.with_name(f"{path.name}.{why}-{stamp}-{number}")
    return aside


def _identity(path: Path) -> tuple[int, ...] | None:
    """The file at ``path`` and its last change (None: no file): equal only if nothing wrote it."""
    try:
        status = os.stat(path)
    except FileNotFoundError:
        return None
    return (status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


# DuckDB's words for a file lock held by another process, naming it.
_LOCK_HOLDER = re.compile(r"Conflicting lock is held in (?P<program>.+?) \(PID (?P<pid>\d+)\)")

_Orphans = tuple[dict[str, tuple[int, str]], list[str], list[str]]


def _orphans(con: duckdb.DuckDBPyConnection, store: ParquetStore) -> _Orphans:
    """``WarehouseLoad``'s orphaned_duplicates, orphans_to_rerun and unloaded_originals."""
    orphaned = {
        partition: (files, example)
        for partition, files, example in sql.run(con, "warehouse/duplicates_without_original.sql")
    }
    if not orphaned:
        return orphaned, [], []
    paths = [str(store.partition_file("articles", key)) for key in store.partitions("articles")]
    rerun, unloaded = [], set()
    if not paths:  # no partition parses any article: every original is gone
        return orphaned, sorted(orphaned), []
    for partition, gone, held_by in sql.run(con, "warehouse/orphan_originals.sql", paths=paths):
        if gone:
            rerun.append(partition)
        unloaded.update(held_by)
    return orphaned, rerun, sorted(unloaded)


def orphaned_duplicates_message(load: WarehouseLoad) -> str:
    """What to tell an operator about ``load.orphaned_duplicates`` (non-empty)."""
    listed = "; ".join(
        f"{partition}: {files} file(s), e.g. {example}"
        for partition, (files, example) in load.orphaned_duplicates.items()
    )
    parts = [
        f"files marked duplicate of an article no partition in the warehouse holds ({listed})."
    ]
    if load.orphans_to_rerun:
        parts.append(
            "The original of some left the landing zone: re-run "
            f"{', '.join(load.orphans_to_rerun)} to parse the earliest copy of each (the later "
            "copies are then its duplicates)."
        )
    if load.unloaded_originals:
        parts.append(
            f"The original of some is parsed in {', '.join(load.unloaded_originals)}, which the "
            "warehouse does not hold (its ERROR checks failed or its load was refused): fix and "
            "load it."
        )
    return " ".join(parts)


class ArticleInSeveralPartitions(RuntimeError):
    """Publishing would put one article in two partitions; the warehouse is left as it was.

    ``rerun``: the partitions to parse again, every partition holding such an article except
    the earliest (the file of the earliest date is the original; a re-run of a later partition
    sees it and marks its own copy duplicate). ``conflicts``: each such article and the
    partitions holding it, oldest first."""

    def __init__(
        self, message: str, rerun: list[str], conflicts: list[tuple[str, list[str]]] = ()
    ) -> None:
        super().__init__(message)
        self.rerun = rerun
        self.conflicts = list(conflicts)


def stale_partners(
    store: ParquetStore, error: ArticleInSeveralPartitions, loading: Collection[str]
) -> list[str]:
    """The partitions to publish along with ``loading`` so that the refused load goes through:
    every other partition of ``error``'s clashes whose Parquet no longer holds the article the
    warehouse still has of it (the warehouse holds an older parse of it). Empty when one of
    them still holds it: a copy to re-parse, not a stale day.

    Two days can refuse each other for ever otherwise: a day's file replaced by an article a
    later day holds (its load refused for that), the later day re-parsed (its copy now a
    duplicate, and its copy of the day's old article now the original: its load refused for
    the old article the warehouse still has of the day)."""
    others: dict[str, set[str]] = {}
    for article_id, days in error.conflicts:
        for day in days:
            if day not in loading:
                others.setdefault(day, set()).add(article_id)
    if not others:
        return []
    for day, articles in others.items():
        held = store.article_ids(day)
        if held is None or articles & held:
            return []
    return sorted(others)


def _refuse_articles_in_several_partitions(
    con: duckdb.DuckDBPyConnection, partitions: list[str]
) -> None:
    """Raise if an article of ``partitions`` (just replaced) is also held by another partition."""
    dates = [date.fromisoformat(partition) for partition in partitions]
    rows = sql.run(con, "warehouse/articles_in_several_partitions.sql", ingest_dates=dates)
    if rows:
        listed = "; ".join(f"{article_id} in {', '.join(days)}" for article_id, days in rows[:5])
        more = f"; and {len(rows) - 5} more" if len(rows) > 5 else ""
        rerun = sorted({day for _, days in rows for day in days[1:]})
        raise ArticleInSeveralPartitions(
            f"articles parsed in more than one partition ({listed}{more}); re-run the later "
            f"partition(s) {', '.join(rerun)} so that their copies become duplicates",
            rerun,
            [(article_id, list(days)) for article_id, days in rows],
        )
