"""The landing zone: ``<raw root>/YYYY-MM-DD/**`` files as scrapers drop them.

Listing and reading are defensive: a file that vanishes, cannot be read, is too large, is a
symlink leading out of the raw root or has a name that is not UTF-8 becomes a ``FileProblem`` with
a reason, never an exception. What cannot be listed at all (the raw root missing, as when its
volume is not mounted, or a day folder that cannot be read) raises ``LandingUnavailable``: a
listing that silently came back empty would publish the day as empty.
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import hashlib
import itertools
import os
import re
import stat
import sys
import time
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from warta.text import shortened

_PARTITION = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Folder times this recent vouch for nothing (see ``LandingZone.folder_times``): file system
# clocks tick coarsely, so a later change within the same tick can leave them equal.
RACY_SECONDS = 2.0
# Linux's CLOCK_REALTIME_COARSE (Python's time module does not name it): the clock the kernel
# stamps file times from.
_CLOCK_REALTIME_COARSE = 5
# Elsewhere, how far the precise clock is set back to stay at or before file times.
_STAMP_MARGIN_NS = 10_000_000
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
# (mtime_ns, ctime_ns) of a partition's folders by path relative to it; "" is the folder itself.
FolderTimes = dict[str, tuple[int, int]]


# Errors of a file system that may answer again soon (a network mount hiccup): worth a retry.
TRANSIENT_ERRNOS = frozenset(
    {errno.EIO, errno.ESTALE, errno.ENOTCONN, errno.EAGAIN, errno.ETIMEDOUT, errno.EHOSTDOWN}
)


class LandingUnavailable(RuntimeError):
    """The landing zone, or a day folder of it, cannot be listed: nothing is known of its files.

    ``transient``: the file system's error may pass (``TRANSIENT_ERRNOS``); a missing or
    unreadable folder will not by itself."""

    def __init__(self, message: str, error: OSError | None = None) -> None:
        super().__init__(message)
        self.transient = error is not None and error.errno in TRANSIENT_ERRNOS


@dataclass(frozen=True, slots=True)
class LandingFile:
    """A file found in a partition folder; ``source_path`` is relative to the raw root.

    ``mtime_ns`` and ``ctime_ns`` are the file's times when it was listed (0 if unknown).
    ``problem`` is set when the listing already knows the file cannot be taken (its name is not
    UTF-8, or it or its folder could not be examined): it is rejected with that reason unread.
    A name that is not UTF-8 is kept with its undecodable bytes written ``\\xNN``. ``link``: a
    symbolic link, whose size and times are the link's own (the parse reads its target).
    """

    source_path: str
    size_bytes: int
    mtime_ns: int = field(default=0, compare=False)
    ctime_ns: int = field(default=0, compare=False)
    problem: str | None = field(default=None, compare=False)
    link: bool = field(default=False, compare=False)


@dataclass(frozen=True, slots=True)
class FileProblem:
    """Why a listed file could not be read (or was not parsed)."""

    reason: str
    sha256: str | None = None  # of its bytes, when they were read (a file over the size limit)


def stamp_clock() -> datetime:
    """Now (UTC), at or before the time a file changed from now on is stamped with.

    Linux stamps file times from its coarse clock, which lags the precise one (``datetime.now``)
    by up to a timer tick (1–10 ms): a file written just after ``datetime.now()`` can carry an
    earlier mtime and ctime. A listing time taken from this clock is therefore at or before the
    times of every file that changes after the listing, so the ledger checks never count such a
    file as there when the folder was listed (lost, an ERROR). A file stamped in the listing's own
    tick counts as landed after it (a WARN): the side that blocks nothing.
    """
    now_ns = None
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError):  # a kernel without the coarse clock
            now_ns = time.clock_gettime_ns(_CLOCK_REALTIME_COARSE)
    if now_ns is None:
        now_ns = time.time_ns() - _STAMP_MARGIN_NS
    # Whole microseconds, rounded down as the checks round file times (rounding up could pass a
    # file stamped in the same tick).
    return _EPOCH + timedelta(microseconds=now_ns // 1000)


def is_partition_key(name: str) -> bool:
    """True for a ``YYYY-MM-DD`` folder name that is a real calendar date."""
    if not _PARTITION.match(name):
        return False
    try:
        date.fromisoformat(name)
    except ValueError:
        return False
    return True


# Names that uploads and downloads write to before renaming the finished file (wget, curl -C,
# browsers, rsync's own are hidden): a page still arriving, not a page.
IN_FLIGHT_SUFFIXES = (".part", ".partial", ".crdownload", ".download", ".tmp", "~")


# Files that desktops and tools leave in any folder they show or sync: hidden, so never listed,
# and never a page on its way (Finder's .DS_Store, KDE's .directory, the placeholders that keep
# an empty folder in git, and macOS's ._name AppleDouble file beside a file `name` copied to a
# foreign volume). The in-flight check leaves them out: reported, they would fail its WARN
# every day for nothing to do.
DESKTOP_METADATA = frozenset({".ds_store", ".localized", ".directory", ".gitkeep", ".keep"})


def is_desktop_metadata(name: str, siblings: Collection[str]) -> bool:
    """A hidden file that desktops leave in a folder of ``siblings`` (its other names):
    ``DESKTOP_METADATA``, or ``._name`` beside ``name`` (alone, ``._name`` may be an upload's
    temporary name for ``_name``)."""
    return name.lower() in DESKTOP_METADATA or (name.startswith("._") and name[2:] in siblings)


def in_flight(name: str) -> bool:
    """A file still being written under a temporary name: hidden (``.name``, as rsync and most
    uploaders write) or ending as a partial download does (``IN_FLIGHT_SUFFIXES``)."""
    return name.startswith(".") or name.lower().endswith(IN_FLIGHT_SUFFIXES)


def _dangling_link(path: str) -> str:
    """Why the link at ``path`` leads to no file: a loop of links, or a target missing."""
    try:
        os.stat(path)
    except OSError as error:
        if error.errno == errno.ELOOP:
            return "symlink loop"
    return "symlink target missing"


class LandingZone:
    """Read access to the raw root. Files still arriving (``in_flight``) are skipped."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root).absolute()
        self._real_root = os.path.realpath(self.root)

    def partitions(self) -> list[str]:
        """Partition keys (``YYYY-MM-DD`` folders) present, oldest first."""
        return sorted(
            entry.name
            for entry in self._entries()
            if entry.is_dir(follow_symlinks=False) and is_partition_key(entry.name)
        )

    def strays(self) -> list[str]:
        """Names at the top of the raw root that no partition takes: files, and folders whose
        name is not a ``YYYY-MM-DD`` date (hidden names excepted). Their files are never parsed.
        """
        return sorted(
            _printable(entry.name)
            for entry in self._entries()
            if not entry.name.startswith(".")
            and not (entry.is_dir(follow_symlinks=False) and is_partition_key(entry.name))
        )

    def strays_warning(self) -> str | None:
        """What :meth:`strays` finds, as a warning for the operator (the first ten names), or
        None when every entry is a day folder."""
        strays = self.strays()
        if not strays:
            return None
        named = [
            (n if n.isprintable() else repr(n)) + self.day_entry_problem(n, short=True)
            for n in strays
        ]
        if len(strays) == 1:
            return (
                f"1 entry in {self.root} is no YYYY-MM-DD day folder and is never parsed: "
                f"{named[0]}"
            )
        return (
            f"{len(strays)} entries in {self.root} are not YYYY-MM-DD day folders and are never "
            f"parsed: {shortened(named)}"
        )

    def day_entry_problem(self, partition: str, *, short: bool = False) -> str:
        """Why the entry named ``partition`` at the top of the raw root is no day folder: a
        symbolic link (not followed, to a folder or not) or something else than a folder; ``""``
        when it is a folder, is missing, or the name is no date. ``short``: as a remark in
        brackets after the name."""
        if not is_partition_key(partition):
            return ""
        path = self.root / partition
        if path.is_symlink():
            why = "a symbolic link; links to day folders are not followed"
        elif path.exists() and not path.is_dir():
            why = "not a folder"
        else:
            return ""
        return f" ({why.split(';')[0]})" if short else why

    def missing_day(self, partition: str) -> str | None:
        """Why ``partition`` has no day folder to parse, as a phrase (``no landing folder
        /raw/2026-11-31``, ``/raw/2026-11-25 is not a folder``), or None when it has one."""
        path = self.root / partition
        problem = self.day_entry_problem(partition)
        if problem:
            return f"{path} is {problem}"
        return None if os.path.lexists(path) else f"no landing folder {path}"

    def days_held(self) -> str:
        """What the landing zone holds, for a message about a day it lacks."""
        present = self.partitions()
        if not present:
            return "the landing zone holds no day folder"
        if len(present) == 1:
            return f"the landing zone holds one day, {present[0]}"
        return f"the landing zone holds {len(present)} days, {present[0]} .. {present[-1]}"

    def _entries(self) -> list[os.DirEntry[str]]:
        try:
            with os.scandir(self.root) as entries:
                return list(entries)
        except OSError as error:
            raise self._root_unavailable(error) from error

    def _root_unavailable(self, error: OSError) -> LandingUnavailable:
        return LandingUnavailable(
            f"landing zone {self.root} cannot be listed ({error.strerror or error}); "
            "is WARTA_RAW_DIR right and its volume mounted?",
            error,
        )

    def files(self, partition: str) -> list[LandingFile]:
        """Every file under the partition folder, recursively, in path order.

        A day without a folder has no files; the raw root missing or a day folder that cannot be
        read raises ``LandingUnavailable``. A subfolder that cannot be read is listed as one
        file with a ``problem``, so the ledger says what was not looked at.
        """
        if not is_partition_key(partition):
            raise ValueError(f"not a partition key (YYYY-MM-DD): {partition!r}")
        try:
            if not stat.S_ISDIR(os.stat(self.root).st_mode):
                raise LandingUnavailable(f"landing zone {self.root} is not a folder")
        except OSError as error:
            raise self._root_unavailable(error) from error
        folder = self.root / partition
        found: list[LandingFile] = []
        if folder.is_symlink():  # listed, never followed: the ledger says where it leads
            try:
                status = folder.lstat()
            except OSError:
                return found  # removed since: nothing landed
            return [LandingFile(partition, 0, status.st_mtime_ns, status.st_ctime_ns)]
        if not folder.is_dir():
            return found
        try:
            os.scandir(folder).close()
        except FileNotFoundError:
            return found
        except OSError as error:
            raise LandingUnavailable(
                f"landing folder {folder} cannot be listed ({error.strerror or error})", error
            ) from error
        # Relative paths by prefix: os.walk yields paths under ``folder`` as it was joined.
        skip = len(os.path.join(str(self.root), ""))

        def unreadable(error: OSError) -> None:
            if isinstance(error, FileNotFoundError) or not error.filename:
                return  # a subfolder removed while listing: nothing landed there
            found.append(
                _listed(
                    str(error.filename)[skip:].replace(os.sep, "/"),
                    None,
                    f"folder not readable ({_why(error)})",
                )
            )

        for dirpath, dirnames, filenames in os.walk(folder, onerror=unreadable, followlinks=False):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            # A linked folder is not descended into; it is listed, so the ledger says so.
            linked = [d for d in dirnames if os.path.islink(os.path.join(dirpath, d))]
            relative = dirpath[skip:].replace(os.sep, "/")
            for name in [*filenames, *linked]:
                if in_flight(name):
                    continue
                try:
                    status = os.lstat(os.path.join(dirpath, name))
                except FileNotFoundError:
                    continue  # vanished while listing: it was never landed
                except OSError as error:
                    found.append(
                        _listed(
                            f"{relative}/{name}",
                            None,
                            f"file not readable ({_why(error)})",
                        )
                    )
                    continue
                found.append(_listed(f"{relative}/{name}", status))
        found.sort(key=lambda f: f.source_path)
        return _unique(found)

    def in_flight_files(self, partition: str) -> list[LandingFile]:
        """What :meth:`files` skips under the partition folder as still arriving, in path order:
        files and linked folders with an in-flight name, and hidden subfolders (one entry each:
        the bytes of the files in it, and the latest time of anything in it, as an upload into
        it changes its files' times but not the folder's). Desktop metadata files
        (``is_desktop_metadata``: ``.DS_Store``) are left out. A folder that cannot be read, or
        a day that is no folder, gives nothing."""
        folder = self.root / partition
        if not is_partition_key(partition) or folder.is_symlink() or not folder.is_dir():
            return []
        skip = len(os.path.join(str(self.root), ""))
        found: list[LandingFile] = []
        for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
            hidden = [d for d in dirnames if d.startswith(".")]
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            linked = [d for d in dirnames if os.path.islink(os.path.join(dirpath, d))]
            relative = dirpath[skip:].replace(os.sep, "/")
            for name in [*filenames, *linked, *hidden]:
                if not in_flight(name) or (
                    name in filenames and is_desktop_metadata(name, filenames)
                ):
                    continue
                path = os.path.join(dirpath, name)
                try:
                    status = os.lstat(path)
                except OSError:
                    continue  # gone since (renamed to its final name, most likely)
                listed = _listed(f"{relative}/{name}", status)
                if name in hidden and not stat.S_ISLNK(status.st_mode):
                    listed = _with_contents(listed, path)
                found.append(listed)
        found.sort(key=lambda f: f.source_path)
        return found

    def fingerprint(self, partition: str) -> str:
        """A short hash of the folder's file names, sizes and modification times (the
        sensor's run key: its form must not change)."""
        digest = _listing_digest(self.files(partition), ctimes=False)
        digest.update(str(self.root / partition).encode())
        return digest.hexdigest()[:16]

    def folder_times(self, partition: str) -> FolderTimes | None:
        """``(mtime_ns, ctime_ns)`` of the partition folder and of every folder listed under it,
        by path relative to it (``""``: the folder itself); None when the folder is absent or
        one of them changed less than ``RACY_SECONDS`` ago.

        A folder's times change whenever a name in it is added, removed or renamed, so while
        they all stay the same, the folder holds the same names (a file rewritten in place under
        its old name changes only the file's times). Taken before a listing, they vouch for it
        until they change. Times set within the same clock tick as a later change can be equal,
        so recent times vouch for nothing.
        """
        if not is_partition_key(partition):
            raise ValueError(f"not a partition key (YYYY-MM-DD): {partition!r}")
        folder = os.path.join(str(self.root), partition)
        horizon = time.time_ns() - int(RACY_SECONDS * 1e9)
        try:
            status = os.lstat(folder)
        except OSError:
            return None
        times: FolderTimes = {"": (status.st_mtime_ns, status.st_ctime_ns)}
        if stat.S_ISDIR(status.st_mode):
            skip = len(os.path.join(folder, ""))
            for dirpath, dirnames, _ in os.walk(folder, followlinks=False):
                dirnames[:] = [d for d in dirnames if not d.startswith(".")]
                for name in dirnames:
                    path = os.path.join(dirpath, name)
                    try:
                        status = os.lstat(path)
                    except OSError:
                        return None  # changing under us
                    times[path[skip:].replace(os.sep, "/")] = (
                        status.st_mtime_ns,
                        status.st_ctime_ns,
                    )
        if any(max(pair) >= horizon for pair in times.values()):
            return None
        return times

    def folder_times_unchanged(self, partition: str, times: FolderTimes) -> bool:
        """True while every folder of ``times`` (from :meth:`folder_times`) keeps its times: the
        partition holds the same names as when they were taken (a stat per folder, no listing).
        """
        folder = os.path.join(str(self.root), partition)
        for relative, recorded in times.items():
            path = os.path.join(folder, relative) if relative else folder
            try:
                status = os.lstat(path)
            except OSError:
                return False
            if (status.st_mtime_ns, status.st_ctime_ns) != tuple(recorded):
                return False
        return True

    def read(self, source_path: str, max_bytes: int) -> bytes | FileProblem:
        """The raw bytes of a listed file, or the problem that prevents reading it."""
        if os.path.isabs(source_path) or ".." in source_path.split("/"):
            return FileProblem("path outside the landing zone")
        path = os.path.join(self.root, source_path)
        try:
            status = os.lstat(path)
            if stat.S_ISLNK(status.st_mode):
                # Listing never descends into linked folders, so only the file itself can be a
                # link: resolve it and keep it only if it stays inside the raw root.
                path = os.path.realpath(path)
                if os.path.commonpath([path, self._real_root]) != self._real_root:
                    return FileProblem("symlink points outside the landing zone")
                if not os.path.exists(path):
                    return FileProblem(_dangling_link(os.path.join(self.root, source_path)))
                status = os.stat(path)
            if not stat.S_ISREG(status.st_mode):
                return FileProblem("not a regular file")
            # Opened without blocking or following a link, and judged by what was opened: a file
            # swapped for a FIFO since the stat would otherwise block the open (and the parse)
            # forever, and one swapped for a link could lead out of the landing zone.
            fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW)
            with open(fd, "rb") as handle:
                if not stat.S_ISREG(os.fstat(fd).st_mode):
                    return FileProblem("not a regular file")
                if status.st_size > max_bytes:
                    # The size is in the ledger (size_bytes): one reason for every file over
                    # the limit. Hashed in chunks, never held: the ledger's sha256 still says
                    # which bytes were turned away.
                    too_large = f"file too large (over {max_bytes} bytes)"
                    return FileProblem(too_large, hashlib.file_digest(handle, "sha256").hexdigest())
                # Sized by the stat (a buffer of max_bytes costs more than the read); a file that
                # grew since is read on, up to one byte past the limit.
                data = handle.read(status.st_size + 1)
                if len(data) > status.st_size:
                    data += handle.read(max_bytes + 1 - len(data))
            if len(data) > max_bytes:
                return FileProblem(f"file too large (over {max_bytes} bytes when read)")
            return data
        except FileNotFoundError:
            return FileProblem("file vanished before it could be read")
        except OSError as error:
            return FileProblem(f"file not readable ({_why(error)})")


