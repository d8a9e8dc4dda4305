-- Offending rows: paragraphs holding a C1 control character (U+0080-U+009F). No page text has
-- one; they are what UTF-8 (curly quotes, dashes) turns into when decoded as latin-1
-- ("â\x80\x9c" for "“") before the file landed, or a byte of a cp1252 page that cp1252 has no
-- character for (81, 8D, 8F, 90, 9D), so a hit means a page in the wrong or a damaged encoding.
SELECT p.article_id, p.paragraph_index, p.text
FROM paragraphs AS p
WHERE regexp_matches(p.text, '[\x{80}-\x{9f}]')
