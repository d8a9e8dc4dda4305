-- Offending rows: markers whose article is not in articles, or with an unknown zone.
SELECT m.article_id, m.marker_index, m.zone
FROM ad_markers AS m
LEFT JOIN articles AS a USING (article_id)
WHERE a.article_id IS NULL OR m.zone NOT IN ('header', 'body', 'trailer')
