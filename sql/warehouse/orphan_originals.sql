-- Why each partition's files marked duplicate have no original in the warehouse
-- (duplicates_without_original.sql), judged against the Parquet lake ($paths: every
-- partition's articles file). An earlier partition's Parquet may still hold the article: it is
-- parsed but that partition is not loaded (its ERROR checks failed, or its load was refused),
-- and loading it is the remedy. Otherwise the original left the landing zone, and re-running
-- the partition of the article's earliest copy parses that copy (the later copies then have
-- their original again: they are counted only for the earliest). Run only when there are such
-- files.
WITH orphans AS (
    SELECT DISTINCT r.ingest_date, r.article_id
    FROM raw_files AS r
    ANTI JOIN articles AS a USING (article_id)
    WHERE r.status = 'duplicate'
),
lake AS (
    SELECT article_id, ingest_date
    FROM read_parquet($paths, hive_partitioning = false)
),
held AS (
    SELECT
        o.ingest_date,
        o.article_id,
        min(l.ingest_date) AS held_by,
        o.ingest_date = min(o.ingest_date) OVER (PARTITION BY o.article_id) AS earliest_copy
    FROM orphans AS o
    LEFT JOIN lake AS l ON l.article_id = o.article_id AND l.ingest_date < o.ingest_date
    GROUP BY o.ingest_date, o.article_id
)
SELECT
    ingest_date::VARCHAR AS partition,
    count(*) FILTER (WHERE held_by IS NULL AND earliest_copy) AS originals_gone,
    coalesce(
        list(DISTINCT held_by::VARCHAR ORDER BY held_by::VARCHAR)
            FILTER (WHERE held_by IS NOT NULL),
        []
    ) AS held_unloaded_by
FROM held
GROUP BY ingest_date
ORDER BY partition
