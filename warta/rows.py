"""One parsed file to the rows of the four article tables, column by column.

Rows are built columnar (a list per column, extended once per article) because this runs for
every paragraph and entity of every file; ``table_rows`` gives the same rows as dicts for the
command line. Column names and order come from ``warta.schema``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from warta import PARSER_VERSION
from warta.article import ParsedArticle
from warta.entities import EntityMention
from warta.schema import AD_MARKERS, ARTICLES, ENTITIES, PARAGRAPHS

ROW_TABLES = {
    "articles": ARTICLES,
    "paragraphs": PARAGRAPHS,
    "entities": ENTITIES,
    "ad_markers": AD_MARKERS,
}
FILE_COLUMN = "_file"  # position of the producing file within its batch; dropped before writing

Columns = dict[str, dict[str, list[Any]]]


def empty_columns() -> Columns:
    """A list per column of every article table, plus the ``_file`` column."""
    return {
        name: {col: [] for col in [*schema.names, FILE_COLUMN]}
        for name, schema in ROW_TABLES.items()
    }


def append_article(
    columns: Columns,
    position: int,
    article_id: str,
    source_path: str,
    article: ParsedArticle,
    entities: list[EntityMention],
    ingest_date: date,
) -> None:
    """Append the rows ``article`` contributes to each table."""
    paragraphs = article.paragraphs
    words = [p.word_count for p in paragraphs]
    chars = [p.char_count for p in paragraphs]
    _extend(
        columns["paragraphs"], len(paragraphs), position,
        article_id=[article_id] * len(paragraphs),
        paragraph_index=[p.index for p in paragraphs],
        text=[p.text for p in paragraphs],
        char_count=chars,
        word_count=words,
        source_line=[p.source_line for p in paragraphs],
        ingest_date=[ingest_date] * len(paragraphs),
    )  # fmt: skip
    markers = article.ad_markers
    _extend(
        columns["ad_markers"], len(markers), position,
        article_id=[article_id] * len(markers),
        marker_index=[m.index for m in markers],
        source_line=[m.source_line for m in markers],
        text=[m.text for m in markers],
        kind=[m.kind for m in markers],
        zone=[m.zone for m in markers],
        after_paragraph_index=[m.after_paragraph_index for m in markers],
        ingest_date=[ingest_date] * len(markers),
    )  # fmt: skip
    _extend(
        columns["entities"], len(entities), position,
        article_id=[article_id] * len(entities),
        paragraph_index=[e.paragraph_index for e in entities],
        start_char=[e.start_char for e in entities],
        end_char=[e.end_char for e in entities],
        text=[e.text for e in entities],
        label=[e.label for e in entities],
        canonical_name=[e.canonical_name for e in entities],
        entity_key=[e.entity_key for e in entities],
        method=[e.method for e in entities],
        ingest_date=[ingest_date] * len(entities),
    )  # fmt: skip
    _extend(
        columns["articles"], 1, position,
        article_id=[article_id],
        ingest_date=[ingest_date],
        source_path=[source_path],
        site=[article.site],
        dateline=[article.dateline],
        section=[article.section],
        title=[article.title],
        author=[article.author],
        published_at=[article.published_at],
        published_text=[article.published_text],
        published_has_time=[article.published_has_time],
        image_caption=[article.image_caption],
        language=[article.language],
        paragraph_count=[len(paragraphs)],
        word_count=[sum(words)],
        char_count=[sum(chars)],
        ad_marker_count=[len(markers)],
        entity_count=[len(entities)],
        layout=[article.layout],
        parse_warnings=[list(article.warnings)],
        content_sha256=[article.content_sha256],
        parser_version=[PARSER_VERSION],
        url=[article.url],
    )  # fmt: skip


def table_rows(
    article_id: str,
    source_path: str,
    article: ParsedArticle,
    entities: list[EntityMention],
    ingest_date: date,
) -> dict[str, list[dict[str, Any]]]:
    """The rows one parsed file contributes to each article table, as dicts by column name."""
    columns = empty_columns()
    append_article(columns, 0, article_id, source_path, article, entities, ingest_date)
    rows = {}
    for table, schema in ROW_TABLES.items():
        values = [columns[table][name] for name in schema.names]
        rows[table] = [
            dict(zip(schema.names, row, strict=True)) for row in zip(*values, strict=True)
        ]
    return rows


def _extend(table: dict[str, list[Any]], count: int, position: int, **values: list[Any]) -> None:
    if not count:
        return
    for name, column in values.items():
        table[name].extend(column)
    table[FILE_COLUMN].extend([position] * count)
