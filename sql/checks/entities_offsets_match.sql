-- Offending rows: mentions whose offsets do not point at their text in the paragraph, or that
-- point at no paragraph at all, or carry an unknown label.
SELECT e.article_id, e.paragraph_index, e.start_char, e.end_char, e.text,
       substring(p.text, e.start_char + 1, e.end_char - e.start_char) AS text_at_offsets
FROM entities AS e
LEFT JOIN paragraphs AS p USING (article_id, paragraph_index)
WHERE p.text IS NULL
   OR e.start_char < 0 OR e.end_char <= e.start_char OR e.end_char > length(p.text)
   OR substring(p.text, e.start_char + 1, e.end_char - e.start_char) <> e.text
   OR e.label NOT IN ('PER', 'ORG', 'LOC')
