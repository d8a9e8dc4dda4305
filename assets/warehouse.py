"""Publish a checked partition into the DuckDB warehouse (build a private copy, then swap)."""

import dagster as dg
from dagster._core.definitions.policy import calculate_delay

from pipelines.partitions import REFUSED, REFUSED_TAG, landing_date_partitions
from pipelines.resources import WartaSettings
from warta.config import Settings
from warta.parquet_store import ParquetStore, PartitionBusy
from warta.quality import QualityReport, judge
from warta.schema import TABLES
from warta.warehouse import (
    ArticleInSeveralPartitions,
    PartitionChanged,
    Warehouse,
    WarehouseBusy,
    WarehouseDamaged,
    WarehouseLoad,
    WarehouseUnavailable,
    orphaned_duplicates_message,
    stale_partners,
)

from .metadata import markdown_table

WAREHOUSE_POOL = "warta_warehouse"
# A refused load (an article held by two partitions) tags its run REFUSED_TAG=true and names in
# its failure metadata the partitions to parse again; a load that found duplicates whose original
# left the landing zone names in its materialization the partitions whose re-run parses them.
# The repair sensor (pipelines/repairs.py) runs both.
RERUN_METADATA = "partitions_to_rerun"
# WarehouseBusy (another writer holds the lock, an analyst holds a read-write connection, a parse
# holds the partition) passes; so does PartitionChanged (the retry checks the new Parquet).
LOAD_RETRY = dg.RetryPolicy(
    max_retries=3, delay=20, backoff=dg.Backoff.EXPONENTIAL, jitter=dg.Jitter.PLUS_MINUS
)
# How long a load launched on its own waits for a parse holding its partition's lock before
# leaving the wait to its retries.
PRECHECK_LOCK_SECONDS = 30.0


def retry_note(retry_number: int, policy: dg.RetryPolicy = LOAD_RETRY) -> str:
    """When the next attempt comes: Dagster's own delay for the policy, without its jitter,
    plus or minus ``delay`` (the PLUS_MINUS jitter)."""
    centre = calculate_delay(retry_number + 1, policy.backoff, None, policy.delay)
    low, high = max(0, centre - policy.delay), centre + policy.delay
    return f"Retry {retry_number + 1} of {policy.max_retries} in {low:.0f}-{high:.0f} s."


@dg.asset(
    name="warehouse",
    deps=list(TABLES),
    partitions_def=landing_date_partitions,
    group_name="warehouse",
    kinds={"duckdb"},
    pool=WAREHOUSE_POOL,
    retry_policy=LOAD_RETRY,
    description="The DuckDB warehouse (WARTA_WAREHOUSE): the partition replaced in all five tables "
    "in one transaction, views refreshed, the file published atomically. Runs only when the "
    "blocking checks of the partition passed.",
)
def warehouse(context: dg.AssetExecutionContext, warta: WartaSettings) -> dg.MaterializeResult:
    settings = warta.settings()
    store = ParquetStore(settings.data_dir)
    try:
        _refuse_a_partition_without_its_parquet(store, context.partition_key)
    except PartitionBusy as error:  # a parse of the day is running: wait it out
        if context.retry_number < LOAD_RETRY.max_retries:
            context.log.warning(f"{error}. {retry_note(context.retry_number)}")
        raise
    # The blocking checks gate this step inside a full run; asking the gate again here also
    # guards a load launched on its own (e.g. only "warehouse" selected in the UI). The load
    # reads the partition only if its Parquet is still the one the gate judged.
    verdict = judge(settings, context.partition_key)
    if not verdict.loadable:
        rows = [
            {
                "check": f"{f.table}:{f.check_name}",
                "offending": f.unexpected_count,
                "description": f.description,
            }
            for f in verdict.blocking
        ]
        raise dg.Failure(
            description=f"partition {context.partition_key} fails ERROR checks: "
            f"{', '.join(verdict.failed_checks)}; the warehouse was not changed (a run of the "
            "whole job records "
            "the checks' results and offending rows in the Catalog and the quality report)",
            metadata={
                "failed_checks": dg.MetadataValue.md(
                    markdown_table(["check", "offending", "description"], rows)
                )
            },
            allow_retries=False,
        )
    report = QualityReport(settings.quality_root, context.partition_key)
    try:
        load = _publish(context, settings, store, verdict)
    except (WarehouseBusy, PartitionChanged) as error:
        if context.retry_number < LOAD_RETRY.max_retries:  # Dagster says it only at DEBUG
            context.log.warning(f"{error}. {retry_note(context.retry_number)}")
        raise
    except (WarehouseUnavailable, WarehouseDamaged) as error:
        # a volume to mount, a file to rebuild: minutes of retries cannot help
        raise dg.Failure(description=warta.in_own_words(str(error)), allow_retries=False) from error
    except ArticleInSeveralPartitions as error:  # needs a re-parse, not a retry
        context.instance.add_run_tags(context.run_id, {REFUSED_TAG: REFUSED})
        raise dg.Failure(
            description=f"{error} (warta_repair_sensor, running by default, re-runs them and "
            f"then this partition; this run is tagged {REFUSED_TAG}={REFUSED})",
            metadata={RERUN_METADATA: dg.MetadataValue.json(error.rerun)},
            allow_retries=False,
        ) from error
    counts = load.partitions[context.partition_key]
    context.log.info(
        f"published {settings.warehouse}: {counts} in {load.seconds:.2f} s "
        f"(starting copy of the live file: {load.copy})"
    )
    for partner, rows in load.partitions.items():
        if partner != context.partition_key:  # published with this one (``_publish``)
            context.log_event(
                dg.AssetMaterialization(
                    asset_key=context.asset_key,
                    partition=partner,
                    description=f"published with {context.partition_key}, whose load needed "
                    "its newer parse",
                    metadata={"dagster/row_count": rows.get("articles", 0)},
                )
            )
    if load.copy.warning():
        context.log.warning(load.copy.warning())
    if load.access_warning:
        context.log.warning(load.access_warning)
    if load.orphaned_duplicates:
        context.log.warning(orphaned_duplicates_message(load))
    return dg.MaterializeResult(
        metadata={
            "path": dg.MetadataValue.path(str(settings.warehouse)),
            "dagster/row_count": counts.get("articles", 0),
            "rows_by_table": dg.MetadataValue.md(
                markdown_table(
                    ["table", "rows"], [{"table": t, "rows": n} for t, n in counts.items()]
                )
            ),
            "load_seconds": round(load.seconds, 3),
            # The load changes a private copy of the live file: "cloned" takes milliseconds,
            # "copied" grows with the warehouse (docs/WAREHOUSE.md, "The starting copy").
            "warehouse_copy": str(load.copy),
            "warehouse_copy_seconds": round(load.copy.seconds, 3),
            "duplicates_without_original": dg.MetadataValue.md(
                markdown_table(
                    ["partition", "files", "example"],
                    [
                        {"partition": partition, "files": files, "example": example}
                        for partition, (files, example) in load.orphaned_duplicates.items()
                    ],
                )
                if load.orphaned_duplicates
                else "none"
            ),
            # Partitions whose re-run parses copies that lost their original (the repair sensor
            # runs them).
            RERUN_METADATA: dg.MetadataValue.json(load.orphans_to_rerun),
            "quality_report": dg.MetadataValue.path(str(report.html_path)),
            "quality_summary": dg.MetadataValue.md(report.summary_markdown()),
        }
    )


