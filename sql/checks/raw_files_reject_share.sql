-- One row, whatever the outcome (the check's measures, shown in the UI and the report): the
-- partition's share of rejected files against $max_reject_share (WARTA_MAX_REJECT_SHARE), with
-- the most frequent reasons. Fails above it: a broken scraper or a new layout. Judged from
-- $min_files files on: a share of a handful of files says nothing.
WITH reasons AS (
    SELECT reject_reason, count(*) AS n FROM raw_files WHERE status = 'rejected' GROUP BY ALL
)
SELECT count(*) AS files,
       count(*) FILTER (WHERE status = 'rejected') AS rejected,
       round(rejected / nullif(files, 0), 4) AS reject_share,
       $max_reject_share AS threshold,
       (SELECT string_agg(reject_reason || ' (' || n || ')', '; ' ORDER BY n DESC, reject_reason)
        FROM reasons) AS reasons,
       files >= $min_files AS judged,
       files >= $min_files AND rejected > $max_reject_share * files AS failed
FROM raw_files
