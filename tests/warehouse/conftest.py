"""The sample corpus parsed once per session; each test gets its own copy of the Parquet store."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tests.conftest import REPO, SEED, warehouse_rows
from warta.config import Settings
from warta.parquet_store import ParquetStore
from warta.partition import build_partition
from warta.sample import generate
from warta.schema import TABLES
from warta.warehouse import DERIVED_TABLES

DAYS = ("2026-11-22", "2026-11-23", "2026-11-24", "2026-11-25")
ALL_TABLES = (*TABLES, *DERIVED_TABLES)


@pytest.fixture(scope="session")
def sample(tmp_path_factory) -> Settings:
    """Raw sample corpus plus the seed, built into Parquet (4 partitions)."""
    root = tmp_path_factory.mktemp("sample")
    settings = Settings(root / "raw", root / "parquet", root / "unused.duckdb", workers=1)
    files = {**generate(), f"{DAYS[-1]}/{SEED.name}": SEED.read_bytes()}
    for relative, data in files.items():
        path = settings.raw_dir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    for day in DAYS:
        build_partition(settings, day)
    return settings


@pytest.fixture
def store(sample, tmp_path) -> ParquetStore:
    """A private copy of the sample's Parquet store."""
    return copy_store(sample.data_dir, tmp_path / "parquet")


def copy_store(source: Path, target: Path, *, without: tuple[str, ...] = ()) -> ParquetStore:
    """Copy a Parquet store, leaving out the partitions in ``without``."""
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("_locks", "_staging"))
    copied = ParquetStore(target)
    for partition in without:
        for table in TABLES:
            shutil.rmtree(copied.partition_dir(table, partition))
    return copied


def dump(path: Path, tables: tuple[str, ...] = ALL_TABLES) -> dict[str, list[tuple]]:
    """Every row of ``tables``, sorted; also proves the file opens and its views answer."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        con.sql("SELECT count(*) FROM article_overview").fetchall()
    finally:
        con.close()
    return warehouse_rows(path, tables)


def private_files(warehouse: Path) -> list[str]:
    """Files a load keeps beside the warehouse while it runs (``.<name>.<token>.tmp[.wal]``)."""
    return sorted(p.name for p in warehouse.parent.glob(f".{warehouse.name}.*"))


def spawn(*args: str) -> subprocess.Popen:
    """A worker process (tests/warehouse/worker.py) with line-buffered text pipes."""
    return subprocess.Popen(
        [sys.executable, "-m", "tests.warehouse.worker", *args],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        bufsize=1,
    )


def read_until(process: subprocess.Popen, word: str) -> str:
    """The first line of the worker's output starting with ``word``."""
    for line in process.stdout:
        if line.startswith(word):
            return line.strip()
    raise AssertionError(f"worker exited ({process.wait()}) before saying {word!r}")


def partition_problems(store: ParquetStore, partition: str) -> list[str]:
    """What shows the five Parquet files of a partition are not one version of it (none: fine)."""
    con = duckdb.connect()
    for table in TABLES:
        con.read_parquet(str(store.partition_file(table, partition))).create_view(table)
    probes = {
        "ledger and articles differ": "SELECT count(*) FROM ((SELECT article_id FROM raw_files "
        "WHERE status = 'parsed' EXCEPT SELECT article_id FROM articles) UNION ALL "
        "(SELECT article_id FROM articles EXCEPT SELECT article_id FROM raw_files))",
        "paragraph counts differ": "SELECT abs((SELECT count(*) FROM paragraphs) - "
        "(SELECT coalesce(sum(paragraph_count), 0) FROM articles))",
        "entity counts differ": "SELECT abs((SELECT count(*) FROM entities) - "
        "(SELECT coalesce(sum(entity_count), 0) FROM articles))",
        "ad marker counts differ": "SELECT abs((SELECT count(*) FROM ad_markers) - "
        "(SELECT coalesce(sum(ad_marker_count), 0) FROM articles))",
    }
    try:
        return [name for name, probe in probes.items() if con.sql(probe).fetchall()[0][0]]
    finally:
        con.close()
