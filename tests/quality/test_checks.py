"""Each deliberately broken table fails exactly the checks that describe it, with their severity.

Partitions are built for real from the sample corpus, then one Parquet file (or the landing
folder) is changed the way a parser or ingestion bug would change it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import pathlib
import time

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from tests.conftest import put
from warta.landing import stamp_clock
from warta.parquet_store import ParquetStore
from warta.quality import INTEGRITY_CHECKS, SUITES, run_checks
from warta.quality.checks import LISTED_AT_KEY, listed_at

from .conftest import DAY, EPOCH, build, failures, land, rewrite, sample_articles, with_column

GHOST = "ffffffffffffffff"  # an article id no article has


def test_registries_declare_a_severity_and_unique_names():
    names = [(c.table, c.name) for c in INTEGRITY_CHECKS]
    names += [(table, e.check_name) for table, suite in SUITES.items() for e in suite]
    assert len(names) == len(set(names))
    severities = {c.severity.value for c in INTEGRITY_CHECKS}
    severities |= {e.severity.value for suite in SUITES.values() for e in suite}
    assert severities == {"ERROR", "WARN"}


def test_clean_partition_passes_every_check(clean):
    assert failures(clean) == set()


def duplicate_article(settings) -> None:
    rewrite(settings, "articles", lambda t: pa.concat_tables([t, t.slice(0, 1)]))


def dangling_paragraph(settings) -> None:
    rewrite(
        settings,
        "paragraphs",
        lambda t: pa.concat_tables([t, with_column(t.slice(0, 1), "article_id", [GHOST])]),
    )


def dangling_marker(settings) -> None:
    rewrite(
        settings,
        "ad_markers",
        lambda t: pa.concat_tables([t, with_column(t.slice(0, 1), "article_id", [GHOST])]),
    )


def _paragraph_without_entities(settings) -> int:
    store = ParquetStore(settings.data_dir)
    entities = pq.read_table(store.partition_file("entities", DAY))
    mentioned = set(
        zip(
            *(entities.column(c).to_pylist() for c in ("article_id", "paragraph_index")),
            strict=True,
        )
    )
    paragraphs = pq.read_table(store.partition_file("paragraphs", DAY))
    keys = zip(
        *(paragraphs.column(c).to_pylist() for c in ("article_id", "paragraph_index")), strict=True
    )
    return next(i for i, key in enumerate(keys) if key not in mentioned)


def marker_line_as_paragraph(settings) -> None:
    row = _paragraph_without_entities(settings)

    def change(t: pa.Table) -> pa.Table:
        texts = t.column("text").to_pylist()
        texts[row] = "Advertisement"
        return with_column(t, "text", texts)

    rewrite(settings, "paragraphs", change)


def marker_glued_to_paragraph(settings) -> None:
    def change(t: pa.Table) -> pa.Table:
        texts = t.column("text").to_pylist()
        texts[0] += " ADVERTISEMENT"  # a lost line break; offsets of mentions stay valid
        return with_column(t, "text", texts)

    rewrite(settings, "paragraphs", change)


def latin1_mojibake_in_paragraph(settings) -> None:
    def change(t: pa.Table) -> pa.Table:
        texts = t.column("text").to_pylist()
        texts[0] += " dan \u00e2\x80\x9ckekuatan musuh\u00e2\x80\x9d"  # “…” read as latin-1
        return with_column(t, "text", texts)

    rewrite(settings, "paragraphs", change)


def _published(settings, value: dt.datetime) -> None:
    def change(t: pa.Table) -> pa.Table:
        values = t.column("published_at").to_pylist()
        values[0] = value
        flags = t.column("published_has_time").to_pylist()
        flags[0] = True if flags[0] is None else flags[0]  # a date has its time flag
        return with_column(with_column(t, "published_at", values), "published_has_time", flags)

    rewrite(settings, "articles", change)


def published_in_future(settings) -> None:
    _published(settings, dt.datetime.now(dt.UTC) + dt.timedelta(days=30))


def published_before_1990(settings) -> None:
    _published(settings, dt.datetime(1985, 6, 1, tzinfo=dt.UTC))


def overlong_paragraph(settings) -> None:
    def change(t: pa.Table) -> pa.Table:
        texts = t.column("text").to_pylist()
        texts[0] += " " + "panjang " * 800
        return with_column(t, "text", texts)

    rewrite(settings, "paragraphs", change)


def file_lost_by_the_parse(settings) -> None:
    def change(t: pa.Table) -> pa.Table:
        rejected = pc.equal(t.column("status"), "rejected").to_pylist().index(True)
        return pa.concat_tables([t.slice(0, rejected), t.slice(rejected + 1)])

    rewrite(settings, "raw_files", change)


def file_landed_after_the_parse(settings) -> None:
    ledger = ParquetStore(settings.data_dir).partition_file("raw_files", DAY)
    parsed = ledger.stat().st_mtime - 60  # the parse wrote its ledger a minute ago
    os.utime(ledger, (parsed, parsed))
    put(settings, f"{DAY}/late.txt", sample_articles()[200])


def file_moved_in_keeping_an_old_mtime(settings) -> None:
    """A file moved or copied in after the parse keeping its old mtime (``mv``, ``cp -p``,
    ``rsync -t``): only its ctime says when it landed."""
    put(settings, f"{DAY}/late.txt", sample_articles()[200])
    old = dt.datetime(2000, 1, 1, tzinfo=dt.UTC).timestamp()
    os.utime(settings.raw_dir / DAY / "late.txt", (old, old))


def folder_moved_in_during_the_parse(settings) -> None:
    """A folder uploaded hidden and renamed into the day after the listing (``.batch7`` to
    ``batch7``): its file kept the times it had before the listing, only the folder's ctime
    says when it landed. New (WARN), not lost by the parse (ERROR)."""
    hidden = settings.raw_dir / DAY / ".batch7"
    put(settings, f"{DAY}/.batch7/late.txt", sample_articles()[200])
    time.sleep(0.05)  # a clock tick or more between the file's ctime and the rename
    os.rename(hidden, hidden.with_name("batch7"))
    written = (hidden.with_name("batch7") / "late.txt").stat().st_ctime_ns
    moved = hidden.with_name("batch7").stat().st_ctime_ns
    assert written < moved
    listed = EPOCH + dt.timedelta(microseconds=(written + moved) // 2000)
    _parse_window(settings, listed, listed + dt.timedelta(minutes=1))


def _parse_window(settings, listed: dt.datetime | None, ended: dt.datetime) -> None:
    """Make the ledger say the parse listed the folder at ``listed`` (None: a ledger written
    without the listing time) and finished writing at ``ended`` (its mtime)."""
    ledger = ParquetStore(settings.data_dir).partition_file("raw_files", DAY)
    table = pq.read_table(ledger)
    metadata = {k: v for k, v in (table.schema.metadata or {}).items() if k != LISTED_AT_KEY}
    if listed is not None:
        metadata[LISTED_AT_KEY] = listed.isoformat().encode()
    pq.write_table(table.replace_schema_metadata(metadata), ledger)
    os.utime(ledger, (ended.timestamp(), ended.timestamp()))


def file_landed_during_the_parse(settings) -> None:
    now = dt.datetime.now(dt.UTC)
    put(settings, f"{DAY}/late.txt", sample_articles()[200])  # lands now (its ctime)
    # listed a minute before the file landed, ledger written a minute after
    _parse_window(settings, now - dt.timedelta(minutes=1), now + dt.timedelta(minutes=1))


def file_landed_during_a_parse_without_listing_time(settings) -> None:
    now = dt.datetime.now(dt.UTC)
    put(settings, f"{DAY}/late.txt", sample_articles()[200])
    _parse_window(settings, None, now + dt.timedelta(minutes=1))


def file_still_being_written_when_parsed(settings) -> None:
    """The scraper was still writing 000.txt when the parse read it: the rest lands later."""
    with open(settings.raw_dir / DAY / "000.txt", "ab") as handle:
        handle.write(b"\n\nParagraf terakhir yang ditulis setelah parse membaca berkas ini.\n")


def file_landed_in_the_listing_tick(settings) -> None:
    """A file stamped with the listing time itself (the same clock tick) may have landed just
    after the listing: it must not count as lost."""
    put(settings, f"{DAY}/late.txt", sample_articles()[200])
    status = (settings.raw_dir / DAY / "late.txt").stat()
    landed = EPOCH + dt.timedelta(microseconds=max(status.st_mtime_ns, status.st_ctime_ns) // 1000)
    _parse_window(settings, landed, landed + dt.timedelta(minutes=1))


def file_rewritten_but_stamped_before_the_listing(settings) -> None:
    """000.txt grew after the parse read it, yet its times are before the recorded listing
    time (a clock behind, a copy keeping old times): the size alone tells."""
    file_still_being_written_when_parsed(settings)
    later = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=1)
    _parse_window(settings, later, later + dt.timedelta(minutes=1))


def file_rewritten_keeping_its_size(settings) -> None:
    """000.txt was replaced by another page of the same size after the parse read it."""
    path = settings.raw_dir / DAY / "000.txt"
    data = path.read_bytes()
    path.write_bytes(data.replace(b"a", b"e", 1))


def linked_file_rewritten_after_the_parse(settings) -> None:
    """The target of a linked landing file changed after the parse read it; the link itself
    (its size and times, what the listing sees) did not."""
    path = settings.raw_dir / DAY / "000.txt"
    target = settings.raw_dir / "shared" / "000.txt"
    target.parent.mkdir()
    os.replace(path, target)
    path.symlink_to("../shared/000.txt")
    status = path.lstat()
    listed = EPOCH + dt.timedelta(microseconds=max(status.st_mtime_ns, status.st_ctime_ns) // 1000)
    _parse_window(settings, listed + dt.timedelta(minutes=1), listed + dt.timedelta(minutes=2))
    with open(target, "ab") as handle:
        handle.write(b"\n\nParagraf yang ditulis ke target tautan setelah parse.\n")


def _parsed_file_now_a_link(settings, target) -> None:
    """000.txt, parsed, replaced by a link to ``target`` (the listing time moved after it)."""
    path = settings.raw_dir / DAY / "000.txt"
    path.unlink()
    path.symlink_to(target)
    status = path.lstat()
    listed = EPOCH + dt.timedelta(microseconds=max(status.st_mtime_ns, status.st_ctime_ns) // 1000)
    _parse_window(settings, listed + dt.timedelta(minutes=1), listed + dt.timedelta(minutes=2))


def linked_file_whose_target_was_deleted(settings) -> None:
    target = settings.raw_dir / "shared" / "000.txt"
    target.parent.mkdir()
    target.write_bytes((settings.raw_dir / DAY / "000.txt").read_bytes())
    _parsed_file_now_a_link(settings, "../shared/000.txt")
    target.unlink()


def parsed_file_now_a_link_out_of_the_landing_zone(settings) -> None:
    outside = settings.raw_dir.parent / "outside.txt"
    outside.write_bytes((settings.raw_dir / DAY / "000.txt").read_bytes())
    _parsed_file_now_a_link(settings, outside)


def _left_in_flight(settings) -> None:
    """A partial download, an upload under a hidden name and a hidden upload folder: none of
    them is listed, so none has a ledger row."""
    put(settings, f"{DAY}/late.txt.part", sample_articles()[200][:500])
    put(settings, f"{DAY}/.late.txt.upload", sample_articles()[201])
    put(settings, f"{DAY}/.batch8/001.txt", sample_articles()[202])


def files_left_in_flight_for_hours(settings) -> None:
    _left_in_flight(settings)
    later = dt.datetime.now(dt.UTC) + dt.timedelta(hours=2)  # the parse listed 2 h after
    _parse_window(settings, later, later + dt.timedelta(minutes=1))


def files_in_flight_for_minutes(settings) -> None:
    _left_in_flight(settings)
    later = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=30)  # still arriving, may be
    _parse_window(settings, later, later + dt.timedelta(minutes=1))


def upload_folder_still_being_written(settings) -> None:
    """A hidden upload folder whose own times are two hours old while a file in it was written
    ten minutes before the listing: still arriving, not stuck."""
    put(settings, f"{DAY}/.batch9/001.txt", sample_articles()[203])
    later = dt.datetime.now(dt.UTC) + dt.timedelta(hours=2)
    written = (later - dt.timedelta(minutes=10)).timestamp()
    os.utime(settings.raw_dir / DAY / ".batch9" / "001.txt", (written, written))
    _parse_window(settings, later, later + dt.timedelta(minutes=1))


def file_deleted_from_landing(settings) -> None:
    (settings.raw_dir / DAY / "000.txt").unlink()


def _paragraph_texts(settings) -> dict[tuple[str, int], str]:
    paragraphs = pq.read_table(ParquetStore(settings.data_dir).partition_file("paragraphs", DAY))
    return {(r["article_id"], r["paragraph_index"]): r["text"] for r in paragraphs.to_pylist()}


def _set(settings, table: str, column: str, row: int, value) -> None:
    """Give one cell of a table a new value."""

    def change(t: pa.Table) -> pa.Table:
        values = t.column(column).to_pylist()
        values[row] = value(values[row]) if callable(value) else value
        return with_column(t, column, values)

    rewrite(settings, table, change)


def _first(settings, table: str, column: str, value) -> int:
    """The position of the first row of ``table`` whose ``column`` is ``value``."""
    path = ParquetStore(settings.data_dir).partition_file(table, DAY)
    return pq.read_table(path, columns=[column]).column(column).to_pylist().index(value)


def mention_offsets_off_by_one(settings) -> None:
    # the span now starts one character into the mention's text (an offset counting bug)
    _set(settings, "entities", "start_char", 0, lambda start: start + 1)


def mention_overlapping_the_one_before(settings) -> None:
    texts = _paragraph_texts(settings)

    def change(t: pa.Table) -> pa.Table:
        rows = t.to_pylist()
        key = ("article_id", "paragraph_index")
        i = next(
            i
            for i in range(1, len(rows))
            if all(rows[i][k] == rows[i - 1][k] for k in key)
            and rows[i - 1]["end_char"] - rows[i - 1]["start_char"] > 1
        )
        mention = rows[i]
        # starts on the last character of the mention before, its text read at the new offsets
        mention["start_char"] = rows[i - 1]["end_char"] - 1
        paragraph = texts[tuple(mention[k] for k in key)]
        mention["text"] = paragraph[mention["start_char"] : mention["end_char"]]
        return pa.Table.from_pylist(rows, schema=t.schema)

    rewrite(settings, "entities", change)


def mention_written_twice(settings) -> None:
    rewrite(settings, "entities", lambda t: pa.concat_tables([t, t.slice(0, 1)]))


def mention_with_unknown_label(settings) -> None:
    _set(settings, "entities", "label", 0, "MISC")


def marker_in_unknown_zone(settings) -> None:
    _set(settings, "ad_markers", "zone", 0, "sidebar")


def ledger_row_written_twice(settings) -> None:
    rewrite(settings, "raw_files", lambda t: pa.concat_tables([t, t.slice(0, 1)]))


def rejected_file_with_article_id(settings) -> None:
    rejected = _first(settings, "raw_files", "status", "rejected")
    _set(settings, "raw_files", "article_id", rejected, GHOST)


def ledger_status_unknown(settings) -> None:
    # a reject (with its reason, without an article id) recorded under a status of its own
    rejected = _first(settings, "raw_files", "status", "rejected")
    _set(settings, "raw_files", "status", rejected, "failed")


def article_with_another_files_path(settings) -> None:
    # the first article names the second article's file: no parsed ledger row is its own
    path = ParquetStore(settings.data_dir).partition_file("articles", DAY)
    _set(settings, "articles", "source_path", 0, pq.read_table(path)["source_path"][1].as_py())


def article_lost_with_its_rows(settings) -> None:
    """A parsed file whose article is gone from every table (so no child row dangles)."""
    path = ParquetStore(settings.data_dir).partition_file("articles", DAY)
    lost = pq.read_table(path)["article_id"][0].as_py()
    for table in ("articles", "paragraphs", "entities", "ad_markers"):
        rewrite(settings, table, lambda t: t.filter(pc.not_equal(t["article_id"], lost)))


def duplicate_recorded_as_parsed(settings) -> None:
    """A duplicate's ledger row marked parsed: its article exists, parsed from another file."""
    duplicate = _first(settings, "raw_files", "status", "duplicate")
    _set(settings, "raw_files", "status", duplicate, "parsed")


