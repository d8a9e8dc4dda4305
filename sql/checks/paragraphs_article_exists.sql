-- Offending rows: paragraphs whose article is not in articles.
SELECT p.article_id, p.paragraph_index
FROM paragraphs AS p ANTI JOIN articles AS a USING (article_id)
