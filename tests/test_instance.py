"""The instance settings Warta relies on, on real instances: the template's, none, some."""

from __future__ import annotations

import io

import dagster as dg
import yaml

from pipelines.instance import TEMPLATE, instance_gaps
from pipelines.run import run_partitions


def _gaps(settings: dict) -> list[str]:
    with dg.instance_for_test(overrides=settings) as instance:
        return instance_gaps(instance)


def test_the_template_lacks_nothing():
    assert _gaps(yaml.safe_load(TEMPLATE.read_text())) == []


def test_an_instance_without_the_template_lacks_each_setting():
    gaps = _gaps({})
    assert [gap.split(" ", 1)[0] for gap in gaps] == [
        "run_monitoring",
        "run_retries",
        "concurrency.pools.default_limit",
    ]
    assert "wait QUEUED for ever" in gaps[0]


def test_monitoring_without_freeing_slots_or_a_runtime_limit():
    template = yaml.safe_load(TEMPLATE.read_text())
    del template["run_monitoring"]["free_slots_after_run_end_seconds"]
    del template["run_monitoring"]["max_runtime_seconds"]
    template["run_retries"]["enabled"] = False
    assert [gap.split(" ", 1)[0] for gap in _gaps(template)] == [
        "run_monitoring.free_slots_after_run_end_seconds",
        "run_monitoring.max_runtime_seconds",
        "run_retries",
    ]


def test_warta_run_names_what_an_old_instance_lacks(landing, tmp_path, monkeypatch):
    home = tmp_path / "old_home"
    home.mkdir()
    template = yaml.safe_load(TEMPLATE.read_text())
    del template["run_monitoring"]  # an instance made from a template before it had the block
    (home / "dagster.yaml").write_text(yaml.safe_dump(template))
    monkeypatch.setenv("DAGSTER_HOME", str(home))
    out = io.StringIO()
    assert run_partitions([], out=out) == []
    assert out.getvalue().splitlines() == [
        f"warning: {home}/dagster.yaml: run_monitoring is off: a run whose process dies keeps "
        "its pool slot (warta_parse, warta_warehouse), and its retry and every later run "
        f"needing that pool wait QUEUED for ever; copy the block from {TEMPLATE} and restart "
        "the daemon"
    ]
    (home / "dagster.yaml").write_text(TEMPLATE.read_text())
    out = io.StringIO()
    run_partitions([], out=out)
    assert out.getvalue() == ""
