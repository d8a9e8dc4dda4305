-- Offending rows: files (and hidden subfolders) under an in-flight name that nothing had
-- touched for $in_flight_idle when the parse listed the folder. The listing skips them as still
-- arriving, so they have no ledger row: a download that died, a page saved under a temporary
-- name, or debris. Rename a finished page to its final name and re-run the partition.
SELECT
    f.source_path,
    f.size_bytes,
    f.landed_at,
    $listed_at AS listed_at
FROM landing_in_flight AS f
WHERE f.landed_at < $listed_at - $in_flight_idle
ORDER BY f.source_path
