"""Integrity and ledger checks over one partition, as DuckDB SQL (``sql/checks/<name>.sql``).

Each query returns the offending rows: none means the check passed. A check of the whole
partition (``Check.summary`` set: the shares, the volume) returns one row whatever the outcome,
its measures with the booleans ``judged`` and ``failed``. The queries see the five
tables as views of the partition's Parquet, plus two relations built here:

- ``landing``: the files in the partition's landing folder (``source_path``, ``size_bytes``,
  ``landed_at`` = the latest of its mtime and ctime and the ctimes of the day's subfolders holding
  it, so a file (or a folder) copied or moved in with an old mtime counts
  as landing when it was moved in; ``link``: a symbolic link, whose size is the link's own;
  ``sha256_now``: the SHA-256 of the file's bytes now, for the ledger's files whose size
  cannot vouch for their content, else null: those touched at or after the listing (a rewrite
  keeping the size) and symbolic links (their target, which the parse read);
  ``unreadable_now``: why such a file cannot be read again, else null);
- ``landing_in_flight``: what the listing skips as still arriving (``source_path``,
  ``size_bytes``, ``landed_at`` as above, without subfolder times): files with an in-flight name
  (hidden, or ``.part``, ``.crdownload``, …) and hidden subfolders;
- ``trailing_partitions``: ``(ingest_date, files)`` of the published partitions among the 7
  days before.

``$listed_at`` is when the parse listed the landing folder (``warta.listed_at`` in the raw_files
Parquet file's key-value metadata, taken by ``warta.landing.stamp_clock``; the file's mtime for
files written without it): a landing file missing from the ledger that landed before the listing
was lost (ERROR); one that landed after it, also one that landed while the parse was running or
in the listing's own clock tick, is simply new (WARN: re-run the partition). Thresholds come
from ``Settings`` (``WARTA_*``).
"""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from warta import sql
from warta.config import Settings
from warta.landing import LandingFile, LandingUnavailable, LandingZone
from warta.parquet_store import ParquetStore
from warta.quality.model import ERROR, SAMPLE_ROWS, WARN, Finding, Severity, cell_text
from warta.schema import TABLES

TRAILING_DAYS = 7
MIN_HISTORY_DAYS = 3  # fewer published days among the trailing 7: the volume check abstains
MIN_FILES_FOR_SHARES = 20  # duplicate and reject shares of fewer files are not judged
# A file under an in-flight name untouched this long before the listing is no longer arriving.
IN_FLIGHT_IDLE = dt.timedelta(hours=1)
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
# The first parser version that writes articles.published_has_time (older rows hold nulls).
HAS_TIME_SINCE = "2026.11.20"
LISTED_AT_KEY = b"warta.listed_at"  # raw_files Parquet metadata: when the parse listed the folder


@dataclass(frozen=True)
class Check:
    name: str  # the Dagster check name and the SQL file: sql/checks/<name>.sql
    table: str  # the table (asset) the check belongs to
    severity: Severity
    description: str
    per_row: bool = True  # offending rows are rows of ``table`` (so a percentage makes sense)
    # A check of the whole partition (the shares, the volume): its query returns one row
    # whatever the outcome, the measures with ``judged`` and ``failed``, and its outcome is
    # told in words, passed or failed (``summary``) or not judged (``abstained``), formatted
    # with the measures and the query's parameters.
    summary: str | None = None
    abstained: str | None = None

    @property
    def aggregate(self) -> bool:
        return self.summary is not None

    @property
    def blocking(self) -> bool:
        """True when a failure blocks the warehouse load (severity ERROR)."""
        return self.severity is Severity.ERROR


