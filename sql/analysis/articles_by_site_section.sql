-- Output per publisher and rubric: articles, average length and ad slots per article.
SELECT
    coalesce(a.site, '(unknown)') AS site,
    coalesce(a.section, '(none)') AS section,
    count(*) AS articles,
    round(avg(a.word_count), 1) AS avg_words,
    round(avg(a.ad_marker_count), 2) AS avg_ad_markers
FROM articles AS a
GROUP BY ALL
ORDER BY articles DESC, site, section;
