"""The landing sensor: a run for each partition folder whose files changed.

The cursor maps every partition ever seen to the fingerprint of its folder (names, sizes,
modification times), so older folders are never forgotten, and it is stored by Dagster, so it
survives restarts. A changed folder gets one run unless that content was already run (by the
nightly schedule, a backfill or a manual launch); the run key is the partition plus its
fingerprint, so the same content is never requested twice.

Stopped by default: the nightly schedule already picks up late files of recent days. Turn the
sensor on in the UI (Automation) for runs within minutes of a file landing; while today's folder
keeps changing, each change re-parses the day. At most ``MAX_RUNS_PER_TICK`` runs are requested
per evaluation; the rest follow on the next ticks.
"""

import json

import dagster as dg

from warta.landing import LandingZone

from .jobs import warta_daily_job
from .partitions import content_handled, landing_date_partitions, landing_run_request
from .resources import WartaSettings

MAX_RUNS_PER_TICK = 20


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
        if not content_handled(context.instance, partition, fingerprint):
            if len(requests) == MAX_RUNS_PER_TICK:
                break  # not recorded in the cursor: the next tick continues from here
            requests.append(landing_run_request(partition, fingerprint, "landing-sensor"))
        seen[partition] = fingerprint
    return dg.SensorResult(run_requests=requests, cursor=json.dumps(seen, sort_keys=True))
