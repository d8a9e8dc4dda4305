"""The repair sensor (``pipelines/repairs.py``): a load refused because one article is held by
two days is repaired by re-running the later day, then the refused one.

Real runs of the daily job on a temporary Dagster instance; the sensor is evaluated as the
daemon would (``build_sensor_context``), and the runs it requests are executed with the run key
the daemon would give them.
"""

from __future__ import annotations

import time

import dagster as dg
import pytest

from assets import parse_landing_partition
from pipelines.definitions import defs
from pipelines.partitions import (
    FINGERPRINT_TAG,
    PARTITION_TAG,
    REFUSED_TAG,
    STUCK_REASON_TAG,
    TRIGGER_TAG,
    content_runs,
)
from pipelines.repairs import (
    AUTO_RETRY_RUN_ID_TAG,
    BACKFILL_TAG,
    MAX_ROUNDS,
    MISSED_RETRY_AFTER_SECONDS,
    MISSED_RETRY_WINDOW_SECONDS,
    PARENT_RUN_ID_TAG,
    REPAIR_FOR_TAG,
    REPAIR_OF_TAG,
    RETRY_OF_TAG,
    ROUND_TAG,
    WILL_RETRY_TAG,
    missed_retry_seconds,
    partitions_to_rerun,
    plan_repairs,
    warta_repair_sensor,
)
from pipelines.resources import WartaSettings
from pipelines.sensors import warta_landing_sensor
from tests.conftest import SEED, put, warehouse_rows
from warta.landing import LandingZone

OLDER, NEWER = "2026-11-24", "2026-11-25"


@pytest.fixture
def instance():
    """A real Dagster instance whose run and event storage is one in-memory SQLite database
    (the SQL storage the on-disk SQLite storage builds on, without a connection per event: a
    run here takes ~2 s, not ~7). The daemon repairs a refusal on on-disk storage in
    tests/e2e/test_ui_stack.py."""
    with dg.DagsterInstance.ephemeral() as instance:
        yield instance


def _job():
    return defs.resolve_job_def("warta_daily")


def _run(instance, partition: str, tags: dict[str, str] | None = None, **kwargs):
    return _job().execute_in_process(
        partition_key=partition, instance=instance, raise_on_error=False, tags=tags, **kwargs
    )


def _parse_only(instance, partition: str):
    """The parse step of a partition on its own (no checks, no load)."""
    return dg.materialize(
        [parse_landing_partition],
        partition_key=partition,
        instance=instance,
        resources={"warta": WartaSettings()},
    )


def _execute(instance, request: dg.RunRequest):
    """The run of a request, with the run key the daemon records on it."""
    tags = {**request.tags, "dagster/run_key": request.run_key}
    return _run(instance, request.partition_key, tags)


def _queue(instance, request: dg.RunRequest) -> dg.DagsterRun:
    """The run of a request as the daemon creates it (NOT_STARTED: queued, in flight)."""
    tags = {**request.tags, "dagster/partition": request.partition_key}
    return instance.create_run_for_job(_job(), tags={**tags, "dagster/run_key": request.run_key})


def _tick(instance) -> list[dg.RunRequest] | dg.SkipReason:
    with dg.build_sensor_context(
        instance=instance, resources={"warta": WartaSettings()}
    ) as context:
        result = warta_repair_sensor(context)
    return result if isinstance(result, dg.SkipReason) else list(result)


def _skipped(instance) -> str:
    result = _tick(instance)
    assert isinstance(result, dg.SkipReason), result
    return result.skip_message


def _plan(instance, landing):
    """One evaluation's plan, its run tags applied as the sensor applies them."""
    plan = plan_repairs(instance, LandingZone(landing.raw_dir))
    plan.apply(instance)
    return plan


def _statuses(landing) -> list[tuple[str, str, str]]:
    rows = warehouse_rows(landing.warehouse, ["raw_files"])["raw_files"]
    return [(str(row[0]), row[1], row[5]) for row in rows]  # ingest_date, source_path, status


def _refused_run(landing, instance):
    """The newer day holds the seed; a late copy lands in the older day, whose run (tagged with
    the folder's fingerprint, as the sensor and schedule tag theirs) is then refused by the load
    (its parse sees only the days before it)."""
    put(landing, f"{NEWER}/a.txt", SEED.read_bytes())
    assert _run(instance, NEWER).success
    put(landing, f"{OLDER}/late.txt", SEED.read_bytes())
    fingerprint = LandingZone(landing.raw_dir).fingerprint(OLDER)
    refused = _run(instance, OLDER, {FINGERPRINT_TAG: fingerprint})
    assert not refused.success
    assert instance.get_run_by_id(refused.run_id).tags[REFUSED_TAG] == "true"
    return refused


CHAIN = ("2026-11-23", OLDER, NEWER)


