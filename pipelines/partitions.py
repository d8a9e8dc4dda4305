"""Landing-date partitions, and which landing content has already been run.

Daily (not dynamic) partitions: one per ``data/raw/YYYY-MM-DD/`` folder day, Asia/Jakarta
calendar. The schedule and backfills reason in dates, and a day without a folder is simply an
empty partition. ``end_offset=1`` includes today, so files landing during the day can be
processed before midnight. The first day is ``WARTA_START_DATE`` (2020-01-01).

The schedule and the sensor both decide "does this folder need a run?" the same way: the
folder's fingerprint (``LandingZone.fingerprint``) is compared with the fingerprint the latest
parse recorded on ``raw_files`` (in a run that succeeded or is still running) and with the runs
queued or running for it (tag ``warta/landing_fingerprint``), and a run of the day that neither
requested (launched from the UI, a backfill, ``warta run``: no such tag) is waited for while
it is queued or running, since it parses the folder as it finds it. Content whose runs all failed or
were canceled is requested again, under a run key that counts the failed attempts
(``<partition>:<fingerprint>:retry-<n>``), since Dagster launches a run key once; so is content
parsed successfully before but replaced by a later parse since (the folder changed and changed
back), under ``<partition>:<fingerprint>:again-<k>``.
"""

import os
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

import dagster as dg

from warta.landing import is_partition_key

TIMEZONE = "Asia/Jakarta"


def start_date(env: Mapping[str, str] | None = None) -> str:
    """``WARTA_START_DATE``: the first partition, a ``YYYY-MM-DD`` date, 2020-01-01 when unset."""
    raw = (os.environ if env is None else env).get("WARTA_START_DATE") or "2020-01-01"
    if not is_partition_key(raw):
        raise ValueError(f"WARTA_START_DATE must be a date YYYY-MM-DD, got {raw!r}")
    today = datetime.now(ZoneInfo(TIMEZONE)).date().isoformat()
    if raw > today:  # no partition would exist: every run and tick would skip without a word
        raise ValueError(
            f"WARTA_START_DATE must not be after today ({today}, {TIMEZONE}), got {raw!r}"
        )
    return raw


START_DATE = start_date()
FINGERPRINT_TAG = "warta/landing_fingerprint"
TRIGGER_TAG = "warta/trigger"
FINGERPRINT_METADATA = "landing_fingerprint"
PARTITION_TAG = "dagster/partition"
RUN_KEY_TAG = "dagster/run_key"
# Set to REFUSED on a run whose warehouse load was refused (an article held by two partitions);
# the repair sensor (pipelines/repairs.py) changes it to SUPERSEDED once the day has run again,
# to NOT_REFUSED on a run that only copied it (a re-execution from the UI copies tags), and to
# STUCK when the repair needs a person (the reason in STUCK_REASON_TAG; filter the Runs page on
# ``warta/refused=stuck``). A stuck refusal is still watched: it goes on once the person acts.
REFUSED_TAG = "warta/refused"
REFUSED, SUPERSEDED, NOT_REFUSED, STUCK = "true", "superseded", "not-refused", "stuck"
STUCK_REASON_TAG = "warta/stuck_reason"

landing_date_partitions = dg.DailyPartitionsDefinition(
    start_date=START_DATE, timezone=TIMEZONE, end_offset=1
)


# A run in one of these states handles its content: it succeeded, or it is still on its way.
IN_FLIGHT = (
    dg.DagsterRunStatus.NOT_STARTED,
    dg.DagsterRunStatus.QUEUED,
    dg.DagsterRunStatus.STARTING,
    dg.DagsterRunStatus.STARTED,
)
FAILED = (dg.DagsterRunStatus.FAILURE, dg.DagsterRunStatus.CANCELED)
# A run started longer ago than this and still STARTED, or created that long ago and never
# submitted (NOT_STARTED), is taken for one whose process is gone: the instance's
# run_monitoring.max_runtime_seconds when set (7200 in the template, which terminates runs older
# than that), else this.
STALE_AFTER_SECONDS = 7200
# A run's own limit, which run monitoring honours over the instance's (0: none).
MAX_RUNTIME_TAGS = ("dagster/max_runtime", "dagster/max_runtime_seconds")


@dataclass(frozen=True)
class ContentRuns:
    """What became of the runs of one content (fingerprint) of a partition's folder."""

    succeeded: bool  # the latest parse was of this content, in a run that succeeded or runs
    in_flight: bool  # a run still queued, starting or running
    failed: int  # runs that failed or were canceled
    refused: bool = False  # its latest run's load was refused, not repaired yet (REFUSED_TAG)
    # Successful runs of this content that the latest parse is not: the folder held it before,
    # changed, and holds it again (a file moved out and back, say). Named in the run key.
    superseded: int = 0

    @property
    def handled(self) -> bool:
        """True when no new run is needed: one succeeded or is on its way."""
        return self.succeeded or self.in_flight


def parsed_fingerprint(instance: dg.DagsterInstance, partition: str) -> str | None:
    """The landing fingerprint recorded by the latest ``raw_files`` materialization of
    ``partition`` in a run that succeeded or is still running (for a materialization recorded
    before fingerprints were, its run's fingerprint tag); None otherwise (never materialised,
    or its run failed)."""
    record = latest_materialization(instance, "raw_files", partition)
    if record is None or record.asset_materialization is None:
        return None
    run = instance.get_run_by_id(record.run_id)
    if run is None or run.status not in (*IN_FLIGHT, dg.DagsterRunStatus.SUCCESS):
        return None
    entry = record.asset_materialization.metadata.get(FINGERPRINT_METADATA)
    return run.tags.get(FINGERPRINT_TAG) if entry is None else str(entry.value)


