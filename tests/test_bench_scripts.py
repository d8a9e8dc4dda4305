"""The benchmark scripts behind docs/PERFORMANCE.md still run and report what they claim to.

Small corpora, no timing asserted: speed is measured by running the scripts, not by tests.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

SETS = {"text", "html", "all"}  # the rows of bench_parse.py's table


def _script(name: str, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, str(REPO / "scripts" / name), *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def test_bench_pipeline_reports_every_stage_and_the_incremental_run(tmp_path: Path) -> None:
    report_file = tmp_path / "report.json"
    _script(
        "bench_pipeline.py",
        "--articles", "400", "--days", "2", "--workers", "2", "--incremental", "50",
        "--workdir", str(tmp_path / "run"), "--output", str(report_file),
    )  # fmt: skip
    report = json.loads(report_file.read_text())

    corpus = report["corpus"]
    assert corpus["files"] == 400 and corpus["partitions"] == 2
    assert sum(corpus["statuses"].values()) == 400  # every file accounted for
    assert corpus["statuses"]["parsed"] > 350
    assert corpus["rows"]["articles"] == corpus["statuses"]["parsed"]
    assert corpus["rows"]["entities"] > 0 and corpus["rows"]["paragraphs"] > 0
    assert report["worker_cpu_s"]["parse"] > 0 and report["worker_cpu_s"]["entities"] > 0
    assert set(report["wall_s"]) >= {"checks (SQL)", "checks (GX)", "load", "end to end"}
    assert report["floor"]["parse stage (read + parse cpu) / floor (cpu)"] > 1
    assert report["machine"]["load before"] and report["machine"]["load after"]
    assert all(value > 0 for value in report["peak_rss_mb"].values())
    assert report["incremental"]["total"] > 0
    # The incremental day is removed again: the landing zone is left as generated.
    assert len(list((tmp_path / "run" / "raw").iterdir())) == 2


def test_bench_pipeline_no_entities_leaves_the_entities_table_empty(tmp_path: Path) -> None:
    report_file = tmp_path / "report.json"
    _script(
        "bench_pipeline.py",
        "--articles", "200", "--days", "1", "--workers", "1", "--no-entities",
        "--workdir", str(tmp_path / "run"), "--output", str(report_file),
    )  # fmt: skip
    report = json.loads(report_file.read_text())
    assert report["mode"] == "no entities"
    assert report["corpus"]["rows"]["entities"] == 0
    assert report["worker_cpu_s"]["entities"] == 0


def test_bench_parse_times_the_floor_the_parse_and_the_library_calls(tmp_path: Path) -> None:
    out = _script(
        "bench_parse.py",
        "--articles", "120", "--days", "2", "--repeat", "1", "--components",
        "--shared", str(tmp_path / "absent"),
    )  # fmt: skip
    sets = [line.split()[0] for line in out.splitlines() if line[:5].strip() in SETS]
    assert sets == ["text", "html", "all"]
    (components,) = [line for line in out.splitlines() if "library calls a Python parse" in line]
    for name in ("sha256", "lxml tree", "fastText", "words"):
        assert f"{name} 0." in components
    assert "3x the read floor leaves" in out


def test_bench_run_storage_runs_the_daily_job_on_both_instances() -> None:
    out = _script("bench_run_storage.py", "--runs", "1", "--rounds", "1")
    lines = {
        line.split(":")[0].strip(): line for line in out.splitlines() if "events a run" in line
    }
    assert set(lines) == {"SQLite on disk", "in memory"}
    events = {name: int(line.split(":")[1].split()[0]) for name, line in lines.items()}
    # The same job writes the same events whichever storage keeps them.
    assert events["SQLite on disk"] == events["in memory"] > 100


def test_bench_warehouse_times_the_nightly_publish_and_its_starting_copy(tmp_path: Path) -> None:
    out = _script(
        "bench_warehouse.py", "--articles", "2000", "--days", "2", "--runs", "1",
        "--no-queries", "--workdir", str(tmp_path / "run"),
    )  # fmt: skip
    assert "- Warehouse: " in out and " articles in 2 partitions;" in out
    (publish,) = [line for line in out.splitlines() if line.startswith("- Nightly publish")]
    # How this file system made the copy (a byte copy on ext4, a clone on XFS), and its type.
    assert re.search(r"the starting copy of the file alone: (copied|cloned) \(\S+\) in ", publish)
    assert "| view " not in out  # --no-queries


CPUINFO = """processor\t: 0
vendor_id\t: AuthenticAMD
cpu family\t: 26
model\t\t: 2
model name\t: AMD EPYC
stepping\t: 1
cpu MHz\t\t: 2596.122

