-- One row, whatever the outcome (the check's measures, shown in the UI and the report): the
-- partition's share of duplicate files against $max_duplicate_share (WARTA_MAX_DUPLICATE_SHARE).
-- Fails above it: a scraper re-fetching old pages, or ids that collide. Judged from $min_files
-- files on: a share of a handful of files says nothing.
WITH counts AS (
    SELECT count(*) AS files, count(*) FILTER (WHERE status = 'duplicate') AS duplicates
    FROM raw_files
)
SELECT files, duplicates,
       round(duplicates / nullif(files, 0), 6) AS duplicate_share,
       $max_duplicate_share AS threshold,
       files >= $min_files AS judged,
       -- the share itself against the threshold: 45 of 180 is 0.25, not over a 0.25 limit
       files >= $min_files AND duplicates / files > $max_duplicate_share AS failed
FROM counts
