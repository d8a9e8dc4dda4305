-- Offending rows: paragraphs that are an ad/boilerplate marker line, or are empty.
SELECT p.article_id, p.paragraph_index, p.text
FROM paragraphs AS p
WHERE p.text IN (SELECT DISTINCT text FROM ad_markers)
   OR lower(p.text) IN ('advertisement', 'iklan', 'lanjutkan membaca', 'continue reading',
                        'scroll to continue with content', 'scroll to resume content')
   OR p.text = ''
