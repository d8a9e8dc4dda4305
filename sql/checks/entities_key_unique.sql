-- Offending rows: (article_id, paragraph_index, start_char) keys that occur more than once.
SELECT article_id, paragraph_index, start_char, count(*) AS copies
FROM entities GROUP BY article_id, paragraph_index, start_char HAVING count(*) > 1
