"""Jobs: one partitioned job materialises a landing day end to end (parse, checks, warehouse).

Steps run in the run's own process (``in_process_executor``): a step is mostly sequential work
on one partition, the parse already fans out to ``WARTA_WORKERS`` processes, and a process per
step would cost seconds of imports each. Partitions run in parallel as separate runs (the run
queue limit in ``pipelines/dagster.yaml``); the pools ``warta_parse`` and ``warta_warehouse``
let one parse and one load run at a time, so one partition's checks and load overlap the next
one's parse.
"""

import dagster as dg

from .partitions import landing_date_partitions

warta_daily_job = dg.define_asset_job(
    name="warta_daily",
    selection=dg.AssetSelection.all(),
    partitions_def=landing_date_partitions,
    executor_def=dg.in_process_executor,
    description="Parse a landing day into Parquet, run the blocking checks, load the warehouse.",
)
