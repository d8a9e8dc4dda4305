-- Article ids of the given Parquet files as 64-bit integers (an id is 16 hex digits), sorted:
-- the compact index the parse uses to mark articles already published in earlier partitions.
SELECT DISTINCT ('0x' || article_id)::UBIGINT AS id
FROM read_parquet($paths, hive_partitioning = false)
ORDER BY id
