-- Offending rows: (article_id, paragraph_index) pairs that occur more than once.
SELECT article_id, paragraph_index, count(*) AS copies
FROM paragraphs GROUP BY article_id, paragraph_index HAVING count(*) > 1