INTEGRITY_CHECKS: tuple[Check, ...] = (
    # the ledger: every landed file exactly once, statuses consistent, volumes plausible
    Check(
        "raw_files_key_unique", "raw_files", ERROR, "Each landed file has exactly one ledger row."
    ),
    Check(
        "raw_files_status_valid",
        "raw_files",
        ERROR,
        "Every ledger row has a valid status; rejects have a reason, others an article id.",
    ),
    Check(
        "raw_files_cover_landing",
        "raw_files",
        ERROR,
        "Every file that was in the landing folder when the parse listed it has a ledger row.",
    ),
    Check(
        "raw_files_landed_after_parse",
        "raw_files",
        WARN,
        "No file landed after the parse listed the folder (if one did: re-run the partition).",
    ),
    Check(
        "raw_files_changed_after_parse",
        "raw_files",
        WARN,
        "No file changed after the parse read it: its size, or the SHA-256 of a file touched "
        "since the listing or of a link's target (if one did, it was still being written or "
        "was rewritten: re-run the partition).",
    ),
    Check(
        "raw_files_none_stuck_in_flight",
        "raw_files",
        WARN,
        "No file under an in-flight name (hidden, or ending .part, .partial, .crdownload, "
        ".download, .tmp or ~) had been untouched for an hour when the parse listed the folder: "
        "such a file never gets a ledger row (if it is a finished page, rename it and re-run "
        "the partition; if it is debris, remove it).",
        per_row=False,
    ),
    Check(
        "raw_files_still_landed",
        "raw_files",
        WARN,
        "Every ledger row's file is still in the landing folder.",
    ),
    Check(
        "raw_files_duplicate_share",
        "raw_files",
        WARN,
        "Duplicates are at most WARTA_MAX_DUPLICATE_SHARE of the files.",
        per_row=False,
        summary="duplicate share {duplicate_share} ({duplicates} of {files} files), "
        "threshold {threshold}",
        abstained="not judged: {files} files, fewer than {min_files}",
    ),
    Check(
        "raw_files_reject_share",
        "raw_files",
        WARN,
        "Rejects are at most WARTA_MAX_REJECT_SHARE of the files.",
        per_row=False,
        summary="reject share {reject_share} ({rejected} of {files} files), threshold {threshold}",
        abstained="not judged: {files} files, fewer than {min_files}",
    ),
    Check(
        "raw_files_volume",
        "raw_files",
        WARN,
        "File count within WARTA_VOLUME_DROP..WARTA_VOLUME_SPIKE x the trailing 7 days' median.",
        per_row=False,
        summary="{files} files, {ratio} x the median {median_files} of {trailing_days} days before "
        "(allowed {volume_drop}..{volume_spike} x)",
        abstained="not judged: {trailing_days} published days among the 7 before, median "
        "{median_files} files (needs {min_history} days and a median above 0)",
    ),
    # articles against the ledger and their child tables
    Check("articles_key_unique", "articles", ERROR, "article_id is unique."),
    Check(
        "articles_match_ledger",
        "articles",
        ERROR,
        "Articles and parsed ledger rows match one to one.",
    ),
    Check(
        "articles_counts_match",
        "articles",
        ERROR,
        "paragraph, marker, entity, word and char counts equal the child rows.",
    ),
    Check(
        "articles_published_has_time",
        "articles",
        WARN,
        "published_has_time is null exactly when published_at is (for rows of parser versions "
        "that write it).",
    ),
    Check(
        "articles_row_counts",
        "articles",
        ERROR,
        "Ledger not empty when files landed; articles <= parsed files; paragraphs >= articles.",
        per_row=False,
    ),
    Check("paragraphs_key_unique", "paragraphs", ERROR, "(article_id, paragraph_index) is unique."),
    Check("paragraphs_article_exists", "paragraphs", ERROR, "Every paragraph's article exists."),
    Check(
        "paragraphs_no_marker_text",
        "paragraphs",
        ERROR,
        "No paragraph is, starts or ends with an ad/boilerplate marker line, or is empty.",
    ),
    Check(
        "paragraphs_no_c1_controls",
        "paragraphs",
        WARN,
        "No paragraph holds a C1 control character (U+0080-U+009F): UTF-8 decoded as latin-1.",
    ),
    Check(
        "entities_key_unique",
        "entities",
        ERROR,
        "(article_id, paragraph_index, start_char) is unique.",
    ),
    Check(
        "entities_offsets_match",
        "entities",
        ERROR,
        "Offsets point at the mention text in an existing paragraph; labels are PER/ORG/LOC.",
    ),
    Check("entities_no_overlap", "entities", ERROR, "Mentions in a paragraph do not overlap."),
    Check("ad_markers_key_unique", "ad_markers", ERROR, "(article_id, marker_index) is unique."),
    Check(
        "ad_markers_article_exists",
        "ad_markers",
        ERROR,
        "Every marker's article exists; zones are header/body/trailer.",
    ),
)


@dataclass
class CheckOutcome:
    check: Check
    offending_rows: int
    columns: list[str] = field(default_factory=list)
    sample: list[tuple[Any, ...]] = field(default_factory=list)
    table_rows: int | None = None
    summary: str | None = None  # an aggregate check's outcome in words
    measures: dict[str, Any] = field(default_factory=dict)  # and its measures

    @property
    def passed(self) -> bool:
        return self.offending_rows == 0

    @property
    def blocks(self) -> bool:
        """True when this outcome refuses the warehouse load (a failed ERROR check)."""
        return not self.passed and self.check.blocking

    def finding(self) -> Finding:
        percent = None
        if self.check.per_row and self.table_rows:
            percent = 100.0 * self.offending_rows / self.table_rows
        return Finding(
            check_name=self.check.name,
            table=self.check.table,
            kind="sql",
            severity=self.check.severity,
            passed=self.passed,
            description=self.check.description,
            # An aggregate check has no offending rows to count: its summary says it.
            unexpected_count=None if self.check.aggregate else self.offending_rows,
            unexpected_percent=percent,
            checked_rows=self.table_rows,
            columns=list(self.columns),
            sample=[[cell_text(value) for value in row] for row in self.sample],
            summary=self.summary,
            measures={key: _json_value(value) for key, value in self.measures.items()},
        )