def _refused_chain(landing, instance):
    """The first day's late copy of the middle day's article is refused; the middle day has a
    late copy of its own of the last day's article, so its repair run is refused in turn."""
    first, middle, last = CHAIN
    variant = SEED.read_bytes().replace(b"Korea Utara", b"Korut")
    put(landing, f"{last}/w.txt", variant)
    put(landing, f"{middle}/a.txt", SEED.read_bytes())
    assert _run(instance, last).success and _run(instance, middle).success
    put(landing, f"{first}/late.txt", SEED.read_bytes())
    put(landing, f"{middle}/late-w.txt", variant)
    return _run(instance, first)


def test_a_refused_load_is_repaired_without_anyone_watching(landing, instance):
    assert _skipped(instance) == "nothing to repair"
    refused = _refused_run(landing, instance)
    failures = refused.get_step_failure_events()
    assert [event.step_key for event in failures] == ["warehouse"]
    assert partitions_to_rerun(failures) == [NEWER]
    assert _statuses(landing) == [(NEWER, f"{NEWER}/a.txt", "parsed")]  # as it was

    # 1. the later day is run again
    [repair] = _tick(instance)
    zone = LandingZone(landing.raw_dir)
    assert (repair.partition_key, repair.run_key) == (NEWER, f"{NEWER}:repair-of-{refused.run_id}")
    assert repair.tags == {
        TRIGGER_TAG: "repair",
        FINGERPRINT_TAG: zone.fingerprint(NEWER),
        REPAIR_OF_TAG: refused.run_id,
        REPAIR_FOR_TAG: OLDER,
        ROUND_TAG: "1",
    }
    queued = _queue(instance, repair)  # while it is queued, nothing more is asked
    assert _skipped(instance) == f"{OLDER}: waiting for run {queued.run_id}"
    instance.delete_run(queued.run_id)  # ... and it is the run executed below

    # 2. its copy is now a duplicate; the refused day is run again
    assert _execute(instance, repair).success
    [reload] = _tick(instance)
    assert (reload.partition_key, reload.run_key) == (
        OLDER,
        f"{OLDER}:after-repairs-of-{refused.run_id}",
    )
    assert reload.tags == {
        TRIGGER_TAG: "repair",
        FINGERPRINT_TAG: zone.fingerprint(OLDER),
        REPAIR_OF_TAG: refused.run_id,
        ROUND_TAG: "1",
    }

    # 3. the earlier day's file is the original, the later one its duplicate; nothing left
    assert _execute(instance, reload).success
    assert _statuses(landing) == [
        (OLDER, f"{OLDER}/late.txt", "parsed"),
        (NEWER, f"{NEWER}/a.txt", "duplicate"),
    ]
    articles = warehouse_rows(landing.warehouse, ["articles"])["articles"]
    assert [(str(row[1]), row[2]) for row in articles] == [(OLDER, f"{OLDER}/late.txt")]
    assert _skipped(instance) == "nothing to repair"
    assert instance.get_run_by_id(refused.run_id).tags[REFUSED_TAG] == "superseded"


def test_a_failed_repair_stops_until_the_day_is_fixed_and_rounds_are_bounded(landing, instance):
    refused = _refused_run(landing, instance)
    [repair] = _tick(instance)
    instance.report_run_failed(_queue(instance, repair))  # the repair run failed
    reason = (
        f"{OLDER}: {NEWER} was run for the repair ({repair.run_key}) but is not parsed and "
        f"loaded since; fix and run {NEWER}, then {OLDER} is run again"
    )
    first = _plan(instance, landing)
    assert (first.stuck, first.requests) == ([reason], [])
    assert first.warnings == [f"{reason} (run tagged warta/refused=stuck)"]  # logged once
    # Tagged for the Runs page (filter warta/refused=stuck), the reason on the run; later
    # evaluations do not warn again, their skip reason repeats it.
    tags = instance.get_run_by_id(refused.run_id).tags
    assert (tags[REFUSED_TAG], tags[STUCK_REASON_TAG]) == ("stuck", reason)
    assert [
        run.run_id for run in instance.get_runs(dg.RunsFilter(tags={REFUSED_TAG: "stuck"}))
    ] == [refused.run_id]
    again = _plan(instance, landing)
    assert (again.stuck, again.warnings, again.requests, again.retags) == ([reason], [], [], {})
    assert _skipped(instance) == reason
    # The landing sensor does not retry it either: running the day again alone changes nothing.
    fingerprint = refused.dagster_run.tags[FINGERPRINT_TAG]
    assert content_runs(instance, OLDER, fingerprint).refused

    assert _run(instance, NEWER).success  # fixed and run by hand: the repair goes on
    [reload] = _tick(instance)
    assert reload.run_key == f"{OLDER}:after-repairs-of-{refused.run_id}"
    tags = instance.get_run_by_id(refused.run_id).tags  # waiting for no one any more
    assert (tags[REFUSED_TAG], tags[STUCK_REASON_TAG]) == (
        "true",
        f"no longer stuck; was: {reason}",
    )
    queued = _queue(instance, reload)  # once its run is created, the refusal is superseded
    assert _skipped(instance) == "nothing to repair"
    tags = instance.get_run_by_id(refused.run_id).tags
    assert (tags[REFUSED_TAG], tags[STUCK_REASON_TAG]) == (
        "superseded",
        f"no longer stuck; was: {reason}",
    )
    instance.delete_run(queued.run_id)

    # A refusal one round short of the limit is still repaired; one at the limit is left to a
    # person.
    put(landing, f"{NEWER}/b.txt", SEED.read_bytes().replace(b"Korea Utara", b"Korut"))
    assert _run(instance, NEWER).success
    put(landing, f"{OLDER}/late-b.txt", SEED.read_bytes().replace(b"Korea Utara", b"Korut"))
    short = _run(instance, OLDER, {ROUND_TAG: str(MAX_ROUNDS - 1)})
    assert not short.success
    [repair] = _tick(instance)
    assert (repair.partition_key, repair.tags[ROUND_TAG]) == (NEWER, str(MAX_ROUNDS))
    deep = _run(instance, OLDER, {ROUND_TAG: str(MAX_ROUNDS)})
    assert not deep.success
    stuck = _skipped(instance)
    assert f"after {MAX_ROUNDS} rounds of repairs (run {deep.run_id})" in stuck
    assert f"re-run {NEWER} and then {OLDER} by hand" in stuck
    assert instance.get_run_by_id(deep.run_id).tags[REFUSED_TAG] == "stuck"

    assert _run(instance, NEWER).success and _run(instance, OLDER).success  # done by hand
    assert _skipped(instance) == "nothing to repair"
    assert instance.get_run_by_id(deep.run_id).tags[REFUSED_TAG] == "superseded"


