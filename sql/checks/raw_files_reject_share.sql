-- One row, whatever the outcome (the check's measures, shown in the UI and the report): the
-- partition's share of rejected files against $max_reject_share (WARTA_MAX_REJECT_SHARE), with
-- the most frequent reasons. Fails above it: a broken scraper or a new layout. Judged from
-- $min_files files on: a share of a handful of files says nothing.
WITH reasons AS (
    SELECT reject_reason, count(*) AS n FROM raw_files WHERE status = 'rejected' GROUP BY ALL
)
SELECT count(*) AS files,
       count(*) FILTER (WHERE status = 'rejected') AS rejected,
       round(rejected / nullif(files, 0), 6) AS reject_share,
       $max_reject_share AS threshold,
       (SELECT string_agg(reject_reason || ' (' || n || ')', '; ' ORDER BY n DESC, reject_reason)
        FROM reasons) AS reasons,
       files >= $min_files AS judged,
       -- the share itself against the threshold: 63 of 180 is 0.35, not over a 0.35 limit
       files >= $min_files AND rejected / files > $max_reject_share AS failed
FROM raw_files
