-- One row, whatever the outcome (the check's measures, shown in the UI and the report): the
-- partition's file count against the median of the trailing partitions (the 7 days before,
-- those published). Fails below $volume_drop x or above $volume_spike x that median
-- (WARTA_VOLUME_DROP, WARTA_VOLUME_SPIKE). Needs $min_history published days to judge.
WITH history AS (SELECT count(*) AS days, median(files) AS median_files FROM trailing_partitions),
     current AS (SELECT count(*) AS files FROM raw_files)
SELECT c.files, coalesce(h.median_files, 0) AS median_files, h.days AS trailing_days,
       round(c.files / nullif(h.median_files, 0), 3) AS ratio,
       $volume_drop AS volume_drop, $volume_spike AS volume_spike,
       h.days >= $min_history AND h.median_files > 0 AS judged,
       coalesce(judged AND (c.files < $volume_drop * h.median_files
                            OR c.files > $volume_spike * h.median_files), false) AS failed
FROM current AS c, history AS h
