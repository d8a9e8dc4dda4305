-- Partitions the warehouse holds files of; a rebuild must not drop one of them unasked.
SELECT DISTINCT ingest_date FROM raw_files ORDER BY ingest_date;
