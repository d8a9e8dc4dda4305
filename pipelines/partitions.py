"""Landing-date partitions, and which landing content has already been run.

Daily (not dynamic) partitions: one per ``data/raw/YYYY-MM-DD/`` folder day, Asia/Jakarta
calendar. The schedule and backfills reason in dates, and a day without a folder is simply an
empty partition. ``end_offset=1`` includes today, so files landing during the day can be
processed before midnight. The first day is ``WARTA_START_DATE`` (2020-01-01).

The schedule and the sensor both decide "does this folder need a run?" the same way: the
folder's fingerprint (``LandingZone.fingerprint``) is compared with the runs already requested
for it (tag ``warta/landing_fingerprint``) and with the fingerprint the last parse recorded on
``raw_files``. So each (partition, content) pair gets one run, whoever notices it first.
"""

import os

import dagster as dg

TIMEZONE = "Asia/Jakarta"
START_DATE = os.environ.get("WARTA_START_DATE") or "2020-01-01"
FINGERPRINT_TAG = "warta/landing_fingerprint"
TRIGGER_TAG = "warta/trigger"
FINGERPRINT_METADATA = "landing_fingerprint"

landing_date_partitions = dg.DailyPartitionsDefinition(
    start_date=START_DATE, timezone=TIMEZONE, end_offset=1
)


def parsed_fingerprint(instance: dg.DagsterInstance, partition: str) -> str | None:
    """The landing fingerprint recorded by the latest ``raw_files`` materialization of
    ``partition``; None when it was never materialised (or before fingerprints were recorded)."""
    records = instance.fetch_materializations(
        dg.AssetRecordsFilter(asset_key=dg.AssetKey("raw_files"), asset_partitions=[partition]),
        limit=1,
    ).records
    if not records or records[0].asset_materialization is None:
        return None
    entry = records[0].asset_materialization.metadata.get(FINGERPRINT_METADATA)
    return None if entry is None else str(entry.value)


def content_handled(instance: dg.DagsterInstance, partition: str, fingerprint: str) -> bool:
    """True when this content of the folder already has a run (queued, running or finished,
    successful or not) or was the input of the latest parse of the partition."""
    tags = {"dagster/partition": partition, FINGERPRINT_TAG: fingerprint}
    if instance.get_runs_count(dg.RunsFilter(tags=tags)) > 0:
        return True
    return parsed_fingerprint(instance, partition) == fingerprint


def landing_run_request(partition: str, fingerprint: str, trigger: str) -> dg.RunRequest:
    """A run of the daily job for one partition's content; the run key names that content."""
    return dg.RunRequest(
        run_key=f"{partition}:{fingerprint}",
        partition_key=partition,
        tags={FINGERPRINT_TAG: fingerprint, TRIGGER_TAG: trigger},
    )
