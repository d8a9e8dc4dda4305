-- Partitions the warehouse holds, days loaded empty included; a rebuild must not drop one of
-- them unasked.
SELECT ingest_date FROM raw_files
UNION
SELECT ingest_date FROM partitions
ORDER BY ingest_date;
