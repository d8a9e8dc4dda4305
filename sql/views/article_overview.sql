-- One row per article: where it came from, when, and how much it holds.
CREATE OR REPLACE VIEW article_overview AS
SELECT
    a.article_id,
    a.ingest_date,
    CAST(timezone('Asia/Jakarta', a.published_at) AS DATE) AS published_date,
    a.published_at,
    a.published_text,
    CASE WHEN a.published_at IS NOT NULL THEN list_has_any(
        a.parse_warnings,
        [
            'publication date is relative; resolved against the ingest date',
            'relative publication date, resolved against ingest date'
        ]
    ) END AS published_is_relative,
    a.published_has_time,
    a.site,
    a.section,
    a.title,
    a.author,
    a.language,
    a.layout,
    a.paragraph_count,
    a.word_count,
    a.char_count,
    a.ad_marker_count,
    a.entity_count,
    len(a.parse_warnings) AS warning_count,
    a.parse_warnings,
    a.parser_version,
    a.source_path,
    a.url,
    a.dateline,
    a.image_caption
FROM articles AS a;
COMMENT ON VIEW article_overview IS 'One row per article with site, section, dates and counts; the starting point for most questions. Key: article_id.';
COMMENT ON COLUMN article_overview.article_id IS 'Primary key; joins articles, paragraphs, entities, ad_markers.';
COMMENT ON COLUMN article_overview.ingest_date IS 'Landing-zone partition the article first arrived in.';
COMMENT ON COLUMN article_overview.published_date IS 'Publication date in Asia/Jakarta; null when the page shows none or its date was dropped (articles.published_at). Group days by this, not by CAST(published_at AS DATE), which takes the session time zone (the machine''s unless SET TimeZone).';
COMMENT ON COLUMN article_overview.published_at IS 'Publication time (TIMESTAMPTZ, stored as UTC); null when the page shows none or its date was dropped as implausible (parse_warnings).';
COMMENT ON COLUMN article_overview.published_text IS 'The date text as it stood on the page (articles.published_text); null when the page shows none.';
COMMENT ON COLUMN article_overview.published_is_relative IS 'True when the page gave only a relative date (2 jam lalu, 3 days ago): published_at is then resolved against noon (Asia/Jakarta) of the ingest date, up to 12 hours off for hours and minutes, and as coarse as its unit for days, months and years. Null when published_at is null.';
COMMENT ON COLUMN article_overview.published_has_time IS 'True when the page gave a time of day with its date (14:38 WIB, 8:15 pm, T13:19:56 in its metadata); false for a date alone (a metadata time of exactly T00:00:00 is one), whose published_at is midnight Asia/Jakarta of the day the page gives, whatever zone it names (from PARSER_VERSION 2026.11.24; before, midnight in that zone: a WITA or WIT date fell on the day before in published_date), and for a relative date. Null when published_at is null, and for days parsed before PARSER_VERSION 2026.11.20 (articles.published_has_time). Filter on it before any hour-of-day analysis.';
COMMENT ON COLUMN article_overview.site IS 'Publisher; null if unknown.';
COMMENT ON COLUMN article_overview.section IS 'Rubric/category shown on the page; null when none is recognised.';
COMMENT ON COLUMN article_overview.title IS 'Headline.';
COMMENT ON COLUMN article_overview.author IS 'Byline; null if none.';
COMMENT ON COLUMN article_overview.language IS 'Body language: ISO 639-1 code where there is one (id, en), else a three-letter code; null when not told.';
COMMENT ON COLUMN article_overview.layout IS 'Page layout that matched (a named layout or generic).';
COMMENT ON COLUMN article_overview.paragraph_count IS 'Paragraphs in the clean body.';
COMMENT ON COLUMN article_overview.word_count IS 'Words in the clean body.';
COMMENT ON COLUMN article_overview.char_count IS 'Characters in the clean body.';
COMMENT ON COLUMN article_overview.ad_marker_count IS 'Advertising and other non-article lines found in the article.';
COMMENT ON COLUMN article_overview.entity_count IS 'Entity mentions in the article.';
COMMENT ON COLUMN article_overview.warning_count IS 'Non-fatal parse warnings (see articles.parse_warnings).';
COMMENT ON COLUMN article_overview.parse_warnings IS 'Non-fatal oddities of the parse, e.g. published label without a date (articles.parse_warnings; docs/EXTRACTION.md lists them).';
COMMENT ON COLUMN article_overview.parser_version IS 'PARSER_VERSION that produced the article (articles.parser_version).';
COMMENT ON COLUMN article_overview.source_path IS 'Raw file the article was parsed from, relative to the raw root.';
COMMENT ON COLUMN article_overview.url IS 'The page''s own address (HTML pages that give one); null for text dumps, and for days loaded before the column existed until they are loaded again.';
COMMENT ON COLUMN article_overview.dateline IS 'Source/place prefix removed from the first paragraph, e.g. FAKTUAL-INDONESIA, JAKARTA, KOMPAS.com (articles.dateline); null when there is none.';
COMMENT ON COLUMN article_overview.image_caption IS 'Lead image caption, once even if the page repeats it (articles.image_caption); null when there is none.';
