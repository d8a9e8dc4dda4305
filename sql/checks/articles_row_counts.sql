-- Offending rows: table sizes that cannot be right together: a landing folder with files but
-- an empty ledger, more articles than parsed files, fewer paragraphs than articles.
WITH n AS (
    SELECT (SELECT count(*) FROM landing) AS landing_files,
           (SELECT count(*) FROM raw_files) AS raw_files,
           (SELECT count(*) FROM raw_files WHERE status = 'parsed') AS parsed_files,
           (SELECT count(*) FROM articles) AS articles,
           (SELECT count(*) FROM paragraphs) AS paragraphs
)
SELECT 'landing has files, ledger is empty' AS problem, landing_files AS left_count, raw_files AS right_count
FROM n WHERE landing_files > 0 AND raw_files = 0
UNION ALL
SELECT 'more articles than parsed files', articles, parsed_files FROM n WHERE articles > parsed_files
UNION ALL
SELECT 'fewer paragraphs than articles', paragraphs, articles FROM n WHERE paragraphs < articles
