"""The landing sensor: a run for each partition folder whose files changed.

The cursor (``warta.watch.LandingWatch``) maps every partition whose content is settled to
the fingerprint of its folder (names, sizes, modification times), so older folders are never
forgotten, and it is stored by Dagster, so it survives restarts. A content is settled once the
latest parse of the day was of it, in a run that succeeded (by this sensor, the nightly
schedule, a backfill or a manual launch; an earlier run of the same content does not count
once a later parse replaced it: ``:again-<k>`` in the run key), or after
``MAX_ATTEMPTS`` failed or canceled runs (then the nightly schedule goes on retrying it once a
night). Until then each evaluation looks at it again: a run queued or running is waited for, a
failed one is retried under a new run key (``<partition>:<fingerprint>:retry-<n>``).

A settled folder is listed again only when its folders' times changed (a name added, removed or
renamed), and a few in turn each evaluation (a file rewritten in place changes no folder's
times): an evaluation costs a stat per folder and subfolder, not a listing of every file of
history. A change not settled yet is listed on every evaluation.

Stopped by default: the nightly schedule already picks up late files of recent days. Turn the
sensor on in the UI (Automation) for runs within minutes of a file landing; while today's folder
keeps changing, each change re-parses the day. At most ``MAX_RUNS_PER_TICK`` runs are requested
per evaluation; the rest follow on the next ticks.

Entries of the landing zone that no partition takes are named in the tick's log when they
appear or change, and again once a day while they stay (``LandingWatch.due``).
"""

import time

import dagster as dg

from warta.landing import LandingZone
from warta.text import shortened
from warta.watch import LandingWatch

from .jobs import warta_daily_job
from .partitions import content_runs, landing_date_partitions, landing_run_request
from .resources import WartaSettings

MAX_RUNS_PER_TICK = 20
MAX_ATTEMPTS = 3  # failed runs of one content before the sensor leaves it to the schedule


@dg.sensor(
    name="warta_landing_sensor",
    job=warta_daily_job,
    minimum_interval_seconds=60,
    default_status=dg.DefaultSensorStatus.STOPPED,
    description="Requests one run for every landing folder that is new or whose files changed "
    "(stopped by default; the nightly schedule covers late files too).",
)
def warta_landing_sensor(context: dg.SensorEvaluationContext, warta: WartaSettings):
    watch = LandingWatch(LandingZone(warta.settings().raw_dir), context.cursor)
    valid = set(landing_date_partitions.get_partition_keys())
    now = _now()
    partitions = []
    for partition in watch.zone.partitions():
        if partition in valid:
            partitions.append(partition)
            continue
        warning = f"landing folder {partition} is outside the partition range; skipped"
        if watch.due(warning, now):
            context.log.warning(warning)
    warning = watch.zone.strays_warning()
    # Remembered by every name (the warning shows ten): a change past the tenth is said too.
    if warning and watch.due("\n".join([warning, *watch.zone.strays()]), now):
        context.log.warning(warning)
    requests = []
    waiting = 0  # changed folders whose run is in flight or whose load was refused
    for change in watch.changes(partitions):
        partition, fingerprint = change.partition, change.fingerprint
        runs = content_runs(context.instance, partition, fingerprint)
        if runs.succeeded or (runs.failed >= MAX_ATTEMPTS and not runs.in_flight):
            if not runs.succeeded:
                context.log.warning(
                    f"{partition}: {runs.failed} runs of its current content failed; the "
                    "sensor stops retrying it (the nightly schedule goes on within its window)"
                )
            watch.settle(change)
            continue
        if runs.in_flight:
            waiting += 1
            continue  # looked at again next tick: retried if it fails
        if runs.refused:
            waiting += 1
            continue  # its load was refused: left to warta_repair_sensor (or a person, if stuck)
        if len(requests) == MAX_RUNS_PER_TICK:
            break  # the next tick continues from here
        requests.append(
            landing_run_request(
                partition, fingerprint, "landing-sensor", runs.failed, again=runs.superseded
            )
        )
    requested = shortened([request.partition_key or "" for request in requests])
    context.log.info(
        f"{len(partitions)} landing folders, {len(watch.listed)} listed "
        f"({', '.join(watch.listed[:5])}{', ...' if len(watch.listed) > 5 else ''}); "
        f"{len(requests)} runs requested{f': {requested}' if requests else ''}"
    )
    skip = None
    if not requests:
        skip = f"no landing folder is new or changed ({len(partitions)} folders)"
        if waiting:
            skip = (
                f"{waiting} changed landing folders wait for a run in flight or a repair; "
                f"none else is new or changed ({len(partitions)} folders)"
            )
    return dg.SensorResult(run_requests=requests, skip_reason=skip, cursor=watch.cursor())


def _now() -> float:
    """The current POSIX time (the sensor's clock; tests move it)."""
    return time.time()
