-- Advertising and other non-article lines per publisher, all sections together, with one last
-- row over all sites (all_sites true): the ratios are computed from the counts of the view
-- ad_density, not by adding up its rounded per-section ratios. Articles without a known site
-- are '(unknown)'.
SELECT
    CASE WHEN grouping(d.site) = 1 THEN NULL ELSE coalesce(d.site, '(unknown)') END AS site,
    grouping(d.site) = 1 AS all_sites,
    CAST(sum(d.articles) AS BIGINT) AS articles,
    CAST(sum(d.ad_markers) AS BIGINT) AS ad_markers,
    CAST(sum(d.advertisements) AS BIGINT) AS advertisements,
    CAST(sum(d.markers_in_body) AS BIGINT) AS markers_in_body,
    round(sum(d.ad_markers) / sum(d.articles), 3) AS markers_per_article,
    round(1000 * sum(d.ad_markers) / nullif(sum(d.words), 0), 3) AS markers_per_1000_words,
    round(sum(d.articles_with_markers) / sum(d.articles), 4) AS share_with_markers
FROM ad_density AS d
GROUP BY ROLLUP (d.site)
ORDER BY all_sites, articles DESC, site;
