"""The repair sensor: a load refused because one article is held by two partitions is repaired
without anyone watching, and days whose duplicates lost their original are parsed again.

How a refusal happens: an older day is parsed again with a late file whose article a newer day
already holds (its parse sees only the days before it), or two days are parsed side by side.
The file of the earliest day is the original (``raw_files.status``: duplicate means "same
article as an earlier file"), so the later days must be parsed again to mark their copies
duplicate, and then the refused day run again. Without this sensor every retry of the refused
day fails the same way until someone re-runs the later days.

The refused ``warehouse`` step tags its run ``warta/refused=true`` and names the days to re-run
in its failure metadata (``partitions_to_rerun``, ``assets/warehouse.py``). Each evaluation
works from the runs and materializations recorded in the instance, not from a cursor, so a
stopped sensor, a retried run or a repair done by hand are all taken as they are. For each of
the latest ``REFUSALS_LOOKED_AT`` failed runs tagged ``true``, and as many tagged ``stuck``
(how many older ones are left out is logged and given in the skip reason):

- if it is no longer the latest run of its day (the day was run again since, by anyone), it is
  done with and re-tagged ``warta/refused=superseded``;
- each day it names gets one repair run (run key ``<day>:repair-of-<refused run>``) unless that
  day's latest run is queued or running, or the day was parsed by a run started after the
  refused day's parse and loaded after that, or the day's latest run is itself a refusal (its
  late files clash with a third day): the refusal waits for that one, which is repaired by the
  same rules (one round deeper when it is a repair run) or left to a person, and then this one
  is left to a person too (tagged ``stuck``, its reason naming that run) until that one is
  dealt with (a run tagged refused that names no days, a failed UI re-execution, is not waited
  for). Only a later day's refusal is waited for, so such waits cannot form a cycle. A day's
  load names only itself and later days while the warehouse holds no article twice (each clash
  is then between the loaded day and one other, and the later one is named); a warehouse
  holding an article in several days already (published before the load refused that) can
  make two loads name each other's day, and an earlier day named is then run for the repair
  even if its own latest run is a refusal, stuck or not (its parse sees the earliest copy, so
  its own becomes a duplicate; if that run is refused too, the refusal is left to a person as
  below);
- once all of them are, the refused day gets one run (``<day>:after-repairs-of-<refused run>``);
  a refused day that named only itself gets that run at once;
- a run tagged ``true`` without a refusal in its failure, or a successful or canceled run
  tagged ``true`` or ``stuck`` (a re-execution from the UI copies the tags of the run it
  re-executes), is re-tagged ``not-refused``;
- a day refused again for its own copy after its repair run is left to a person (an earlier
  day's warehouse rows hold the article but its Parquet no longer does);
- a repair run that did not leave its day parsed and loaded stops the repair of that refusal,
  as does a refusal of a run already ``MAX_ROUNDS`` repairs deep (tag ``warta/repair_round``).

A refusal left to a person is re-tagged ``warta/refused=stuck``, with the reason in
``warta/stuck_reason`` (the Runs page filters on the tag; the run's page shows the reason). The
sensor logs a warning when a refusal becomes stuck, and the skip reason of every evaluation that
requests nothing repeats what is stuck. Tags change only after the warnings are logged. Stuck
refusals are looked at like the others: once the person runs the day again they are superseded,
and once they fix and run the day a failed repair run was for, the repair goes on and the tag
is ``true`` again (as soon as that run is queued; if it fails too, the refusal is stuck again,
with a new warning). A run leaving ``stuck`` keeps its reason, prefixed ``no longer stuck;
was:``, as does a refused run that copied a stuck reason from the run it re-executes.

The same sensor re-runs the days the latest ``warehouse`` materialization names in its
``partitions_to_rerun`` metadata: they hold the earliest copy of an article whose original
left the landing zone (its day was parsed again without the file), so the article is in no
partition any more; a re-run of the copy's day parses it. One such run per day between two
successful runs of it (run key ``<day>:orphans-after-<its last successful run>``): a failed one,
or a day its own load named again, stops with the reason. A copy whose original is parsed but not
loaded (its day failed its checks or was refused) is not named: loading that day is the remedy.

It also starts the retries Dagster's run retries missed. Dagster's retry daemon reads a run's
failure event and then the run; the event is written before the run's status and its
``dagster/will_retry`` tag, so a daemon reading between the two writes sees a run that has not
failed yet, passes the event, and never retries it (3 times in 13 host restarts under
``tests/e2e``; the event 20 ms before the status in one). A failed run tagged
``dagster/will_retry=true`` that has no retry ``WARTA_MISSED_RETRY_SECONDS`` (180) after it ended,
is still the latest run of its day, and ended within ``MISSED_RETRY_WINDOW_SECONDS``, gets
one run of its day (run key ``<day>:retry-of-<run>``, tag ``warta/retry_of``, and
``dagster/max_retries=0``: with it the day has had its one retry), with a warning on the tick;
the failed run is re-tagged ``dagster/will_retry=false``, so a retry daemon that reaches its
failure late (after an outage) does not run the day a second time. Only runs the daemon
launched for the ``warta_daily`` job are looked at: not asset selections materialised from the
catalog, and not runs ``warta run`` executed in its own process (Dagster cannot retry those;
stopping one by hand must not start the day again). A run of a backfill is looked at if the
backfill was still going when the run failed, as Dagster does, and also when the backfill is
``COMPLETED``: ``dagster job backfill`` (the documented command line) marks its backfill so as
soon as the runs are submitted, so Dagster never retries them. Should Dagster's retry come at
the same moment as the sensor's after all, the day runs twice, with the same result (each run
replaces its partition).

Run keys make every request happen once, whatever the number of evaluations.
"""

