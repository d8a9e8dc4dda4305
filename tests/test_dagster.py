"""The real Dagster definitions, run in-process against temporary directories."""

from __future__ import annotations

import re
import time
from collections import Counter

import dagster as dg
import pytest

from pipelines.definitions import defs
from pipelines.partitions import landing_date_partitions
from tests.conftest import (
    SEED,
    abandon_a_build,
    leak_an_ad_line,
    put,
    run_daily,
    warehouse_rows,
)
from tests.entities.test_extract import SEED_MENTIONS
from warta import PARSER_VERSION
from warta.schema import TABLES

DAY = "2026-11-25"


def _run(partition: str = DAY, **kwargs) -> dg.ExecuteInProcessResult:
    return run_daily(partition, **kwargs)


def test_definitions_load_and_validate():
    dg.Definitions.validate_loadable(defs)
    repository = defs.get_repository_def()
    keys = {key.to_user_string() for key in repository.asset_graph.get_all_asset_keys()}
    assert keys == {*TABLES, "warehouse"}
    checks = {
        (k.asset_key.to_user_string(), k.name) for k in repository.asset_graph.asset_check_keys
    }
    assert ("entities", "entities_offsets_match") in checks
    assert ("articles", "gx_published_at_in_range") in checks
    assert {s.name for s in repository.schedule_defs} == {"warta_nightly"}
    assert {s.name for s in repository.sensor_defs} == {
        "warta_landing_sensor",
        "warta_repair_sensor",
        "warta_failure_alert",
    }
    for key in repository.asset_graph.get_all_asset_keys():
        node = repository.asset_graph.get(key)
        assert node.description and node.group_name and node.kinds, key
        assert node.partitions_def == landing_date_partitions


def test_the_ui_shows_each_tables_columns_with_their_nullability():
    repository = defs.get_repository_def()
    for name, schema in TABLES.items():
        shown = repository.asset_graph.get(dg.AssetKey(name)).metadata["dagster/column_schema"]
        columns = {c.name: (c.type, c.constraints.nullable) for c in shown.columns}
        assert columns == {f.name: (str(f.type), f.nullable) for f in schema}, name
    assert columns["article_id"] == ("string", False)
    assert columns["text"] == ("string", False) and columns["after_paragraph_index"][1] is False


def test_parse_and_load_each_run_in_a_pool_of_their_own():
    """With pool limit 1 (pipelines/dagster.yaml) one parse and one load run at a time, so a
    partition's checks and load overlap the next partition's parse."""
    graph = defs.get_repository_def().asset_graph
    pools = {key.to_user_string(): graph.get(key).pools for key in graph.get_all_asset_keys()}
    assert pools == {**{t: {"warta_parse"} for t in TABLES}, "warehouse": {"warta_warehouse"}}


def test_the_load_retry_warning_tells_when_dagster_will_retry():
    from dagster._core.definitions.policy import calculate_delay

    from assets.warehouse import LOAD_RETRY, retry_note

    assert [retry_note(n) for n in range(3)] == [
        "Retry 1 of 3 in 0-40 s.",
        "Retry 2 of 3 in 40-80 s.",
        "Retry 3 of 3 in 120-160 s.",
    ]
    for n in range(LOAD_RETRY.max_retries):  # Dagster's own delays for the policy fall inside
        low, high = map(int, re.findall(r"(\d+)-(\d+) s", retry_note(n))[0])
        for _ in range(200):
            delay = calculate_delay(n + 1, LOAD_RETRY.backoff, LOAD_RETRY.jitter, LOAD_RETRY.delay)
            assert low <= delay <= high