def ledger_sha256_not_hex(settings) -> None:
    _set(settings, "raw_files", "sha256", 0, str.upper)


def content_sha256_truncated(settings) -> None:
    _set(settings, "articles", "content_sha256", 0, lambda digest: digest[:-1])


def article_without_title(settings) -> None:
    _set(settings, "articles", "title", 0, None)


def article_with_empty_title(settings) -> None:
    _set(settings, "articles", "title", 0, "")


def negative_entity_count(settings) -> None:
    _set(settings, "articles", "entity_count", 0, -1)


def paragraph_without_text(settings) -> None:
    _set(settings, "paragraphs", "text", _paragraph_without_entities(settings), None)


def parsed_file_with_reject_reason(settings) -> None:
    _set(
        settings,
        "raw_files",
        "reject_reason",
        _first(settings, "raw_files", "status", "parsed"),
        "x",
    )


def rejected_file_with_empty_reason(settings) -> None:
    rejected = _first(settings, "raw_files", "status", "rejected")
    _set(settings, "raw_files", "reject_reason", rejected, "")


def article_char_count_off_by_one(settings) -> None:
    _set(settings, "articles", "char_count", 0, lambda chars: chars + 1)


def _dated_article(settings) -> int:
    path = ParquetStore(settings.data_dir).partition_file("articles", DAY)
    dates = pq.read_table(path, columns=["published_at"]).column(0).to_pylist()
    return next(i for i, at in enumerate(dates) if at is not None)


