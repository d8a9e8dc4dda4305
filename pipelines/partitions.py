"""Landing-date partitions: one per ``data/raw/YYYY-MM-DD/`` folder day, Asia/Jakarta calendar.

Daily (not dynamic) partitions: the schedule and backfills reason in dates, and a day without
a folder is simply an empty partition. ``end_offset=1`` includes today, so files landing during
the day can be processed before midnight. The first day is ``WARTA_START_DATE`` (2020-01-01).
"""

import os

import dagster as dg

TIMEZONE = "Asia/Jakarta"
START_DATE = os.environ.get("WARTA_START_DATE") or "2020-01-01"

landing_date_partitions = dg.DailyPartitionsDefinition(
    start_date=START_DATE, timezone=TIMEZONE, end_offset=1
)