def test_daily_job_materialises_the_seed_partition(landing):
    put(landing, f"{DAY}/000_39c4db6f91142a44.txt", SEED.read_bytes())
    put(landing, f"{DAY}/empty.txt", b"")
    result = _run()
    assert result.success
    evaluations = result.get_asset_check_evaluations()
    from warta.quality import INTEGRITY_CHECKS, SUITES

    expected = len(INTEGRITY_CHECKS) + sum(len(suite) for suite in SUITES.values())
    assert len(evaluations) == expected  # every declared check ran
    # Recorded for their day: the UI shows each check per partition.
    assert {e.partition for e in evaluations} == {DAY}
    assert [e.check_name for e in evaluations if not e.passed] == []
    materialized = {
        e.asset_key.to_user_string(): e.materialization.metadata
        for e in result.get_asset_materialization_events()
    }
    assert set(materialized) == {*TABLES, "warehouse"}
    assert materialized["paragraphs"]["dagster/row_count"].value == 19
    entities = materialized["entities"]
    by_label = {label: entities[f"mentions_{label}"].value for label in ("PER", "ORG", "LOC")}
    assert sum(by_label.values()) == entities["dagster/row_count"].value
    # The seed article's mentions, one by one in tests/entities/test_extract.py.
    assert by_label == Counter(label for _, _, _, label, _, _ in SEED_MENTIONS)
    assert entities["mentions_by_method"].value == Counter(m[5] for m in SEED_MENTIONS)
    assert materialized["articles"]["languages"].value == {"id": 1}
    assert materialized["raw_files"]["files_rejected"].value == 1
    assert materialized["raw_files"]["parser_version"].value == PARSER_VERSION
    assert materialized["raw_files"]["landing_folder"].value == "present"
    versions = {  # the code version Dagster records with each table's materialization
        e.asset_key.to_user_string(): e.event_specific_data.materialization.tags.get(
            "dagster/code_version"
        )
        for e in result.get_asset_materialization_events()
    }
    assert {table: versions[table] for table in TABLES} == dict.fromkeys(TABLES, PARSER_VERSION)
    wall = materialized["raw_files"]["seconds"].value
    cpu = materialized["raw_files"]["worker_cpu_seconds"].value
    assert set(wall) == {"list", "write", "publish", "total"} and wall["total"] > 0
    assert set(cpu) == {"read", "parse", "entities"}
    # Shown to the millisecond: one page may take less on a fast CPU. That the timers count real
    # work is tested on the core (tests/test_partition.py, unrounded).
    assert all(isinstance(v, float) and v >= 0 for v in cpu.values()), cpu
    assert "Korea Utara Membantah" in materialized["articles"]["preview"].value
    rows = warehouse_rows(landing.warehouse)
    assert len(rows["articles"]) == 1 and len(rows["paragraphs"]) == 19
    assert [(r[5], r[6]) for r in rows["raw_files"]] == [
        ("parsed", None),
        ("rejected", "empty file"),
    ]

    assert materialized["warehouse"]["warehouse_copy"].value == "none (no warehouse yet)"
    size = landing.warehouse.stat().st_size
    assert materialized["raw_files"]["isolated_parse"].value is False

    abandon_a_build(landing, DAY)  # as if a run had been killed mid-parse
    again = _run()
    assert again.success
    assert warehouse_rows(landing.warehouse) == rows
    [ledger] = [
        e.materialization.metadata
        for e in again.get_asset_materialization_events()
        if e.asset_key.to_user_string() == "raw_files"
    ]
    assert ledger["isolated_parse"].value is True  # and the parse said why, as a warning
    [load] = [
        e.materialization.metadata
        for e in again.get_asset_materialization_events()
        if e.asset_key.to_user_string() == "warehouse"
    ]  # the second load started from a copy of the first one's file (cloned or copied)
    copied = re.fullmatch(
        r"(cloned|copied) ([\d.,]+) MB in ([\d.]+) s( \(no clone: \w+\))?",
        load["warehouse_copy"].value,
    )
    assert copied, load["warehouse_copy"].value
    assert copied[2] == f"{size / 1e6:,.1f}"  # the first load's whole file
    assert load["warehouse_copy_seconds"].value == pytest.approx(float(copied[3]), abs=0.001)


def test_the_load_names_partitions_whose_duplicates_lost_their_original(landing):
    put(landing, "2026-11-24/first.txt", SEED.read_bytes())
    put(landing, f"{DAY}/copy.txt", SEED.read_bytes())
    assert _run("2026-11-24").success and _run().success  # the copy in DAY: a duplicate
    (landing.raw_dir / "2026-11-24" / "first.txt").unlink()
    result = _run("2026-11-24")  # parsed again without the original: nothing refused
    assert result.success
    [warehouse] = [
        e.materialization.metadata
        for e in result.get_asset_materialization_events()
        if e.asset_key.to_user_string() == "warehouse"
    ]
    assert f"| {DAY} | 1 | {DAY}/copy.txt |" in warehouse["duplicates_without_original"].value


