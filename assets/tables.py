"""The parse step: one batched pass over a landing partition writes all five Parquet tables.

The ledger (``raw_files``) and the article tables come from the same pass because every file
is read exactly once and its ledger status depends on parsing it (rejected, duplicate, parsed).
"""

import dagster as dg

from pipelines.partitions import FINGERPRINT_METADATA, landing_date_partitions
from pipelines.resources import WartaSettings
from warta import PARSER_VERSION
from warta.config import Settings
from warta.entities.names import LABELS as ENTITY_LABELS
from warta.landing import LandingUnavailable, LandingZone
from warta.layouts import LayoutError
from warta.parquet_store import ParquetStore, StoreUnavailable
from warta.partition import WORKER_CPU_STAGES, PartitionBuild, build_partition
from warta.schema import TABLES
from warta.text import counted

from .metadata import parquet_preview, table_schema

TABLE_DESCRIPTIONS = {
    "raw_files": "Ledger: one row per file in the landing folder, with status parsed, duplicate or "
    "rejected (and the reason). Nothing is lost.",
    "articles": "One row per distinct article: title, site, section, author, dates, counts.",
    "paragraphs": "The clean article body in order; no ads, captions or site chrome.",
    "entities": "Named-entity mentions (PER, ORG, LOC) per paragraph with canonical names.",
    "ad_markers": "Advertising and boilerplate lines found inside articles, with their position.",
}
TABLE_GROUPS = {"raw_files": "landing"}
PROGRESS_EVERY_FILES = 5_000
# Transient trouble (a file system hiccup, a crashed worker process): retry the whole parse,
# which is idempotent (staged, then published under the partition lock).
PARSE_RETRY = dg.RetryPolicy(max_retries=2, delay=30, backoff=dg.Backoff.EXPONENTIAL)
# One parse at a time on the instance (pool limit 1 in pipelines/dagster.yaml): a parse already
# keeps WARTA_WORKERS processes busy, so a second run's checks and load go on beside it rather
# than a second parse competing for the same cores; and partitions parse one after the other,
# each seeing the article ids of those before it.
PARSE_POOL = "warta_parse"

TABLE_SPECS = [
    dg.AssetSpec(
        name,
        description=TABLE_DESCRIPTIONS[name],
        group_name=TABLE_GROUPS.get(name, "tables"),
        kinds={"parquet", "python"},
        partitions_def=landing_date_partitions,
        metadata={"dagster/column_schema": table_schema(schema)},
        # What the parse produces changes with PARSER_VERSION: the UI shows the version that
        # made each materialization, and a partition made by an older one as unsynced.
        code_version=PARSER_VERSION,
    )
    for name, schema in TABLES.items()
]


@dg.multi_asset(
    name="parse_landing_partition",
    specs=TABLE_SPECS,
    partitions_def=landing_date_partitions,
    retry_policy=PARSE_RETRY,
    pool=PARSE_POOL,
    description="Read, decode and parse every raw file of the day; write the ledger and the "
    "article tables as Parquet (hive layout), published atomically.",
)
def parse_landing_partition(context: dg.AssetExecutionContext, warta: WartaSettings):
    settings = warta.settings()
    partition = context.partition_key
    try:
        ParquetStore(settings.data_dir).ensure_writable()
        # Recorded before reading: a file landing during the parse makes the next check see a
        # change.
        zone = LandingZone(settings.raw_dir)
        fingerprint = zone.fingerprint(partition)
        build = _build(context, settings, partition)
    except (LandingUnavailable, StoreUnavailable) as error:
        # Nothing was published. A missing or unreadable landing zone, or a Parquet folder that
        # cannot be created or written, stays so for longer than the retry delays: the run fails
        # at once with the reason. A file system error that may
        # pass (EIO, ESTALE, ENOTCONN, ...) is retried like other transient trouble.
        raise dg.Failure(
            description=warta.in_own_words(str(error)), allow_retries=error.transient
        ) from error
    except LayoutError as error:  # a layout file to mend; retrying cannot help
        raise dg.Failure(description=str(error), allow_retries=False) from error
    if build.isolated:
        context.log.warning(
            f"{partition}: the last build of this partition died mid-way (its process was "
            "killed: out of memory, a crash, a host restart); it was parsed in worker "
            "processes, not this run's, so a file that kills its parser is rejected instead"
        )
    # The nightly publishes a day its scrapers did not deliver, as it should; a day asked for
    # by hand may be a mistyped date (`warta run --partition` refuses it): said, not refused.
    missing = _missing_day(zone, partition)
    if missing:
        published = "without files" if not build.files else "with it as one rejected entry"
        context.log.warning(
            f"{partition}: {missing}; published as a day {published} ({_held(zone)})"
        )
    context.log.info(
        f"{partition}: {counted(build.files, 'file')} -> {build.statuses}; rows {build.row_counts}"
    )
    store = ParquetStore(settings.data_dir)
    for name in TABLES:
        path = store.partition_file(name, partition)
        metadata = {
            "dagster/row_count": build.row_counts[name],
            "path": dg.MetadataValue.path(str(path)),
            "preview": parquet_preview(path),
        }
        if name == "raw_files":
            metadata |= {
                "files": build.files,
                # Present, or why the day has no folder (a day published without files).
                "landing_folder": missing or "present",
                "parser_version": PARSER_VERSION,
                "isolated_parse": build.isolated,
                FINGERPRINT_METADATA: fingerprint,
                **{
                    f"files_{status}": build.statuses.get(status, 0)
                    for status in ("parsed", "duplicate", "rejected")
                },
                "reject_reasons": dg.MetadataValue.json(build.reject_reasons),
                # Wall time of the step's stages, and CPU time the parse workers spent.
                "seconds": dg.MetadataValue.json(
                    {k: round(v, 3) for k, v in build.seconds.items() if k not in WORKER_CPU_STAGES}
                ),
                "worker_cpu_seconds": dg.MetadataValue.json(
                    {k: round(build.seconds.get(k, 0.0), 3) for k in WORKER_CPU_STAGES}
                ),
            }
        elif name == "entities":
            # One number per label, which the UI plots across partitions (drift shows), and
            # how the mentions were found.
            labels = store.value_counts(name, partition, "label")
            metadata |= {f"mentions_{label}": labels.get(label, 0) for label in ENTITY_LABELS}
            metadata["mentions_by_method"] = dg.MetadataValue.json(
                store.value_counts(name, partition, "method")
            )
        elif name == "articles":
            metadata["languages"] = dg.MetadataValue.json(
                store.value_counts(name, partition, "language")
            )
        yield dg.MaterializeResult(asset_key=name, metadata=metadata)


def _missing_day(zone: LandingZone, partition: str) -> str | None:
    """``LandingZone.missing_day``, or None if the landing zone cannot say now: the day is
    published already, and a warning must not fail it."""
    try:
        return zone.missing_day(partition)
    except OSError:
        return None


def _held(zone: LandingZone) -> str:
    """``LandingZone.days_held``, or why not, for a warning after the day was published."""
    try:
        return zone.days_held()
    except (LandingUnavailable, OSError) as error:
        return str(error)


def _build(context: dg.AssetExecutionContext, settings: Settings, partition: str) -> PartitionBuild:
    last_logged = 0

    def progress(done: int, total: int) -> None:
        nonlocal last_logged
        if done - last_logged >= PROGRESS_EVERY_FILES or done == total:
            context.log.info(f"{partition}: {done}/{total} files processed")
            last_logged = done

    return build_partition(settings, partition, progress=progress)
