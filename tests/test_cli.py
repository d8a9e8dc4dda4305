"""The ``warta`` console script, run as a user would run it."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tests.conftest import REPO, SEED, put
from warta.config import Settings

WARTA = Path(sys.executable).with_name("warta")


def _warta(*args: str, env: dict[str, str] | None = None, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(WARTA), *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        **kwargs,
    )


def test_parse_json_follows_the_contract(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    landing = {"WARTA_RAW_DIR": str(SEED.parents[1])}
    result = _warta("parse", "--json", str(SEED), str(empty), env=landing)
    assert result.returncode == 0, result.stderr
    seed, rejected = (json.loads(line) for line in result.stdout.splitlines())
    # In the landing zone: the contract's path, relative to its root; elsewhere: as given.
    assert seed["source_path"] == seed["article"]["source_path"] == f"2026-11-25/{SEED.name}"
    (tmp_path / "raw").symlink_to(SEED.parents[1])  # a linked landing zone, a path with ..
    roundabout = SEED.parents[1] / ".." / SEED.parents[1].name / "2026-11-25" / SEED.name
    link = {"WARTA_RAW_DIR": str(tmp_path / "raw")}
    linked = _warta("parse", "--json", str(roundabout), env=link)
    assert json.loads(linked.stdout)["source_path"] == f"2026-11-25/{SEED.name}"
    assert set(seed) == {
        "source_path",
        "status",
        "reject_reason",
        "article",
        "paragraphs",
        "ad_markers",
        "entities",
    }
    assert seed["status"] == "parsed" and seed["reject_reason"] is None
    article = seed["article"]
    assert (
        article["title"]
        == "Korea Utara Membantah dan Menolak Jual Senjata ke Rusia, Apalagi Nuklir"
    )
    assert article["ingest_date"] == "2026-11-25"  # from the file's landing folder
    assert article["published_at"] is None and article["author"] == "Gungdewan"
    assert len(seed["paragraphs"]) == 19 and len(seed["ad_markers"]) == 6
    assert seed["paragraphs"][0]["text"].startswith("Pernyataan mengejutkan dilontarkan")
    assert {"article_id", "paragraph_index", "start_char", "end_char", "label"} <= set(
        seed["entities"][0]
    )
    assert rejected == {
        "source_path": str(empty), "status": "rejected", "reject_reason": "empty file",
        "article": None, "paragraphs": [], "ad_markers": [], "entities": [],
    }  # fmt: skip


def test_parse_summary_is_readable():
    result = _warta("parse", str(SEED))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "faktual" in out and "Gungdewan" in out
    assert "paragraphs  19 (" in out and "markers     6" in out
    assert "published label without a date" in out
    assert "Vladimir Putin (PER)" in out


def test_parse_missing_file_is_a_clear_error_and_the_others_still_parse(tmp_path):
    result = _warta("parse", "--json", str(tmp_path / "nope.txt"), str(SEED))
    assert result.returncode == 1
    assert "nope.txt: No such file or directory" in result.stderr
    assert "Traceback" not in result.stderr
    assert json.loads(result.stdout)["status"] == "parsed"


def test_parse_reads_as_the_pipeline_does_fifos_devices_and_the_size_limit(tmp_path):
    """A FIFO is not waited on, a device not read without end, and a file over
    WARTA_MAX_FILE_BYTES is rejected as the pipeline rejects it, not parsed."""
    fifo = tmp_path / "fifo.txt"
    os.mkfifo(fifo)  # nobody writes to it: a plain open would block for ever
    linked = tmp_path / "linked.txt"
    linked.symlink_to(SEED)  # followed to its target
    size = SEED.stat().st_size
    result = _warta(
        "parse", "--json", str(fifo), "/dev/zero", str(SEED), str(linked),
        env={"WARTA_MAX_FILE_BYTES": str(size - 1)}, timeout=120,
    )  # fmt: skip
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"cannot read {fifo}: not a regular file" in result.stderr
    assert "cannot read /dev/zero: not a regular file" in result.stderr
    documents = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(d["status"], d["reject_reason"]) for d in documents] == [
        ("rejected", f"file too large (over {size - 1} bytes)")
    ] * 2
    # settings a parse does not use are not judged (a bad WARTA_WORKERS is the run's concern)
    env = {"WARTA_MAX_FILE_BYTES": str(size), "WARTA_WORKERS": "0"}
    result = _warta("parse", "--json", str(linked), env=env)
    assert result.returncode == 0 and json.loads(result.stdout)["status"] == "parsed"


def test_run_one_partition_end_to_end(landing, tmp_path):
    put(landing, "2026-11-25/000_39c4db6f91142a44.txt", SEED.read_bytes())
    put(landing, "2026-11-24/other.txt", SEED.read_bytes())
    put(landing, "misfiled.txt", SEED.read_bytes())
    env = {"DAGSTER_HOME": str(tmp_path / "dagster_home")}
    (tmp_path / "dagster_home").mkdir()
    (tmp_path / "dagster_home" / "dagster.yaml").write_text("")
    result = _warta("run", "--partition", "2026-11-25", env=env, cwd=tmp_path, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    template = (REPO / "pipelines" / "dagster.yaml").read_text()
    assert (tmp_path / "dagster_home" / "dagster.yaml").read_text() == template  # was empty
    assert "2026-11-25: 1 file (1 parsed, 0 duplicate, 0 rejected) checks passed" in result.stdout
    assert (
        f"warning: 1 entry in {landing.raw_dir} is no YYYY-MM-DD day folder and is never parsed: "
        "misfiled.txt"
    ) in result.stdout
    con = duckdb.connect(str(landing.warehouse), read_only=True)
    assert con.sql("SELECT count(*), min(ingest_date)::VARCHAR FROM articles").fetchall() == [
        (1, "2026-11-25")
    ]
    assert (tmp_path / "dagster_home" / "history").exists()  # the run is recorded for the UI

    # The day's folder gone (a volume not mounted): the run fails at once, saying why, and the
    # published day stays, even with --allow-empty (which runs a day never published).
    (landing.raw_dir / "2026-11-25" / SEED.name).unlink()
    (landing.raw_dir / "2026-11-25").rmdir()
    refused = _warta("run", "--partition", "2026-11-25", env=env, cwd=tmp_path, timeout=300)
    assert refused.returncode == 1
    assert (  # the remedy, not --allow-empty, which the parse would refuse
        f"2026-11-25: no landing folder {landing.raw_dir / '2026-11-25'}; skipped (the published "
        "partition holds 1 file: restore the folder, or create it empty to publish the day as "
        "empty)"
    ) in refused.stdout
    gone = _warta(
        "run", "--partition", "2026-11-25", "--allow-empty", env=env, cwd=tmp_path, timeout=300
    )
    assert gone.returncode == 1
    assert (
        "2026-11-25: run FAILED (see the run's logs in the Dagster UI or above) - "
        f"parse_landing_partition: landing folder {landing.raw_dir / '2026-11-25'} is missing, "
        "but the published partition 2026-11-25 holds 1 file"
    ) in gone.stdout
    assert con.sql("SELECT count(*) FROM articles").fetchall() == [(1,)]
    # The console log says it without Dagster's stack traces (the step's failure and the run's).
    assert gone.stderr.count("but the published partition 2026-11-25 holds 1 file") == 2
    assert "Stack Trace" not in gone.stderr and "Traceback" not in gone.stderr
    assert len(gone.stderr.splitlines()) < 20, gone.stderr


def test_a_killed_warta_run_leaves_no_run_or_slot_that_stops_the_next(landing, tmp_path):
    """``warta run`` killed in its parse (SIGKILL: nothing of it can clean up) leaves its run
    STARTED with the parse pool's slot claimed; without the daemon nothing else frees it, and
    the next run on the instance waited for the slot for ever. The next ``warta run`` fails the
    dead run and frees the slot, saying so, then runs the day."""
    import signal
    import time

    sample = REPO / "data" / "raw" / "2026-11-23"
    for path in sorted(sample.iterdir()):  # 100 files: a parse long enough to be killed in
        put(landing, f"2026-11-25/{path.name}", path.read_bytes())
    env = {**os.environ, "DAGSTER_HOME": str(tmp_path / "home")}
    staging = landing.data_dir / "_staging"
    killed = subprocess.Popen(
        [str(WARTA), "run", "--partition", "2026-11-25"],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    while not (staging.is_dir() and any(staging.iterdir())):  # the parse has begun
        assert killed.poll() is None and time.monotonic() < deadline, "the parse never began"
        time.sleep(0.01)
    os.killpg(killed.pid, signal.SIGKILL)
    killed.wait()

    import dagster as dg

    with dg.DagsterInstance.from_config(str(tmp_path / "home")) as instance:
        (dead,) = instance.get_runs()
        assert dead.status == dg.DagsterRunStatus.STARTED
        assert instance.event_log_storage.get_concurrency_info("warta_parse").active_run_ids == {
            dead.run_id
        }
    result = _warta("run", "--partition", "2026-11-25", env=env, cwd=tmp_path, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (
        f"warning: run {dead.run_id} of 2026-11-25 was left STARTED by a warta run that is gone "
        f"(pid {killed.pid}): marked failed, its pool slots freed"
    ) in result.stdout
    assert "2026-11-25: 100 files (" in result.stdout and "warehouse published" in result.stdout
    with dg.DagsterInstance.from_config(str(tmp_path / "home")) as instance:
        assert instance.get_run_by_id(dead.run_id).status == dg.DagsterRunStatus.FAILURE
        assert not instance.event_log_storage.get_concurrency_info("warta_parse").active_run_ids
    again = _warta("run", "--partition", "2026-11-25", env=env, cwd=tmp_path, timeout=300)
    assert again.returncode == 0 and "was left" not in again.stdout  # a live run is never failed


def test_run_creates_a_missing_instance_and_refuses_a_day_without_a_folder(landing, tmp_path):
    """A day named without a landing folder is most often a mistyped date: refused, and
    nothing published; with --allow-empty it is run as a day without files."""
    env = {"DAGSTER_HOME": "instance"}  # relative, and not there yet
    typo = _warta("run", "--partition", "2026-11-20", env=env, cwd=tmp_path, timeout=300)
    assert typo.returncode == 1, typo.stdout + typo.stderr
    assert (
        f"2026-11-20: no landing folder {landing.raw_dir / '2026-11-20'}; skipped (the landing "
        "zone holds no day folder; --allow-empty runs it as a day without files)"
    ) in typo.stdout
    assert not landing.warehouse.exists()
    result = _warta(
        "run", "--partition", "2026-11-20", "--allow-empty", env=env, cwd=tmp_path, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
    home = tmp_path / "instance"
    assert f"DAGSTER_HOME {home}: instance settings from {REPO}/pipelines" in typo.stdout
    assert (home / "dagster.yaml").read_text() == (REPO / "pipelines/dagster.yaml").read_text()
    assert (
        f"warning: 2026-11-20: no landing folder {landing.raw_dir / '2026-11-20'}; "
        "run as an empty day (--allow-empty)"
    ) in result.stdout
    assert "2026-11-20: 0 files (0 parsed, 0 duplicate, 0 rejected) checks passed" in result.stdout
    assert (home / "history").exists()
    con = duckdb.connect(str(landing.warehouse), read_only=True)
    try:  # an empty day, not a day never loaded
        quality = con.sql(
            "SELECT ingest_date::VARCHAR, files, articles, loaded_at IS NOT NULL "
            "FROM partition_quality"
        ).fetchall()
    finally:
        con.close()
    assert quality == [("2026-11-20", 0, 0, True)]
    again = _warta(
        "run", "--partition", "2026-11-20", "--allow-empty", env=env, cwd=tmp_path, timeout=300
    )
    assert again.returncode == 0 and "instance settings from" not in again.stdout


def test_help_names_the_settings_and_what_run_does():
    top = _warta("--help")
    assert top.returncode == 0
    for variable in ("WARTA_RAW_DIR (data/raw)", "WARTA_WAREHOUSE", "WARTA_WORKERS"):
        assert variable in top.stdout
    run = _warta("run", "--help")
    assert "DAGSTER_HOME" in run.stdout and "repeat for several" in run.stdout
    assert "WARTA_MAX_FILE_BYTES (16 MiB)" in run.stdout
    dagster_settings = ("WARTA_START_DATE (2020-01-01)", "WARTA_NIGHTLY_CRON", "WARTA_LATE_DAYS")
    for variable in (*dagster_settings, "WARTA_MISSED_RETRY_SECONDS (180)", "WARTA_ALERT_URL"):
        assert variable in top.stdout and variable in run.stdout


def test_run_rejects_bad_configuration_and_partitions(landing):
    bad = _warta("run", env={"WARTA_WORKERS": "zero"})
    assert bad.returncode == 2 and "WARTA_WORKERS must be a positive integer" in bad.stderr
    days = ("--partition", "1999-01-01", "--partition", "bogus")
    outside = _warta("run", *days, env={"DAGSTER_HOME": ""}, cwd=REPO)
    assert outside.returncode == 1
    assert "1999-01-01: outside the partition range" in outside.stdout
    assert "bogus: not a date (YYYY-MM-DD); skipped" in outside.stdout
    for variable, value, message in (
        ("WARTA_START_DATE", "2020/01/01", "WARTA_START_DATE must be a date YYYY-MM-DD"),
        ("WARTA_START_DATE", "2021-02-30", "WARTA_START_DATE must be a date YYYY-MM-DD"),
        ("WARTA_START_DATE", "2999-01-01", "WARTA_START_DATE must not be after today"),
        ("WARTA_NIGHTLY_CRON", "nightly", "WARTA_NIGHTLY_CRON must be a cron expression"),
    ):
        wrong = _warta("run", env={variable: value})
        assert wrong.returncode == 2, wrong.stdout + wrong.stderr
        assert message in wrong.stderr and repr(value) in wrong.stderr
        assert "Traceback" not in wrong.stderr
    a_file = landing.raw_dir.parent / "home-file"
    a_file.write_text("")
    for home, message in (
        (a_file, f"DAGSTER_HOME {a_file} exists but is not a folder"),
        (a_file.parent / "gone" / "home", "its parent folder is missing (is its volume mounted?)"),
    ):
        wrong = _warta("run", env={"DAGSTER_HOME": str(home)})
        assert wrong.returncode == 2 and message in wrong.stderr, wrong.stdout + wrong.stderr
        assert "Traceback" not in wrong.stderr
    assert not (a_file.parent / "gone").exists()
    for days in ((), ("--partition", "2026-11-25")):  # no run could read the landing zone
        unmounted = _warta(
            "run", *days, env={"WARTA_RAW_DIR": str(landing.raw_dir / "not-mounted")}
        )
        assert unmounted.returncode == 1 and "Traceback" not in unmounted.stderr
        assert "is WARTA_RAW_DIR right and its volume mounted?" in unmounted.stderr
        assert unmounted.stdout == ""


def test_a_folder_given_to_parse_is_named_with_how_to_give_its_files():
    folder = SEED.parent
    result = _warta("parse", str(folder), str(SEED))
    assert result.returncode == 1
    assert result.stderr == (
        f"warta: cannot read {folder}: a folder; give its files (warta parse {folder}/*)\n"
    )
    assert result.stdout.startswith(str(SEED))  # the file after it is still parsed


def test_an_unknown_option_shows_the_commands_own_usage():
    for args, usage in (
        (("run", "--partitions", "2026-11-25"), "usage: warta run [-h]"),
        (("parse", "--jsn", str(SEED)), "usage: warta parse [-h]"),
        (("eval", "ner", "gold.jsonl", "--dev"), "usage: warta eval ner [-h]"),
    ):
        result = _warta(*args)
        assert result.returncode == 2
        assert result.stderr.startswith(usage), result.stderr
        assert "error: unrecognized arguments: " in result.stderr


def test_an_unknown_option_before_the_command_is_the_top_levels_and_allow_empty_needs_a_day():
    early = _warta("--bogus", "eval", "ner", "gold.jsonl")
    assert early.returncode == 2
    assert early.stderr.startswith("usage: warta [-h]"), early.stderr
    assert "warta: error: unrecognized arguments: --bogus" in early.stderr
    alone = _warta("run", "--allow-empty")
    assert alone.returncode == 2
    assert "warta run: error: --allow-empty applies to the days named with --partition" in (
        alone.stderr
    )


def test_every_command_says_what_it_does():
    for command in ("parse", "run", "rebuild", "query", "entities"):
        result = _warta(command, "--help")
        assert result.returncode == 0
        usage, description = result.stdout.split("\n\n")[:2]
        assert usage.startswith(f"usage: warta {command}")
        assert not description.startswith(("positional arguments", "options")), command


def test_bad_arguments_of_parse_and_eval_are_one_line_errors(tmp_path):
    wrong_day = _warta("parse", "--ingest-date", "2026-02-30", str(SEED))
    assert wrong_day.returncode == 2
    assert "argument --ingest-date: not a date (YYYY-MM-DD): '2026-02-30'" in wrong_day.stderr
    missing = tmp_path / "missing"
    no_pages = _warta("eval", "pages", str(missing), str(missing / "gold.jsonl"))
    assert no_pages.returncode == 1 and "Traceback" not in no_pages.stderr
    assert f"warta eval pages: cannot score {missing}: " in no_pages.stderr
    assert "No such file or directory" in no_pages.stderr


def test_dagster_refuses_to_load_the_definitions_with_a_bad_setting(tmp_path):
    """What `dagster dev` and `dagster definitions validate` load: a bad WARTA_* value is the
    code location's load error, not a failure of the nightly tick or a run hours later."""
    dagster = Path(sys.executable).with_name("dagster")

    def validate(**settings: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(dagster), "definitions", "validate", "-w", "workspace.yaml"],
            capture_output=True,
            text=True,
            env={**os.environ, "DAGSTER_HOME": str(tmp_path), **settings},
            cwd=REPO,
        )

    valid = validate()
    assert valid.returncode == 0, valid.stdout + valid.stderr
    for variable, value, message in (
        ("WARTA_LATE_DAYS", "-1", "WARTA_LATE_DAYS must be a non-negative integer"),
        ("WARTA_MISSED_RETRY_SECONDS", "abc", "WARTA_MISSED_RETRY_SECONDS must be a positive"),
        ("WARTA_WORKERS", "abc", "WARTA_WORKERS must be a positive integer"),
        ("WARTA_MAX_REJECT_SHARE", "2", "WARTA_MAX_REJECT_SHARE must be between 0 and 1"),
        ("WARTA_MAX_REJECT_SHARE", "nan", "WARTA_MAX_REJECT_SHARE must be between 0 and 1"),
        ("WARTA_VOLUME_SPIKE", "inf", "WARTA_VOLUME_SPIKE must be a finite number, 1 or more"),
        ("WARTA_WAREHOUSE", str(tmp_path), f"WARTA_WAREHOUSE is a folder ({tmp_path})"),
        ("WARTA_ALERT_URL", "hooks.example/T0/SECRET", "WARTA_ALERT_URL must be an http:// or"),
    ):
        result = validate(**{variable: value})
        assert result.returncode != 0, variable
        assert message in result.stdout + result.stderr, variable


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("WARTA_VOLUME_DROP", "1.5", "WARTA_VOLUME_DROP must be between 0 and 1, got '1.5'"),
        ("WARTA_VOLUME_SPIKE", "0.5", "WARTA_VOLUME_SPIKE must be a finite number, 1 or more"),
        ("WARTA_VOLUME_SPIKE", "0", "WARTA_VOLUME_SPIKE must be a finite number, 1 or more"),
        ("WARTA_MAX_DUPLICATE_SHARE", "-0.1", "must be between 0 and 1, got '-0.1'"),
    ],
)
def test_volume_bounds_are_on_either_side_of_the_median(variable, value, message):
    """A drop above 1 or a spike below it would fail every judged day's volume check."""
    with pytest.raises(ValueError, match=re.escape(message)):
        Settings.from_env({variable: value})


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("WARTA_DUCKDB_THREADS", "0", "WARTA_DUCKDB_THREADS must be a positive integer, got '0'"),
        (
            "WARTA_DUCKDB_MEMORY_LIMIT",
            "lots",
            "WARTA_DUCKDB_MEMORY_LIMIT must be a size DuckDB reads (2GB, 512MiB, 50%), got 'lots'",
        ),
    ],
)
def test_duckdb_settings_are_checked(variable, value, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        Settings.from_env({variable: value})


def test_duckdb_settings_reach_the_connections_config():
    assert Settings.from_env({}).duckdb_config == {}
    settings = Settings.from_env({"WARTA_DUCKDB_THREADS": "1", "WARTA_DUCKDB_MEMORY_LIMIT": "50%"})
    assert settings.duckdb_config == {"threads": 1, "memory_limit": "50%"}


def test_volume_bounds_at_the_median_are_accepted():
    settings = Settings.from_env({"WARTA_VOLUME_DROP": "1", "WARTA_VOLUME_SPIKE": "1"})
    assert (settings.volume_drop, settings.volume_spike) == (1.0, 1.0)


def test_sample_never_writes_into_the_configured_landing_zone(tmp_path):
    production = tmp_path / "landing"
    written = _warta("sample", env={"WARTA_RAW_DIR": str(production)}, cwd=tmp_path)
    assert written.returncode == 0, written.stderr
    files = sorted(p for p in (tmp_path / "data" / "raw").rglob("*") if p.is_file())
    assert f"wrote {len(files)} sample files under data/raw" in written.stdout
    assert len(files) > 300 and not production.exists()
    # Named as DIR, the landing zone is refused too, and so is any folder whose sample days
    # hold files of their own; the shipped sample's folder takes it again.
    named = _warta("sample", str(production), env={"WARTA_RAW_DIR": str(production)})
    assert named.returncode == 2 and f"{production} is WARTA_RAW_DIR" in named.stderr
    real = tmp_path / "real" / "2026-11-23" / "scraped.txt"
    real.parent.mkdir(parents=True)
    real.write_text("a real page")
    mixed = _warta("sample", str(tmp_path / "real"))
    assert mixed.returncode == 2, mixed.stdout
    assert f"{real.parent} holds files the sample did not write" in mixed.stderr
    assert [p.name for p in (tmp_path / "real").rglob("*.txt")] == ["scraped.txt"]
    again = _warta("sample", cwd=tmp_path)
    assert again.returncode == 0 and f"wrote {len(files)} sample files" in again.stdout


def test_every_variable_the_code_reads_is_known_to_the_misspelling_warning():
    """A setting read somewhere but missing from ``VARIABLES`` would be called unknown."""
    from warta.config import VARIABLES

    read = set()
    for folder in ("warta", "assets", "pipelines", "tests"):
        for path in (REPO / folder).rglob("*.py"):
            read |= set(re.findall(r"[\"'](WARTA_[A-Z_]+)[\"']", path.read_text("utf-8")))
    read -= {"WARTA_RAWDIR", "WARTA_COLOUR", "WARTA_WAREHOUSE_PATH"}  # this file's misspellings
    assert read == set(VARIABLES)


def test_a_misspelt_setting_is_named_with_the_one_meant(tmp_path):
    from warta.config import unknown_variables

    assert unknown_variables({"WARTA_RAWDIR": "x", "WARTA_RAW_DIR": "y", "HOME": "/"}) == [
        "WARTA_RAWDIR is not a Warta setting (did you mean WARTA_RAW_DIR?); it is ignored"
    ]
    assert unknown_variables({"WARTA_COLOUR": "x"}) == [
        "WARTA_COLOUR is not a Warta setting; it is ignored"
    ]
    query = _warta("query", "SELECT 1", env={"WARTA_WAREHOUSE_PATH": "x"}, cwd=tmp_path)
    assert query.stderr.count("WARTA_WAREHOUSE_PATH is not a Warta setting (did you mean ") == 1


def test_a_warehouse_path_that_is_a_folder_or_a_quality_folder_that_is_a_file_is_refused(
    tmp_path,
):
    """The load retried a folder for minutes and ended in DuckDB's stack trace; a file for the
    quality reports failed after the parse with Python's."""
    from warta.config import Settings

    a_file = tmp_path / "report"
    a_file.write_text("")
    for env, message in (
        ({"WARTA_WAREHOUSE": str(tmp_path)}, rf"WARTA_WAREHOUSE is a folder \({tmp_path}\)"),
        ({"WARTA_QUALITY_DIR": str(a_file)}, f"WARTA_QUALITY_DIR {a_file} is not a folder"),
    ):
        with pytest.raises(ValueError, match=message):
            Settings.from_env(env)
        wrong = _warta("run", "--partition", "2026-11-25", env=env, cwd=tmp_path)
        assert wrong.returncode == 2, wrong.stdout + wrong.stderr
        assert re.search(message, wrong.stderr), wrong.stderr
        assert "Traceback" not in wrong.stderr


def test_sample_generated_writes_the_benchmarks_mix_with_html_pages_that_have_an_address(
    tmp_path,
):
    from datetime import date

    from warta.ingest import process_bytes

    written = _warta("sample", "gen", "--generated", "60", "--days", "2", cwd=tmp_path)
    assert written.returncode == 0, written.stderr
    files = sorted(p for p in (tmp_path / "gen").rglob("*") if p.is_file())
    assert len(files) == 60 and "wrote 60 generated files" in written.stdout
    assert sorted({p.parent.name for p in files}) == ["2026-11-19", "2026-11-20"]
    pages = [p for p in files if p.suffix == ".html"]
    assert pages and len(pages) < len(files)
    for page in pages:
        record, article, _ = process_bytes(
            page.read_bytes(), f"{page.parent.name}/{page.name}", date(2026, 11, 20)
        )
        assert record.status == "parsed"
        assert article.url == f"https://kabarkota.example/berita/{int(page.stem)}"
    refused = _warta("sample", "gen", "--days", "2", cwd=tmp_path)
    assert refused.returncode == 2 and "--days applies to --generated" in refused.stderr
    again = _warta("sample", "gen", "--generated", "5", cwd=tmp_path)  # corpora would overlap
    assert again.returncode == 2 and "gen holds files already" in again.stderr
    assert len([p for p in (tmp_path / "gen").rglob("*") if p.is_file()]) == 60
    refused = _warta("sample", "--generated", "5", cwd=tmp_path)  # not into data/raw
    assert refused.returncode == 2 and "--generated needs a DIR of its own" in refused.stderr
    assert not (tmp_path / "data").exists()
    (tmp_path / "afile").write_text("")
    for args in (("afile",), ("afile", "--generated", "5")):
        refused = _warta("sample", *args, cwd=tmp_path)
        assert refused.returncode == 2 and "afile is a file, not a folder" in refused.stderr


def test_an_unexpected_error_keeps_its_stack_trace_in_the_console_log(landing, monkeypatch, capfd):
    """Only deliberate failures (dg.Failure, saying what to do) lose their stack trace. (The
    check steps have no retry policy: a bug there fails the run at once.)"""
    import assets.checks
    from pipelines.run import run_partitions

    def broken(*args, **kwargs):
        raise ZeroDivisionError("a bug in the checks")

    monkeypatch.setattr(assets.checks, "check_and_record", broken)
    monkeypatch.delenv("DAGSTER_HOME", raising=False)
    (result,) = run_partitions(["2026-11-25"], allow_empty=True)  # no folder: an empty day
    assert not result.success and "a bug in the checks" in result.message
    err = capfd.readouterr().err
    assert "ZeroDivisionError: a bug in the checks" in err
    assert "Stack Trace" in err and 'in broken\n    raise ZeroDivisionError("a bug' in err


def test_a_retried_failure_is_printed_without_its_stack_traces(landing, monkeypatch, capfd):
    """A landing zone that fails to list with an error that may pass (EIO on a network mount)
    is retried by the parse's retry policy; Dagster reports each attempt as a retry raised from
    the Failure, which is printed as its message too."""
    import errno

    import dagster as dg

    from pipelines.run import run_partitions
    from warta.landing import LandingUnavailable, LandingZone

    def flaky(self, partition):
        raise LandingUnavailable(
            f"landing folder {partition} cannot be listed (Input/output error)",
            OSError(errno.EIO, "Input/output error"),
        )

    monkeypatch.setattr(LandingZone, "fingerprint", flaky)
    monkeypatch.setattr(dg.RetryPolicy, "calculate_delay", lambda self, attempt: 0)
    monkeypatch.delenv("DAGSTER_HOME", raising=False)
    (result,) = run_partitions(["2026-11-25"], allow_empty=True)  # no folder: an empty day
    assert not result.success
    err = capfd.readouterr().err
    # The step's failure and the run's (the retries themselves are logged at DEBUG).
    assert err.count("landing folder 2026-11-25 cannot be listed (Input/output error)") == 2
    assert "Stack Trace" not in err and "Traceback" not in err, err[-3000:]


def _run_counting_retries(landing, monkeypatch):
    """The seed's day run once in process, which must fail without a retry of any step."""
    import dagster as dg

    from pipelines.run import run_partitions

    put(landing, "2026-11-25/a.txt", SEED.read_bytes())
    attempts = []
    monkeypatch.setattr(
        dg.RetryPolicy, "calculate_delay", lambda self, attempt: attempts.append(attempt) or 0
    )
    monkeypatch.delenv("DAGSTER_HOME", raising=False)
    (result,) = run_partitions(["2026-11-25"])
    assert not result.success and attempts == []
    return result


def test_a_parquet_folder_that_cannot_be_created_fails_the_run_at_once(
    landing, monkeypatch, capfd, tmp_path
):
    """WARTA_DATA_DIR under a file (or on a file system that refuses it) stays so: the parse
    fails without its retries, naming the folder and the variable (it was retried for two
    minutes in silence and ended in four chained stack traces)."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("WARTA_DATA_DIR", str(blocker / "parquet"))
    result = _run_counting_retries(landing, monkeypatch)
    message = f"cannot create the Parquet folder {blocker / 'parquet'} (WARTA_DATA_DIR): Not a "
    assert message in result.message and "nothing was parsed" in result.message
    err = capfd.readouterr().err
    assert err.count(message) == 2 and "Traceback" not in err, err[-3000:]


def test_a_damaged_warehouse_fails_the_load_at_once_saying_to_rebuild(landing, monkeypatch, capfd):
    """A warehouse file that is no DuckDB database fails the load without its retries (they
    took three and a half minutes in silence), naming the file and `warta rebuild`."""
    landing.warehouse.write_bytes(b"\x00garbage" * 1000)
    result = _run_counting_retries(landing, monkeypatch)
    assert f"{landing.warehouse} is not a readable DuckDB database" in result.message
    assert "Run `warta rebuild`" in result.message
    assert landing.warehouse.read_bytes() == b"\x00garbage" * 1000
    assert "Traceback" not in capfd.readouterr().err


def test_run_of_every_day_names_a_folder_outside_the_range_and_succeeds(landing, tmp_path):
    put(landing, "2026-11-25/a.txt", SEED.read_bytes())
    put(landing, "2019-12-31/old.txt", SEED.read_bytes())  # before WARTA_START_DATE
    result = _warta("run", env={"DAGSTER_HOME": ""}, cwd=tmp_path, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (
        "warning: landing folder 2019-12-31: outside the partition range "
        "(WARTA_START_DATE .. today); skipped"
    ) in result.stdout
    assert "2026-11-25: 1 file (1 parsed, 0 duplicate, 0 rejected)" in result.stdout
    # without an instance its runs are seen by nothing else: it says so
    assert "note: DAGSTER_HOME is not set: these runs are recorded in a throwaway" in (
        result.stdout
    )


@pytest.mark.parametrize("channel", ["pipe", "socket"])
def test_parse_into_a_pipe_closed_early_ends_quietly(channel):
    """`warta parse … | head -1`, or a socket whose peer went away (a supervisor's)."""
    import socket

    pages = [str(SEED)] * 50
    command = [sys.executable, "-m", "warta.cli", "parse", *pages]
    if channel == "pipe":
        parse = subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        reader = parse.stdout
    else:
        ours, theirs = socket.socketpair()
        parse = subprocess.Popen(command, cwd=REPO, stdout=theirs, stderr=subprocess.PIPE)
        theirs.close()
        reader = ours.makefile("rb")
        ours.close()  # the file object keeps the socket open until it is closed
    first = reader.readline()  # then close the reading end, as `head -1` does
    reader.close()
    assert parse.wait(timeout=120) == 141
    assert first.startswith(str(SEED).encode())
    assert parse.stderr.read() == b""


def test_a_broken_pipe_other_than_stdout_is_not_taken_for_a_closed_reader(monkeypatch, capfd):
    """Only a reader of stdout gone away ends quietly with 141: another pipe breaking is a
    fault, shown with its traceback. (Under capfd stdout is a file: its poll reports no error.)"""
    import warta.cli

    def broken(*args, **kwargs):
        raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(warta.cli, "process_bytes", broken)
    with pytest.raises(BrokenPipeError):
        warta.cli.main(["parse", str(SEED)])