HIDDEN_FOLDER_ENTRIES = 10_000


def _with_contents(folder: LandingFile, path: str) -> LandingFile:
    """A hidden folder as one in-flight entry: its files' bytes, and the latest time of it and
    of anything in it (what was removed or is unreadable since is left out). Only the first
    ``HIDDEN_FOLDER_ENTRIES`` entries are looked at (a stray ``.git`` or ``.snapshot`` must not
    make the check walk a tree): the bytes of a larger folder are a lower bound."""
    size, mtime, ctime = 0, folder.mtime_ns, folder.ctime_ns
    entries = (
        os.path.join(dirpath, name)
        for dirpath, dirnames, filenames in os.walk(path, followlinks=False)
        for name in [*dirnames, *filenames]
    )
    for entry in itertools.islice(entries, HIDDEN_FOLDER_ENTRIES):
        try:
            status = os.lstat(entry)
        except OSError:
            continue
        if stat.S_ISREG(status.st_mode):
            size += status.st_size
        mtime, ctime = max(mtime, status.st_mtime_ns), max(ctime, status.st_ctime_ns)
    return dataclasses.replace(folder, size_bytes=size, mtime_ns=mtime, ctime_ns=ctime)


def _listed(path: str, status: os.stat_result | None, problem: str | None = None) -> LandingFile:
    printable = _printable(path)
    if printable != path and problem is None:
        problem = NOT_UTF8_NAME
    if status is None:
        return LandingFile(printable, 0, problem=problem)
    return LandingFile(
        printable,
        status.st_size,
        status.st_mtime_ns,
        status.st_ctime_ns,
        problem,
        stat.S_ISLNK(status.st_mode),
    )


