"""Where Warta reads and writes, from the environment, with the documented defaults.

- ``WARTA_RAW_DIR`` (``data/raw``): the landing zone, one ``YYYY-MM-DD`` folder a day
- ``WARTA_DATA_DIR`` (``data/parquet``): the Parquet root, hive layout per table
- ``WARTA_WAREHOUSE`` (``data/warehouse.duckdb``): the DuckDB warehouse file
- ``WARTA_WORKERS`` (number of CPUs): parse processes
- ``WARTA_BATCH_FILES`` (256): files per parse batch
- ``WARTA_MAX_FILE_BYTES`` (16 MiB): larger raw files are rejected

Relative paths resolve against the current working directory.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

DEFAULT_MAX_FILE_BYTES = 16 * 1024 * 1024
DEFAULT_BATCH_FILES = 256


@dataclass(frozen=True)
class Settings:
    raw_dir: Path
    data_dir: Path
    warehouse: Path
    workers: int
    batch_files: int = DEFAULT_BATCH_FILES
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Settings from ``WARTA_*`` variables (``os.environ`` by default)."""
        env = os.environ if env is None else env
        return cls(
            raw_dir=Path(env.get("WARTA_RAW_DIR") or "data/raw").absolute(),
            data_dir=Path(env.get("WARTA_DATA_DIR") or "data/parquet").absolute(),
            warehouse=Path(env.get("WARTA_WAREHOUSE") or "data/warehouse.duckdb").absolute(),
            workers=_positive_int(env, "WARTA_WORKERS", os.cpu_count() or 1),
            batch_files=_positive_int(env, "WARTA_BATCH_FILES", DEFAULT_BATCH_FILES),
            max_file_bytes=_positive_int(env, "WARTA_MAX_FILE_BYTES", DEFAULT_MAX_FILE_BYTES),
        )


def _positive_int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name)
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ValueError(f"{name} must be a positive integer, got {raw!r}") from None
    if value < 1:
        raise ValueError(f"{name} must be a positive integer, got {raw!r}")
    return value
