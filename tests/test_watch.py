"""What the landing sensor lists: folder times instead of listings, the sweep, the cursor.

Real folders in a temporary directory. Folder times younger than ``RACY_SECONDS`` vouch for
nothing; most tests shorten that window to 50 ms and let the fixture's folders age past it
(``test_recent_folder_times_vouch_for_nothing`` keeps the real window).
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

import warta.landing
from warta.landing import LandingZone
from warta.watch import LandingWatch


@pytest.fixture
def zone(tmp_path: Path) -> LandingZone:
    for day in ("2026-11-20", "2026-11-21", "2026-11-22"):
        _put(tmp_path, f"{day}/a.txt", b"first")
    _put(tmp_path, "2026-11-22/site/b.txt", b"in a subfolder")
    return LandingZone(tmp_path)


@pytest.fixture
def steady_clock(monkeypatch, zone):
    stamps = [os.stat(zone.root / day / "a.txt").st_mtime_ns for day in zone.partitions()]
    if all(stamp % 1_000_000_000 == 0 for stamp in stamps):
        pytest.skip("the file system keeps whole-second times: a 50 ms window cannot be tested")
    monkeypatch.setattr(warta.landing, "RACY_SECONDS", 0.05)
    _age()


def _age() -> None:
    """Let the folders' times age past the (shortened) window."""
    time.sleep(0.1)


def _put(root: Path, relative: str, data: bytes) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _evaluate(zone: LandingZone, cursor: str | None, sweep: int = 0):
    """One sensor evaluation that settles every change: (changed partitions, listed, cursor)."""
    watch = LandingWatch(zone, cursor, sweep=sweep)
    changed = []
    for change in watch.changes(zone.partitions()):
        changed.append(change.partition)
        watch.settle(change)
    return changed, watch.listed, watch.cursor()


def test_settled_folders_are_not_listed_while_their_times_hold(zone, steady_clock, monkeypatch):
    changed, listed, cursor = _evaluate(zone, None)
    assert changed == listed == ["2026-11-20", "2026-11-21", "2026-11-22"]
    state = json.loads(cursor)["settled"]
    assert set(state["2026-11-22"][1]) == {"", "site"}  # the folder and its subfolder

    def no_listing(partition):
        raise AssertionError(f"{partition} listed")

    with monkeypatch.context() as patch:
        patch.setattr(zone, "files", no_listing)
        assert _evaluate(zone, cursor) == ([], [], cursor)


def test_added_removed_and_renamed_files_are_seen(zone, steady_clock):
    _, _, cursor = _evaluate(zone, None)
    _put(zone.root, "2026-11-22/site/c.txt", b"late, in the subfolder")
    (zone.root / "2026-11-20/a.txt").rename(zone.root / "2026-11-20/a2.txt")
    _put(zone.root, "2026-11-23/a.txt", b"a new day")
    changed, listed, cursor = _evaluate(zone, cursor)
    assert changed == listed == ["2026-11-20", "2026-11-22", "2026-11-23"]
    (zone.root / "2026-11-21/a.txt").unlink()
    assert _evaluate(zone, cursor)[0] == ["2026-11-21"]


def test_a_file_rewritten_in_place_is_seen_by_the_sweep(zone, steady_clock):
    _, _, cursor = _evaluate(zone, None, sweep=1)  # the sweep starts at 2026-11-20
    path = zone.root / "2026-11-22/a.txt"
    folder_times = os.stat(path.parent).st_mtime_ns
    path.write_bytes(b"corrected in place")
    assert os.stat(path.parent).st_mtime_ns == folder_times  # no folder noticed
    found = []
    for _ in range(3):  # one folder an evaluation, in turn: 2026-11-20, -21, then -22
        changed, listed, cursor = _evaluate(zone, cursor, sweep=1)
        assert len(listed) == 1
        found.append(changed)
    assert found == [[], [], ["2026-11-22"]]


def test_recent_folder_times_vouch_for_nothing(zone, monkeypatch):
    assert warta.landing.RACY_SECONDS >= 1
    monkeypatch.setattr(warta.landing, "RACY_SECONDS", 600.0)  # "recent" even on a slow machine
    assert zone.folder_times("2026-11-20") is None  # written just now
    _, _, cursor = _evaluate(zone, None)
    # Without trusted times a settled folder is listed each evaluation: nothing is missed.
    changed, listed, _ = _evaluate(zone, cursor)
    assert changed == [] and listed == ["2026-11-20", "2026-11-21", "2026-11-22"]
    old = 1_700_000_000 * 10**9
    for folder in ("2026-11-20", "2026-11-22", "2026-11-22/site"):
        os.utime(zone.root / folder, ns=(old, old))
    # Setting the times changes the ctime: still too recent.
    assert zone.folder_times("2026-11-20") is None


