"""Jobs: one partitioned job materialises a landing day end to end (parse, checks, warehouse)."""

import dagster as dg

from .partitions import landing_date_partitions

warta_daily_job = dg.define_asset_job(
    name="warta_daily",
    selection=dg.AssetSelection.all(),
    partitions_def=landing_date_partitions,
    description="Parse a landing day into Parquet, run the blocking checks, load the warehouse.",
)
