"""Where Warta reads and writes, from the environment, with the documented defaults.

- ``WARTA_RAW_DIR`` (``data/raw``): the landing zone, one ``YYYY-MM-DD`` folder a day
- ``WARTA_DATA_DIR`` (``data/parquet``): the Parquet root, hive layout per table
- ``WARTA_WAREHOUSE`` (``data/warehouse.duckdb``): the DuckDB warehouse file
- ``WARTA_WORKERS`` (the CPUs usable: affinity and a cgroup CPU quota): parse processes
- ``WARTA_BATCH_FILES`` (256): files per parse batch
- ``WARTA_MAX_FILE_BYTES`` (16 MiB): larger raw files are rejected
- ``WARTA_QUALITY_DIR`` (``quality`` beside the Parquet root, i.e. ``data/quality``): reports
- ``WARTA_MAX_DUPLICATE_SHARE`` (0.25), ``WARTA_MAX_REJECT_SHARE`` (0.10): above these shares
  of a partition's files, a WARN check fails (partitions of 20 files or more)
- ``WARTA_VOLUME_DROP`` (0.5, from 0 to 1), ``WARTA_VOLUME_SPIKE`` (2.0, 1 or more): a
  partition with fewer than drop x or more than spike x the median files of the published
  partitions among the 7 days before it fails a WARN check (judged when 3 or more of those
  days are published)
- ``WARTA_DUCKDB_THREADS``, ``WARTA_DUCKDB_MEMORY_LIMIT`` (unset: DuckDB's own, every core and
  80 % of the memory): DuckDB's ``threads`` and ``memory_limit`` (``2GB``, ``50%``) for the
  checks, the warehouse loads and ``warta query``

Relative paths resolve against the current working directory. Read by the Dagster definitions
(``pipelines/``), so by ``warta run`` and ``dagster dev``:

- ``WARTA_START_DATE`` (2020-01-01): the first landing-day partition
- ``WARTA_NIGHTLY_CRON`` (``30 1 * * *``): when the nightly schedule runs, Asia/Jakarta time
- ``WARTA_LATE_DAYS`` (7): days before yesterday the nightly run looks at again
- ``WARTA_MISSED_RETRY_SECONDS`` (180): how long after a failed run the repair sensor waits
  for Dagster's retry of it before running the day itself
- ``WARTA_ALERT_URL`` (unset: no alerts): a webhook that gets a JSON message for each failed
  run of the daily job (a Slack or Mattermost incoming webhook shows its ``text``)
- ``WARTA_UI_URL`` (unset): the Dagster UI's address, for a link to the run in each alert
- ``DAGSTER_HOME`` (``.dagster`` under make): the Dagster instance runs are recorded in;
  ``warta run`` gives it ``pipelines/dagster.yaml`` when it or that file is missing
"""

from __future__ import annotations

import difflib
import math
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

DEFAULT_MAX_FILE_BYTES = 16 * 1024 * 1024
DEFAULT_BATCH_FILES = 256
DEFAULT_MAX_DUPLICATE_SHARE = 0.25
DEFAULT_MAX_REJECT_SHARE = 0.10
DEFAULT_VOLUME_DROP = 0.5
DEFAULT_VOLUME_SPIKE = 2.0


# Every variable Warta reads (``WARTA_FUZZ``: the test suite's, tests/robustness).
VARIABLES = (
    "WARTA_RAW_DIR",
    "WARTA_DATA_DIR",
    "WARTA_WAREHOUSE",
    "WARTA_WORKERS",
    "WARTA_BATCH_FILES",
    "WARTA_MAX_FILE_BYTES",
    "WARTA_QUALITY_DIR",
    "WARTA_MAX_DUPLICATE_SHARE",
    "WARTA_MAX_REJECT_SHARE",
    "WARTA_VOLUME_DROP",
    "WARTA_VOLUME_SPIKE",
    "WARTA_DUCKDB_THREADS",
    "WARTA_DUCKDB_MEMORY_LIMIT",
    "WARTA_START_DATE",
    "WARTA_NIGHTLY_CRON",
    "WARTA_LATE_DAYS",
    "WARTA_MISSED_RETRY_SECONDS",
    "WARTA_ALERT_URL",
    "WARTA_UI_URL",
    "WARTA_FUZZ",
)


def unknown_variables(env: Mapping[str, str] | None = None) -> list[str]:
    """A warning for each ``WARTA_*`` variable set that Warta does not read (a misspelt
    setting is otherwise silently ignored, and its default used), naming the closest known."""
    env = os.environ if env is None else env
    found = []
    for name in sorted(n for n in env if n.startswith("WARTA_") and n not in VARIABLES):
        close = difflib.get_close_matches(name, VARIABLES, n=1, cutoff=0.7)
        hint = f" (did you mean {close[0]}?)" if close else ""
        found.append(f"{name} is not a Warta setting{hint}; it is ignored")
    return found


_warned_unknown = False


def warn_unknown_variables(emit: Callable[[str], object]) -> None:
    """Pass each ``unknown_variables`` warning to ``emit``, once a process (the command line
    and the Dagster definitions it loads would both say it)."""
    global _warned_unknown
    if not _warned_unknown:
        _warned_unknown = True
        for warning in unknown_variables():
            emit(warning)


