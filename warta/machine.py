"""Facts about the machine a benchmark ran on, for the figures recorded in ``docs/``."""

from __future__ import annotations

import contextlib
import os
import platform
from pathlib import Path


def cpu_model() -> str:
    """The CPU's model name from /proc/cpuinfo (Linux), with its family, model, stepping and
    clock, else what ``platform`` knows.

    Virtual machines often report a bare name ("AMD EPYC") for CPUs generations apart; the family
    and model numbers tell them apart (e.g. family 26 is AMD Zen 5).
    """
    try:
        return describe_cpuinfo(Path("/proc/cpuinfo").read_text())
    except (OSError, ValueError):
        return platform.processor() or "unknown CPU"


def describe_cpuinfo(text: str) -> str:
    """``"<model name> (family F, model M, stepping S, N MHz)"`` from the first processor of a
    cpuinfo text; the parts it lacks are left out."""
    fields: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip():
            if fields:
                break  # the first processor's block is enough
            continue
        key, _, value = line.partition(":")
        fields.setdefault(key.strip(), value.strip())
    if "model name" not in fields:
        raise ValueError("no model name in cpuinfo")
    details = [
        f"{label} {fields[key]}"
        for label, key in (("family", "cpu family"), ("model", "model"), ("stepping", "stepping"))
        if key in fields
    ]
    # The clock when read: it may differ between runs where the host scales it.
    with contextlib.suppress(KeyError, ValueError):
        details.append(f"{float(fields['cpu MHz']):.0f} MHz")
    return fields["model name"] + (f" ({', '.join(details)})" if details else "")


def memory_gb() -> float:
    """Physical memory in GiB."""
    return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30


def load() -> str:
    """The 1, 5 and 15 minute load averages."""
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def cpu_seconds() -> tuple[float, float] | None:
    """Seconds all CPUs of the machine have spent busy since boot, and stolen, or None off Linux
    (see ``parse_proc_stat``)."""
    try:
        with open("/proc/stat") as stat:
            return parse_proc_stat(stat.readline())
    except (OSError, ValueError):
        return None


def parse_proc_stat(line: str) -> tuple[float, float]:
    """(busy, stolen) seconds from the ``cpu`` line of /proc/stat (all CPUs together).

    Busy: every process and the kernel (user, nice, system, irq and softirq; not idle or
    iowait). Stolen: time a virtual CPU was ready to run but the host ran something else.
    """
    fields = line.split()
    if len(fields) < 9 or fields[0] != "cpu":
        raise ValueError(f"not the cpu line of /proc/stat: {line[:80]!r}")
    user, nice, system, _idle, _iowait, irq, softirq, steal = map(int, fields[1:9])
    tick = os.sysconf("SC_CLK_TCK")
    return (user + nice + system + irq + softirq) / tick, steal / tick
