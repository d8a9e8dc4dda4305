-- Mentions of each canonical entity per publication day (Asia/Jakarta): trends in news time,
-- where entity_daily_mentions counts by the day the pages landed. Articles without a
-- publication date are left out. A date resolved from relative text ("2 jam lalu", "1 tahun
-- lalu") is only as exact as its unit: relative_mentions and relative_articles count those, so
-- a trend can leave them out (mentions - relative_mentions).
CREATE OR REPLACE VIEW entity_published_mentions AS
SELECT
    a.published_date,
    e.entity_key,
    min(e.label) AS label,
    min(n.canonical_name) AS canonical_name,
    count(*) AS mentions,
    count(DISTINCT e.article_id) AS articles,
    count(*) FILTER (WHERE a.published_is_relative) AS relative_mentions,
    count(DISTINCT e.article_id) FILTER (WHERE a.published_is_relative) AS relative_articles
FROM entities AS e
JOIN article_overview AS a USING (article_id)
JOIN entity_names AS n USING (entity_key)
WHERE a.published_date IS NOT NULL
GROUP BY ALL;
COMMENT ON VIEW entity_published_mentions IS 'One row per canonical entity per publication day (Asia/Jakarta) with at least one mention; articles without a publication date are left out, those whose date was resolved from relative text are counted apart too (relative_mentions, relative_articles). Computed from entities on each query. Key: (published_date, entity_key).';
COMMENT ON COLUMN entity_published_mentions.published_date IS 'Publication date of the mentioning articles in Asia/Jakarta (article_overview.published_date).';
COMMENT ON COLUMN entity_published_mentions.entity_key IS 'Canonical entity; joins entities.entity_key and entity_summary.';
COMMENT ON COLUMN entity_published_mentions.label IS 'PER, ORG or LOC.';
COMMENT ON COLUMN entity_published_mentions.canonical_name IS 'Name of the entity (entity_names.canonical_name), the same on every day.';
COMMENT ON COLUMN entity_published_mentions.mentions IS 'Mentions in articles published that day.';
COMMENT ON COLUMN entity_published_mentions.articles IS 'Distinct articles published that day that mention the entity; sums over days.';
COMMENT ON COLUMN entity_published_mentions.relative_mentions IS 'Of mentions, those in articles whose date was resolved from relative text (article_overview.published_is_relative): as coarse as its unit, a year for 1 tahun lalu.';
COMMENT ON COLUMN entity_published_mentions.relative_articles IS 'Of articles, those whose date was resolved from relative text.';