def date_without_its_time_flag(settings) -> None:
    _set(settings, "articles", "published_has_time", _dated_article(settings), None)


def time_flag_without_a_date(settings) -> None:
    _set(settings, "articles", "published_at", _dated_article(settings), None)


def _articles_of_version(version: str):
    """A file of parser ``version`` without the column, as versions before 2026.11.20 wrote."""

    def breakage(settings) -> None:
        rewrite(
            settings,
            "articles",
            lambda t: with_column(
                t.drop_columns(["published_has_time"]), "parser_version", [version] * len(t)
            ),
        )

    breakage.__name__ = f"articles_parsed_by_{version.replace('.', '_')}"
    return breakage


def articles_missing_the_time_flag(settings) -> None:
    rewrite(settings, "articles", lambda t: t.drop_columns(["published_has_time"]))


def articles_own_file_marked_duplicate(settings) -> None:
    """The ledger row of an article's own file says duplicate (of itself)."""
    path = ParquetStore(settings.data_dir).partition_file("articles", DAY)
    source = pq.read_table(path, columns=["source_path"]).column(0)[0].as_py()
    _set(
        settings,
        "raw_files",
        "status",
        _first(settings, "raw_files", "source_path", source),
        "duplicate",
    )


def c1_control_late_in_its_range(settings) -> None:
    """U+0095 (MESSAGE WAITING), what cp1252's bullet becomes when bytes are read as latin-1."""

    def change(t: pa.Table) -> pa.Table:
        texts = t.column("text").to_pylist()
        texts[0] += " \u0095 poin"
        return with_column(t, "text", texts)

    rewrite(settings, "paragraphs", change)


