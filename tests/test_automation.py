"""The nightly schedule, the landing sensor and the instance settings, on a real instance.

Schedules and sensors are evaluated as the daemon would (``build_*_context`` with a real
SQLite instance in a temporary directory); "already processed" comes from real
materialisations of the parse step.
"""

from __future__ import annotations

import json
import shutil
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import dagster as dg
import pytest

import pipelines.partitions
import pipelines.sensors
import warta.landing
import warta.watch
from assets import parse_landing_partition
from pipelines.definitions import defs
from pipelines.partitions import FINGERPRINT_TAG, TRIGGER_TAG, landing_date_partitions
from pipelines.resources import WartaSettings
from pipelines.schedules import late_days, warta_nightly
from pipelines.sensors import warta_landing_sensor
from tests.conftest import REPO, SEED, put

NIGHT = datetime(2026, 11, 26, 1, 30, tzinfo=ZoneInfo("Asia/Jakarta"))  # yesterday: 2026-11-25


@pytest.fixture
def instance():
    with dg.instance_for_test() as instance:
        yield instance


def _tick(instance, cursor: str | None = None) -> dg.SensorResult:
    with dg.build_sensor_context(
        instance=instance, cursor=cursor, resources={"warta": WartaSettings()}
    ) as context:
        return warta_landing_sensor(context)


def _night(instance, when: datetime = NIGHT) -> list[dg.RunRequest]:
    with dg.build_schedule_context(
        instance=instance, scheduled_execution_time=when, resources={"warta": WartaSettings()}
    ) as context:
        result = warta_nightly(context)
    return [] if isinstance(result, dg.SkipReason) else list(result)


def _parse(instance, partition: str, tags: dict[str, str] | None = None) -> None:
    """Materialise the parse step for ``partition``, as a successful run of the daily job would
    (with ``tags``: the run of a request)."""
    result = dg.materialize(
        [parse_landing_partition],
        partition_key=partition,
        instance=instance,
        resources={"warta": WartaSettings()},
        tags=tags,
    )
    assert result.success


def _launch(instance, request: dg.RunRequest) -> dg.DagsterRun:
    """Create the run of a request as the daemon does (it stays NOT_STARTED: in flight)."""
    return instance.create_run_for_job(
        defs.resolve_job_def("warta_daily"),
        tags={
            **request.tags,
            "dagster/partition": request.partition_key,
            "dagster/run_key": request.run_key,
        },
    )


def _settled(cursor: str) -> dict[str, str]:
    """The sensor cursor's settled folders and their fingerprints."""
    return {partition: entry[0] for partition, entry in json.loads(cursor)["settled"].items()}


def _partitions(requests) -> list[str]:
    return [request.partition_key for request in requests]


def test_sensor_requests_each_change_exactly_once(landing, instance):
    put(landing, "2026-11-24/a.txt", SEED.read_bytes())
    first = _tick(instance)
    assert _partitions(first.run_requests) == ["2026-11-24"]
    request = first.run_requests[0]
    assert request.run_key.startswith("2026-11-24:")
    assert request.tags[TRIGGER_TAG] == "landing-sensor"
    assert request.run_key.endswith(request.tags[FINGERPRINT_TAG])
    assert first.skip_reason is None

    _launch(instance, request)
    queued = _tick(instance, first.cursor)
    assert queued.run_requests == []  # its run is on its way
    assert queued.skip_reason.skip_message == (  # the tick's reason on the Automation page
        "1 changed landing folders wait for a run in flight or a repair; none else is new or "
        "changed (1 folders)"
    )
    _parse(instance, "2026-11-24", request.tags)  # ... and succeeds
    same = _tick(instance, queued.cursor)
    assert same.run_requests == []
    assert same.skip_reason.skip_message == "no landing folder is new or changed (1 folders)"
    assert _settled(same.cursor) == {"2026-11-24": request.tags[FINGERPRINT_TAG]}

    put(landing, "2026-11-25/b.txt", b"<html>new day</html>")
    put(landing, "2026-11-24/a.txt", SEED.read_bytes() + b"\nralat")  # a corrected file
    changed = _tick(instance, same.cursor)
    assert _partitions(changed.run_requests) == ["2026-11-24", "2026-11-25"]
    assert changed.run_requests[0].run_key != request.run_key
    for again in changed.run_requests:
        _parse(instance, again.partition_key, again.tags)
    # The cursor remembers every settled folder, old ones included, and survives a restart (a
    # new evaluation context built from the stored string).
    settled = _tick(instance, changed.cursor)
    assert settled.run_requests == []
    assert set(_settled(settled.cursor)) == {"2026-11-24", "2026-11-25"}
    assert _tick(instance, settled.cursor).run_requests == []