def test_a_refusal_is_tagged_stuck_only_after_its_warning_is_logged(landing, instance, monkeypatch):
    """An evaluation that fails between the two must not leave a refusal tagged stuck (which
    later evaluations do not warn about again) without its warning in the sensor's log."""
    import logging

    refused = _refused_run(landing, instance)
    [repair] = _tick(instance)
    instance.report_run_failed(_queue(instance, repair))  # the repair run failed: stuck
    events: list[tuple[str, str]] = []
    warn, add_run_tags = logging.Logger.warning, instance.add_run_tags

    def warning(logger, message, *args, **kwargs):  # the sensor's context.log is a Logger
        events.append(("warning", str(message)))
        return warn(logger, message, *args, **kwargs)

    def tagged(run_id, tags):
        events.append(("tags", f"{run_id} {tags[REFUSED_TAG]}"))
        return add_run_tags(run_id, tags)

    monkeypatch.setattr(logging.Logger, "warning", warning)
    monkeypatch.setattr(instance, "add_run_tags", tagged)
    assert _skipped(instance).startswith(f"{OLDER}: {NEWER} was run for the repair")

    sensor_events = [e for e in events if e[0] == "tags" or "run tagged warta/refused" in e[1]]
    assert [kind for kind, _ in sensor_events] == ["warning", "tags"]
    assert sensor_events[1][1] == f"{refused.run_id} stuck"


def test_refusals_beyond_those_looked_at_are_counted_in_the_skip_reason(
    landing, instance, monkeypatch
):
    import pipelines.repairs

    monkeypatch.setattr(pipelines.repairs, "REFUSALS_LOOKED_AT", 2)
    days = ("2026-11-19", "2026-11-20", "2026-11-21", "2026-11-22", "2026-11-23", OLDER)
    for day in days:  # failed runs tagged refused (3) and stuck (3), naming no days
        tags = {REFUSED_TAG: "true" if day < "2026-11-22" else "stuck", PARTITION_TAG: day}
        instance.report_run_failed(instance.create_run_for_job(_job(), tags=tags))
    notes = plan_repairs(instance, LandingZone(landing.raw_dir)).notes  # logged as info
    assert [note.split(" not looked at")[0] for note in notes] == [
        "1 older failed run tagged warta/refused=true",
        "1 older failed run tagged warta/refused=stuck",
    ]
    assert _skipped(instance) == (
        "1 older failed run tagged warta/refused=stuck not looked at (at most 2 per tag per "
        "evaluation): filter the Runs page on the tag and run their days again by hand; "
        "1 older failed run tagged warta/refused=true not looked at yet (at most 2 per tag per "
        "evaluation)"
    )
    # The four looked at name no days: re-tagged not-refused; the other two are looked at next.
    assert _skipped(instance) == "nothing to repair"
    assert instance.get_runs(dg.RunsFilter(tags={REFUSED_TAG: "stuck"})) == []