ERROR, WARN = "ERROR", "WARN"


@pytest.mark.parametrize(
    ("breakage", "expected"),
    [
        (
            duplicate_article,
            {
                ("articles", "articles_key_unique", ERROR),
                ("articles", "gx_article_id_unique", ERROR),
                ("articles", "articles_row_counts", ERROR),  # one more article than parsed files
            },
        ),
        (dangling_paragraph, {("paragraphs", "paragraphs_article_exists", ERROR)}),
        (dangling_marker, {("ad_markers", "ad_markers_article_exists", ERROR)}),
        (marker_line_as_paragraph, {("paragraphs", "paragraphs_no_marker_text", ERROR)}),
        (marker_glued_to_paragraph, {("paragraphs", "paragraphs_no_marker_text", ERROR)}),
        (latin1_mojibake_in_paragraph, {("paragraphs", "paragraphs_no_c1_controls", WARN)}),
        (published_in_future, {("articles", "gx_published_at_in_range", ERROR)}),
        (published_before_1990, {("articles", "gx_published_at_in_range", ERROR)}),
        (overlong_paragraph, {("paragraphs", "gx_text_not_too_long", WARN)}),
        (file_lost_by_the_parse, {("raw_files", "raw_files_cover_landing", ERROR)}),
        (file_landed_after_the_parse, {("raw_files", "raw_files_landed_after_parse", WARN)}),
        (file_landed_during_the_parse, {("raw_files", "raw_files_landed_after_parse", WARN)}),
        # new, not lost: its mtime of 2000 is before the listing, its ctime after it
        (
            file_moved_in_keeping_an_old_mtime,
            {("raw_files", "raw_files_landed_after_parse", WARN)},
        ),
        # without the listing time the ledger's mtime is the bound: the safe side
        (
            file_landed_during_a_parse_without_listing_time,
            {("raw_files", "raw_files_cover_landing", ERROR)},
        ),
        (file_landed_in_the_listing_tick, {("raw_files", "raw_files_landed_after_parse", WARN)}),
        (folder_moved_in_during_the_parse, {("raw_files", "raw_files_landed_after_parse", WARN)}),
        (file_deleted_from_landing, {("raw_files", "raw_files_still_landed", WARN)}),
        (
            files_left_in_flight_for_hours,
            {("raw_files", "raw_files_none_stuck_in_flight", WARN)},
        ),
        (files_in_flight_for_minutes, set()),
        (upload_folder_still_being_written, set()),
        (
            file_still_being_written_when_parsed,
            {("raw_files", "raw_files_changed_after_parse", WARN)},
        ),
        (
            file_rewritten_but_stamped_before_the_listing,
            {("raw_files", "raw_files_changed_after_parse", WARN)},
        ),
        (file_rewritten_keeping_its_size, {("raw_files", "raw_files_changed_after_parse", WARN)}),
        (
            linked_file_whose_target_was_deleted,
            {("raw_files", "raw_files_changed_after_parse", WARN)},
        ),
        (
            parsed_file_now_a_link_out_of_the_landing_zone,
            {("raw_files", "raw_files_changed_after_parse", WARN)},
        ),
        (
            linked_file_rewritten_after_the_parse,
            {("raw_files", "raw_files_changed_after_parse", WARN)},
        ),
        # the rows' keys, offsets and statuses as the SQL checks hold them
        (mention_offsets_off_by_one, {("entities", "entities_offsets_match", ERROR)}),
        (mention_overlapping_the_one_before, {("entities", "entities_no_overlap", ERROR)}),
        (
            mention_written_twice,
            {
                ("entities", "entities_key_unique", ERROR),
                # a copy overlaps its original (same span) and is one more mention than the
                # article's entity_count: no duplicated mention can pass either check
                ("entities", "entities_no_overlap", ERROR),
                ("articles", "articles_counts_match", ERROR),
            },
        ),
        (
            mention_with_unknown_label,
            {  # both hold labels to PER/ORG/LOC
                ("entities", "entities_offsets_match", ERROR),
                ("entities", "gx_label_in_set", ERROR),
            },
        ),
        (
            marker_in_unknown_zone,
            {  # both hold zones to header/body/trailer
                ("ad_markers", "ad_markers_article_exists", ERROR),
                ("ad_markers", "gx_zone_in_set", ERROR),
            },
        ),
        (
            ledger_row_written_twice,
            {  # the same rule, in SQL and in GX
                ("raw_files", "raw_files_key_unique", ERROR),
                ("raw_files", "gx_source_path_unique", ERROR),
            },
        ),
        (rejected_file_with_article_id, {("raw_files", "raw_files_status_valid", ERROR)}),
        (parsed_file_with_reject_reason, {("raw_files", "raw_files_status_valid", ERROR)}),
        (rejected_file_with_empty_reason, {("raw_files", "raw_files_status_valid", ERROR)}),
        (article_char_count_off_by_one, {("articles", "articles_counts_match", ERROR)}),
        (date_without_its_time_flag, {("articles", "articles_published_has_time", WARN)}),
        (time_flag_without_a_date, {("articles", "articles_published_has_time", WARN)}),
        # the checks read a file without a column added since as nulls in it; versions
        # compare by their numbers (2026.11.9 is before 2026.11.20, though not as text)
        (_articles_of_version("2026.11.19"), set()),
        (_articles_of_version("2026.11.9"), set()),
        (_articles_of_version("2026.9.30"), set()),
        (
            _articles_of_version("2026.11.20"),
            {("articles", "articles_published_has_time", WARN)},
        ),
        (
            _articles_of_version("2027.1.1"),
            {("articles", "articles_published_has_time", WARN)},
        ),
        (articles_missing_the_time_flag, {("articles", "articles_published_has_time", WARN)}),
        (
            articles_own_file_marked_duplicate,
            {
                ("articles", "articles_match_ledger", ERROR),
                ("articles", "articles_row_counts", ERROR),  # one article more than parsed files
            },
        ),
        (c1_control_late_in_its_range, {("paragraphs", "paragraphs_no_c1_controls", WARN)}),
        (
            ledger_status_unknown,
            {
                ("raw_files", "raw_files_status_valid", ERROR),
                ("raw_files", "gx_status_in_set", ERROR),  # the same value set, in GX
            },
        ),
        (article_with_another_files_path, {("articles", "articles_match_ledger", ERROR)}),
        (article_lost_with_its_rows, {("articles", "articles_match_ledger", ERROR)}),
        (duplicate_recorded_as_parsed, {("articles", "articles_match_ledger", ERROR)}),
        # values only the GX suites judge
        (ledger_sha256_not_hex, {("raw_files", "gx_sha256_format", ERROR)}),
        (content_sha256_truncated, {("articles", "gx_content_sha256_format", ERROR)}),
        (article_without_title, {("articles", "gx_title_not_null", ERROR)}),
        (article_with_empty_title, {("articles", "gx_title_not_empty", ERROR)}),
        (
            negative_entity_count,
            {
                ("articles", "gx_entity_count_not_negative", ERROR),
                ("articles", "articles_counts_match", ERROR),  # no count of rows is negative
            },
        ),
        # a null paragraph is an empty one to the SQL check, and a null to GX
        (
            paragraph_without_text,
            {
                ("paragraphs", "gx_text_not_null", ERROR),
                ("paragraphs", "paragraphs_no_marker_text", ERROR),
            },
        ),
    ],
    ids=lambda value: value.__name__ if callable(value) else None,
)
def test_broken_partition_fails_exactly_the_right_check(clean, breakage, expected):
    breakage(clean)
    assert failures(clean) == expected


