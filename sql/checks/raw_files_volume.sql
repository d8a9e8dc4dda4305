-- One row, whatever the outcome (the check's measures, shown in the UI and the report): the
-- partition's file count against the median of the trailing partitions (the 7 days before,
-- those published). Fails below $volume_drop x or above $volume_spike x that median
-- (WARTA_VOLUME_DROP, WARTA_VOLUME_SPIKE). Needs $min_history published days to judge.
WITH history AS (SELECT count(*) AS days, median(files) AS median_files FROM trailing_partitions),
     current AS (SELECT count(*) AS files FROM raw_files),
     judged AS (
         SELECT c.files, h.median_files, h.days AS trailing_days,
                round(c.files / nullif(h.median_files, 0), 3) AS ratio,
                h.days >= $min_history AND h.median_files > 0 AS judged
         FROM current AS c, history AS h
     )
SELECT CASE WHEN NOT judged THEN NULL
            WHEN files < $volume_drop * median_files THEN 'drop'
            WHEN files > $volume_spike * median_files THEN 'spike'
       END AS problem,
       files, median_files, trailing_days, ratio,
       $volume_drop AS volume_drop, $volume_spike AS volume_spike,
       coalesce(judged AND (files < $volume_drop * median_files
                            OR files > $volume_spike * median_files), false) AS failed,
       CASE WHEN NOT judged
            THEN 'not judged: ' || trailing_days || ' published days among the 7 before, fewer '
                 || 'than ' || $min_history
            ELSE files || ' files, ' || ratio || ' x the median ' || median_files || ' of '
                 || trailing_days || ' days before (allowed ' || $volume_drop || '..'
                 || $volume_spike || ' x)'
       END AS summary
FROM judged
