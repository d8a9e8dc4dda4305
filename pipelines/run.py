"""Materialise landing partitions from the command line, exactly as the UI or schedule would.

Runs the ``warta_daily`` job in this process for each partition, recorded in the Dagster
instance at ``DAGSTER_HOME`` when set (so ``dagster dev`` shows the runs), else an ephemeral one.
"""

import os
import shutil
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

import dagster as dg
import duckdb

from assets.tables import PARSE_POOL
from assets.warehouse import WAREHOUSE_POOL
from warta import PARSER_VERSION
from warta.config import Settings
from warta.landing import LandingUnavailable, LandingZone, is_partition_key
from warta.parquet_store import ParquetStore
from warta.processes import process_gone, process_identity
from warta.text import counted
from warta.warehouse import Warehouse, WarehouseBusy

from .definitions import defs
from .failures import failed_checks, step_failures
from .instance import TEMPLATE, instance_warnings
from .partitions import content_runs, landing_date_partitions
from .repairs import partitions_to_rerun


@dataclass
class PartitionRun:
    partition: str
    success: bool
    failed_checks: list[str]
    message: str


def run_partitions(
    partitions: Sequence[str] | None = None,
    *,
    out: TextIO | None = None,
    allow_empty: bool = False,
    changed_only: bool = False,
) -> list[PartitionRun]:
    """Run the daily job for ``partitions`` (default: every landing folder present); messages
    go to ``out`` (default: standard output at the time of the call). A day named in
    ``partitions`` without a landing folder, or whose entry is a file or a symbolic link, is
    refused (a failure: most often a mistyped date, which would publish an empty day) unless
    ``allow_empty``, which runs it as a day without files. With ``changed_only``, a day whose
    folder holds what the latest successful parse of it read (the landing fingerprint the
    nightly compares) while the warehouse holds the day as parsed by this ``PARSER_VERSION``,
    or that has a run queued or running, is skipped; that needs the runs recorded at
    ``DAGSTER_HOME``. Unlike the nightly, it parses again a day parsed by another version."""
    out = out or sys.stdout
    if changed_only and not os.environ.get("DAGSTER_HOME"):
        raise ValueError(
            "--changed needs DAGSTER_HOME: it compares each day with the runs recorded there "
            "(make run sets it to .dagster)"
        )
    settings = Settings.from_env()
    zone = LandingZone(settings.raw_dir)
    # Raises LandingUnavailable, saying what to check, when the landing zone cannot be listed:
    # no run could read it.
    present = zone.partitions()
    warning = zone.strays_warning()
    if warning:
        print(f"warning: {warning}", file=out)
    explicit = partitions is not None
    if partitions is None:
        partitions = present
        if not partitions:
            print(f"no YYYY-MM-DD folders in {settings.raw_dir}; nothing to do", file=out)
    valid = set(landing_date_partitions.get_partition_keys())
    results: dict[str, PartitionRun] = {}  # the latest run of each day, in the order asked
    home = instance_home(out=out)
    with dg.DagsterInstance.get() if home else dg.DagsterInstance.ephemeral() as instance:
        for warning in instance_warnings(instance, home) if home else []:
            print(f"warning: {warning}", file=out)
        if home is None:
            print(
                "note: DAGSTER_HOME is not set: these runs are recorded in a throwaway instance "
                "that dagster dev, the nightly and the sensors never see (they will run these "
                "days again); make run sets it to .dagster",
                file=out,
            )
        if home:
            for line in reap_dead_runs(instance):
                print(f"warning: {line}", file=out)
        runner = _Runner(instance, out, logs="in the Dagster UI or above" if home else "above")
        published = _published(settings) if changed_only else {}
        for partition in partitions:
            if partition not in valid:
                why = (
                    "outside the partition range (WARTA_START_DATE .. today)"
                    if is_partition_key(partition)
                    else "not a date (YYYY-MM-DD)"
                )
                if not explicit:  # a folder found, as the sensor and the nightly name it
                    print(f"warning: landing folder {partition}: {why}; skipped", file=out)
                    continue
                message = f"{partition}: {why}; skipped"  # asked for by name: a failure
                results[partition] = PartitionRun(partition, False, [], message)
                print(message, file=out)
                continue
            # A day asked for by name whose folder is missing, or is a file or a link (which
            # the parse does not follow), is a typo or a mistake until --allow-empty says not.
            what = zone.missing_day(partition) if explicit else None
            if what is not None:
                folder_missing = not os.path.lexists(zone.root / partition)
                then = "run as an empty day" if folder_missing else "run anyway"
                if not allow_empty:
                    message = f"{partition}: {what}; skipped ({_remedy(settings, zone, partition)})"
                    results[partition] = PartitionRun(partition, False, [], message)
                    print(message, file=out)
                    continue
                print(f"warning: {partition}: {what}; {then} (--allow-empty)", file=out)
            skipped = _unchanged(instance, zone, partition, published) if changed_only else None
            if skipped:
                results[partition] = PartitionRun(partition, True, [], f"{partition}: {skipped}")
                print(f"{partition}: {skipped}", file=out)
                continue
            note = _outdated(partition, published) if changed_only else None
            if note:
                print(note, file=out)
            results[partition] = runner.run(partition)
        for run in runner.repair_refusals():
            results[run.partition] = run
    return list(results.values())