def test_the_parse_records_its_listing_time_before_it_writes_the_ledger(clean_build):
    store = ParquetStore(clean_build.data_dir)
    written = store.partition_file("raw_files", DAY).stat().st_mtime
    assert listed_at(store, DAY).timestamp() < written


def test_files_written_right_after_the_listing_time_are_not_stamped_before_it(tmp_path):
    """File times come from a clock up to a timer tick behind ``datetime.now``: a file written
    just after a listing time taken from the precise clock can carry an earlier time (with the
    precise clock, each of these appends is stamped before it on ext4 under Linux 6.18)."""
    paths = [tmp_path / f"{number}.txt" for number in range(300)]
    for path in paths:
        path.write_bytes(b"landed")
    for path in paths:  # not looked at since written: the kernel stamps the coarse time
        listed = stamp_clock()
        with open(path, "ab") as handle:
            handle.write(b", and written on after the listing")
        status = path.stat()
        landed = max(status.st_mtime_ns, status.st_ctime_ns) // 1000
        assert landed >= (listed - EPOCH) // dt.timedelta(microseconds=1), path.name


def test_a_symlinked_file_passes_every_check(landing):
    """The listing gives a link's own size and the parse reads its target: not a change."""
    put(landing, "shared/article.txt", sample_articles()[0])
    (landing.raw_dir / DAY).mkdir(parents=True)
    (landing.raw_dir / DAY / "linked.txt").symlink_to("../shared/article.txt")
    build(landing, DAY, range(1, 4))
    assert failures(landing) == set()


