-- Offending rows: paragraphs that are an ad/boilerplate marker line (also one printed twice or
-- letter by letter) or are empty (or null), and paragraphs
-- with a marker glued to their start or end (a lost line break) in the form the parser cuts off
-- (warta.markers.MarkerRules.glued_markers): a marker of kind advertisement, embed, scroll_prompt
-- or read_more as the page wrote it, starting with a capital and in one casing (all capitals, or its
-- later words all lowercase-initial or all capitalised: `ADVERTISEMENT`, `Lanjutkan Membaca`,
-- `Baca selengkapnya`; not `Scroll to Continue with Content`), of at least 4 letters and at most
-- 6 words and 50 characters, at a sentence boundary: after text that ends a sentence
-- (`... kata dia. ADVERTISEMENT`), or before text that starts with a capital, a digit or an
-- opening quote and ends a sentence (`Advertisement Setiap ... PBB.`). So prose mentioning
-- "an advertisement", "TNI AD" or a headline such as "Advertisement Revenue Rises" is not hit.
-- The parser cuts such markers at each end until none is left (`... itu. Lanjutkan Membaca.
-- ADVERTISEMENT`), so one at either end is enough to flag a paragraph.
WITH marker_lines AS (
    SELECT DISTINCT text FROM ad_markers WHERE kind IN ('advertisement', 'embed', 'scroll_prompt', 'read_more')
    UNION
    SELECT * FROM (VALUES ('Advertisement'), ('ADVERTISEMENT'), ('SCROLL TO CONTINUE WITH CONTENT'),
                          ('Lanjutkan Membaca'), ('Continue Reading')) AS fixed(text)
),
glued_forms AS (  -- each as written, and with or without a final '.' or '!' as marker lines end
    SELECT DISTINCT form AS text, length(form) AS chars
    FROM (SELECT form,  -- and its later words: those after the first that start with a letter
                 list_filter(string_split(form, ' ')[2:],
                             lambda w: regexp_matches(w, '^\p{L}')) AS later
          FROM (SELECT text AS form FROM marker_lines
                UNION
                SELECT rtrim(text, '.!') || ending
                FROM marker_lines, (VALUES (''), ('.'), ('!')) AS endings(ending)))
    WHERE regexp_matches(form, '^\p{Lu}')
      AND length(regexp_replace(form, '\P{L}', '', 'g')) >= 4
      AND length(form) <= 50
      AND len(string_split(form, ' ')) <= 6
      -- one casing throughout (warta.markers._written_as_marker): all capitals, or every later
      -- word lowercase-initial, or every later word capitalised and not all capitals
      AND (NOT regexp_matches(form, '[\p{Ll}\p{Lt}]')
           OR len(list_filter(later, lambda w: NOT regexp_matches(w, '^\p{Ll}'))) = 0
           OR len(list_filter(later, lambda w: NOT (regexp_matches(w, '^\p{Lu}')
                                                    AND regexp_matches(w, '[\p{Ll}\p{Lt}]')))) = 0)
)
SELECT p.article_id, p.paragraph_index, p.text
FROM paragraphs AS p
WHERE p.text IS NULL OR p.text = ''
   OR p.text IN (SELECT DISTINCT text FROM ad_markers)
   OR lower(p.text) IN ('advertisement', 'iklan', 'lanjutkan membaca', 'continue reading',
                        'scroll to continue with content', 'scroll to resume content')
   -- an ad label printed over again (`ADVERTISEMENT Advertisement`, `Iklan Iklan`) or letter by
   -- letter (`I K L A N`), which the parser takes for a marker (warta.markers.MarkerRules.kind_of)
   -- (at most 200 characters, as any marker line)
   OR (length(p.text) <= 200
       AND (regexp_matches(lower(p.text), '^(?:(?:advertisement|iklan) )+(?:advertisement|iklan)$')
            OR (regexp_matches(p.text, '^(?:\p{L} ){2,}\p{L}$')
                AND replace(lower(p.text), ' ', '') IN ('advertisement', 'iklan'))))
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
