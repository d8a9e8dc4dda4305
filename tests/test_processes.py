"""Process identities: a run of a killed ``warta run`` is told from one still going."""

from __future__ import annotations

import socket
import subprocess
import sys

from warta.processes import process_gone, process_identity


def test_this_process_is_running_and_a_finished_one_is_gone():
    assert process_gone(process_identity()) is False
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        identity = process_identity(child.pid)
        assert process_gone(identity) is False
    finally:
        child.kill()
        child.wait()
    assert process_gone(identity) is True


def test_a_process_id_used_again_is_not_the_process_recorded():
    host, boot, pid, start = process_identity().rsplit(":", 3)
    assert start.isdigit()  # Linux: the start time is recorded
    assert process_gone(f"{host}:{boot}:{pid}:{int(start) + 1}") is True


def test_another_boot_is_gone_and_another_host_cannot_be_told():
    host, boot, pid, start = process_identity().rsplit(":", 3)
    assert process_gone(f"{host}:another-boot:{pid}:{start}") is True
    assert process_gone(f"not-{socket.gethostname()}:{boot}:{pid}:{start}") is None
    assert process_gone("no identity") is None
    assert process_gone(f"{host}:{boot}:x:{start}") is None