def test_files_touched_after_the_parse_but_unchanged_pass_every_check(clean):
    """A file whose times moved on (touched, copied over with the same bytes, its mode
    changed) is read again and found unchanged: no warning."""
    path = clean.raw_dir / DAY / "000.txt"
    path.write_bytes(path.read_bytes())
    path.chmod(0o600)
    later = dt.datetime.now(dt.UTC).timestamp() + 60
    os.utime(path, (later, later))
    assert failures(clean) == set()


def test_only_the_ledgers_files_are_read_again(clean, monkeypatch):
    """Files that landed after the parse have nothing to compare with: they are not read."""
    from warta.landing import LandingZone

    read = []
    real_read = LandingZone.read
    monkeypatch.setattr(
        LandingZone,
        "read",
        lambda zone, path, limit: read.append(path) or real_read(zone, path, limit),
    )
    path = clean.raw_dir / DAY / "000.txt"
    path.write_bytes(path.read_bytes())  # touched: read again
    put(clean, f"{DAY}/late.txt", sample_articles()[200])  # landed after the parse: not read
    assert failures(clean) == {("raw_files", "raw_files_landed_after_parse", WARN)}
    assert read == [f"{DAY}/000.txt"]


def test_listing_time_is_read_from_the_ledger_metadata(clean):
    listed = dt.datetime(2026, 11, 26, 0, 51, 52, 123456, tzinfo=dt.UTC)
    _parse_window(clean, listed, listed + dt.timedelta(minutes=5))
    assert listed_at(ParquetStore(clean.data_dir), DAY) == listed
    _parse_window(clean, None, listed + dt.timedelta(minutes=5))
    assert listed_at(ParquetStore(clean.data_dir), DAY) == listed + dt.timedelta(minutes=5)


def test_high_reject_share_is_a_warning(landing):
    build(landing, DAY, range(20), bad=5)  # 5 of 25 files rejected: 20% > 10%
    assert failures(landing) == {("raw_files", "raw_files_reject_share", WARN)}


def test_high_duplicate_share_is_a_warning(landing):
    land(landing, DAY, range(20))
    for copy in range(8):  # 8 re-scrapes of one page among 28 files: 29% > 25%
        put(landing, f"{DAY}/rescrape_{copy}.txt", sample_articles()[0])
    build(landing, DAY, range(0))
    assert failures(landing) == {("raw_files", "raw_files_duplicate_share", WARN)}


def test_shares_are_judged_from_exactly_twenty_files_on(landing):
    """``MIN_FILES_FOR_SHARES`` is the smallest partition judged: 20 files, 6 of them
    duplicates of one page and 3 rejected, fail both shares; one file fewer is not judged."""
    land(landing, DAY, range(11))
    for copy in range(6):
        put(landing, f"{DAY}/rescrape_{copy}.txt", sample_articles()[0])
    build(landing, DAY, range(0), bad=3)
    assert failures(landing) == {
        ("raw_files", "raw_files_duplicate_share", WARN),
        ("raw_files", "raw_files_reject_share", WARN),
    }
    (landing.raw_dir / DAY / "010.txt").unlink()
    build(landing, DAY, range(0))
    assert failures(landing) == set()


