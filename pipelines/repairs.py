"""The repair sensor: a load refused because one article is held by two partitions is repaired
without anyone watching.

How it happens: an older day is parsed again with a late file whose article a newer day already
holds (its parse sees only the days before it), or two days are parsed side by side. The file of
the earliest day is the original (``raw_files.status``: duplicate means "same article as an
earlier file"), so the later days must be parsed again to mark their copies duplicate, and then
the refused day run again. Without this sensor every retry of the refused day (the nightly
schedule's, the landing sensor's) fails the same way until someone re-runs the later days.

The refused ``warehouse`` step tags its run ``warta/refused=true`` and names the days to re-run
in its failure metadata (``partitions_to_rerun``, ``assets/warehouse.py``). Each evaluation
looks at the latest refused runs and works from the runs recorded in the instance, not from a
cursor, so a stopped sensor, a retried run or a repair done by hand are all taken as they are:

- a refused run that is no longer the latest run of its day (the day was run again since,
  by anyone) is done with;
- otherwise each day it names gets one repair run (run key ``<day>:repair-of-<refused run>``)
  unless that day's latest run is queued or running, or succeeded after the refused run started;
- once every one of them has succeeded after the refused run started, the refused day gets one
  run (``<day>:after-repairs-of-<refused run>``); a refused day that named only itself gets that
  run at once;
- a repair run that failed stops the repair of that refusal (the evaluation logs it until the
  day is run again; a person must look at the failed run), as does a refusal of a run already
  ``MAX_ROUNDS`` repairs deep (tag ``warta/repair_round``).

The same sensor re-runs the days the latest ``warehouse`` materialization names in its
``partitions_to_rerun`` metadata: files there are marked duplicate of an article whose original
left the landing zone (its day was parsed again without the file), so the article is in no
partition any more; a re-run of the copy's day parses it (run key
``<day>:orphans-of-<loading run>``). A copy whose original is parsed but not loaded (its day
failed its checks or was refused) is not named: loading that day is the remedy.

Run keys make every request happen once, whatever the number of evaluations.
"""

from __future__ import annotations

from dataclasses import dataclass

import dagster as dg

from assets.warehouse import REFUSED_TAG, RERUN_METADATA
from warta.landing import LandingZone

from .jobs import warta_daily_job
from .partitions import FINGERPRINT_TAG, IN_FLIGHT, TRIGGER_TAG
from .resources import WartaSettings

REPAIR_TRIGGER = "repair"
REPAIR_OF_TAG = "warta/repair_of"
REPAIR_FOR_TAG = "warta/repair_for"
ROUND_TAG = "warta/repair_round"
PARTITION_TAG = "dagster/partition"
RUN_KEY_TAG = "dagster/run_key"
MAX_ROUNDS = 3
REFUSALS_LOOKED_AT = 50  # the latest refused runs each evaluation considers


def partitions_to_rerun(events: list[dg.DagsterEvent]) -> list[str]:
    """The days a refused load named (metadata of its step failure); [] for any other failure."""
    partitions: set[str] = set()
    for event in events:
        if not event.is_step_failure:
            continue
        data = event.step_failure_data.user_failure_data
        entry = None if data is None else data.metadata.get(RERUN_METADATA)
        if entry is not None:
            partitions.update(entry.value)
    return sorted(partitions)


def repair_round(run: dg.DagsterRun) -> int:
    raw = run.tags.get(ROUND_TAG, "0")
    return int(raw) if raw.isdigit() else 0


@dataclass
class RepairPlan:
    """What one evaluation decided: runs to request, and what to tell the operator."""

    requests: list[dg.RunRequest]
    notes: list[str]  # progress (info)
    waiting: list[str]  # repairs whose runs are queued or running
    stuck: list[str]  # repairs given up on (warning)


def plan_repairs(instance: dg.DagsterInstance, zone: LandingZone) -> RepairPlan:
    """The runs that move every pending refusal forward (see the module docstring)."""
    plan = RepairPlan([], [], [], [])
    refused = instance.get_run_records(
        dg.RunsFilter(tags={REFUSED_TAG: "true"}, statuses=[dg.DagsterRunStatus.FAILURE]),
        limit=REFUSALS_LOOKED_AT,
    )
    for record in reversed(refused):  # oldest first
        _plan_one(instance, zone, record, plan)
    _plan_orphans(instance, zone, plan)
    return plan


def _latest(instance: dg.DagsterInstance, partition: str) -> dg.RunRecord | None:
    records = instance.get_run_records(dg.RunsFilter(tags={PARTITION_TAG: partition}), limit=1)
    return records[0] if records else None


def _requested(instance: dg.DagsterInstance, run_key: str) -> bool:
    return instance.get_runs_count(dg.RunsFilter(tags={RUN_KEY_TAG: run_key})) > 0


