"""The ``warta`` command line.

warta parse [--json] PATH...      what Warta extracts from raw files
warta run [--partition DATE]... [--allow-empty]
                                  materialise landing partitions through Dagster
warta rebuild                     rebuild the warehouse from every Parquet partition
warta query [FILE | SQL | -]      run SQL on the warehouse (read-only), print the rows
warta sample [DIR]                regenerate the synthetic sample corpus
warta sample DIR --generated N [--days D]
                                  write the benchmark's generated mix into DIR
warta eval pages DIR GOLD         score page extraction against a gold JSONL
warta eval ner GOLD               score entity extraction against gold sentences
warta entities                    JSONL {"id", "text"} on stdin -> entities on stdout
"""

from __future__ import annotations

import argparse
import errno
import json
import os
import re
import select
import shutil
import sys
import textwrap
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from warta import config
from warta.config import DEFAULT_MAX_FILE_BYTES, Settings, warn_unknown_variables
from warta.dates import JAKARTA
from warta.ingest import process_bytes, rejected
from warta.inspect import format_summary
from warta.landing import FileProblem, LandingUnavailable, LandingZone, is_partition_key
from warta.rows import table_rows
from warta.text import counted

_DATE_FOLDER = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    words = list(sys.argv[1:] if argv is None else argv)
    args, unknown = parser.parse_known_args(words)
    if unknown:  # said by the parser of the command they follow, with its usage
        command = words.index(args.command) if args.command in words else len(words)
        before = [word for word in unknown if word in words[:command]]
        (parser if before else args.command_parser).error(
            f"unrecognized arguments: {' '.join(unknown)}"
        )
    warn_unknown_variables(lambda warning: print(f"warning: {warning}", file=sys.stderr))
    try:
        return args.handler(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `warta parse … | head`: the reader has all it wanted
        if not _stdout_reader_gone():
            raise  # another pipe broke: a fault to show
        # Python would print a traceback flushing stdout at exit: point it at nothing.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141  # as a shell reports a command ended by SIGPIPE
    except ValueError as error:  # configuration errors: say what is wrong, no traceback
        print(f"warta: {error}", file=sys.stderr)
        return 2
    except LandingUnavailable as error:  # e.g. WARTA_RAW_DIR missing: nothing was changed
        print(f"warta: {error}", file=sys.stderr)
        return 1


def _stdout_reader_gone() -> bool:
    """Whether standard output is a pipe or socket nobody reads any more (a poll of it reports
    an error, or a hang-up for a socket), rather than some other pipe the command wrote to."""
    try:
        poll = select.poll()
        poll.register(sys.stdout.fileno(), select.POLLOUT)
        return any(events & (select.POLLERR | select.POLLHUP) for _, events in poll.poll(0))
    except (OSError, ValueError, AttributeError):  # no file behind stdout, or no poll here
        return False


def _parser() -> argparse.ArgumentParser:
    general, dagster = (config.__doc__ or "").split("Read by the Dagster definitions", 1)

    def listed(text: str) -> str:
        lines = text.splitlines()
        return "\n".join(x.replace("``", "") for x in lines if x.startswith(("- ", "  ")))

    environment = (
        f"environment (read by run, rebuild and query; parse reads WARTA_RAW_DIR and "
        f"WARTA_MAX_FILE_BYTES only, sample WARTA_RAW_DIR only, to stay out of it):\n"
        f"{listed(general)}\n\n"
        f"environment of the Dagster definitions (warta run, dagster dev):\n{listed(dagster)}"
    )
    parser = argparse.ArgumentParser(
        prog="warta",
        description="Scraped news pages to a warehouse. `warta COMMAND --help` for each command.",
        epilog=environment,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True)

    parse = commands.add_parser(
        "parse",
        help="show what Warta extracts from raw files",
        description=textwrap.fill(
            "Parse raw page files (text dumps or .html) as the pipeline does and print what "
            "they give: a summary a file, or every table row with --json. Nothing is written."
        ),
    )
    parse.add_argument(
        "paths",
        nargs="+",
        type=Path,
        metavar="PATH",
        help="raw files; for a day's folder, give its files (data/raw/2026-11-25/*)",
    )
    parse.add_argument("--json", action="store_true", help="one JSON object per file per line")
    parse.add_argument(
        "--ingest-date",
        type=_calendar_date,
        metavar="YYYY-MM-DD",
        help="resolves relative dates (default: the file's YYYY-MM-DD folder, else today)",
    )
    parse.set_defaults(handler=_parse)

    run = commands.add_parser(
        "run",
        help="materialise landing partitions (default: all present)",
        description=textwrap.fill(
            "Run the Dagster job warta_daily (parse, checks, warehouse load) for each "
            "partition, in this process. The runs are recorded in the Dagster instance at "
            "DAGSTER_HOME when it is set (so `dagster dev` shows them), else in a throw-away "
            "one. Exit status 1 when a partition failed or was blocked by its checks."
        ),
        epilog=environment,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    run.add_argument(
        "--partition",
        action="append",
        metavar="YYYY-MM-DD",
        dest="partitions",
        help="a landing day to run; repeat for several (default: every day folder present)",
    )
    run.add_argument(
        "--allow-empty",
        action="store_true",
        help="run a --partition day that has no landing folder (or whose entry is a file or a "
        "link) as a day without files (without it such a day is refused: most often a "
        "mistyped date)",
    )
    run.add_argument(
        "--changed",
        action="store_true",
        help="skip the days whose folder holds what their latest successful parse read and "
        "that the warehouse holds as this release parses them, or that have a run queued or "
        "running; a day parsed by another version of the parser runs (needs DAGSTER_HOME, "
        "where the runs are recorded; make run sets it)",
    )
    run.set_defaults(handler=_run)

    rebuild = commands.add_parser(
        "rebuild",
        help="rebuild the warehouse from all Parquet partitions",
        description=textwrap.fill(
            "Build a new warehouse from every partition's Parquet in WARTA_DATA_DIR, judged by "
            "the blocking checks, and swap it in for WARTA_WAREHOUSE at once (readers keep the "
            "old one until they reconnect). For a lost or damaged warehouse, after a downgrade, "
            "or to drop a day whose Parquet was removed (--drop-missing)."
        ),
    )
    rebuild.add_argument(
        "--drop-blocked",
        action="store_true",
        help="leave out partitions that fail ERROR checks even if the warehouse holds them now "
        "(without it the rebuild refuses and changes nothing)",
    )
    rebuild.add_argument(
        "--drop-missing",
        action="store_true",
        help="leave out partitions the warehouse holds whose Parquet is gone from WARTA_DATA_DIR, "
        "or lacks some of its tables (without it the rebuild refuses and changes nothing)",
    )
    rebuild.set_defaults(handler=_rebuild)

    query = commands.add_parser(
        "query",
        help="run SQL on the warehouse (read-only) and print the rows",
        description=textwrap.fill(
            "Run SQL against WARTA_WAREHOUSE, opened read-only (a load running meanwhile is not "
            "disturbed, and its result is seen by the next query), and print the rows of the "
            "last statement as a table, or as CSV. No DuckDB command line needed."
        ),
        epilog="examples:\n  warta query sql/analysis/top_entities.sql\n"
        "  warta query 'SELECT * FROM partition_quality ORDER BY ingest_date'\n"
        "  warta query --csv sql/analysis/reject_reasons.sql > rejects.csv",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    query.add_argument(
        "sql",
        nargs="?",
        metavar="FILE | SQL",
        help="a .sql file (the examples in sql/analysis/) or SQL text; several statements run "
        "in order, the last one's rows are printed (default, or -: SQL from standard input)",
    )
    query.add_argument(
        "--csv", action="store_true", help="every row as CSV with a header line, nulls empty"
    )
    query.add_argument(
        "--max-rows",
        type=_positive_int,
        default=40,
        metavar="N",
        help="rows the table shows, its first and last ones (default 40; the total is printed "
        "below it; --csv writes all)",
    )
    query.add_argument(
        "--max-width",
        type=_non_negative_int,
        default=None,
        metavar="N",
        help="terminal columns the table may take: a wider one shows its first and last "
        "columns around a column of '…' (default: the terminal's width, COLUMNS if set; "
        "0, or output to a pipe or file: every column; --csv writes all)",
    )
    query.set_defaults(handler=_query)

    evaluate = commands.add_parser("eval", help="score extraction against gold data")
    targets = evaluate.add_subparsers(dest="target", required=True)
    pages = targets.add_parser("pages", help="page extraction vs a gold JSONL (pages/gold.jsonl)")
    pages.add_argument("pages_dir", help="folder with text/ and html/ page files")
    pages.add_argument("gold", help="gold JSONL: file, html, title, published_at, author, body")
    pages.add_argument("--json", action="store_true")
    pages.add_argument(
        "--generic-only",
        action="store_true",
        help="parse every page with the generic extractor, the site layouts set aside (what a "
        "layout adds: compare with a run without it)",
    )
    pages.set_defaults(handler=_eval_pages)
    ner = targets.add_parser("ner", help="entity extraction vs gold sentences (idner JSONL)")
    ner.add_argument(
        "gold", help='JSONL of {"id", "text", "entities": [{"start", "end", "label"}]}'
    )
    ner.add_argument("--json", action="store_true")
    ner.set_defaults(handler=_eval_ner)

    entities = commands.add_parser(
        "entities",
        help='JSONL {"id", "text"} in, entities out',
        description=textwrap.fill(
            'Read JSON lines {"id": ..., "text": ...} from standard input and write one JSON '
            'line each, with "entities": the mentions found in the text (start, end, text, '
            "label, canonical_name, entity_key, method), as the pipeline finds them in a "
            "paragraph."
        ),
    )
    entities.set_defaults(handler=_entities)

    sample = commands.add_parser(
        "sample",
        help="write the synthetic sample corpus",
        description="Write the synthetic sample landing zone (the one data/raw/ ships) or, with "
        "--generated, a generated corpus of any size: deterministic, the same files every time.",
    )
    sample.add_argument(
        "directory",
        nargs="?",
        type=Path,
        help="default: data/raw, where the repository ships it (never WARTA_RAW_DIR: synthetic "
        "pages must not land in a real landing zone by accident); needed with --generated",
    )
    sample.add_argument(
        "--generated",
        type=_positive_int,
        metavar="N",
        help="write N pages of the benchmark's generated mix instead, into a DIR of its own "
        "that holds no files yet: the seed's theme, a generic site's text dumps with chrome, "
        "HTML pages with og: metadata and an address (url), 0.5 %% bad files; spread evenly "
        "over the --days days ending 2026-11-20 (fewer folders when N < D)",
    )
    sample.add_argument(
        "--days", type=_positive_int, metavar="D", help="with --generated: date folders (3)"
    )
    sample.set_defaults(handler=_sample)

    for command in (parse, run, rebuild, query, pages, ner, entities, sample):
        command.set_defaults(command_parser=command)
    return parser


def _parse(args: argparse.Namespace) -> int:
    unreadable = 0
    # Only the settings a parse uses: the raw root and the size limit.
    raw_dir = config.raw_dir()
    max_bytes = config.positive_int(os.environ, "WARTA_MAX_FILE_BYTES", DEFAULT_MAX_FILE_BYTES)
    for path in args.paths:
        ingest_date = args.ingest_date or _ingest_date_for(path)
        # Read as the pipeline reads a landing file (a link followed to its target): a FIFO or
        # a device is not waited on or read without end, and the size limit holds.
        real = Path(os.path.realpath(path))
        if real.is_dir():
            print(
                f"warta: cannot read {path}: a folder; give its files (warta parse {path}/*)",
                file=sys.stderr,
            )
            unreadable += 1
            continue
        data = (
            LandingZone(real.parent).read(real.name, max_bytes)
            if os.path.exists(real)
            else FileProblem(os.strerror(errno.ENOENT))
        )
        if isinstance(data, FileProblem) and data.sha256 is None:
            print(f"warta: cannot read {path}: {data.reason}", file=sys.stderr)
            unreadable += 1
            continue
        # The contract's source_path (relative to the raw root) for a file in the landing zone.
        source = _landing_path(path, raw_dir)
        if isinstance(data, FileProblem):  # over the size limit: rejected, as the pipeline does
            size = real.stat().st_size
            record, article, entities = (
                rejected(source, size, data.sha256, None, data.reason),
                None,
                [],
            )
        else:
            record, article, entities = process_bytes(data, source, ingest_date)
        rows = {}
        if article is not None:
            rows = table_rows(record.article_id, source, article, entities, ingest_date)
        if not args.json:
            print(format_summary(str(path), article or record.reject_reason or record.status))
            if article is not None:
                names = sorted({(e.label, e.canonical_name) for e in entities})
                listed = ", ".join(f"{name} ({label})" for label, name in names)
                print(f"  entities    {len(entities)}: {listed or '-'}")
            continue
        document = {
            "source_path": source,
            "status": record.status,
            "reject_reason": record.reject_reason,
            "article": rows["articles"][0] if rows else None,
            "paragraphs": rows.get("paragraphs", []),
            "ad_markers": rows.get("ad_markers", []),
            "entities": rows.get("entities", []),
        }
        print(json.dumps(document, ensure_ascii=False, default=_json_default))
    return 1 if unreadable else 0


def _landing_path(path: Path, raw_dir: Path) -> str:
    """``path`` relative to the landing zone's root (``2026-11-25/x.txt``) when it lies in it,
    else as given."""
    try:  # through links and ``..``, as the landing zone's own listing resolves them
        return Path(os.path.realpath(path)).relative_to(os.path.realpath(raw_dir)).as_posix()
    except ValueError:
        return str(path)


def _calendar_date(text: str) -> date:
    """A ``YYYY-MM-DD`` argument (argparse names the option and the value when it raises)."""
    if not is_partition_key(text):
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}")
    return date.fromisoformat(text)


def _positive_int(text: str) -> int:
    """A whole number of 1 or more (argparse names the option and the value when it raises)."""
    if not text.isdecimal() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"not a whole number of 1 or more: {text!r}")
    return int(text)


def _non_negative_int(text: str) -> int:
    """A whole number of 0 or more."""
    if not text.isdecimal():
        raise argparse.ArgumentTypeError(f"not a whole number of 0 or more: {text!r}")
    return int(text)


def _ingest_date_for(path: Path) -> date:
    for parent in path.absolute().parents:
        if _DATE_FOLDER.match(parent.name):
            try:
                return date.fromisoformat(parent.name)
            except ValueError:
                break
    return datetime.now(JAKARTA).date()


def _json_default(value: Any) -> str:
    if isinstance(value, date | datetime):
        return value.isoformat()
    return str(value)


def _run(args: argparse.Namespace) -> int:
    if args.allow_empty and not args.partitions:
        args.command_parser.error("--allow-empty applies to the days named with --partition")
    Settings.from_env()  # fail early, with a clear message, on bad configuration
    # The orchestration layer is imported here, on demand: the core itself never needs Dagster.
    from pipelines.run import run_partitions

    results = run_partitions(
        args.partitions, allow_empty=args.allow_empty, changed_only=args.changed
    )
    return 0 if all(result.success for result in results) else 1


def _query(args: argparse.Namespace) -> int:
    import duckdb

    from warta import results

    settings = Settings.from_env()
    # An empty argument is no path (Path("") is the current folder): no SQL, said as such.
    path = None if not args.sql else _existing_path(args.sql)
    if args.sql is None or args.sql == "-":
        text = sys.stdin.read()
    elif path is not None and path.is_dir():
        raise ValueError(f"{args.sql} is a folder; give one .sql file or SQL text")
    elif path is not None and path.is_file():
        text = path.read_text("utf-8")
    elif args.sql.endswith(".sql") and not any(c.isspace() for c in args.sql):
        raise ValueError(f"no such SQL file: {args.sql}")
    else:
        text = args.sql
    try:  # DuckDB's own parser: ``;`` in strings, "identifiers", $$…$$ and comments is no end
        statements = duckdb.extract_statements(text)
    except duckdb.Error as error:
        print(f"warta: {error}", file=sys.stderr)
        return 1
    if not statements:
        raise ValueError("no SQL statement given")
    if not settings.warehouse.is_file():
        print(
            f"warta: no warehouse at {settings.warehouse} (WARTA_WAREHOUSE): build it first "
            "with `make run` or `warta run`",
            file=sys.stderr,
        )
        return 1
    try:
        con = duckdb.connect(str(settings.warehouse), read_only=True, config=settings.duckdb_config)
    except duckdb.Error as error:
        from warta.warehouse import is_damaged

        remedy = (
            "; run `warta rebuild`: it moves the file aside and builds the warehouse again from "
            "the Parquet"
            if is_damaged(error)
            else ""
        )
        print(f"warta: cannot open {settings.warehouse}: {error}{remedy}", file=sys.stderr)
        return 1
    try:
        *before, last = statements
        for statement in before:
            con.execute(statement.query).complete()
        if duckdb.ExpectedResultType.QUERY_RESULT not in last.expected_result_type:
            con.execute(last.query).complete()  # a statement without rows (SET, ...)
            return 0
        relation = con.sql(results.without_trailing(last.query))
        if args.csv:
            results.write_csv(relation, sys.stdout)
        else:
            sys.stdout.write(results.table(relation, args.max_rows, _table_width(args)))
    except duckdb.Error as error:
        print(f"warta: {error}{_older_release_hint(con, error, text)}", file=sys.stderr)
        return 1
    finally:
        con.close()
    return 0


def _table_width(args: argparse.Namespace) -> int:
    """The terminal columns the table may take: ``--max-width``, else the terminal's width
    when the output is a terminal, else no limit (0)."""
    if args.max_width is not None:
        return args.max_width
    if not sys.stdout.isatty():
        return 0
    return shutil.get_terminal_size().columns


def _existing_path(text: str) -> Path | None:
    """``text`` as a path when something is there; SQL text too long to be a file's name, or
    holding a NUL character, is none."""
    try:
        path = Path(text)
        return path if path.exists() else None
    except (OSError, ValueError):  # ENAMETOOLONG; a NUL character
        return None


def _older_release_hint(con: Any, error: Exception, text: str) -> str:
    """What to do when a query names one of Warta's views, or a column of one, that the
    warehouse does not hold yet (written by an older release: every load, and ``warta
    rebuild``, creates the views as the release defines them)."""
    import duckdb

    from warta import sql

    message = str(error)
    if isinstance(error, duckdb.CatalogException):
        missing = [view for view in sql.views() if f"name {view} does not exist" in message]
        if missing:
            return (
                f"\nwarta: {missing[0]} is a view of a newer release than the one that last "
                "loaded this warehouse; the next load creates it (or run `warta rebuild`)"
            )
    column = re.search(r'(?:Referenced column|does not have a column named) "(\w+)"', message)
    if isinstance(error, duckdb.BinderException) and column:
        held = {
            (view, name)
            for view, name in con.execute(
                "SELECT table_name, column_name FROM duckdb_columns() WHERE NOT internal"
            ).fetchall()
        }
        for view in sql.views():
            defined = "\n".join(sql.statements(f"views/{view}.sql"))
            if (
                re.search(rf"COMMENT ON COLUMN {view}\.{column[1]}\b", defined)
                and (view, column[1]) not in held
                and re.search(rf"\b{view}\b", text)
            ):
                return (
                    f"\nwarta: {view}.{column[1]} is a column of a newer release than the one "
                    "that last loaded this warehouse; the next load adds it (or run `warta "
                    "rebuild`)"
                )
    return ""


def _rebuild(args: argparse.Namespace) -> int:
    from warta.parquet_store import ParquetStore
    from warta.quality import judge
    from warta.warehouse import (
        ArticleInSeveralPartitions,
        BlockedPartitionsPublished,
        PartitionChanged,
        PublishedPartitionsMissing,
        Warehouse,
        WarehouseBusy,
        WarehouseUnavailable,
        orphaned_duplicates_message,
    )

    settings = Settings.from_env()
    if not settings.data_dir.is_dir():
        print(
            f"warta: the Parquet folder {settings.data_dir} does not exist: nothing to rebuild "
            "from (is WARTA_DATA_DIR right and its volume mounted?); nothing was changed",
            file=sys.stderr,
        )
        return 1
    try:
        load = Warehouse(settings.warehouse, config=settings.duckdb_config).rebuild(
            ParquetStore(settings.data_dir),
            lambda partition: judge(settings, partition),
            drop_blocked=args.drop_blocked,
            drop_missing=args.drop_missing,
        )
    except (
        BlockedPartitionsPublished,
        PublishedPartitionsMissing,
        PartitionChanged,
        ArticleInSeveralPartitions,
        WarehouseBusy,
        WarehouseUnavailable,
    ) as error:
        print(f"warta: {error}", file=sys.stderr)  # the warehouse was not changed
        return 1
    for partition, counts in load.partitions.items():
        print(f"{partition}: {counts}")
    for partition, checks in load.skipped.items():
        print(f"{partition}: skipped, fails ERROR checks: {', '.join(checks)}")
    for partition, tables in load.incomplete.items():
        print(f"{partition}: skipped, its Parquet lacks tables: {', '.join(tables)}")
    for partition in load.dropped:
        print(f"{partition}: dropped, no Parquet of it is left (--drop-missing)")
    if load.damaged_aside:
        print(
            f"warning: {settings.warehouse} was not a readable DuckDB database; it was moved "
            f"aside to {load.damaged_aside}, and the warehouse was built again from the Parquet "
            "alone (days it held whose Parquet is gone are not in it)"
        )
    if load.orphaned_duplicates:
        print(f"warning: {orphaned_duplicates_message(load)}")
    if load.access_warning:
        print(f"warning: {load.access_warning}")
    print(
        f"rebuilt {settings.warehouse} from {counted(len(load.partitions), 'partition')} "
        f"in {load.seconds:.2f} s; {counted(len(load.skipped), 'blocked partition')} skipped"
        + (f", {len(load.incomplete)} incomplete" if load.incomplete else "")
    )
    return 1 if load.skipped or load.incomplete else 0


def _eval_pages(args: argparse.Namespace) -> int:
    from warta.evaluation.pages import run
    from warta.layouts import LayoutError

    try:
        return run(args.pages_dir, args.gold, as_json=args.json, generic=args.generic_only)
    except LayoutError as error:  # names the layout file and key
        print(f"warta eval pages: {error}", file=sys.stderr)
        return 1
    except (OSError, ValueError, KeyError) as error:
        print(f"warta eval pages: cannot score {args.pages_dir}: {error}", file=sys.stderr)
        return 1


def _eval_ner(args: argparse.Namespace) -> int:
    from warta.entities.commands import eval_ner

    return eval_ner(args.gold, as_json=args.json)


def _entities(args: argparse.Namespace) -> int:
    from warta.entities.commands import annotate_stream

    return annotate_stream(sys.stdin, sys.stdout, sys.stderr)


def _sample(args: argparse.Namespace) -> int:
    from warta.sample import sample_days_holding_other_files, write_sample_corpus

    directory = args.directory
    if directory is not None and directory.exists() and not directory.is_dir():
        args.command_parser.error(f"{directory} is a file, not a folder")
    if args.generated is not None:
        from warta.corpus import write_corpus

        if directory is None:  # never into the shipped sample, mixing the two
            args.command_parser.error("--generated needs a DIR of its own")
        _refuse_the_landing_zone(args, directory)
        if directory.is_dir() and any(path.is_file() for path in directory.rglob("*")):
            args.command_parser.error(
                f"{directory} holds files already: generated corpora overlap (the same names "
                "and articles), so give an empty or new folder"
            )

        files, size = write_corpus(directory, args.generated, args.days or 3)
        print(f"wrote {files} generated files ({size / 1e6:.1f} MB) under {directory}")
        return 0
    if args.days is not None:
        args.command_parser.error("--days applies to --generated")
    directory = directory or Path("data/raw")
    if directory.resolve() != Path("data/raw").resolve():  # where the repository ships it
        _refuse_the_landing_zone(args, directory)
    foreign = sample_days_holding_other_files(directory)
    if foreign:
        args.command_parser.error(
            f"{directory / foreign[0]} holds files the sample did not write: synthetic pages must "
            "not land in a real landing zone; give another folder"
        )
    written = write_sample_corpus(directory)
    print(f"wrote {written} sample files under {directory}")
    return 0


def _refuse_the_landing_zone(args: argparse.Namespace, directory: Path) -> None:
    """Stop ``warta sample`` from writing into the landing zone ``WARTA_RAW_DIR`` names."""
    landing = os.environ.get("WARTA_RAW_DIR")
    if landing and Path(landing).resolve() == directory.resolve():
        args.command_parser.error(
            f"{directory} is WARTA_RAW_DIR, the landing zone: synthetic pages must not land "
            "there; give another folder"
        )


if __name__ == "__main__":
    sys.exit(main())