def test_a_folder_back_to_an_earlier_content_is_run_again(landing, instance):
    """A file moved into a day and out again: the folder's content is the one parsed two runs
    ago, but the Parquet holds the later parse with the file. Only the latest parse counts, so
    the sensor and the nightly ask for the day again (a run key of its own: the first one is
    spent), and once that run parses it, neither asks again."""
    day = "2026-11-24"
    put(landing, f"{day}/a.txt", SEED.read_bytes())
    first = _tick(instance)
    [request] = first.run_requests
    _parse(instance, day, request.tags)
    put(landing, f"{day}/misfiled.txt", SEED.read_bytes() + b"\nralat")
    moved_in = _tick(instance, first.cursor)
    [request_in] = moved_in.run_requests
    _parse(instance, day, request_in.tags)
    (landing.raw_dir / day / "misfiled.txt").unlink()  # moved to the day it belongs to
    back = _tick(instance, _tick(instance, moved_in.cursor).cursor)
    fingerprint = request.tags[FINGERPRINT_TAG]
    assert [r.run_key for r in back.run_requests] == [f"{day}:{fingerprint}:again-1"]
    assert f"{day}:{fingerprint}:again-1" in [r.run_key for r in _night(instance)]
    _parse(instance, day, back.run_requests[0].tags)
    assert _tick(instance, back.cursor).run_requests == []
    assert day not in [r.partition_key for r in _night(instance)]


def test_sensor_reads_the_first_cursor_form_without_requesting_settled_folders(landing, instance):
    put(landing, "2026-11-24/a.txt", SEED.read_bytes())
    [request] = _tick(instance).run_requests
    _parse(instance, "2026-11-24", request.tags)
    first_form = json.dumps({"2026-11-24": request.tags[FINGERPRINT_TAG]})  # before folder times
    result = _tick(instance, first_form)
    assert result.run_requests == []
    assert _settled(result.cursor) == {"2026-11-24": request.tags[FINGERPRINT_TAG]}


def test_sensor_retries_a_change_on_the_next_tick_while_folder_times_hold(
    landing, instance, monkeypatch
):
    """Settled folders are not listed while their folder times hold; a file rewritten in place
    is found by the sweep, and once found it is watched on every tick until settled."""
    monkeypatch.setattr(warta.landing, "RACY_SECONDS", 0.05)
    monkeypatch.setattr(warta.watch, "SWEEP_PER_EVALUATION", 1)
    for day in ("2026-11-23", "2026-11-24"):
        put(landing, f"{day}/a.txt", SEED.read_bytes())
    time.sleep(0.1)  # older than the (shortened) window: the folder times are trusted
    first = _tick(instance)
    for request in first.run_requests:
        _parse(instance, request.partition_key, request.tags)
    cursor = _tick(instance, first.cursor).cursor  # both settled, with their folder times
    (landing.raw_dir / "2026-11-24" / "a.txt").write_bytes(SEED.read_bytes() + b"\nralat")
    found = []
    for _ in range(2):  # one folder swept a tick: 2026-11-23, then 2026-11-24
        result = _tick(instance, cursor)
        cursor, found = result.cursor, found + result.run_requests
    [request] = found
    assert request.partition_key == "2026-11-24"
    instance.report_run_failed(_launch(instance, request))
    retry = _tick(instance, cursor)  # not its sweep turn: retried all the same
    fingerprint = request.tags[FINGERPRINT_TAG]
    assert [r.run_key for r in retry.run_requests] == [f"2026-11-24:{fingerprint}:retry-1"]


