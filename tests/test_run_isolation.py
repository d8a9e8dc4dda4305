"""``warta run`` over several partitions: one partition failing its checks does not stop or
spoil the others."""

from __future__ import annotations

import io
from datetime import date

import duckdb

from tests.conftest import SEED, leak_an_ad_line, put

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


def _warehouse(landing, query: str) -> list[tuple]:
    con = duckdb.connect(str(landing.warehouse), read_only=True)
    try:
        return con.sql(query).fetchall()
    finally:
        con.close()


def test_a_refused_load_is_repaired_by_the_same_warta_run(landing, monkeypatch):
    """An earlier day holding an article a later day already published is refused; without the
    daemon ``warta run`` repairs it as the repair sensor would: the later day again (its copy
    becomes a duplicate), then the refused day."""
    from pipelines.run import run_partitions

    monkeypatch.delenv("DAGSTER_HOME", raising=False)
    put(landing, f"{GOOD}/a.txt", SEED.read_bytes())
    put(landing, f"{BROKEN}/late-copy.txt", SEED.read_bytes())
    out = io.StringIO()
    results = run_partitions([GOOD, BROKEN], out=out)
    assert [(r.partition, r.success) for r in results] == [(GOOD, True), (BROKEN, True)]
    printed = out.getvalue()
    assert "- warehouse: articles parsed in more than one partition" in printed
    assert (
        f"{BROKEN}: its load was refused (an article is also in {GOOD}): running {GOOD} again, "
        f"then {BROKEN}\n"
    ) in printed
    assert printed.count(f"{BROKEN}: 1 file (1 parsed, 0 duplicate, 0 rejected)") == 2
    assert printed.count(f"{GOOD}: 1 file") == 2
    assert _warehouse(landing, "SELECT ingest_date::VARCHAR, source_path FROM articles") == [
        (BROKEN, f"{BROKEN}/late-copy.txt")
    ]
    ledger = "SELECT source_path, status FROM raw_files ORDER BY ALL"
    assert _warehouse(landing, ledger) == [
        (f"{BROKEN}/late-copy.txt", "parsed"),
        (f"{GOOD}/a.txt", "duplicate"),
    ]


def test_a_day_landing_before_a_published_one_is_repaired_in_one_run_of_every_day(
    landing, monkeypatch
):
    """``warta run`` of every day, after an earlier day landed a copy of a published article:
    the earlier day is refused, the later one then runs (its copy a duplicate), and only the
    refused day runs again: no published duplicate is left without its original."""
    from pipelines.run import run_partitions

    monkeypatch.delenv("DAGSTER_HOME", raising=False)
    put(landing, f"{GOOD}/a.txt", SEED.read_bytes())
    assert [r.success for r in run_partitions(None, out=io.StringIO())] == [True]
    put(landing, f"{BROKEN}/late-copy.txt", SEED.read_bytes())
    out = io.StringIO()
    results = run_partitions(None, out=out)
    assert [(r.partition, r.success) for r in results] == [(BROKEN, True), (GOOD, True)]
    printed = out.getvalue()
    assert (
        f"{BROKEN}: its load was refused (an article is also in {GOOD}): running {BROKEN}\n"
        in printed
    )
    assert printed.count(f"{GOOD}: 1 file (0 parsed, 1 duplicate, 0 rejected)") == 1
    assert printed.count(f"{BROKEN}: 1 file (1 parsed") == 2
    assert _warehouse(landing, "SELECT ingest_date::VARCHAR FROM articles") == [(BROKEN,)]
    assert _warehouse(landing, "SELECT count(*) FROM raw_files WHERE status = 'duplicate'") == [
        (1,)
    ]


def _chained_copies(landing, monkeypatch) -> tuple[str, str, str]:
    """Days 2 and 3 published, each with an article; then day 1 lands a copy of day 2's and
    day 2 a copy of day 3's: each earlier copy is the original of a published later one."""
    from pipelines.run import run_partitions

    monkeypatch.delenv("DAGSTER_HOME", raising=False)
    day1, day2, day3 = "2026-11-23", "2026-11-24", "2026-11-25"
    other = SEED.read_bytes().replace(b"Korea Utara Membantah", b"Korut Membantah")
    put(landing, f"{day2}/a.txt", SEED.read_bytes())
    put(landing, f"{day3}/b.txt", other)
    assert all(r.success for r in run_partitions(None, out=io.StringIO()))
    put(landing, f"{day1}/a-copy.txt", SEED.read_bytes())
    put(landing, f"{day2}/b-copy.txt", other)
    return day1, day2, day3


