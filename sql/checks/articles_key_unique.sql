-- Offending rows: article ids that occur more than once.
SELECT article_id, count(*) AS copies FROM articles GROUP BY article_id HAVING count(*) > 1
