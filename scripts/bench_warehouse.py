"""Warehouse benchmark: a large warehouse built from replicated sample partitions, then every view
and analysis query timed, and the nightly publish of one partition into it.

    .venv/bin/python scripts/bench_warehouse.py [--articles 100000] [--days 100] [--runs 5]
        [--workdir bench/warehouse] [--no-queries]

The sample corpus is parsed for real; its Parquet partitions are then copied with new article
ids (``sql/warehouse/replicate_for_benchmark.sql``) into ``--days`` partitions, published with
the Parquet store and loaded with ``warta rebuild``'s code path. Prints a Markdown report.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from warta import sql
from warta.config import Settings
from warta.durable import clone_or_copy
from warta.machine import cpu_model, memory_gb
from warta.parquet_store import PART_FILE, ParquetStore
from warta.partition import build_partition
from warta.sample import generate
from warta.schema import TABLES
from warta.warehouse import Warehouse


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--days", type=int, default=100)
    parser.add_argument("--runs", type=int, default=5, help="timed runs per query (median)")
    parser.add_argument("--workdir", type=Path, default=Path("bench/warehouse"))
    parser.add_argument(
        "--no-queries", action="store_true", help="time only the build and the nightly publish"
    )
    args = parser.parse_args(argv)

    shutil.rmtree(args.workdir, ignore_errors=True)
    sample = Settings.from_env(
        {"WARTA_RAW_DIR": str(args.workdir / "sample" / "raw"),
         "WARTA_DATA_DIR": str(args.workdir / "sample" / "parquet"),
         "WARTA_WAREHOUSE": str(args.workdir / "sample" / "warehouse.duckdb"),
         "WARTA_WORKERS": os.environ.get("WARTA_WORKERS", "2")}
    )  # fmt: skip
    for relative, data in generate().items():
        path = sample.raw_dir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    for day in sorted(p.name for p in sample.raw_dir.iterdir()):
        build_partition(sample, day)

    store = ParquetStore(args.workdir / "parquet")
    started = time.perf_counter()
    articles = replicate(sample.data_dir, store, args.articles, args.days)
    synthesised = time.perf_counter() - started

    warehouse = Warehouse(args.workdir / "warehouse.duckdb")
    rebuild = warehouse.rebuild(store)
    size_mb = warehouse.path.stat().st_size / 1e6
    con = warehouse.connect_read_only()
    totals = {t: con.table(t).aggregate("count(*)").fetchall()[0][0] for t in TABLES}

    rows: list[tuple[str, float, int]] = []
    for path in [] if args.no_queries else sorted((sql.sql_dir() / "views").glob("*.sql")):
        fetch = partial(lambda view: con.table(view).to_arrow_table(), path.stem)
        rows.append((f"view `{path.stem}`", *timed(fetch, args.runs)))
    for path in [] if args.no_queries else sorted((sql.sql_dir() / "analysis").glob("*.sql")):
        (statement,) = sql.statements(f"analysis/{path.name}")
        fetch = partial(lambda text: con.sql(text).to_arrow_table(), statement)
        rows.append((f"`analysis/{path.name}`", *timed(fetch, args.runs)))
    con.close()

    day = store.partitions()[-1]
    copy = warehouse.path.with_name("copy.duckdb")

    def copy_once() -> str:  # as the load makes it: a clone where possible, else the bytes
        copy.unlink(missing_ok=True)
        return clone_or_copy(warehouse.path, copy).how

    copy_seconds, _ = timed(copy_once, args.runs)
    how = copy_once()
    copy.unlink()
    publish_seconds, _ = timed(lambda: warehouse.publish(store, [day]), min(args.runs, 3))
    copy_text = f"{how} ({file_system(warehouse.path)}) in {copy_seconds:.3f} s"

    print(report(args, articles, totals, size_mb, synthesised, rebuild.seconds, rows,
                 copy_text, publish_seconds))  # fmt: skip
    return 0


def replicate(source: Path, store: ParquetStore, articles: int, days: int) -> int:
    """Copies of the sample partitions published into ``store``; returns the article count."""
    con = duckdb.connect()
    sample = ParquetStore(source)
    sample_articles = sum(
        pq.read_metadata(sample.partition_file("articles", key)).num_rows
        for key in sample.partitions()
    )
    copies = -(-articles // sample_articles)
    sql.run(
        con, "warehouse/replicate_for_benchmark.sql",
        source=str(source), copies=copies, days=days, start="2026-01-01",
    )  # fmt: skip
    tables = {
        name: con.table(f"bench_{name}").to_arrow_table().select(schema.names).cast(schema)
        for name, schema in TABLES.items()
    }
    for day in pc.unique(tables["articles"]["ingest_date"]).to_pylist():
        partition = day.isoformat()
        with store.lock(partition), store.staging(partition) as staged:
            for name, table in tables.items():
                part = table.filter(pc.equal(table["ingest_date"], pa.scalar(day)))
                (staged / name).mkdir()
                pq.write_table(part, staged / name / PART_FILE, compression="zstd")
            store.publish(staged, partition)
    return len(tables["articles"])


def file_system(path: Path) -> str:
    """The type of the file system holding ``path`` (``stat -f``), e.g. ext2/ext3 or xfs."""
    done = subprocess.run(["stat", "-f", "-c", "%T", str(path)], capture_output=True, text=True)
    return done.stdout.strip() or "unknown file system"


def timed(action: Callable[[], object], runs: int) -> tuple[float, int]:
    """Median seconds over ``runs`` after one warm-up run, and the rows of the last result."""
    result = action()
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        result = action()
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds), len(result) if isinstance(result, pa.Table) else 0


def report(args, articles, totals, size_mb, synthesised, rebuild, rows, copy, publish) -> str:
    load = os.getloadavg()
    lines = [
        f"Command: `.venv/bin/python scripts/bench_warehouse.py --articles {args.articles} "
        f"--days {args.days} --runs {args.runs} --workdir {args.workdir}"
        f"{' --no-queries' if args.no_queries else ''}`",
        "",
        f"- Machine: {os.cpu_count()} CPUs ({cpu_model()}), {memory_gb():.0f} GB RAM, "
        f"Python {platform.python_version()}, DuckDB {duckdb.__version__}; "
        f"load average at the end {load[0]:.2f} / {load[1]:.2f} / {load[2]:.2f}",
        f"- Warehouse: {articles:,} articles in {args.days} partitions; "
        + ", ".join(f"{t} {n:,}" for t, n in totals.items())
        + f"; file {size_mb:,.0f} MB",
        f"- Synthesising the Parquet partitions: {synthesised:.1f} s; "
        f"`warta rebuild` of all of them: {rebuild:.1f} s",
        f"- Nightly publish of one partition (copy, replace, views, checkpoint, swap), median of "
        f"{min(args.runs, 3)}: {publish:.2f} s; the starting copy of the file alone: {copy}",
        "",
        f"| query (all rows fetched to Arrow, median of {args.runs}) | seconds | rows |",
        "|---|---:|---:|",
        *(f"| {name} | {seconds:.3f} | {count:,} |" for name, seconds, count in rows),
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