def test_a_repair_whose_named_day_is_refused_for_a_third_day_repairs_that_one_first(
    landing, monkeypatch
):
    """Day 1 is refused for a copy day 2 holds; day 2, run again for it, is refused for another
    article day 3 holds: day 3 runs, then day 2, then day 1, all in the same ``warta run``."""
    from pipelines.run import run_partitions

    day1, day2, day3 = _chained_copies(landing, monkeypatch)
    out = io.StringIO()
    results = run_partitions([day1, day2], out=out)
    printed = out.getvalue()
    assert [(r.partition, r.success) for r in results] == [
        (day1, True),
        (day2, True),
        (day3, True),
    ], printed
    assert (
        f"{day2}: its load was refused (an article is also in {day3}): running {day3} again, "
        f"then {day2}\n"
    ) in printed
    assert f"{day1}: its load was refused (an article is also in {day2}): running {day1}\n" in (
        printed
    )
    ledger = "SELECT source_path, status FROM raw_files ORDER BY ALL"
    assert _warehouse(landing, ledger) == [
        (f"{day1}/a-copy.txt", "parsed"),
        (f"{day2}/a.txt", "duplicate"),
        (f"{day2}/b-copy.txt", "parsed"),
        (f"{day3}/b.txt", "duplicate"),
    ]


def test_a_repair_that_needs_a_day_left_to_a_person_is_left_too(landing, monkeypatch):
    """Day 2's repair fails (day 3, run again for it, fails its checks), so day 2 is left to a
    person; day 1, whose repair needs day 2, is left too: day 2 is not run again for it, and
    nothing is said to be both left and still being repaired."""
    import warta.ingest
    from pipelines.run import run_partitions

    day1, day2, day3 = _chained_copies(landing, monkeypatch)
    third = SEED.read_bytes().replace(b"Korea Utara Membantah", b"Pyongyang Membantah")
    put(landing, f"{day3}/c.txt", third)  # a new article: day 3's parser bug shows on it
    original = warta.ingest.append_article

    def broken_on_day3(columns, position, article_id, source_path, article, entities, day):
        original(columns, position, article_id, source_path, article, entities, day)
        if day == date.fromisoformat(day3):
            for values in columns["paragraphs"].values():
                values.append(values[-1])  # a duplicated paragraph key

    monkeypatch.setattr(warta.ingest, "append_article", broken_on_day3)
    out = io.StringIO()
    results = run_partitions([day1, day2], out=out)
    printed = out.getvalue()
    assert [(r.partition, r.success) for r in results] == [
        (day1, False),
        (day2, False),
        (day3, False),
    ], printed
    assert (
        f"{day2}: left to a person: the run of {day3} for its repair failed (see above)\n"
        in printed
    )
    assert (
        f"{day1}: its load was refused (an article is also in {day2}); left to a person: its "
        f"repair needs {day2}, whose own repair did not succeed (see above)\n"
    ) in printed
    assert "still refused" not in printed
    assert printed.count(f"{day2}: 2 files") == 1  # not run again for day 1
    assert printed.count(f"{day3}: 2 files") == 1
    ledger = "SELECT source_path, status FROM raw_files ORDER BY ALL"
    assert _warehouse(landing, ledger) == [
        (f"{day2}/a.txt", "parsed"),
        (f"{day3}/b.txt", "parsed"),
    ]


