-- The three longest articles (by words) of each section, with their first paragraph. Change the
-- 3 in QUALIFY for more; articles are ranked first so only the winners' paragraphs are read.
WITH longest AS (
    SELECT a.article_id, a.section, a.site, a.title, a.word_count
    FROM articles AS a
    QUALIFY row_number() OVER (PARTITION BY a.section ORDER BY a.word_count DESC, a.article_id) <= 3
)
SELECT
    l.section,
    l.site,
    l.title,
    l.word_count,
    p.text AS first_paragraph
FROM longest AS l
JOIN paragraphs AS p ON p.article_id = l.article_id AND p.paragraph_index = 0
ORDER BY l.section, l.word_count DESC, l.article_id;
