-- Offending rows: paragraphs that are an ad/boilerplate marker line or are empty, and paragraphs
-- with a marker line glued to their start or end (a lost line break). Glued markers are matched
-- case-sensitively as the page wrote them, so prose mentioning "an advertisement" is not hit.
WITH marker_lines AS (
    SELECT DISTINCT text FROM ad_markers WHERE kind IN ('advertisement', 'scroll_prompt', 'read_more')
    UNION
    SELECT * FROM (VALUES ('Advertisement'), ('ADVERTISEMENT'), ('SCROLL TO CONTINUE WITH CONTENT'),
                          ('Lanjutkan Membaca'), ('Continue Reading')) AS fixed(text)
)
SELECT p.article_id, p.paragraph_index, p.text
FROM paragraphs AS p
WHERE p.text = ''
   OR p.text IN (SELECT DISTINCT text FROM ad_markers)
   OR lower(p.text) IN ('advertisement', 'iklan', 'lanjutkan membaca', 'continue reading',
                        'scroll to continue with content', 'scroll to resume content')
   OR EXISTS (
        SELECT 1 FROM marker_lines AS m
        WHERE starts_with(p.text, m.text || ' ') OR ends_with(p.text, ' ' || m.text)
   )
