-- The five contract tables (see sql/README.md). Applied on every load; idempotent.
-- Primary keys are documented and enforced by the blocking asset checks rather than by
-- DuckDB constraints, so that replacing a partition is a plain delete-then-insert.

CREATE TABLE IF NOT EXISTS raw_files (
    ingest_date   DATE    NOT NULL,
    source_path   VARCHAR NOT NULL,
    size_bytes    BIGINT,
    sha256        VARCHAR,
    encoding      VARCHAR,
    status        VARCHAR NOT NULL,
    reject_reason VARCHAR,
    article_id    VARCHAR
);

CREATE TABLE IF NOT EXISTS articles (
    article_id      VARCHAR NOT NULL,
    ingest_date     DATE    NOT NULL,
    source_path     VARCHAR NOT NULL,
    site            VARCHAR,
    dateline        VARCHAR,
    section         VARCHAR,
    title           VARCHAR NOT NULL,
    author          VARCHAR,
    published_at    TIMESTAMPTZ,
    published_text  VARCHAR,
    image_caption   VARCHAR,
    language        VARCHAR,
    paragraph_count INTEGER NOT NULL,
    word_count      INTEGER NOT NULL,
    char_count      INTEGER NOT NULL,
    ad_marker_count INTEGER NOT NULL,
    entity_count    INTEGER NOT NULL,
    layout          VARCHAR NOT NULL,
    parse_warnings  VARCHAR[],
    content_sha256  VARCHAR NOT NULL,
    parser_version  VARCHAR NOT NULL,
    url             VARCHAR,
    published_has_time BOOLEAN
);
-- Added after the first release: a warehouse written before gets the columns (null for the
-- days it already holds, until they are loaded again).
ALTER TABLE articles ADD COLUMN IF NOT EXISTS url VARCHAR;
ALTER TABLE articles ADD COLUMN IF NOT EXISTS published_has_time BOOLEAN;

CREATE TABLE IF NOT EXISTS paragraphs (
    article_id      VARCHAR NOT NULL,
    paragraph_index INTEGER NOT NULL,
    text            VARCHAR NOT NULL,
    char_count      INTEGER NOT NULL,
    word_count      INTEGER NOT NULL,
    source_line     INTEGER NOT NULL,
    ingest_date     DATE    NOT NULL
);

CREATE TABLE IF NOT EXISTS entities (
    article_id      VARCHAR NOT NULL,
    paragraph_index INTEGER NOT NULL,
    start_char      INTEGER NOT NULL,
    end_char        INTEGER NOT NULL,
    text            VARCHAR NOT NULL,
    label           VARCHAR NOT NULL,
    canonical_name  VARCHAR NOT NULL,
    entity_key      VARCHAR NOT NULL,
    method          VARCHAR NOT NULL,
    ingest_date     DATE    NOT NULL
);

CREATE TABLE IF NOT EXISTS ad_markers (
    article_id            VARCHAR NOT NULL,
    marker_index          INTEGER NOT NULL,
    source_line           INTEGER NOT NULL,
    text                  VARCHAR NOT NULL,
    kind                  VARCHAR NOT NULL,
    zone                  VARCHAR NOT NULL,
    after_paragraph_index INTEGER NOT NULL,
    ingest_date           DATE    NOT NULL
);

COMMENT ON TABLE raw_files IS 'The ledger: one row per file found in the landing zone, with what became of it (parsed, duplicate or rejected). Grain: file. Key: source_path.';
COMMENT ON COLUMN raw_files.ingest_date IS 'Landing-zone partition the file arrived in (data/raw/YYYY-MM-DD/).';
COMMENT ON COLUMN raw_files.source_path IS 'Path relative to the raw root, e.g. 2026-11-25/000_39c4db6f91142a44.txt.';
COMMENT ON COLUMN raw_files.size_bytes IS 'Size of the raw file in bytes.';
COMMENT ON COLUMN raw_files.sha256 IS 'Hex SHA-256 of the raw bytes; null for a rejected file whose bytes were never read (vanished, not readable or not a regular file, a link out of the landing zone, to nothing or in a loop, a name not UTF-8, a parse worker died on it, a folder not readable, grown too large when read).';
COMMENT ON COLUMN raw_files.encoding IS 'Encoding the text was decoded from (utf-8, utf-16, cp1252, ...); null when the bytes were not decoded as text (binary, an encoding not recognised, or never read).';
COMMENT ON COLUMN raw_files.status IS 'parsed, duplicate (same article_id as an earlier file) or rejected.';
COMMENT ON COLUMN raw_files.reject_reason IS 'Human-readable reason when status = rejected (empty file, binary content, no article body found, ...).';
COMMENT ON COLUMN raw_files.article_id IS 'The article this file produced or duplicated; null when rejected. Joins articles.article_id.';

