"""One raw file whose body is a single long line: the time to parse it and find its entities.

    .venv/bin/python scripts/bench_long_lines.py [--sizes 400000,800000,1600000] [--no-limit]

Each page is the seed article's title lines and its body paragraphs joined into one line,
repeated to the size asked (bytes). ``process_bytes`` runs once per page (decode, parse,
language, entities); the script prints the CPU seconds, the outcome and the mentions found.
``--no-limit`` lifts ``MAX_PARAGRAPH_CHARS`` (such pages are rejected as ``paragraph too long``)
to time the extraction of one huge paragraph, which should grow linearly with its length.
"""

from __future__ import annotations

import argparse
import time
from datetime import date
from pathlib import Path

import warta.ingest
from warta.ingest import process_bytes

SEED = Path(__file__).parents[1] / "data" / "raw" / "2026-11-25" / "000_39c4db6f91142a44.txt"
HEAD_LINES = 8  # the seed's chrome, title, author and date lines before its body


def long_line_page(size: int) -> bytes:
    """The seed's head lines, then its body as one line repeated to ``size`` bytes or more."""
    lines = SEED.read_text("utf-8").splitlines()
    head = "\n".join(lines[:HEAD_LINES])
    body = " ".join(line.strip() for line in lines[HEAD_LINES:] if line.strip())
    return f"{head}\n\n{(body + ' ') * (size // len(body) + 1)}".encode()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="400000,800000,1600000")
    parser.add_argument("--no-limit", action="store_true")
    args = parser.parse_args(argv)
    if args.no_limit:
        warta.ingest.MAX_PARAGRAPH_CHARS = 1 << 62
    process_bytes(warta.ingest.WARM_UP_PAGE.encode(), "warm-up.txt", date(2022, 9, 23))
    print("| bytes | CPU s | status | paragraphs | mentions |")
    print("|---:|---:|---|---:|---:|")
    for size in (int(value) for value in args.sizes.split(",")):
        data = long_line_page(size)
        started = time.process_time()
        record, article, mentions = process_bytes(data, "long.txt", date(2026, 11, 25))
        seconds = time.process_time() - started
        paragraphs = len(article.paragraphs) if article else 0
        status = record.status + (f" ({record.reject_reason})" if record.reject_reason else "")
        print(f"| {len(data):,} | {seconds:.2f} | {status} | {paragraphs} | {len(mentions):,} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
