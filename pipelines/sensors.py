"""The landing sensor: a run for each partition folder whose files changed.

The cursor maps every partition ever seen to the fingerprint of its folder (names, sizes,
modification times), so older folders are never forgotten and each change triggers exactly one
run (the run key is the partition plus its fingerprint).
"""

import json

import dagster as dg

from warta.landing import LandingZone

from .jobs import warta_daily_job
from .partitions import landing_date_partitions
from .resources import WartaSettings


@dg.sensor(
    name="warta_landing_sensor",
    job=warta_daily_job,
    minimum_interval_seconds=60,
    default_status=dg.DefaultSensorStatus.STOPPED,
    description="Requests a run for every landing folder that is new or whose files changed.",
)
def warta_landing_sensor(context: dg.SensorEvaluationContext, warta: WartaSettings):
    seen: dict[str, str] = json.loads(context.cursor) if context.cursor else {}
    zone = LandingZone(warta.settings().raw_dir)
    valid = set(
        landing_date_partitions.get_partition_keys(dynamic_partitions_store=context.instance)
    )
    requests = []
    for partition in zone.partitions():
        if partition not in valid:
            context.log.warning(
                f"landing folder {partition} is outside the partition range; skipped"
            )
            continue
        fingerprint = zone.fingerprint(partition)
        if seen.get(partition) != fingerprint:
            requests.append(
                dg.RunRequest(
                    run_key=f"{partition}:{fingerprint}",
                    partition_key=partition,
                    tags={"warta/trigger": "landing-sensor"},
                )
            )
            seen[partition] = fingerprint
    return dg.SensorResult(run_requests=requests, cursor=json.dumps(seen, sort_keys=True))