# The process that executes a run of ``warta run`` (``warta.processes``): a later ``warta run``
# fails the runs of one that was killed, and frees the pool slots they hold.
PROCESS_TAG = "warta/process"
_IN_FLIGHT = (
    dg.DagsterRunStatus.NOT_STARTED,
    dg.DagsterRunStatus.STARTING,
    dg.DagsterRunStatus.STARTED,
)


def reap_dead_runs(instance: dg.DagsterInstance) -> list[str]:
    """Fail the runs a killed ``warta run`` left in flight (``PROCESS_TAG`` names a process of
    this host that is gone), and free the pool slots (``warta_parse``, ``warta_warehouse``) that
    such runs and finished runs still hold. Without the daemon nothing else would: every later
    run needing the pool would wait for ever, and the dead run would stay STARTED. What was
    done, a line each. Runs of other processes (the daemon's, another host's, a live
    ``warta run``'s) are left alone."""
    done = []
    for run in instance.get_runs(dg.RunsFilter(job_name="warta_daily", statuses=_IN_FLIGHT)):
        identity = run.tags.get(PROCESS_TAG)
        if identity is None or not process_gone(identity):
            continue
        day = run.tags.get("dagster/partition", "?")
        pid = identity.rsplit(":", 2)[-2]
        instance.report_run_failed(
            run,
            f"the warta run process (pid {pid}) executing this run is gone (killed, or the host "
            "restarted): failed by a later warta run, which freed its pool slots",
        )
        instance.event_log_storage.free_concurrency_slots_for_run(run.run_id)
        done.append(
            f"run {run.run_id} of {day} was left {run.status.value} by a warta run that is gone "
            f"(pid {pid}): marked failed, its pool slots freed"
        )
    for pool in (PARSE_POOL, WAREHOUSE_POOL):
        info = instance.event_log_storage.get_concurrency_info(pool)
        for run_id in sorted(info.active_run_ids | info.pending_run_ids):
            run = instance.get_run_by_id(run_id)
            if run is None or run.is_finished:
                instance.event_log_storage.free_concurrency_slots_for_run(run_id)
                state = "deleted" if run is None else run.status.value
                done.append(f"pool {pool}: freed the slot of run {run_id}, {state}")
    return done


def _remedy(settings: Settings, zone: LandingZone, partition: str) -> str:
    """What to do about a day asked for by name that has no day folder: put the folder in a
    link's place; restore the folder of a day published with files (the parse refuses to
    publish it empty over them); or run it as a day without files."""
    if os.path.islink(zone.root / partition):
        return (
            "put the folder itself in the link's place to parse its files; --allow-empty runs "
            "the day as one without files"
        )
    held = ParquetStore(settings.data_dir).ledger_rows(partition)
    if held:
        return (
            f"the published partition holds {counted(held, 'file')}: restore the folder, or "
            "create it empty to publish the day as empty"
        )
    days = f"{zone.days_held()}; " if not os.path.lexists(zone.root / partition) else ""
    return f"{days}--allow-empty runs it as a day without files"


def _published(settings: Settings) -> dict[str, str | None]:
    """The days the warehouse holds, each with the parser version that parsed it; none when it
    cannot be read now (every day then runs: damaged, or held read-write by another process
    past the wait, whose loads retry)."""
    try:
        return Warehouse(settings.warehouse, config=settings.duckdb_config).published_versions()
    except (duckdb.Error, OSError, WarehouseBusy):
        return {}


