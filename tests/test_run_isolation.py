"""``warta run`` over several partitions: one partition failing its checks does not stop or
spoil the others."""

from __future__ import annotations

import io
from datetime import date

import duckdb

from tests.conftest import SEED, put

BROKEN, GOOD = "2026-11-24", "2026-11-25"


def test_a_failing_partition_does_not_block_the_others(landing, monkeypatch):
    import warta.ingest
    from pipelines.run import run_partitions

    put(
        landing,
        f"{BROKEN}/a.txt",
        SEED.read_bytes().replace(b"Korea Utara Membantah", b"Korut Membantah"),
    )
    put(landing, f"{GOOD}/b.txt", SEED.read_bytes())
    original = warta.ingest.append_article

    def leaky_on_one_day(
        columns, position, article_id, source_path, article, entities, ingest_date
    ):
        original(columns, position, article_id, source_path, article, entities, ingest_date)
        if ingest_date == date.fromisoformat(BROKEN):  # a parser bug that shows on one day only
            paragraphs = columns["paragraphs"]
            for values in paragraphs.values():
                values.append(values[-1])  # a duplicated paragraph key

    monkeypatch.setattr(warta.ingest, "append_article", leaky_on_one_day)
    monkeypatch.delenv("DAGSTER_HOME", raising=False)
    out = io.StringIO()
    results = run_partitions([BROKEN, GOOD], out=out)
    assert [(r.partition, r.success) for r in results] == [(BROKEN, False), (GOOD, True)]
    assert "paragraphs:paragraphs_key_unique" in results[0].failed_checks
    assert "warehouse not updated" in out.getvalue()
    con = duckdb.connect(str(landing.warehouse), read_only=True)
    loaded = con.sql("SELECT DISTINCT ingest_date::VARCHAR FROM raw_files").fetchall()
    assert loaded == [(GOOD,)]


def test_a_refused_load_says_which_partition_to_re_run(landing, monkeypatch):
    """Without the daemon nothing repairs a refused load: ``warta run`` prints the reason."""
    from pipelines.run import run_partitions

    monkeypatch.delenv("DAGSTER_HOME", raising=False)
    put(landing, f"{GOOD}/a.txt", SEED.read_bytes())
    put(landing, f"{BROKEN}/late-copy.txt", SEED.read_bytes())
    out = io.StringIO()
    results = run_partitions([GOOD, BROKEN], out=out)
    assert [(r.partition, r.success) for r in results] == [(GOOD, True), (BROKEN, False)]
    printed = out.getvalue()
    assert "- warehouse: articles parsed in more than one partition" in printed
    assert f"re-run the later partition(s) {GOOD} so that their copies become duplicates" in printed
