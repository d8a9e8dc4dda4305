-- The name to show for each canonical entity. A key has several canonical names when its
-- mentions are spelled differently in case or accents (Jakarta and JAKARTA, Ma'ruf Amin and
-- Maruf Amin): the most frequent over the whole warehouse is the entity's name, a tie going to
-- the greater name, so the choice never depends on row order. Every entity view and example
-- query names an entity this way. Reads the derived entity_name_days, not every mention.
CREATE OR REPLACE VIEW entity_names AS
WITH counted AS (
    SELECT n.entity_key, n.canonical_name, sum(n.mentions) AS mentions
    FROM entity_name_days AS n
    GROUP BY n.entity_key, n.canonical_name
)
SELECT
    c.entity_key,
    split_part(c.entity_key, ':', 1) AS label,
    arg_max(c.canonical_name, (c.mentions, c.canonical_name)) AS canonical_name,
    count(*) AS name_count
FROM counted AS c
GROUP BY c.entity_key;
COMMENT ON VIEW entity_names IS 'One row per canonical entity: the name every entity view gives it, its most frequent canonical name. Key: entity_key.';
COMMENT ON COLUMN entity_names.entity_key IS 'Canonical entity; joins entities.entity_key and every entity view.';
COMMENT ON COLUMN entity_names.label IS 'PER, ORG or LOC (the key''s prefix).';
COMMENT ON COLUMN entity_names.canonical_name IS 'The most frequent canonical name of the key over all partitions (a tie goes to the greater name).';
COMMENT ON COLUMN entity_names.name_count IS 'Distinct canonical names the key was given (1 for most; entities.canonical_name has each).';
