-- Remove a partition that no longer exists in Parquet (its landing folder was withdrawn).
DELETE FROM raw_files WHERE ingest_date = $ingest_date;
DELETE FROM articles WHERE ingest_date = $ingest_date;
DELETE FROM paragraphs WHERE ingest_date = $ingest_date;
DELETE FROM entities WHERE ingest_date = $ingest_date;
DELETE FROM ad_markers WHERE ingest_date = $ingest_date;

DELETE FROM entity_days WHERE ingest_date = $ingest_date;
DELETE FROM entity_name_days WHERE ingest_date = $ingest_date;
DELETE FROM entity_pairs WHERE ingest_date = $ingest_date;
DELETE FROM partitions WHERE ingest_date = $ingest_date;