def test_failed_and_canceled_runs_are_requested_again(landing, instance):
    put(landing, "2026-11-25/a.txt", SEED.read_bytes())
    first = _tick(instance)
    [request] = first.run_requests
    fingerprint = request.tags[FINGERPRINT_TAG]
    instance.report_run_failed(_launch(instance, request))

    retry = _tick(instance, first.cursor)
    assert [r.run_key for r in retry.run_requests] == [f"2026-11-25:{fingerprint}:retry-1"]
    assert [r.run_key for r in _night(instance)] == [f"2026-11-25:{fingerprint}:retry-1"]
    running = _launch(instance, retry.run_requests[0])
    assert _tick(instance, retry.cursor).run_requests == [] and _night(instance) == []
    instance.report_run_canceled(running)
    again = _tick(instance, retry.cursor)
    assert [r.run_key for r in again.run_requests] == [f"2026-11-25:{fingerprint}:retry-2"]

    # after MAX_ATTEMPTS failures the sensor settles the folder; the schedule retries nightly
    instance.report_run_failed(_launch(instance, again.run_requests[0]))
    given_up = _tick(instance, again.cursor)
    assert given_up.run_requests == [] and "2026-11-25" in _settled(given_up.cursor)
    [nightly] = _night(instance)
    assert nightly.run_key == f"2026-11-25:{fingerprint}:retry-3"
    _parse(instance, "2026-11-25", nightly.tags)
    assert _night(instance) == []


def test_a_parse_in_a_failed_run_does_not_count_as_handled(landing, instance):
    put(landing, "2026-11-25/a.txt", SEED.read_bytes())

    @dg.asset(deps=["raw_files"], partitions_def=landing_date_partitions)
    def later_step() -> None:
        raise RuntimeError("a later step of the run fails")

    result = dg.materialize(
        [parse_landing_partition, later_step],
        partition_key="2026-11-25",
        instance=instance,
        resources={"warta": WartaSettings()},
        raise_on_error=False,
    )
    assert not result.success  # raw_files was materialised with this content, the run failed
    assert _partitions(_night(instance)) == ["2026-11-25"]
    assert _partitions(_tick(instance).run_requests) == ["2026-11-25"]


def test_sensor_skips_content_already_parsed(landing, instance):
    put(landing, "2026-11-25/a.txt", SEED.read_bytes())
    _parse(instance, "2026-11-25")  # e.g. by the nightly schedule or `warta run`
    result = _tick(instance)  # a sensor turned on later: empty cursor
    assert result.run_requests == []
    assert "2026-11-25" in _settled(result.cursor)


def test_sensor_ignores_folders_outside_the_partition_range(landing, instance):
    put(landing, "2019-12-31/a.txt", b"too early")
    put(landing, "not-a-date/a.txt", b"ignored")
    result = _tick(instance)
    assert result.run_requests == []
    assert _settled(result.cursor) == {}