from __future__ import annotations

import os
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime

import dagster as dg

from assets.warehouse import RERUN_METADATA
from warta.config import positive_int
from warta.landing import LandingZone

from .jobs import warta_daily_job
from .partitions import (
    IN_FLIGHT,
    NOT_REFUSED,
    PARTITION_TAG,
    REFUSED,
    REFUSED_TAG,
    RUN_KEY_TAG,
    STUCK,
    STUCK_REASON_TAG,
    SUPERSEDED,
    landing_run_request,
    latest_materialization,
)
from .resources import WartaSettings

REPAIR_TRIGGER = "repair"
REPAIR_OF_TAG = "warta/repair_of"
REPAIR_FOR_TAG = "warta/repair_for"
ROUND_TAG = "warta/repair_round"
MAX_ROUNDS = 3
REFUSALS_LOOKED_AT = 50  # the latest refused runs, and stuck ones, each evaluation considers
RETRY_OF_TAG = "warta/retry_of"
MISSED_RETRY_AFTER_SECONDS = 180  # the retry daemon looks every 5 s; seen 70 s late under load
MISSED_RETRY_WINDOW_SECONDS = 6 * 3600  # older failures are the nightly's (WARTA_LATE_DAYS)
# Tags Dagster's run retries read and write (dagster._core.storage.tags).
WILL_RETRY_TAG = "dagster/will_retry"
MAX_RETRIES_TAG = "dagster/max_retries"
AUTO_RETRY_RUN_ID_TAG = "dagster/auto_retry_run_id"
PARENT_RUN_ID_TAG = "dagster/parent_run_id"
BACKFILL_TAG = "dagster/backfill"


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
    stuck: list[str]  # repairs left to a person
    # Logged as warnings: refusals left to a person by this evaluation (not those already
    # tagged stuck), and the days whose re-run for duplicates without an original is stuck.
    warnings: list[str] = field(default_factory=list)
    # Run tags to change, by run id; applied by ``apply`` after the warnings are logged, so an
    # evaluation that fails half-way does not leave a refusal tagged stuck without its warning.
    retags: dict[str, dict[str, str]] = field(default_factory=dict)

    def retag(self, run: dg.DagsterRun, value: str, reason: str | None = None) -> bool:
        """Set ``run``'s refusal tag to ``value``; a stuck reason is set with ``reason`` and
        marked ``no longer stuck`` when the run leaves the stuck state. True if a tag changes."""
        tags = {REFUSED_TAG: value}
        old = run.tags.get(STUCK_REASON_TAG)
        if reason is not None:
            tags[STUCK_REASON_TAG] = reason
        elif old and not old.startswith(_NO_LONGER_STUCK):
            tags[STUCK_REASON_TAG] = _NO_LONGER_STUCK + old
        changed = any(run.tags.get(key) != new for key, new in tags.items())
        if changed:
            self.retags.setdefault(run.run_id, {}).update(tags)
        return changed

    def apply(self, instance: dg.DagsterInstance) -> None:
        for run_id, tags in self.retags.items():
            instance.add_run_tags(run_id, tags)


