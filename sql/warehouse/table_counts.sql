-- Rows per table for one partition, reported after every load.
SELECT 'raw_files' AS table_name, count(*) AS row_count FROM raw_files WHERE ingest_date = $ingest_date
UNION ALL SELECT 'articles', count(*) FROM articles WHERE ingest_date = $ingest_date
UNION ALL SELECT 'paragraphs', count(*) FROM paragraphs WHERE ingest_date = $ingest_date
UNION ALL SELECT 'entities', count(*) FROM entities WHERE ingest_date = $ingest_date
UNION ALL SELECT 'ad_markers', count(*) FROM ad_markers WHERE ingest_date = $ingest_date;
