-- Fill the derived tables for every partition of entities they lack: the partitions this load
-- replaced (replace_partition.sql deleted them) and, after an upgrade, all older ones.
-- Runs once per load, in the load's transaction.
-- A partition with entities always has rows in entity_days and in entity_name_days (entity_pairs
-- may have none: no article with two entities), and the three tables lose a partition
-- together. So a partition is derived when both hold it; any other partition of entities has
-- its derived rows deleted and written again (a warehouse from before entity_name_days has
-- entity_days for every day: all of them are derived again, once).
-- Those partitions are listed first: an IN over their dates lets DuckDB skip the other
-- partitions' row groups of entities, where a NOT IN over entity_days read all of them (at a
-- year of articles, 0.27-0.48 s of each nightly load against 0.08-0.12 s; docs/WAREHOUSE.md).
CREATE OR REPLACE TEMP TABLE underived_days AS
SELECT ingest_date FROM (SELECT DISTINCT ingest_date FROM entities)
EXCEPT
(
    SELECT ingest_date FROM (SELECT DISTINCT ingest_date FROM entity_days)
    INTERSECT
    SELECT ingest_date FROM (SELECT DISTINCT ingest_date FROM entity_name_days)
);

DELETE FROM entity_days WHERE ingest_date IN (SELECT u.ingest_date FROM underived_days AS u);
DELETE FROM entity_name_days WHERE ingest_date IN (SELECT u.ingest_date FROM underived_days AS u);
DELETE FROM entity_pairs WHERE ingest_date IN (SELECT u.ingest_date FROM underived_days AS u);

INSERT INTO entity_pairs
WITH article_entities AS (
    SELECT DISTINCT e.ingest_date, e.article_id, e.entity_key
    FROM entities AS e
    WHERE e.ingest_date IN (SELECT u.ingest_date FROM underived_days AS u)
)
SELECT
    a.ingest_date,
    a.entity_key AS entity_key_a,
    b.entity_key AS entity_key_b,
    count(*) AS articles
FROM article_entities AS a
JOIN article_entities AS b ON b.article_id = a.article_id AND a.entity_key < b.entity_key
GROUP BY a.ingest_date, a.entity_key, b.entity_key;

INSERT INTO entity_name_days
SELECT e.ingest_date, e.entity_key, e.canonical_name, count(*) AS mentions
FROM entities AS e
WHERE e.ingest_date IN (SELECT u.ingest_date FROM underived_days AS u)
GROUP BY e.ingest_date, e.entity_key, e.canonical_name;

-- The day's name of a key is its most frequent that day, a tie going to the greater name, as
-- in the view entity_names, so it never depends on row order.
INSERT INTO entity_days
WITH named AS (
    SELECT
        n.ingest_date,
        n.entity_key,
        arg_max(n.canonical_name, (n.mentions, n.canonical_name)) AS canonical_name
    FROM entity_name_days AS n
    WHERE n.ingest_date IN (SELECT u.ingest_date FROM underived_days AS u)
    GROUP BY n.ingest_date, n.entity_key
)
SELECT
    e.ingest_date,
    e.entity_key,
    min(e.label) AS label,
    min(named.canonical_name) AS canonical_name,
    count(*) AS mentions,
    count(DISTINCT e.article_id) AS articles
FROM entities AS e
JOIN named USING (ingest_date, entity_key)
WHERE e.ingest_date IN (SELECT u.ingest_date FROM underived_days AS u)
GROUP BY e.ingest_date, e.entity_key;

DROP TABLE underived_days;

-- A warehouse written before the partitions table existed: its days, load time unknown.
INSERT INTO partitions (ingest_date, loaded_at, parser_version)
SELECT DISTINCT r.ingest_date, NULL, NULL
FROM raw_files AS r
WHERE r.ingest_date NOT IN (SELECT p.ingest_date FROM partitions AS p);
