"""What a Dagster instance lacks of the settings Warta relies on (``pipelines/dagster.yaml``).

The template is copied to ``$DAGSTER_HOME/dagster.yaml`` only when that file is missing or
empty, so an instance made before a setting was added to it never gets the setting. Those that
decide whether a failure heals by itself are checked here; ``warta run`` prints what is
missing, and the nightly schedule logs it on its tick (the Automation page).
"""

from pathlib import Path

import dagster as dg

TEMPLATE = Path(__file__).with_name("dagster.yaml")


def instance_gaps(instance: dg.DagsterInstance) -> list[str]:
    """The template's settings this instance lacks or turned off, each with what it costs."""
    gaps = []
    monitoring = instance.get_settings("run_monitoring") or {}
    if not monitoring.get("enabled"):
        gaps.append(
            "run_monitoring is off: a run whose process dies keeps its pool slot "
            "(warta_parse, warta_warehouse), and its retry and every later run needing that "
            "pool wait QUEUED for ever"
        )
    else:
        if not monitoring.get("free_slots_after_run_end_seconds"):
            gaps.append(
                "run_monitoring.free_slots_after_run_end_seconds is unset or 0: a run whose "
                "process dies keeps its pool slot, and later runs needing that pool wait QUEUED "
                "for ever"
            )
        if not monitoring.get("max_runtime_seconds"):
            gaps.append(
                "run_monitoring.max_runtime_seconds is unset or 0: a run left STARTED by a host "
                "restart holds its pool slot for ever"
            )
    retries = instance.get_settings("run_retries") or {}
    if not retries.get("enabled"):
        gaps.append("run_retries is off: a run whose process died is not run again by Dagster")
    pools = instance.get_concurrency_config().pool_config
    if pools.default_pool_limit is None:
        gaps.append(
            "concurrency.pools.default_limit is unset: the parses of concurrent runs (a "
            "backfill) run at once, each with WARTA_WORKERS processes"
        )
    return gaps


def instance_warnings(instance: dg.DagsterInstance, home: str | Path | None) -> list[str]:
    """One line for each of :func:`instance_gaps`, saying which file to mend."""
    where = f"{home}/dagster.yaml" if home else "the Dagster instance"
    return [
        f"{where}: {gap}; copy the block from {TEMPLATE} and restart the daemon"
        for gap in instance_gaps(instance)
    ]
