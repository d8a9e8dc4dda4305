-- Partitions the warehouse holds files of: what published_partitions.sql reads in a warehouse
-- written before the partitions table existed.
SELECT DISTINCT ingest_date FROM raw_files ORDER BY ingest_date;