_NO_LONGER_STUCK = "no longer stuck; was: "


def plan_repairs(
    instance: dg.DagsterInstance,
    zone: LandingZone,
    now: float | None = None,
    retry_after: int = MISSED_RETRY_AFTER_SECONDS,
) -> RepairPlan:
    """The runs that move every pending refusal forward, and the retries Dagster missed
    ``retry_after`` seconds after the failure (see the module docstring); ``now`` (a POSIX
    time) for tests."""
    plan = RepairPlan([], [], [], [])
    refused = []
    for value in (REFUSED, STUCK):
        failed = dg.RunsFilter(tags={REFUSED_TAG: value}, statuses=[dg.DagsterRunStatus.FAILURE])
        records = instance.get_run_records(failed, limit=REFUSALS_LOOKED_AT)
        refused += records
        if len(records) == REFUSALS_LOOKED_AT:
            _report_left_out(instance.get_runs_count(failed) - REFUSALS_LOOKED_AT, value, plan)
    for record in sorted(refused, key=lambda r: r.create_timestamp):  # oldest first
        _plan_refusal(instance, zone, record, plan)
    # A run that succeeded or was canceled was not refused: it carries the tag of the run a UI
    # re-execution copied it from (a refused or stuck run re-executed by hand).
    ended = [dg.DagsterRunStatus.SUCCESS, dg.DagsterRunStatus.CANCELED]
    for value in (REFUSED, STUCK):
        for record in instance.get_run_records(
            dg.RunsFilter(tags={REFUSED_TAG: value}, statuses=ended), limit=REFUSALS_LOOKED_AT
        ):
            plan.retag(record.dagster_run, NOT_REFUSED)
    _plan_orphans(instance, zone, plan)
    _plan_missed_retries(instance, zone, plan, _now() if now is None else now, retry_after)
    return plan


def _report_left_out(left_out: int, value: str, plan: RepairPlan) -> None:
    """Say (log, and give in the skip reason) how many older runs tagged ``value`` this
    evaluation did not look at; repeated every evaluation until they are fewer."""
    if left_out <= 0:
        return
    runs = f"{left_out} older failed run{'s' if left_out > 1 else ''} tagged {REFUSED_TAG}={value}"
    looked_at = f"at most {REFUSALS_LOOKED_AT} per tag per evaluation"
    if value == STUCK:  # not resumed when a person deals with their cause
        message = (
            f"{runs} not looked at ({looked_at}): "
            "filter the Runs page on the tag and run their days again by hand"
        )
        plan.stuck.append(message)
    else:  # looked at as newer ones are dealt with
        message = f"{runs} not looked at yet ({looked_at})"
        plan.waiting.append(message)
    plan.notes.append(message)  # logged even when the evaluation requests runs


def _latest(
    instance: dg.DagsterInstance, partition: str, status: dg.DagsterRunStatus | None = None
) -> dg.RunRecord | None:
    """The latest run of ``partition`` (with ``status``)."""
    statuses = None if status is None else [status]
    runs = dg.RunsFilter(tags={PARTITION_TAG: partition}, statuses=statuses)
    records = instance.get_run_records(runs, limit=1)
    return records[0] if records else None


def _reparsed_and_loaded_since(instance: dg.DagsterInstance, partition: str, since: float) -> bool:
    """True when ``partition`` was parsed by a run that started after ``since`` and loaded
    into the warehouse after that parse: its parse saw what was published before ``since``,
    and the warehouse holds the result."""
    parsed = latest_materialization(instance, "raw_files", partition)
    loaded = latest_materialization(instance, "warehouse", partition)
    if parsed is None or loaded is None or loaded.timestamp < parsed.timestamp:
        return False
    parse_run = instance.get_run_record_by_id(parsed.run_id)
    if parse_run is None:
        return False
    started = parse_run.start_time or parse_run.create_timestamp.timestamp()
    return started > since


def _is_refusal(record: dg.RunRecord | None) -> bool:
    run = None if record is None else record.dagster_run
    return (
        run is not None
        and run.status == dg.DagsterRunStatus.FAILURE
        and run.tags.get(REFUSED_TAG) in (REFUSED, STUCK)
    )


