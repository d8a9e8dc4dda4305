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


def take_access_of(reference: Path, target: Path) -> None:
    """Give ``target`` (about to replace ``reference``) the permission bits, owner and group of
    ``reference``, so those who could read the replaced file can read its successor. The owner
    and group are kept where this process may set them: root sets both, others their own group;
    what it may not set is left as created."""
    status = os.stat(reference)
    os.chmod(target, stat.S_IMODE(status.st_mode))
    for uid, gid in ((status.st_uid, status.st_gid), (-1, status.st_gid)):
        try:
            os.chown(target, uid, gid)
            return
        except PermissionError:
            continue


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
