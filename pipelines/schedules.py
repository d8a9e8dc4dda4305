"""The nightly schedule: after midnight in Jakarta, the day that just ended, plus late files.

- ``WARTA_NIGHTLY_CRON`` (``30 1 * * *``): when it runs, in Asia/Jakarta time.
- ``WARTA_LATE_DAYS`` (7): how many days before yesterday are looked at again; a day whose
  folder changed since it was last parsed (files that landed late) gets a new run.

Yesterday is requested unless its current content was already run successfully or has a run
queued or running (by the landing sensor, say); content whose runs failed is requested again,
so a failed day is retried every night while it is in the window;
a missing folder still gives an (empty) run, so every night leaves a trace. Older days are only
requested when their folder exists and changed. Run keys are ``<partition>:<fingerprint>``.
Requests are made oldest day first.
"""

import os
from collections.abc import Mapping
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import dagster as dg
from dagster._utils.schedules import cron_string_iterator, is_valid_cron_string

from warta.landing import LandingZone
from warta.text import shortened

from .instance import instance_warnings
from .jobs import warta_daily_job
from .partitions import (
    START_DATE,
    TIMEZONE,
    content_runs,
    landing_date_partitions,
    landing_run_request,
)
from .resources import WartaSettings


def nightly_cron(env: Mapping[str, str] | None = None) -> str:
    """``WARTA_NIGHTLY_CRON``: a cron expression of five fields, ``30 1 * * *`` when unset."""
    raw = (os.environ if env is None else env).get("WARTA_NIGHTLY_CRON") or "30 1 * * *"
    if not is_valid_cron_string(raw):
        if len(raw.split()) == 5:  # Dagster refuses a field out of range, and 30 February
            raise ValueError(
                "WARTA_NIGHTLY_CRON is no cron expression Dagster takes: a field it cannot "
                f"read or out of range, or a day that never comes (30 February); got {raw!r}"
            )
        raise ValueError(
            "WARTA_NIGHTLY_CRON must be a cron expression of five fields "
            f"(minute hour day-of-month month day-of-week, e.g. '30 1 * * *'), got {raw!r}"
        )
    try:  # valid fields can name a day that never comes (30 February)
        for ascending in (True, False):
            next(cron_string_iterator(datetime.now().timestamp(), raw, TIMEZONE, ascending))
    except Exception as error:  # croniter's own, from inside Dagster
        raise ValueError(f"WARTA_NIGHTLY_CRON never fires: {raw!r} ({error})") from error
    return raw


NIGHTLY_CRON = nightly_cron()

# A year of midnights, from 1 January 2026 (the same window on every load), around which the
# nightly's pauses longer than a day are looked for.
_FRESHNESS_DAYS = 366


def nightly_freshness(cron: str = NIGHTLY_CRON) -> dg.FreshnessPolicy:
    """The warehouse's freshness window for a nightly at ``cron`` (Asia/Jakarta): its longest
    pause between two ticks, and a day at least (the nightly loads each day once, whatever its
    cron), plus an hour to WARN and two to FAIL: 25 and 26 hours for the default once a day,
    169 and 170 for a weekly ``0 2 * * 1``.

    A pause longer than a day spans a midnight: the ticks before and after each midnight of a
    year give them all, skipping the midnights of a pause already seen. A cron that ticks
    several times a day (``*/15 * * * 1-5``) is walked by its days (``0 0 * * 1-5``), less the
    span of its ticks in a day, which is the same every day it ticks."""
    longest = timedelta(days=1)
    fields = cron.split()
    if fields[2:] == ["*", "*", "*"]:  # every day alike: no pause is longer than a day
        return _freshness(longest)
    zone = ZoneInfo(TIMEZONE)
    moment = datetime(2026, 1, 1, tzinfo=zone)
    span = timedelta(0)
    if len(fields) == 5 and not (fields[0].isdigit() and fields[1].isdigit()):
        first = next(cron_string_iterator(moment.timestamp(), cron, TIMEZONE))
        last = first
        for tick in cron_string_iterator(first.timestamp(), cron, TIMEZONE):
            if tick.date() != first.date():
                break
            last = tick
        span = last - first
        cron = " ".join(["0", "0", *fields[2:]])
    stop = moment + timedelta(days=_FRESHNESS_DAYS)
    while moment < stop:
        after = next(cron_string_iterator(moment.timestamp(), cron, TIMEZONE))
        before = next(cron_string_iterator(moment.timestamp(), cron, TIMEZONE, ascending=False))
        longest = max(longest, after - before - span)
        following = datetime.combine(after.date() + timedelta(days=1), time(), zone)
        moment = max(moment + timedelta(days=1), following)
    return _freshness(longest)


