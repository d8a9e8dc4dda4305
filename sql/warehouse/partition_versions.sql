-- The PARSER_VERSION that parsed each partition the warehouse holds (null: not recorded):
-- `warta run --changed` parses a day parsed by another version again.
SELECT ingest_date, parser_version FROM partitions ORDER BY ingest_date;
