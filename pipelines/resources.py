"""The Dagster resource that carries Warta's settings into assets, checks and sensors."""

import os

import dagster as dg
from pydantic import Field

from warta.config import Settings


class WartaSettings(dg.ConfigurableResource):
    """Paths and tuning. Unset fields take the ``WARTA_*`` environment variables of the run
    process (see ``warta/config.py``), so the UI, the CLI and the daemon agree by default."""

    raw_dir: str | None = Field(
        default=None,
        description="The landing zone: one YYYY-MM-DD folder per day. Unset: WARTA_RAW_DIR, "
        "else data/raw.",
    )
    data_dir: str | None = Field(
        default=None,
        description="The Parquet root (one folder per table, hive partitions by ingest_date). "
        "Unset: WARTA_DATA_DIR, else data/parquet.",
    )
    warehouse: str | None = Field(
        default=None,
        description="The DuckDB warehouse file. Unset: WARTA_WAREHOUSE, else "
        "data/warehouse.duckdb.",
    )
    workers: int | None = Field(
        default=None,
        description="Parse processes of a run. Unset: WARTA_WORKERS, else the CPUs usable "
        "(affinity, cgroup CPU quota).",
    )

    def settings(self) -> Settings:
        overrides = {
            "WARTA_RAW_DIR": self.raw_dir,
            "WARTA_DATA_DIR": self.data_dir,
            "WARTA_WAREHOUSE": self.warehouse,
            "WARTA_WORKERS": str(self.workers) if self.workers else None,
        }
        env = {**os.environ, **{key: value for key, value in overrides.items() if value}}
        return Settings.from_env(env)
