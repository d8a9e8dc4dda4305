-- Offending rows: files in the landing folder that have no ledger row although they were there
-- when the parse listed the folder (landed_at, the later of its mtime and ctime and of the
-- ctimes of the day's subfolders holding it, is before
-- $listed_at, the listing time the parse recorded in the raw_files Parquet metadata, taken from
-- the clock file times are stamped with). Those files were lost by the parse. A file stamped in
-- the listing's own clock tick may have landed just after it: raw_files_landed_after_parse
-- reports it instead.
SELECT l.source_path, l.size_bytes, l.landed_at
FROM landing AS l
ANTI JOIN raw_files AS r USING (source_path)
WHERE l.landed_at < $listed_at