processor\t: 1
vendor_id\t: AuthenticAMD
cpu family\t: 23
model\t\t: 49
model name\t: AMD EPYC 7B12
stepping\t: 0
cpu MHz\t\t: 2249.998
"""


def test_machine_details_tell_apart_cpus_with_the_same_bare_name() -> None:
    from warta.machine import describe_cpuinfo

    assert describe_cpuinfo(CPUINFO) == "AMD EPYC (family 26, model 2, stepping 1, 2596 MHz)"
    older = CPUINFO.replace("cpu family\t: 26", "cpu family\t: 23").replace("2596.1", "2250.0")
    assert describe_cpuinfo(older) == "AMD EPYC (family 23, model 2, stepping 1, 2250 MHz)"
    # An unreadable clock drops only the clock.
    odd_clock = CPUINFO.replace("2596.122", "unknown")
    assert describe_cpuinfo(odd_clock) == "AMD EPYC (family 26, model 2, stepping 1)"
    assert describe_cpuinfo("model name\t: Some CPU\n") == "Some CPU"
    with pytest.raises(ValueError, match="model name"):
        describe_cpuinfo("processor\t: 0\n")


def test_machine_cpu_seconds_read_busy_and_stolen_from_proc_stat() -> None:
    import os

    from warta.machine import cpu_seconds, parse_proc_stat

    tick = os.sysconf("SC_CLK_TCK")
    # user nice system idle iowait irq softirq steal guest guest_nice
    busy, stolen = parse_proc_stat("cpu  100 20 30 400 50 6 7 8 0 0\n")
    assert busy == pytest.approx(163 / tick)  # idle and iowait left out
    assert stolen == pytest.approx(8 / tick)
    with pytest.raises(ValueError):
        parse_proc_stat("cpu0 100 20 30 400 50 6 7 8 0 0")  # one CPU's line, not the total
    assert cpu_seconds() is not None, "Linux: /proc/stat is readable"


def test_ner_seeds_scores_each_seed_and_their_mean() -> None:
    from tests.conftest import shared_path

    ner = shared_path("corpora", "ner")
    out = _script(
        "ner_seeds.py", "--ner", str(ner), "--seeds", "13,1", "--folds", "2", "--max-epochs", "1"
    )
    scores = re.findall(r"^  (seed 13|seed 1|mean of 2) +(0\.\d{4})$", out, re.MULTILINE)
    assert [name for name, _ in scores] == ["seed 13", "seed 1", "mean of 2"] * 2, out
    assert all(0.5 < float(f1) < 1 for _, f1 in scores), out
    assert re.search(r"^fold 1: seed 13 0\.\d{4}, seed 1 0\.\d{4}, mean of 2 0\.\d{4}$", out, re.M)


def test_bench_long_lines_parses_below_the_paragraph_limit_and_rejects_above() -> None:
    rows = _script("bench_long_lines.py", "--sizes", "50000,150000").splitlines()[2:]
    assert len(rows) == 2
    assert "| parsed | 1 |" in rows[0]
    assert "| rejected (paragraph too long (over 100000 characters)) | 0 | 0 |" in rows[1]
    lifted = _script("bench_long_lines.py", "--sizes", "150000", "--no-limit").splitlines()[2]
    assert "| parsed | 1 |" in lifted and not lifted.endswith("| 0 |")
