"""The load's starting copy of the live warehouse: cloned where the file system shares blocks,
copied byte by byte elsewhere, and reported either way.

The clone is exercised for real on an XFS file system in a loop-mounted image (slow marker:
``make e2e`` installs xfsprogs); it needs root and loop devices, and skips, saying why, where
either is missing.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.warehouse.conftest import DAYS, copy_store, dump, read_until, spawn
from warta import durable
from warta.durable import clone_or_copy
from warta.warehouse import Warehouse

DAY = DAYS[-1]


@pytest.mark.parametrize("code", sorted(durable._CANNOT_CLONE))
def test_a_file_system_without_shared_blocks_gets_a_byte_copy(tmp_path, monkeypatch, code):
    source, target = tmp_path / "source", tmp_path / "target"
    source.write_bytes(os.urandom(300_000))

    def refuse(fd: int, request: int, arg: int) -> None:
        assert request == durable.FICLONE
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(durable.fcntl, "ioctl", refuse)
    assert clone_or_copy(source, target) == "copied"
    assert target.read_bytes() == source.read_bytes()


def test_other_clone_errors_are_raised_not_hidden_by_a_copy(tmp_path, monkeypatch):
    source = tmp_path / "source"
    source.write_bytes(b"x" * 1000)

    def broken(fd: int, request: int, arg: int) -> None:
        raise OSError(errno.EIO, "I/O error")

    monkeypatch.setattr(durable.fcntl, "ioctl", broken)
    with pytest.raises(OSError) as raised:
        clone_or_copy(source, tmp_path / "target")
    assert raised.value.errno == errno.EIO


def test_the_load_reports_how_it_copied_the_live_file(store, tmp_path):
    warehouse = Warehouse(tmp_path / "warehouse.duckdb")
    first = warehouse.publish(store, store.partitions())
    assert first.copy.how == "none" and str(first.copy) == "none (new warehouse)"
    size = warehouse.path.stat().st_size

    second = warehouse.publish(store, [DAY])
    # What this file system does (ext4, tmpfs: a byte copy; XFS, btrfs: a clone).
    expected = clone_or_copy(warehouse.path, tmp_path / "probe")
    assert second.copy.how == expected
    assert second.copy.megabytes == pytest.approx(size / 1e6)
    assert 0 < second.copy.seconds <= second.seconds
    assert str(second.copy).startswith(f"{expected} {size / 1e6:,.1f} MB in ")

    rebuilt = warehouse.rebuild(store)  # from scratch: nothing to copy
    assert rebuilt.copy.how == "none"


@pytest.fixture(scope="module")
def xfs(tmp_path_factory) -> Iterator[Path]:
    """A directory on a fresh XFS file system with reflinks, in a loop-mounted image."""
    if os.geteuid() != 0:
        pytest.skip("mounting an XFS image needs root")
    mkfs = shutil.which("mkfs.xfs") or shutil.which("mkfs.xfs", path="/usr/sbin:/sbin")
    if mkfs is None:
        pytest.skip("mkfs.xfs not installed (Debian package xfsprogs; `make e2e-deps` adds it)")
    root = tmp_path_factory.mktemp("xfs")
    image, mountpoint = root / "xfs.img", root / "mnt"
    mountpoint.mkdir()
    with image.open("wb") as file:
        file.truncate(320 * 1024 * 1024)  # sparse; XFS's smallest file system is 300 MB
    made = subprocess.run(
        [mkfs, "-q", "-m", "reflink=1", str(image)], capture_output=True, text=True
    )
    assert made.returncode == 0, made.stderr
    mounted = subprocess.run(
        ["mount", "-o", "loop", str(image), str(mountpoint)], capture_output=True, text=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot loop-mount an XFS image here: {mounted.stderr.strip()}")
    try:
        yield mountpoint
    finally:
        subprocess.run(["umount", str(mountpoint)], check=True)


@pytest.mark.slow
def test_on_xfs_the_load_clones_and_readers_keep_their_snapshot(xfs, sample, tmp_path):
    full = copy_store(sample.data_dir, tmp_path / "full")
    without = copy_store(sample.data_dir, tmp_path / "without", without=(DAY,))
    folder = xfs / "test_clone"
    folder.mkdir()
    on_xfs = Warehouse(folder / "warehouse.duckdb")
    on_ext = Warehouse(tmp_path / "warehouse.duckdb")  # the same loads on the usual disk
    for warehouse in (on_xfs, on_ext):
        warehouse.publish(without, without.partitions())
    old, size = dump(on_xfs.path), on_xfs.path.stat().st_size
    analyst = spawn("analyst", str(on_xfs.path))
    before = int(read_until(analyst, "before").split()[1])
    read_until(analyst, "ready")

    load = on_xfs.publish(full, [DAY])  # writes into a clone that shares the live file's blocks
    assert load.copy.how == "cloned"
    assert load.copy.megabytes == pytest.approx(size / 1e6)

    analyst.stdin.write("published\n")
    analyst.stdin.flush()
    _, polls, _, after = read_until(analyst, "during").split()
    assert int(polls) > 0 and int(after) == before  # the old file's blocks were not touched
    assert read_until(analyst, "reconnected") == f"reconnected {before + 1}"
    assert analyst.wait(timeout=30) == 0

    on_ext.publish(full, [DAY])
    assert dump(on_xfs.path) == dump(on_ext.path) != old
    assert sorted(p.name for p in folder.iterdir()) == ["warehouse.duckdb", "warehouse.duckdb.lock"]
