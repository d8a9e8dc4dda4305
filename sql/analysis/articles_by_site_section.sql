-- Output per publisher and rubric: articles, average length, ad slots per article
-- (ad_markers of kind 'advertisement') and all non-article markers per article (ads,
-- "read more" links and the other kinds of ad_markers).
WITH ads AS (
    SELECT m.article_id, count(*) FILTER (WHERE m.kind = 'advertisement') AS ad_slots
    FROM ad_markers AS m
    GROUP BY m.article_id
)
SELECT
    coalesce(a.site, '(unknown)') AS site,
    coalesce(a.section, '(none)') AS section,
    count(*) AS articles,
    round(avg(a.word_count), 1) AS avg_words,
    round(avg(coalesce(ads.ad_slots, 0)), 2) AS avg_ad_slots,
    round(avg(a.ad_marker_count), 2) AS avg_markers
FROM articles AS a
LEFT JOIN ads USING (article_id)
GROUP BY ALL
ORDER BY articles DESC, site, section;