COMMENT ON TABLE articles IS 'One row per distinct article. Grain: article. Key: article_id.';
COMMENT ON COLUMN articles.article_id IS 'Primary key: first 16 hex characters of content_sha256; the same article scraped twice gets the same id.';
COMMENT ON COLUMN articles.ingest_date IS 'Partition of the first file that produced the article.';
COMMENT ON COLUMN articles.source_path IS 'That file, relative to the raw root. Joins raw_files.source_path.';
COMMENT ON COLUMN articles.site IS 'Publisher, e.g. Faktual Indonesia, Kompas; null if unknown.';
COMMENT ON COLUMN articles.dateline IS 'Source/place prefix removed from the first paragraph, e.g. FAKTUAL-INDONESIA, JAKARTA, KOMPAS.com.';
COMMENT ON COLUMN articles.section IS 'Rubric/category shown on the page, e.g. Internasional; null when the page shows none the parser recognises.';
COMMENT ON COLUMN articles.title IS 'Headline; never null.';
COMMENT ON COLUMN articles.author IS 'Byline; null if none.';
COMMENT ON COLUMN articles.published_at IS 'Publication time, stored as UTC; null when the page shows none, or when the date it shows was dropped as implausible or out of range (parse_warnings says so; published_text keeps what the page printed). Date-only pages give midnight Asia/Jakarta; relative dates (2 jam lalu) noon Asia/Jakarta of the ingest date less that long. For the publication day use article_overview.published_date, not CAST(published_at AS DATE) (session time zone).';
COMMENT ON COLUMN articles.published_text IS 'The date text as it stood on the page.';
COMMENT ON COLUMN articles.image_caption IS 'Lead image caption, once even if the page repeats it.';
COMMENT ON COLUMN articles.language IS 'Body language (fastText lid.176): the ISO 639-1 code where the language has one (id, en), else lid.176''s three-letter code; null when no language could be told.';
COMMENT ON COLUMN articles.paragraph_count IS 'Rows in paragraphs for this article.';
COMMENT ON COLUMN articles.word_count IS 'Whitespace-separated words in the body (sum over paragraphs).';
COMMENT ON COLUMN articles.char_count IS 'Characters in the body (sum over paragraphs).';
COMMENT ON COLUMN articles.ad_marker_count IS 'Rows in ad_markers for this article.';
COMMENT ON COLUMN articles.entity_count IS 'Rows in entities for this article.';
COMMENT ON COLUMN articles.layout IS 'Page layout that matched: a named layout (e.g. faktual) or generic.';
COMMENT ON COLUMN articles.parse_warnings IS 'Non-fatal oddities, e.g. published label without a date.';
COMMENT ON COLUMN articles.content_sha256 IS 'Hex SHA-256 of the normalised title and body paragraphs, newline-joined.';
COMMENT ON COLUMN articles.parser_version IS 'Version of the parsing code that produced the row.';
COMMENT ON COLUMN articles.published_has_time IS 'True when the page gave a time of day with its publication date (14:38 WIB, 8:15 pm, T13:19:56 in its metadata); false for a date alone (a metadata time of exactly T00:00:00 is one), whose published_at is midnight Asia/Jakarta of the day the page gives, whatever zone it names (from PARSER_VERSION 2026.11.24; before, midnight in that zone: a WITA or WIT date fell on the day before in published_date), and for a relative date (resolved against noon of the ingest date); null without published_at, and for days parsed before PARSER_VERSION 2026.11.20 until they are parsed again.';
COMMENT ON COLUMN articles.url IS 'The page''s own address from its HTML metadata (<link rel=canonical>, og:url, or the JSON-LD article''s url or mainEntityOfPage; absolute http(s) only); null for text dumps and pages that give none, and for days loaded before the column existed until they are loaded again.';

