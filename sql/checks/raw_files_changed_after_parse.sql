-- Offending rows: ledger rows whose landing file no longer holds what the parse read: a file
-- still being written while it was read (the tables hold the part read), or rewritten since.
-- A size other than the parse's tells it, whatever the file's times say (a copy that keeps the
-- old mtime, a clock behind). A file touched at or after the listing (its mtime or ctime) is
-- read again and its SHA-256 compared with the ledger's, which catches a rewrite keeping the
-- size; so is a symbolic link's target (the listing gives the link's own size and times). One
-- the parse read that cannot be read again (a link's target deleted, moved out of the landing
-- zone) is reported with the reason. Re-run the partition to take the file as it is now.
SELECT r.source_path, r.status, r.size_bytes AS parsed_bytes, l.size_bytes AS bytes_now,
       r.sha256 AS parsed_sha256, l.sha256_now, l.unreadable_now, l.landed_at,
       $listed_at AS listed_at
FROM raw_files AS r
JOIN landing AS l USING (source_path)
WHERE (NOT l.link AND l.size_bytes <> r.size_bytes)
   OR l.sha256_now <> r.sha256
   OR (l.unreadable_now IS NOT NULL AND r.sha256 IS NOT NULL)
