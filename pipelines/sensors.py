"""The landing sensor: a run for each partition folder whose files changed.

The cursor maps every partition whose content is settled to the fingerprint of its folder
(names, sizes, modification times), so older folders are never forgotten, and it is stored by
Dagster, so it survives restarts. A content is settled once a run of it succeeded (by this
sensor, the nightly schedule, a backfill or a manual launch), or after ``MAX_ATTEMPTS`` failed
or canceled runs (then the nightly schedule goes on retrying it once a night). Until then each
evaluation looks at it again: a run queued or running is waited for, a failed one is retried
under a new run key (``<partition>:<fingerprint>:retry-<n>``).

Stopped by default: the nightly schedule already picks up late files of recent days. Turn the
sensor on in the UI (Automation) for runs within minutes of a file landing; while today's folder
keeps changing, each change re-parses the day. At most ``MAX_RUNS_PER_TICK`` runs are requested
per evaluation; the rest follow on the next ticks.
"""

import json

import dagster as dg

from warta.landing import LandingZone

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
    seen: dict[str, str] = json.loads(context.cursor) if context.cursor else {}
    zone = LandingZone(warta.settings().raw_dir)
    valid = set(landing_date_partitions.get_partition_keys())
    requests = []
    for partition in zone.partitions():
        if partition not in valid:
            context.log.warning(
                f"landing folder {partition} is outside the partition range; skipped"
            )
            continue
        fingerprint = zone.fingerprint(partition)
        if seen.get(partition) == fingerprint:
            continue
        runs = content_runs(context.instance, partition, fingerprint)
        if runs.succeeded or (runs.failed >= MAX_ATTEMPTS and not runs.in_flight):
            if not runs.succeeded:
                context.log.warning(
                    f"{partition}: {runs.failed} runs of its current content failed; the "
                    "sensor stops retrying it (the nightly schedule goes on within its window)"
                )
            seen[partition] = fingerprint
            continue
        if runs.in_flight:
            continue  # looked at again next tick: retried if it fails
        if len(requests) == MAX_RUNS_PER_TICK:
            break  # the next tick continues from here
        requests.append(landing_run_request(partition, fingerprint, "landing-sensor", runs.failed))
    return dg.SensorResult(run_requests=requests, cursor=json.dumps(seen, sort_keys=True))