def test_sensor_and_nightly_warn_of_entries_no_partition_takes(
    landing, instance, capfd, monkeypatch
):
    """Files dropped at the top of the landing zone, or in a folder that is not a date, are
    never parsed: the nightly names them in every tick's log (the Automation page), as `warta
    run` does; the sensor, ticking every minute, when they appear or change and once a day
    while they stay."""
    clock = [1_800_000_000.0]
    monkeypatch.setattr(pipelines.sensors, "_now", lambda: clock[0])
    put(landing, "2026-11-25/a.txt", SEED.read_bytes())
    put(landing, "stray.txt", b"dropped beside the day folders")
    put(landing, "2026-13-01/a.txt", b"an impossible date")
    put(landing, "2019-12-31/a.txt", b"before the partitions start")
    _parse(instance, "2026-11-25")
    warning = f"2 entries in {landing.raw_dir} are not YYYY-MM-DD day folders and are never parsed"
    strays = f"{warning}: 2026-13-01, stray.txt"
    outside = "landing folder 2019-12-31 is outside the partition range; skipped"

    def tick(cursor: str | None, seconds: float = 60) -> tuple[str, str]:
        clock[0] += seconds
        capfd.readouterr()
        return _tick(instance, cursor).cursor, capfd.readouterr().err

    for _ in range(2):
        capfd.readouterr()
        _night(instance)
        err = capfd.readouterr().err
        assert strays in err
        assert (
            "landing folders outside the partition range (2020-01-01 .. 2026-11-26, "
            "WARTA_START_DATE) are never parsed: 2019-12-31"
        ) in err
        # This test instance has none of pipelines/dagster.yaml's settings: the nightly says so.
        assert f"{instance.root_directory}/dagster.yaml: run_monitoring is off" in err
    cursor, err = tick(None)
    assert strays in err and outside in err
    cursor, err = tick(cursor)
    assert strays not in err and outside not in err  # the next minute: already said
    cursor, err = tick(cursor, seconds=23 * 3600)
    assert strays not in err and outside not in err
    cursor, err = tick(cursor, seconds=3600)
    assert strays in err and outside in err  # a day after it was last said
    for stray in range(11):
        put(landing, f"stray-{stray:02d}.txt", b"x")
    cursor, err = tick(cursor)  # changed: said at once
    assert "13 entries in" in err and "stray-07.txt, stray-08.txt and 3 more" in err
    assert outside not in err
    (landing.raw_dir / "stray-10.txt").rename(landing.raw_dir / "stray-99.txt")
    cursor, err = tick(cursor)  # a name past the ten shown changed: said again
    assert "13 entries in" in err
    shutil.rmtree(landing.raw_dir / "2019-12-31")
    cursor, err = tick(cursor)
    assert "entries in" not in err and "outside the partition range" not in err
    put(landing, "2019-12-31/a.txt", b"back again")
    cursor, err = tick(cursor)
    assert outside in err  # gone and back: said again
    state = json.loads(cursor)  # the folders' memory is kept beside the warnings
    assert list(state["settled"]) == ["2026-11-25"] and len(state["warned"]) == 2


def test_nightly_requests_yesterday_then_only_changed_recent_days(landing, instance):
    for day in ("2026-11-15", "2026-11-22", "2026-11-25"):
        put(landing, f"{day}/a.txt", SEED.read_bytes())
    assert late_days() == 7

    first = _night(instance)
    # Yesterday, and the late window's folders never parsed; 2026-11-15 is 10 days back. Oldest
    # first, so that the days parse in date order.
    assert _partitions(first) == ["2026-11-22", "2026-11-25"]
    assert [r.tags[TRIGGER_TAG] for r in first] == ["nightly-late-files", "nightly"]
    for partition in ("2026-11-25", "2026-11-22"):
        _parse(instance, partition)
    assert _night(instance) == []

    put(landing, "2026-11-22/late.txt", b"<html>a file that arrived three days late</html>")
    late = _night(instance)
    assert _partitions(late) == ["2026-11-22"]
    assert late[0].run_key == f"2026-11-22:{late[0].tags[FINGERPRINT_TAG]}"


def test_nightly_runs_an_empty_day_and_never_twice_for_the_same_content(landing, instance):
    [request] = _night(instance)
    assert request.partition_key == "2026-11-25"  # no folder: still one (empty) run a night
    # The run exists but has not parsed anything yet when the next evaluation comes.
    pending = instance.create_run_for_job(
        defs.resolve_job_def("warta_daily"),
        tags={**request.tags, "dagster/partition": request.partition_key},
    )
    assert pending.status == dg.DagsterRunStatus.NOT_STARTED
    assert _night(instance) == []
    put(landing, "2026-11-25/a.txt", SEED.read_bytes())  # files after all: new content
    assert _partitions(_night(instance)) == ["2026-11-25"]


def test_a_missing_landing_zone_fails_the_tick_instead_of_asking_for_an_empty_day(
    landing, instance, monkeypatch
):
    """An unmounted landing volume: the nightly and the sensor fail their ticks with the
    reason (shown on the Automation page), rather than publish yesterday as an empty day."""
    from warta.landing import LandingUnavailable

    monkeypatch.setenv("WARTA_RAW_DIR", str(landing.raw_dir / "not-mounted"))
    for tick in (_night, _tick):
        with pytest.raises(LandingUnavailable, match="is WARTA_RAW_DIR right and its volume"):
            tick(instance)