def test_failing_blocking_check_keeps_the_warehouse(landing, monkeypatch):
    put(landing, f"{DAY}/000_39c4db6f91142a44.txt", SEED.read_bytes())
    assert _run().success
    before = warehouse_rows(landing.warehouse)

    leak_an_ad_line(monkeypatch)
    result = _run()
    assert not result.success
    failed = {
        (e.asset_key.to_user_string(), e.check_name)
        for e in result.get_asset_check_evaluations()
        if not e.passed
    }
    assert ("paragraphs", "paragraphs_no_marker_text") in failed
    assert ("articles", "articles_counts_match") in failed
    severities = {e.severity for e in result.get_asset_check_evaluations() if not e.passed}
    assert severities == {dg.AssetCheckSeverity.ERROR}
    assert "warehouse" not in {
        e.asset_key.to_user_string() for e in result.get_asset_materialization_events()
    }
    assert warehouse_rows(landing.warehouse) == before


def test_warehouse_alone_refuses_a_broken_partition(landing):
    put(landing, f"{DAY}/000_39c4db6f91142a44.txt", SEED.read_bytes())
    assert _run().success
    before = warehouse_rows(landing.warehouse)
    import pyarrow as pa
    import pyarrow.parquet as pq

    from warta.parquet_store import ParquetStore

    path = ParquetStore(landing.data_dir).partition_file("ad_markers", DAY)
    table = pq.read_table(path)
    pq.write_table(pa.concat_tables([table, table.slice(0, 1)]), path)  # duplicate key
    result = _run(asset_selection=[dg.AssetKey("warehouse")])
    assert not result.success
    failure = result.get_step_failure_events()[0].step_failure_data.user_failure_data
    # The duplicated marker also breaks the article's marker count.
    assert failure.description.startswith(
        f"partition {DAY} fails ERROR checks: articles:articles_counts_match, "
        "ad_markers:ad_markers_key_unique; the warehouse was not changed"
    )
    failed = failure.metadata["failed_checks"].value
    assert "| ad_markers:ad_markers_key_unique | 1 |" in failed, failed
    assert warehouse_rows(landing.warehouse) == before


def test_warehouse_alone_refuses_a_partition_without_its_parquet(landing):
    put(landing, f"{DAY}/000_39c4db6f91142a44.txt", SEED.read_bytes())

    def failure() -> str:
        result = _run(asset_selection=[dg.AssetKey("warehouse")])
        assert not result.success
        [event] = result.get_step_failure_events()
        return event.step_failure_data.user_failure_data.description

    root = landing.data_dir
    assert failure() == (
        f"partition {DAY} has not been parsed (no Parquet) in {root}; the warehouse was not "
        "changed: materialize the whole job for this partition (its parse, then this load)"
    )
    assert not landing.warehouse.exists()
    assert _run().success
    before = warehouse_rows(landing.warehouse)
    from warta.parquet_store import ParquetStore

    ParquetStore(root).partition_file("entities", DAY).unlink()
    assert failure().startswith(
        f"partition {DAY} has Parquet for raw_files, articles, paragraphs, ad_markers but not "
        f"for entities in {root}; the warehouse was not changed"
    )
    assert warehouse_rows(landing.warehouse) == before


