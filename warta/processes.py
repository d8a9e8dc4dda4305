"""Which process is this, and is a process recorded earlier still running?

``warta run`` executes its Dagster runs in its own process; killed, it leaves them STARTED with
their pool slots claimed, which nothing but the daemon's run monitoring would free (hours
later). Each run is tagged with the identity of the process executing it, so that a later
``warta run`` on the same host can tell such a run from one still going
(``pipelines.run``).

An identity is ``host:boot:pidns:pid:start``: the host name, the kernel's boot id, the process
id namespace (``/proc/self/ns/pid``: a container has its own, where process ids repeat), the
process id and the process's start time in clock ticks since boot (``/proc/<pid>/stat``), so
that a process id used again by another process, or after a restart, is not taken for the one
recorded. Where ``/proc`` is missing (not Linux), boot, namespace and start are empty and only
the process id is checked.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path

_PROC = Path("/proc")


def process_identity(pid: int | None = None) -> str:
    """The identity of process ``pid`` (this one by default), as described above."""
    pid = os.getpid() if pid is None else pid
    return f"{socket.gethostname()}:{_boot_id()}:{_pid_namespace()}:{pid}:{_stat(pid)[1]}"


def process_gone(identity: str) -> bool | None:
    """True when the process ``identity`` names ran on this host, in this process's namespace,
    and is not running now (it ended, even if its parent has not collected it yet, was killed,
    or the host restarted since); False while it runs; None when it cannot be told (another
    host or namespace, or an identity of another form)."""
    parts = identity.rsplit(":", 4)
    if len(parts) != 5:
        return None
    host, boot, namespace, pid_text, start = parts
    if host != socket.gethostname() or not pid_text.isdigit():
        return None
    if boot and boot != _boot_id():
        return True  # the host restarted since: every process of that boot is gone
    if namespace != _pid_namespace():
        return None  # another container's process ids: its 1 is not ours
    state, now = _stat(int(pid_text))
    if now:  # the process id is in use: by the process recorded, unless it started otherwise
        return now != start or (state in _ENDED and not _other_threads(int(pid_text)))
    try:  # no /proc, or it hides the process (hidepid): ask the kernel
        os.kill(int(pid_text), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False  # running, as another user
    return False


# A process that ended and waits for its parent to collect it (zombie), or is being removed.
_ENDED = frozenset("ZX")


def _other_threads(pid: int) -> bool:
    """Whether process ``pid`` has threads besides its first: a process whose first thread
    ended (and shows as a zombie) runs on in them."""
    try:
        return len(os.listdir(_PROC / str(pid) / "task")) > 1
    except OSError:
        return False


def _boot_id() -> str:
    try:
        return (_PROC / "sys/kernel/random/boot_id").read_text().strip()
    except OSError:
        return ""


def _pid_namespace() -> str:
    """The number of this process's process id namespace (``pid:[4026531836]``), or ``""``."""
    try:
        return os.readlink(_PROC / "self/ns/pid").removeprefix("pid:[").removesuffix("]")
    except OSError:
        return ""


def _stat(pid: int) -> tuple[str, str]:
    """Fields 3 and 22 of ``/proc/<pid>/stat`` (the state, the start time); ``("", "")`` when
    there is no such process or it cannot be read. The command name (field 2, in brackets) may
    hold spaces and brackets: the fields after it are read from its last closing bracket on."""
    try:
        stat = (_PROC / str(pid) / "stat").read_text()
    except OSError:
        return "", ""
    fields = stat[stat.rfind(")") + 2 :].split()
    return (fields[0], fields[19]) if len(fields) > 19 else ("", "")
