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
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import without_capabilities
from tests.warehouse.conftest import DAYS, copy_store, dump, private_files, read_until, spawn
from warta import durable
from warta.durable import FileCopy, clone_or_copy
from warta.warehouse import StartingCopy, Warehouse

DAY = DAYS[-1]


def test_the_ioctl_is_linux_ficlone():
    # _IOW(0x94, 9, int): write direction, argument size 4, type 0x94, number 9 (linux/fs.h).
    assert durable.FICLONE == (1 << 30) | (4 << 16) | (0x94 << 8) | 9


@pytest.mark.parametrize("code", sorted(durable.NO_REFLINKS | durable.REFUSED_HERE))
def test_a_refused_clone_gets_a_byte_copy_and_says_why(tmp_path, monkeypatch, code):
    source, target = tmp_path / "source", tmp_path / "target"
    source.write_bytes(os.urandom(300_000))
    source.chmod(0o640)

    def refuse(fd: int, request: int, arg: int) -> None:
        assert request == durable.FICLONE
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(durable.fcntl, "ioctl", refuse)
    made = clone_or_copy(source, target)
    name = "EOPNOTSUPP" if code == errno.EOPNOTSUPP else errno.errorcode[code]
    assert made == FileCopy("copied", name, unexpected=code in durable.REFUSED_HERE)
    assert target.read_bytes() == source.read_bytes()
    assert target.stat().st_mode & 0o777 == 0o640  # the live file's permission bits


def test_a_clone_that_misses_part_of_the_file_is_replaced_by_a_copy(tmp_path, monkeypatch):
    source, target = tmp_path / "source", tmp_path / "target"
    source.write_bytes(os.urandom(100_000))
    monkeypatch.setattr(durable.fcntl, "ioctl", lambda fd, request, arg: 0)  # "done", nothing
    assert clone_or_copy(source, target) == FileCopy("copied", "short clone", unexpected=True)
    assert target.read_bytes() == source.read_bytes()


def test_an_existing_target_is_refused_and_left_as_it_was(tmp_path):
    source, target = tmp_path / "source", tmp_path / "target"
    source.write_bytes(b"new")
    target.write_bytes(b"keep me")
    with pytest.raises(FileExistsError):
        clone_or_copy(source, target)
    assert target.read_bytes() == b"keep me"
    with pytest.raises(FileExistsError):
        clone_or_copy(source, source)
    assert source.read_bytes() == b"new"


def test_other_clone_errors_are_raised_not_hidden_by_a_copy(tmp_path, monkeypatch):
    source = tmp_path / "source"
    source.write_bytes(b"x" * 1000)

    def broken(fd: int, request: int, arg: int) -> None:
        raise OSError(errno.EIO, "I/O error")

    monkeypatch.setattr(durable.fcntl, "ioctl", broken)
    with pytest.raises(OSError) as raised:
        clone_or_copy(source, tmp_path / "target")
    assert raised.value.errno == errno.EIO


def test_a_failed_starting_copy_leaves_the_warehouse_and_no_private_file(
    store, tmp_path, monkeypatch
):
    warehouse = Warehouse(tmp_path / "warehouse.duckdb")
    warehouse.publish(store, store.partitions())
    before = dump(warehouse.path)

    def broken(fd: int, request: int, arg: int) -> None:
        raise OSError(errno.EIO, "I/O error")

    monkeypatch.setattr(durable.fcntl, "ioctl", broken)
    with pytest.raises(OSError):
        warehouse.publish(store, [DAY])
    assert dump(warehouse.path) == before
    assert private_files(warehouse.path) == []


def test_the_load_reports_how_it_copied_the_live_file(store, tmp_path):
    warehouse = Warehouse(tmp_path / "warehouse.duckdb")
    first = warehouse.publish(store, store.partitions())
    assert str(first.copy) == "none (no warehouse yet)" and first.copy.warning() is None
    size = warehouse.path.stat().st_size

    second = warehouse.publish(store, [DAY])
    # What this file system does (ext4, tmpfs: a byte copy; XFS, btrfs: a clone).
    expected = clone_or_copy(warehouse.path, tmp_path / "probe")
    assert second.copy.how == expected.how
    assert second.copy.megabytes == pytest.approx(size / 1e6)
    assert 0 < second.copy.seconds <= second.seconds
    assert str(second.copy).startswith(f"{expected.how} {size / 1e6:,.1f} MB in ")
    if expected.refusal:
        assert str(second.copy).endswith(f" s (no clone: {expected.refusal})")

    rebuilt = warehouse.rebuild(store)  # from scratch: nothing to copy
    assert str(rebuilt.copy) == "none (rebuilt from scratch)"


def test_group_and_mode_of_the_live_file_survive_loads_and_rebuilds(store, tmp_path):
    """Analysts read the warehouse through its group: every swap keeps it, and the mode."""
    warehouse = Warehouse(tmp_path / "warehouse.duckdb")
    warehouse.publish(store, list(DAYS[:-1]))
    group = os.getgid() if os.geteuid() else 4321  # root may give any group; others their own
    os.chown(warehouse.path, -1, group)
    warehouse.path.chmod(0o640)
    for load in (lambda: warehouse.publish(store, [DAY]), lambda: warehouse.rebuild(store)):
        inode = warehouse.path.stat().st_ino
        load()
        status = warehouse.path.stat()
        assert status.st_ino != inode  # a new file was swapped in
        assert (status.st_gid, status.st_mode & 0o777) == (group, 0o640)