NOT_UTF8_NAME = "file name is not valid UTF-8 (rename the file to land it)"
# Added to an escaped name that equals a listed name (a file really named ``caf\\xe9.txt``
# beside one whose name has the byte 0xE9): source_path stays unique.
ESCAPED_TWIN = " (name not UTF-8)"


def _unique(found: list[LandingFile]) -> list[LandingFile]:
    """``found`` (sorted) with every escaped name that equals another listed name suffixed
    ``ESCAPED_TWIN`` (repeatedly, should that name be taken too)."""
    taken = [f.source_path for f in found]
    if len(set(taken)) == len(taken):
        return found
    names = set(taken)
    unique = []
    for f in found:
        path = f.source_path
        if f.problem == NOT_UTF8_NAME and taken.count(path) > 1:
            while path in names:
                path += ESCAPED_TWIN
            names.add(path)
            f = dataclasses.replace(f, source_path=path)
        unique.append(f)
    unique.sort(key=lambda f: f.source_path)
    return unique


def _why(error: OSError) -> str:
    """The reason words of ``LandingZone.read``: "permission denied", else the system's."""
    if isinstance(error, PermissionError):
        return "permission denied"
    return error.strerror or str(error)


def _printable(name: str) -> str:
    """``name`` as listed, with the bytes of a name that is not UTF-8 (which Python hands over
    as lone surrogates, and Parquet and the warehouse cannot store) written ``\\xNN``."""
    if name.isascii():
        return name
    try:
        name.encode()
    except UnicodeEncodeError:
        return os.fsencode(name).decode("utf-8", "backslashreplace")
    return name


def listing_state(files: list[LandingFile]) -> str:
    """A short hash of a listing: names, sizes, mtimes and ctimes (what the SQL checks judge the
    ledger against; ``landed_at`` is the later of the two times)."""
    return _listing_digest(files, ctimes=True).hexdigest()[:16]


def _listing_digest(files: list[LandingFile], *, ctimes: bool):  # -> hashlib sha256 object
    digest = hashlib.sha256()
    for f in files:
        ctime = f"\0{f.ctime_ns}" if ctimes else ""
        digest.update(f"{f.source_path}\0{f.size_bytes}\0{f.mtime_ns}{ctime}\n".encode())
    return digest
