-- Replace one partition in every table: delete what the warehouse holds for $ingest_date, then
-- insert the partition's Parquet files. Runs inside one transaction (see warta/warehouse.py).
-- The derived tables lose the partition here and get it back from derive_missing.sql.
DELETE FROM raw_files WHERE ingest_date = $ingest_date;
INSERT INTO raw_files BY NAME SELECT * FROM read_parquet($raw_files, hive_partitioning = false);

DELETE FROM articles WHERE ingest_date = $ingest_date;
INSERT INTO articles BY NAME SELECT * FROM read_parquet($articles, hive_partitioning = false);

DELETE FROM paragraphs WHERE ingest_date = $ingest_date;
INSERT INTO paragraphs BY NAME SELECT * FROM read_parquet($paragraphs, hive_partitioning = false);

DELETE FROM entities WHERE ingest_date = $ingest_date;
INSERT INTO entities BY NAME SELECT * FROM read_parquet($entities, hive_partitioning = false);

DELETE FROM ad_markers WHERE ingest_date = $ingest_date;
INSERT INTO ad_markers BY NAME SELECT * FROM read_parquet($ad_markers, hive_partitioning = false);

DELETE FROM entity_days WHERE ingest_date = $ingest_date;
DELETE FROM entity_name_days WHERE ingest_date = $ingest_date;
DELETE FROM entity_pairs WHERE ingest_date = $ingest_date;

DELETE FROM partitions WHERE ingest_date = $ingest_date;
INSERT INTO partitions (ingest_date, loaded_at, parser_version)
VALUES ($ingest_date, current_timestamp, $parser_version);
