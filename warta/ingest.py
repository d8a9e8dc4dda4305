"""One raw file to a ledger record and table rows: read, hash, decode, parse, find entities.

This runs inside parse worker processes; it never raises for bad input. ``process_batch``
returns columnar rows tagged with the file's position in the batch, so the caller can drop a
duplicate file's rows without re-parsing anything.
"""

from __future__ import annotations

import hashlib
import json
import resource
import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

import pyarrow as pa
import pyarrow.compute as pc

from warta.article import ParsedArticle
from warta.body import NoArticle
from warta.dates import plausible_publication
from warta.decoding import Rejection, decode_bytes
from warta.entities import EntityMention, extract_entities
from warta.landing import FileProblem, LandingFile, LandingZone
from warta.language import detect_language
from warta.parsing import parse_page
from warta.rows import FILE_COLUMN, ROW_TABLES, append_article, empty_columns

# No news paragraph is this long; a body line that is (a whole site saved as one line) makes the
# page a reject: entity extraction and the checks of its mentions grow with a paragraph's length.
MAX_PARAGRAPH_CHARS = 100_000


@dataclass(slots=True)
class FileRecord:
    """A ledger row before duplicates are known (status is ``parsed`` or ``rejected``)."""

    source_path: str
    size_bytes: int
    sha256: str | None
    encoding: str | None
    status: str
    reject_reason: str | None
    article_id: str | None


@dataclass(frozen=True, slots=True)
class BatchTask:
    raw_root: str
    ingest_date: date
    files: tuple[LandingFile, ...]
    max_file_bytes: int
    entities: bool = True  # False: no entity extraction (benchmarks measure everything else)


@dataclass(slots=True)
class BatchResult:
    records: list[FileRecord]
    tables: dict[str, pa.RecordBatch]
    seconds: dict[str, float] = field(default_factory=dict)  # CPU s: read, parse, entities
    peak_rss_mb: float = 0.0  # of the process that ran the batch, so far


def process_batch(task: BatchTask) -> BatchResult:
    """Process the files of one batch; rows of every table carry ``_file`` (index into records)."""
    zone = LandingZone(task.raw_root)
    columns = empty_columns()
    records: list[FileRecord] = []
    seconds = {"read": 0.0, "parse": 0.0, "entities": 0.0}
    processed = [_process_file(zone, f, task, seconds) for f in task.files]
    # Languages of the whole batch in one tight loop: fastText is ~3x faster while its model
    # stays in the CPU caches than called between parses.
    started = time.thread_time()
    for _, article, _ in processed:
        if article is not None:
            try:
                article.language = detect_language(article.body)
            except Exception as error:  # never worth the file: the language stays unknown
                article.warnings.append(f"language not identified ({type(error).__name__})")
    seconds["parse"] += time.thread_time() - started
    if task.entities:  # after the languages: extraction reads the article's language
        processed = [_with_entities(record, article, seconds) for record, article, _ in processed]
    for position, (record, article, entities) in enumerate(processed):
        records.append(record)
        if article is not None:
            append_article(
                columns,
                position,
                record.article_id,
                record.source_path,
                article,
                entities,
                task.ingest_date,
            )
    tables = _tables(columns)
    peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return BatchResult(records, tables, seconds, peak_rss_mb)


WORKER_DIED = "the parse worker process died on this file (killed, e.g. for lack of memory)"


def worker_died(task: BatchTask) -> BatchResult:
    """The result of a batch of one file whose worker process died every time it processed it:
    the file is rejected with ``WORKER_DIED``, unread here (reading it may be what kills)."""
    records = [rejected(f.source_path, f.size_bytes, None, None, WORKER_DIED) for f in task.files]
    return BatchResult(records, _tables(empty_columns()), {}, 0.0)


def merge_results(first: BatchResult, second: BatchResult) -> BatchResult:
    """One result for two consecutive parts of a batch: ``second``'s rows point past
    ``first``'s records."""
    offset = len(first.records)
    tables = {}
    for name, batch in first.tables.items():
        later = second.tables[name]
        index = later.schema.get_field_index(FILE_COLUMN)
        shifted = pc.add(later.column(index), pa.scalar(offset, pa.int32()))
        later = later.set_column(index, later.schema.field(index), shifted)
        tables[name] = pa.concat_batches([batch, later])
    seconds = {
        k: first.seconds.get(k, 0.0) + second.seconds.get(k, 0.0)
        for k in first.seconds | second.seconds
    }
    return BatchResult(
        first.records + second.records,
        tables,
        seconds,
        max(first.peak_rss_mb, second.peak_rss_mb),
    )


def _process_file(zone: LandingZone, landing_file: LandingFile, task: BatchTask, seconds):
    if landing_file.problem is not None:  # known from the listing: never opened
        path, size = landing_file.source_path, landing_file.size_bytes
        return rejected(path, size, None, None, landing_file.problem), None, []
    started = time.thread_time()
    data = zone.read(landing_file.source_path, task.max_file_bytes)
    seconds["read"] += time.thread_time() - started
    if isinstance(data, FileProblem):
        return (
            rejected(
                landing_file.source_path, landing_file.size_bytes, data.sha256, None, data.reason
            ),
            None,
            [],
        )
    try:
        return process_bytes(
            data,
            landing_file.source_path,
            task.ingest_date,
            seconds,
            entities=False,  # process_batch extracts them once the language is known
            identify_language=False,  # process_batch does the batch's languages together
        )
    except Exception as error:  # a parser bug must cost one file, never the partition
        reason = f"parser error ({type(error).__name__}: {str(error)[:120]})"
        size, sha256 = len(data), hashlib.sha256(data).hexdigest()
        return rejected(landing_file.source_path, size, sha256, None, reason), None, []


