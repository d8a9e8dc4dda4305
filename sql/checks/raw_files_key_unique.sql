-- Offending rows: ledger paths recorded more than once.
SELECT source_path, count(*) AS copies FROM raw_files GROUP BY source_path HAVING count(*) > 1
