from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import SHARED

FIXTURES = Path(__file__).parent / "fixtures"
PAGES = SHARED / "corpora" / "pages"
INGEST = date(2026, 11, 25)
# The gold's site of each real page -> the layout its pages must take (a new site: add it here).
LAYOUT_OF_SITE = {"Antara": "antara", "Detik": "detik", "detik.com": "detik", "Kompas": "kompas"}


def assert_build_refused_before_any_page(settings, match: str) -> None:
    """A day holding the seed: ``build_partition`` raises ``LayoutError`` matching ``match``
    (a broken site file named, before any page is parsed) and writes no Parquet."""
    from tests.conftest import SEED
    from warta.layouts import LayoutError
    from warta.parquet_store import ParquetStore
    from warta.partition import build_partition

    day = settings.raw_dir / "2026-11-25"
    day.mkdir()
    (day / "seed.txt").write_bytes(SEED.read_bytes())
    with pytest.raises(LayoutError, match=match):
        build_partition(settings, "2026-11-25")
    assert not any(ParquetStore(settings.data_dir).root.rglob("*.parquet"))


def gold_records() -> list[dict]:
    """Gold records of the shared pages; empty (tests skip) when ../shared is absent."""
    path = PAGES / "gold.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line]


def page_params() -> list:
    """(kind, file name, gold) for every text dump and saved HTML page, or one skipping param."""
    records = gold_records()
    if not records:
        return [pytest.param(None, None, None, marks=pytest.mark.skip("needs ../shared pages"))]
    return [
        pytest.param(kind, record[key], record, id=record[key])
        for kind, key in (("text", "file"), ("html", "html"))
        for record in records
    ]