def test_a_repair_refused_in_turn_is_repaired_first_while_the_first_refusal_waits(
    landing, instance
):
    """The day re-run for a repair is refused in turn (a late file of its own is held by a third
    day): that refusal is repaired (round 2), while the first one waits, not stuck."""
    first, middle, last = CHAIN
    refused = _refused_chain(landing, instance)
    assert partitions_to_rerun(refused.get_step_failure_events()) == [middle]

    [repair] = _tick(instance)
    assert repair.run_key == f"{middle}:repair-of-{refused.run_id}"
    refused_again = _execute(instance, repair)  # its late copy of the third day's article
    assert partitions_to_rerun(refused_again.get_step_failure_events()) == [last]

    plan = _plan(instance, landing)
    assert plan.stuck == []
    assert plan.waiting == [
        f"{first}: waiting for {middle}, whose own load was refused (run {refused_again.run_id})"
    ]
    [deeper] = plan.requests
    assert (deeper.run_key, deeper.tags[ROUND_TAG]) == (
        f"{last}:repair-of-{refused_again.run_id}",
        "2",
    )
    assert instance.get_run_by_id(refused.run_id).tags[REFUSED_TAG] == "true"

    assert _execute(instance, deeper).success
    [middle_again] = _tick(instance)
    assert middle_again.run_key == f"{middle}:after-repairs-of-{refused_again.run_id}"
    assert _execute(instance, middle_again).success
    [first_again] = _tick(instance)
    assert first_again.run_key == f"{first}:after-repairs-of-{refused.run_id}"
    assert _execute(instance, first_again).success
    assert _skipped(instance) == "nothing to repair"
    assert _statuses(landing) == [
        (first, f"{first}/late.txt", "parsed"),
        (middle, f"{middle}/a.txt", "duplicate"),
        (middle, f"{middle}/late-w.txt", "parsed"),
        (last, f"{last}/w.txt", "duplicate"),
    ]


def test_a_refusal_waiting_for_a_refusal_left_to_a_person_is_left_to_a_person_too(
    landing, instance
):
    """The first refusal waits for the second day's refusal; when that one's repair fails and it
    is left to a person, the first is tagged stuck too (naming it), and both go on once the
    person has run the day the failed repair was for."""
    first, middle, last = CHAIN
    refused = _refused_chain(landing, instance)
    [repair] = _tick(instance)
    refused_again = _execute(instance, repair)  # the middle day's load refused in turn
    [deeper] = _plan(instance, landing).requests
    instance.report_run_failed(_queue(instance, deeper))  # the deeper repair failed

    middle_reason = (
        f"{middle}: {last} was run for the repair ({deeper.run_key}) but is not parsed and "
        f"loaded since; fix and run {last}, then {middle} is run again"
    )
    first_reason = (
        f"{first}: waiting for {middle} (run {refused_again.run_id}), whose own load was "
        f"refused and is left to a person (see its warta/stuck_reason); {first} goes on by "
        "itself once that is dealt with"
    )

    def first_tags() -> tuple[str, str | None]:
        tags = instance.get_run_by_id(refused.run_id).tags
        return tags[REFUSED_TAG], tags.get(STUCK_REASON_TAG)

    plan = _plan(instance, landing)  # the middle refusal is stuck from now on; the first waits
    assert (plan.stuck, plan.requests) == ([middle_reason], [])
    assert plan.waiting == [
        f"{first}: waiting for {middle}, whose own load was refused (run {refused_again.run_id})"
    ]
    assert first_tags() == ("true", None)
    plan = _plan(instance, landing)  # the first one sees it on the next evaluation
    assert sorted(plan.stuck) == sorted([first_reason, middle_reason])
    assert plan.warnings == [f"{first_reason} (run tagged warta/refused=stuck)"]
    assert first_tags() == ("stuck", first_reason)
    for _ in range(2):  # and stays so, warned once
        assert _plan(instance, landing).warnings == []
        assert first_tags() == ("stuck", first_reason)
    assert first_reason in _skipped(instance) and middle_reason in _skipped(instance)

    assert _run(instance, last).success  # the person runs the day the failed repair was for
    plan = _plan(instance, landing)  # the middle refusal goes on; the first sees it a tick later
    [middle_again] = plan.requests
    assert middle_again.run_key == f"{middle}:after-repairs-of-{refused_again.run_id}"
    assert (plan.warnings, first_tags()) == ([], ("stuck", first_reason))
    queued = _queue(instance, middle_again)
    plan = _plan(instance, landing)  # the middle day's run is in flight: the first waits for it
    assert plan.waiting == [f"{first}: waiting for run {queued.run_id}"]
    assert first_tags() == ("true", f"no longer stuck; was: {first_reason}")
    instance.delete_run(queued.run_id)
    assert _execute(instance, middle_again).success
    [first_again] = _tick(instance)  # the first refusal's repair goes on
    assert first_again.run_key == f"{first}:after-repairs-of-{refused.run_id}"
    assert first_tags() == ("true", f"no longer stuck; was: {first_reason}")
    assert _execute(instance, first_again).success
    assert _skipped(instance) == "nothing to repair"
    assert [status for _, _, status in _statuses(landing)] == [
        "parsed",
        "duplicate",
        "parsed",
        "duplicate",
    ]


