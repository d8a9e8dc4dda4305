-- Offending rows: paragraphs that are an ad/boilerplate marker line or are empty, and paragraphs
-- with a marker glued to their start or end (a lost line break) in the form the parser cuts off
-- (warta.markers.MarkerRules.glued_markers): a marker of kind advertisement, scroll_prompt or
-- read_more as the page wrote it, starting with a capital, of at least 4 letters and at most 6
-- words and 50 characters, at a sentence boundary: after text that ends a sentence
-- (`... kata dia. ADVERTISEMENT`), or before text that starts with a capital, a digit or an
-- opening quote and ends a sentence (`Advertisement Setiap ... PBB.`). So prose mentioning
-- "an advertisement", "TNI AD" or a headline such as "Advertisement Revenue Rises" is not hit.
WITH marker_lines AS (
    SELECT DISTINCT text FROM ad_markers WHERE kind IN ('advertisement', 'scroll_prompt', 'read_more')
    UNION
    SELECT * FROM (VALUES ('Advertisement'), ('ADVERTISEMENT'), ('SCROLL TO CONTINUE WITH CONTENT'),
                          ('Lanjutkan Membaca'), ('Continue Reading')) AS fixed(text)
),
glued_forms AS (  -- each with or without a final '.' or '!', as marker lines may end
    SELECT DISTINCT form AS text, length(form) AS chars
    FROM (SELECT rtrim(text, '.!') || ending AS form
          FROM marker_lines, (VALUES (''), ('.'), ('!')) AS endings(ending))
    WHERE regexp_matches(form, '^\p{Lu}')
      AND length(regexp_replace(form, '\P{L}', '', 'g')) >= 4
      AND length(form) <= 50
      AND len(string_split(form, ' ')) <= 6
)
SELECT p.article_id, p.paragraph_index, p.text
FROM paragraphs AS p
WHERE p.text = ''
   OR p.text IN (SELECT DISTINCT text FROM ad_markers)
   OR lower(p.text) IN ('advertisement', 'iklan', 'lanjutkan membaca', 'continue reading',
                        'scroll to continue with content', 'scroll to resume content')
   OR EXISTS (
        SELECT 1 FROM glued_forms AS m
        WHERE (
                ends_with(p.text, ' ' || m.text)
                -- the text before the marker ends a sentence (warta.body.ends_sentence)
                AND regexp_matches(left(p.text, length(p.text) - m.chars - 1),
                                   '(?:["”’]|[.!?…]["”’'')\]]*)$')
            )
           OR (
                starts_with(p.text, m.text || ' ')
                -- words that also open prose (warta.markers.GLUED_HEAD_PROSE)
                AND m.text NOT IN ('Iklan', 'Selengkapnya', 'Sponsored')
                AND regexp_matches(substr(p.text, m.chars + 2), '^[\p{Lu}\p{Nd}"“‘''(\[«]')
                AND regexp_matches(p.text, '(?:["”’]|[.!?…]["”’'')\]]*)$')
            )
   )