def test_small_partitions_are_not_judged_by_shares(landing):
    build(landing, DAY, range(3), bad=2)  # 40% rejects, but of 5 files
    assert failures(landing) == set()


def test_volume_drop_against_the_trailing_days_is_a_warning(landing):
    for offset, first in ((3, 30), (2, 55), (1, 80)):
        day = (dt.date.fromisoformat(DAY) - dt.timedelta(days=offset)).isoformat()
        build(landing, day, range(first, first + 25))
    build(landing, DAY, range(5))  # 5 files against a median of 25
    assert failures(landing) == {("raw_files", "raw_files_volume", WARN)}
    build(landing, DAY, range(5, 25))  # 25 files now: back to normal
    assert failures(landing) == set()


def test_volume_spike_against_the_trailing_days_is_a_warning(landing):
    """A jump in files (a scraper fetching pages twice, another day's files landed here) is
    warned like a drop: over ``volume_spike`` (2) times the trailing median."""
    for offset, first in ((3, 30), (2, 55), (1, 80)):
        day = (dt.date.fromisoformat(DAY) - dt.timedelta(days=offset)).isoformat()
        build(landing, day, range(first, first + 25))
    build(landing, DAY, range(120, 180))  # 60 files against a median of 25: over 2 x 25
    assert failures(landing) == {("raw_files", "raw_files_volume", WARN)}
    assert _aggregates(landing)["raw_files_volume"] == (
        False,
        "60 files, 2.4 x the median 25.0 of 3 days before (allowed 0.5..2.0 x)",
        None,
    )


def test_volume_is_not_judged_against_fewer_than_three_trailing_days(landing):
    """Two published days are too little history to call a day's volume a drop."""
    for offset, first in ((2, 30), (1, 55)):
        day = (dt.date.fromisoformat(DAY) - dt.timedelta(days=offset)).isoformat()
        build(landing, day, range(first, first + 25))
    build(landing, DAY, range(5))  # 5 files against a median of 25, but of 2 days only
    assert failures(landing) == set()
    assert _aggregates(landing)["raw_files_volume"][1] == (
        "not judged: 2 published days among the 7 before, median 25.0 files (needs 3 days and a "
        "median above 0)"
    )


def test_volume_is_not_judged_against_empty_days(landing):
    """Days published empty (a holiday) give a median of 0: no ratio to judge by."""
    for offset in (3, 2, 1):
        build(
            landing, (dt.date.fromisoformat(DAY) - dt.timedelta(days=offset)).isoformat(), range(0)
        )
    build(landing, DAY, range(5))
    assert _aggregates(landing)["raw_files_volume"] == (
        True,
        "not judged: 3 published days among the 7 before, median 0.0 files (needs 3 days and a "
        "median above 0)",
        None,
    )


def test_a_share_equal_to_its_threshold_passes(landing):
    """At most WARTA_MAX_REJECT_SHARE: 2 rejects of 20 files is a share of 0.1, not over it;
    nor is 63 of 90 over 0.7, though 0.7 x 90 is 62.99999999999999 in floating point."""
    build(landing, DAY, range(18), bad=2)
    assert _aggregates(landing)["raw_files_reject_share"] == (
        True,
        "reject share 0.1 (2 of 20 files), threshold 0.1",
        None,
    )
    assert 0.7 * 90 < 63
    build(landing, DAY, range(27), bad=63)
    assert _aggregates(dataclasses.replace(landing, max_reject_share=0.7))[
        "raw_files_reject_share"
    ] == (True, "reject share 0.7 (63 of 90 files), threshold 0.7", None)


def test_large_tables_are_validated_on_a_sample(clean, monkeypatch):
    import warta.quality.expectations as expectations

    monkeypatch.setattr(expectations, "GX_MAX_ROWS", 100)
    store = ParquetStore(clean.data_dir)
    rows = pq.ParquetFile(store.partition_file("paragraphs", DAY)).metadata.num_rows
    assert rows > 100
    outcomes = expectations.validate_partition(store, DAY, tables=["paragraphs"])
    assert outcomes and all(o.success and o.element_count == 100 for o in outcomes)
    assert all(f"sample of 100 of {rows:,} rows" in o.finding().description for o in outcomes)


def test_a_day_without_files_passes(landing):
    build(landing, DAY, range(0))  # no landing folder: an empty partition, nothing to judge
    assert failures(landing) == set()


AGGREGATE_CHECKS = ("raw_files_duplicate_share", "raw_files_reject_share", "raw_files_volume")


def _aggregates(settings) -> dict[str, tuple[bool, str | None, int | None]]:
    return {
        f.check_name: (f.passed, f.summary, f.unexpected_count)
        for f in (o.finding() for o in run_checks(settings, DAY))
        if f.check_name in AGGREGATE_CHECKS
    }