def _named_days(instance: dg.DagsterInstance, run: dg.DagsterRun) -> list[str]:
    """The days a refused run's load named to re-run (none: the run failed for another reason,
    carrying a refusal tag a UI re-execution copied)."""
    events = [
        r.event_log_entry.dagster_event
        for r in instance.get_records_for_run(
            run.run_id, of_type=dg.DagsterEventType.STEP_FAILURE
        ).records
    ]
    return partitions_to_rerun(events)


def _requested(instance: dg.DagsterInstance, run_key: str) -> bool:
    return instance.get_runs_count(dg.RunsFilter(tags={RUN_KEY_TAG: run_key})) > 0


def _plan_refusal(
    instance: dg.DagsterInstance, zone: LandingZone, record: dg.RunRecord, plan: RepairPlan
) -> None:
    run = record.dagster_run
    day = run.tags.get(PARTITION_TAG)
    latest = _latest(instance, day) if day else None
    if latest is None or latest.dagster_run.run_id != run.run_id:
        # The day was run again since: that run (or its own refusal) is what counts.
        plan.retag(run, SUPERSEDED)
        return
    rerun = _named_days(instance, run)
    if not rerun:  # the tag was copied from a refused run this one re-executes; it failed else
        plan.retag(run, NOT_REFUSED)
        return
    next_round = repair_round(run) + 1
    if rerun == [day] and run.tags.get(RUN_KEY_TAG, "").startswith(f"{day}:after-repairs-of-"):
        _left_to_a_person(
            run,
            plan,
            f"{day}: refused again for its own copy after being run again (run {run.run_id}): "
            "an earlier day's warehouse rows still hold the article although its Parquet does "
            "not (its last parse failed its checks?); the refusal names the days holding it: "
            f"fix and load the earlier one, then run {day} again",
        )
        return
    if next_round > MAX_ROUNDS:
        _left_to_a_person(
            run,
            plan,
            f"{day}: load refused again after {MAX_ROUNDS} rounds of repairs (run {run.run_id}); "
            f"re-run {', '.join(rerun)} and then {day} by hand",
        )
        return
    published = latest_materialization(instance, "raw_files", day)
    since = published.timestamp if published is not None else (record.start_time or 0.0)
    tags = {REPAIR_OF_TAG: run.run_id, ROUND_TAG: str(next_round)}
    requested = {request.partition_key for request in plan.requests}
    waiting = False
    stuck_behind: list[str] = []  # days whose own refusal, which this one waits for, is stuck
    for other in rerun:
        if other == day:
            continue
        if other in requested:  # asked for by an earlier refusal this evaluation
            plan.waiting.append(f"{day}: waiting for the run of {other} just requested")
            waiting = True
            continue
        other_latest = _latest(instance, other)
        if other_latest is not None and other_latest.dagster_run.status in IN_FLIGHT:
            plan.waiting.append(f"{day}: waiting for run {other_latest.dagster_run.run_id}")
            waiting = True
            continue
        if _reparsed_and_loaded_since(instance, other, since):
            continue  # its parse saw the refused day's copy: its own is a duplicate now
        if (
            other > day  # only a later day's refusal is waited for (an earlier one is run)
            and _is_refusal(other_latest)
            and _named_days(instance, other_latest.dagster_run)
        ):
            # Refused in turn (a third day): repaired first.
            other_run = other_latest.dagster_run
            if other_run.tags.get(REFUSED_TAG) == STUCK:  # left to a person: so is this one
                stuck_behind.append(f"{other} (run {other_run.run_id})")
            else:
                plan.waiting.append(
                    f"{day}: waiting for {other}, whose own load was refused "
                    f"(run {other_run.run_id})"
                )
            waiting = True
            continue
        run_key = f"{other}:repair-of-{run.run_id}"
        if _requested(instance, run_key):
            _left_to_a_person(
                run,
                plan,
                f"{day}: {other} was run for the repair ({run_key}) but is not parsed and "
                f"loaded since; fix and run {other}, then {day} is run again",
            )
            return
        plan.requests.append(_request(zone, other, run_key, {**tags, REPAIR_FOR_TAG: day}))
        plan.notes.append(f"{day}: load refused (run {run.run_id}); re-running {other}")
        waiting = True
    if stuck_behind:
        one = len(stuck_behind) == 1
        _left_to_a_person(
            run,
            plan,
            f"{day}: waiting for {', '.join(stuck_behind)}, whose own "
            + (
                f"load was refused and is left to a person (see its {STUCK_REASON_TAG}); "
                if one
                else f"loads were refused and are left to a person (see their {STUCK_REASON_TAG}); "
            )
            + f"{day} goes on by itself once {'that is' if one else 'those are'} dealt with",
        )
        return
    plan.retag(run, REFUSED)  # a stuck one goes on: the person acted (no change otherwise)
    if waiting:
        return
    if day in requested:
        plan.waiting.append(f"{day}: a run of it was just requested")
        return
    plan.requests.append(_request(zone, day, f"{day}:after-repairs-of-{run.run_id}", tags))
    plan.notes.append(f"{day}: running again after the repair of its refused load {run.run_id}")