def test_late_days_setting_is_validated():
    assert late_days({"WARTA_LATE_DAYS": "0"}) == 0
    assert late_days({}) == 7
    with pytest.raises(ValueError, match="WARTA_LATE_DAYS"):
        late_days({"WARTA_LATE_DAYS": "-1"})
    assert late_days({"WARTA_LATE_DAYS": "3660"}) == 3660
    with pytest.raises(ValueError, match="up to 3660"):  # a tick would overflow the calendar
        late_days({"WARTA_LATE_DAYS": "1000000"})


def test_automation_defaults_and_resilience_settings():
    repository = defs.get_repository_def()
    assert repository.get_schedule_def("warta_nightly").default_status == (
        dg.DefaultScheduleStatus.RUNNING
    )
    assert repository.get_sensor_def("warta_landing_sensor").default_status == (
        dg.DefaultSensorStatus.STOPPED
    )
    assert repository.get_sensor_def("warta_repair_sensor").default_status == (
        dg.DefaultSensorStatus.RUNNING  # unattended nights repair refused loads
    )
    graph = repository.asset_graph
    warehouse = graph.get(dg.AssetKey("warehouse")).assets_def
    assert warehouse.specs_by_key[dg.AssetKey("warehouse")].freshness_policy is not None
    for key in ("warehouse", "raw_files"):
        node = graph.get(dg.AssetKey(key)).assets_def.node_def
        assert node.retry_policy is not None and node.retry_policy.max_retries >= 2, key


def test_instance_template_serialises_warehouse_loads(tmp_path: Path):
    shutil.copy(REPO / "pipelines" / "dagster.yaml", tmp_path / "dagster.yaml")
    with dg.DagsterInstance.from_config(str(tmp_path)) as instance:
        pools = instance.get_concurrency_config().pool_config
        assert pools.default_pool_limit == 1
        assert pools.pool_granularity.value == "op"
        # The template sets the run queue's limit in `concurrency` and its poll interval in
        # `run_coordinator`: the queue daemon reads the limit from the concurrency settings.
        assert instance.get_concurrency_config().run_queue_config.max_concurrent_runs == 2
        assert instance.run_coordinator.dequeue_interval_seconds == 1
        assert instance.run_retries_enabled
        # A run whose process died keeps its pool slot until the monitoring daemon frees it.
        assert instance.run_monitoring_enabled
        assert instance.run_monitoring_settings["free_slots_after_run_end_seconds"] == 30
        assert instance.run_monitoring_poll_interval_seconds == 30
        # A run orphaned by a host restart stays STARTED until its runtime limit fails it.
        assert instance.run_monitoring_max_runtime_seconds == 7200
        assert instance.freshness_enabled


@pytest.mark.parametrize(
    ("cron", "hours"),
    [
        ("30 1 * * *", 24),  # the default: once a day
        ("*/15 * * * *", 24),  # more often than daily: each day is still loaded once
        ("0 3 * * 1-5", 72),  # weekdays: Friday to Monday
        ("* * * * 1-5", 48 + 1 / 60),  # every minute of weekdays: the weekend
        ("0 2 * * 1", 168),  # weekly
        ("0 2 1 * *", 31 * 24),  # monthly: January
        ("0 2 31 * *", 61 * 24),  # the 31st: 31 March to 31 May
        ("0 0 1 */3 *", 92 * 24),  # quarterly: 1 July to 1 October
        ("0 9,17 * * 1-5", 64),  # twice on weekdays: Friday 17:00 to Monday 09:00
        ("@weekly", 168),
    ],
)
def test_the_warehouse_freshness_window_follows_the_nightly_cron(cron, hours):
    """A nightly that runs less than daily would turn the warehouse FAIL between its ticks
    with a fixed 26-hour window: the window is its longest pause plus an hour (WARN) or two
    (FAIL), and the definitions carry it."""
    import datetime as dt

    from pipelines.schedules import nightly_freshness

    policy = nightly_freshness(cron)
    assert policy.warn_window.to_timedelta() == dt.timedelta(hours=hours + 1)
    assert policy.fail_window.to_timedelta() == dt.timedelta(hours=hours + 2)
    assert _definitions_freshness() == nightly_freshness()