@dataclass(frozen=True)
class Settings:
    raw_dir: Path
    data_dir: Path
    warehouse: Path
    workers: int
    batch_files: int = DEFAULT_BATCH_FILES
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    quality_dir: Path | None = None  # None: ``quality`` beside ``data_dir``
    max_duplicate_share: float = DEFAULT_MAX_DUPLICATE_SHARE
    max_reject_share: float = DEFAULT_MAX_REJECT_SHARE
    volume_drop: float = DEFAULT_VOLUME_DROP
    volume_spike: float = DEFAULT_VOLUME_SPIKE
    duckdb_threads: int | None = None  # None: DuckDB's default (every core)
    duckdb_memory_limit: str | None = None  # None: DuckDB's default (80 % of the memory)

    @property
    def duckdb_config(self) -> dict[str, int | str]:
        """The ``config`` of every DuckDB connection Warta opens: the settings given."""
        config: dict[str, int | str] = {}
        if self.duckdb_threads is not None:
            config["threads"] = self.duckdb_threads
        if self.duckdb_memory_limit is not None:
            config["memory_limit"] = self.duckdb_memory_limit
        return config

    @property
    def quality_root(self) -> Path:
        """Where quality reports go: ``WARTA_QUALITY_DIR``, else ``quality`` beside the Parquet."""
        return self.quality_dir or self.data_dir.parent / "quality"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Settings from ``WARTA_*`` variables (``os.environ`` by default)."""
        env = os.environ if env is None else env
        settings = cls(
            raw_dir=raw_dir(env),
            data_dir=Path(env.get("WARTA_DATA_DIR") or "data/parquet").absolute(),
            warehouse=Path(env.get("WARTA_WAREHOUSE") or "data/warehouse.duckdb").absolute(),
            workers=positive_int(env, "WARTA_WORKERS", usable_cpus()),
            batch_files=positive_int(env, "WARTA_BATCH_FILES", DEFAULT_BATCH_FILES),
            max_file_bytes=positive_int(env, "WARTA_MAX_FILE_BYTES", DEFAULT_MAX_FILE_BYTES),
            quality_dir=Path(env["WARTA_QUALITY_DIR"]).absolute()
            if env.get("WARTA_QUALITY_DIR")
            else None,
            max_duplicate_share=_ratio(
                env, "WARTA_MAX_DUPLICATE_SHARE", DEFAULT_MAX_DUPLICATE_SHARE
            ),
            max_reject_share=_ratio(env, "WARTA_MAX_REJECT_SHARE", DEFAULT_MAX_REJECT_SHARE),
            volume_drop=_ratio(env, "WARTA_VOLUME_DROP", DEFAULT_VOLUME_DROP),
            volume_spike=_ratio(
                env, "WARTA_VOLUME_SPIKE", DEFAULT_VOLUME_SPIKE, upper=None, lower=1.0
            ),
            duckdb_threads=positive_int(env, "WARTA_DUCKDB_THREADS", 0) or None,
            duckdb_memory_limit=_memory_limit(env),
        )
        if settings.warehouse.is_dir():
            raise ValueError(
                f"WARTA_WAREHOUSE is a folder ({settings.warehouse}); it names the DuckDB file, "
                "e.g. data/warehouse.duckdb"
            )
        quality = settings.quality_root
        if quality.exists() and not quality.is_dir():
            variable = "WARTA_QUALITY_DIR" if settings.quality_dir else "the quality folder"
            raise ValueError(f"{variable} {quality} is not a folder")
        return settings


def raw_dir(env: Mapping[str, str] | None = None) -> Path:
    """``WARTA_RAW_DIR``, absolute (``data/raw`` when unset)."""
    env = os.environ if env is None else env
    return Path(env.get("WARTA_RAW_DIR") or "data/raw").absolute()


def positive_int(env: Mapping[str, str], name: str, default: int) -> int:
    """The variable ``name`` of ``env`` as a positive integer, ``default`` when unset or empty;
    a ``ValueError`` naming the variable otherwise."""
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


def usable_cpus(cgroup: Path = Path("/sys/fs/cgroup")) -> int:
    """The CPUs this process may use: those its affinity allows (``taskset``), fewer when a
    cgroup v2 CPU quota (``cpu.max``, a container's ``--cpus``) allows less; at least 1."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        cpus = os.cpu_count() or 1
    try:
        quota, period = (cgroup / "cpu.max").read_text().split()[:2]
        if quota != "max":
            cpus = min(cpus, math.ceil(int(quota) / int(period)))
    except (OSError, ValueError):  # no cgroup v2 file, or one not understood: no quota
        pass
    return max(1, cpus)


def _memory_limit(env: Mapping[str, str]) -> str | None:
    """``WARTA_DUCKDB_MEMORY_LIMIT`` as DuckDB reads it (``2GB``, ``512MiB``, ``50%``), None
    when unset; a ``ValueError`` naming the variable when DuckDB refuses it."""
    raw = env.get("WARTA_DUCKDB_MEMORY_LIMIT", "").strip()
    if not raw:
        return None
    import duckdb  # only to ask it: the command line starts without it otherwise

    try:
        duckdb.connect(config={"memory_limit": raw}).close()
    except duckdb.Error:
        raise ValueError(
            f"WARTA_DUCKDB_MEMORY_LIMIT must be a size DuckDB reads (2GB, 512MiB, 50%), got {raw!r}"
        ) from None
    return raw


def _ratio(
    env: Mapping[str, str],
    name: str,
    default: float,
    upper: float | None = 1.0,
    lower: float = 0.0,
) -> float:
    """The variable ``name`` as a number from ``lower`` to ``upper`` (None: no bound); a share
    or the volume drop is at most 1, the volume spike at least 1."""
    raw = env.get(name)
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ValueError(f"{name} must be a number, got {raw!r}") from None
    if not math.isfinite(value) or value < lower or (upper is not None and value > upper):
        bound = (
            f"between {lower:g} and {upper:g}"
            if upper is not None
            else f"a finite number, {lower:g} or more"
        )
        raise ValueError(f"{name} must be {bound}, got {raw!r}")
    return value