def test_hidden_folders_and_missing_partitions(zone, steady_clock):
    _put(zone.root, "2026-11-21/.upload/part.txt", b"in flight")
    _age()
    assert set(zone.folder_times("2026-11-21")) == {""}
    assert zone.folder_times("2026-11-30") is None
    times = zone.folder_times("2026-11-22")
    (zone.root / "2026-11-22/site/b.txt").unlink()
    (zone.root / "2026-11-22/site").rmdir()
    assert not zone.folder_times_unchanged("2026-11-22", times)


def test_first_cursor_form_is_read_and_rewritten(zone, steady_clock):
    fingerprints = {day: zone.fingerprint(day) for day in zone.partitions()}
    fingerprints["2026-11-21"] = "0000000000000000"  # changed since
    changed, listed, cursor = _evaluate(zone, json.dumps(fingerprints))
    assert changed == ["2026-11-21"]
    assert listed == ["2026-11-20", "2026-11-21", "2026-11-22"]  # no times yet: listed once
    state = json.loads(cursor)
    assert {day: entry[0] for day, entry in state["settled"].items()} == {
        day: zone.fingerprint(day) for day in zone.partitions()
    }
    assert _evaluate(zone, cursor)[1] == []


def test_the_sweep_goes_round_every_settled_folder(zone, steady_clock):
    _, _, cursor = _evaluate(zone, None)
    seen = []
    for _ in range(4):
        _, listed, cursor = _evaluate(zone, cursor, sweep=2)
        seen.append(listed)
    assert seen == [
        ["2026-11-20", "2026-11-21"],
        ["2026-11-20", "2026-11-22"],
        ["2026-11-21", "2026-11-22"],
        ["2026-11-20", "2026-11-21"],
    ]


def test_a_change_not_settled_is_listed_on_every_evaluation(zone, steady_clock):
    """A change the sweep found keeps being looked at (its run queued or failed) until it is
    settled, not only on the folder's next sweep turn."""
    watch = LandingWatch(zone, None, sweep=1)
    for change in watch.changes(zone.partitions()):
        watch.settle(change)
    cursor = watch.cursor()
    (zone.root / "2026-11-22/a.txt").write_bytes(b"corrected in place")
    seen = []
    for _ in range(5):  # nothing settles it: as when its run is queued or fails
        watch = LandingWatch(zone, cursor, sweep=1)
        seen.append([change.partition for change in watch.changes(zone.partitions())])
        cursor = watch.cursor()
    assert seen == [[], [], ["2026-11-22"], ["2026-11-22"], ["2026-11-22"]]


def test_an_evaluation_stopped_early_keeps_the_sweep_turn(zone, steady_clock):
    _, _, cursor = _evaluate(zone, None)
    _put(zone.root, "2026-11-20/b.txt", b"a change, so the caller can stop there")
    watch = LandingWatch(zone, cursor, sweep=2)  # sweeps 2026-11-20 and 2026-11-21 this time
    first = next(watch.changes(zone.partitions()))
    assert first.partition == "2026-11-20"  # the caller stops here: 2026-11-21 not reached
    _age()
    watch = LandingWatch(zone, watch.cursor(), sweep=2)
    list(watch.changes(zone.partitions()))
    assert "2026-11-21" in watch.listed


def test_folders_gone_from_the_landing_zone_take_no_sweep_turn(zone, steady_clock):
    _, _, cursor = _evaluate(zone, None)
    (zone.root / "2026-11-21/a.txt").unlink()
    (zone.root / "2026-11-21").rmdir()
    swept = []
    for _ in range(4):
        _, listed, cursor = _evaluate(zone, cursor, sweep=1)
        swept.append(listed)
    assert swept == [["2026-11-20"], ["2026-11-22"], ["2026-11-20"], ["2026-11-22"]]


def test_warnings_are_due_when_new_changed_a_day_old_or_the_clock_went_back(zone):
    day = 24 * 3600

    def evaluate(cursor: str | None, now: float, *warnings: str) -> tuple[list[str], str]:
        watch = LandingWatch(zone, cursor)
        return [w for w in warnings if watch.due(w, now)], watch.cursor()

    due, cursor = evaluate(None, 1000.0, "a", "b")
    assert due == ["a", "b"]
    due, cursor = evaluate(cursor, 1000.0 + day - 1, "a", "b", "c")
    assert due == ["c"]  # a and b keep the time they were last logged
    due, cursor = evaluate(cursor, 1000.0 + day, "a", "c")
    assert due == ["a"]  # b is forgotten: not given this evaluation
    due, cursor = evaluate(cursor, 1001.0 + day, "a", "b")
    assert due == ["b"]
    due, _ = evaluate(cursor, 500.0, "a")  # the clock went back: said again
    assert due == ["a"]
    assert "warned" not in json.loads(evaluate(cursor, 2000.0 + day)[1])