def test_a_nightly_cron_that_never_fires_is_refused_when_the_definitions_load():
    from pipelines.schedules import nightly_cron

    with pytest.raises(ValueError, match=r"WARTA_NIGHTLY_CRON never fires: '0 0 31 4 \*'"):
        nightly_cron({"WARTA_NIGHTLY_CRON": "0 0 31 4 *"})
    # 30 and 31 February Dagster refuses already, as it does a field out of range: five fields
    for cron in ("0 0 31 2 *", "0 25 * * *", "foo bar baz qux quux"):
        with pytest.raises(ValueError) as raised:
            nightly_cron({"WARTA_NIGHTLY_CRON": cron})
        assert str(raised.value) == (
            "WARTA_NIGHTLY_CRON is no cron expression Dagster takes: a field it cannot read or "
            f"out of range, or a day that never comes (30 February); got {cron!r}"
        )
    with pytest.raises(ValueError, match="must be a cron expression of five fields"):
        nightly_cron({"WARTA_NIGHTLY_CRON": "30 1 * *"})


def _definitions_freshness():
    from pipelines.definitions import defs

    (spec,) = [s for s in defs.resolve_all_asset_specs() if s.key == dg.AssetKey("warehouse")]
    return spec.freshness_policy


def test_a_run_launched_by_hand_is_waited_for_by_the_schedule_and_the_sensor(
    landing, instance, monkeypatch
):
    """A run of the day from the launchpad, a backfill or ``warta run`` carries no fingerprint
    tag; queued or running, it parses the folder as it finds it: a run requested beside it
    parsed the day twice (and its load waited on the second parse)."""
    put(landing, "2026-11-25/a.txt", SEED.read_bytes())
    by_hand = instance.create_run_for_job(
        defs.resolve_job_def("warta_daily"), tags={"dagster/partition": "2026-11-25"}
    )  # queued (NOT_STARTED)
    waited = _tick(instance)
    assert waited.run_requests == [] and _night(instance) == []
    assert waited.skip_reason.skip_message.startswith("1 changed landing folders wait for a run")
    with dg.build_schedule_context(
        instance=instance, scheduled_execution_time=NIGHT, resources={"warta": WartaSettings()}
    ) as context:
        assert warta_nightly(context).skip_message == (
            "2026-11-25 and the 7 days before it are up to date or have a run queued or "
            "running: 2026-11-25"
        )
    # a run of another day changes nothing for this one
    other = instance.create_run_for_job(
        defs.resolve_job_def("warta_daily"), tags={"dagster/partition": "2026-11-24"}
    )
    assert _tick(instance).run_requests == []
    instance.report_run_failed(other)

    # never submitted: waited for until it is as old as the longest run (then taken for lost)
    later = time.time() + pipelines.partitions.STALE_AFTER_SECONDS + 60
    monkeypatch.setattr(pipelines.partitions.time, "time", lambda: later)
    assert _partitions(_tick(instance).run_requests) == ["2026-11-25"]
    monkeypatch.undo()

    # running: still waited for, until it has run for longer than a run may
    start = dg.DagsterEvent(event_type_value="PIPELINE_START", job_name="warta_daily")
    instance.report_dagster_event(start, by_hand.run_id)
    assert instance.get_run_by_id(by_hand.run_id).status == dg.DagsterRunStatus.STARTED
    assert _tick(instance).run_requests == [] and _night(instance) == []
    later = time.time() + pipelines.partitions.STALE_AFTER_SECONDS + 60
    monkeypatch.setattr(pipelines.partitions.time, "time", lambda: later)
    assert _partitions(_tick(instance).run_requests) == ["2026-11-25"]
    monkeypatch.undo()

    # failed: the folder's content is requested; parsed by a run that succeeded: nothing is
    instance.report_run_failed(by_hand)
    assert _partitions(_tick(instance, waited.cursor).run_requests) == ["2026-11-25"]
    assert _partitions(_night(instance)) == ["2026-11-25"]
    _parse(instance, "2026-11-25")  # a successful run by hand, without tags
    done = _tick(instance, waited.cursor)
    assert done.run_requests == [] and "2026-11-25" in _settled(done.cursor)
    assert _night(instance) == []


