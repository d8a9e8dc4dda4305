"""Metadata that makes a table asset legible in the Dagster UI: rows, schema, a preview."""

from pathlib import Path

import dagster as dg
import pyarrow as pa
import pyarrow.parquet as pq

PREVIEW_ROWS = 5
PREVIEW_CHARS = 80


def table_schema(schema: pa.Schema) -> dg.TableSchema:
    return dg.TableSchema(
        columns=[
            dg.TableColumn(
                f.name, str(f.type), constraints=dg.TableColumnConstraints(nullable=f.nullable)
            )
            for f in schema
        ]
    )


def parquet_preview(path: Path) -> dg.MetadataValue:
    """The first rows of a Parquet file as a markdown table (long text cut short)."""
    if not path.exists():
        return dg.MetadataValue.md("_no file_")
    table = pq.ParquetFile(path).iter_batches(batch_size=PREVIEW_ROWS)
    batch = next(table, None)
    if batch is None or batch.num_rows == 0:
        return dg.MetadataValue.md("_no rows_")
    return dg.MetadataValue.md(markdown_table(batch.schema.names, batch.to_pylist()))


def markdown_table(columns: list[str], rows: list[dict]) -> str:
    def cell(value: object) -> str:
        text = "" if value is None else str(value)
        if len(text) > PREVIEW_CHARS:
            text = text[: PREVIEW_CHARS - 1] + "…"
        return text.replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(cell(row.get(c)) for c in columns) + " |" for row in rows]
    return "\n".join(lines)
