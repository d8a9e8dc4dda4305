-- Why files were turned away: rejected files per reason and landing partition, with one example
-- path to open, the most frequent reasons first.
SELECT
    r.reject_reason,
    r.ingest_date,
    count(*) AS files,
    CAST(sum(r.size_bytes) AS BIGINT) AS bytes,
    min(r.source_path) AS example_path
FROM raw_files AS r
WHERE r.status = 'rejected'
GROUP BY r.reject_reason, r.ingest_date
ORDER BY files DESC, r.ingest_date DESC, r.reject_reason;
