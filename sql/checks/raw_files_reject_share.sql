-- Offending row: the partition's share of rejected files when it exceeds $max_reject_share
-- (WARTA_MAX_REJECT_SHARE), with the most frequent reasons: a broken scraper or a new layout.
-- Judged from $min_files files on: a share of a handful of files says nothing.
WITH reasons AS (
    SELECT reject_reason, count(*) AS n FROM raw_files WHERE status = 'rejected' GROUP BY ALL
)
SELECT count(*) AS files,
       count(*) FILTER (WHERE status = 'rejected') AS rejected,
       round(count(*) FILTER (WHERE status = 'rejected') / count(*), 4) AS reject_share,
       $max_reject_share AS threshold,
       (SELECT string_agg(reject_reason || ' (' || n || ')', '; ' ORDER BY n DESC, reject_reason)
        FROM reasons) AS reasons
FROM raw_files
HAVING count(*) >= $min_files AND count(*) FILTER (WHERE status = 'rejected') > $max_reject_share * count(*)
