-- Per landing partition: files found and what became of them.
CREATE OR REPLACE VIEW partition_quality AS
SELECT
    r.ingest_date,
    count(*) AS files,
    count(*) FILTER (WHERE r.status = 'parsed') AS parsed,
    count(*) FILTER (WHERE r.status = 'duplicate') AS duplicate,
    count(*) FILTER (WHERE r.status = 'rejected') AS rejected,
    round(count(*) FILTER (WHERE r.status = 'rejected') / count(*), 4) AS rejected_share,
    sum(r.size_bytes) AS bytes
FROM raw_files AS r
GROUP BY r.ingest_date;
COMMENT ON VIEW partition_quality IS 'One row per landing partition: files found, parsed, duplicate and rejected, share rejected, bytes.';