def _with_entities(
    record: FileRecord, article: ParsedArticle | None, seconds: dict[str, float]
) -> tuple[FileRecord, ParsedArticle | None, list[EntityMention]]:
    """The entity mentions of a parsed file's article (in its language)."""
    if article is None:
        return record, article, []
    started = time.thread_time()
    try:
        mentions = extract_entities([p.text for p in article.paragraphs], article.language)
    except Exception as error:  # an extraction bug must cost one file, never the partition
        reason = f"parser error ({type(error).__name__}: {str(error)[:120]})"
        path, size, sha256 = record.source_path, record.size_bytes, record.sha256
        return rejected(path, size, sha256, record.encoding, reason), None, []
    finally:
        seconds["entities"] += time.thread_time() - started
    return record, article, mentions


def process_bytes(
    data: bytes,
    source_path: str,
    ingest_date: date,
    seconds: dict[str, float] | None = None,
    *,
    entities: bool = True,
    identify_language: bool = True,
) -> tuple[FileRecord, ParsedArticle | None, list[EntityMention]]:
    """Hash, decode, parse and find entities in one raw file's bytes; never raises on bad input.

    ``seconds`` gains the CPU seconds (``time.thread_time``: not the time spent waiting for a
    CPU) of ``parse`` and ``entities``.
    ``entities=False`` skips entity extraction (no mentions): benchmarks use it to time the
    rest, and ``process_batch`` extracts them itself once the batch's languages are known.
    ``identify_language=False`` leaves ``language`` None for the caller to fill in.
    """
    seconds = {"parse": 0.0, "entities": 0.0} if seconds is None else seconds
    sha256 = hashlib.sha256(data).hexdigest()
    started = time.thread_time()
    decoded = decode_bytes(data)
    if isinstance(decoded, Rejection):
        seconds["parse"] += time.thread_time() - started
        return rejected(source_path, len(data), sha256, decoded.encoding, decoded.reason), None, []
    if _is_json_document(decoded.text):
        seconds["parse"] += time.thread_time() - started
        reason = "not a news page (JSON document)"
        return rejected(source_path, len(data), sha256, decoded.encoding, reason), None, []
    article = parse_page(
        decoded.text,
        ingest_date=ingest_date,
        source_name=source_path,
        repaired_mojibake=decoded.repaired_mojibake,
        invalid_bytes=decoded.invalid_bytes,
        identify_language=identify_language,
    )
    seconds["parse"] += time.thread_time() - started
    if isinstance(article, NoArticle):
        return rejected(source_path, len(data), sha256, decoded.encoding, article.reason), None, []
    longest = max((len(paragraph.text) for paragraph in article.paragraphs), default=0)
    if longest > MAX_PARAGRAPH_CHARS:
        # One reason for all such pages (not their lengths), so they are counted together.
        reason = f"paragraph too long (over {MAX_PARAGRAPH_CHARS} characters)"
        return rejected(source_path, len(data), sha256, decoded.encoding, reason), None, []
    published = article.published_at
    if published is not None and not plausible_publication(published, ingest_date, _now()):
        article.warnings.append(f"implausible publication date {published.date()} dropped")
        article.published_at = article.published_has_time = None
    record = FileRecord(
        source_path, len(data), sha256, decoded.encoding, "parsed", None, article.article_id
    )
    return _with_entities(record, article, seconds) if entities else (record, article, [])


# A small page in the seed's layout: parsing it loads what a parse loads lazily.
WARM_UP_PAGE = (
    "Connect with us\n\nNasional\n\nBanjir Rendam Ratusan Rumah di Jakarta\n\nRina Kusuma\n\n"
    "Diterbitkan\n\npada\n\n"
    "22 September 2022\n\nJAKARTA, WARTA-NUSANTARA: Presiden Joko Widodo meninjau banjir yang "
    "merendam ratusan rumah warga di tiga kelurahan sejak Selasa malam.\n\nADVERTISEMENT\n\n"
    "Pemerintah Provinsi DKI Jakarta menyatakan bantuan makanan dan selimut sudah disalurkan "
    "sejak pagi, dan air mulai surut menjelang siang.\n"
)


def warm_up() -> None:
    """Load the layouts, the tagger, the gazetteer and the language model (each loads lazily on
    first use) by processing a small page; a process forked afterwards starts with them."""
    record, _, _ = process_bytes(WARM_UP_PAGE.encode(), "warm-up.txt", date(2022, 9, 23))
    if record.status != "parsed":  # the page exists to exercise every stage
        raise RuntimeError(f"warm-up page not parsed: {record.reject_reason}")


def _now() -> datetime:
    return datetime.now(UTC)


def _is_json_document(text: str) -> bool:
    """True for an API response or feed saved instead of a page (a whole JSON value)."""
    head = text.lstrip()[:1]
    if head not in ("{", "["):
        return False
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def _tables(columns: dict[str, dict[str, list]]) -> dict[str, pa.RecordBatch]:
    return {
        name: pa.RecordBatch.from_pydict(
            cols, schema=schema.append(pa.field(FILE_COLUMN, pa.int32()))
        )
        for (name, schema), cols in zip(ROW_TABLES.items(), columns.values(), strict=True)
    }


def rejected(
    source_path: str, size: int, sha256: str | None, encoding: str | None, reason: str
) -> FileRecord:
    """The ledger record of a file rejected for ``reason``."""
    return FileRecord(source_path, size, sha256, encoding, "rejected", reason, None)