def _left_to_a_person(run: dg.DagsterRun, plan: RepairPlan, reason: str) -> None:
    """Report ``run``'s refusal as stuck, and tag it so (with ``reason``) unless it already is."""
    plan.stuck.append(reason)
    if plan.retag(run, STUCK, reason):  # newly stuck, or for another reason: warn once
        plan.warnings.append(f"{reason} (run tagged {REFUSED_TAG}={STUCK})")


def _plan_orphans(instance: dg.DagsterInstance, zone: LandingZone, plan: RepairPlan) -> None:
    """Days the latest warehouse load named because they hold the earliest copy of an article
    whose original left the landing zone: each gets a run, which parses the copy. One run per
    day between two successful runs of it: a failed one, or a day still named after it, stops
    with the reason."""
    records = instance.fetch_materializations(
        dg.AssetRecordsFilter(asset_key=dg.AssetKey("warehouse")), limit=1
    ).records
    materialization = records[0].asset_materialization if records else None
    entry = None if materialization is None else materialization.metadata.get(RERUN_METADATA)
    if entry is None or not entry.value:
        return
    loaded_by = records[0].run_id
    requested = {request.partition_key for request in plan.requests}
    for day in entry.value:
        latest = _latest(instance, day)
        if latest is not None and latest.dagster_run.status in IN_FLIGHT:
            plan.waiting.append(f"{day}: waiting for run {latest.dagster_run.run_id}")
            continue
        last_ok = _latest(instance, day, dg.DagsterRunStatus.SUCCESS)
        if last_ok is not None and _still_named_after(instance, day, last_ok.dagster_run):
            _orphans_stuck(
                plan,
                f"{day}: still holds duplicates without an original after the run that was to "
                f"parse them ({last_ok.dagster_run.run_id}); look at it by hand",
            )
            continue
        anchor = last_ok.dagster_run.run_id if last_ok is not None else "none"
        run_key = f"{day}:orphans-after-{anchor}"
        if _requested(instance, run_key):
            _orphans_stuck(
                plan,
                f"{day}: the run that was to parse its duplicates without an original failed "
                f"or was canceled ({run_key}); fix and run {day}",
            )
            continue
        if day in requested:
            continue
        plan.requests.append(_request(zone, day, run_key, {REPAIR_OF_TAG: loaded_by}))
        plan.notes.append(
            f"{day}: files there lost their original (load in run {loaded_by}); running {day}"
        )


def _orphans_stuck(plan: RepairPlan, reason: str) -> None:
    plan.stuck.append(reason)
    plan.warnings.append(reason)


def _still_named_after(instance: dg.DagsterInstance, day: str, run: dg.DagsterRun) -> bool:
    """True when ``run`` was a run for ``day``'s duplicates without an original and its own
    load named ``day`` again (running it once more would change nothing)."""
    if ":orphans-after-" not in run.tags.get(RUN_KEY_TAG, ""):
        return False
    loaded = latest_materialization(instance, "warehouse", day)
    if loaded is None or loaded.run_id != run.run_id or loaded.asset_materialization is None:
        return False
    entry = loaded.asset_materialization.metadata.get(RERUN_METADATA)
    return entry is not None and day in entry.value


