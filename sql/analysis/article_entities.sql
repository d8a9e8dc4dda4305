-- Who and what one article names, in reading order: each mention with its paragraph, the
-- entity it is (entity_key, and the name the entity views show for it) and how often the
-- article names that entity. Put the article's id in `picked` (here the seed article's,
-- `data/raw/2026-11-25/000_39c4db6f91142a44.txt`; `article_overview` finds ids by title,
-- site or day).
WITH picked AS (
    SELECT '1680cce868a3526d' AS article_id
)
SELECT
    e.paragraph_index,
    e.start_char,
    e.text,
    e.label,
    e.entity_key,
    n.canonical_name,
    count(*) OVER (PARTITION BY e.entity_key) AS mentions_in_article,
    e.method
FROM entities AS e
JOIN picked USING (article_id)
JOIN entity_names AS n USING (entity_key)
ORDER BY e.paragraph_index, e.start_char;
