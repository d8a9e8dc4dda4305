"""The load's queries over the whole history, at a year of articles: the several-partitions guard
(grouping every article against the lookup of the replaced partition's articles,
``sql/warehouse/articles_in_several_partitions.sql``) and the duplicates left without an
original (``sql/warehouse/duplicates_without_original.sql``), and, when there are such files,
the look-up of their originals in the Parquet lake (``sql/warehouse/orphan_originals.sql``, one
articles file a day written to a temporary folder; the first day is then left out of the
warehouse, so that its articles' duplicates have no original there).

    .venv/bin/python scripts/bench_guard.py [--articles 3650000] [--per-day 10000] [--runs 3]

Builds in-memory ``articles`` and ``raw_files`` tables of synthetic ids (``--per-day`` a day;
one file in 20 a duplicate of an article held) and times each query for the last day; prints
the median seconds of each.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

import duckdb

from warta import sql

_WHOLE_HISTORY = """
SELECT article_id, list(ingest_date::VARCHAR ORDER BY ingest_date) AS partitions
FROM articles GROUP BY article_id HAVING count(*) > 1 ORDER BY article_id LIMIT 5
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=3_650_000)
    parser.add_argument("--per-day", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)

    con = duckdb.connect()
    first = dt.date(2025, 1, 1)
    con.execute(
        "CREATE TABLE articles AS SELECT substr(md5(i::VARCHAR), 1, 16) AS article_id, "
        "($first + (i // $per_day)::INTEGER) AS ingest_date FROM range($n) AS t(i)",
        {"first": first, "per_day": args.per_day, "n": args.articles},
    )
    con.execute(
        "CREATE TABLE raw_files AS SELECT 'f' || i AS source_path, "
        "CASE WHEN i % 20 = 0 THEN 'duplicate' ELSE 'parsed' END AS status, "
        "substr(md5((i // 20)::VARCHAR), 1, 16) AS article_id, "
        "($first + (i // $per_day)::INTEGER) AS ingest_date FROM range($n) AS t(i)",
        {"first": first, "per_day": args.per_day, "n": args.articles},
    )
    last = first + dt.timedelta(days=(args.articles - 1) // args.per_day)
    (guard,) = sql.statements("warehouse/articles_in_several_partitions.sql")
    (orphans,) = sql.statements("warehouse/duplicates_without_original.sql")
    timings = {
        "group every article": lambda: con.execute(_WHOLE_HISTORY).fetchall(),
        "look up the loaded day's articles": lambda: con.execute(
            guard, {"ingest_dates": [last]}
        ).fetchall(),
        "duplicates without an original": lambda: con.execute(orphans).fetchall(),
    }
    print(f"{args.articles:,} articles, {args.per_day:,} a day; median of {args.runs} runs")
    for name, query in timings.items():
        seconds = []
        for _ in range(args.runs):
            started = time.perf_counter()
            assert query() == []
            seconds.append(time.perf_counter() - started)
        print(f"{name}: {statistics.median(seconds):.3f} s")

    with tempfile.TemporaryDirectory() as lake:
        con.execute(
            f"COPY (SELECT article_id, ingest_date FROM articles) TO '{lake}' "
            "(FORMAT parquet, PARTITION_BY (ingest_date), WRITE_PARTITION_COLUMNS true)"
        )
        paths = sorted(str(path) for path in Path(lake).rglob("*.parquet"))
        con.execute("DELETE FROM articles WHERE ingest_date = $first", {"first": first})
        (originals,) = sql.statements("warehouse/orphan_originals.sql")
        seconds = []
        for _ in range(args.runs):
            started = time.perf_counter()
            rows = con.execute(originals, {"paths": paths}).fetchall()
            seconds.append(time.perf_counter() - started)
        orphaned = sum(1 for _, gone, held in rows if held and not gone)
        print(
            f"originals of duplicates without one, in {len(paths)} Parquet files "
            f"({orphaned} partitions with such files): {statistics.median(seconds):.3f} s"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