def test_a_later_day_counts_as_repaired_only_once_parsed_and_loaded_again(landing, instance):
    """A load of the later day alone (no parse) leaves its copy as it was: not a repair. The
    landing sensor leaves refused content to the repair sensor."""
    zone = LandingZone(landing.raw_dir)
    put(landing, f"{NEWER}/a.txt", SEED.read_bytes())
    assert _run(instance, NEWER).success
    put(landing, f"{OLDER}/late.txt", SEED.read_bytes())
    content = zone.fingerprint(OLDER)
    refused = _run(instance, OLDER, {FINGERPRINT_TAG: content})  # as the nightly runs it
    assert not refused.success
    runs = content_runs(instance, OLDER, content)
    assert (runs.failed, runs.refused, runs.handled) == (1, True, False)
    with dg.build_sensor_context(instance=instance, resources={"warta": WartaSettings()}) as ctx:
        assert warta_landing_sensor(ctx).run_requests == []  # not retried: left to the repair
    assert _run(instance, NEWER, asset_selection=[dg.AssetKey("warehouse")]).success
    [repair] = _tick(instance)
    assert repair.run_key == f"{NEWER}:repair-of-{refused.run_id}"
    parse_only = dg.materialize(  # parsed again, but the warehouse still holds its old copy
        [parse_landing_partition],
        partition_key=NEWER,
        instance=instance,
        resources={"warta": WartaSettings()},
    )
    assert parse_only.success
    [repair] = _tick(instance)
    assert repair.run_key == f"{NEWER}:repair-of-{refused.run_id}"


def test_a_day_refused_for_its_own_copy_is_run_again_at_once(landing, instance):
    """The newer day parsed before the older day's copy landed, and loaded after the older day:
    its own copy is the later one, so it is the day to run again."""
    put(landing, f"{NEWER}/a.txt", SEED.read_bytes())
    assert _parse_only(instance, NEWER).success
    put(landing, f"{OLDER}/a.txt", SEED.read_bytes())
    assert _run(instance, OLDER).success
    refused = _run(instance, NEWER, asset_selection=[dg.AssetKey("warehouse")])
    assert partitions_to_rerun(refused.get_step_failure_events()) == [NEWER]
    [again] = _tick(instance)
    assert again.run_key == f"{NEWER}:after-repairs-of-{refused.run_id}"
    assert REPAIR_FOR_TAG not in again.tags
    # Had that run been refused again for its own copy, running the day once more would not
    # help (an earlier day's warehouse rows would hold the article): left to a person.
    warehouse_only = [dg.AssetKey("warehouse")]
    tags = {**again.tags, "dagster/run_key": again.run_key}
    assert not _run(instance, NEWER, tags, asset_selection=warehouse_only).success
    stuck = _skipped(instance)
    assert stuck.startswith(f"{NEWER}: refused again for its own copy after being run again")
    assert stuck.endswith(f"fix and load the earlier one, then run {NEWER} again")
    [stuck_run] = instance.get_runs(dg.RunsFilter(tags={REFUSED_TAG: "stuck"}))
    assert stuck_run.tags["dagster/run_key"] == again.run_key
    assert _run(instance, NEWER).success  # run in full, by hand
    assert _statuses(landing) == [
        (OLDER, f"{OLDER}/a.txt", "parsed"),
        (NEWER, f"{NEWER}/a.txt", "duplicate"),
    ]
    assert _skipped(instance) == "nothing to repair"
    assert instance.get_run_by_id(stuck_run.run_id).tags[REFUSED_TAG] == "superseded"
    # A re-execution from the UI copies the stuck run's tags; when it succeeds it is no refusal.
    copied = _run(instance, NEWER, {REFUSED_TAG: "stuck", STUCK_REASON_TAG: stuck})
    assert copied.success
    assert _skipped(instance) == "nothing to repair"
    tags = instance.get_run_by_id(copied.run_id).tags
    assert (tags[REFUSED_TAG], tags[STUCK_REASON_TAG]) == (
        "not-refused",
        f"no longer stuck; was: {stuck}",
    )
    assert instance.get_runs(dg.RunsFilter(tags={REFUSED_TAG: "stuck"})) == []
    copied_tags = {REFUSED_TAG: "stuck", PARTITION_TAG: NEWER}
    canceled = instance.create_run_for_job(_job(), tags=copied_tags)
    instance.report_run_canceled(canceled)  # ... or is canceled
    assert _skipped(instance) == "nothing to repair"
    assert instance.get_run_by_id(canceled.run_id).tags[REFUSED_TAG] == "not-refused"


