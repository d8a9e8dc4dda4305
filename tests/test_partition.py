"""Building a landing partition into Parquet: the ledger, bad input, duplicates, re-runs."""

from __future__ import annotations

import dataclasses
import os
import signal
from datetime import date

import pyarrow.parquet as pq
import pytest

from tests.conftest import SEED, abandon_a_build, put
from tests.quality.conftest import sample_articles
from warta.parquet_store import ParquetStore
from warta.partition import build_partition
from warta.rows import FILE_COLUMN
from warta.schema import TABLES

DAY = "2026-11-25"
SEED_NAME = f"{DAY}/000_39c4db6f91142a44.txt"


def _table(settings, table, partition=DAY):
    return pq.read_table(ParquetStore(settings.data_dir).partition_file(table, partition))


def _ledger(settings, partition=DAY):
    rows = _table(settings, "raw_files", partition).to_pylist()
    return {row["source_path"]: row for row in rows}


def test_seed_partition_tables(landing):
    put(landing, SEED_NAME, SEED.read_bytes())
    build = build_partition(landing, DAY)
    assert build.files == 1 and build.statuses == {"parsed": 1}
    assert build.row_counts["articles"] == 1
    assert build.row_counts["paragraphs"] == 19
    assert build.row_counts["ad_markers"] == 6
    for name, schema in TABLES.items():
        assert _table(landing, name).schema.equals(schema, check_metadata=False), name
    ledger = _ledger(landing)[SEED_NAME]
    article = _table(landing, "articles").to_pylist()[0]
    assert ledger["status"] == "parsed" and ledger["reject_reason"] is None
    assert ledger["size_bytes"] == SEED.stat().st_size and ledger["encoding"] == "utf-8"
    assert ledger["article_id"] == article["article_id"]
    assert article["source_path"] == SEED_NAME
    assert str(article["ingest_date"]) == DAY
    assert article["paragraph_count"] == 19 and article["ad_marker_count"] == 6
    assert article["entity_count"] == build.row_counts["entities"] > 0
    assert article["parse_warnings"] == ["published label without a date"]
    markers = _table(landing, "ad_markers").to_pylist()
    assert [(m["kind"], m["zone"], m["after_paragraph_index"]) for m in markers] == [
        ("advertisement", "body", 4),
        ("advertisement", "body", 9),
        ("advertisement", "body", 14),
        ("advertisement", "trailer", 18),
        ("read_more", "trailer", 18),
        ("advertisement", "trailer", 18),
    ]


