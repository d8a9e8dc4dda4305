-- Mentions of each canonical entity per publication day (Asia/Jakarta): trends in news time,
-- where entity_daily_mentions counts by the day the pages landed. Articles without a
-- publication date are left out; dates resolved from relative text ("2 jam lalu") are counted
-- as resolved (article_overview.published_is_relative says which).
CREATE OR REPLACE VIEW entity_published_mentions AS
SELECT
    CAST(timezone('Asia/Jakarta', a.published_at) AS DATE) AS published_date,
    e.entity_key,
    min(e.label) AS label,
    min(e.canonical_name) AS canonical_name,
    count(*) AS mentions,
    count(DISTINCT e.article_id) AS articles
FROM entities AS e
JOIN articles AS a USING (article_id)
WHERE a.published_at IS NOT NULL
GROUP BY ALL;
COMMENT ON VIEW entity_published_mentions IS 'One row per canonical entity per publication day (Asia/Jakarta) with at least one mention; articles without a publication date are left out. Computed from entities on each query. Key: (published_date, entity_key).';
COMMENT ON COLUMN entity_published_mentions.published_date IS 'Publication date of the mentioning articles in Asia/Jakarta (article_overview.published_date).';
COMMENT ON COLUMN entity_published_mentions.entity_key IS 'Canonical entity; joins entities.entity_key and entity_summary.';
COMMENT ON COLUMN entity_published_mentions.label IS 'PER, ORG or LOC.';
COMMENT ON COLUMN entity_published_mentions.canonical_name IS 'Canonical name of the entity (the least of its spellings that day).';
COMMENT ON COLUMN entity_published_mentions.mentions IS 'Mentions in articles published that day.';
COMMENT ON COLUMN entity_published_mentions.articles IS 'Distinct articles published that day that mention the entity; sums over days.';
