-- One row per article: where it came from, when, and how much it holds.
CREATE OR REPLACE VIEW article_overview AS
SELECT
    a.article_id,
    a.ingest_date,
    a.site,
    a.section,
    a.title,
    a.author,
    a.published_at,
    a.language,
    a.layout,
    a.paragraph_count,
    a.word_count,
    a.ad_marker_count,
    a.entity_count,
    len(a.parse_warnings) AS warning_count,
    a.source_path
FROM articles AS a;
COMMENT ON VIEW article_overview IS 'One row per article with site, section, dates and counts; the starting point for most questions.';
