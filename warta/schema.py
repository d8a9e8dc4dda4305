"""The five tables of the data contract as Arrow schemas: the one declaration of their shape.

Parquet files are written with these schemas; ``sql/warehouse/schema.sql`` declares the same
columns (and the same ``NOT NULL`` ones) in DuckDB, and a test holds the two to each other and to
``TABLES.md``.
"""

from __future__ import annotations

import pyarrow as pa

TIMESTAMP_TZ = pa.timestamp("us", tz="UTC")
# The third item of a column is pyarrow's ``nullable``: these columns are declared ``required``
# in the Parquet files (a writer refuses a null in them) and ``NOT NULL`` in DuckDB.
NOT_NULL = False

RAW_FILES = pa.schema(
    [
        ("ingest_date", pa.date32(), NOT_NULL),
        ("source_path", pa.string(), NOT_NULL),
        ("size_bytes", pa.int64()),
        ("sha256", pa.string()),
        ("encoding", pa.string()),
        ("status", pa.string(), NOT_NULL),
        ("reject_reason", pa.string()),
        ("article_id", pa.string()),
    ]
)

ARTICLES = pa.schema(
    [
        ("article_id", pa.string(), NOT_NULL),
        ("ingest_date", pa.date32(), NOT_NULL),
        ("source_path", pa.string(), NOT_NULL),
        ("site", pa.string()),
        ("dateline", pa.string()),
        ("section", pa.string()),
        ("title", pa.string(), NOT_NULL),
        ("author", pa.string()),
        ("published_at", TIMESTAMP_TZ),
        ("published_text", pa.string()),
        ("image_caption", pa.string()),
        ("language", pa.string()),
        ("paragraph_count", pa.int32(), NOT_NULL),
        ("word_count", pa.int32(), NOT_NULL),
        ("char_count", pa.int32(), NOT_NULL),
        ("ad_marker_count", pa.int32(), NOT_NULL),
        ("entity_count", pa.int32(), NOT_NULL),
        ("layout", pa.string(), NOT_NULL),
        ("parse_warnings", pa.list_(pa.string())),
        ("content_sha256", pa.string(), NOT_NULL),
        ("parser_version", pa.string(), NOT_NULL),
        ("url", pa.string()),
        ("published_has_time", pa.bool_()),
    ]
)

PARAGRAPHS = pa.schema(
    [
        ("article_id", pa.string(), NOT_NULL),
        ("paragraph_index", pa.int32(), NOT_NULL),
        ("text", pa.string(), NOT_NULL),
        ("char_count", pa.int32(), NOT_NULL),
        ("word_count", pa.int32(), NOT_NULL),
        ("source_line", pa.int32(), NOT_NULL),
        ("ingest_date", pa.date32(), NOT_NULL),
    ]
)

ENTITIES = pa.schema(
    [
        ("article_id", pa.string(), NOT_NULL),
        ("paragraph_index", pa.int32(), NOT_NULL),
        ("start_char", pa.int32(), NOT_NULL),
        ("end_char", pa.int32(), NOT_NULL),
        ("text", pa.string(), NOT_NULL),
        ("label", pa.string(), NOT_NULL),
        ("canonical_name", pa.string(), NOT_NULL),
        ("entity_key", pa.string(), NOT_NULL),
        ("method", pa.string(), NOT_NULL),
        ("ingest_date", pa.date32(), NOT_NULL),
    ]
)

AD_MARKERS = pa.schema(
    [
        ("article_id", pa.string(), NOT_NULL),
        ("marker_index", pa.int32(), NOT_NULL),
        ("source_line", pa.int32(), NOT_NULL),
        ("text", pa.string(), NOT_NULL),
        ("kind", pa.string(), NOT_NULL),
        ("zone", pa.string(), NOT_NULL),
        ("after_paragraph_index", pa.int32(), NOT_NULL),
        ("ingest_date", pa.date32(), NOT_NULL),
    ]
)

# paragraphs, entities and ad_markers also carry ingest_date (an addition to the contract, which
# allows added columns) so that a partition can be replaced in every table by one predicate.

# Table name -> schema, in the order a reader meets them: ledger first, then the article tables.
TABLES: dict[str, pa.Schema] = {
    "raw_files": RAW_FILES,
    "articles": ARTICLES,
    "paragraphs": PARAGRAPHS,
    "entities": ENTITIES,
    "ad_markers": AD_MARKERS,
}

# Primary keys, as the contract states them.
PRIMARY_KEYS: dict[str, tuple[str, ...]] = {
    "raw_files": ("source_path",),
    "articles": ("article_id",),
    "paragraphs": ("article_id", "paragraph_index"),
    "entities": ("article_id", "paragraph_index", "start_char"),
    "ad_markers": ("article_id", "marker_index"),
}

STATUSES = ("parsed", "duplicate", "rejected")
ZONES = ("header", "body", "trailer")
ENTITY_LABELS = ("PER", "ORG", "LOC")
