-- Articles held by more than one partition: two partitions parsed the same article without
-- seeing each other (an older day parsed after, or alongside, a newer one). The load refuses
-- to publish them; re-running the later partition marks its copies as duplicates.
SELECT article_id, list(ingest_date::VARCHAR ORDER BY ingest_date) AS partitions
FROM articles
GROUP BY article_id
HAVING count(*) > 1
ORDER BY article_id
LIMIT 5
