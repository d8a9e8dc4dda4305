-- Advertising and other non-article lines per publisher, all sections together, with one last
-- row over all sites (all_sites true): computed from the articles, not by adding up the rounded
-- per-section ratios of the view ad_density. Articles without a known site are '(unknown)'.
WITH markers AS (
    SELECT
        m.article_id,
        count(*) FILTER (WHERE m.kind = 'advertisement') AS advertisements,
        count(*) FILTER (WHERE m.zone = 'body') AS in_body
    FROM ad_markers AS m
    GROUP BY m.article_id
)
SELECT
    CASE WHEN grouping(a.site) = 1 THEN NULL ELSE coalesce(a.site, '(unknown)') END AS site,
    grouping(a.site) = 1 AS all_sites,
    count(*) AS articles,
    CAST(sum(a.ad_marker_count) AS BIGINT) AS ad_markers,
    CAST(coalesce(sum(k.advertisements), 0) AS BIGINT) AS advertisements,
    CAST(coalesce(sum(k.in_body), 0) AS BIGINT) AS markers_in_body,
    round(avg(a.ad_marker_count), 3) AS markers_per_article,
    round(1000 * sum(a.ad_marker_count) / nullif(sum(a.word_count), 0), 3) AS markers_per_1000_words,
    round(count(*) FILTER (WHERE a.ad_marker_count > 0) / count(*), 4) AS share_with_markers
FROM articles AS a
LEFT JOIN markers AS k ON k.article_id = a.article_id
GROUP BY ROLLUP (a.site)
ORDER BY all_sites, articles DESC, site;
