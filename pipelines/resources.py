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

    def _overrides(self) -> dict[str, tuple[str, str | None]]:
        return {
            "WARTA_RAW_DIR": ("raw_dir", self.raw_dir),
            "WARTA_DATA_DIR": ("data_dir", self.data_dir),
            "WARTA_WAREHOUSE": ("warehouse", self.warehouse),
            "WARTA_WORKERS": ("workers", None if self.workers is None else str(self.workers)),
        }

    def in_own_words(self, message: str) -> str:
        """``message`` with each variable this run overrides named as the resource's field
        (``is WARTA_RAW_DIR right`` becomes ``is the resource warta's raw_dir right`` when the
        launchpad set ``raw_dir``): the variable was not what the run read."""
        for variable, (name, value) in self._overrides().items():
            if value:
                message = message.replace(variable, f"the resource warta's {name}")
        return message

    def settings(self) -> Settings:
        """The settings of a run, sensor or schedule tick. A bad value fails at once with
        ``dg.Failure`` (no step retries a setting), naming the field when it is the run's
        override (``workers: -3`` in the launchpad), else the variable."""
        given = {key: value for key, (_, value) in self._overrides().items() if value}
        try:
            return Settings.from_env({**os.environ, **given})
        except ValueError as error:
            raise dg.Failure(
                description=self.in_own_words(str(error)), allow_retries=False
            ) from error