@pytest.mark.parametrize("first_day_parsed_again", [True, False])
def test_two_refusals_naming_each_others_day_do_not_wait_for_each_other(
    landing, instance, monkeypatch, first_day_parsed_again
):
    """A warehouse published before loads refused an article held by several days holds the
    seed in three days, and the first day's Parquet has lost it. Loads of the two later days
    are then refused, each naming both: neither waits for the other for ever. The later one
    runs the earlier day for its repair instead of waiting for that day's refusal. Once the
    first day's file is back and parsed, that run marks its copy duplicate and the repair goes
    on; otherwise it is refused too, and the refusal is left to a person, with the reason."""
    import warta.warehouse

    first, middle, last = CHAIN
    for day in CHAIN:
        put(landing, f"{day}/a.txt", SEED.read_bytes())
    with monkeypatch.context() as unguarded:  # as before the load refused such articles
        unguarded.setattr(
            warta.warehouse, "_refuse_articles_in_several_partitions", lambda *args: None
        )
        for day in (last, middle, first):  # newest first: no parse sees another's copy
            assert _run(instance, day).success
    (landing.raw_dir / first / "a.txt").unlink()  # the first day parsed again, not loaded
    assert _parse_only(instance, first).success
    middle_refused = _run(instance, middle)  # its parse holds the seed: the first day's is gone
    last_refused = _run(instance, last, asset_selection=[dg.AssetKey("warehouse")])
    for run in (middle_refused, last_refused):
        assert partitions_to_rerun(run.get_step_failure_events()) == [middle, last]
    if first_day_parsed_again:
        put(landing, f"{first}/a.txt", SEED.read_bytes())
        assert _parse_only(instance, first).success

    plan = _plan(instance, landing)
    assert plan.stuck == []
    assert plan.waiting == [
        f"{middle}: waiting for {last}, whose own load was refused (run {last_refused.run_id})"
    ]
    [repair] = plan.requests  # not a wait for the middle day's refusal
    assert repair.run_key == f"{middle}:repair-of-{last_refused.run_id}"
    if not first_day_parsed_again:
        assert not _execute(instance, repair).success  # the first day's rows still hold it
        stuck = _skipped(instance)
        assert f"{last}: {middle} was run for the repair ({repair.run_key})" in stuck
        return
    assert _execute(instance, repair).success  # its parse saw the first day's copy
    [last_again] = _tick(instance)
    assert last_again.run_key == f"{last}:after-repairs-of-{last_refused.run_id}"
    assert _execute(instance, last_again).success
    assert _skipped(instance) == "nothing to repair"
    assert [(day, status) for day, _, status in _statuses(landing)] == [
        (first, "parsed"),
        (middle, "duplicate"),
        (last, "duplicate"),
    ]


def test_other_failures_are_not_repaired(landing, instance, monkeypatch):
    import warta.ingest

    original = warta.ingest.append_article

    def leaky(columns, position, article_id, source_path, article, entities, ingest_date):
        original(columns, position, article_id, source_path, article, entities, ingest_date)
        for values in columns["paragraphs"].values():
            values.append(values[-1])  # a duplicated paragraph key: an ERROR check fails

    monkeypatch.setattr(warta.ingest, "append_article", leaky)
    put(landing, f"{NEWER}/a.txt", SEED.read_bytes())
    failed = _run(instance, NEWER)
    assert not failed.success
    assert REFUSED_TAG not in instance.get_run_by_id(failed.run_id).tags
    assert _skipped(instance) == "nothing to repair"
    # A re-execution from the UI copies the tags of the run it re-executes, refusal included.
    copied = _run(instance, NEWER, {REFUSED_TAG: "true", ROUND_TAG: "2"})
    assert not copied.success
    assert _skipped(instance) == "nothing to repair"
    assert instance.get_run_by_id(copied.run_id).tags[REFUSED_TAG] == "not-refused"


def test_duplicates_whose_original_left_the_landing_zone_are_parsed_again(landing, instance):
    variant = SEED.read_bytes().replace(b"Korea Utara", b"Korut")
    put(landing, f"{OLDER}/first.txt", SEED.read_bytes())
    put(landing, f"{OLDER}/second.txt", variant)
    put(landing, f"{NEWER}/a.txt", SEED.read_bytes())
    put(landing, f"{NEWER}/b.txt", variant)
    assert _run(instance, OLDER).success and _run(instance, NEWER).success
    assert _skipped(instance) == "nothing to repair"

    (landing.raw_dir / OLDER / "first.txt").unlink()  # the original leaves the landing zone
    emptied = _run(instance, OLDER)
    assert emptied.success  # the load passes, and names the day whose copy lost its original
    [load] = [
        e.materialization.metadata
        for e in emptied.get_asset_materialization_events()
        if e.materialization.asset_key == dg.AssetKey("warehouse")
    ]
    assert load["partitions_to_rerun"].value == [NEWER]
    [again] = _tick(instance)
    last_ok = instance.get_run_records(dg.RunsFilter(tags={"dagster/partition": NEWER}), limit=1)[
        0
    ].dagster_run.run_id
    assert (again.partition_key, again.run_key) == (NEWER, f"{NEWER}:orphans-after-{last_ok}")
    assert again.tags[REPAIR_OF_TAG] == emptied.run_id
    repaired = _execute(instance, again)
    assert repaired.success
    assert _statuses(landing) == [
        (OLDER, f"{OLDER}/second.txt", "parsed"),
        (NEWER, f"{NEWER}/a.txt", "parsed"),
        (NEWER, f"{NEWER}/b.txt", "duplicate"),
    ]
    assert _skipped(instance) == "nothing to repair"

    # Later the other original leaves too: the day is run again, although its last successful
    # run was such a run (its own load did not name it).
    (landing.raw_dir / OLDER / "second.txt").unlink()
    emptied = _run(instance, OLDER)
    [again] = _tick(instance)
    assert again.run_key == f"{NEWER}:orphans-after-{repaired.run_id}"
    assert again.tags[REPAIR_OF_TAG] == emptied.run_id


