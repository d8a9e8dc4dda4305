-- One row, whatever the outcome (the check's measures, shown in the UI and the report): the
-- partition's share of duplicate files against $max_duplicate_share (WARTA_MAX_DUPLICATE_SHARE).
-- Fails above it: a scraper re-fetching old pages, or ids that collide. Judged from $min_files
-- files on: a share of a handful of files says nothing.
WITH counts AS (
    SELECT count(*) AS files, count(*) FILTER (WHERE status = 'duplicate') AS duplicates
    FROM raw_files
)
SELECT files, duplicates,
       round(duplicates / nullif(files, 0), 4) AS duplicate_share,
       $max_duplicate_share AS threshold,
       files >= $min_files AS judged,
       files >= $min_files AND duplicates > $max_duplicate_share * files AS failed
FROM counts