def partition_connection(
    settings: Settings,
    partition: str,
    files: list[LandingFile] | None = None,
    listed: dt.datetime | None = None,
) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB: the five tables as views of the partition's Parquet files (with
    every column of the contract: those a file written before they were added read as nulls),
    and the
    ``landing`` and ``trailing_partitions`` relations described in the module docstring
    (``landing`` from ``files``, a listing of the landing folder, else from a new listing;
    ``listed``: the parse's listing time, default ``listed_at`` of the partition)."""
    store = ParquetStore(settings.data_dir)
    con = duckdb.connect(config=settings.duckdb_config)
    for table, schema in TABLES.items():
        relation = con.read_parquet(str(store.partition_file(table, partition)))
        missing = [name for name in schema.names if name not in relation.columns]
        if missing:  # written before these columns joined the contract: they read as nulls
            empty = con.from_arrow(schema.empty_table())
            types = dict(zip(empty.columns, empty.types, strict=True))
            nulls = [f'NULL::{types[name]} AS "{name}"' for name in missing]
            relation = relation.project(", ".join(["*", *nulls]))
        relation.create_view(table)
    if files is None:
        files = landing_listing(settings, partition)
    if listed is None:
        listed = listed_at(store, partition)
    ledger = {path for (path,) in con.table("raw_files").select("source_path").fetchall()}
    con.register("landing", _landing(settings, files, listed, ledger))
    con.register("landing_in_flight", _in_flight(settings, partition))
    con.register("trailing_partitions", _trailing(store, partition))
    return con


def landing_listing(settings: Settings, partition: str) -> list[LandingFile]:
    """The partition's landing files, the checks' view of the landing folder; none when the
    landing zone cannot be listed (its volume not mounted): the checks judge the Parquet
    without it, ``raw_files_still_landed`` warns that no ledger row's file is there, and a
    rebuild from Parquet does not need the landing zone."""
    try:
        return LandingZone(settings.raw_dir).files(partition)
    except LandingUnavailable:
        return []


def run_checks(
    settings: Settings,
    partition: str,
    checks: tuple[Check, ...] = INTEGRITY_CHECKS,
    *,
    files: list[LandingFile] | None = None,
) -> list[CheckOutcome]:
    """Run ``checks`` against a published partition, in registry order; ``files``: the landing
    folder's listing to judge the ledger against (default: listed now)."""
    store = ParquetStore(settings.data_dir)
    listed = listed_at(store, partition)
    params = {
        "listed_at": listed,
        "max_duplicate_share": settings.max_duplicate_share,
        "max_reject_share": settings.max_reject_share,
        "volume_drop": settings.volume_drop,
        "volume_spike": settings.volume_spike,
        "min_history": MIN_HISTORY_DAYS,
        "min_files": MIN_FILES_FOR_SHARES,
        "in_flight_idle": IN_FLIGHT_IDLE,
        "has_time_since": HAS_TIME_SINCE,
    }
    rows = {t: pq.ParquetFile(store.partition_file(t, partition)).metadata.num_rows for t in TABLES}
    con = partition_connection(settings, partition, files, listed)
    try:
        return [_run(con, check, params, rows[check.table]) for check in checks]
    finally:
        con.close()


def _json_value(value: Any) -> Any:
    """A measure as a JSON value: numbers stay numbers (DuckDB's decimals become floats)."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, decimal.Decimal):
        return float(value)
    return cell_text(value)


def listed_at(store: ParquetStore, partition: str) -> dt.datetime:
    """When the parse that wrote the partition's ledger listed the landing folder (UTC).

    Read from the raw_files Parquet file's metadata key ``warta.listed_at``; a file without it
    gives its mtime, a later bound (files landing during that parse then count as lost).
    """
    path = store.partition_file("raw_files", partition)
    recorded = (pq.read_schema(path).metadata or {}).get(LISTED_AT_KEY)
    if recorded is not None:
        return dt.datetime.fromisoformat(recorded.decode()).astimezone(dt.UTC)
    return dt.datetime.fromtimestamp(os.stat(path).st_mtime, dt.UTC)


# A count of one in a summary takes the singular: ``1 file``, ``1 published day``.
_ONE = re.compile(r"(?<![\d.])1 ((?:published )?(?:file|day))s\b")


def _run(
    con: duckdb.DuckDBPyConnection, check: Check, params: dict[str, Any], table_rows: int
) -> CheckOutcome:
    relation = sql.relation(con, f"checks/{check.name}.sql", **params)
    if check.aggregate:
        [row] = relation.fetchall()
        measures = dict(zip(relation.columns, row, strict=True))
        judged, failed = bool(measures.pop("judged")), bool(measures.pop("failed"))
        said = check.summary if judged else check.abstained
        summary = _ONE.sub(r"1 \1", str(said).format_map({**params, **measures}))
        sample = [tuple(measures.values())] if failed else []
        return CheckOutcome(
            check, int(failed), list(measures), sample, table_rows, summary, measures
        )
    count = relation.aggregate("count(*)").fetchall()[0][0]
    sample = relation.limit(SAMPLE_ROWS).fetchall() if count else []
    return CheckOutcome(check, count, list(relation.columns), sample, table_rows)


def _landing(
    settings: Settings, files: list[LandingFile], listed: dt.datetime, ledger: set[str]
) -> pa.Table:
    moved_in = _subfolders_changed(settings.raw_dir, files)
    landed = [
        max(f.mtime_ns, f.ctime_ns, _folders_changed(f.source_path, moved_in)) // 1000
        for f in files
    ]
    since = (listed - _EPOCH) // dt.timedelta(microseconds=1)
    zone = LandingZone(settings.raw_dir)
    # Read again: the ledger's files touched at or after the listing, and its links.
    now = [
        _read_now(zone, f, settings.max_file_bytes)
        if f.problem is None and f.source_path in ledger and (f.link or at >= since)
        else (None, None)
        for f, at in zip(files, landed, strict=True)
    ]
    return pa.table(
        {
            "source_path": pa.array([f.source_path for f in files], pa.string()),
            "size_bytes": pa.array([f.size_bytes for f in files], pa.int64()),
            "link": pa.array([f.link for f in files], pa.bool_()),
            "landed_at": pa.array(landed, pa.timestamp("us", tz="UTC")),
            "sha256_now": pa.array([sha256 for sha256, _ in now], pa.string()),
            "unreadable_now": pa.array([problem for _, problem in now], pa.string()),
        }
    )


def _in_flight(settings: Settings, partition: str) -> pa.Table:
    try:
        files = LandingZone(settings.raw_dir).in_flight_files(partition)
    except OSError:
        files = []  # the landing zone not mounted: ``raw_files_still_landed`` says so
    return pa.table(
        {
            "source_path": pa.array([f.source_path for f in files], pa.string()),
            "size_bytes": pa.array([f.size_bytes for f in files], pa.int64()),
            "landed_at": pa.array(
                [max(f.mtime_ns, f.ctime_ns) // 1000 for f in files],
                pa.timestamp("us", tz="UTC"),
            ),
        }
    )


def _subfolders_changed(root: Path, files: list[LandingFile]) -> dict[str, int]:
    """The ctime of every subfolder of the day folder holding a listed file, by its path. A
    folder moved into the day (``.batch7`` renamed ``batch7`` once uploaded, an ``mv`` from a
    staging area) gets a new ctime, while its files keep their times: without it, they would
    look as if they landed before the listing and the parse lost them. (A subfolder's ctime
    also moves when a file lands in it, so its older files then count as landed late too.)"""
    folders = {
        path.rsplit("/", n)[0]
        for f in files
        for path in [f.source_path]
        for n in range(1, path.count("/"))
    }
    changed = {}
    for folder in folders:
        try:
            changed[folder] = os.lstat(root / folder).st_ctime_ns
        except OSError:
            continue  # removed since: its files are judged by their own times
    return changed


def _folders_changed(source_path: str, changed: dict[str, int]) -> int:
    """The latest ctime of the subfolders ``source_path`` lies in (0 directly in the day)."""
    parts = source_path.split("/")[:-1]
    return max((changed.get("/".join(parts[:n]), 0) for n in range(2, len(parts) + 1)), default=0)


def _read_now(
    zone: LandingZone, file: LandingFile, max_bytes: int
) -> tuple[str | None, str | None]:
    """The SHA-256 of a landing file's bytes as the parse would read them now, or why they
    cannot be read (a link's target deleted or moved out of the landing zone, …)."""
    data = zone.read(file.source_path, max_bytes)
    if isinstance(data, bytes):
        return hashlib.sha256(data).hexdigest(), None
    if data.sha256 is not None:  # over the size limit: hashed, not parsed
        return data.sha256, None
    return None, data.reason


def _trailing(store: ParquetStore, partition: str) -> pa.Table:
    day = dt.date.fromisoformat(partition)
    window = {(day - dt.timedelta(days=n)).isoformat() for n in range(1, TRAILING_DAYS + 1)}
    keys = [key for key in store.partitions("raw_files") if key in window]
    files = [pq.ParquetFile(store.partition_file("raw_files", k)).metadata.num_rows for k in keys]
    return pa.table(
        {"ingest_date": pa.array(keys, pa.string()), "files": pa.array(files, pa.int64())}
    )
