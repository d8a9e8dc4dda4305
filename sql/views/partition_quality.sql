-- Per landing partition the warehouse holds (empty days too): when it was loaded, files found,
-- what became of them, what reached the tables, and which parser version produced it (after an
-- upgrade: the days still to re-parse).
CREATE OR REPLACE VIEW partition_quality AS
WITH files AS (
    SELECT
        r.ingest_date,
        count(*) AS files,
        count(*) FILTER (WHERE r.status = 'parsed') AS parsed,
        count(*) FILTER (WHERE r.status = 'duplicate') AS duplicate,
        count(*) FILTER (WHERE r.status = 'rejected') AS rejected,
        CAST(sum(r.size_bytes) AS BIGINT) AS bytes
    FROM raw_files AS r
    GROUP BY r.ingest_date
),
loaded AS (
    SELECT
        a.ingest_date,
        count(*) AS articles,
        CAST(sum(a.paragraph_count) AS BIGINT) AS paragraphs,
        CAST(sum(a.entity_count) AS BIGINT) AS entity_mentions,
        CAST(sum(a.ad_marker_count) AS BIGINT) AS ad_markers,
        count(*) FILTER (WHERE len(a.parse_warnings) > 0) AS articles_with_warnings,
        -- oldest first: versions compare by their numbers (2026.11.9 before 2026.11.15)
        list_transform(
            list_sort(list(DISTINCT {
                -- a part that does not start with digits counts as older than any number
                'numbers': list_transform(
                    string_split(a.parser_version, '.'),
                    lambda part: coalesce(TRY_CAST(regexp_extract(part, '^[0-9]+') AS BIGINT), -1)
                ),
                'version': a.parser_version
            })),
            lambda v: v.version
        ) AS parser_versions
    FROM articles AS a
    GROUP BY a.ingest_date
)
SELECT
    p.ingest_date,
    p.loaded_at,
    coalesce(f.files, 0) AS files,
    coalesce(f.parsed, 0) AS parsed,
    coalesce(f.duplicate, 0) AS duplicate,
    coalesce(f.rejected, 0) AS rejected,
    round(f.rejected / f.files, 4) AS rejected_share,
    round(f.duplicate / f.files, 4) AS duplicate_share,
    coalesce(f.bytes, 0) AS bytes,
    coalesce(l.articles, 0) AS articles,
    coalesce(l.paragraphs, 0) AS paragraphs,
    coalesce(l.entity_mentions, 0) AS entity_mentions,
    coalesce(l.ad_markers, 0) AS ad_markers,
    coalesce(l.articles_with_warnings, 0) AS articles_with_warnings,
    coalesce(l.parser_versions, CAST([] AS VARCHAR[])) AS parser_versions,
    coalesce(p.parser_version, l.parser_versions[1]) AS parser_version
FROM partitions AS p
LEFT JOIN files AS f USING (ingest_date)
LEFT JOIN loaded AS l USING (ingest_date);
COMMENT ON VIEW partition_quality IS 'One row per landing partition the warehouse holds, days without files included: when it was loaded, files found, parsed, duplicate and rejected, shares rejected and duplicate, bytes, the rows they produced, and the parser versions that produced them. Key: ingest_date.';
COMMENT ON COLUMN partition_quality.ingest_date IS 'Landing-zone partition (data/raw/YYYY-MM-DD/).';
COMMENT ON COLUMN partition_quality.loaded_at IS 'When the partition was last loaded (partitions.loaded_at).';
COMMENT ON COLUMN partition_quality.files IS 'Files found in the partition (rows of raw_files).';
COMMENT ON COLUMN partition_quality.parsed IS 'Files that produced a new article.';
COMMENT ON COLUMN partition_quality.duplicate IS 'Files whose article was already seen (this or an earlier partition).';
COMMENT ON COLUMN partition_quality.rejected IS 'Files rejected; see raw_files.reject_reason.';
COMMENT ON COLUMN partition_quality.rejected_share IS 'rejected / files (0 to 1); null for a day without files.';
COMMENT ON COLUMN partition_quality.duplicate_share IS 'duplicate / files (0 to 1); null for a day without files. The raw_files_duplicate_share check warns above WARTA_MAX_DUPLICATE_SHARE.';
COMMENT ON COLUMN partition_quality.bytes IS 'Total size of the raw files.';
COMMENT ON COLUMN partition_quality.articles IS 'Articles loaded for the partition; equals parsed.';
COMMENT ON COLUMN partition_quality.paragraphs IS 'Paragraph rows of those articles.';
COMMENT ON COLUMN partition_quality.entity_mentions IS 'Entity mention rows of those articles.';
COMMENT ON COLUMN partition_quality.ad_markers IS 'Ad marker rows of those articles.';
COMMENT ON COLUMN partition_quality.articles_with_warnings IS 'Articles with at least one parse warning.';
COMMENT ON COLUMN partition_quality.parser_versions IS 'Distinct articles.parser_version of the partition, oldest first (compared part by part by their numbers: 2026.11.9 before 2026.11.15; a part without leading digits counts as older than any number); empty for a day without articles (see parser_version, which covers those).';
COMMENT ON COLUMN partition_quality.parser_version IS 'The parser version that produced the partition: partitions.parser_version (recorded from its Parquet, days without articles included), else the oldest of parser_versions (a day of several versions is as old as its oldest); null for a day without articles parsed before the version was recorded. A day whose version is not the current one (or null) was parsed by an older parser: run it again to re-parse it.';
