-- The three longest articles of each section, with their first paragraph.
SELECT
    a.section,
    a.title,
    a.word_count,
    p.text AS first_paragraph
FROM articles AS a
JOIN paragraphs AS p ON p.article_id = a.article_id AND p.paragraph_index = 0
QUALIFY row_number() OVER (PARTITION BY a.section ORDER BY a.word_count DESC, a.article_id) <= 3
ORDER BY a.section, a.word_count DESC;