def test_warehouse_alone_waits_for_a_parse_holding_its_partition(landing, monkeypatch, capfd):
    """Launched on its own while a parse of the day holds the partition's lock (its Parquet not
    there yet), the load gives up waiting, says when it will try again, and fails for Dagster
    to retry it."""
    import importlib

    from pipelines.resources import WartaSettings
    from warta.parquet_store import ParquetStore, PartitionBusy

    warehouse_module = importlib.import_module("assets.warehouse")  # the module, not the asset
    monkeypatch.setattr(warehouse_module, "PRECHECK_LOCK_SECONDS", 0.2)
    store = ParquetStore(landing.data_dir)
    store.root.mkdir(parents=True)
    resources = {"warta": WartaSettings()}
    with store.lock(DAY), dg.build_asset_context(partition_key=DAY, resources=resources) as context:
        # Invoked directly, the step has no attempt count (a run's retries wait 20 s or more):
        # this is the first attempt.
        monkeypatch.setattr(type(context), "retry_number", property(lambda _: 0), raising=False)
        with pytest.raises(PartitionBusy) as raised:
            warehouse_module.warehouse(context)
    logged = capfd.readouterr().err.splitlines()  # Dagster's console log of the step
    assert [line.split(" - ", 4)[2:] for line in logged if str(raised.value) in line] == [
        ["WARNING", "system", f"{raised.value}. Retry 1 of 3 in 0-40 s."]
    ]
    assert not landing.warehouse.exists()


def test_warehouse_alone_completes_a_publish_a_killed_parse_had_committed(landing):
    """A parse killed while moving its committed tables into place left a partition short of
    a table; the load alone first completes that publish (under the partition's lock), then
    loads, instead of refusing the partition."""
    from warta.parquet_store import COMMITTED, STAGING, ParquetStore

    put(landing, f"{DAY}/000_39c4db6f91142a44.txt", SEED.read_bytes())
    assert _run().success
    before = warehouse_rows(landing.warehouse)
    store = ParquetStore(landing.data_dir)
    staged = landing.data_dir / STAGING / f"{DAY}-killed"
    (staged / "entities").mkdir(parents=True)
    store.partition_file("entities", DAY).rename(staged / "entities" / "part-0.parquet")
    (staged / COMMITTED).touch()  # the other four tables were moved before the kill
    assert not store.has_partition(DAY)
    assert _run(asset_selection=[dg.AssetKey("warehouse")]).success
    assert store.has_partition(DAY)
    assert not staged.exists()
    assert warehouse_rows(landing.warehouse) == before


def test_a_warehouse_linked_into_a_missing_folder_fails_the_load_at_once(landing, monkeypatch):
    """Its volume not mounted: the load says so and is not retried for minutes."""
    link = landing.warehouse.parent / "linked.duckdb"
    link.symlink_to(landing.warehouse.parent / "unmounted" / "warehouse.duckdb")
    monkeypatch.setenv("WARTA_WAREHOUSE", str(link))
    put(landing, f"{DAY}/000_39c4db6f91142a44.txt", SEED.read_bytes())
    result = _run()
    assert not result.success
    [event] = result.get_step_failure_events()
    assert event.step_key == "warehouse"
    assert event.step_failure_data.user_failure_data.description == (
        f"{link} links to {landing.warehouse.parent / 'unmounted' / 'warehouse.duckdb'}, whose "
        "folder is missing; is its volume mounted? The warehouse was not changed"
    )
    assert not (landing.warehouse.parent / "unmounted").exists()


@pytest.mark.parametrize("partition", ["2019-12-31"])
def test_partition_range_starts_at_the_configured_date(partition):
    assert partition not in landing_date_partitions.get_partition_keys()
    assert "2020-01-01" in landing_date_partitions.get_partition_keys()


@pytest.mark.parametrize("entry", [None, "file", "link"])
def test_a_day_without_a_folder_is_published_empty_with_a_warning(landing, capfd, entry):
    """What the nightly must do when the scrapers delivered nothing; a day asked for by hand
    with a mistyped date shows the same warning in the run's log, and the metadata says it.
    A day that is a symbolic link (not followed) is one rejected entry of its ledger."""
    put(landing, "2026-11-24/seed.txt", SEED.read_bytes())
    path = landing.raw_dir / DAY
    if entry == "file":
        path.write_bytes(SEED.read_bytes())
    elif entry == "link":
        path.symlink_to(landing.raw_dir / "2026-11-24")
    capfd.readouterr()
    result = _run()
    assert result.success
    why = {
        None: f"no landing folder {path}",
        "file": f"{path} is not a folder",
        "link": f"{path} is a symbolic link; links to day folders are not followed",
    }[entry]
    published = "with it as one rejected entry" if entry == "link" else "without files"
    line = (
        f"{DAY}: {why}; published as a day {published} (the landing zone holds one day, 2026-11-24)"
    )
    assert line in capfd.readouterr().err
    [ledger] = [
        e.materialization.metadata
        for e in result.get_asset_materialization_events()
        if e.asset_key.to_user_string() == "raw_files"
    ]
    files = 1 if entry == "link" else 0
    assert (ledger["files"].value, ledger["landing_folder"].value) == (files, why)
    assert len(warehouse_rows(landing.warehouse, ["raw_files"])["raw_files"]) == files


