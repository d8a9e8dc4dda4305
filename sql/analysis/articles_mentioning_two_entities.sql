-- Articles that mention both of two entities, newest first, with how often each is mentioned.
-- Edit the two keys in `wanted` (look keys up in entity_summary, e.g.
-- SELECT * FROM entity_summary WHERE canonical_name ILIKE '%korea%').
WITH wanted AS (
    SELECT 'LOC:rusia' AS first_key, 'LOC:ukraina' AS second_key
),
counts AS (
    SELECT
        e.article_id,
        count(*) FILTER (WHERE e.entity_key = w.first_key) AS first_mentions,
        count(*) FILTER (WHERE e.entity_key = w.second_key) AS second_mentions
    FROM entities AS e, wanted AS w
    WHERE e.entity_key IN (w.first_key, w.second_key)
    GROUP BY e.article_id
    HAVING first_mentions > 0 AND second_mentions > 0
)
SELECT
    o.ingest_date,
    o.published_date,
    o.site,
    o.section,
    o.title,
    c.first_mentions,
    c.second_mentions,
    o.article_id
FROM counts AS c
JOIN article_overview AS o USING (article_id)
ORDER BY o.ingest_date DESC, o.published_date DESC NULLS LAST, o.article_id;