def latest_materialization(instance: dg.DagsterInstance, asset: str, partition: str):
    """The latest materialization record (``EventLogRecord``) of ``asset`` for ``partition``,
    or None."""
    records = instance.fetch_materializations(
        dg.AssetRecordsFilter(asset_key=dg.AssetKey(asset), asset_partitions=[partition]), limit=1
    ).records
    return records[0] if records else None


def content_runs(instance: dg.DagsterInstance, partition: str, fingerprint: str) -> ContentRuns:
    """The runs of this content of the folder (tagged with its fingerprint), by outcome."""
    tags = {PARTITION_TAG: partition, FINGERPRINT_TAG: fingerprint}

    def count(statuses: tuple[dg.DagsterRunStatus, ...]) -> int:
        return instance.get_runs_count(dg.RunsFilter(tags=tags, statuses=list(statuses)))

    successes = count((dg.DagsterRunStatus.SUCCESS,))
    # Only the latest parse counts: a content parsed successfully once, then replaced by
    # another parse, is not what the Parquet holds now.
    succeeded = parsed_fingerprint(instance, partition) == fingerprint or (
        successes > 0 and latest_materialization(instance, "raw_files", partition) is None
    )
    latest = instance.get_runs(dg.RunsFilter(tags=tags), limit=1)
    refused = bool(latest) and latest[0].status == dg.DagsterRunStatus.FAILURE
    return ContentRuns(
        succeeded=succeeded,
        in_flight=count(IN_FLIGHT) > 0 or _untagged_run_in_flight(instance, partition),
        failed=count(FAILED),
        refused=refused and latest[0].tags.get(REFUSED_TAG) in (REFUSED, STUCK),
        superseded=0 if succeeded else successes,
    )


def _untagged_run_in_flight(instance: dg.DagsterInstance, partition: str) -> bool:
    """True when a run of ``partition`` that no schedule or sensor requested (no fingerprint
    tag: launched from the UI, a backfill, ``warta run``) is queued or running: it parses the
    folder as it finds it, so a run requested beside it would parse the day twice (and its load
    wait on the second parse). One started (or created, and never submitted or started) longer
    ago than the longest a run may take (``stale_after``, or the run's own
    ``dagster/max_runtime``) is left out: its process is most likely gone. A QUEUED one is
    waited for however long it queues (a long backfill)."""
    records = instance.get_run_records(
        dg.RunsFilter(tags={PARTITION_TAG: partition}, statuses=list(IN_FLIGHT)), limit=50
    )
    now, longest = time.time(), stale_after(instance)
    for record in records:
        run = record.dagster_run
        if FINGERPRINT_TAG in run.tags:
            continue
        if run.status == dg.DagsterRunStatus.QUEUED:
            return True
        if run.status == dg.DagsterRunStatus.STARTED:
            since = record.start_time
        elif run.status == dg.DagsterRunStatus.STARTING:  # since it left the queue
            since = record.update_timestamp.timestamp()
        else:
            since = record.create_timestamp.timestamp()
        own = _own_limit(run.tags)
        if own == 0 or since is None or now - since < max(longest, own or 0):
            return True
    return False


def _own_limit(tags: Mapping[str, str]) -> float | None:
    """A run's own time limit, as run monitoring reads it (``dagster/max_runtime``, or
    ``dagster/max_runtime_seconds``): 0 for none (such a run is waited for until it ends),
    None when the run sets none or one that is not a number."""
    for tag in MAX_RUNTIME_TAGS:
        if tags.get(tag):
            try:
                return float(tags[tag])
            except ValueError:
                return None
    return None


def stale_after(instance: dg.DagsterInstance) -> float:
    """Seconds after which a run still STARTED is taken for a dead one: the instance's
    ``run_monitoring.max_runtime_seconds`` when monitoring is on and it is set, else
    ``STALE_AFTER_SECONDS``."""
    longest = instance.run_monitoring_max_runtime_seconds if instance.run_monitoring_enabled else 0
    return float(longest) if longest and longest > 0 else STALE_AFTER_SECONDS


def content_handled(instance: dg.DagsterInstance, partition: str, fingerprint: str) -> bool:
    """True when this content of the folder has a run that succeeded or is queued or running,
    or was the input of the latest parse in such a run. Failed and canceled runs do not count."""
    return content_runs(instance, partition, fingerprint).handled


def landing_run_request(
    partition: str,
    fingerprint: str,
    trigger: str,
    attempt: int = 0,
    *,
    run_key: str | None = None,
    tags: dict[str, str] | None = None,
    again: int = 0,
) -> dg.RunRequest:
    """A run of the daily job for one partition's content, with ``tags`` added; the run key
    (unless given) names that content, how many successful runs of it a later parse replaced
    (``again``: the folder holds it once more), and, after ``attempt`` failed runs of it, the
    retry."""
    if run_key is None:
        run_key = (
            f"{partition}:{fingerprint}"
            + (f":again-{again}" if again else "")
            + (f":retry-{attempt}" if attempt else "")
        )
    return dg.RunRequest(
        run_key=run_key,
        partition_key=partition,
        tags={FINGERPRINT_TAG: fingerprint, TRIGGER_TAG: trigger, **(tags or {})},
    )