def test_an_empty_day_folder_is_published_without_that_warning(landing, capfd):
    (landing.raw_dir / DAY).mkdir(parents=True)
    capfd.readouterr()
    result = _run()
    assert result.success
    assert "published as a day without files" not in capfd.readouterr().err


def test_a_failed_warn_check_is_said_in_the_run_log_and_the_load_goes_on(landing, capfd):
    """A run whose WARN checks fail succeeds: its event log says which failed, so a green run
    in the Runs list still shows the warning."""
    from tests.quality.conftest import land

    land(landing, DAY, range(20), bad=5)  # 5 of 25 files rejected: 20% > 10%
    capfd.readouterr()
    result = _run()
    assert result.success
    logged = capfd.readouterr().err
    line = f"{DAY}: 1 WARN check failed (the load goes on): raw_files:raw_files_reject_share"
    assert line in logged, logged[-2000:]
    assert len(warehouse_rows(landing.warehouse, ["raw_files"])["raw_files"]) == 25
    [share] = [e for e in result.get_asset_check_evaluations() if e.check_name.endswith("t_share")]
    shown = {key: value.value for key, value in share.metadata.items()}
    assert shown["result"] == "reject share 0.2 (5 of 25 files), threshold 0.1"
    assert (shown["reject_share"], shown["threshold"], shown["rejected"]) == (0.2, 0.1, 5)
    assert "unexpected_count" not in shown  # no offending rows to count: the share says it


def test_the_resource_fields_are_described_for_the_launchpad():
    from pipelines.resources import WartaSettings

    fields = WartaSettings.model_fields
    assert set(fields) == {"raw_dir", "data_dir", "warehouse", "workers"}
    assert all(
        field.description and "Unset: WARTA_" in field.description for field in fields.values()
    )
    schema = WartaSettings.to_config_schema().as_field().config_type.fields
    assert "WARTA_RAW_DIR" in schema["raw_dir"].description


@pytest.mark.parametrize(("workers", "shown"), [(-3, "'-3'"), (0, "'0'")])
def test_a_bad_override_in_the_launchpad_fails_at_once_naming_the_field(landing, workers, shown):
    """``workers: -3`` (or 0, once silently ignored) as the run's resource config: the run
    fails without its step retries (two minutes of them) and names the field, not
    WARTA_WORKERS, which the operator never set so."""
    put(landing, f"{DAY}/000_39c4db6f91142a44.txt", SEED.read_bytes())
    started = time.monotonic()
    result = _run(run_config={"resources": {"warta": {"config": {"workers": workers}}}})
    assert not result.success
    assert time.monotonic() - started < 20
    [failure] = result.get_step_failure_events()
    assert failure.step_key == "parse_landing_partition"
    assert failure.step_failure_data.user_failure_data.description == (
        f"the resource warta's workers must be a positive integer, got {shown}"
    )
    assert not any(e.event_type_value == "STEP_UP_FOR_RETRY" for e in result.all_events)


def test_a_missing_raw_dir_override_is_named_as_the_field(landing, tmp_path):
    """A launchpad ``raw_dir`` pointing at no folder: the failure asks about the field the
    operator set, not WARTA_RAW_DIR, which the run did not read, and is not retried."""
    missing = tmp_path / "no-such-landing"
    result = _run(run_config={"resources": {"warta": {"config": {"raw_dir": str(missing)}}}})
    assert not result.success
    [failure] = result.get_step_failure_events()
    description = failure.step_failure_data.user_failure_data.description
    assert description.startswith(f"landing zone {missing} cannot be listed"), description
    assert description.endswith("is the resource warta's raw_dir right and its volume mounted?")
    assert "WARTA_RAW_DIR" not in description
    assert not any(e.event_type_value == "STEP_UP_FOR_RETRY" for e in result.all_events)
