-- The three longest articles (by words) of each site's section (sites name their sections
-- alike: Internasional), with their first paragraph; a site's articles without a section rank
-- together. Change the 3 in QUALIFY for more; articles are ranked first so only the winners'
-- paragraphs are read.
WITH longest AS (
    SELECT a.article_id, a.section, a.site, a.title, a.word_count
    FROM articles AS a
    QUALIFY row_number() OVER (PARTITION BY a.site, a.section ORDER BY a.word_count DESC, a.article_id) <= 3
)
SELECT
    l.site,
    l.section,
    l.title,
    l.word_count,
    p.text AS first_paragraph
FROM longest AS l
JOIN paragraphs AS p ON p.article_id = l.article_id AND p.paragraph_index = 0
ORDER BY l.site, l.section, l.word_count DESC, l.article_id;
