"""The five tables of the data contract as Arrow schemas: the one declaration of their shape.

Parquet files are written with these schemas; ``sql/schema.sql`` declares the same columns in
DuckDB, and a test holds the two to each other and to ``TABLES.md``.
"""

from __future__ import annotations

import pyarrow as pa

TIMESTAMP_TZ = pa.timestamp("us", tz="UTC")

RAW_FILES = pa.schema(
    [
        ("ingest_date", pa.date32()),
        ("source_path", pa.string()),
        ("size_bytes", pa.int64()),
        ("sha256", pa.string()),
        ("encoding", pa.string()),
        ("status", pa.string()),
        ("reject_reason", pa.string()),
        ("article_id", pa.string()),
    ]
)

ARTICLES = pa.schema(
    [
        ("article_id", pa.string()),
        ("ingest_date", pa.date32()),
        ("source_path", pa.string()),
        ("site", pa.string()),
        ("dateline", pa.string()),
        ("section", pa.string()),
        ("title", pa.string()),
        ("author", pa.string()),
        ("published_at", TIMESTAMP_TZ),
        ("published_text", pa.string()),
        ("image_caption", pa.string()),
        ("language", pa.string()),
        ("paragraph_count", pa.int32()),
        ("word_count", pa.int32()),
        ("char_count", pa.int32()),
        ("ad_marker_count", pa.int32()),
        ("entity_count", pa.int32()),
        ("layout", pa.string()),
        ("parse_warnings", pa.list_(pa.string())),
        ("content_sha256", pa.string()),
        ("parser_version", pa.string()),
    ]
)

PARAGRAPHS = pa.schema(
    [
        ("article_id", pa.string()),
        ("paragraph_index", pa.int32()),
        ("text", pa.string()),
        ("char_count", pa.int32()),
        ("word_count", pa.int32()),
        ("source_line", pa.int32()),
        ("ingest_date", pa.date32()),
    ]
)

ENTITIES = pa.schema(
    [
        ("article_id", pa.string()),
        ("paragraph_index", pa.int32()),
        ("start_char", pa.int32()),
        ("end_char", pa.int32()),
        ("text", pa.string()),
        ("label", pa.string()),
        ("canonical_name", pa.string()),
        ("entity_key", pa.string()),
        ("method", pa.string()),
        ("ingest_date", pa.date32()),
    ]
)

AD_MARKERS = pa.schema(
    [
        ("article_id", pa.string()),
        ("marker_index", pa.int32()),
        ("source_line", pa.int32()),
        ("text", pa.string()),
        ("kind", pa.string()),
        ("zone", pa.string()),
        ("after_paragraph_index", pa.int32()),
        ("ingest_date", pa.date32()),
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