COMMENT ON TABLE paragraphs IS 'The clean article body, in order. Grain: paragraph. Key: (article_id, paragraph_index). No ad markers, captions or site chrome.';
COMMENT ON COLUMN paragraphs.article_id IS 'Joins articles.article_id.';
COMMENT ON COLUMN paragraphs.paragraph_index IS '0-based position in the body.';
COMMENT ON COLUMN paragraphs.text IS 'Paragraph text; dateline prefix and end marks such as *** removed. NFC, collapsed whitespace.';
COMMENT ON COLUMN paragraphs.char_count IS 'Characters in text.';
COMMENT ON COLUMN paragraphs.word_count IS 'Whitespace-separated words in text.';
COMMENT ON COLUMN paragraphs.source_line IS '1-based line of the raw file the paragraph came from.';
COMMENT ON COLUMN paragraphs.ingest_date IS 'Partition of the article (added column; equals articles.ingest_date).';

COMMENT ON TABLE entities IS 'One row per mention of a named entity (PER, ORG, LOC) in a paragraph. Key: (article_id, paragraph_index, start_char). Mentions do not overlap.';
COMMENT ON COLUMN entities.article_id IS 'Joins articles.article_id.';
COMMENT ON COLUMN entities.paragraph_index IS 'Joins paragraphs (article_id, paragraph_index).';
COMMENT ON COLUMN entities.start_char IS '0-based character offset in paragraphs.text.';
COMMENT ON COLUMN entities.end_char IS 'End offset (exclusive): substring(p.text, start_char + 1, end_char - start_char) = text.';
COMMENT ON COLUMN entities.text IS 'The mention as written; a short form in brackets right after a name keeps its brackets, as the NER training data marks it: (Jokowi). canonical_name and entity_key drop them.';
COMMENT ON COLUMN entities.label IS 'PER, ORG or LOC.';
COMMENT ON COLUMN entities.canonical_name IS 'Normalised name: Korut -> Korea Utara, AS -> Amerika Serikat.';
COMMENT ON COLUMN entities.entity_key IS 'Stable grouping key for the canonical entity, e.g. LOC:korea-utara.';
COMMENT ON COLUMN entities.method IS 'How the mention was found, e.g. gazetteer, rule, model.';
COMMENT ON COLUMN entities.ingest_date IS 'Partition of the article (added column; equals articles.ingest_date).';

COMMENT ON TABLE ad_markers IS 'Advertising and other non-article lines found inside the article, kept as data. Key: (article_id, marker_index).';
COMMENT ON COLUMN ad_markers.article_id IS 'Joins articles.article_id.';
COMMENT ON COLUMN ad_markers.marker_index IS '0-based, in document order.';
COMMENT ON COLUMN ad_markers.source_line IS '1-based line of the raw file.';
COMMENT ON COLUMN ad_markers.text IS 'The line as written: Advertisement, Lanjutkan Membaca, Baca juga: ...';
COMMENT ON COLUMN ad_markers.kind IS 'advertisement, embed, scroll_prompt, read_more, related_link, ...';
COMMENT ON COLUMN ad_markers.zone IS 'body (between paragraphs), header (before the first) or trailer (after the last).';
COMMENT ON COLUMN ad_markers.after_paragraph_index IS 'Index of the last paragraph before the marker; -1 before the first.';
COMMENT ON COLUMN ad_markers.ingest_date IS 'Partition of the article (added column; equals articles.ingest_date).';

-- The partitions the warehouse holds, empty days included (a day without files has no row in
-- the five tables), with when each was last loaded. Filled by replace_partition.sql, emptied by
-- drop_partition.sql; days loaded before it existed get a row from derive_missing.sql.
CREATE TABLE IF NOT EXISTS partitions (
    ingest_date    DATE NOT NULL,
    loaded_at      TIMESTAMPTZ,
    parser_version VARCHAR
);
ALTER TABLE partitions ADD COLUMN IF NOT EXISTS parser_version VARCHAR;

