"""The failure alert: each failed run of ``warta_daily`` posts one message to a webhook.

The nightly runs with nobody watching; a day blocked by its checks, a refused load or a crashed
run is a failed run in the Runs page, and with ``WARTA_ALERT_URL`` set also a message where
the team reads them (``warta.alerts``: the day, the run, the failed blocking checks and each
failed step's reason, and with ``WARTA_UI_URL`` a link to the run).

Running by default (it reads the run storage only, every 30 s). A failure Dagster is about to
retry (its run retries, ``pipelines/dagster.yaml``: a run whose process died) sends nothing;
its retry's failure does. A message the receiver does not take (``warta.alerts.post_alert``)
fails the sensor's tick with the reason, shown on the sensor's page; that run's alert is not
tried again.
Without ``WARTA_ALERT_URL`` each failure is only logged in the tick.
"""

import os

import dagster as dg

from warta.alerts import FailedRun, alert_message, alert_url, post_alert, redacted, ui_url

from .failures import failed_checks, step_failures
from .jobs import warta_daily_job

WILL_RETRY_TAG = "dagster/will_retry"  # set by Dagster on a failed run when run retries are on


@dg.run_failure_sensor(
    name="warta_failure_alert",
    monitored_jobs=[warta_daily_job],
    default_status=dg.DefaultSensorStatus.RUNNING,
    minimum_interval_seconds=30,
    description="Posts one message for each failed run of warta_daily to WARTA_ALERT_URL "
    "(the day, the failed blocking checks, each failed step's reason); a failure Dagster "
    "retries sends nothing until its retry fails.",
)
def warta_failure_alert(context: dg.RunFailureSensorContext):
    run = context.dagster_run
    if run.tags.get(WILL_RETRY_TAG) == "true":
        context.log.info(f"run {run.run_id} failed; Dagster retries it: no alert")
        return
    failed = failed_run(context)
    url = alert_url(os.environ)
    if url is None:
        context.log.info(f"{alert_message(failed)['text']}\n(WARTA_ALERT_URL is unset: not sent)")
        return
    post_alert(url, alert_message(failed))
    context.log.info(f"alert for run {run.run_id} sent to {redacted(url)}")


def failed_run(context: dg.RunFailureSensorContext) -> FailedRun:
    """What the alert says about the run of ``context``: its failed blocking checks, then each
    failed step's reason, else the run's own failure message (a run whose process died)."""
    run = context.dagster_run
    evaluations = [
        record.get_dagster_event().event_specific_data
        for record in context.instance.all_logs(
            run.run_id, of_type=dg.DagsterEventType.ASSET_CHECK_EVALUATION
        )
    ]
    failed, _ = failed_checks(evaluations)
    reasons = [f"blocking check failed: {name}" for name in failed]
    reasons += step_failures(context.get_step_failure_events())
    if not reasons:
        reasons.append(context.failure_event.message or "the run failed (see its logs)")
    ui = ui_url(os.environ)
    return FailedRun(
        job=run.job_name,
        run_id=run.run_id,
        partition=run.tags.get("dagster/partition"),
        reasons=reasons,
        run_url=f"{ui}/runs/{run.run_id}" if ui else None,
    )