def test_bad_input_is_rejected_with_reasons_and_nothing_is_lost(landing):
    put(landing, SEED_NAME, SEED.read_bytes())
    put(landing, f"{DAY}/empty.txt", b"")
    put(landing, f"{DAY}/image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    put(landing, f"{DAY}/shift_jis.txt", "日本語のニュース記事です。".encode("shift_jis") * 10)
    put(landing, f"{DAY}/blank.txt", b"  \n\n\t \n")
    put(landing, f"{DAY}/menu.txt", b"Beranda\n\nNasional\n\nOlahraga\n\nKontak\n")
    put(landing, f"{DAY}/nested/again.txt", SEED.read_bytes())
    build = build_partition(landing, DAY)
    ledger = _ledger(landing)
    assert set(ledger) == {
        SEED_NAME,
        f"{DAY}/empty.txt",
        f"{DAY}/image.txt",
        f"{DAY}/shift_jis.txt",
        f"{DAY}/blank.txt",
        f"{DAY}/menu.txt",
        f"{DAY}/nested/again.txt",
    }
    reasons = {path: (row["status"], row["reject_reason"]) for path, row in ledger.items()}
    assert reasons[f"{DAY}/empty.txt"] == ("rejected", "empty file")
    assert reasons[f"{DAY}/image.txt"] == ("rejected", "binary content (PNG image)")
    assert reasons[f"{DAY}/shift_jis.txt"][0] == "rejected"
    assert reasons[f"{DAY}/shift_jis.txt"][1].startswith("unsupported text encoding")
    assert reasons[f"{DAY}/blank.txt"] == ("rejected", "blank file (whitespace only)")
    assert reasons[f"{DAY}/menu.txt"] == ("rejected", "no article body found")
    # Files are taken in path order: the seed comes first, the nested copy is the duplicate.
    assert reasons[SEED_NAME] == ("parsed", None)
    assert reasons[f"{DAY}/nested/again.txt"] == ("duplicate", None)
    assert ledger[SEED_NAME]["article_id"] == ledger[f"{DAY}/nested/again.txt"]["article_id"]
    assert ledger[f"{DAY}/empty.txt"]["article_id"] is None
    assert build.statuses == {"parsed": 1, "duplicate": 1, "rejected": 5}
    assert _table(landing, "articles").num_rows == 1


def test_duplicate_of_an_earlier_partition(landing):
    put(landing, "2026-11-24/first.txt", SEED.read_bytes())
    put(landing, SEED_NAME, SEED.read_bytes())
    build_partition(landing, "2026-11-24")
    build = build_partition(landing, DAY)
    assert build.statuses == {"duplicate": 1}
    assert _table(landing, "articles").num_rows == 0
    assert (
        _ledger(landing)[SEED_NAME]["article_id"]
        == _ledger(landing, "2026-11-24")["2026-11-24/first.txt"]["article_id"]
    )


def test_rerun_gives_identical_tables_and_workers_do_not_change_output(landing, tmp_path):
    from warta.sample import generate

    for relative, data in list(generate().items())[:120]:
        put(landing, relative.replace(relative[:10], DAY, 1), data)
    put(landing, SEED_NAME, SEED.read_bytes())
    small_batches = dataclasses.replace(landing, batch_files=16)
    build_partition(small_batches, DAY)
    first = {name: _table(landing, name) for name in TABLES}
    build_partition(dataclasses.replace(small_batches, workers=2), DAY)
    second = {name: _table(landing, name) for name in TABLES}
    for name in TABLES:
        assert first[name].equals(second[name]), name
    assert first["articles"].num_rows > 100
    staging = landing.data_dir / "_staging"
    assert not staging.exists() or not any(staging.iterdir())


def test_without_entities_only_the_entity_rows_and_counts_differ(landing):
    """``entities=False`` (what the benchmark uses to time everything else) skips extraction
    and changes nothing else."""
    put(landing, SEED_NAME, SEED.read_bytes())
    with_entities = build_partition(landing, DAY)
    full = {name: _table(landing, name) for name in TABLES}
    without = build_partition(landing, DAY, entities=False)
    assert with_entities.seconds["entities"] > 0 and without.seconds.get("entities", 0.0) == 0
    # The workers' CPU timers count real work, unrounded (the asset shows them to the ms).
    assert with_entities.seconds["read"] > 0 and with_entities.seconds["parse"] > 0
    assert full["entities"].num_rows > 0 and _table(landing, "entities").num_rows == 0
    for name in ("raw_files", "paragraphs", "ad_markers"):
        assert _table(landing, name).equals(full[name]), name
    articles = _table(landing, "articles")
    assert articles.column("entity_count").to_pylist() == [0]
    assert articles.drop_columns(["entity_count"]).equals(
        full["articles"].drop_columns(["entity_count"])
    )


def die_on_poison(task):
    """A worker that is killed (as by the out-of-memory killer) on any batch holding a file
    whose name holds ``poison``; otherwise the real batch work. Module level: workers unpickle
    it."""
    from warta.ingest import process_batch

    if any("poison" in f.source_path for f in task.files):
        os.kill(os.getpid(), signal.SIGKILL)
    return process_batch(task)


def test_a_file_that_kills_its_worker_costs_that_file_alone(landing):
    """Real worker processes are killed on two files: each is found and rejected, every other
    file comes out exactly as without them, in order, and the pool goes on after each death."""
    from warta.ingest import WORKER_DIED, BatchTask, process_batch
    from warta.landing import LandingZone
    from warta.partition import _run_batches

    for i, data in enumerate(sample_articles()[:40]):
        put(landing, f"{DAY}/{i:03d}.txt", data)
    put(landing, f"{DAY}/013_poison.txt", SEED.read_bytes())
    put(landing, f"{DAY}/031_poison.txt", SEED.read_bytes())
    files = LandingZone(landing.raw_dir).files(DAY)
    tasks = [
        BatchTask(str(landing.raw_dir), date(2026, 11, 25), tuple(files[i : i + 8]), 1 << 24)
        for i in range(0, len(files), 8)
    ]
    results = list(_run_batches(tasks, 2, work=die_on_poison))
    records = [record for result in results for record in result.records]
    assert [r.source_path for r in records] == [f.source_path for f in files]
    died = {r.source_path: r.reject_reason for r in records if r.reject_reason == WORKER_DIED}
    assert died == {f"{DAY}/013_poison.txt": WORKER_DIED, f"{DAY}/031_poison.txt": WORKER_DIED}
    # Everything else: the same records and rows as one process gives without the two files.
    healthy = [f for f in files if "poison" not in f.source_path]
    expected = process_batch(dataclasses.replace(tasks[0], files=tuple(healthy)))
    assert [r for r in records if r.reject_reason != WORKER_DIED] == expected.records
    for name, batch in expected.tables.items():
        # Each row's file index points into its own result's records: resolve it to the file.
        got = [
            (result.records[row.pop(FILE_COLUMN)].source_path, row)
            for result in results
            for row in result.tables[name].to_pylist()
        ]
        want = [
            (expected.records[row.pop(FILE_COLUMN)].source_path, row) for row in batch.to_pylist()
        ]
        assert got == want and want, name


def test_a_single_batch_runs_in_a_worker_of_its_own_when_isolated(landing):
    """One batch, one worker: normally parsed in this process (a file killing it would kill
    the build); isolated, the file that kills its worker is rejected and the rest parses."""
    from warta.ingest import WORKER_DIED, BatchTask, process_batch
    from warta.landing import LandingZone
    from warta.partition import _run_batches

    for i, data in enumerate(sample_articles()[:5]):
        put(landing, f"{DAY}/{i:03d}.txt", data)
    put(landing, f"{DAY}/002_poison.txt", SEED.read_bytes())
    files = LandingZone(landing.raw_dir).files(DAY)
    task = BatchTask(str(landing.raw_dir), date(2026, 11, 25), tuple(files), 1 << 24)
    [result] = list(_run_batches([task], 1, work=die_on_poison, isolate=True))
    assert [(r.source_path, r.reject_reason) for r in result.records if r.status != "parsed"] == [
        (f"{DAY}/002_poison.txt", WORKER_DIED)
    ]
    healthy = tuple(f for f in files if "poison" not in f.source_path)
    assert [r for r in result.records if r.reject_reason != WORKER_DIED] == (
        process_batch(dataclasses.replace(task, files=healthy)).records
    )


def test_a_build_after_one_that_died_parses_in_worker_processes(landing):
    for i, data in enumerate(sample_articles()[:6]):
        put(landing, f"{DAY}/{i:03d}.txt", data)
    normal = build_partition(landing, DAY)
    assert not normal.isolated
    tables = {name: _table(landing, name) for name in TABLES}

    abandon_a_build(landing, DAY)
    after_death = build_partition(landing, DAY)
    assert after_death.isolated
    assert after_death.statuses == normal.statuses
    assert {name: _table(landing, name) for name in TABLES} == tables
    assert list((ParquetStore(landing.data_dir).root / "_staging").iterdir()) == []
    assert not build_partition(landing, DAY).isolated  # nothing left behind this time


def test_the_partition_lock_reports_what_dead_writers_left(landing):
    store = ParquetStore(landing.data_dir)
    with store.lock(DAY) as leftovers:
        assert (leftovers.rolled_forward, leftovers.abandoned) == (0, 0)
    abandon_a_build(landing, DAY)
    abandon_a_build(landing, "2026-11-24")  # another partition's: not this one's business
    with store.lock(DAY) as leftovers:
        assert (leftovers.rolled_forward, leftovers.abandoned, leftovers.build_died) == (0, 1, True)
    with store.lock(DAY) as leftovers:  # say a warehouse load: the news is kept for the build
        assert (leftovers.abandoned, leftovers.build_died) == (0, True)
    with store.lock("2026-11-24") as leftovers:
        assert leftovers.build_died
    put(landing, f"{DAY}/000.txt", sample_articles()[0])
    assert build_partition(landing, DAY).isolated  # the build after the death, however late
    with store.lock(DAY) as leftovers:  # published: the partition is whole again
        assert (leftovers.abandoned, leftovers.build_died) == (0, False)


def test_workers_dying_on_every_file_fail_the_parse_instead_of_rejecting_the_day(landing):
    """Something kills every worker (say, a memory limit below any page's needs): after a few
    files the parse fails, naming them, rather than reject the whole day file by file."""
    import pytest

    from warta.ingest import BatchTask
    from warta.landing import LandingZone
    from warta.partition import MAX_WORKER_DEATHS, WorkersKeepDying, _run_batches

    for i, data in enumerate(sample_articles()[:12]):
        put(landing, f"{DAY}/poison_{i:02d}.txt", data)
    files = LandingZone(landing.raw_dir).files(DAY)
    tasks = [
        BatchTask(str(landing.raw_dir), date(2026, 11, 25), tuple(files[i : i + 6]), 1 << 24)
        for i in range(0, len(files), 6)
    ]
    with pytest.raises(WorkersKeepDying) as failure:
        list(_run_batches(tasks, 2, work=die_on_poison))
    named = [f"{DAY}/poison_{i:02d}.txt" for i in range(MAX_WORKER_DEATHS + 1)]
    assert str(failure.value).startswith(f"parse workers died on 4 files ({', '.join(named)})")


def test_the_worker_warm_up_page_goes_through_every_stage():
    """The fork server preloads ``warta.parse_worker``, which parses this page to load the
    layouts, tagger, gazetteer and language model before workers fork."""
    from warta.ingest import WARM_UP_PAGE, process_bytes, warm_up

    warm_up()
    record, article, mentions = process_bytes(WARM_UP_PAGE.encode(), "w.txt", date(2022, 9, 23))
    assert record.status == "parsed" and article.layout == "faktual" and article.language == "id"
    assert len(article.paragraphs) == 2 and len(article.ad_markers) == 1
    assert {(m.label, m.canonical_name) for m in mentions} >= {
        ("PER", "Joko Widodo"),
        ("LOC", "Jakarta"),
    }


def test_empty_partition_folder_writes_empty_tables(landing):
    (landing.raw_dir / DAY).mkdir()
    build = build_partition(landing, DAY)
    assert build.files == 0
    for name in TABLES:
        assert _table(landing, name).num_rows == 0


def test_an_older_day_parsed_after_a_newer_one_cannot_duplicate_the_warehouse(landing):
    import pytest

    from warta.warehouse import ArticleInSeveralPartitions, Warehouse

    put(landing, "2026-11-24/first.txt", SEED.read_bytes())
    put(landing, SEED_NAME, SEED.read_bytes())
    store, warehouse = ParquetStore(landing.data_dir), Warehouse(landing.warehouse)
    assert build_partition(landing, DAY).statuses == {"parsed": 1}  # the newer day first
    assert build_partition(landing, "2026-11-24").statuses == {"parsed": 1}  # then the older
    warehouse.publish(store, [DAY])
    with pytest.raises(
        ArticleInSeveralPartitions, match=f"re-run the later partition.*{DAY}"
    ) as refused:
        warehouse.publish(store, ["2026-11-24"])
    assert refused.value.rerun == [DAY]
    with pytest.raises(ArticleInSeveralPartitions, match=f"2026-11-24, {DAY}"):
        warehouse.rebuild(store)  # both loaded at once
    assert warehouse.publish(store, [DAY]).partitions[DAY]["articles"] == 1  # still as it was
    assert build_partition(landing, DAY).statuses == {"duplicate": 1}  # the re-run sees it
    load = warehouse.publish(store, ["2026-11-24", DAY])
    assert (load.partitions["2026-11-24"]["articles"], load.partitions[DAY]["articles"]) == (1, 0)


def test_every_partition_but_the_earliest_holding_an_article_is_named_for_a_re_run(landing):
    """Three days parsed newest first each hold the same article (and six more are held by
    two): the load names every later day, and lists five conflicts in its message."""
    import pytest

    from warta.warehouse import ArticleInSeveralPartitions, Warehouse

    days = ["2026-11-23", "2026-11-24", DAY]
    for day in days:
        put(landing, f"{day}/seed.txt", SEED.read_bytes())
    for n in range(6):
        variant = SEED.read_bytes().replace(b"Korea Utara Membantah", f"Varian {n}".encode())
        for day in days[1:]:
            put(landing, f"{day}/variant-{n}.txt", variant)
    for day in reversed(days):
        assert "duplicate" not in build_partition(landing, day).statuses
    with pytest.raises(
        ArticleInSeveralPartitions, match=r"2026-11-25; and 2 more\); re-run"
    ) as refused:
        Warehouse(landing.warehouse).rebuild(ParquetStore(landing.data_dir))
    assert refused.value.rerun == days[1:]
    assert str(refused.value).count(" in 2026-11-2") == 5


def test_a_days_load_names_only_itself_and_later_days_so_repairs_cannot_wait_in_a_cycle(landing):
    """The repair sensor waits for the days a refusal names. A day's load replaces one
    partition of a warehouse that never holds an article twice, so it can clash with one other
    day only, and names the later of the two: never an earlier day. Three days parsed without
    seeing each other hold the same article; they are loaded one by one in every order."""
    import itertools

    from warta.warehouse import ArticleInSeveralPartitions, Warehouse

    days = ["2026-11-23", "2026-11-24", DAY]
    for day in days:
        put(landing, f"{day}/seed.txt", SEED.read_bytes())
    for day in reversed(days):
        assert build_partition(landing, day).statuses == {"parsed": 1}
    store = ParquetStore(landing.data_dir)
    for number, order in enumerate(itertools.permutations(days)):
        warehouse = Warehouse(landing.warehouse.with_name(f"order-{number}.duckdb"))
        first, *others = order
        assert warehouse.publish(store, [first]).partitions[first]["articles"] == 1
        for day in others:
            try:
                warehouse.publish(store, [day])
            except ArticleInSeveralPartitions as refused:
                assert refused.rerun == [max(day, first)], order
            else:
                raise AssertionError(f"{day} loaded beside {first} ({order})")
        with warehouse.connect_read_only() as con:
            assert con.sql("SELECT ingest_date::VARCHAR FROM articles").fetchall() == [(first,)]


def test_a_duplicate_whose_original_left_the_landing_zone_is_reported(landing):
    """The partition holding an article is parsed again without its file: the copy another
    partition marked duplicate no longer has an original, and every load says which partition
    to re-run (nothing is refused); the re-run parses the copy."""
    from warta.warehouse import Warehouse, orphaned_duplicates_message

    put(landing, "2026-11-24/first.txt", SEED.read_bytes())
    put(landing, SEED_NAME, SEED.read_bytes())
    store, warehouse = ParquetStore(landing.data_dir), Warehouse(landing.warehouse)
    assert build_partition(landing, "2026-11-24").statuses == {"parsed": 1}
    assert build_partition(landing, DAY).statuses == {"duplicate": 1}
    assert warehouse.publish(store, ["2026-11-24", DAY]).orphaned_duplicates == {}

    (landing.raw_dir / "2026-11-24" / "first.txt").unlink()
    assert build_partition(landing, "2026-11-24").files == 0
    load = warehouse.publish(store, ["2026-11-24"])
    assert load.orphaned_duplicates == {DAY: (1, SEED_NAME)}
    assert (load.orphans_to_rerun, load.unloaded_originals) == ([DAY], [])
    message = orphaned_duplicates_message(load)
    assert f"left the landing zone: re-run {DAY} to parse the earliest copy" in message
    assert "does not hold" not in message
    assert load.partitions["2026-11-24"]["articles"] == 0

    assert build_partition(landing, DAY).statuses == {"parsed": 1}  # the re-run it names
    load = warehouse.publish(store, [DAY])
    assert load.orphaned_duplicates == {} and load.partitions[DAY]["articles"] == 1


def test_a_duplicate_whose_original_partition_is_not_loaded_names_that_partition(landing):
    """The original is parsed in Parquet, but its partition is not in the warehouse (its checks
    failed, or its load was refused): the remedy is loading it, not re-running the copy."""
    from warta.warehouse import Warehouse, orphaned_duplicates_message

    put(landing, "2026-11-24/first.txt", SEED.read_bytes())
    put(landing, SEED_NAME, SEED.read_bytes())
    store, warehouse = ParquetStore(landing.data_dir), Warehouse(landing.warehouse)
    assert build_partition(landing, "2026-11-24").statuses == {"parsed": 1}
    assert build_partition(landing, DAY).statuses == {"duplicate": 1}
    load = warehouse.publish(store, [DAY])  # 2026-11-24 is not loaded
    assert load.orphaned_duplicates == {DAY: (1, SEED_NAME)}
    assert (load.orphans_to_rerun, load.unloaded_originals) == ([], ["2026-11-24"])
    message = orphaned_duplicates_message(load)
    assert "parsed in 2026-11-24, which the warehouse does not hold" in message
    assert "re-run" not in message
    load = warehouse.publish(store, ["2026-11-24"])
    assert load.orphaned_duplicates == {}


def test_only_the_earliest_copy_of_an_article_whose_original_left_is_re_run(landing):
    from warta.warehouse import Warehouse

    days = ["2026-11-23", "2026-11-24", DAY]
    for day in days:
        put(landing, f"{day}/copy.txt", SEED.read_bytes())
    store, warehouse = ParquetStore(landing.data_dir), Warehouse(landing.warehouse)
    for day in days:
        build_partition(landing, day)
    warehouse.publish(store, days)
    (landing.raw_dir / days[0] / "copy.txt").unlink()
    build_partition(landing, days[0])
    load = warehouse.publish(store, [days[0]])
    assert sorted(load.orphaned_duplicates) == days[1:]
    assert (load.orphans_to_rerun, load.unloaded_originals) == (["2026-11-24"], [])
    build_partition(landing, "2026-11-24")  # the re-run it names
    load = warehouse.publish(store, ["2026-11-24"])
    assert load.orphaned_duplicates == {}  # the copy of DAY has its original again


def test_value_counts_of_a_published_partition(tmp_path):
    """What the parse step reports per partition (entity labels, languages): counts, most
    frequent first, nulls as "null"; nothing for a partition not published."""
    import pyarrow as pa

    store = ParquetStore(tmp_path)
    assert store.value_counts("articles", DAY, "language") == {}
    path = store.partition_file("articles", DAY)
    path.parent.mkdir(parents=True)
    pq.write_table(pa.table({"language": ["id", None, "en", "id", "id", None]}), path)
    assert list(store.value_counts("articles", DAY, "language").items()) == [
        ("id", 3),
        ("null", 2),
        ("en", 1),
    ]


def test_the_default_worker_count_is_the_cpus_this_process_may_use(tmp_path):
    """Not the host's CPUs: a taskset affinity or a container's cgroup CPU quota allows fewer,
    and each worker costs memory."""
    from warta.config import Settings, usable_cpus

    allowed = len(os.sched_getaffinity(0))
    assert usable_cpus(tmp_path) == allowed  # no cpu.max: the affinity alone
    (tmp_path / "cpu.max").write_text("max 100000\n")
    assert usable_cpus(tmp_path) == allowed
    (tmp_path / "cpu.max").write_text("50000 100000\n")  # half a CPU: one worker
    assert usable_cpus(tmp_path) == 1
    (tmp_path / "cpu.max").write_text("nonsense\n")
    assert usable_cpus(tmp_path) == allowed
    before = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {min(before)})  # as `taskset -c 0` does
    try:
        assert Settings.from_env({}).workers == 1
    finally:
        os.sched_setaffinity(0, before)


