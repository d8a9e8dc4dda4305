"""``warta query``: SQL on the warehouse from the command line, read-only, as analysts run it."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tests.warehouse.conftest import copy_store
from warta.warehouse import Warehouse

WARTA = Path(sys.executable).with_name("warta")
SQL = Path(__file__).resolve().parents[2] / "sql"


@pytest.fixture(scope="module")
def built(sample, tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("query")
    warehouse = Warehouse(root / "warehouse.duckdb")
    warehouse.rebuild(copy_store(sample.data_dir, root / "parquet"))
    return warehouse.path


def _query(path: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(WARTA), "query", *args],
        capture_output=True,
        text=True,
        input=stdin,
        env={**os.environ, "WARTA_WAREHOUSE": str(path), "COLUMNS": "200"},
    )


def _expected(path: Path, statement: str) -> tuple[list[str], list[tuple]]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        cursor = con.execute(statement)
        return [c[0] for c in cursor.description], cursor.fetchall()
    finally:
        con.close()


def test_an_analysis_file_as_csv_is_every_row_of_the_query(built):
    path = SQL / "analysis" / "top_entities.sql"
    result = _query(built, "--csv", str(path))
    assert result.returncode == 0, result.stderr
    columns, rows = _expected(built, path.read_text("utf-8"))
    assert list(csv.reader(io.StringIO(result.stdout))) == [
        columns,
        *[[str(value) for value in row] for row in rows],
    ]
    assert len(rows) == 20


def test_csv_writes_nulls_empty_and_lists_as_json(built):
    result = _query(
        built,
        "--csv",
        "SELECT ingest_date, parser_versions, NULL AS nothing FROM partition_quality "
        "ORDER BY ingest_date LIMIT 1",
    )
    assert result.returncode == 0, result.stderr
    [header, row] = list(csv.reader(io.StringIO(result.stdout)))
    assert header == ["ingest_date", "parser_versions", "nothing"]
    from warta import PARSER_VERSION

    assert row[1:] == [f'["{PARSER_VERSION}"]', ""]


def test_the_table_shows_the_first_and_last_rows_and_counts_them_all(built):
    result = _query(built, "--max-rows", "4", "SELECT article_id FROM articles ORDER BY 1")
    assert result.returncode == 0, result.stderr
    _, rows = _expected(built, "SELECT article_id FROM articles ORDER BY 1")
    shown = [line for line in result.stdout.splitlines() if any(r[0] in line for r in rows)]
    assert [next(r[0] for r in rows if r[0] in line) for line in shown] == [
        rows[0][0],
        rows[1][0],
        rows[-2][0],
        rows[-1][0],
    ]
    assert f"{len(rows)} rows" in result.stdout and "(4 shown)" in result.stdout


def test_the_total_and_the_last_rows_are_exact_beyond_ten_thousand_rows(built):
    result = _query(built, "--max-rows", "4", "SELECT range AS n FROM range(25000)")
    assert result.returncode == 0, result.stderr
    numbers = [line.strip("│ ") for line in result.stdout.splitlines() if line.startswith("│")]
    assert numbers == ["n", "bigint", "0", "1", "·", "24998", "24999"]
    assert result.stdout.splitlines()[-1] == "25000 rows (4 shown), 1 column"


def test_every_column_is_shown_however_wide_the_table(built):
    columns = ", ".join(f"repeat('x', 60) AS column_{k}" for k in range(12))
    result = _query(built, f"SELECT {columns}")
    assert result.returncode == 0, result.stderr
    header = result.stdout.splitlines()[1]
    assert [name.strip() for name in header.strip("│").split("│")] == [
        f"column_{k}" for k in range(12)
    ]
    assert result.stdout.count("x" * 39 + "…") == 12  # long values cut, not their columns
    assert result.stdout.splitlines()[-1] == "1 row, 12 columns"


def test_a_table_wider_than_max_width_shows_its_first_and_last_columns(built):
    columns = ", ".join(f"{k} AS {name}" for k, name in enumerate("abcdefghij"))
    result = _query(built, "--max-width", "40", f"SELECT {columns}")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [name.strip() for name in lines[1].strip("│").split("│")] == ["a", "b", "…", "j"]
    assert [value.strip() for value in lines[4].strip("│").split("│")] == ["0", "1", "…", "9"]
    assert max(len(line) for line in lines[:-1]) == 35  # a fifth column would make it 45
    assert lines[-1] == "1 row, 10 columns (3 shown)"
    # 0 is no limit; so is a pipe without the option (the test above)
    every = _query(built, "--max-width", "0", f"SELECT {columns}")
    assert every.stdout.splitlines()[-1] == "1 row, 10 columns"


def test_the_first_column_is_shown_however_narrow_max_width_is(built):
    columns = ", ".join(f"repeat('x', 60) AS column_{k}" for k in range(12))
    result = _query(built, "--max-width", "1", f"SELECT {columns} FROM range(3)")
    lines = result.stdout.splitlines()
    assert [name.strip() for name in lines[1].strip("│").split("│")] == ["column_0", "…"]
    assert lines[-1] == "3 rows, 12 columns (1 shown)"
    assert _query(built, "--max-width", "-1", "SELECT 1").returncode == 2


def test_a_column_too_wide_for_its_turn_leaves_room_to_the_columns_on_the_other_side():
    from warta.results import _columns_that_fit

    # c1 does not fit beside c0 and c4; c3 and c2 do (77 terminal columns of 80)
    assert _columns_that_fit([10, 40, 5, 5, 40], 80) == [0, 2, 3, 4]
    assert _columns_that_fit([10, 40, 5, 5, 40], 0) == [0, 1, 2, 3, 4]
    assert _columns_that_fit([10, 40, 5, 5, 40], 200) == [0, 1, 2, 3, 4]


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_on_a_terminal_the_table_fits_its_width(built):
    import pty

    columns = ", ".join(f"{k} AS {name}" for k, name in enumerate("abcdefghij"))
    leader, follower = pty.openpty()
    try:
        try:
            process = subprocess.run(
                [str(WARTA), "query", f"SELECT {columns}"],
                stdout=follower,
                stderr=subprocess.PIPE,
                env={**os.environ, "WARTA_WAREHOUSE": str(built), "COLUMNS": "40"},
            )
        finally:
            os.close(follower)
        output = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal is closed at its end
                break
            if not chunk:
                break
            output += chunk
    finally:
        os.close(leader)
    assert process.returncode == 0, process.stderr
    lines = output.decode().replace("\r\n", "\n").splitlines()
    assert lines[-1] == "1 row, 10 columns (3 shown)"
    assert max(len(line) for line in lines) <= 40


def test_values_are_written_as_duckdb_writes_them(built):
    select = (
        "SELECT INTERVAL 3 DAY AS pause, '\\xFF'::BLOB AS bytes, [1, 2] AS numbers, "
        "NULL AS nothing, 'two' || chr(10) || 'lines' AS text"
    )
    table = _query(built, select)
    assert table.returncode == 0, table.stderr
    row = table.stdout.splitlines()[4]
    assert [v.strip() for v in row.strip("│").split("│")] == [
        "3 days",
        "\\xFF",
        "[1, 2]",
        "NULL",
        "two\\nlines",
    ]
    as_csv = _query(built, "--csv", select)
    assert list(csv.reader(io.StringIO(as_csv.stdout)))[1] == [
        "3 days",
        "\\xFF",
        "[1,2]",
        "",
        "two\nlines",
    ]


def test_semicolons_in_identifiers_dollar_strings_and_comments_do_not_end_a_statement(built):
    result = _query(built, "--csv", 'SELECT 1 AS "a;b", $$c;d$$ AS e /* ; */ -- f;g')
    assert (result.returncode, result.stdout) == (0, "a;b,e\n1,c;d\n"), result.stderr


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("SELECT 1 AS a; -- done; really", "1"),
        ("SELECT 1 AS a;\n-- done\n", "1"),
        ("SELECT 1 AS a /* the end */ ;", "1"),
        ("SELECT 1 AS a -- no semicolon", "1"),
        ("SELECT 'x; -- y' AS a;", "x; -- y"),
        # text beyond ASCII before the end (DuckDB's tokenizer counts bytes)
        ("SELECT 'é' AS a;", "é"),
        ("SELECT 'é' AS a -- ü", "é"),
        ("SELECT 'é' AS a; -- 雅加达;", "é"),
        ("SELECT $$é$$ AS a ;", "é"),
    ],
)
def test_comments_and_a_semicolon_after_the_last_statement_are_no_part_of_it(built, text, value):
    result = _query(built, "--csv", text)
    assert (result.returncode, result.stdout) == (0, f"a\n{value}\n"), result.stderr


def test_control_characters_in_values_are_escaped_not_sent_to_the_terminal(built):
    result = _query(built, "SELECT 'a' || chr(27) || '[31mred' || chr(0) AS v")
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout and "\x00" not in result.stdout
    assert "a\\x1b[31mred\\x00" in result.stdout


def test_wide_characters_keep_the_table_aligned(built):
    result = _query(
        built,
        "SELECT 'Jakarta 雅加达 🎉' AS kota UNION ALL SELECT 'Bandung' UNION ALL "
        "SELECT 'keluarga 👨\u200d👩\u200d👧' UNION ALL SELECT 'cinta ❤\ufe0f' ORDER BY 1",
    )
    assert result.returncode == 0, result.stderr
    import unicodedata

    def width(line: str) -> int:  # as a terminal shows it
        line = line.replace("👨\u200d👩\u200d👧", "FF").replace("❤\ufe0f", "HH")
        return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)

    lines = result.stdout.splitlines()[:-1]
    assert len({width(line) for line in lines}) == 1, lines


def test_sql_text_longer_than_a_file_name_can_be_is_run(built):
    statement = "SELECT " + " + ".join(["1"] * 300) + " AS total"
    assert len(statement) > 1000
    result = _query(built, "--csv", statement)
    assert (result.returncode, result.stdout) == (0, "total\n300\n"), result.stderr


def test_a_statement_without_rows_prints_nothing(built):
    for args in (["--csv", "SET threads = 1"], ["SET threads = 1"]):
        result = _query(built, *args)
        assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_statements_run_in_order_from_standard_input_and_the_last_is_printed(built):
    stdin = "-- the analyst's script\nSET TimeZone = 'Asia/Jakarta';\n"
    stdin += "SELECT current_setting('TimeZone') AS zone;"
    result = _query(built, "--csv", stdin=stdin)
    assert (result.returncode, result.stdout) == (0, "zone\nAsia/Jakarta\n"), result.stderr


def test_the_warehouse_is_opened_read_only(built):
    before = _expected(built, "SELECT count(*) FROM articles")
    result = _query(built, "DELETE FROM articles")
    assert result.returncode == 1
    assert "read-only" in result.stderr and "Traceback" not in result.stderr
    assert _expected(built, "SELECT count(*) FROM articles") == before


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["SELECT nope FROM articles"], 1, 'warta: Binder Error: Referenced column "nope"'),
        (["SELEC 1"], 1, 'warta: Parser Error: syntax error at or near "SELEC"'),
        (["missing.sql"], 2, "warta: no such SQL file: missing.sql"),
        (["-- nothing but a comment"], 2, "warta: no SQL statement given"),
        ([""], 2, "warta: no SQL statement given"),  # not the current folder
        ([" "], 2, "warta: no SQL statement given"),
        (["--max-rows", "0", "SELECT 1"], 2, "not a whole number of 1 or more: '0'"),
        (
            [str(SQL / "analysis")],
            2,
            f"warta: {SQL / 'analysis'} is a folder; give one .sql file or SQL text",
        ),
        # an unknown option: the command's own usage, not the top level's
        (["--rows", "5", "SELECT 1"], 2, "usage: warta query [-h]"),
    ],
)
def test_a_bad_query_is_a_one_line_error(built, args, code, message):
    result = _query(built, *args)
    assert result.returncode == code
    assert message in result.stderr and "Traceback" not in result.stderr


def test_a_dash_reads_the_sql_from_standard_input(built):
    result = _query(built, "--csv", "-", stdin="SELECT 42 AS answer")
    assert (result.returncode, result.stdout) == (0, "answer\n42\n"), result.stderr


def test_a_folder_as_the_warehouse_is_named_as_such(tmp_path):
    result = _query(tmp_path, "SELECT 1")
    assert result.returncode == 2
    assert result.stderr == (
        f"warta: WARTA_WAREHOUSE is a folder ({tmp_path}); it names the DuckDB file, e.g. "
        "data/warehouse.duckdb\n"
    )


def test_without_a_warehouse_it_says_how_to_build_one(tmp_path):
    result = _query(tmp_path / "none.duckdb", "SELECT 1")
    assert result.returncode == 1
    assert result.stderr == (
        f"warta: no warehouse at {tmp_path / 'none.duckdb'} (WARTA_WAREHOUSE): build it first "
        "with `make run` or `warta run`\n"
    )
    assert not (tmp_path / "none.duckdb").exists()


def test_duckdb_settings_apply_to_the_querys_connection(built):
    statement = "SELECT current_setting('threads') AS t, current_setting('memory_limit') AS m"
    result = subprocess.run(
        [str(WARTA), "query", "--csv", statement],
        capture_output=True,
        text=True,
        env={
            **os.environ,
            "WARTA_WAREHOUSE": str(built),
            "WARTA_DUCKDB_THREADS": "1",
            "WARTA_DUCKDB_MEMORY_LIMIT": "300MB",
        },
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["t,m", "1,286.1 MiB"]
    warehouse = Warehouse(built, config={"threads": 1, "memory_limit": "300MB"})
    con = warehouse.connect_read_only()
    try:  # the loads' and rebuilds' connections take the same config
        assert con.sql(statement).fetchall() == [(1, "286.1 MiB")]
    finally:
        con.close()


def test_a_damaged_warehouse_is_named_with_the_remedy(tmp_path):
    damaged = tmp_path / "damaged.duckdb"
    damaged.write_bytes(b"not a database" * 1000)
    result = _query(damaged, "SELECT 1")
    assert result.returncode == 1
    assert result.stderr.startswith(f"warta: cannot open {damaged}: ")
    assert result.stderr.endswith(
        "; run `warta rebuild`: it moves the file aside and builds the warehouse again from the "
        "Parquet\n"
    )
    assert result.stderr.count("\n") == 1
    assert damaged.read_bytes() == b"not a database" * 1000  # a query changes nothing


def test_a_view_an_older_release_did_not_create_is_explained(built, tmp_path):
    older = tmp_path / "older.duckdb"
    older.write_bytes(built.read_bytes())
    con = duckdb.connect(str(older))
    con.execute("DROP VIEW entity_names")
    con.close()
    result = _query(older, "SELECT * FROM entity_names")
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == (
        "warta: entity_names is a view of a newer release than the one that last loaded this "
        "warehouse; the next load creates it (or run `warta rebuild`)"
    )
    other = _query(older, "SELECT * FROM no_such_table")
    assert other.returncode == 1 and "newer release" not in other.stderr


def test_a_view_column_an_older_release_did_not_create_is_explained(built, tmp_path):
    older = tmp_path / "older.duckdb"
    older.write_bytes(built.read_bytes())
    con = duckdb.connect(str(older))
    con.execute(  # partition_quality as a release before partitions.parser_version wrote it
        "CREATE OR REPLACE VIEW partition_quality AS SELECT ingest_date, loaded_at FROM partitions"
    )
    con.close()
    for operations in (
        "SELECT ingest_date FROM partition_quality WHERE parser_version IS NULL",
        "SELECT q.parser_version FROM partition_quality AS q",
    ):
        result = _query(older, operations)
        assert result.returncode == 1
        assert result.stderr.splitlines()[-1] == (
            "warta: partition_quality.parser_version is a column of a newer release than the one "
            "that last loaded this warehouse; the next load adds it (or run `warta rebuild`)"
        )
    for other in ("SELECT nope FROM partition_quality", "SELECT parser_version FROM raw_files"):
        result = _query(older, other)
        assert result.returncode == 1 and "newer release" not in result.stderr
