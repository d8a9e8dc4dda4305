"""Child processes for the concurrency and crash tests: ``python -m tests.warehouse.worker CMD``.

Each command prints ``ready`` (flushed) just before the operation under test, so the parent can
time a SIGKILL or a concurrent action against it, and ``done`` when it finished.

    publish WAREHOUSE PARQUET_ROOT PARTITION...   Warehouse.publish
    build RAW_DIR PARQUET_ROOT PARTITION          build_partition
    build-pooled RAW_DIR PARQUET_ROOT PARTITION   build_partition on 2 parse worker processes
    hold-read-write WAREHOUSE                      a read-write connection until stdin closes
    hold-read-only WAREHOUSE                       a read-only connection until stdin closes
    hold-partition-lock PARQUET_ROOT PARTITION     the partition's Parquet lock until stdin closes
    crash-writer WAREHOUSE                         a read-write write left in the WAL, then dies
    clean-writer WAREHOUSE                         a read-write write, then a clean close
    analyst WAREHOUSE                              a read-only connection queried across a publish
"""

from __future__ import annotations

import os
import select
import sys
from datetime import date
from pathlib import Path

import duckdb


def say(word: str) -> None:
    print(word, flush=True)


def main(command: str, *args: str) -> None:
    if command == "publish":
        from warta.parquet_store import ParquetStore
        from warta.warehouse import Warehouse

        warehouse, root, *partitions = args
        say("ready")
        Warehouse(Path(warehouse), busy_timeout=5).publish(ParquetStore(Path(root)), partitions)
    elif command in ("build", "build-pooled"):
        from tests.conftest import SEED
        from warta.config import Settings
        from warta.ingest import process_bytes
        from warta.partition import build_partition

        raw, root, partition = args
        pooled = {"workers": 2, "batch_files": 2} if command == "build-pooled" else {}
        settings = Settings(
            Path(raw), Path(root), Path(root) / "unused.duckdb", **{"workers": 1, **pooled}
        )
        process_bytes(SEED.read_bytes(), SEED.name, date.fromisoformat(partition))  # load models
        say("ready")
        build_partition(settings, partition)
    elif command == "hold-read-write":
        con = duckdb.connect(args[0])
        say("ready")
        sys.stdin.read()
        con.close()
    elif command == "hold-read-only":
        con = duckdb.connect(args[0], read_only=True)
        say("ready")
        sys.stdin.read()
        con.close()
    elif command == "hold-partition-lock":
        from warta.parquet_store import ParquetStore

        with ParquetStore(Path(args[0])).lock(args[1]):
            say("ready")
            sys.stdin.read()
    elif command == "crash-writer":
        con = duckdb.connect(args[0])
        con.execute("PRAGMA disable_checkpoint_on_shutdown")
        con.execute("SET checkpoint_threshold = '1GB'")
        con.execute("CREATE TABLE analyst_notes AS SELECT 'kept' AS note")
        os._exit(0)  # no checkpoint, no clean close: the write is only in the WAL
    elif command == "clean-writer":
        con = duckdb.connect(args[0])
        con.execute("CREATE TABLE analyst_notes AS SELECT 'kept' AS note")
        con.close()  # a clean close checkpoints: the write is in the file, no WAL is left
    elif command == "analyst":
        analyst(args[0])
    say("done")


def analyst(path: str) -> None:
    """Print the article count seen by one read-only connection before, during and after the
    parent publishes (the parent writes a line to stdin when it is done), then the count seen
    by a fresh connection once the old one is closed."""
    con = duckdb.connect(path, read_only=True)
    count = "SELECT count(*) FROM article_overview"
    say(f"before {con.sql(count).fetchall()[0][0]}")
    say("ready")
    polls = 0
    while not select.select([sys.stdin], [], [], 0.01)[0]:
        con.sql(count).fetchall()
        polls += 1
    sys.stdin.readline()
    say(f"during {polls} after {con.sql(count).fetchall()[0][0]}")
    con.close()
    fresh = duckdb.connect(path, read_only=True)
    say(f"reconnected {fresh.sql(count).fetchall()[0][0]}")
    fresh.close()


if __name__ == "__main__":
    main(*sys.argv[1:])