def test_a_count_of_one_is_said_in_the_singular(tmp_path):
    from tests.conftest import SEED
    from warta.config import Settings
    from warta.partition import build_partition

    settings = Settings.from_env(
        {"WARTA_RAW_DIR": str(tmp_path / "raw"), "WARTA_DATA_DIR": str(tmp_path / "parquet")}
    )
    put(settings, f"{DAY}/seed.txt", SEED.read_bytes())
    build_partition(settings, DAY)
    summaries = _aggregates(settings)
    assert summaries["raw_files_reject_share"][1] == "not judged: 1 file, fewer than 20"
    assert summaries["raw_files_volume"][1] == (
        "not judged: 0 published days among the 7 before, median 0.0 files (needs 3 days and a "
        "median above 0)"
    )


def test_share_and_volume_checks_say_their_outcome_passed_failed_or_not_judged(landing):
    """A check that abstains must not read as a pass: each says what it measured against what,
    or why it did not judge, whatever the outcome."""
    build(landing, DAY, range(3), bad=2)
    assert _aggregates(landing) == {
        "raw_files_duplicate_share": (True, "not judged: 5 files, fewer than 20", None),
        "raw_files_reject_share": (True, "not judged: 5 files, fewer than 20", None),
        "raw_files_volume": (
            True,
            "not judged: 0 published days among the 7 before, median 0.0 files (needs 3 days and "
            "a median above 0)",
            None,
        ),
    }
    build(landing, DAY, range(3, 20), bad=5)
    passed, summary, _ = _aggregates(landing)["raw_files_reject_share"]
    assert (passed, summary) == (False, "reject share 0.2 (5 of 25 files), threshold 0.1")
    assert _aggregates(landing)["raw_files_duplicate_share"] == (
        True,
        "duplicate share 0.04 (1 of 25 files), threshold 0.25",  # two pages are one article
        None,
    )


def test_expectations_are_described_in_words_and_as_the_gx_call():
    """The check descriptions in the UI: what is expected in words, then the exact GX call."""
    described = {
        (table, e.check_name): e.describe() for table, suite in SUITES.items() for e in suite
    }
    assert described[("raw_files", "gx_status_in_set")] == (
        "status is one of ['parsed', 'duplicate', 'rejected'] — "
        "ExpectColumnValuesToBeInSet(status, value_set=['parsed', 'duplicate', 'rejected'])"
    )
    assert described[("paragraphs", "gx_text_not_too_long")] == (
        "the length of text is at most 5000 — "
        "ExpectColumnValueLengthsToBeBetween(text, max_value=5000)"
    )
    assert described[("articles", "gx_published_at_in_range")].startswith(
        "published_at is between 1990-01-01 and run time + 14:00:00 — "
    )
    assert all(" — Expect" in text for text in described.values())


def test_a_file_over_the_size_limit_read_again_is_not_a_change(landing):
    """A file over the limit is hashed, not parsed; read again (here as a link's target) it is
    hashed again and found unchanged."""
    put(landing, "shared/big.txt", sample_articles()[0] * 3)
    (landing.raw_dir / DAY).mkdir(parents=True)
    (landing.raw_dir / DAY / "linked_big.txt").symlink_to("../shared/big.txt")
    limited = dataclasses.replace(landing, max_file_bytes=len(sample_articles()[0]) * 2)
    build(limited, DAY, range(1, 4))
    assert ("raw_files", "raw_files_changed_after_parse", "WARN") not in failures(limited)
    (landing.raw_dir / "shared" / "big.txt").write_bytes(sample_articles()[1] * 3)
    assert ("raw_files", "raw_files_changed_after_parse", "WARN") in failures(limited)


def test_files_stuck_in_flight_are_named_with_their_size(clean):
    files_left_in_flight_for_hours(clean)
    stuck = tuple(c for c in INTEGRITY_CHECKS if c.name == "raw_files_none_stuck_in_flight")
    [outcome] = run_checks(clean, DAY, stuck)
    assert outcome.offending_rows == 3 and outcome.columns[:2] == ["source_path", "size_bytes"]
    assert [row[:2] for row in outcome.sample] == [
        (f"{DAY}/.batch8", len(sample_articles()[202])),  # the bytes of the files in it
        (f"{DAY}/.late.txt.upload", len(sample_articles()[201])),
        (f"{DAY}/late.txt.part", 500),
    ]


def test_the_markdown_summary_shows_a_partition_checks_outcome_where_row_checks_count():
    """A failed share or volume check has no offending rows: the summary's column says its
    outcome in words there, under a heading that says so (it read as an unexpected count)."""
    from warta.quality.model import ERROR, WARN, Finding
    from warta.quality.report import Section, render_markdown

    share = Finding(
        "raw_files_reject_share", "raw_files", "sql", WARN, False, "reject share",
        summary="reject share 0.516 (16 of 31 files), threshold 0.1",
    )  # fmt: skip
    rows = Finding(
        "paragraphs_article_exists", "paragraphs", "sql", ERROR, False, "orphans",
        unexpected_count=3, unexpected_percent=1.5,
    )  # fmt: skip
    section = Section("integrity", "2026-11-25", "run", "now", "fp", [share, rows])
    text = render_markdown("2026-11-25", [section], pathlib.Path("report.html"))
    assert "| severity | table | check | unexpected rows, or the outcome | % |" in text
    assert (
        "| WARN | raw_files | `raw_files_reject_share` | reject share 0.516 (16 of 31 files), "
        "threshold 0.1 |"
    ) in text
    assert "| ERROR | paragraphs | `paragraphs_article_exists` | 3 | 1.5 |" in text