def _plan_missed_retries(
    instance: dg.DagsterInstance, zone: LandingZone, plan: RepairPlan, now: float, after: int
) -> None:
    """A run of each day whose latest run failed, was to be retried by Dagster, and was not."""
    window = dg.RunsFilter(
        job_name=warta_daily_job.name,
        tags={WILL_RETRY_TAG: "true"},
        statuses=[dg.DagsterRunStatus.FAILURE],
        updated_after=datetime.fromtimestamp(now - MISSED_RETRY_WINDOW_SECONDS, tz=UTC),
    )
    requested = {request.partition_key for request in plan.requests}
    for record in instance.get_run_records(window, limit=REFUSALS_LOOKED_AT):
        run = record.dagster_run
        day = run.tags.get(PARTITION_TAG)
        ended = record.end_time or record.update_timestamp.timestamp()
        if (
            day is None
            or day in requested
            or run.remote_job_origin is None  # executed in its own process by ``warta run``
            or not after <= now - ended <= MISSED_RETRY_WINDOW_SECONDS
            or run.tags.get(AUTO_RETRY_RUN_ID_TAG)
            or run.tags.get(RETRY_OF_TAG)  # one of these runs (tagged max_retries=0 too)
            or instance.get_runs_count(dg.RunsFilter(tags={PARENT_RUN_ID_TAG: run.run_id}))
            or not _backfill_retried(instance, run, ended)
        ):
            continue
        latest = _latest(instance, day)
        if latest is None or latest.dagster_run.run_id != run.run_id:
            continue  # the day was run again since
        run_key = f"{day}:retry-of-{run.run_id}"
        if _requested(instance, run_key):
            continue  # requested once; that run is the day's latest unless it was deleted
        tags = {RETRY_OF_TAG: run.run_id, MAX_RETRIES_TAG: "0"}
        plan.requests.append(_request(zone, day, run_key, tags))
        requested.add(day)
        # Dagster's retry daemon reads this tag before retrying: a late one (after a daemon
        # outage) then does not run the day a second time.
        plan.retags.setdefault(run.run_id, {})[WILL_RETRY_TAG] = "false"
        plan.warnings.append(
            f"{day}: run {run.run_id} failed and was tagged to be retried "
            f"({WILL_RETRY_TAG}=true), but no retry started in {int(now - ended)} s; "
            f"running {day} again"
        )


def missed_retry_seconds(env: Mapping[str, str] | None = None) -> int:
    """``WARTA_MISSED_RETRY_SECONDS``: how long after a failed run the sensor waits for
    Dagster's retry before running the day itself; a positive integer, 180 when unset."""
    env = os.environ if env is None else env
    return positive_int(env, "WARTA_MISSED_RETRY_SECONDS", MISSED_RETRY_AFTER_SECONDS)


def _now() -> float:
    """The current POSIX time (the sensor's clock; tests move it)."""
    return time.time()


def _backfill_retried(instance: dg.DagsterInstance, run: dg.DagsterRun, ended: float) -> bool:
    """True for a run of no backfill, of one still going when the run failed (Dagster's run
    retries retry those too: a backfill in the UI ends as soon as its last run ends), or of one
    the command line submitted (status ``COMPLETED`` from the start); False when the backfill
    was deleted, is being canceled or failed, or had ended before the run failed."""
    backfill_id = run.tags.get(BACKFILL_TAG)
    if backfill_id is None:
        return True
    backfill = instance.get_backfill(backfill_id)
    if backfill is None:
        return False
    status = backfill.status.value
    if status in ("REQUESTED", "FAILING", "COMPLETED"):
        return True
    finished = backfill.backfill_end_timestamp
    return status in ("COMPLETED_SUCCESS", "COMPLETED_FAILED") and (
        finished is None or finished >= ended
    )


def _request(zone: LandingZone, partition: str, run_key: str, tags: dict[str, str]):
    fingerprint = zone.fingerprint(partition)
    return landing_run_request(partition, fingerprint, REPAIR_TRIGGER, run_key=run_key, tags=tags)


@dg.sensor(
    name="warta_repair_sensor",
    job=warta_daily_job,
    minimum_interval_seconds=60,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Repairs loads refused because an article is held by two days (runs the later "
    "days again, then the refused day), re-runs days whose duplicates lost their original, and "
    "starts the retries Dagster's run retries missed.",
)
def warta_repair_sensor(context: dg.SensorEvaluationContext, warta: WartaSettings):
    zone = LandingZone(warta.settings().raw_dir)
    plan = plan_repairs(context.instance, zone, retry_after=missed_retry_seconds())
    for note in plan.notes:
        context.log.info(note)
    for message in plan.warnings:
        context.log.warning(message)
    plan.apply(context.instance)
    if plan.requests:
        return plan.requests
    if plan.stuck or plan.waiting:
        return dg.SkipReason("; ".join(plan.stuck + plan.waiting))
    return dg.SkipReason("nothing to repair")
