"""Publishing: loads mirror Parquet exactly, are idempotent, and fail without damage."""

from __future__ import annotations

import shutil

import duckdb
import pyarrow.parquet as pq
import pytest

from tests.warehouse.conftest import DAYS, dump, private_files
from warta.parquet_store import COMMITTED, PART_FILE
from warta.schema import TABLES
from warta.warehouse import Warehouse

SEED_DAY = DAYS[-1]


def test_load_mirrors_parquet_and_is_idempotent(store, tmp_path):
    warehouse = Warehouse(tmp_path / "warehouse.duckdb")
    load = warehouse.publish(store, store.partitions())
    seed = load.partitions[SEED_DAY]
    assert (seed["raw_files"], seed["articles"], seed["paragraphs"], seed["ad_markers"]) == (
        1, 1, 19, 6,
    )  # fmt: skip
    first = dump(warehouse.path)
    for table in TABLES:
        parquet_rows = sum(pq.read_metadata(store.partition_file(table, d)).num_rows for d in DAYS)
        assert len(first[table]) == parquet_rows > 0, table
    warehouse.publish(store, [SEED_DAY, DAYS[1]])
    assert dump(warehouse.path) == first


def test_failed_load_leaves_previous_warehouse_intact(store, tmp_path):
    warehouse = Warehouse(tmp_path / "warehouse.duckdb")
    warehouse.publish(store, store.partitions())
    before = dump(warehouse.path)
    store.partition_file("paragraphs", SEED_DAY).write_bytes(b"not parquet at all")
    with pytest.raises(duckdb.Error):
        warehouse.publish(store, [SEED_DAY])
    assert dump(warehouse.path) == before
    assert private_files(warehouse.path) == []


def test_next_load_removes_files_a_killed_load_left(store, tmp_path):
    warehouse = Warehouse(tmp_path / "warehouse.duckdb")
    warehouse.publish(store, [SEED_DAY])
    for name in (".warehouse.duckdb.0123456789ab.tmp", ".warehouse.duckdb.0123456789ab.tmp.wal"):
        (tmp_path / name).write_bytes(b"half a database")
    warehouse.publish(store, [SEED_DAY])
    assert private_files(warehouse.path) == []


def test_committed_staging_is_rolled_forward_and_uncommitted_staging_dropped(store, tmp_path):
    day = DAYS[0]
    staging = store.root / "_staging"
    newer = {t: pq.read_table(store.partition_file(t, DAYS[1])) for t in TABLES}
    older = {t: pq.read_table(store.partition_file(t, day)) for t in TABLES}

    def stage(name: str, tables: list[str], committed: bool) -> None:
        for table in tables:
            (staging / name / table).mkdir(parents=True)
            pq.write_table(newer[table], staging / name / table / PART_FILE)
        if committed:
            (staging / name / COMMITTED).touch()

    stage(f"{day}-uncommitted", list(TABLES), committed=False)
    with store.lock(day):
        pass
    assert not staging.joinpath(f"{day}-uncommitted").exists()
    assert {t: pq.read_table(store.partition_file(t, day)) for t in TABLES} == older

    # killed after the commit mark, with two tables already moved into place
    moved, left = list(TABLES)[:2], list(TABLES)[2:]
    for table in moved:
        shutil.copy(store.partition_file(table, DAYS[1]), store.partition_file(table, day))
    stage(f"{day}-committed", left, committed=True)
    with store.lock(day):
        assert {t: pq.read_table(store.partition_file(t, day)) for t in TABLES} == newer
    assert list(staging.iterdir()) == []
