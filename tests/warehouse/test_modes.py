"""Incremental loads (one partition a night, in any order) and `warta rebuild` agree exactly."""

from __future__ import annotations

import datetime
import random

import duckdb

from tests.warehouse.conftest import ALL_TABLES, DAYS, dump
from warta import sql
from warta.schema import TABLES
from warta.warehouse import DERIVED_TABLES, Warehouse


def test_partitions_loaded_one_by_one_in_any_order_equal_a_rebuild(store, tmp_path):
    rebuilt = Warehouse(tmp_path / "rebuilt.duckdb")
    rebuilt.rebuild(store)
    expected = dump(rebuilt.path)
    assert all(expected[t] for t in ALL_TABLES)
    rng = random.Random(6)
    for attempt in range(2):
        order = rng.sample(DAYS, len(DAYS))
        incremental = Warehouse(tmp_path / f"incremental-{attempt}.duckdb")
        for day in order:
            incremental.publish(store, [day])
        assert dump(incremental.path) == expected, order


def test_a_nightly_load_touches_only_its_partition(store, tmp_path):
    warehouse = Warehouse(tmp_path / "warehouse.duckdb")
    warehouse.publish(store, list(DAYS))
    before = dump(warehouse.path)
    for table in TABLES:  # an older partition vanishes from Parquet: the nightly load ignores it
        store.partition_file(table, DAYS[0]).unlink()
    warehouse.publish(store, [DAYS[-1]])
    assert dump(warehouse.path) == before
    warehouse.publish(store, [DAYS[0]])  # loading that partition itself removes it
    after = dump(warehouse.path)
    Warehouse(tmp_path / "rebuilt.duckdb").rebuild(store)
    assert after == dump(tmp_path / "rebuilt.duckdb")
    assert all(str(row[0]) != DAYS[0] for row in after["raw_files"])


def test_a_warehouse_without_the_derived_tables_gets_them_on_the_next_load(store, tmp_path):
    warehouse = Warehouse(tmp_path / "warehouse.duckdb")
    warehouse.rebuild(store)
    expected = dump(warehouse.path)
    con = duckdb.connect(str(warehouse.path))
    for table in DERIVED_TABLES:  # as a warehouse written before they existed
        con.execute(f"DROP TABLE {table} CASCADE")
    con.close()
    warehouse.publish(store, [DAYS[-1]])
    assert dump(warehouse.path) == expected


def test_a_warehouse_from_before_entity_name_days_is_derived_again_once(store, tmp_path):
    warehouse = Warehouse(tmp_path / "warehouse.duckdb")
    warehouse.rebuild(store)
    expected = dump(warehouse.path)
    con = duckdb.connect(str(warehouse.path))
    con.execute("DROP TABLE entity_name_days CASCADE")  # entity_days and entity_pairs are full
    con.execute("UPDATE entity_days SET canonical_name = lower(canonical_name)")  # older names
    con.close()
    warehouse.publish(store, [DAYS[-1]])  # every day's derived rows are written again, once
    assert dump(warehouse.path) == expected
    warehouse.publish(store, [DAYS[0]])
    assert dump(warehouse.path) == expected


def _mention(con: duckdb.DuckDBPyConnection, day: str, article: str, key: str) -> None:
    con.execute(
        "INSERT INTO entities VALUES ($article, 0, 0, 1, 'x', 'LOC', $key, $key, 'rule', $day)",
        {"article": article, "key": key, "day": day},
    )


def test_derived_partitions_are_not_derived_again_even_without_entity_pairs():
    con = duckdb.connect()
    sql.run(con, "warehouse/schema.sql")
    # derived by an earlier load: its entity_days rows are there, it has no entity pairs
    _mention(con, "2026-11-22", "a1", "LOC:a")
    _mention(con, "2026-11-22", "a1", "LOC:b")
    con.execute("INSERT INTO entity_days VALUES ('2026-11-22', 'LOC:a', 'LOC', 'LOC:a', 1, 1)")
    con.execute("INSERT INTO entity_name_days VALUES ('2026-11-22', 'LOC:a', 'LOC:a', 1)")
    # just replaced by this load: nothing derived yet
    _mention(con, "2026-11-23", "a2", "LOC:a")
    _mention(con, "2026-11-23", "a2", "LOC:c")
    sql.run(con, "warehouse/derive_missing.sql")
    pairs = con.sql("SELECT ingest_date::VARCHAR, entity_key_a, entity_key_b FROM entity_pairs")
    assert pairs.fetchall() == [("2026-11-23", "LOC:a", "LOC:c")]
    days = con.sql("SELECT ingest_date::VARCHAR, count(*) FROM entity_days GROUP BY ALL ORDER BY 1")
    assert days.fetchall() == [("2026-11-22", 1), ("2026-11-23", 2)]
    sql.run(con, "warehouse/derive_missing.sql")  # a second load adds nothing
    assert con.sql("SELECT count(*) FROM entity_pairs").fetchall() == [(1,)]
    assert con.sql("SELECT count(*) FROM entity_days").fetchall() == [(3,)]
    assert con.sql("SELECT count(*) FROM entity_name_days").fetchall() == [(3,)]


