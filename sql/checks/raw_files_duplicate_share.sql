-- Offending row: the partition's share of duplicate files when it exceeds $max_duplicate_share
-- (WARTA_MAX_DUPLICATE_SHARE): a scraper re-fetching old pages, or ids that collide. Judged
-- from $min_files files on: a share of a handful of files says nothing.
SELECT count(*) AS files,
       count(*) FILTER (WHERE status = 'duplicate') AS duplicates,
       round(count(*) FILTER (WHERE status = 'duplicate') / count(*), 4) AS duplicate_share,
       $max_duplicate_share AS threshold
FROM raw_files
HAVING count(*) >= $min_files AND count(*) FILTER (WHERE status = 'duplicate') > $max_duplicate_share * count(*)
