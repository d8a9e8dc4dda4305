"""What a load refuses or waits for: Parquet changed since its checks, partitions failing ERROR
checks or whose Parquet is gone (rebuild), a partition lock held by a parse, a WAL left beside
the live file.

The other side runs in a real process (tests/warehouse/worker.py) where it holds a lock.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tests.conftest import REPO
from tests.warehouse.conftest import DAYS, copy_store, dump, private_files, read_until, spawn
from warta import PARSER_VERSION
from warta.parquet_store import ParquetStore
from warta.partition import build_partition
from warta.quality import parquet_fingerprint
from warta.quality.gate import GateVerdict
from warta.schema import TABLES
from warta.warehouse import (
    PartitionChanged,
    PartitionIncomplete,
    PublishedPartitionsMissing,
    Warehouse,
    WarehouseBusy,
    WarehouseDamaged,
    WarehouseUnavailable,
)

DAY = DAYS[-1]
GHOST = "ffffffffffffffff"  # an article id no article has


def republish(store: ParquetStore, partition: str) -> None:
    """Publish the partition again (same rows, new files), as a second parse would."""
    with store.lock(partition), store.staging(partition) as staged:
        for table in TABLES:
            target = staged / table / "part-0.parquet"
            target.parent.mkdir(parents=True)
            shutil.copyfile(store.partition_file(table, partition), target)
        store.publish(staged, partition)


def test_a_partition_republished_after_its_checks_is_refused(store, tmp_path):
    warehouse = Warehouse(tmp_path / "warehouse.duckdb")
    warehouse.publish(store, list(DAYS[:-1]))
    before = dump(warehouse.path)
    approved = parquet_fingerprint(store, DAY)  # what the gate judged
    time.sleep(0.05)  # a distinct mtime for the new files on coarse clocks (ticks up to 10 ms)
    republish(store, DAY)

    with pytest.raises(PartitionChanged, match=f"partition {DAY} changed since its checks"):
        warehouse.publish(store, [DAY], expected_fingerprints={DAY: approved})
    assert dump(warehouse.path) == before
    assert private_files(warehouse.path) == []

    current = parquet_fingerprint(store, DAY)  # checked again: now it loads
    load = warehouse.publish(store, [DAY], expected_fingerprints={DAY: current})
    assert load.partitions[DAY]["articles"] > 0


def _dangling_paragraph(store: ParquetStore, partition: str) -> None:
    path = store.partition_file("paragraphs", partition)
    table = pq.read_table(path)
    extra = table.slice(0, 1)
    index = extra.schema.get_field_index("article_id")
    extra = extra.set_column(index, extra.schema.field(index), pa.array([GHOST], pa.string()))
    pq.write_table(pa.concat_tables([table, extra]), path)


def _rebuild(sample, store: ParquetStore, warehouse: Path, *args: str):
    env = {
        **os.environ,
        "WARTA_RAW_DIR": str(sample.raw_dir),
        "WARTA_DATA_DIR": str(store.root),
        "WARTA_WAREHOUSE": str(warehouse),
        "WARTA_QUALITY_DIR": str(warehouse.parent / "quality"),
    }
    return subprocess.run(
        [str(Path(sys.executable).with_name("warta")), "rebuild", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
    )


def test_rebuild_skips_partitions_failing_error_checks_and_names_them(sample, tmp_path):
    store = copy_store(sample.data_dir, tmp_path / "parquet")
    blocked = DAYS[1]
    _dangling_paragraph(store, blocked)
    warehouse = tmp_path / "warehouse.duckdb"
    result = _rebuild(sample, store, warehouse)
    # Not everything was loaded: the exit code says so (scripts and cron see it).
    assert result.returncode == 1, result.stderr
    assert (
        f"{blocked}: skipped, fails ERROR checks: paragraphs:paragraphs_article_exists"
    ) in result.stdout
    assert "1 blocked partition skipped" in result.stdout
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        for table in TABLES:
            loaded = {
                str(d) for (d,) in con.sql(f"SELECT DISTINCT ingest_date FROM {table}").fetchall()
            }
            assert blocked not in loaded, table
        loaded = {
            str(d) for (d,) in con.sql("SELECT DISTINCT ingest_date FROM raw_files").fetchall()
        }
    finally:
        con.close()
    assert loaded == set(DAYS) - {blocked}


def test_rebuild_from_parquet_does_not_need_the_landing_zone(sample, tmp_path):
    """The landing volume unmounted: the rebuild still builds every partition from Parquet
    (the checks then warn that the ledger's files are not in the landing zone)."""
    store = copy_store(sample.data_dir, tmp_path / "parquet")
    unmounted = dataclasses.replace(sample, raw_dir=tmp_path / "not-mounted")
    result = _rebuild(unmounted, store, tmp_path / "warehouse.duckdb")
    assert result.returncode == 0, result.stderr
    assert f"rebuilt {tmp_path / 'warehouse.duckdb'} from {len(DAYS)} partitions" in result.stdout
    assert Warehouse(tmp_path / "warehouse.duckdb").published_partitions() == set(DAYS)


def test_rebuild_refuses_to_drop_a_published_partition_that_is_blocked_now(sample, tmp_path):
    """A day the warehouse holds, whose Parquet fails an ERROR check since, is not taken away
    from analysts by a rebuild unless asked: the warehouse stays as it was."""
    store = copy_store(sample.data_dir, tmp_path / "parquet")
    warehouse = Warehouse(tmp_path / "warehouse.duckdb")
    warehouse.publish(store, list(DAYS))
    blocked = DAYS[1]
    _dangling_paragraph(store, blocked)

    _refused(
        sample,
        store,
        warehouse,
        f"1 partition the warehouse holds fails ERROR checks now and would be dropped: "
        f"{blocked}; nothing was changed",
    )

    dropped = _rebuild(sample, store, warehouse.path, "--drop-blocked")
    assert dropped.returncode == 1, dropped.stderr  # still: a partition was left out
    assert (
        f"{blocked}: skipped, fails ERROR checks: paragraphs:paragraphs_article_exists"
    ) in dropped.stdout
    assert warehouse.published_partitions() == set(DAYS) - {blocked}


def _refused(sample, store: ParquetStore, warehouse: Warehouse, message: str) -> None:
    """``warta rebuild`` refuses with ``message``, in one line, and leaves the warehouse as
    it was."""
    before = dump(warehouse.path)
    refused = _rebuild(sample, store, warehouse.path)
    assert refused.returncode == 1 and "Traceback" not in refused.stderr, refused.stderr
    assert message in refused.stderr
    assert dump(warehouse.path) == before


def _missing_message(store: ParquetStore, day: str) -> str:
    return (
        f"1 partition the warehouse holds has no Parquet, or not all of its tables, in "
        f"{store.root} and would be dropped: {day}; nothing was changed"
    )


def _published_then_a_day_gone(
    sample, tmp_path, tables: tuple[str, ...] = TABLES
) -> tuple[ParquetStore, Warehouse, str]:
    """A warehouse holding every day, then the Parquet of the first day removed (of
    ``tables``)."""
    store = copy_store(sample.data_dir, tmp_path / "parquet")
    warehouse = Warehouse(tmp_path / "warehouse.duckdb")
    warehouse.publish(store, list(DAYS))
    for table in tables:
        shutil.rmtree(store.root / table / f"ingest_date={DAYS[0]}")
    return store, warehouse, DAYS[0]


def test_rebuild_refuses_to_drop_published_partitions_whose_parquet_is_gone(sample, tmp_path):
    """Parquet of a day the warehouse holds removed (old days cleaned up, a folder emptied or
    not mounted): the rebuild names the day and changes nothing unless asked to drop it."""
    store, warehouse, gone = _published_then_a_day_gone(sample, tmp_path)
    _refused(sample, store, warehouse, _missing_message(store, gone))

    for table in TABLES:  # the whole Parquet folder emptied: every day is named
        shutil.rmtree(store.root / table)
    _refused(
        sample,
        store,
        warehouse,
        f"{len(DAYS)} partitions the warehouse holds have no Parquet, or not all of its tables, "
        f"in {store.root} and would be dropped: {', '.join(DAYS)}; nothing was changed",
    )
    absent = ParquetStore(tmp_path / "not-mounted")
    _refused(sample, absent, warehouse, f"the Parquet folder {absent.root} does not exist")


def test_rebuild_drops_partitions_whose_parquet_is_gone_when_asked(sample, tmp_path):
    store, warehouse, gone = _published_then_a_day_gone(sample, tmp_path)

    dropped = _rebuild(sample, store, warehouse.path, "--drop-missing")
    assert dropped.returncode == 0, dropped.stderr
    assert f"from {len(DAYS) - 1} partitions" in dropped.stdout
    assert f"{gone}: dropped, no Parquet of it is left (--drop-missing)\n" in dropped.stdout
    assert warehouse.published_partitions() == set(DAYS) - {gone}


def test_rebuild_refuses_to_drop_a_published_partition_whose_parquet_is_incomplete(
    sample, tmp_path
):
    """One table of a published day lost: the day is neither judged (its checks could not
    read it) nor dropped unasked; asked, it is left out and named with the missing table."""
    store, warehouse, gone = _published_then_a_day_gone(sample, tmp_path, ("entities",))
    before = dump(warehouse.path)
    _refused(sample, store, warehouse, _missing_message(store, gone))
    with pytest.raises(PublishedPartitionsMissing, match=gone):
        warehouse.rebuild(store)  # without a gate too
    assert dump(warehouse.path) == before

    dropped = _rebuild(sample, store, warehouse.path, "--drop-missing")
    assert dropped.returncode == 1, dropped.stderr  # a partition was left out
    assert f"{gone}: skipped, its Parquet lacks tables: entities" in dropped.stdout
    assert "0 blocked partitions skipped, 1 incomplete" in dropped.stdout
    assert "dropped, no Parquet" not in dropped.stdout  # named once, with its missing table
    assert warehouse.published_partitions() == set(DAYS) - {gone}


def test_rebuild_refuses_to_drop_a_published_empty_day_whose_parquet_is_gone(sample, tmp_path):
    """A day loaded empty (no files landed) is a published day too (partition_quality lists
    it): a rebuild does not drop it unasked when its Parquet is gone."""
    store = copy_store(sample.data_dir, tmp_path / "parquet")
    empty = "2026-11-21"
    settings = dataclasses.replace(sample, raw_dir=tmp_path / "raw", data_dir=store.root)
    settings.raw_dir.mkdir()
    build_partition(settings, empty)  # no landing folder: an empty day
    warehouse = Warehouse(tmp_path / "warehouse.duckdb")
    warehouse.publish(store, [empty, *DAYS])
    assert warehouse.published_partitions() == {empty, *DAYS}
    for table in TABLES:
        shutil.rmtree(store.partition_dir(table, empty))
    _refused(sample, store, warehouse, _missing_message(store, empty))


def test_published_days_of_a_warehouse_written_before_the_partitions_table(store, tmp_path):
    warehouse = Warehouse(tmp_path / "warehouse.duckdb")
    warehouse.publish(store, list(DAYS))
    con = duckdb.connect(str(warehouse.path))
    try:
        con.execute("DROP TABLE partitions")
    finally:
        con.close()
    assert warehouse.published_partitions() == set(DAYS)  # the days with files
    assert warehouse.published_versions() == dict.fromkeys(DAYS)  # versions not recorded


def test_published_versions_of_a_warehouse_written_before_partitions_recorded_them(store, tmp_path):
    """The parser version of each day, as the load recorded it; a warehouse whose partitions
    table predates the column still names every day it holds, without versions."""
    warehouse = Warehouse(tmp_path / "warehouse.duckdb")
    warehouse.publish(store, list(DAYS))
    assert warehouse.published_versions() == dict.fromkeys(DAYS, PARSER_VERSION)
    con = duckdb.connect(str(warehouse.path))
    try:
        con.execute("ALTER TABLE partitions DROP COLUMN parser_version")
    finally:
        con.close()
    assert warehouse.published_versions() == dict.fromkeys(DAYS)


def test_rebuild_refuses_when_a_run_publishes_a_day_while_it_judges_the_others(store, tmp_path):
    """A run's load publishes a day after the rebuild listed the Parquet: a rebuild from its
    list would drop that day, so it refuses and changes nothing."""
    late = DAYS[0]
    held = tmp_path / "held"
    for table in TABLES:  # the late day's Parquet is written only once the rebuild has listed
        shutil.move(store.partition_dir(table, late), held / table)
    warehouse = Warehouse(tmp_path / "warehouse.duckdb")
    warehouse.publish(store, list(DAYS[1:]))

    def gate(partition: str) -> GateVerdict:
        if partition == DAYS[1] and held.exists():  # meanwhile a run parses and loads it
            for table in TABLES:
                shutil.move(held / table, store.partition_dir(table, late))
            held.rmdir()
            warehouse.publish(store, [late])
        return GateVerdict(partition, parquet_fingerprint(store, partition), [])

    with pytest.raises(
        PartitionChanged,
        match=f"published while the rebuild judged the others: {late}; nothing was changed",
    ):
        warehouse.rebuild(store, gate)
    assert warehouse.published_partitions() == set(DAYS)  # as the run's load left it
    assert warehouse.rebuild(store, gate).partitions.keys() == set(DAYS)  # run again: all


def test_a_held_partition_lock_makes_the_load_fail_clearly_instead_of_waiting(store, tmp_path):
    warehouse = Warehouse(tmp_path / "warehouse.duckdb", busy_timeout=1.0)
    warehouse.publish(store, list(DAYS[:-1]))
    before = dump(warehouse.path)
    parse = spawn("hold-partition-lock", str(store.root), DAY)  # a parse of DAY, say
    read_until(parse, "ready")
    try:
        started = time.monotonic()
        with pytest.raises(WarehouseBusy, match=f"partition {DAY} is being written"):
            warehouse.publish(store, [DAY])
        assert 1.0 <= time.monotonic() - started < 10
        assert dump(warehouse.path) == before
        # the warehouse lock was let go: loads of other partitions go on meanwhile
        assert warehouse.publish(store, [DAYS[0]]).partitions[DAYS[0]]["articles"] > 0
    finally:
        parse.stdin.close()
        assert parse.wait(timeout=30) == 0
    assert warehouse.publish(store, [DAY]).partitions[DAY]["articles"] > 0


def _crash_a_writer(path: Path) -> None:
    assert spawn("crash-writer", str(path)).wait(timeout=60) == 0
    assert path.with_name(path.name + ".wal").exists()


def _writes_kept_and_every_day_loaded(path: Path) -> None:
    """The writer's table is in the warehouse beside all four days."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        assert con.sql("SELECT note FROM analyst_notes").fetchall() == [("kept",)]
        assert con.sql("SELECT count(DISTINCT ingest_date) FROM raw_files").fetchall() == [(4,)]
    finally:
        con.close()


def test_a_stale_wal_is_folded_in_before_the_copy(store, tmp_path):
    warehouse = Warehouse(tmp_path / "warehouse.duckdb")
    warehouse.publish(store, list(DAYS[:-1]))
    _crash_a_writer(warehouse.path)

    warehouse.publish(store, [DAY])
    assert not warehouse.path.with_name(warehouse.path.name + ".wal").exists()
    _writes_kept_and_every_day_loaded(warehouse.path)  # opens: no foreign WAL replayed


def test_a_stale_wal_with_readers_still_open_refuses_the_load(store, tmp_path):
    warehouse = Warehouse(tmp_path / "warehouse.duckdb", busy_timeout=1.0)
    warehouse.publish(store, list(DAYS[:-1]))
    _crash_a_writer(warehouse.path)
    before = dump(warehouse.path, ("raw_files",))
    reader = spawn("hold-read-only", str(warehouse.path))
    read_until(reader, "ready")
    try:
        with pytest.raises(WarehouseBusy, match="ended without a checkpoint"):
            warehouse.publish(store, [DAY])
    finally:
        reader.stdin.close()
        assert reader.wait(timeout=30) == 0
    assert dump(warehouse.path, ("raw_files",)) == before
    assert private_files(warehouse.path) == []


def test_a_writer_that_opens_the_live_file_during_the_load_stops_the_swap(
    store, tmp_path, monkeypatch
):
    # A read-write connection opened after the copy writes to the old file; swapping would lose
    # its writes and leave its WAL beside the new file, which then opens for nobody.
    warehouse = Warehouse(tmp_path / "warehouse.duckdb", busy_timeout=1.0)
    warehouse.publish(store, list(DAYS[:-1]))
    before = dump(warehouse.path, ("raw_files",))
    create_views = Warehouse._create_views

    def views_then_a_writer(self, con):
        create_views(self, con)
        _crash_a_writer(self.path)

    monkeypatch.setattr(Warehouse, "_create_views", views_then_a_writer)
    with pytest.raises(WarehouseBusy, match="appeared during the load"):
        warehouse.publish(store, [DAY])
    monkeypatch.undo()
    assert private_files(warehouse.path) == []
    assert dump(warehouse.path, ("raw_files",)) == before  # opens, WAL and all
    warehouse.publish(store, [DAY])  # the retry folds the writer's WAL in first
    _writes_kept_and_every_day_loaded(warehouse.path)


def test_a_writer_that_writes_and_closes_during_the_load_stops_the_swap(
    store, tmp_path, monkeypatch
):
    # A clean close folds the WAL into the file: no WAL is left, but the file changed.
    warehouse = Warehouse(tmp_path / "warehouse.duckdb", busy_timeout=1.0)
    warehouse.publish(store, list(DAYS[:-1]))
    create_views = Warehouse._create_views

    def views_then_a_writer(self, con):
        create_views(self, con)
        assert spawn("clean-writer", str(self.path)).wait(timeout=60) == 0
        assert not self.path.with_name(self.path.name + ".wal").exists()

    monkeypatch.setattr(Warehouse, "_create_views", views_then_a_writer)
    with pytest.raises(WarehouseBusy, match="changed during the load"):
        warehouse.publish(store, [DAY])
    monkeypatch.undo()
    assert private_files(warehouse.path) == []
    warehouse.publish(store, [DAY])  # the retry starts from the written file
    _writes_kept_and_every_day_loaded(warehouse.path)


def test_an_orphan_wal_is_moved_aside_when_the_warehouse_file_is_gone(store, tmp_path):
    warehouse = Warehouse(tmp_path / "warehouse.duckdb")
    warehouse.publish(store, list(DAYS))
    _crash_a_writer(warehouse.path)
    warehouse.path.unlink()  # an operator starts over; the dead writer's WAL stays

    load = warehouse.rebuild(store)
    assert "orphan WAL was moved aside" in str(load.copy)
    assert dump(warehouse.path)["raw_files"]  # opens: the foreign WAL was not replayed onto it
    assert not warehouse.path.with_name(warehouse.path.name + ".wal").exists()
    assert len(list(tmp_path.glob("warehouse.duckdb.wal.orphan-*"))) == 1
    warehouse.publish(store, [DAY])  # and later loads go on


def test_a_load_where_a_published_warehouse_is_gone_refuses_to_start_one_of_its_days(
    store, tmp_path
):
    """The warehouse moved away or deleted: a run's load would publish a warehouse of its one
    day where all of them were, and analysts would find the others gone without a word."""
    warehouse = Warehouse(tmp_path / "warehouse.duckdb")
    warehouse.publish(store, list(DAYS))
    lock = tmp_path / "warehouse.duckdb.lock"
    assert lock.read_text() == f"published {warehouse.path}\n"
    warehouse.path.rename(tmp_path / "moved.duckdb")
    with pytest.raises(WarehouseUnavailable) as refused:
        warehouse.publish(store, [DAY])
    assert str(refused.value) == (
        f"{warehouse.path} is missing, but a warehouse was published there before ({lock} says "
        "so); nothing was published, as a warehouse of this run's days alone would stand in for "
        "it. Restore the file, or run `warta rebuild` to build it again from the Parquet (for a "
        f"new warehouse of nothing else, delete {lock})"
    )
    assert not warehouse.path.exists()
    warehouse.rebuild(store)  # builds it from every partition
    assert dump(warehouse.path) == dump(tmp_path / "moved.duckdb")
    warehouse.path.unlink()
    lock.unlink()  # a new warehouse is meant
    warehouse.publish(store, [DAY])
    assert {d for (d,) in _days(warehouse.path)} == {DAY}


def test_a_first_load_that_failed_leaves_no_mark_of_a_warehouse(store, tmp_path):
    warehouse = Warehouse(tmp_path / "warehouse.duckdb")
    with pytest.raises(ValueError, match="not a partition key"):
        warehouse.publish(store, ["not-a-day"])
    with pytest.raises(RuntimeError, match="refused"):
        warehouse.publish(store, [DAY], before=_refuse)
    assert (tmp_path / "warehouse.duckdb.lock").read_text() == ""
    warehouse.publish(store, [DAY])  # the first warehouse, not one taken for gone
    assert {d for (d,) in _days(warehouse.path)} == {DAY}


def _refuse() -> None:
    raise RuntimeError("refused")


def _days(path: Path) -> list[tuple[str]]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.sql("SELECT DISTINCT ingest_date::VARCHAR FROM raw_files").fetchall()
    finally:
        con.close()


def _damage(path: Path, how: str) -> bytes:
    """Overwrite the warehouse file with bytes that are no database, or cut it short."""
    data = path.read_bytes()
    damaged = os.urandom(100_000) if how == "overwritten" else data[: len(data) * 2 // 5]
    path.write_bytes(damaged)
    return damaged


@pytest.mark.parametrize("how", ["overwritten", "cut short"])
def test_a_load_onto_a_damaged_warehouse_fails_saying_to_rebuild(store, tmp_path, how):
    """A file DuckDB cannot read is no passing trouble: the load says so and what to do, and
    publishes nothing (a Dagster run fails without its retries)."""
    warehouse = Warehouse(tmp_path / "warehouse.duckdb")
    warehouse.publish(store, list(DAYS))
    damaged = _damage(warehouse.path, how)
    with pytest.raises(
        WarehouseDamaged, match=r"is not a readable DuckDB database .*warta rebuild"
    ):
        warehouse.publish(store, list(DAYS))
    assert warehouse.path.read_bytes() == damaged
    assert private_files(warehouse.path) == []


@pytest.mark.parametrize("how", ["overwritten", "cut short"])
def test_rebuild_moves_a_damaged_warehouse_aside_and_builds_it_from_parquet(sample, tmp_path, how):
    store = copy_store(sample.data_dir, tmp_path / "parquet")
    warehouse = tmp_path / "warehouse.duckdb"
    Warehouse(warehouse).publish(store, list(DAYS))
    damaged = _damage(warehouse, how)
    result = _rebuild(sample, store, warehouse)
    assert result.returncode == 0, result.stdout + result.stderr
    (aside,) = tmp_path.glob("warehouse.duckdb.damaged-*")
    assert aside.read_bytes() == damaged  # kept for whoever wants to look at it
    assert (
        f"warning: {warehouse} was not a readable DuckDB database; it was moved aside to {aside}"
    ) in result.stdout
    assert f"rebuilt {warehouse} from {len(DAYS)} partitions" in result.stdout
    assert Warehouse(warehouse).published_partitions() == set(DAYS)
    assert dump(warehouse)["articles"]


def test_a_file_set_aside_twice_in_one_second_keeps_both(tmp_path, monkeypatch):
    """Damaged warehouses and orphan WALs are kept under ``<name>.<why>-<UTC time>``; a second
    one in the same second does not replace the first."""
    import warta.warehouse

    monkeypatch.setattr(warta.warehouse.time, "strftime", lambda *_: "20261129T180000Z")
    path = tmp_path / "warehouse.duckdb"
    first = warta.warehouse._aside(path, "damaged")
    assert first == tmp_path / "warehouse.duckdb.damaged-20261129T180000Z"
    first.write_bytes(b"kept")
    assert warta.warehouse._aside(path, "damaged") == first.with_name(first.name + "-2")


def test_a_rebuild_that_fails_after_moving_a_damaged_warehouse_aside_puts_it_back(store, tmp_path):
    """Without the file back, the next nightly load would start a new warehouse of one day,
    and the damage would no longer show."""
    warehouse = Warehouse(tmp_path / "warehouse.duckdb")
    warehouse.publish(store, list(DAYS))
    damaged = _damage(warehouse.path, "overwritten")
    store.partition_file("articles", DAY).write_bytes(b"PAR1 not a parquet file PAR1")
    with pytest.raises(duckdb.Error):
        warehouse.rebuild(store)
    assert warehouse.path.read_bytes() == damaged
    assert list(tmp_path.glob("warehouse.duckdb.damaged-*")) == []
    assert private_files(warehouse.path) == []


def test_a_damaged_warehouse_that_cannot_be_put_back_is_named_beside_the_rebuilds_error(
    store, tmp_path, monkeypatch
):
    import warta.warehouse

    warehouse = Warehouse(tmp_path / "warehouse.duckdb")
    warehouse.publish(store, list(DAYS))
    _damage(warehouse.path, "overwritten")
    store.partition_file("articles", DAY).write_bytes(b"PAR1 not a parquet file PAR1")
    replace = os.replace

    def refuse_the_way_back(source, target):
        if ".damaged-" in str(source):
            raise PermissionError(1, "Operation not permitted")
        replace(source, target)

    monkeypatch.setattr(warta.warehouse.os, "replace", refuse_the_way_back)
    with pytest.raises(duckdb.Error) as raised:  # the rebuild's own error, not the put-back's
        warehouse.rebuild(store)
    (aside,) = tmp_path.glob("warehouse.duckdb.damaged-*")
    assert raised.value.__notes__ == [
        f"the damaged warehouse stays at {aside}: putting it back failed ([Errno 1] Operation "
        "not permitted)"
    ]


def test_rebuild_waits_for_a_read_write_holder_and_fails_as_busy(store, tmp_path):
    warehouse = Warehouse(tmp_path / "warehouse.duckdb", busy_timeout=1.0)
    warehouse.publish(store, list(DAYS))
    holder = spawn("hold-read-write", str(warehouse.path))
    read_until(holder, "ready")
    try:
        started = time.monotonic()
        with pytest.raises(WarehouseBusy, match="open read-write by another process"):
            warehouse.rebuild(store)
        assert time.monotonic() - started >= 1.0
    finally:
        holder.stdin.close()
        assert holder.wait(timeout=30) == 0


def test_a_load_refuses_a_key_that_is_not_a_partition_and_a_partition_missing_a_table(
    store, tmp_path
):
    warehouse = Warehouse(tmp_path / "warehouse.duckdb")
    warehouse.publish(store, list(DAYS))
    before = dump(warehouse.path)
    with pytest.raises(ValueError, match="not a partition key"):
        warehouse.publish(store, [DAYS[0].replace("-", "")])  # an ISO date, not the key
    store.partition_file("entities", DAYS[0]).unlink()
    with pytest.raises(PartitionIncomplete, match=f"partition {DAYS[0]} has Parquet for"):
        warehouse.publish(store, [DAYS[0]])
    assert dump(warehouse.path) == before
    assert private_files(warehouse.path) == []


def test_leftovers_of_killed_loads_go_but_another_warehouses_files_stay(store, tmp_path):
    warehouse = Warehouse(tmp_path / "warehouse.duckdb")
    spill = tmp_path / ".warehouse.duckdb.0123456789ab.tmp.tmp"  # DuckDB's spill folder
    spill.mkdir()
    (spill / "duckdb_temp_storage-0.tmp").write_bytes(b"spilled")
    other = tmp_path / ".warehouse.duckdb.staging.0123456789ab.tmp"  # warehouse.duckdb.staging's
    other.write_bytes(b"another warehouse's load")
    warehouse.publish(store, [DAY])
    assert not spill.exists()
    assert other.read_bytes() == b"another warehouse's load"
