"""Run the Great Expectations suites (``warta/quality/suites.py``) on one partition.

GX 1.x has no Polars or working DuckDB source, so each table's Parquet is read into pandas and
validated in an ephemeral context. Only the columns the suite names (plus the key, for the
sample of offending rows) are read. GX on pandas costs about 2-5 s per million rows and
expectation set, so a table over ``GX_MAX_ROWS`` rows is validated on a seeded random sample
of that many rows (counts and percentages are then the sample's, and each finding says so);
the SQL checks see every row. GX takes seconds to import, so it is imported only when a suite
runs, once per call.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from warta.parquet_store import ParquetStore
from warta.quality.model import SAMPLE_ROWS, Finding, cell_text
from warta.quality.suites import SUITES, Expectation, resolved_kwargs
from warta.schema import PRIMARY_KEYS

GX_MAX_ROWS = 50_000
SAMPLE_SEED = 20261125


@dataclass(frozen=True)
class ExpectationOutcome:
    table: str
    expectation: Expectation
    success: bool
    element_count: int | None
    unexpected_count: int | None
    unexpected_percent: float | None
    columns: list[str] = field(default_factory=list)
    sample: list[list[Any]] = field(default_factory=list)  # offending rows: key + column
    error: str | None = None  # GX could not evaluate the expectation
    sampled_from: int | None = None  # the table's rows, when GX saw a sample of them

    @property
    def blocks(self) -> bool:
        """True when this outcome refuses the warehouse load (a failed ERROR expectation)."""
        return self.finding().blocks

    def finding(self) -> Finding:
        description = self.expectation.describe()
        if self.error:
            description += f" - could not be evaluated: {self.error}"
        if self.sampled_from:
            description += f" (on a random sample of {GX_MAX_ROWS:,} of {self.sampled_from:,} rows)"
        return Finding(
            check_name=self.expectation.check_name,
            table=self.table,
            kind="great_expectations",
            severity=self.expectation.severity,
            passed=self.success,
            description=description,
            unexpected_count=self.unexpected_count,
            unexpected_percent=self.unexpected_percent,
            checked_rows=self.element_count,
            columns=list(self.columns),
            sample=[[cell_text(value) for value in row] for row in self.sample],
        )


def validate_partition(
    store: ParquetStore,
    partition: str,
    tables: list[str] | None = None,
    *,
    now: dt.datetime | None = None,
) -> list[ExpectationOutcome]:
    """Run the suites of ``tables`` (all by default) on one published partition, with run-time
    bounds taken at ``now`` (the current time by default); outcomes in registry order."""
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    now = now or dt.datetime.now(dt.UTC)
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    source = context.data_sources.add_pandas("warta")
    outcomes: list[ExpectationOutcome] = []
    for table, expectations in SUITES.items():
        if tables is not None and table not in tables:
            continue
        keys = list(PRIMARY_KEYS[table])
        columns = list(dict.fromkeys(keys + [e.column for e in expectations if e.column]))
        frame, total_rows = _read(store, table, partition, columns)
        batch = source.add_dataframe_asset(name=table).add_batch_definition_whole_dataframe(table)
        suite = context.suites.add(
            gx.ExpectationSuite(
                name=table,
                expectations=[
                    getattr(gx.expectations, e.gx_type)(
                        **resolved_kwargs(e, now), meta={"check": e.check_name}
                    )
                    for e in expectations
                ],
            )
        )
        result = batch.get_batch(batch_parameters={"dataframe": frame}).validate(
            suite, result_format={"result_format": "SUMMARY", "partial_unexpected_count": 20}
        )
        by_name = {e.check_name: e for e in expectations}
        for item in result.results:
            outcome = _outcome(
                table, by_name[item.expectation_config.meta["check"]], item, frame, keys
            )
            if total_rows > len(frame):
                outcome = replace(outcome, sampled_from=total_rows)
            outcomes.append(outcome)
    rank = {(t, e.check_name): i for i, (t, e) in enumerate(_registry())}
    return sorted(outcomes, key=lambda o: rank[(o.table, o.expectation.check_name)])


def _registry() -> list[tuple[str, Expectation]]:
    return [(table, e) for table, expectations in SUITES.items() for e in expectations]


def _read(store: ParquetStore, table: str, partition: str, columns: list[str]):
    """The table's ``columns`` as pandas (a seeded sample of ``GX_MAX_ROWS`` rows if larger)
    and the table's full row count."""
    arrow = pq.read_table(store.partition_file(table, partition), columns=columns)
    total_rows = arrow.num_rows
    if total_rows > GX_MAX_ROWS:
        rows = np.random.default_rng(SAMPLE_SEED).choice(total_rows, GX_MAX_ROWS, replace=False)
        arrow = arrow.take(np.sort(rows))
    # GX compares int64 and float columns vectorised but narrower integers value by value in
    # Python (ExpectColumnValuesToBeBetween): widen them, values unchanged.
    schema = pa.schema(
        field.with_type(pa.int64()) if pa.types.is_integer(field.type) else field
        for field in arrow.schema
    )
    return arrow.cast(schema).to_pandas(), total_rows


def _outcome(
    table: str, expectation: Expectation, item, frame, keys: list[str]
) -> ExpectationOutcome:
    details: dict[str, Any] = item.result or {}
    error = None
    if item.exception_info and item.exception_info.get("raised_exception"):
        error = str(item.exception_info.get("exception_message"))
    columns = list(dict.fromkeys(keys + ([expectation.column] if expectation.column else [])))
    indexes = list(details.get("partial_unexpected_index_list") or [])[:SAMPLE_ROWS]
    if indexes:
        rows = frame.loc[indexes, columns].itertuples(index=False, name=None)
        sample = [list(row) for row in rows]
    else:
        columns = [expectation.column or "value"]
        sample = [[v] for v in list(details.get("partial_unexpected_list") or [])[:SAMPLE_ROWS]]
    return ExpectationOutcome(
        table=table,
        expectation=expectation,
        success=bool(item.success),
        element_count=details.get("element_count"),
        unexpected_count=details.get("unexpected_count"),
        unexpected_percent=details.get("unexpected_percent"),
        columns=columns if sample else [],
        sample=sample,
        error=error,
    )
