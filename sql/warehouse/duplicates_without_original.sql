-- Files marked duplicate whose article no partition in the warehouse holds, per partition: the
-- partition that parsed the article was parsed again without that file (it left the landing
-- zone), and re-running the listed partitions parses their copies; or that partition is not
-- loaded (a rebuild left it out for failed ERROR checks). Reported after every load (a warning,
-- not a refusal); an anti join over the whole history, ~0.1 s at 3.65 M articles.
SELECT r.ingest_date::VARCHAR AS partition, count(*) AS files, min(r.source_path) AS example
FROM raw_files AS r
ANTI JOIN articles AS a USING (article_id)
WHERE r.status = 'duplicate'
GROUP BY r.ingest_date
ORDER BY r.ingest_date
