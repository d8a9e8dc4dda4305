"""The nightly schedule: after midnight in Jakarta, materialise the day that just ended."""

import os
from datetime import timedelta

import dagster as dg

from .jobs import warta_daily_job
from .partitions import TIMEZONE

NIGHTLY_CRON = os.environ.get("WARTA_NIGHTLY_CRON") or "30 1 * * *"


@dg.schedule(
    name="warta_nightly",
    cron_schedule=NIGHTLY_CRON,
    execution_timezone=TIMEZONE,
    job=warta_daily_job,
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description=f"At {NIGHTLY_CRON} ({TIMEZONE}, WARTA_NIGHTLY_CRON) materialise yesterday's "
    "landing partition.",
)
def warta_nightly(context: dg.ScheduleEvaluationContext) -> dg.RunRequest:
    scheduled = context.scheduled_execution_time
    day = (scheduled - timedelta(days=1)).date().isoformat()
    return dg.RunRequest(
        run_key=f"nightly-{day}", partition_key=day, tags={"warta/trigger": "nightly"}
    )
