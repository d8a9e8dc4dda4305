"""The Dagster resource that carries Warta's settings into assets, checks and sensors."""

import os

import dagster as dg

from warta.config import Settings


class WartaSettings(dg.ConfigurableResource):
    """Paths and tuning. Unset fields take the ``WARTA_*`` environment variables of the run
    process (see ``warta/config.py``), so the UI, the CLI and the daemon agree by default."""

    raw_dir: str | None = None
    data_dir: str | None = None
    warehouse: str | None = None
    workers: int | None = None

    def settings(self) -> Settings:
        overrides = {
            "WARTA_RAW_DIR": self.raw_dir,
            "WARTA_DATA_DIR": self.data_dir,
            "WARTA_WAREHOUSE": self.warehouse,
            "WARTA_WORKERS": str(self.workers) if self.workers else None,
        }
        env = {**os.environ, **{key: value for key, value in overrides.items() if value}}
        return Settings.from_env(env)
