from __future__ import annotations

import os
import shutil
import subprocess
from functools import cache
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED = REPO / "data" / "raw" / "2026-11-25" / "000_39c4db6f91142a44.txt"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, skipping the test when a clone has no ../shared beside it."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs ../shared/{'/'.join(parts)} (present in CI, not in a user's clone)")
    return path


@pytest.fixture(scope="session")
def seed_bytes() -> bytes:
    return SEED.read_bytes()


@pytest.fixture
def landing(tmp_path: Path):
    """A temporary landing zone, Parquet root and warehouse, configured through the environment."""
    from warta.config import Settings

    raw = tmp_path / "raw"
    raw.mkdir()
    env = {
        "WARTA_RAW_DIR": str(raw),
        "WARTA_DATA_DIR": str(tmp_path / "parquet"),
        "WARTA_WAREHOUSE": str(tmp_path / "warehouse.duckdb"),
        "WARTA_WORKERS": "1",
    }
    with pytest.MonkeyPatch.context() as patch:
        for key, value in env.items():
            patch.setenv(key, value)
        yield Settings.from_env()


def put(settings, relative: str, data: bytes) -> None:
    """Drop a raw file into the landing zone of ``settings``."""
    path = settings.raw_dir / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def leak_an_ad_line(patch: pytest.MonkeyPatch) -> None:
    """A parser bug, through ``patch``: every article gets an ``Advertisement`` paragraph after
    its last one (without its counts), which the blocking checks catch."""
    import warta.ingest

    original = warta.ingest.append_article

    def leaky_append(columns, position, article_id, *args):
        original(columns, position, article_id, *args)
        paragraphs = columns["paragraphs"]
        last = {name: values[-1] for name, values in paragraphs.items()}
        for name, value in (
            last | {"paragraph_index": last["paragraph_index"] + 1, "text": "Advertisement"}
        ).items():
            paragraphs[name].append(value)

    patch.setattr(warta.ingest, "append_article", leaky_append)


def run_daily(partition: str, **kwargs):
    """Run the real ``warta_daily`` job in this process for one partition (ephemeral instance)."""
    import dagster as dg

    from pipelines.definitions import defs

    return defs.resolve_job_def("warta_daily").execute_in_process(
        partition_key=partition,
        instance=dg.DagsterInstance.ephemeral(),
        raise_on_error=False,
        **kwargs,
    )


def warehouse_rows(path: Path, tables=None) -> dict[str, list[tuple]]:
    """Every row of the warehouse's contract tables (or ``tables``), sorted, read-only."""
    import duckdb

    from warta.schema import TABLES

    con = duckdb.connect(str(path), read_only=True)
    try:
        return {t: con.sql(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in tables or TABLES}
    finally:
        con.close()


@cache
def _setpriv_drops(caps: str) -> bool:
    command = ["setpriv", f"--inh-caps={caps}", f"--bounding-set={caps}", "true"]
    return shutil.which("setpriv") is not None and subprocess.run(command).returncode == 0


def without_capabilities(caps: str) -> list[str]:
    """The prefix that runs a command without root's capabilities ``caps`` (``-chown``,
    ``-dac_override,-dac_read_search``): nothing when not root, who has none of them. Skips
    the test where root cannot drop them (no setpriv, or a container without CAP_SETPCAP)."""
    if os.geteuid() != 0:
        return []
    if not _setpriv_drops(caps):
        pytest.skip(f"running as root and setpriv cannot drop {caps} here")
    return ["setpriv", f"--inh-caps={caps}", f"--bounding-set={caps}"]


def abandon_a_build(settings, partition: str) -> None:
    """Leave what a build killed mid-parse leaves: an uncommitted staging folder, half written."""
    staged = settings.data_dir / "_staging" / f"{partition}-0123456789ab"
    half = staged / "raw_files" / "part-0.parquet"
    half.parent.mkdir(parents=True)
    half.write_bytes(b"PAR1 and no footer")
