-- Offending rows: articles whose stored counts differ from the rows present in the child tables.
WITH p AS (SELECT article_id, count(*) AS n, sum(word_count) AS words, sum(char_count) AS chars FROM paragraphs GROUP BY ALL),
     m AS (SELECT article_id, count(*) AS n FROM ad_markers GROUP BY ALL),
     e AS (SELECT article_id, count(*) AS n FROM entities GROUP BY ALL)
SELECT a.article_id,
       a.paragraph_count, coalesce(p.n, 0) AS paragraphs_present,
       a.ad_marker_count, coalesce(m.n, 0) AS markers_present,
       a.entity_count, coalesce(e.n, 0) AS entities_present
FROM articles AS a
LEFT JOIN p USING (article_id)
LEFT JOIN m USING (article_id)
LEFT JOIN e USING (article_id)
WHERE a.paragraph_count <> coalesce(p.n, 0)
   OR a.ad_marker_count <> coalesce(m.n, 0)
   OR a.entity_count <> coalesce(e.n, 0)
   OR a.word_count <> coalesce(p.words, 0)
   OR a.char_count <> coalesce(p.chars, 0)
