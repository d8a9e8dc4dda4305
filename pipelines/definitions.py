"""The Dagster code location: ``dagster dev`` at the repo root loads it through workspace.yaml."""

import dagster as dg

from assets import ASSET_CHECKS, ASSETS

from .jobs import warta_daily_job
from .repairs import warta_repair_sensor
from .resources import WartaSettings
from .schedules import warta_nightly
from .sensors import warta_landing_sensor

defs = dg.Definitions(
    assets=ASSETS,
    asset_checks=ASSET_CHECKS,
    jobs=[warta_daily_job],
    schedules=[warta_nightly],
    sensors=[warta_landing_sensor, warta_repair_sensor],
    resources={"warta": WartaSettings()},
)
