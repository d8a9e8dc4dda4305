-- Offending rows: ledger rows whose file is no longer in the landing folder (deleted or moved
-- since the parse): the warehouse then holds rows that cannot be re-derived from the raw data.
SELECT r.source_path, r.status, r.size_bytes
FROM raw_files AS r
ANTI JOIN landing AS l USING (source_path)