def test_whether_a_publication_time_has_a_time_of_day_reaches_parquet_and_the_warehouse(
    landing,
):
    """The parser's ``published_has_time``, for a page printing a time, one printing a date
    alone and one printing none, as Parquet and the warehouse hold it."""
    import duckdb

    from warta.warehouse import Warehouse

    seed = SEED.read_text("utf-8")
    pages = {
        "timed.txt": ("Diterbitkan\n\npada\n\n22 Nov 2026 11:30 PM GMT+8\n", True),
        "dated.txt": ("Diterbitkan\n\npada\n\n22 Nov 2026\n", False),
        "undated.txt": ("Diterbitkan\n\npada\n", None),
    }
    for number, (name, (label, _)) in enumerate(pages.items()):
        page = seed.replace("Diterbitkan\n\npada\n", label, 1).replace(
            "Korea Utara Membantah", f"Korea Utara ({number}) Membantah", 1
        )
        put(landing, f"{DAY}/{name}", page.encode())
    assert build_partition(landing, DAY).statuses == {"parsed": 3}
    expected = {f"{DAY}/{name}": has_time for name, (_, has_time) in pages.items()}
    rows = _table(landing, "articles").to_pylist()
    assert {row["source_path"]: row["published_has_time"] for row in rows} == expected
    warehouse = Warehouse(landing.warehouse)
    warehouse.publish(ParquetStore(landing.data_dir), [DAY])
    with duckdb.connect(str(landing.warehouse), read_only=True) as con:
        loaded = con.sql("SELECT source_path, published_has_time FROM article_overview").fetchall()
    assert dict(loaded) == expected