def _partitions(path) -> dict[str, object]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        rows = con.sql("SELECT ingest_date::VARCHAR, loaded_at FROM partitions").fetchall()
    finally:
        con.close()
    assert len(rows) == len({day for day, _ in rows}), rows  # one row a day, always
    return dict(rows)


def test_partitions_holds_every_loaded_day_with_its_load_time_and_loses_dropped_ones(
    store, tmp_path
):
    warehouse = Warehouse(tmp_path / "warehouse.duckdb")
    warehouse.publish(store, list(DAYS))
    first = _partitions(warehouse.path)
    assert sorted(first) == sorted(DAYS) and all(first.values())
    warehouse.publish(store, [DAYS[-1]])  # a reload stamps its own partition only
    second = _partitions(warehouse.path)
    assert second[DAYS[-1]] > first[DAYS[-1]]
    assert {d: t for d, t in second.items() if d != DAYS[-1]} == {
        d: t for d, t in first.items() if d != DAYS[-1]
    }
    for table in TABLES:  # the partition withdrawn from Parquet: loading it removes it
        store.partition_file(table, DAYS[0]).unlink()
    warehouse.publish(store, [DAYS[0]])
    assert sorted(_partitions(warehouse.path)) == sorted(DAYS[1:])


def test_a_warehouse_without_the_partitions_table_gets_its_days_on_the_next_load(store, tmp_path):
    warehouse = Warehouse(tmp_path / "warehouse.duckdb")
    warehouse.publish(store, list(DAYS))
    con = duckdb.connect(str(warehouse.path))
    con.execute("DROP TABLE partitions CASCADE")  # as a warehouse written before it existed
    con.close()
    warehouse.publish(store, [DAYS[-1]])
    times = _partitions(warehouse.path)
    assert sorted(times) == sorted(DAYS)
    assert times[DAYS[-1]] is not None  # loaded now
    assert [times[d] for d in DAYS[:-1]] == [None] * (len(DAYS) - 1)  # when: unknown
    con = duckdb.connect(str(warehouse.path), read_only=True)
    try:
        quality = con.sql("SELECT count(*), sum(files) FROM partition_quality").fetchall()
        files = con.sql("SELECT count(*) FROM raw_files").fetchall()[0][0]
    finally:
        con.close()
    assert quality == [(len(DAYS), files)]


def test_a_warehouse_and_parquet_written_before_the_later_columns_load_with_them(store, tmp_path):
    """``articles.url`` and ``published_has_time`` came after the first release: an older
    warehouse gets the columns on its next load, and an older day's Parquet without them loads
    with nulls there."""
    import pyarrow.parquet as pq

    later = ["url", "published_has_time"]
    warehouse = Warehouse(tmp_path / "warehouse.duckdb")
    warehouse.publish(store, list(DAYS))
    con = duckdb.connect(str(warehouse.path))
    con.execute("DROP VIEW article_overview")  # as the views were before the columns
    for column in later:
        con.execute(f"ALTER TABLE articles DROP COLUMN {column}")
    con.close()
    path = store.partition_file("articles", DAYS[0])
    old = pq.read_table(path)
    pq.write_table(old.drop_columns(later), path)  # a day parsed before the columns
    warehouse.publish(store, list(DAYS))
    con = duckdb.connect(str(warehouse.path), read_only=True)
    try:
        columns = [name for name, *_ in con.sql("DESCRIBE articles").fetchall()]
        urls = con.sql("SELECT count(*), count(url) FROM article_overview").fetchall()
        articles = con.sql("SELECT count(*) FROM articles").fetchall()[0][0]
        timed = con.sql(
            "SELECT ingest_date = ? AS old, count(published_at), count(published_has_time) "
            "FROM article_overview GROUP BY ALL ORDER BY ALL",
            params=[datetime.date.fromisoformat(DAYS[0])],
        ).fetchall()
    finally:
        con.close()
    assert columns == list(TABLES["articles"].names)
    assert urls == [(articles, 0)]  # the sample is text dumps: no page gives its address
    (_, new_dated, new_flags), (_, old_dated, old_flags) = timed
    assert new_dated == new_flags > 0 and old_dated > old_flags == 0
