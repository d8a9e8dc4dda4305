-- Why each partition's files marked duplicate have no original in the warehouse
-- (duplicates_without_original.sql), judged against the Parquet lake ($paths: every
-- partition's articles file). An earlier partition's Parquet may still hold the article: it is
-- parsed but that partition is not loaded (its ERROR checks failed, or its load was refused),
-- and loading it is the remedy. Otherwise the original left the landing zone and re-running the
-- copy's partition parses the copy. Run only when there are such files.
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
    SELECT o.ingest_date, o.article_id, min(l.ingest_date) AS held_by
    FROM orphans AS o
    LEFT JOIN lake AS l ON l.article_id = o.article_id AND l.ingest_date < o.ingest_date
    GROUP BY ALL
)
SELECT
    ingest_date::VARCHAR AS partition,
    count(*) FILTER (WHERE held_by IS NULL) AS originals_gone,
    coalesce(
        list(DISTINCT held_by::VARCHAR ORDER BY held_by::VARCHAR)
            FILTER (WHERE held_by IS NOT NULL),
        []
    ) AS held_unloaded_by
FROM held
GROUP BY ALL
ORDER BY partition