def test_a_day_repaired_earlier_in_the_run_is_run_again_for_a_later_refusal(landing, monkeypatch):
    """Day C's repair succeeds early in the run; day B, run for day A's repair, is then refused
    for an article C also holds: C runs again for it (its copy now a duplicate), then B, then
    A. A day once repaired is not taken for one left to a person."""
    from pipelines.run import run_partitions

    monkeypatch.delenv("DAGSTER_HOME", raising=False)
    day_a, day_b, day_c, day_d = "2026-11-22", "2026-11-23", "2026-11-24", "2026-11-25"
    first = SEED.read_bytes()
    second = first.replace(b"Korea Utara Membantah", b"Korut Membantah")
    third = first.replace(b"Korea Utara Membantah", b"Pyongyang Membantah")
    put(landing, f"{day_b}/1.txt", first)
    put(landing, f"{day_c}/2.txt", second)
    put(landing, f"{day_d}/3.txt", third)
    assert all(r.success for r in run_partitions(None, out=io.StringIO()))
    put(landing, f"{day_a}/1-copy.txt", first)
    put(landing, f"{day_b}/2-copy.txt", second)
    put(landing, f"{day_c}/3-copy.txt", third)
    out = io.StringIO()
    results = run_partitions([day_a, day_c], out=out)
    printed = out.getvalue()
    assert all(r.success for r in results), printed
    assert "left to a person" not in printed and "still refused" not in printed
    assert (
        f"{day_b}: its load was refused (an article is also in {day_c}): running {day_c} "
        f"again, then {day_b}\n"
    ) in printed
    ledger = "SELECT source_path, status FROM raw_files ORDER BY ALL"
    assert _warehouse(landing, ledger) == [
        (f"{day_a}/1-copy.txt", "parsed"),
        (f"{day_b}/1.txt", "duplicate"),
        (f"{day_b}/2-copy.txt", "parsed"),
        (f"{day_c}/2.txt", "duplicate"),
        (f"{day_c}/3-copy.txt", "parsed"),
        (f"{day_d}/3.txt", "duplicate"),
    ]


def test_a_refusal_naming_only_its_own_day_says_a_day_published_since_holds_its_article():
    """Two `warta run`s at once: the other published a day holding one of this day's articles
    after this day's parse; the refusal names this day alone (to be parsed again). The message
    named it as the day also holding the article."""
    import dagster as dg

    from pipelines.run import PartitionRun, _Runner

    out = io.StringIO()
    runner = _Runner(dg.DagsterInstance.ephemeral(), out, logs="above")
    runner.refused = {"2026-11-26": (["2026-11-26"], 1)}

    def run_again(day: str) -> PartitionRun:  # as a successful run leaves the runner
        runner.refused.pop(day, None)
        return PartitionRun(day, True, [], f"{day}: ran")

    runner.run = run_again
    assert [r.partition for r in runner.repair_refusals()] == ["2026-11-26"]
    assert out.getvalue() == (
        "2026-11-26: its load was refused (a day published since its parse holds one of its "
        "articles): running 2026-11-26\n"
    )


def test_changed_runs_only_the_days_whose_folder_changed(landing, tmp_path, monkeypatch):
    """``warta run --changed`` against the runs recorded at DAGSTER_HOME: a day whose folder
    holds what its last successful parse read is skipped (and counts as a success); a day that
    gained a file, or whose last run failed, runs."""
    import pytest

    from pipelines.run import run_partitions

    monkeypatch.delenv("DAGSTER_HOME", raising=False)
    with pytest.raises(ValueError, match="--changed needs DAGSTER_HOME"):
        run_partitions(None, out=io.StringIO(), changed_only=True)
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "home"))
    put(landing, f"{BROKEN}/a.txt", SEED.read_bytes())
    put(landing, f"{GOOD}/b.txt", SEED.read_bytes().replace(b"Korea Utara", b"Korut"))
    with pytest.MonkeyPatch.context() as patch:
        leak_an_ad_line(patch)  # the first runs fail their checks: nothing to skip after them
        first = run_partitions(None, out=io.StringIO(), changed_only=True)
    assert [(r.partition, r.success) for r in first] == [(BROKEN, False), (GOOD, False)]
    first = run_partitions(None, out=io.StringIO(), changed_only=True)
    assert [(r.partition, r.success) for r in first] == [(BROKEN, True), (GOOD, True)]
    put(landing, f"{GOOD}/c.txt", b"too short")
    out = io.StringIO()
    second = run_partitions(None, out=out, changed_only=True)
    assert [(r.partition, r.success) for r in second] == [(BROKEN, True), (GOOD, True)]
    printed = out.getvalue()
    skipped = f"{BROKEN}: unchanged since its last successful parse; skipped (--changed)"
    assert second[0].message == skipped and f"{skipped}\n" in printed
    assert f"{GOOD}: 2 files (1 parsed, 0 duplicate, 1 rejected)" in printed
    assert f"{BROKEN}: 1 file" not in printed
    out = io.StringIO()
    run_partitions(None, out=out, changed_only=True)
    assert out.getvalue().count("unchanged since its last successful parse") == 2
    assert _warehouse(landing, "SELECT count(*) FROM raw_files") == [(3,)]
    # The warehouse gone (moved, deleted): the days' runs succeeded, but nothing holds them.
    # Their loads refuse to start a warehouse of one day where one was published; a rebuild
    # makes it again from the Parquet. Their last runs failed, so --changed runs them again.
    landing.warehouse.unlink()
    out = io.StringIO()
    missing = run_partitions(None, out=out, changed_only=True)
    assert [(r.partition, r.success) for r in missing] == [(BROKEN, False), (GOOD, False)]
    assert (
        out.getvalue().count(
            f"{landing.warehouse} is missing, but a warehouse was published there before"
        )
        == 2
    )
    assert not landing.warehouse.exists()
    from warta.cli import main

    assert main(["rebuild"]) == 0
    assert _warehouse(landing, "SELECT count(*) FROM raw_files") == [(3,)]
    assert all(r.success for r in run_partitions(None, out=io.StringIO(), changed_only=True))
    assert _warehouse(landing, "SELECT count(*) FROM raw_files") == [(3,)]
    # Without --changed every day runs, as before.
    out = io.StringIO()
    run_partitions(None, out=out)
    assert "unchanged" not in out.getvalue() and f"{BROKEN}: 1 file" in out.getvalue()


