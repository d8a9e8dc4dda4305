-- Offending rows: mentions that overlap the previous mention in the same paragraph.
SELECT article_id, paragraph_index, start_char, end_char, text, previous_end
FROM (
    SELECT *, lag(end_char) OVER (PARTITION BY article_id, paragraph_index ORDER BY start_char) AS previous_end
    FROM entities
)
WHERE start_char < previous_end