COMMENT ON TABLE partitions IS 'One row per landing partition the warehouse holds, including days whose folder had no files. Key: ingest_date.';
COMMENT ON COLUMN partitions.ingest_date IS 'Landing-zone partition (data/raw/YYYY-MM-DD/).';
COMMENT ON COLUMN partitions.loaded_at IS 'When the load that last replaced the partition ran (the start of its transaction); null for a partition loaded before this table existed.';
COMMENT ON COLUMN partitions.parser_version IS 'PARSER_VERSION of the parse that wrote the partition''s Parquet (its raw_files file''s footer), days without articles included; null for a partition parsed before Warta recorded it there, or loaded before this column existed, until it is loaded again.';

-- Derived tables: aggregates of entities kept per partition by every load (see
-- derive_missing.sql), so the entity views answer fast on a large warehouse. Not in Parquet.
CREATE TABLE IF NOT EXISTS entity_days (
    ingest_date    DATE    NOT NULL,
    entity_key     VARCHAR NOT NULL,
    label          VARCHAR NOT NULL,
    canonical_name VARCHAR NOT NULL,
    mentions       BIGINT  NOT NULL,
    articles       BIGINT  NOT NULL
);

CREATE TABLE IF NOT EXISTS entity_name_days (
    ingest_date    DATE    NOT NULL,
    entity_key     VARCHAR NOT NULL,
    canonical_name VARCHAR NOT NULL,
    mentions       BIGINT  NOT NULL
);

CREATE TABLE IF NOT EXISTS entity_pairs (
    ingest_date  DATE    NOT NULL,
    entity_key_a VARCHAR NOT NULL,
    entity_key_b VARCHAR NOT NULL,
    articles     BIGINT  NOT NULL
);

COMMENT ON TABLE entity_days IS 'Derived from entities: one row per canonical entity per partition with at least one mention. Key: (ingest_date, entity_key). Behind the view entity_daily_mentions.';
COMMENT ON COLUMN entity_days.ingest_date IS 'Partition of the mentioning articles.';
COMMENT ON COLUMN entity_days.entity_key IS 'Canonical entity; joins entities.entity_key.';
COMMENT ON COLUMN entity_days.label IS 'PER, ORG or LOC.';
COMMENT ON COLUMN entity_days.canonical_name IS 'Canonical name most often given to the key that day (a tie goes to the greater name); the views name a key by entity_names instead, over all days.';
COMMENT ON COLUMN entity_days.mentions IS 'Mentions in the partition.';
COMMENT ON COLUMN entity_days.articles IS 'Distinct articles of the partition mentioning the entity; sums across partitions, since an article belongs to one partition.';

COMMENT ON TABLE entity_name_days IS 'Derived from entities: how often each canonical name of an entity was given that day, one row per name. Key: (ingest_date, entity_key, canonical_name). Behind the view entity_names.';
COMMENT ON COLUMN entity_name_days.ingest_date IS 'Partition of the mentioning articles.';
COMMENT ON COLUMN entity_name_days.entity_key IS 'Canonical entity; joins entities.entity_key.';
COMMENT ON COLUMN entity_name_days.canonical_name IS 'One canonical name of the key (a key has several when spellings differ in case or accents: Jakarta, JAKARTA).';
COMMENT ON COLUMN entity_name_days.mentions IS 'Mentions given that name in the partition.';

COMMENT ON TABLE entity_pairs IS 'Derived from entities: pairs of canonical entities mentioned in the same article, per partition. Key: (ingest_date, entity_key_a, entity_key_b), entity_key_a < entity_key_b. Behind the view entity_cooccurrence.';
COMMENT ON COLUMN entity_pairs.ingest_date IS 'Partition of the articles.';
COMMENT ON COLUMN entity_pairs.entity_key_a IS 'The alphabetically smaller entity key of the pair.';
COMMENT ON COLUMN entity_pairs.entity_key_b IS 'The larger entity key of the pair.';
COMMENT ON COLUMN entity_pairs.articles IS 'Articles of the partition mentioning both.';
