-- Offending rows: articles whose published_has_time disagrees with published_at: a time flag
-- without a date, or a date without its flag from a parser version that writes the flag
-- ($has_time_since on; versions compare number by number, 2026.11.9 before 2026.11.20, and a
-- part that does not start with digits counts as older than any number).
SELECT article_id, source_path, published_at, published_text, published_has_time, parser_version
FROM articles
WHERE (published_at IS NULL AND published_has_time IS NOT NULL)
   OR (published_at IS NOT NULL AND published_has_time IS NULL
       AND list_transform(
               string_split(parser_version, '.'),
               lambda part: coalesce(TRY_CAST(regexp_extract(part, '^[0-9]+') AS BIGINT), -1)
           )
           >= list_transform(string_split($has_time_since, '.'), lambda part: CAST(part AS BIGINT)))
