-- One row per article: its title and its clean body as one text, the paragraphs in order and
-- joined by newlines, for reading an article whole, exporting it, or searching across its
-- paragraphs. Computed from paragraphs on each query: filter on article_id or ingest_date.
CREATE OR REPLACE VIEW article_text AS
SELECT
    a.article_id,
    a.ingest_date,
    a.title,
    string_agg(p.text, chr(10) ORDER BY p.paragraph_index) AS body
FROM articles AS a
JOIN paragraphs AS p ON p.article_id = a.article_id
GROUP BY a.article_id, a.ingest_date, a.title;
COMMENT ON VIEW article_text IS 'One row per article: title and body (the paragraphs in order, joined by newlines). sha256(title || chr(10) || body) is articles.content_sha256. Computed on each query. Key: article_id.';
COMMENT ON COLUMN article_text.article_id IS 'Primary key; joins articles and article_overview.';
COMMENT ON COLUMN article_text.ingest_date IS 'Landing-zone partition the article first arrived in: filter on it to read one day.';
COMMENT ON COLUMN article_text.title IS 'Headline.';
COMMENT ON COLUMN article_text.body IS 'The clean body: paragraphs.text in paragraph_index order, joined by newlines (no ads, captions or site chrome).';
