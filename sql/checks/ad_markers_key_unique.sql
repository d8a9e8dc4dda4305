-- Offending rows: (article_id, marker_index) pairs that occur more than once.
SELECT article_id, marker_index, count(*) AS copies
FROM ad_markers GROUP BY article_id, marker_index HAVING count(*) > 1