def test_changed_parses_again_the_days_another_parser_version_made(landing, tmp_path, monkeypatch):
    """After an upgrade of the parser, ``warta run --changed`` runs the unchanged days whose
    warehouse rows another ``PARSER_VERSION`` made, or whose version was not recorded, and
    skips them once parsed by this one."""
    from pipelines.run import run_partitions
    from warta import PARSER_VERSION

    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "home"))
    put(landing, f"{BROKEN}/a.txt", SEED.read_bytes())
    put(landing, f"{GOOD}/b.txt", SEED.read_bytes().replace(b"Korea Utara", b"Korut"))
    assert all(r.success for r in run_partitions(None, out=io.StringIO(), changed_only=True))
    con = duckdb.connect(str(landing.warehouse))
    try:  # as an older release loaded them
        con.execute(
            f"UPDATE partitions SET parser_version = '2020.1.1' WHERE ingest_date = '{BROKEN}'"
        )
        con.execute(f"UPDATE partitions SET parser_version = NULL WHERE ingest_date = '{GOOD}'")
    finally:
        con.close()
    out = io.StringIO()
    results = run_partitions(None, out=out, changed_only=True)
    assert [(r.partition, r.success) for r in results] == [(BROKEN, True), (GOOD, True)]
    printed = out.getvalue()
    assert f"{BROKEN}: parsed by 2020.1.1, this is {PARSER_VERSION}: parsing it again\n" in printed
    assert (
        f"{GOOD}: parsed by a version the warehouse did not record, this is {PARSER_VERSION}: "
        "parsing it again\n"
    ) in printed
    assert f"{BROKEN}: 1 file (1 parsed, 0 duplicate, 0 rejected)" in printed
    assert "unchanged" not in printed
    assert _warehouse(
        landing, "SELECT ingest_date::VARCHAR, parser_version FROM partitions ORDER BY 1"
    ) == [(BROKEN, PARSER_VERSION), (GOOD, PARSER_VERSION)]
    out = io.StringIO()
    run_partitions(None, out=out, changed_only=True)
    assert out.getvalue().count("unchanged since its last successful parse; skipped") == 2
    assert "parsing it again" not in out.getvalue()


