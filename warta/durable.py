"""Durable file operations: data reaches the disk before a rename makes it visible."""

from __future__ import annotations

import errno
import fcntl
import os
import shutil
from pathlib import Path

# ioctl request of Linux's FICLONE (linux/fs.h: _IOW(0x94, 9, int)): the target file shares the
# source's blocks (a reflink) on file systems that can (XFS, btrfs, bcachefs, OCFS2).
FICLONE = 0x40049409
# What the ioctl fails with where blocks cannot be shared: file systems without reflinks (ext4,
# tmpfs: EOPNOTSUPP, ENOTTY, EINVAL), two file systems (EXDEV), platforms without it.
_CANNOT_CLONE = frozenset({errno.EOPNOTSUPP, errno.ENOTTY, errno.EINVAL, errno.EXDEV, errno.ENOSYS})


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


def clone_or_copy(source: Path, target: Path) -> str:
    """Make ``target`` a copy of ``source``: by sharing its blocks where the file system can
    (``"cloned"``: constant time whatever the size; later writes to either file copy only the
    blocks they change), else by copying the bytes (``"copied"``). Other errors are raised."""
    with open(source, "rb") as src, open(target, "wb") as dst:
        try:
            fcntl.ioctl(dst.fileno(), FICLONE, src.fileno())
            return "cloned"
        except OSError as error:
            if error.errno not in _CANNOT_CLONE:
                raise
    shutil.copyfile(source, target)
    return "copied"