def _unchanged(
    instance: dg.DagsterInstance,
    zone: LandingZone,
    partition: str,
    published: dict[str, str | None],
) -> str | None:
    """Why ``warta run --changed`` skips the day, or None to run it: its folder holds what the
    latest successful parse read and the warehouse holds the day as this release parses it,
    or a run of it is on its way. A folder that cannot be listed now is run, and the run says
    why it fails."""
    try:
        fingerprint = zone.fingerprint(partition)
    except (LandingUnavailable, OSError):
        return None
    runs = content_runs(instance, partition, fingerprint)
    if runs.in_flight:
        return "a run of it is queued or running; skipped (--changed)"
    if runs.succeeded and published.get(partition, "") == PARSER_VERSION:
        return "unchanged since its last successful parse; skipped (--changed)"
    return None


def _outdated(partition: str, published: dict[str, str | None]) -> str | None:
    """The note ``warta run --changed`` prints before it parses a day again only because
    another version of the parser made what the warehouse holds of it."""
    if partition not in published or published[partition] == PARSER_VERSION:
        return None
    version = published[partition] or "a version the warehouse did not record"
    return f"{partition}: parsed by {version}, this is {PARSER_VERSION}: parsing it again"


# Rounds of repairs ``warta run`` makes after its runs, as the repair sensor would (a repaired
# day's load refused again for a third day's copy is one more round).
REPAIR_ROUNDS = 3


class _Runner:
    """Runs ``warta_daily`` in this process, one partition at a time, and remembers the loads
    refused because an article is held by two days (``ArticleInSeveralPartitions``)."""

    def __init__(self, instance: dg.DagsterInstance, out: TextIO, logs: str) -> None:
        self.instance = instance
        self.out = out
        self.logs = logs  # where a failed run's logs are: not in the UI without DAGSTER_HOME
        self.job = defs.resolve_job_def("warta_daily")
        self.runs = 0
        self.last_success: dict[str, int] = {}  # day -> number of its last successful run
        self.refused: dict[str, tuple[list[str], int]] = {}  # day -> (days named, its run)

    def run(self, partition: str) -> PartitionRun:
        holders = self.instance.event_log_storage.get_concurrency_info(PARSE_POOL).active_run_ids
        for run_id in sorted(holders):  # Dagster waits for the slot without a word
            held = self.instance.get_run_by_id(run_id)
            what = f"{held.tags.get('dagster/partition', '?')}, {held.status.value}" if held else ""
            print(
                f"{partition}: waiting for the parse slot (pool {PARSE_POOL}), held by run "
                f"{run_id} ({what})",
                file=self.out,
            )
        result = self.job.execute_in_process(
            partition_key=partition,
            instance=self.instance,
            tags={PROCESS_TAG: process_identity()},
            raise_on_error=False,
            run_config={"loggers": {"console": {"config": {"log_level": "INFO"}}}},
        )
        self.runs += 1
        # Only ERROR failures block the load; WARN failures are reported beside it.
        failed, warned = failed_checks(result.get_asset_check_evaluations())
        message = _summary(partition, result, failed, warned, self.logs)
        print(message, file=self.out)
        success = result.success and not failed
        self.refused.pop(partition, None)
        if success:
            self.last_success[partition] = self.runs
        else:
            named = partitions_to_rerun(result.all_events)
            if named:
                self.refused[partition] = (named, self.runs)
        return PartitionRun(partition, success, failed, message)

    def repair_refusals(self) -> list[PartitionRun]:
        """Finish what the refused loads ask for: run each day a refusal names that has not
        run successfully since (the later days holding the article: their parse now sees the
        earlier copy and marks theirs duplicate), then the refused day again. The repair
        sensor does the same for runs of the UI and the schedule; ``warta run`` executes in
        its own process, so it finishes its own. Later days first: a named day whose own load
        is refused (its copy clashes with a third day) is repaired before the day that named
        it runs again."""
        done: list[PartitionRun] = []
        rerun: set[str] = set()  # refused days run again once their named days were
        rerun_failed: set[str] = set()  # ... whose run again failed (refused again, say)
        left: set[str] = set()  # days left to a person: never run again here
        for _ in range(REPAIR_ROUNDS):
            for partition, (named, refused_run) in sorted(self.refused.items(), reverse=True):
                if partition not in self.refused:
                    continue  # ran since as a day another refusal named, and succeeded
                if partition in rerun:
                    del self.refused[partition]
                    left.add(partition)
                    print(
                        f"{partition}: its load was refused again after its repair; left to "
                        "a person (see the run's failure above)",
                        file=self.out,
                    )
                    continue
                others = [day for day in named if day != partition]
                stale = [day for day in others if self.last_success.get(day, 0) < refused_run]
                waiting = [day for day in stale if day in left or day in rerun_failed]
                if waiting:
                    del self.refused[partition]
                    left.add(partition)
                    print(
                        f"{partition}: its load was refused (an article is also in "
                        f"{', '.join(others)}); left to a person: its repair needs "
                        f"{', '.join(waiting)}, whose own repair did not succeed (see above)",
                        file=self.out,
                    )
                    continue
                order = f"{', '.join(stale)} again, then {partition}" if stale else partition
                why = (
                    f"an article is also in {', '.join(others)}"
                    if others  # else a day published since its parse holds one of its articles
                    else "a day published since its parse holds one of its articles"
                )
                print(f"{partition}: its load was refused ({why}): running {order}", file=self.out)
                repairs = [self.run(day) for day in stale]
                done += repairs
                if any(day in self.refused for day in stale):
                    continue  # that day's own repair comes first; this one in the next round
                failed = [run.partition for run in repairs if not run.success]
                if failed:
                    del self.refused[partition]
                    left.add(partition)
                    print(
                        f"{partition}: left to a person: the run of {', '.join(failed)} for "
                        "its repair failed (see above)",
                        file=self.out,
                    )
                    continue
                rerun.add(partition)
                done.append(again := self.run(partition))
                if not again.success:
                    rerun_failed.add(partition)
        for partition in sorted(self.refused):
            print(
                f"{partition}: still refused after {REPAIR_ROUNDS} rounds of repairs", file=self.out
            )
        return done


