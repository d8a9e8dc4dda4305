-- Offending rows: a ledger row without a valid status, or whose status disagrees with its fields.
SELECT source_path, status, reject_reason, article_id
FROM raw_files
WHERE status IS NULL
   OR status NOT IN ('parsed', 'duplicate', 'rejected')
   OR (status = 'rejected' AND (coalesce(reject_reason, '') = '' OR article_id IS NOT NULL))
   OR (status <> 'rejected' AND (article_id IS NULL OR reject_reason IS NOT NULL))
