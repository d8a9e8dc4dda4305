-- Used by scripts/bench_warehouse.py: replicate the sample partitions ($source: their Parquet
-- root) into $copies copies with new article ids, spread over $days landing days from $start.
-- Only parsed files are copied. Each person gets 40 variants (name and key suffixed with
-- copy % 40) so the entity vocabulary grows like a real one. Creates temp bench_* tables.
CREATE OR REPLACE TEMP TABLE bench_copies AS
SELECT
    k AS copy,
    CAST($start AS DATE) + CAST(k % $days AS INTEGER) AS ingest_date
FROM range($copies) AS t (k);

CREATE OR REPLACE TEMP TABLE bench_articles AS
SELECT
    substr(md5(a.article_id || ':' || c.copy), 1, 16) AS article_id,
    c.ingest_date,
    strftime(c.ingest_date, '%Y-%m-%d') || '/' || c.copy || '_' || a.article_id || '.txt' AS source_path,
    a.* EXCLUDE (article_id, ingest_date, source_path, content_sha256),
    md5(a.content_sha256 || ':' || c.copy) AS content_sha256,
    c.copy,
    a.article_id AS origin_id
FROM read_parquet($source || '/articles/*/*.parquet', hive_partitioning = false) AS a
CROSS JOIN bench_copies AS c;

CREATE OR REPLACE TEMP TABLE bench_raw_files AS
SELECT
    a.ingest_date,
    a.source_path,
    r.size_bytes,
    md5(r.sha256 || ':' || a.copy) AS sha256,
    r.encoding,
    r.status,
    r.reject_reason,
    a.article_id
FROM bench_articles AS a
JOIN read_parquet($source || '/raw_files/*/*.parquet', hive_partitioning = false) AS r
    ON r.status = 'parsed' AND r.article_id = a.origin_id;

CREATE OR REPLACE TEMP TABLE bench_paragraphs AS
SELECT
    substr(md5(p.article_id || ':' || c.copy), 1, 16) AS article_id,
    p.* EXCLUDE (article_id, ingest_date),
    c.ingest_date
FROM read_parquet($source || '/paragraphs/*/*.parquet', hive_partitioning = false) AS p
CROSS JOIN bench_copies AS c;

CREATE OR REPLACE TEMP TABLE bench_entities AS
SELECT
    substr(md5(e.article_id || ':' || c.copy), 1, 16) AS article_id,
    e.* EXCLUDE (article_id, canonical_name, entity_key, ingest_date),
    CASE e.label WHEN 'PER' THEN e.canonical_name || ' ' || c.copy % 40 ELSE e.canonical_name END AS canonical_name,
    CASE e.label WHEN 'PER' THEN e.entity_key || '-' || c.copy % 40 ELSE e.entity_key END AS entity_key,
    c.ingest_date
FROM read_parquet($source || '/entities/*/*.parquet', hive_partitioning = false) AS e
CROSS JOIN bench_copies AS c;

CREATE OR REPLACE TEMP TABLE bench_ad_markers AS
SELECT
    substr(md5(m.article_id || ':' || c.copy), 1, 16) AS article_id,
    m.* EXCLUDE (article_id, ingest_date),
    c.ingest_date
FROM read_parquet($source || '/ad_markers/*/*.parquet', hive_partitioning = false) AS m
CROSS JOIN bench_copies AS c;
