"""Durable file operations: data reaches the disk before a rename makes it visible."""

from __future__ import annotations

import errno
import fcntl
import os
import shutil
import stat
from pathlib import Path
from typing import NamedTuple

# ioctl request of Linux's FICLONE (linux/fs.h: _IOW(0x94, 9, int)): the target file shares the
# source's blocks (a reflink) on file systems that can (XFS, btrfs, bcachefs, OCFS2, ZFS 2.2+).
FICLONE = 0x40049409
# Refusals that only say this file system or platform has no reflinks: ext4, tmpfs, NFS without
# clones (EOPNOTSUPP), two file systems or overlayfs layers (EXDEV), macOS and other platforms
# (ENOTTY, ENOSYS). A copy is then the normal way, nothing to report.
NO_REFLINKS = frozenset({errno.EOPNOTSUPP, errno.EXDEV, errno.ENOTTY, errno.ENOSYS})
# Refusals by a file system that has reflinks but not for this file: btrfs when the live file
# has the No_COW attribute (chattr +C), XFS on DAX or realtime files (EINVAL); ZFS while the
# blocks are not yet written out (EAGAIN). The bytes are copied, and the caller should say why.
REFUSED_HERE = frozenset({errno.EINVAL, errno.EAGAIN})


class FileCopy(NamedTuple):
    """How :func:`clone_or_copy` made its copy: ``how`` is ``"cloned"`` or ``"copied"``;
    ``refusal`` says why a copy was not a clone (``"EOPNOTSUPP"``, ``"EINVAL"``, ``"short
    clone"``; empty for a clone); ``unexpected`` is true when the file system has reflinks but
    refused them for this file, which is worth a warning."""

    how: str
    refusal: str = ""
    unexpected: bool = False


def fsync_file(path: Path) -> None:
    """Flush a file's data to disk."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(path: Path) -> None:
    """Flush a directory entry (after a rename into it) to disk."""
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def take_access_of(reference: Path, target: Path) -> str | None:
    """Give ``target`` (about to replace ``reference``) the owner, group and permission bits of
    ``reference``, so those who could read the replaced file can read its successor. Root sets
    owner and group; another user can set only a group it belongs to. Returns None when
    ``target`` got them all, else what it lacks (to warn about)."""
    status = os.stat(reference)
    lacking = None
    try:
        os.chown(target, status.st_uid, status.st_gid)
    except PermissionError:
        try:
            os.chown(target, -1, status.st_gid)
        except PermissionError:
            lacking = f"group {status.st_gid}"
        if os.stat(target).st_uid != status.st_uid:
            owner = f"owner {status.st_uid}"
            lacking = f"{owner} and {lacking}" if lacking else owner
    # After the group: the bits then apply to the group they were meant for.
    os.chmod(target, stat.S_IMODE(status.st_mode))
    return lacking


def clone_or_copy(source: Path, target: Path) -> FileCopy:
    """Make ``target``, a new file (an existing one raises ``FileExistsError``: it is never
    truncated), a copy of ``source`` with its permission bits: by sharing its blocks where the
    file system can (a clone takes milliseconds whatever the size; later writes to either file
    get new blocks), else by copying the bytes. Errors other than a refused clone are raised."""
    with open(source, "rb") as src, open(target, "xb") as dst:
        os.fchmod(dst.fileno(), stat.S_IMODE(os.fstat(src.fileno()).st_mode))
        try:
            fcntl.ioctl(dst.fileno(), FICLONE, src.fileno())
        except OSError as error:
            if error.errno not in NO_REFLINKS | REFUSED_HERE:
                raise
            refusal = errno.errorcode.get(error.errno, str(error.errno))
            if error.errno == errno.EOPNOTSUPP:  # also named ENOTSUP on Linux
                refusal = "EOPNOTSUPP"
            unexpected = error.errno in REFUSED_HERE
        else:
            # A clone must hold the whole file (some ZFS 2.2 releases reported partial clones
            # as done); otherwise copy the bytes over it.
            if os.fstat(dst.fileno()).st_size == os.fstat(src.fileno()).st_size:
                return FileCopy("cloned")
            refusal, unexpected = "short clone", True
    shutil.copyfile(source, target)
    return FileCopy("copied", refusal, unexpected)
