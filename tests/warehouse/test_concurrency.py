"""Readers never block the load, the load never breaks readers; writers are serialised.

Every test runs the other side in a real process (tests/warehouse/worker.py).
"""

from __future__ import annotations

import fcntl
import threading
import time

import duckdb
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
from warta.parquet_store import ParquetStore
from warta.schema import TABLES
from warta.warehouse import Warehouse, WarehouseBusy

DAY = DAYS[-1]


@pytest.fixture
def stores(sample, tmp_path) -> tuple[ParquetStore, ParquetStore]:
    """The sample store, and a copy of it without the last partition."""
    full = copy_store(sample.data_dir, tmp_path / "full")
    return full, copy_store(sample.data_dir, tmp_path / "without", without=(DAY,))


def test_open_reader_keeps_its_snapshot_and_new_connections_see_the_new_data(stores, tmp_path):
    full, without = stores
    warehouse = Warehouse(tmp_path / "warehouse.duckdb")
    warehouse.publish(without, without.partitions())
    inode = warehouse.path.stat().st_ino
    analyst = spawn("analyst", str(warehouse.path))
    before = int(read_until(analyst, "before").split()[1])
    read_until(analyst, "ready")

    warehouse.publish(full, [DAY])  # while the analyst queries in a loop
    assert warehouse.path.stat().st_ino != inode
    assert len(dump(warehouse.path)["articles"]) == before + 1  # a new connection, new data

    analyst.stdin.write("published\n")
    analyst.stdin.flush()
    _, polls, _, after = read_until(analyst, "during").split()
    assert int(polls) > 0 and int(after) == before  # the open connection kept the old file
    assert read_until(analyst, "reconnected") == f"reconnected {before + 1}"
    assert analyst.wait(timeout=30) == 0


def test_read_write_holder_makes_the_load_retry_then_fail_clearly(stores, tmp_path):
    full, without = stores
    warehouse = Warehouse(tmp_path / "warehouse.duckdb", busy_timeout=1.0)
    warehouse.publish(without, without.partitions())
    before = dump(warehouse.path)
    holder = spawn("hold-read-write", str(warehouse.path))
    read_until(holder, "ready")
    started = time.monotonic()
    with pytest.raises(WarehouseBusy) as raised:
        warehouse.publish(full, [DAY])
    assert time.monotonic() - started >= 1.0  # retried for busy_timeout before giving up
    message = str(raised.value)
    assert "open read-write by another process" in message and "read_only=True" in message
    assert f". DuckDB names the holder: PID {holder.pid}, " in message  # the process to look at
    holder.stdin.close()
    assert holder.wait(timeout=30) == 0
    assert dump(warehouse.path) == before
    assert private_files(warehouse.path) == []


def test_load_waits_for_a_read_write_holder_that_lets_go(stores, tmp_path):
    full, without = stores
    warehouse = Warehouse(tmp_path / "warehouse.duckdb", busy_timeout=20.0)
    warehouse.publish(without, without.partitions())
    holder = spawn("hold-read-write", str(warehouse.path))
    read_until(holder, "ready")
    threading.Timer(0.5, holder.stdin.close).start()
    load = warehouse.publish(full, [DAY])
    assert load.seconds >= 0.5 and load.partitions[DAY]["articles"] == 1
    assert holder.wait(timeout=30) == 0


def test_a_load_waits_for_the_writer_lock_and_fails_clearly_when_it_is_not_released(
    stores, tmp_path
):
    full, _ = stores
    warehouse = Warehouse(tmp_path / "warehouse.duckdb", lock_timeout=0.5)
    with open(tmp_path / "warehouse.duckdb.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        with pytest.raises(WarehouseBusy, match="another Warta load holds"):
            warehouse.publish(full, [DAY])
    assert not warehouse.path.exists()


def test_two_concurrent_loads_of_the_same_partition_end_correct_and_not_duplicated(
    stores, tmp_path
):
    full, without = stores
    expected_path = tmp_path / "expected.duckdb"
    Warehouse(expected_path).rebuild(full)
    warehouse = Warehouse(tmp_path / "warehouse.duckdb")
    warehouse.publish(without, without.partitions())
    loads = [spawn("publish", str(warehouse.path), str(full.root), DAY) for _ in range(2)]
    for load in loads:
        read_until(load, "done")
        assert load.wait(timeout=60) == 0
    tables = dump(warehouse.path)
    assert tables == dump(expected_path)
    ids = [row[0] for row in tables["articles"]]
    assert len(ids) == len(set(ids))


def test_two_concurrent_loads_of_different_partitions_both_land(sample, tmp_path):
    """Each load copies the warehouse, replaces its partition and swaps the file in: without
    the writer lock the later swap would silently drop the other load's partition."""
    full = copy_store(sample.data_dir, tmp_path / "full")
    days = DAYS[-2:]
    without = copy_store(sample.data_dir, tmp_path / "without", without=days)
    expected_path = tmp_path / "expected.duckdb"
    Warehouse(expected_path).rebuild(full)
    warehouse = Warehouse(tmp_path / "warehouse.duckdb")
    warehouse.publish(without, without.partitions())
    con = duckdb.connect(str(warehouse.path), read_only=True)
    try:
        loaded = con.sql("SELECT DISTINCT ingest_date::VARCHAR FROM articles").fetchall()
    finally:
        con.close()
    assert loaded and {day for (day,) in loaded}.isdisjoint(days)
    loads = [spawn("publish", str(warehouse.path), str(full.root), day) for day in days]
    for load in loads:
        read_until(load, "done")
        assert load.wait(timeout=60) == 0
    assert dump(warehouse.path) == dump(expected_path)
    assert private_files(warehouse.path) == []


def test_two_concurrent_builds_of_the_same_partition_publish_one_whole_partition(sample, tmp_path):
    store = copy_store(sample.data_dir, tmp_path / "parquet")
    day = DAYS[2]
    expected = {t: pq.read_table(store.partition_file(t, day)) for t in TABLES}
    builds = [spawn("build", str(sample.raw_dir), str(store.root), day) for _ in range(2)]
    for build in builds:
        read_until(build, "done")
        assert build.wait(timeout=60) == 0
    assert {t: pq.read_table(store.partition_file(t, day)) for t in TABLES} == expected
    assert partition_problems(store, day) == []
    assert list((store.root / "_staging").iterdir()) == []
