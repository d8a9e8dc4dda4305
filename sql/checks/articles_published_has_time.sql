-- Offending rows: articles whose published_has_time disagrees with published_at: a time flag
-- without a date, or a date without its flag from a parser version that writes the flag
-- ($has_time_since on; versions are YYYY.MM.DD, so they compare as text).
SELECT article_id, source_path, published_at, published_text, published_has_time, parser_version
FROM articles
WHERE (published_at IS NULL AND published_has_time IS NOT NULL)
   OR (published_at IS NOT NULL AND published_has_time IS NULL AND parser_version >= $has_time_since)