def test_a_parquet_folder_that_cannot_be_made_is_named_with_the_reason(tmp_path):
    """``ensure_writable`` (before any parse): under a file, the folder cannot be created; a
    link to a missing folder (a volume not mounted) is said to be one."""
    from warta.parquet_store import ParquetStore, StoreUnavailable

    (tmp_path / "file").write_text("x")
    with pytest.raises(StoreUnavailable, match=r"cannot create the Parquet folder .*Not a direct"):
        ParquetStore(tmp_path / "file" / "parquet").ensure_writable()
    (tmp_path / "link").symlink_to(tmp_path / "unmounted" / "parquet")
    with pytest.raises(StoreUnavailable) as raised:
        ParquetStore(tmp_path / "link").ensure_writable()
    assert str(raised.value) == (
        f"the Parquet folder {tmp_path / 'link'} (WARTA_DATA_DIR): {tmp_path / 'link'} links to "
        f"{tmp_path / 'unmounted' / 'parquet'}, which is missing (or a loop of links); is its "
        "volume mounted? Nothing was parsed"
    )
    assert not raised.value.transient and not (tmp_path / "unmounted").exists()
    # a link to nothing higher up, written relative to its folder
    (tmp_path / "data").symlink_to("gone")
    with pytest.raises(
        StoreUnavailable, match=f"{tmp_path / 'data'} links to {tmp_path / 'gone'},"
    ):
        ParquetStore(tmp_path / "data" / "parquet").ensure_writable()
    ParquetStore(tmp_path / "fine" / "parquet").ensure_writable()  # made, parents and all
    assert (tmp_path / "fine" / "parquet").is_dir()
