"""The DuckDB warehouse: load, idempotent re-load, atomic publish, documented schema, SQL files."""

from __future__ import annotations

import duckdb
import pytest

from tests.conftest import SEED, put
from warta import sql
from warta.parquet_store import ParquetStore
from warta.partition import build_partition
from warta.sample import generate
from warta.schema import TABLES
from warta.warehouse import Warehouse

DAY = "2026-11-25"


def _dump(path) -> dict[str, list[tuple]]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return {t: con.sql(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in TABLES}
    finally:
        con.close()


@pytest.fixture
def built(landing):
    for relative, data in generate().items():
        put(landing, relative, data)
    put(landing, f"{DAY}/000_39c4db6f91142a44.txt", SEED.read_bytes())
    store = ParquetStore(landing.data_dir)
    for day in ("2026-11-22", "2026-11-23", "2026-11-24", DAY):
        build_partition(landing, day)
    return landing, store


def test_load_is_idempotent_and_matches_parquet(built):
    settings, store = built
    warehouse = Warehouse(settings.warehouse)
    load = warehouse.publish(store, store.partitions())
    assert load.partitions[DAY] == {
        "raw_files": 1, "articles": 1, "paragraphs": 19,
        "entities": load.partitions[DAY]["entities"], "ad_markers": 6,
    }  # fmt: skip
    first = _dump(settings.warehouse)
    warehouse.publish(store, [DAY, "2026-11-23"])
    assert _dump(settings.warehouse) == first
    rebuilt = warehouse.rebuild(store)
    assert set(rebuilt.partitions) == {"2026-11-22", "2026-11-23", "2026-11-24", DAY}
    assert _dump(settings.warehouse) == first
    con = duckdb.connect(str(settings.warehouse), read_only=True)
    for table in TABLES:
        parquet_rows = con.sql(
            "SELECT count(*) FROM read_parquet($glob, hive_partitioning = false)",
            params={"glob": str(store.root / table / "*" / "*.parquet")},
        ).fetchall()[0][0]
        assert con.sql(f"SELECT count(*) FROM {table}").fetchall()[0][0] == parquet_rows > 0


def test_every_table_view_and_column_is_commented(built):
    settings, store = built
    Warehouse(settings.warehouse).publish(store, [DAY])
    con = duckdb.connect(str(settings.warehouse), read_only=True)
    tables = con.sql(
        "SELECT table_name, comment FROM duckdb_tables() UNION ALL "
        "SELECT view_name, comment FROM duckdb_views() WHERE NOT internal"
    ).fetchall()
    assert {name for name, _ in tables} >= set(TABLES)
    assert all(comment for _, comment in tables), tables
    uncommented = con.sql(
        "SELECT table_name, column_name FROM duckdb_columns() "
        "WHERE NOT internal AND table_name IN (SELECT table_name FROM duckdb_tables()) "
        "AND coalesce(comment, '') = ''"
    ).fetchall()
    assert uncommented == []


def test_failed_load_leaves_previous_warehouse_intact(built):
    settings, store = built
    warehouse = Warehouse(settings.warehouse)
    warehouse.publish(store, store.partitions())
    before = _dump(settings.warehouse)
    broken = store.partition_file("paragraphs", DAY)
    broken.write_bytes(b"not parquet at all")
    with pytest.raises(duckdb.Error):
        warehouse.publish(store, [DAY])
    assert _dump(settings.warehouse) == before
    leftovers = [p.name for p in settings.warehouse.parent.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


def test_analysis_queries_run_and_return_rows(built):
    settings, store = built
    Warehouse(settings.warehouse).publish(store, store.partitions())
    con = duckdb.connect(str(settings.warehouse), read_only=True)
    files = sorted((sql.sql_dir() / "analysis").glob("*.sql"))
    assert len(files) >= 3
    for path in files:
        _, rows = sql.query(con, f"analysis/{path.name}")
        assert rows, path.name
    by_site = dict(
        ((site, section), n)
        for site, section, n, *_ in sql.query(con, "analysis/articles_by_site_section.sql")[1]
    )
    assert by_site[("Faktual Indonesia", "Internasional")] >= 1
    assert sum(by_site.values()) == con.sql("SELECT count(*) FROM articles").fetchall()[0][0]
    quality = con.sql("SELECT * FROM partition_quality ORDER BY ingest_date").fetchall()
    assert [str(row[0]) for row in quality] == ["2026-11-22", "2026-11-23", "2026-11-24", DAY]
