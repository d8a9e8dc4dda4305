"""Partitions built for real from the sample corpus, and the tools to break them on purpose."""

from __future__ import annotations

import datetime as dt
import shutil
import time
from collections.abc import Callable
from functools import cache

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tests.conftest import put
from warta.config import Settings
from warta.landing import LandingZone, stamp_clock
from warta.parquet_store import ParquetStore
from warta.partition import build_partition
from warta.quality import run_checks, validate_partition
from warta.quality.checks import LISTED_AT_KEY as LISTED_AT
from warta.sample import generate

DAY = "2026-11-24"
BAD_FILES = ("zz_empty.txt", "zz_photo.txt")


@cache
def sample_articles() -> tuple[bytes, ...]:
    """The sample corpus's article pages (bad inputs left out), in a fixed order."""
    return tuple(data for path, data in sorted(generate().items()) if "/zz_" not in path)


@cache
def bad_files() -> dict[str, bytes]:
    files = generate()
    return {name: files[f"2026-11-24/{name}"] for name in BAD_FILES}


def land(settings, partition: str, articles: range, bad: int = 0) -> None:
    """Drop sample articles (by position in the corpus) and ``bad`` unusable files."""
    pages = sample_articles()
    for number in articles:
        put(settings, f"{partition}/{number:03d}.txt", pages[number])
    for name in list(bad_files())[:bad]:
        put(settings, f"{partition}/{name}", bad_files()[name])
    for number in range(max(0, bad - len(BAD_FILES))):
        put(settings, f"{partition}/zz_more_{number}.txt", b"")


def build(settings, partition: str, articles: range, bad: int = 0) -> None:
    land(settings, partition, articles, bad)
    build_partition(settings, partition)


@pytest.fixture(scope="session")
def clean_build(tmp_path_factory) -> Settings:
    """A clean partition of 28 sample articles and 2 rejected files, built once to Parquet."""
    root = tmp_path_factory.mktemp("clean")
    settings = Settings(root / "raw", root / "parquet", root / "warehouse.duckdb", workers=1)
    build(settings, DAY, range(28), bad=2)
    return settings


EPOCH = dt.datetime.fromtimestamp(0, dt.UTC)


@pytest.fixture
def clean(landing, clean_build):
    """The clean partition, copied (file times kept) into this test's landing zone and Parquet.

    Copying lands the files anew (their ctime is now), so the ledger's listing time is moved
    to after the copy, as if the partition had been parsed here: past the clock tick of the
    last copy, since a file stamped in the listing's own tick counts as landed after it.
    """
    shutil.copytree(clean_build.raw_dir, landing.raw_dir, dirs_exist_ok=True)
    shutil.copytree(clean_build.data_dir, landing.data_dir)
    copied = LandingZone(landing.raw_dir).files(DAY)
    newest = max(max(f.mtime_ns, f.ctime_ns) for f in copied) // 1000
    while (stamp_clock() - EPOCH) // dt.timedelta(microseconds=1) <= newest:
        time.sleep(0.001)
    path = ParquetStore(landing.data_dir).partition_file("raw_files", DAY)
    ledger = pq.read_table(path)
    listed = stamp_clock().isoformat().encode()
    pq.write_table(
        ledger.replace_schema_metadata({**ledger.schema.metadata, LISTED_AT: listed}), path
    )
    return landing


def rewrite(settings, table: str, change: Callable[[pa.Table], pa.Table]) -> None:
    """Replace a table's Parquet file of ``DAY`` by ``change(table)`` (the same columns, or
    fewer: a file of an older Warta).

    Every column is written nullable, as another producer (or an older Warta) may write them:
    Warta's own writer refuses a null where the contract has none, the checks must catch it in
    a file written by anything else."""
    path = ParquetStore(settings.data_dir).partition_file(table, DAY)
    before = pq.read_table(path)
    after = change(before)
    nullable = pa.schema([field.with_nullable(True) for field in after.schema])
    pq.write_table(after.cast(nullable.with_metadata(before.schema.metadata)), path)


def with_column(table: pa.Table, name: str, values: list) -> pa.Table:
    index = table.schema.get_field_index(name)
    return table.set_column(
        index, table.schema.field(index), pa.array(values, table.schema.field(index).type)
    )


def failures(settings, partition: str = DAY) -> set[tuple[str, str, str]]:
    """(table, check, severity) of every failed SQL check and GX expectation of the partition."""
    findings = [o.finding() for o in run_checks(settings, partition)]
    store = ParquetStore(settings.data_dir)
    findings += [o.finding() for o in validate_partition(store, partition)]
    return {(f.table, f.check_name, f.severity.value) for f in findings if not f.passed}
