-- Offending rows: articles without their parsed ledger row, and parsed ledger rows without their
-- article (the article of that id parsed from that file: a duplicate recorded as parsed names an
-- article that exists, from another file).
SELECT 'article without ledger row' AS problem, a.article_id, a.source_path
FROM articles AS a
LEFT JOIN raw_files AS r ON r.source_path = a.source_path AND r.article_id = a.article_id AND r.status = 'parsed'
WHERE r.source_path IS NULL
UNION ALL
SELECT 'parsed file without article', r.article_id, r.source_path
FROM raw_files AS r
LEFT JOIN articles AS a ON a.article_id = r.article_id AND a.source_path = r.source_path
WHERE r.status = 'parsed' AND a.article_id IS NULL
