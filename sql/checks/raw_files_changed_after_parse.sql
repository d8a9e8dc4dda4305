-- Offending rows: ledger rows whose landing file no longer has the size the parse listed: a file
-- still being written while it was read (the tables hold the part read), or rewritten since.
-- The size alone tells it, whatever the file's times say (a copy that keeps the old mtime, or a
-- ctime stamped within the listing's own clock tick). Symbolic links are left out: the listing
-- gives a link's own size, the parse reads its target (a target rewritten in place is not
-- caught). Re-run the partition to take the whole file in; the nightly schedule and the landing
-- sensor see the change too. A rewrite that keeps the size is not caught here.
SELECT r.source_path, r.status, r.size_bytes AS parsed_bytes, l.size_bytes AS bytes_now,
       l.landed_at, $listed_at AS listed_at
FROM raw_files AS r
JOIN landing AS l USING (source_path)
WHERE NOT l.link AND l.size_bytes <> r.size_bytes
