-- How much advertising and other non-article lines each site and section carries.
CREATE OR REPLACE VIEW ad_density AS
WITH markers AS (
    SELECT
        m.article_id,
        count(*) FILTER (WHERE m.kind = 'advertisement') AS advertisements,
        count(*) FILTER (WHERE m.zone = 'body') AS in_body
    FROM ad_markers AS m
    GROUP BY m.article_id
)
SELECT
    a.site,
    a.section,
    count(*) AS articles,
    CAST(sum(a.ad_marker_count) AS BIGINT) AS ad_markers,
    CAST(coalesce(sum(k.advertisements), 0) AS BIGINT) AS advertisements,
    CAST(coalesce(sum(k.in_body), 0) AS BIGINT) AS markers_in_body,
    CAST(sum(a.word_count) AS BIGINT) AS words,
    count(*) FILTER (WHERE a.ad_marker_count > 0) AS articles_with_markers,
    round(avg(a.ad_marker_count), 3) AS markers_per_article,
    round(1000 * sum(a.ad_marker_count) / nullif(sum(a.word_count), 0), 3) AS markers_per_1000_words,
    round(count(*) FILTER (WHERE a.ad_marker_count > 0) / count(*), 4) AS share_with_markers
FROM articles AS a
LEFT JOIN markers AS k ON k.article_id = a.article_id
GROUP BY a.site, a.section;
COMMENT ON VIEW ad_density IS 'One row per (site, section): articles, ad markers in total, per article and per 1000 words. Nulls are kept as their own group.';
COMMENT ON COLUMN ad_density.site IS 'Publisher; null if unknown.';
COMMENT ON COLUMN ad_density.section IS 'Rubric/category; null if none.';
COMMENT ON COLUMN ad_density.articles IS 'Articles of the site and section.';
COMMENT ON COLUMN ad_density.ad_markers IS 'All marker lines (ads, read-more prompts, related links, ...).';
COMMENT ON COLUMN ad_density.advertisements IS 'Markers of kind advertisement.';
COMMENT ON COLUMN ad_density.markers_in_body IS 'Markers between paragraphs (zone body), the intrusive ones.';
COMMENT ON COLUMN ad_density.words IS 'Words of the clean bodies of the site and section (for ratios over several rows).';
COMMENT ON COLUMN ad_density.articles_with_markers IS 'Articles with at least one marker (for shares over several rows).';
COMMENT ON COLUMN ad_density.markers_per_article IS 'ad_markers / articles.';
COMMENT ON COLUMN ad_density.markers_per_1000_words IS 'ad_markers per 1000 words of clean body.';
COMMENT ON COLUMN ad_density.share_with_markers IS 'Share of articles with at least one marker (0 to 1).';
