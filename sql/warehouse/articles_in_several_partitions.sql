-- Articles held by more than one partition: two partitions parsed the same article without
-- seeing each other (an older day parsed after, or alongside, a newer one). The load refuses
-- to publish them; re-running the later partitions marks their copies as duplicates. Every
-- conflict is returned: the load's message lists five, its partitions to re-run come from all.
-- Only the partitions this load replaced ($ingest_dates) can bring a new conflict (every load
-- refuses one; a rebuild replaces them all), so only their articles are looked up: a semi join
-- instead of grouping every article of history (scripts/bench_guard.py: 0.04-0.06 s against
-- 2-3 s at 3.65 M articles).
WITH loaded AS (
    SELECT DISTINCT article_id
    FROM articles
    WHERE list_contains($ingest_dates, ingest_date)
)
SELECT a.article_id, list(a.ingest_date::VARCHAR ORDER BY a.ingest_date) AS partitions
FROM articles AS a
SEMI JOIN loaded USING (article_id)
GROUP BY a.article_id
HAVING count(*) > 1
ORDER BY a.article_id