def test_two_days_refusing_each_others_old_rows_are_published_together(landing, monkeypatch):
    """A day's file replaced by an article a later day holds: the day's load is refused for
    it; the later day, parsed again, has its copy a duplicate and its copy of the day's old
    article the original, and its load was refused for the old article the warehouse still
    had of the day: each refused the other for ever. The later day's load now publishes the
    day's newer parse with it, and the repair ends with every day published."""
    from pipelines.run import run_partitions

    monkeypatch.delenv("DAGSTER_HOME", raising=False)
    other = SEED.read_bytes().replace(b"Korea Utara Membantah", b"Korut Membantah")
    put(landing, f"{BROKEN}/a.txt", SEED.read_bytes())
    put(landing, f"{GOOD}/b.txt", SEED.read_bytes())  # a copy of a.txt: a duplicate
    put(landing, f"{GOOD}/c.txt", other)
    assert all(r.success for r in run_partitions(None, out=io.StringIO()))
    put(landing, f"{BROKEN}/a.txt", other)  # the same name, now the later day's other article
    out = io.StringIO()
    results = run_partitions([BROKEN], out=out)
    printed = out.getvalue()
    assert [(r.partition, r.success) for r in results] == [(BROKEN, True), (GOOD, True)], printed
    assert (
        f"{BROKEN}: its load was refused (an article is also in {GOOD}): running {GOOD} again, "
        f"then {BROKEN}\n{GOOD}: 2 files (1 parsed, 1 duplicate, 0 rejected) checks passed, "
        "warehouse published\n"
    ) in printed
    assert "left to a person" not in printed
    # recorded in no instance the UI shows (DAGSTER_HOME unset): the logs are the ones printed
    assert (
        f"{BROKEN}: 1 file (1 parsed, 0 duplicate, 0 rejected) run FAILED "
        "(see the run's logs above)" in printed
    )
    rows = _warehouse(
        landing,
        "SELECT ingest_date::VARCHAR, source_path, status FROM raw_files ORDER BY source_path",
    )
    assert rows == [
        (BROKEN, f"{BROKEN}/a.txt", "parsed"),
        (GOOD, f"{GOOD}/b.txt", "parsed"),
        (GOOD, f"{GOOD}/c.txt", "duplicate"),
    ]
    assert _warehouse(
        landing,
        "SELECT count(*) FROM (SELECT article_id FROM articles GROUP BY 1 HAVING count(*) > 1)",
    ) == [(0,)]


def test_changed_runs_every_day_when_the_warehouse_cannot_be_read_now(landing, monkeypatch):
    """Held read-write by another process past the wait (``WarehouseBusy``): ``--changed``
    crashed with a traceback; it runs every day, whose loads wait and retry."""
    from pipelines.run import _published
    from warta.warehouse import Warehouse, WarehouseBusy

    def held(self):
        raise WarehouseBusy(f"{self.path} is open read-write by another process")

    landing.warehouse.touch()  # a warehouse there, held past the wait
    monkeypatch.setattr(Warehouse, "_wait_until_not_held", held)
    assert _published(landing) == {}


def test_a_run_waiting_for_a_live_runs_parse_slot_says_so_and_leaves_it_alone(
    landing, tmp_path, monkeypatch
):
    """A run of a live process (here this one) holding the parse slot is neither failed nor
    freed; the day waits for it, and says for which run, where Dagster waits without a word."""
    import threading
    import time
    import uuid

    import dagster as dg

    from pipelines.run import PROCESS_TAG, instance_home, run_partitions
    from warta.processes import process_identity

    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "home"))
    instance_home(out=io.StringIO())
    put(landing, f"{GOOD}/a.txt", SEED.read_bytes())
    holder = str(uuid.uuid4())
    with dg.DagsterInstance.get() as instance:
        instance.add_run(
            dg.DagsterRun(
                job_name="warta_daily",
                run_id=holder,
                status=dg.DagsterRunStatus.STARTED,
                tags={PROCESS_TAG: process_identity(), "dagster/partition": BROKEN},
            )
        )
        # as the executor does: the pool's slots (default_limit 1), then the holder's claim
        storage = instance.event_log_storage
        storage.initialize_concurrency_limit_to_default("warta_parse")
        assert storage.claim_concurrency_slot("warta_parse", holder, "raw_files").is_claimed
    out = io.StringIO()
    waiting = f"{GOOD}: waiting for the parse slot (pool warta_parse), held by run {holder} "

    def release_once_waiting() -> None:
        deadline = time.monotonic() + 120
        while waiting not in out.getvalue() and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(1)  # the run is waiting for the slot by now
        with dg.DagsterInstance.get() as instance:
            assert instance.get_run_by_id(holder).status == dg.DagsterRunStatus.STARTED
            instance.event_log_storage.free_concurrency_slots_for_run(holder)

    releaser = threading.Thread(target=release_once_waiting)
    releaser.start()
    try:
        (result,) = run_partitions([GOOD], out=out)
    finally:
        releaser.join()
    assert result.success, out.getvalue()
    assert f"{waiting}({BROKEN}, STARTED)\n" in out.getvalue()
    assert "was left" not in out.getvalue()
