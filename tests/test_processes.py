"""Process identities: a run of a killed ``warta run`` is told from one still going."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

from warta.processes import process_gone, process_identity


def _child() -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])


def test_this_process_is_running_and_a_finished_one_is_gone():
    assert process_gone(process_identity()) is False
    child = _child()
    try:
        identity = process_identity(child.pid)
        assert process_gone(identity) is False
    finally:
        child.kill()
        child.wait()
    assert process_gone(identity) is True


def test_a_killed_process_not_yet_collected_is_gone():
    child = _child()
    identity = process_identity(child.pid)
    child.kill()
    stat = Path(f"/proc/{child.pid}/stat")
    try:
        deadline = time.monotonic() + 10
        while stat.read_text().rsplit(")", 1)[1].split()[0] != "Z":  # a zombie until waited for
            assert time.monotonic() < deadline
            time.sleep(0.01)
        assert process_gone(identity) is True
    finally:
        child.wait()


def test_a_process_id_used_again_is_not_the_process_recorded():
    host, boot, namespace, pid, start = process_identity().split(":")
    assert start.isdigit()  # Linux: the start time is recorded
    assert process_gone(f"{host}:{boot}:{namespace}:{pid}:{int(start) + 1}") is True


def test_another_boot_is_gone_another_host_or_namespace_cannot_be_told():
    host, boot, namespace, pid, start = process_identity().split(":")
    assert process_gone(f"{host}:another-boot:{namespace}:{pid}:{start}") is True
    assert process_gone(f"not-{socket.gethostname()}:{boot}:{namespace}:{pid}:{start}") is None
    # another container's process 1 is not this one's
    assert process_gone(f"{host}:{boot}:4026500000:1:{start}") is None
    assert process_gone("no identity") is None
    assert process_gone(f"{host}:{boot}:{namespace}:x:{start}") is None


def test_a_process_whose_first_thread_ended_runs_on_in_its_others():
    """Its first thread shows as a zombie while the others work: it is not gone."""
    code = (
        "import ctypes, threading, time\n"
        "threading.Thread(target=time.sleep, args=(30,)).start()\n"
        "ctypes.CDLL(None).pthread_exit(None)\n"
    )
    child = subprocess.Popen([sys.executable, "-c", code])
    identity = process_identity(child.pid)
    stat = Path(f"/proc/{child.pid}/stat")
    try:
        deadline = time.monotonic() + 10
        while stat.read_text().rsplit(")", 1)[1].split()[0] != "Z":
            assert time.monotonic() < deadline
            time.sleep(0.01)
        assert child.poll() is None
        assert process_gone(identity) is False
    finally:
        child.kill()
        child.wait()
