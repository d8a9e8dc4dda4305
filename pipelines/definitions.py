"""The Dagster code location: ``dagster dev`` at the repo root loads it through workspace.yaml."""

import os

import dagster as dg

from assets import ASSET_CHECKS, ASSETS
from warta.alerts import alert_url, ui_url
from warta.config import Settings, warn_unknown_variables

from .alerts import warta_failure_alert
from .console import warta_console_logger
from .jobs import warta_daily_job
from .repairs import missed_retry_seconds, warta_repair_sensor
from .resources import WartaSettings
from .schedules import late_days, nightly_freshness, warta_nightly
from .sensors import warta_landing_sensor

# The WARTA_* settings are judged when the code location loads (WARTA_START_DATE and
# WARTA_NIGHTLY_CRON on import already): a bad value fails `dagster definitions validate`, shows
# as the location's load error in the UI and stops `warta run`, instead of failing the nightly
# tick, a sensor tick or a run hours later.
Settings.from_env()
warn_unknown_variables(dg.get_dagster_logger().warning)
late_days()
missed_retry_seconds()
alert_url(os.environ)
ui_url(os.environ)

# The warehouse is loaded by the nightly: its freshness window follows WARTA_NIGHTLY_CRON.
FRESHNESS = nightly_freshness()
assets = [
    asset.map_asset_specs(lambda spec: spec.replace_attributes(freshness_policy=FRESHNESS))
    if dg.AssetKey("warehouse") in asset.keys
    else asset
    for asset in ASSETS
]

defs = dg.Definitions(
    assets=assets,
    asset_checks=ASSET_CHECKS,
    jobs=[warta_daily_job],
    schedules=[warta_nightly],
    sensors=[warta_landing_sensor, warta_repair_sensor, warta_failure_alert],
    resources={"warta": WartaSettings()},
    loggers={"console": warta_console_logger},
)
