"""The Arrow schemas, the DuckDB DDL and the data contract (TABLES.md) agree."""

from __future__ import annotations

import re

import duckdb

from tests.conftest import REPO, shared_path
from warta import sql
from warta.schema import PRIMARY_KEYS, TABLES

_DUCKDB_TYPES = {
    "date32[day]": "DATE",
    "string": "VARCHAR",
    "int64": "BIGINT",
    "int32": "INTEGER",
    "timestamp[us, tz=UTC]": "TIMESTAMP WITH TIME ZONE",
    "list<item: string>": "VARCHAR[]",
    "bool": "BOOLEAN",
}
_CONTRACT_TYPES = {"TIMESTAMPTZ": "TIMESTAMP WITH TIME ZONE"}


CONTRACT = REPO / "docs" / "TABLES.md"


def test_the_contract_copy_in_the_repo_is_current():
    assert CONTRACT.read_bytes() == shared_path("contract", "TABLES.md").read_bytes()


def _contract_columns() -> dict[str, dict[str, str]]:
    text = CONTRACT.read_text("utf-8")
    tables: dict[str, dict[str, str]] = {}
    current = None
    for line in text.splitlines():
        heading = re.match(r"^## (\w+) —", line)
        if heading:
            current = tables.setdefault(heading.group(1), {})
            continue
        row = re.match(r"^\| (\w+) \| ([A-Z\[\]]+) \|", line)
        if current is not None and row:
            current[row.group(1)] = _CONTRACT_TYPES.get(row.group(2), row.group(2))
    return tables


def test_ddl_matches_arrow_schemas():
    con = duckdb.connect()
    sql.run(con, "warehouse/schema.sql")
    for table, schema in TABLES.items():
        ddl = {
            name: (kind, null == "YES")
            for name, kind, null, *_ in con.sql(f"DESCRIBE {table}").fetchall()
        }
        arrow = {f.name: (_DUCKDB_TYPES[str(f.type)], f.nullable) for f in schema}
        assert ddl == arrow, table


def test_the_contracts_never_null_title_is_required():
    assert not TABLES["articles"].field("title").nullable


def test_every_contract_column_exists_with_its_type():
    contract = _contract_columns()
    assert set(contract) == set(TABLES)
    for table, columns in contract.items():
        arrow = {field.name: _DUCKDB_TYPES[str(field.type)] for field in TABLES[table]}
        for column, kind in columns.items():
            assert arrow.get(column) == kind, (table, column)
        # Columns may be added (ingest_date on the child tables); contract columns come first.
        assert list(arrow)[: len(columns)] == list(columns), table


def test_primary_keys_are_columns():
    for table, key in PRIMARY_KEYS.items():
        assert set(key) <= set(TABLES[table].names)


def test_the_query_for_days_to_re_parse_names_the_current_parser_version():
    from warta import PARSER_VERSION

    operations = (REPO / "docs" / "OPERATIONS.md").read_text("utf-8")
    assert f"IS DISTINCT FROM '{PARSER_VERSION}'   -- the new PARSER_VERSION" in operations


def test_the_parser_version_is_a_date_as_partition_quality_orders_them():
    """``partition_quality`` orders a day's versions by their numbers (``2026.11.9`` before
    ``2026.11.15``, ``2026.11.30`` before ``2026.11.30.1``, a second release of the day), read
    by casting the dotted parts to integers."""
    import re

    from warta import PARSER_VERSION

    assert re.fullmatch(r"20\d\d\.(1[0-2]|0?[1-9])\.\d{1,2}(\.[1-9]\d?)?", PARSER_VERSION)
    assert [int(n) for n in PARSER_VERSION.split(".")] > [2026, 11, 30]