def test_a_failed_re_run_for_duplicates_without_original_is_not_repeated(landing, instance):
    put(landing, f"{OLDER}/first.txt", SEED.read_bytes())
    put(landing, f"{NEWER}/a.txt", SEED.read_bytes())
    assert _run(instance, OLDER).success and _run(instance, NEWER).success
    (landing.raw_dir / OLDER / "first.txt").unlink()
    assert _run(instance, OLDER).success
    [again] = _tick(instance)
    instance.report_run_failed(_queue(instance, again))  # the re-run failed
    stuck = _skipped(instance)
    assert f"{NEWER}: the run that was to parse its duplicates without an original failed" in stuck
    assert _run(instance, OLDER).success  # another load names the day again: still no new run
    assert _skipped(instance) == stuck


def _daemon_origin(job_name: str = "warta_daily"):
    """The origin the daemon records on a run it launches from the code location (a run
    ``execute_in_process`` made has none)."""
    from dagster._core.remote_origin import (
        InProcessCodeLocationOrigin,
        RemoteJobOrigin,
        RemoteRepositoryOrigin,
    )
    from dagster._core.types.loadable_target_origin import LoadableTargetOrigin

    location = InProcessCodeLocationOrigin(
        LoadableTargetOrigin(module_name="pipelines.definitions", attribute="defs"), "warta"
    )
    return RemoteJobOrigin(RemoteRepositoryOrigin(location, "__repository__"), job_name)


def _failed_to_be_retried(
    instance, partition: str, origin=True, job_name: str = "warta_daily", **tags: str
) -> dg.DagsterRun:
    """A failed run of ``partition`` that Dagster tagged to be retried and did not retry (its
    retry daemon read the failure event before the run's status: pipelines/repairs.py)."""
    run = instance.add_run(
        dg.DagsterRun(
            job_name=job_name,
            status=dg.DagsterRunStatus.NOT_STARTED,
            tags={PARTITION_TAG: partition, WILL_RETRY_TAG: "true", **tags},
            remote_job_origin=_daemon_origin(job_name) if origin else None,
        )
    )
    instance.report_run_failed(run)
    return instance.get_run_by_id(run.run_id)


def _backfill(instance, status: str) -> str:
    from dagster._core.execution.backfill import BulkActionStatus, PartitionBackfill

    backfill_id = f"backfill-{status.lower()}"
    instance.add_backfill(
        PartitionBackfill(
            backfill_id=backfill_id,
            status=BulkActionStatus(status),
            from_failure=False,
            tags={},
            backfill_timestamp=time.time(),
        )
    )
    return backfill_id


def _end_backfill(instance, backfill_id: str, when: float) -> None:
    backfill = instance.get_backfill(backfill_id)
    instance.update_backfill(backfill.with_end_timestamp(when))


def _plan_at(instance, landing, now: float):
    return plan_repairs(instance, LandingZone(landing.raw_dir), now=now)


def test_a_retry_dagster_missed_is_started_once(landing, instance, monkeypatch):
    put(landing, f"{NEWER}/a.txt", SEED.read_bytes())
    missed = _failed_to_be_retried(instance, NEWER)
    ended = instance.get_run_record_by_id(missed.run_id).end_time
    # Dagster's retry daemon gets its time first.
    plan = _plan_at(instance, landing, ended + MISSED_RETRY_AFTER_SECONDS - 1)
    assert plan.requests == [] and plan.warnings == []
    later = ended + MISSED_RETRY_AFTER_SECONDS + 1
    plan = _plan_at(instance, landing, later)
    [request] = plan.requests
    assert request.partition_key == NEWER
    assert request.run_key == f"{NEWER}:retry-of-{missed.run_id}"
    assert request.tags[RETRY_OF_TAG] == missed.run_id
    assert request.tags["dagster/max_retries"] == "0"  # the day's one retry
    assert request.tags[TRIGGER_TAG] == "repair"
    assert request.tags[FINGERPRINT_TAG] == LandingZone(landing.raw_dir).fingerprint(NEWER)
    assert plan.warnings == [
        f"{NEWER}: run {missed.run_id} failed and was tagged to be retried "
        f"(dagster/will_retry=true), but no retry started in {MISSED_RETRY_AFTER_SECONDS + 1} s; "
        f"running {NEWER} again"
    ]
    assert instance.get_run_by_id(missed.run_id).tags[WILL_RETRY_TAG] == "true"  # not applied
    # The daemon evaluates the sensor: the same request, and the run publishes the day. The
    # failed run is no longer to be retried: a late retry daemon leaves it alone.
    monkeypatch.setattr("pipelines.repairs._now", lambda: later)
    [ticked] = _tick(instance)
    assert ticked.run_key == request.run_key
    assert instance.get_run_by_id(missed.run_id).tags[WILL_RETRY_TAG] == "false"
    assert _execute(instance, ticked).success
    assert _statuses(landing) == [(NEWER, f"{NEWER}/a.txt", "parsed")]
    assert _plan_at(instance, landing, later + 60).requests == []