def test_a_linked_warehouse_path_stays_a_link_and_its_target_is_loaded(store, tmp_path):
    target = tmp_path / "volume" / "warehouse.duckdb"
    target.parent.mkdir()
    link = tmp_path / "warehouse.duckdb"
    link.symlink_to(target)
    Warehouse(link).publish(store, list(DAYS[:-1]))
    Warehouse(link).publish(store, [DAY])
    assert link.is_symlink() and link.resolve() == target
    assert dump(link) == dump(target) and len(dump(target)["raw_files"]) > 0
    assert Warehouse(link).published_partitions() == set(DAYS)
    assert private_files(target) == [] and private_files(link) == []


def test_a_load_that_may_not_keep_the_group_says_so(store, tmp_path):
    """Run by a user who may not give the file its group (here root without CAP_CHOWN), the
    load still publishes, and warns that readers through the group may have lost access."""
    if os.geteuid() != 0:
        pytest.skip("needs root, to take away the right to change a file's group")
    drop = without_capabilities("-chown")
    warehouse = Warehouse(tmp_path / "warehouse.duckdb")
    warehouse.publish(store, list(DAYS[:-1]))
    os.chown(warehouse.path, 1234, 4321)
    warehouse.path.chmod(0o640)
    code = (
        "from warta.parquet_store import ParquetStore; from warta.warehouse import Warehouse;"
        f"load = Warehouse({str(warehouse.path)!r}).publish(ParquetStore({str(store.root)!r}), "
        f"[{DAY!r}]); print(load.access_warning)"
    )
    done = subprocess.run([*drop, sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == (
        "the new warehouse file could not be given the live file's owner 1234 and group 4321 "
        "(this process may not set them): readers who relied on them may have lost access; "
        "run loads as the file's owner or a member of its group"
    )
    status = warehouse.path.stat()
    assert (status.st_uid, status.st_gid, status.st_mode & 0o777) == (0, 0, 0o640)
    assert DAY in warehouse.published_partitions()


def test_a_link_into_a_missing_folder_is_refused_not_recreated(store, tmp_path):
    """A warehouse link whose volume is not mounted: the load fails and creates nothing."""
    from warta.warehouse import WarehouseUnavailable

    link = tmp_path / "warehouse.duckdb"
    link.symlink_to(tmp_path / "unmounted" / "warehouse.duckdb")
    with pytest.raises(WarehouseUnavailable, match="whose folder is missing; is its volume"):
        Warehouse(link).publish(store, [DAY])
    assert not (tmp_path / "unmounted").exists()


def test_a_clone_refused_for_this_file_alone_is_a_warning(store, tmp_path, monkeypatch):
    warehouse = Warehouse(tmp_path / "warehouse.duckdb")
    warehouse.publish(store, store.partitions())

    def no_cow(fd: int, request: int, arg: int) -> None:  # btrfs, live file chattr +C
        raise OSError(errno.EINVAL, "Invalid argument")

    monkeypatch.setattr(durable.fcntl, "ioctl", no_cow)
    load = warehouse.publish(store, [DAY])
    assert load.copy.how == "copied" and load.copy.unexpected
    assert "refused the clone (no clone: EINVAL)" in load.copy.warning()
    assert "chattr -C" in load.copy.warning()


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
    if made.returncode != 0:
        pytest.skip(f"mkfs.xfs cannot make a file system here: {made.stderr.strip()}")
    mounted = subprocess.run(
        ["mount", "-o", "loop", str(image), str(mountpoint)], capture_output=True, text=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot loop-mount an XFS image here: {mounted.stderr.strip()}")
    try:
        yield mountpoint
    finally:  # a process still holding a file there must not leave the mount behind
        if subprocess.run(["umount", str(mountpoint)]).returncode != 0:
            subprocess.run(["umount", "-l", str(mountpoint)], check=True)


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
    try:
        before = int(read_until(analyst, "before").split()[1])
        read_until(analyst, "ready")

        load = on_xfs.publish(full, [DAY])  # writes into a clone sharing the live file's blocks
        assert load.copy == StartingCopy("cloned", size / 1e6, load.copy.seconds, "")
        assert load.copy.warning() is None

        analyst.stdin.write("published\n")
        analyst.stdin.flush()
        _, polls, _, after = read_until(analyst, "during").split()
        assert int(polls) > 0 and int(after) == before  # the old file's blocks were not touched
        assert read_until(analyst, "reconnected") == f"reconnected {before + 1}"
        assert analyst.wait(timeout=30) == 0
    finally:
        analyst.kill()  # an assertion above must not leave it holding a file on the mount
        analyst.wait()

    on_ext.publish(full, [DAY])
    assert dump(on_xfs.path) == dump(on_ext.path) != old
    assert sorted(p.name for p in folder.iterdir()) == ["warehouse.duckdb", "warehouse.duckdb.lock"]
