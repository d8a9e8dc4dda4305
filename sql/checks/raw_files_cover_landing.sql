-- Offending rows: files in the landing folder that have no ledger row although they were there
-- before the parse finished (landed_at, the later of mtime and ctime, is not after $parsed_at,
-- the time the raw_files Parquet was written). Those files were lost by the parse.
SELECT l.source_path, l.size_bytes, l.landed_at
FROM landing AS l
ANTI JOIN raw_files AS r USING (source_path)
WHERE l.landed_at <= $parsed_at