def instance_home(*, out: TextIO | None = None) -> Path | None:
    """``DAGSTER_HOME`` made absolute (Dagster insists on it), and given the instance template
    ``pipelines/dagster.yaml`` when its ``dagster.yaml`` is missing or empty (as ``make``
    does); the folder itself is created when its parent exists. None when the variable is
    unset. A ``ValueError`` says what is wrong with it otherwise."""
    out = out or sys.stdout
    raw = os.environ.get("DAGSTER_HOME")
    if not raw:
        return None
    home = Path(raw).expanduser().absolute()
    if not home.is_dir():
        if home.exists() or home.is_symlink():
            raise ValueError(f"DAGSTER_HOME {home} exists but is not a folder")
        if not home.parent.is_dir():
            # Created anyway, it could be a new, empty instance where the old one should be.
            raise ValueError(
                f"DAGSTER_HOME {home}: its parent folder is missing (is its volume mounted?)"
            )
        home.mkdir()
    settings = home / "dagster.yaml"
    if not settings.exists() or settings.stat().st_size == 0:
        shutil.copyfile(TEMPLATE, settings)
        print(f"DAGSTER_HOME {home}: instance settings from {TEMPLATE}", file=out)
    os.environ["DAGSTER_HOME"] = str(home)
    return home


def _summary(
    partition: str,
    result: dg.ExecuteInProcessResult,
    failed: list[str],
    warned: list[str],
    logs: str,
) -> str:
    parts = [f"{partition}:"]
    for event in result.get_asset_materialization_events():
        materialization = event.materialization
        if materialization.asset_key.to_user_string() == "raw_files":
            meta = materialization.metadata
            counts = {k: meta[f"files_{k}"].value for k in ("parsed", "duplicate", "rejected")}
            statuses = ", ".join(f"{v} {k}" for k, v in counts.items())
            parts.append(f"{counted(meta['files'].value, 'file')} ({statuses})")
    if failed:
        parts.append(f"FAILED checks: {', '.join(failed)} - warehouse not updated")
    elif result.success:
        parts.append("checks passed, warehouse published")
    else:
        parts.append(f"run FAILED (see the run's logs {logs})")
        parts += [f"- {line}" for line in step_failures(result.get_step_failure_events())]
    if warned:
        parts.append(f"(warnings: {', '.join(warned)})")
    return " ".join(parts)
