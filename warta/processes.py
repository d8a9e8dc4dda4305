"""Which process is this, and is a process recorded earlier still running?

``warta run`` executes its Dagster runs in its own process; killed, it leaves them STARTED with
their pool slots claimed, which nothing but the daemon's run monitoring would free (hours
later). Each run is tagged with the identity of the process executing it, so that a later
``warta run`` on the same host can tell such a run from one still going
(``pipelines.run``).

An identity is ``host:boot:pid:start``: the host name, the kernel's boot id, the process id and
the process's start time in clock ticks since boot (``/proc/<pid>/stat``), so that a process id
used again by another process, or after a restart, is not taken for the one recorded. Where
``/proc`` is missing (not Linux), boot and start are empty and only the process id is checked.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path

_PROC = Path("/proc")


def process_identity(pid: int | None = None) -> str:
    """The identity of process ``pid`` (this one by default), as described above."""
    pid = os.getpid() if pid is None else pid
    return f"{socket.gethostname()}:{_boot_id()}:{pid}:{_start_ticks(pid)}"


def process_gone(identity: str) -> bool | None:
    """True when the process ``identity`` names ran on this host and is not running now (it
    ended, was killed, or the host restarted since); False while it runs; None when it cannot
    be told (another host, or an identity of another form)."""
    host, boot, pid_text, start = _parts(identity)
    if host is None or host != socket.gethostname() or not pid_text.isdigit():
        return None
    if boot and boot != _boot_id():
        return True  # the host restarted since: every process of that boot is gone
    pid = int(pid_text)
    if start:
        return _start_ticks(pid) != start
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False  # running, as another user
    return False


def _parts(identity: str) -> tuple[str | None, str, str, str]:
    # The host name holds no colon; the boot id and the start time may be empty.
    parts = identity.rsplit(":", 3)
    if len(parts) != 4:
        return None, "", "", ""
    host, boot, pid, start = parts
    return host, boot, pid, start


def _boot_id() -> str:
    try:
        return (_PROC / "sys/kernel/random/boot_id").read_text().strip()
    except OSError:
        return ""


def _start_ticks(pid: int) -> str:
    """Field 22 of ``/proc/<pid>/stat`` (the start time), ``""`` when there is no such process
    or no ``/proc``. The command name (field 2, in brackets) may hold spaces and brackets: the
    fields after it are read from its last closing bracket on."""
    try:
        stat = (_PROC / str(pid) / "stat").read_text()
    except OSError:
        return ""
    fields = stat[stat.rfind(")") + 2 :].split()
    return fields[19] if len(fields) > 19 else ""
