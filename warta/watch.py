"""What the landing sensor remembers between evaluations, and which folders it must look at.

A folder is *settled* once its content (its fingerprint, ``LandingZone.fingerprint``) needs no
run: one succeeded, or the sensor gave up retrying it. Fingerprinting lists every file, which
costs ~10 µs a file: at 10,000 files a day, a year of folders takes ~40 s on every evaluation.
So each settled folder is remembered with its folders' times (``LandingZone.folder_times``):
while they are unchanged no name was added, removed or renamed under it, and a stat per folder
and subfolder replaces the listing. A file rewritten in place under its old
name changes no folder's times; ``sweep`` settled folders an evaluation are listed anyway, in
turn, so such a change is still seen within ``folders / sweep`` evaluations.

The sensor's warnings (entries no partition takes, folders outside the partition range) hold
for as long as those entries stay, and the sensor ticks every minute: each warning is logged
when it is new or its text changed, and again once every ``WARN_AGAIN_SECONDS`` while it holds
(``LandingWatch.due``), not on all 1,440 ticks of a day.

The state is a JSON string (the sensor's cursor)::

    {"settled": {"2026-11-24": ["<fingerprint>", {"": [mtime_ns, ctime_ns], ...} or null]},
     "sweep_from": "2026-11-24",
     "warned": {"<sha-256 of a warning, 16 hex digits>": <POSIX time it was last logged>}}

The first form of the cursor (``{"<partition>": "<fingerprint>"}``) is read too.
"""

from __future__ import annotations

import bisect
import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from warta.landing import FolderTimes, LandingZone

SWEEP_PER_EVALUATION = 5
WARN_AGAIN_SECONDS = 24 * 3600


@dataclass(frozen=True, slots=True)
class FolderChange:
    """A folder whose content is not settled: its fingerprint now, and the folder times taken
    just before it was listed (None: too recent to vouch for the listing)."""

    partition: str
    fingerprint: str
    times: FolderTimes | None


class LandingWatch:
    def __init__(self, zone: LandingZone, cursor: str | None, *, sweep: int | None = None) -> None:
        self.zone = zone
        self.sweep = SWEEP_PER_EVALUATION if sweep is None else sweep
        self.settled: dict[str, tuple[str, FolderTimes | None]] = {}
        self.sweep_from = ""
        self.listed: list[str] = []  # partitions listed by the last ``changes``
        self._rotation: list[str] = []  # this evaluation's swept folders, in turn
        self._reached: set[str] = set()
        self._warned: dict[str, float] = {}  # warnings logged before, by key: when
        self._warnings: dict[str, float] = {}  # this evaluation's warnings: when last logged
        state = json.loads(cursor) if cursor else {}
        if "settled" in state:
            for partition, (fingerprint, times) in state["settled"].items():
                self.settled[partition] = (fingerprint, _times(times))
            self.sweep_from = state.get("sweep_from") or ""
            self._warned = {key: float(at) for key, at in state.get("warned", {}).items()}
        else:  # the first form: partition -> fingerprint, no folder times yet
            self.settled = {partition: (fp, None) for partition, fp in state.items()}

    def changes(self, partitions: Iterable[str]) -> Iterator[FolderChange]:
        """The folders of ``partitions`` (in order) whose content is not the settled one: new,
        changed, or never settled. Lazily: a caller may stop early; what it did not reach is
        looked at next time (the sweep goes on from the last swept folder reached)."""
        partitions = list(partitions)
        self._rotation = self._next_sweep(partitions)
        swept = set(self._rotation)
        self._reached = set()
        self.listed = []
        for partition in partitions:
            remembered = self.settled.get(partition)
            if partition in swept:
                self._reached.add(partition)
            elif (
                remembered is not None
                and remembered[1] is not None
                and self.zone.folder_times_unchanged(partition, remembered[1])
            ):
                continue
            times = self.zone.folder_times(partition)  # before the listing it vouches for
            current = self.zone.fingerprint(partition)
            self.listed.append(partition)
            if remembered is not None and remembered[0] == current:
                self.settled[partition] = (current, times)
                continue
            if remembered is not None:
                # Changed but not settled yet: its times no longer vouch for anything, so it is
                # listed on every evaluation until :meth:`settle` (a run queued, failed, or held
                # back by the caller's limit is looked at again on the next evaluation).
                self.settled[partition] = (remembered[0], None)
            yield FolderChange(partition, current, times)

    def settle(self, change: FolderChange) -> None:
        self.settled[change.partition] = (change.fingerprint, change.times)

    def due(self, warning: str, now: float) -> bool:
        """Whether to log ``warning`` (a condition that holds this evaluation) at POSIX time
        ``now``: it was not given at the last evaluation, or not for ``WARN_AGAIN_SECONDS``.
        Warnings not passed here are forgotten by the cursor, so one that comes back is new."""
        key = hashlib.sha256(warning.encode()).hexdigest()[:16]
        last = self._warned.get(key)
        if last is not None and 0 <= now - last < WARN_AGAIN_SECONDS:
            self._warnings[key] = last
            return False
        self._warnings[key] = now
        return True

    def cursor(self) -> str:
        sweep_from = self.sweep_from
        for partition in self._rotation:  # the sweep moves on only past folders reached
            if partition not in self._reached:
                break
            sweep_from = partition
        settled = {
            partition: [fingerprint, times]
            for partition, (fingerprint, times) in sorted(self.settled.items())
        }
        state = {"settled": settled, "sweep_from": sweep_from}
        if self._warnings:
            state["warned"] = self._warnings
        return json.dumps(state, sort_keys=True)

    def _next_sweep(self, partitions: list[str]) -> list[str]:
        """The settled folders present that are listed this evaluation whatever their times
        say: the next ``sweep`` after the last one swept, wrapping around, in that order."""
        order = sorted(p for p in partitions if p in self.settled)
        if not order or self.sweep <= 0:
            return []
        start = bisect.bisect_right(order, self.sweep_from) % len(order)
        return [order[(start + i) % len(order)] for i in range(min(self.sweep, len(order)))]


def _times(value) -> FolderTimes | None:
    if not value:
        return None
    return {relative: (int(pair[0]), int(pair[1])) for relative, pair in value.items()}