def test_a_failed_run_of_the_requested_retry_is_not_retried_again(landing, instance):
    put(landing, f"{NEWER}/a.txt", SEED.read_bytes())
    missed = _failed_to_be_retried(instance, NEWER)
    ended = instance.get_run_record_by_id(missed.run_id).end_time
    [request] = _plan_at(instance, landing, ended + MISSED_RETRY_AFTER_SECONDS).requests
    # Its run fails the same way (tagged will_retry as Dagster would, were max_retries not 0).
    retry = _failed_to_be_retried(instance, NEWER, **request.tags)
    retry_ended = instance.get_run_record_by_id(retry.run_id).end_time
    assert _plan_at(instance, landing, retry_ended + 2 * MISSED_RETRY_AFTER_SECONDS).requests == []


@pytest.mark.parametrize(
    "backfill", ["REQUESTED", "FAILING", "COMPLETED", "COMPLETED_FAILED after the run"]
)
def test_a_missed_retry_of_a_backfill_still_going_or_submitted_from_the_cli_is_started(
    landing, instance, backfill
):
    put(landing, f"{NEWER}/a.txt", SEED.read_bytes())
    status, _, after = backfill.partition(" ")
    missed = _failed_to_be_retried(instance, NEWER, **{BACKFILL_TAG: _backfill(instance, status)})
    ended = instance.get_run_record_by_id(missed.run_id).end_time
    if after:  # a backfill in the UI ends as its last run ends: it was going when that failed
        _end_backfill(instance, missed.tags[BACKFILL_TAG], ended + 1)
    [request] = _plan_at(instance, landing, ended + MISSED_RETRY_AFTER_SECONDS).requests
    assert request.tags[RETRY_OF_TAG] == missed.run_id


@pytest.mark.parametrize(
    "case",
    [
        "retried",
        "retry created",
        "day run again",
        "not to be retried",
        "too old",
        "tagged lately but too old",
        "backfill deleted",
        "backfill canceling",
        "backfill ended in the UI before",
        "itself such a retry",
        "run in its own process",
        "other job",
    ],
)
def test_failed_runs_dagster_handles_are_left_to_it(landing, instance, case):
    put(landing, f"{NEWER}/a.txt", SEED.read_bytes())
    tags, origin, job_name = {}, True, "warta_daily"
    if case == "backfill deleted":
        tags[BACKFILL_TAG] = "gone"
    elif case == "backfill canceling":
        tags[BACKFILL_TAG] = _backfill(instance, "CANCELING")
    elif case == "backfill ended in the UI before":
        tags[BACKFILL_TAG] = _backfill(instance, "COMPLETED_FAILED")
        _end_backfill(instance, tags[BACKFILL_TAG], time.time() - 1)
    elif case == "itself such a retry":
        tags[RETRY_OF_TAG] = "an-earlier-run"
    elif case == "run in its own process":  # warta run; e.g. stopped with Ctrl-C
        origin = False
    elif case == "other job":
        job_name = "__ASSET_JOB"
    missed = _failed_to_be_retried(instance, NEWER, origin=origin, job_name=job_name, **tags)
    ended = instance.get_run_record_by_id(missed.run_id).end_time
    now = ended + MISSED_RETRY_AFTER_SECONDS + 1
    if case == "retried":
        instance.add_run_tags(missed.run_id, {AUTO_RETRY_RUN_ID_TAG: "some-run"})
    elif case == "retry created":  # before the daemon tags the failed run with its id
        child = instance.create_run_for_job(_job(), tags={PARENT_RUN_ID_TAG: missed.run_id})
        instance.report_run_failed(child)
    elif case == "day run again":
        assert _run(instance, NEWER).success
    elif case == "not to be retried":
        instance.add_run_tags(missed.run_id, {WILL_RETRY_TAG: "false"})
    elif case == "too old":
        now = ended + MISSED_RETRY_WINDOW_SECONDS + 1
    elif case == "tagged lately but too old":  # a tag moves the run's update time, not its end
        now = ended + MISSED_RETRY_WINDOW_SECONDS + 1
        instance.add_run_tags(missed.run_id, {"note": "looked at"})
    assert _plan_at(instance, landing, now).requests == []


def test_the_wait_for_dagsters_retry_is_a_setting(landing, instance):
    assert missed_retry_seconds({}) == MISSED_RETRY_AFTER_SECONDS == 180
    assert missed_retry_seconds({"WARTA_MISSED_RETRY_SECONDS": "30"}) == 30
    for bad in ("0", "-5", "soon"):
        with pytest.raises(ValueError, match="WARTA_MISSED_RETRY_SECONDS must be a positive"):
            missed_retry_seconds({"WARTA_MISSED_RETRY_SECONDS": bad})
    put(landing, f"{NEWER}/a.txt", SEED.read_bytes())
    missed = _failed_to_be_retried(instance, NEWER)
    ended = instance.get_run_record_by_id(missed.run_id).end_time
    zone = LandingZone(landing.raw_dir)
    assert plan_repairs(instance, zone, now=ended + 29, retry_after=30).requests == []
    [request] = plan_repairs(instance, zone, now=ended + 31, retry_after=30).requests
    assert request.tags[RETRY_OF_TAG] == missed.run_id