def _plan_one(
    instance: dg.DagsterInstance, zone: LandingZone, record: dg.RunRecord, plan: RepairPlan
) -> None:
    run = record.dagster_run
    day = run.tags.get(PARTITION_TAG)
    latest = _latest(instance, day) if day else None
    if latest is None or latest.dagster_run.run_id != run.run_id:
        return  # the day was run again since: that run (or its own refusal) is what counts
    events = [
        r.event_log_entry.dagster_event
        for r in instance.get_records_for_run(
            run.run_id, of_type=dg.DagsterEventType.STEP_FAILURE
        ).records
    ]
    rerun = partitions_to_rerun(events)
    if not rerun:
        return
    next_round = repair_round(run) + 1
    if next_round > MAX_ROUNDS:
        plan.stuck.append(
            f"{day}: load refused again after {MAX_ROUNDS} rounds of repairs (run {run.run_id}); "
            f"re-run {', '.join(rerun)} and then {day} by hand"
        )
        return
    tags = {REPAIR_OF_TAG: run.run_id, ROUND_TAG: str(next_round)}
    waiting = False
    requested = {request.partition_key for request in plan.requests}
    for other in rerun:
        if other == day:
            continue
        if other in requested:  # asked for by an earlier refusal this evaluation
            plan.waiting.append(f"{day}: waiting for the run of {other} just requested")
            waiting = True
            continue
        other_latest = _latest(instance, other)
        if other_latest is not None:
            status = other_latest.dagster_run.status
            if status in IN_FLIGHT:
                plan.waiting.append(f"{day}: waiting for run {other_latest.dagster_run.run_id}")
                waiting = True
                continue
            ended = other_latest.end_time or 0.0
            if status == dg.DagsterRunStatus.SUCCESS and ended > (record.start_time or 0.0):
                continue  # parsed after the refused day published its copy
        run_key = f"{other}:repair-of-{run.run_id}"
        if _requested(instance, run_key):
            plan.stuck.append(
                f"{day}: the repair run of {other} failed or was canceled ({run_key}); fix "
                f"and run {other}, then {day} is run again"
            )
            return
        plan.requests.append(_request(zone, other, run_key, {**tags, REPAIR_FOR_TAG: day}))
        plan.notes.append(f"{day}: load refused (run {run.run_id}); re-running {other}")
        waiting = True
    if waiting:
        return
    plan.requests.append(_request(zone, day, f"{day}:after-repairs-of-{run.run_id}", tags))
    plan.notes.append(f"{day}: running again after the repair of its refused load {run.run_id}")


def _plan_orphans(instance: dg.DagsterInstance, zone: LandingZone, plan: RepairPlan) -> None:
    """Days the latest warehouse load named because files there are marked duplicate of an
    article whose original left the landing zone: each gets one run, which parses the copies."""
    records = instance.fetch_materializations(
        dg.AssetRecordsFilter(asset_key=dg.AssetKey("warehouse")), limit=1
    ).records
    materialization = records[0].asset_materialization if records else None
    entry = None if materialization is None else materialization.metadata.get(RERUN_METADATA)
    if entry is None or not entry.value:
        return
    record = records[0]
    loaded_by = instance.get_run_by_id(record.run_id)
    next_round = (repair_round(loaded_by) if loaded_by else 0) + 1
    days = list(entry.value)
    if next_round > MAX_ROUNDS:
        plan.stuck.append(
            f"{', '.join(days)}: duplicates without an original still reported after "
            f"{MAX_ROUNDS} rounds of repairs (run {record.run_id}); look at these days by hand"
        )
        return
    requested = {request.partition_key for request in plan.requests}
    for day in days:
        latest = _latest(instance, day)
        if latest is not None:
            if latest.dagster_run.status in IN_FLIGHT:
                plan.waiting.append(f"{day}: waiting for run {latest.dagster_run.run_id}")
                continue
            ended = latest.end_time or 0.0
            if (
                latest.dagster_run.status == dg.DagsterRunStatus.SUCCESS
                and ended > record.timestamp
            ):
                continue  # run since; its own load reports what is left
        run_key = f"{day}:orphans-of-{record.run_id}"
        if _requested(instance, run_key):
            plan.stuck.append(
                f"{day}: the run that was to parse its duplicates without an original failed "
                f"or was canceled ({run_key}); fix and run {day}"
            )
            continue
        if day in requested:
            continue
        tags = {REPAIR_OF_TAG: record.run_id, ROUND_TAG: str(next_round)}
        plan.requests.append(_request(zone, day, run_key, tags))
        plan.notes.append(
            f"{day}: files there lost their original (load in run {record.run_id}); running {day}"
        )


def _request(zone: LandingZone, partition: str, run_key: str, tags: dict[str, str]):
    return dg.RunRequest(
        run_key=run_key,
        partition_key=partition,
        tags={TRIGGER_TAG: REPAIR_TRIGGER, FINGERPRINT_TAG: zone.fingerprint(partition), **tags},
    )


@dg.sensor(
    name="warta_repair_sensor",
    job=warta_daily_job,
    minimum_interval_seconds=60,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Repairs loads refused because an article is held by two days (runs the later "
    "days again, then the refused day), and re-runs days whose duplicates lost their original.",
)
def warta_repair_sensor(context: dg.SensorEvaluationContext, warta: WartaSettings):
    plan = plan_repairs(context.instance, LandingZone(warta.settings().raw_dir))
    for note in plan.notes:
        context.log.info(note)
    for message in plan.stuck:
        context.log.warning(message)
    if plan.requests:
        return plan.requests
    if plan.stuck or plan.waiting:
        return dg.SkipReason("; ".join(plan.stuck + plan.waiting))
    return dg.SkipReason("nothing to repair")
