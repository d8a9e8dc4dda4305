-- Offending row: the partition's file count against the median of the trailing partitions
-- (the 7 days before, those published): below $volume_drop x or above $volume_spike x that
-- median (WARTA_VOLUME_DROP, WARTA_VOLUME_SPIKE). Needs $min_history published days to judge.
WITH history AS (SELECT count(*) AS days, median(files) AS median_files FROM trailing_partitions),
     current AS (SELECT count(*) AS files FROM raw_files)
SELECT CASE WHEN c.files < $volume_drop * h.median_files THEN 'drop' ELSE 'spike' END AS problem,
       c.files, h.median_files, h.days AS trailing_days,
       round(c.files / h.median_files, 3) AS ratio
FROM current AS c, history AS h
WHERE h.days >= $min_history AND h.median_files > 0
  AND (c.files < $volume_drop * h.median_files OR c.files > $volume_spike * h.median_files)
