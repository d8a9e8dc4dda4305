-- Offending rows: files in the landing folder without a ledger row that landed after the parse
-- listed the folder (during or after that parse, or within the listing's own clock tick).
-- Nothing is lost yet: re-run the partition to take them in.
SELECT l.source_path, l.size_bytes, l.landed_at, $listed_at AS listed_at
FROM landing AS l
ANTI JOIN raw_files AS r USING (source_path)
WHERE l.landed_at >= $listed_at
