# Warta: `make run` builds the warehouse from data/raw, `make test` runs the test suite.
# Both create .venv/ from the committed lock (uv.lock) on first use; later runs reuse it.

PYTHON ?= python3
VENV := .venv
UV_VERSION := 0.9.30
STAMP := $(VENV)/.warta-synced
export UV_COMPILE_BYTECODE := 1
export UV_PROJECT_ENVIRONMENT := $(CURDIR)/$(VENV)
export DAGSTER_HOME ?= $(CURDIR)/.dagster
# Optional extras of pyproject.toml to install too, e.g. `make -B venv EXTRAS=postgres`.
EXTRAS ?=

.PHONY: run test e2e e2e-deps dev instance lint bench bench-backfill sample clean venv

run: $(STAMP) instance
	$(VENV)/bin/warta run

# Test processes (pytest-xdist): one per CPU core; `make test TEST_WORKERS=0` runs the tests in
# one process, in file order. The slow tests of `make e2e` always run in one.
TEST_WORKERS ?= auto

test: $(STAMP)
	$(VENV)/bin/python -m pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

# Tests marked slow: the real UI stack (dagster dev, GraphQL, CLI backfill, repair, Chromium),
# runs killed mid-parse and by a host restart, the warehouse load on an XFS image (its clone
# of the live file) and the backfill benchmark script on 2 small days, ~6-7 min.
e2e: $(STAMP) e2e-deps
	$(VENV)/bin/python -m pytest -m slow $(PYTEST_ARGS)

e2e-deps:
	command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium)
	{ command -v mkfs.xfs || test -x /usr/sbin/mkfs.xfs; } >/dev/null \
		|| (apt-get update -qq && apt-get install -y -qq xfsprogs) \
		|| echo "xfsprogs not installed: the XFS clone test of the warehouse load will skip"

dev: $(STAMP) instance
	$(VENV)/bin/dagster dev

# The Dagster instance folder, with the template's settings unless it has some (after `make
# clean` too, which removes it).
instance:
	mkdir -p $(DAGSTER_HOME)
	test -s $(DAGSTER_HOME)/dagster.yaml || cp pipelines/dagster.yaml $(DAGSTER_HOME)/dagster.yaml

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# End-to-end benchmark on a generated corpus (figures: docs/PERFORMANCE.md): the whole pipeline,
# then the same corpus without entity extraction (the time of every other stage together).
ARTICLES ?= 100000
DAYS ?= 10
bench: $(STAMP)
	$(VENV)/bin/python scripts/bench_pipeline.py --articles $(ARTICLES) --days $(DAYS) --incremental 1000 --dagster
	$(VENV)/bin/python scripts/bench_pipeline.py --articles $(ARTICLES) --days $(DAYS) --reuse-corpus --no-entities

# The same corpus (made by `make bench`) backfilled through real Dagster: daemon, run queue, pools.
bench-backfill: $(STAMP)
	$(VENV)/bin/python scripts/bench_backfill.py --raw bench/run/raw

sample: $(STAMP)
	$(VENV)/bin/python -m warta.sample data/raw

venv: $(STAMP)

$(STAMP): uv.lock pyproject.toml
	test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	test -x $(VENV)/bin/uv || $(VENV)/bin/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(VENV)/bin/uv sync --locked --quiet $(addprefix --extra ,$(EXTRAS))
	touch $@

clean:
	rm -rf data/parquet data/warehouse.duckdb data/warehouse.duckdb.lock data/quality .dagster