def _publish(
    context: dg.AssetExecutionContext, settings: Settings, store: ParquetStore, verdict
) -> WarehouseLoad:
    """Publish the partition its verdict approved. When that is refused because the warehouse
    holds an older parse of another day that still has one of its articles, and that day's
    Parquet no longer does (``stale_partners``) and passes its blocking checks, publish the
    two together, in one swap: neither could go first (each one's load refused for the
    other's old rows)."""
    warehouse = Warehouse(settings.warehouse, config=settings.duckdb_config)
    partition = context.partition_key
    try:
        return warehouse.publish(
            store, [partition], expected_fingerprints={partition: verdict.fingerprint}
        )
    except ArticleInSeveralPartitions as error:
        refusal = error
        partners = stale_partners(store, error, [partition])
        verdicts = {day: judge(settings, day) for day in partners}
        if not partners or not all(v.loadable for v in verdicts.values()):
            raise
    context.log.warning(
        f"{refusal}; but the warehouse holds an older parse of {', '.join(partners)}, whose "
        "Parquet no longer has those articles and passes its blocking checks: publishing it "
        f"with {partition}"
    )
    expected = {partition: verdict.fingerprint} | {d: v.fingerprint for d, v in verdicts.items()}
    return warehouse.publish(store, [partition, *partners], expected_fingerprints=expected)


def _refuse_a_partition_without_its_parquet(store: ParquetStore, partition: str) -> None:
    """A load launched on its own (only "warehouse" selected) for a day never parsed, or whose
    Parquet lost a table (deleted by hand, a copy cut short), fails with what to do. Looked at
    again under the partition's lock, which first completes a publish a killed parse had
    committed (its tables half moved into place); a parse holding the lock for long raises
    ``PartitionBusy``, which the load's retries wait out."""
    if store.has_partition(partition):
        return
    if store.root.is_dir():
        with store.lock(partition, timeout=PRECHECK_LOCK_SECONDS):
            if store.has_partition(partition):
                return
    present = [t for t in TABLES if store.partition_file(t, partition).exists()]
    if present:
        missing = [t for t in TABLES if t not in present]
        found = f"has Parquet for {', '.join(present)} but not for {', '.join(missing)}"
    else:
        found = "has not been parsed (no Parquet)"
    raise dg.Failure(
        description=f"partition {partition} {found} in {store.root}; the warehouse was not "
        "changed: materialize the whole job for this partition (its parse, then this load)",
        allow_retries=False,
    )