def _freshness(longest: timedelta) -> dg.FreshnessPolicy:
    return dg.FreshnessPolicy.time_window(
        fail_window=longest + timedelta(hours=2), warn_window=longest + timedelta(hours=1)
    )


# Ten years of days: more would reach before any date a partition can have.
MAX_LATE_DAYS = 3660


def late_days(env: Mapping[str, str] | None = None) -> int:
    """``WARTA_LATE_DAYS``: a non-negative integer up to ``MAX_LATE_DAYS``, 7 when unset."""
    raw = (os.environ if env is None else env).get("WARTA_LATE_DAYS") or "7"
    if not raw.isascii() or not raw.isdigit() or int(raw) > MAX_LATE_DAYS:
        raise ValueError(
            f"WARTA_LATE_DAYS must be a non-negative integer up to {MAX_LATE_DAYS}, got {raw!r}"
        )
    return int(raw)


@dg.schedule(
    name="warta_nightly",
    cron_schedule=NIGHTLY_CRON,
    execution_timezone=TIMEZONE,
    job=warta_daily_job,
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description=f"At {NIGHTLY_CRON} ({TIMEZONE}, WARTA_NIGHTLY_CRON) materialise yesterday's "
    "landing partition, and re-run any of the WARTA_LATE_DAYS days before it whose folder "
    "changed since it was parsed.",
)
def warta_nightly(context: dg.ScheduleEvaluationContext, warta: WartaSettings):
    zone = LandingZone(warta.settings().raw_dir)
    scheduled = context.scheduled_execution_time.astimezone(ZoneInfo(TIMEZONE))
    yesterday = scheduled.date() - timedelta(days=1)
    valid = set(landing_date_partitions.get_partition_keys(current_time=scheduled))
    present = set(zone.partitions())
    warning = zone.strays_warning()
    if warning:
        context.log.warning(warning)
    # Day folders before the first partition or after today's (today's own is being filled).
    today = scheduled.date().isoformat()
    outside = sorted(day for day in present if day < START_DATE or day > today)
    if outside:
        context.log.warning(
            f"landing folders outside the partition range ({START_DATE} .. {today}, "
            f"WARTA_START_DATE) are never parsed: {shortened(outside)}"
        )
    for warning in instance_warnings(context.instance, context.instance.root_directory):
        context.log.warning(warning)
    window = late_days()
    requests = []
    waiting = []  # days whose content is not parsed yet but has a run in flight
    # Oldest first: runs are queued in this order, so the days usually parse in date order (pool
    # warta_parse) and a day sees the late files of the days before it (pipelines/repairs.py).
    for offset in reversed(range(window + 1)):
        partition = (yesterday - timedelta(days=offset)).isoformat()
        if partition not in valid or (offset and partition not in present):
            continue
        fingerprint = zone.fingerprint(partition)
        runs = content_runs(context.instance, partition, fingerprint)
        if runs.handled:
            if not runs.succeeded:
                waiting.append(partition)
            continue
        trigger = "nightly" if offset == 0 else "nightly-late-files"
        requests.append(
            landing_run_request(partition, fingerprint, trigger, runs.failed, again=runs.superseded)
        )
    if not requests:
        if waiting:
            return dg.SkipReason(
                f"{yesterday} and the {window} days before it are up to date or have a run "
                f"queued or running: {shortened(waiting)}"
            )
        return dg.SkipReason(f"{yesterday} and the {window} days before it are up to date")
    return requests