def test_a_run_is_taken_for_lost_after_the_instances_longest_run():
    from pipelines.partitions import STALE_AFTER_SECONDS, stale_after

    settings = {"run_monitoring": {"enabled": True, "max_runtime_seconds": 600}}
    with dg.instance_for_test(overrides=settings) as monitored:
        assert stale_after(monitored) == 600
    with dg.instance_for_test() as unmonitored:  # no run monitoring: the template's 2 h
        assert stale_after(unmonitored) == STALE_AFTER_SECONDS == 7200


def test_a_run_by_hand_stuck_starting_or_with_a_longer_limit(landing, instance, monkeypatch):
    """A run stuck in STARTING (no run monitoring to fail it) ages out like a started one; a
    run with its own ``dagster/max_runtime`` is waited for as long as that."""
    put(landing, "2026-11-25/a.txt", SEED.read_bytes())
    job = defs.resolve_job_def("warta_daily")
    starting = instance.create_run_for_job(job, tags={"dagster/partition": "2026-11-25"})
    instance.handle_run_event(
        starting.run_id,
        dg.DagsterEvent(event_type_value="PIPELINE_STARTING", job_name="warta_daily"),
    )
    assert instance.get_run_by_id(starting.run_id).status == dg.DagsterRunStatus.STARTING
    assert _tick(instance).run_requests == []
    hours, now = 3600, time.time()
    monkeypatch.setattr(pipelines.partitions.time, "time", lambda: now + 3 * hours)
    assert _partitions(_tick(instance).run_requests) == ["2026-11-25"]
    monkeypatch.undo()
    instance.report_run_failed(starting)

    long = instance.create_run_for_job(
        job, tags={"dagster/partition": "2026-11-25", "dagster/max_runtime": str(4 * hours)}
    )
    start = dg.DagsterEvent(event_type_value="PIPELINE_START", job_name="warta_daily")
    instance.report_dagster_event(start, long.run_id)
    monkeypatch.setattr(pipelines.partitions.time, "time", lambda: now + 3 * hours)
    assert _tick(instance).run_requests == []  # 3 h of its 4
    monkeypatch.setattr(pipelines.partitions.time, "time", lambda: now + 5 * hours)
    assert _partitions(_tick(instance).run_requests) == ["2026-11-25"]


def test_a_run_by_hand_queued_long_then_starting_or_without_a_limit(landing, instance, monkeypatch):
    """Its age counts from leaving the queue, not from its creation; a run whose own
    ``dagster/max_runtime`` is 0 (none, to run monitoring) is waited for until it ends."""
    from dagster._time import datetime_from_timestamp

    put(landing, "2026-11-25/a.txt", SEED.read_bytes())
    job = defs.resolve_job_def("warta_daily")
    hours, now = 3600, time.time()
    queued = instance.create_run_for_job(job, tags={"dagster/partition": "2026-11-25"})
    # it left the queue 3 h after it was created (a long backfill), a minute ago
    starting = dg.DagsterEvent(event_type_value="PIPELINE_STARTING", job_name="warta_daily")
    instance.run_storage.handle_run_event(
        queued.run_id, starting, datetime_from_timestamp(now + 3 * hours)
    )
    assert instance.get_run_by_id(queued.run_id).status == dg.DagsterRunStatus.STARTING
    monkeypatch.setattr(pipelines.partitions.time, "time", lambda: now + 3 * hours + 60)
    assert _tick(instance).run_requests == []
    monkeypatch.undo()
    instance.report_run_failed(queued)

    for tag in ("dagster/max_runtime", "dagster/max_runtime_seconds"):
        unlimited = instance.create_run_for_job(
            job,
            tags={"dagster/partition": "2026-11-25", tag: "0" if "seconds" not in tag else "14400"},
        )
        start = dg.DagsterEvent(event_type_value="PIPELINE_START", job_name="warta_daily")
        instance.report_dagster_event(start, unlimited.run_id)
        monkeypatch.setattr(pipelines.partitions.time, "time", lambda: now + 3 * hours)
        assert _tick(instance).run_requests == [], tag
        monkeypatch.undo()
        instance.report_run_failed(unlimited)
