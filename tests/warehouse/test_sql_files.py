"""Every SQL file in sql/ runs against the sample warehouse and gives sane, consistent answers."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import duckdb
import pytest

from tests.warehouse.conftest import DAYS, copy_store
from warta import PARSER_VERSION, sql
from warta.parquet_store import ParquetStore
from warta.schema import TABLES
from warta.warehouse import DERIVED_TABLES, Warehouse

# Files a load runs itself (exercised by every publish in these tests), and the one the
# benchmark runs (exercised below).
LOAD_FILES = {
    "schema",
    "replace_partition",
    "drop_partition",
    "articles_in_several_partitions",
    "derive_missing",
    "table_counts",
    "duplicates_without_original",
    "orphan_originals",
    "published_partitions",  # the rebuild's guard (test_guards.py)
    "published_days_with_files",  # the same, in a warehouse without the partitions table
    "partition_versions",  # warta run --changed (test_run_isolation.py)
}


@pytest.fixture(scope="module")
def con(sample, tmp_path_factory):
    root = tmp_path_factory.mktemp("sql")
    warehouse = Warehouse(root / "warehouse.duckdb")
    warehouse.rebuild(copy_store(sample.data_dir, root / "parquet"))
    connection = warehouse.connect_read_only()
    yield connection
    connection.close()


def scalar(con: duckdb.DuckDBPyConnection, query: str):
    return con.sql(query).fetchall()[0][0]


def rows(con: duckdb.DuckDBPyConnection, name: str) -> list[dict]:
    columns, values = sql.query(con, name)
    return [dict(zip(columns, row, strict=True)) for row in values]


def test_every_sql_file_is_covered_here():
    folders = {path.parent.name for path in sql.sql_dir().rglob("*.sql")}
    # lake/: what the parse runs over Parquet (exercised by every build in these tests)
    assert folders == {"warehouse", "views", "analysis", "checks", "lake"}
    warehouse = {path.stem for path in (sql.sql_dir() / "warehouse").glob("*.sql")}
    assert warehouse == LOAD_FILES | {"replicate_for_benchmark"}


def test_every_view_file_creates_a_non_empty_view(con):
    views = {path.stem for path in (sql.sql_dir() / "views").glob("*.sql")}
    created = {
        name
        for (name,) in con.sql("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()
    }
    assert views <= created
    for view in views:
        assert scalar(con, f"SELECT count(*) FROM {view}") > 0, view


def test_views_agree_with_the_base_tables(con):
    articles = scalar(con, "SELECT count(*) FROM articles")
    assert scalar(con, "SELECT count(DISTINCT article_id) FROM article_overview") == articles
    mentions = scalar(con, "SELECT count(*) FROM entities")
    assert scalar(con, "SELECT sum(mentions) FROM entity_daily_mentions") == mentions
    # by publication day in Jakarta: the mentions of dated articles, each on its Jakarta date
    assert scalar(con, "SELECT sum(mentions) FROM entity_published_mentions") == scalar(
        con,
        "SELECT count(*) FROM entities JOIN articles USING (article_id) "
        "WHERE published_at IS NOT NULL",
    )
    # those whose date came from relative text ("1 tahun lalu") are counted apart
    relative = scalar(con, "SELECT sum(relative_mentions) FROM entity_published_mentions")
    assert 0 < relative < mentions and relative == scalar(
        con,
        "SELECT count(*) FROM entities JOIN article_overview USING (article_id) "
        "WHERE published_is_relative AND published_date IS NOT NULL",
    )
    assert scalar(con, "SELECT sum(relative_articles) FROM entity_published_mentions") == scalar(
        con,
        "SELECT count(*) FROM (SELECT DISTINCT published_date, entity_key, article_id FROM "
        "entities JOIN article_overview USING (article_id) WHERE published_is_relative "
        "AND published_date IS NOT NULL)",
    )
    assert (
        con.sql(
            "SELECT published_date, sum(articles) FROM entity_published_mentions "
            "GROUP BY ALL ORDER BY ALL"
        ).fetchall()
        == con.sql(
            "SELECT published_date, sum(n) FROM (SELECT published_date, count(DISTINCT "
            "entity_key) AS n FROM entities JOIN article_overview USING (article_id) "
            "WHERE published_date IS NOT NULL GROUP BY published_date, article_id) "
            "GROUP BY ALL ORDER BY ALL"
        ).fetchall()
    )
    # published_date is the Jakarta date: a date printed without a time (midnight WIB) is
    # that date, where a cast in the session's time zone (UTC) gives the day before
    shifted, dated = con.sql(
        "SELECT count(*) FILTER (WHERE CAST(timezone('UTC', published_at) AS DATE) "
        "<> published_date), "
        "count(published_at) FROM article_overview"
    ).fetchall()[0]
    assert 0 < shifted <= dated
    relative = con.sql(
        "SELECT published_at FROM article_overview WHERE published_is_relative"
    ).fetchall()
    assert relative and all(at is not None for (at,) in relative)
    assert scalar(
        con, "SELECT count(*) FROM article_overview WHERE published_is_relative"
    ) == scalar(
        con,
        "SELECT count(*) FROM articles WHERE list_contains(parse_warnings, "
        "'publication date is relative; resolved against the ingest date')",
    )
    assert scalar(con, "SELECT sum(mention_count) FROM entity_summary") == mentions
    # an article belongs to one partition, so daily article counts add up to the total, which
    # is the count of distinct articles among the mentions
    distinct = con.sql(
        "SELECT entity_key, count(DISTINCT article_id) FROM entities GROUP BY ALL ORDER BY ALL"
    ).fetchall()
    assert (
        con.sql(
            "SELECT entity_key, sum(articles) FROM entity_daily_mentions GROUP BY ALL ORDER BY ALL"
        ).fetchall()
        == con.sql("SELECT entity_key, article_count FROM entity_summary ORDER BY ALL").fetchall()
        == distinct
    )
    direct = con.sql(
        "WITH ae AS (SELECT DISTINCT article_id, entity_key FROM entities) "
        "SELECT a.entity_key, b.entity_key, count(*) FROM ae AS a JOIN ae AS b "
        "ON a.article_id = b.article_id AND a.entity_key < b.entity_key GROUP BY ALL ORDER BY ALL"
    ).fetchall()
    assert (
        direct
        and con.sql(
            "SELECT entity_key_a, entity_key_b, articles FROM entity_cooccurrence ORDER BY ALL"
        ).fetchall()
        == direct
    )
    density = con.sql("SELECT sum(articles), sum(ad_markers), sum(advertisements) FROM ad_density")
    assert (
        density.fetchall()[0]
        == con.sql(
            "SELECT (SELECT count(*) FROM articles), count(*), "
            "count(*) FILTER (WHERE kind = 'advertisement') FROM ad_markers"
        ).fetchall()[0]
    )
    quality = {
        str(row[0]): row[1:]
        for row in con.sql(
            "SELECT ingest_date, files, parsed, duplicate, rejected, articles, paragraphs "
            "FROM partition_quality"
        ).fetchall()
    }
    assert sorted(quality) == list(DAYS)
    for day, (files, parsed, duplicate, rejected, articles_of_day, paragraphs) in quality.items():
        assert files == parsed + duplicate + rejected
        assert parsed == articles_of_day > 0
        assert paragraphs == scalar(
            con, f"SELECT count(*) FROM paragraphs WHERE ingest_date = DATE '{day}'"
        )
    assert sum(q[3] for q in quality.values()) > 0  # the sample has rejects and duplicates
    assert sum(q[2] for q in quality.values()) > 0


def test_partition_quality_names_the_parser_version_of_each_day(sample, tmp_path):
    """After an upgrade, the days parsed by an older parser are the ones to run again."""
    warehouse = Warehouse(tmp_path / "warehouse.duckdb")
    warehouse.rebuild(copy_store(sample.data_dir, tmp_path / "parquet"))
    con = duckdb.connect(str(warehouse.path))
    try:
        query = (
            "SELECT ingest_date::VARCHAR, parser_versions, parser_version "
            "FROM partition_quality ORDER BY 1"
        )
        current = [PARSER_VERSION]
        assert con.sql(query).fetchall() == [(day, current, PARSER_VERSION) for day in DAYS]
        # days parsed before the Parquet footer recorded the version: their articles tell
        con.sql(f"UPDATE partitions SET parser_version = NULL WHERE ingest_date <= '{DAYS[2]}'")
        con.sql(f"UPDATE articles SET parser_version = '2020.1.1' WHERE ingest_date = '{DAYS[0]}'")
        con.sql(
            "UPDATE articles SET parser_version = '2020.1.1' WHERE article_id = "
            f"(SELECT min(article_id) FROM articles WHERE ingest_date = '{DAYS[1]}')"
        )
        # versions compare by their numbers, not as text: 2026.11.9 is older than 2026.11.17;
        # a part that does not start with digits is older than any number
        for version, day, which in (
            ("2026.11.9", DAYS[2], "min"),
            ("dev", DAYS[2], "max"),
            ("2026.11.16-hotfix", DAYS[1], "max"),
        ):
            con.sql(
                f"UPDATE articles SET parser_version = '{version}' WHERE article_id = "
                f"(SELECT {which}(article_id) FROM articles WHERE ingest_date = '{day}')"
            )
        # days without articles: one recorded, one from before
        con.sql("INSERT INTO partitions VALUES ('2026-11-30', now(), ?)", params=current)
        con.sql("INSERT INTO partitions VALUES (DATE '2026-12-01', current_timestamp, NULL)")
        assert con.sql(query).fetchall() == [
            (DAYS[0], ["2020.1.1"], "2020.1.1"),
            (DAYS[1], ["2020.1.1", "2026.11.16-hotfix", PARSER_VERSION], "2020.1.1"),
            (DAYS[2], ["dev", "2026.11.9", PARSER_VERSION], "dev"),
            *[(day, current, PARSER_VERSION) for day in DAYS[3:]],
            ("2026-11-30", [], PARSER_VERSION),
            ("2026-12-01", [], None),
        ]
        stale = con.sql(
            "SELECT ingest_date::VARCHAR FROM partition_quality "
            "WHERE parser_version IS DISTINCT FROM ? ORDER BY 1",
            params=current,
        ).fetchall()
        assert stale == [(DAYS[0],), (DAYS[1],), (DAYS[2],), ("2026-12-01",)]  # OPERATIONS.md
    finally:
        con.close()


def test_a_day_of_rejects_alone_records_the_parser_version_that_parsed_it(landing):
    """Its ledger rows carry no version, so the load takes it from the Parquet footer: after an
    upgrade that changes reject reasons, such a day is listed among those to re-parse."""
    from tests.conftest import put
    from warta.parquet_store import PARSER_VERSION_KEY, footer_value
    from warta.partition import build_partition

    put(landing, "2026-11-25/empty.txt", b"")
    put(landing, "2026-11-25/binary.bin", bytes(range(32)) * 8)
    build_partition(landing, "2026-11-25")
    store = ParquetStore(landing.data_dir)
    assert footer_value(store.partition_file("raw_files", "2026-11-25"), PARSER_VERSION_KEY) == (
        PARSER_VERSION
    )
    warehouse = Warehouse(landing.warehouse)
    warehouse.publish(store, ["2026-11-25"])
    con = warehouse.connect_read_only()
    try:
        row = con.sql(
            "SELECT files, rejected, articles, parser_versions, parser_version "
            "FROM partition_quality"
        ).fetchall()
        assert row == [(2, 2, 0, [], PARSER_VERSION)]
    finally:
        con.close()


def test_top_entities_counts_the_seven_newest_landing_days_not_calendar_days():
    # Nine partitions ten days apart: a 7-calendar-day window would hold only the newest.
    memory = duckdb.connect()
    memory.sql("CREATE TABLE raw_files AS SELECT DATE '2026-01-01' + CAST(10 * i AS INTEGER) "
               "AS ingest_date FROM range(9) AS t(i)")  # fmt: skip
    memory.sql(
        "CREATE TABLE entity_days AS SELECT r.ingest_date, k.key AS entity_key, "
        "'PER' AS label, k.key AS canonical_name, 1::BIGINT AS mentions, 1::BIGINT AS articles "
        "FROM raw_files AS r, (VALUES ('a'), ('b')) AS k(key) "
        "WHERE k.key = 'a' OR r.ingest_date < DATE '2026-01-21'"  # b only on the 2 oldest days
    )
    memory.sql("CREATE TABLE entity_names AS SELECT DISTINCT entity_key, canonical_name "
               "FROM entity_days")  # fmt: skip
    top = memory.sql((sql.sql_dir() / "analysis" / "top_entities.sql").read_text()).fetchall()
    assert top == [("a", "PER", "a", 7, 7)]


def test_counts_are_bigint_so_pandas_keeps_them_integers(con):
    # sum() of BIGINT is HUGEINT in DuckDB, which pandas turns into float64.
    queries = [f"SELECT * FROM {p.stem}" for p in (sql.sql_dir() / "views").glob("*.sql")]
    queries += [p.read_text("utf-8") for p in (sql.sql_dir() / "analysis").glob("*.sql")]
    for query in queries:
        types = dict(zip(con.sql(query).columns, map(str, con.sql(query).types), strict=True))
        assert "HUGEINT" not in types.values(), (query[:80], types)


def test_every_analysis_runs_and_returns_rows(con):
    for path in sorted((sql.sql_dir() / "analysis").glob("*.sql")):
        text = path.read_text("utf-8")
        assert text.startswith("--"), f"{path.name} starts with a comment saying what it answers"
        assert rows(con, f"analysis/{path.name}"), path.name


def test_article_overview_shows_each_articles_dateline_and_caption(con):
    differ = scalar(
        con,
        "SELECT count(*) FROM article_overview AS o JOIN articles AS a USING (article_id) "
        "WHERE o.dateline IS DISTINCT FROM a.dateline "
        "OR o.image_caption IS DISTINCT FROM a.image_caption",
    )
    assert differ == 0
    seed = con.sql(
        "SELECT dateline, image_caption FROM article_overview WHERE article_id = '1680cce868a3526d'"
    ).fetchall()
    assert seed[0][0] == "FAKTUAL-INDONESIA" and seed[0][1]
    assert scalar(con, "SELECT count(*) FROM article_overview WHERE dateline IS NOT NULL") > 0


def test_an_articles_entities_are_its_mentions_in_reading_order(con):
    mentions = rows(con, "analysis/article_entities.sql")
    seed = "1680cce868a3526d"  # the id the file names: the seed article's
    expected = con.sql(
        "SELECT paragraph_index, start_char, text, entity_key FROM entities "
        f"WHERE article_id = '{seed}' ORDER BY paragraph_index, start_char"
    ).fetchall()
    assert scalar(con, f"SELECT entity_count FROM articles WHERE article_id = '{seed}'") == len(
        expected
    )
    assert [
        (m["paragraph_index"], m["start_char"], m["text"], m["entity_key"]) for m in mentions
    ] == expected
    per_key = {key: sum(1 for e in expected if e[3] == key) for *_, key in expected}
    assert all(m["mentions_in_article"] == per_key[m["entity_key"]] for m in mentions)
    assert {m["entity_key"]: m["canonical_name"] for m in mentions}["LOC:korea-utara"] == (
        "Korea Utara"
    )


def test_analyses_answer_their_question(con):
    top = rows(con, "analysis/top_entities.sql")
    assert len(top) == 20 and [r["mentions"] for r in top] == sorted(
        (r["mentions"] for r in top), reverse=True
    )
    rising = rows(con, "analysis/rising_entities.sql")
    assert all(r["this_week"] >= 2 and r["gain"] == r["this_week"] - r["last_week"] for r in rising)
    both = rows(con, "analysis/articles_mentioning_two_entities.sql")
    keys = re.findall(
        r"'([A-Z]+:[a-z-]+)'",
        (sql.sql_dir() / "analysis" / "articles_mentioning_two_entities.sql").read_text(),
    )
    for row in both:
        found = {
            k
            for (k,) in con.sql(
                "SELECT DISTINCT entity_key FROM entities WHERE article_id = $id",
                params={"id": row["article_id"]},
            ).fetchall()
        }
        assert set(keys[:2]) <= found
    assert any(r["title"].startswith("Korea Utara Membantah") for r in both)  # the seed article
    longest = rows(con, "analysis/longest_articles_per_section.sql")
    per_section: dict[tuple[str, str], list[int]] = {}
    for row in longest:
        per_section.setdefault((row["site"], row["section"]), []).append(row["word_count"])
    assert all(len(w) <= 3 and w == sorted(w, reverse=True) for w in per_section.values())
    sections = "SELECT count(*) FROM (SELECT DISTINCT site, section FROM articles)"
    assert len(per_section) == scalar(con, sections) > len({s for _, s in per_section})
    rejects = rows(con, "analysis/reject_reasons.sql")
    assert sum(r["files"] for r in rejects) == scalar(
        con, "SELECT count(*) FROM raw_files WHERE status = 'rejected'"
    )
    by_site = rows(con, "analysis/articles_by_site_section.sql")
    assert sum(r["articles"] for r in by_site) == scalar(con, "SELECT count(*) FROM articles")
    # ad slots are the advertisements alone; the sample also has "read more" markers
    slots = sum(r["avg_ad_slots"] * r["articles"] for r in by_site)
    markers = sum(r["avg_markers"] * r["articles"] for r in by_site)
    ads, all_markers = con.sql(
        "SELECT count(*) FILTER (WHERE kind = 'advertisement'), count(*) FROM ad_markers"
    ).fetchall()[0]
    assert 0 < ads < all_markers
    rounding = 0.005 * sum(r["articles"] for r in by_site)  # averages rounded to 0.01
    assert abs(slots - ads) <= rounding < all_markers - ads
    assert abs(markers - all_markers) <= rounding
    sites = rows(con, "analysis/ad_density_by_site.sql")
    *per_site, total = sites
    assert [r["all_sites"] for r in sites] == [False] * len(per_site) + [True]
    assert total["site"] is None and None not in [r["site"] for r in per_site]
    for row in (*per_site, total):
        where = "" if row["all_sites"] else "WHERE coalesce(site, '(unknown)') = $site"
        articles, markers, with_markers = con.execute(
            "SELECT count(*), sum(ad_marker_count), count(*) FILTER (WHERE ad_marker_count > 0) "
            f"FROM articles {where}",
            {} if row["all_sites"] else {"site": row["site"]},
        ).fetchall()[0]
        assert (row["articles"], row["ad_markers"]) == (articles, markers), row
        assert row["markers_per_article"] == round(markers / articles, 3)
        assert row["share_with_markers"] == round(with_markers / articles, 4)
    assert sum(r["articles"] for r in per_site) == total["articles"]
    assert sum(r["advertisements"] for r in per_site) == total["advertisements"] == ads
    months = rows(con, "analysis/entities_with_rusia.sql")
    assert months and all(type(r["month"]) is datetime.date for r in months)


RELATIVE = "publication date is relative; resolved against the ingest date"


@pytest.mark.parametrize(
    ("published_at", "has_time", "warnings", "is_relative"),
    [
        ("2022-12-10 06:19:00+00", True, [], False),
        ("2022-12-09 17:00:00+00", False, [], False),
        ("2022-12-10 05:00:00+00", False, [RELATIVE], True),
        (None, None, ["published label without a date"], None),  # no date: neither
    ],
)
def test_article_overview_tells_a_printed_time_and_a_relative_date(
    published_at, has_time, warnings, is_relative
):
    con = duckdb.connect()
    sql.run(con, "warehouse/schema.sql")
    con.execute(
        "INSERT INTO articles (article_id, ingest_date, source_path, title, published_at, "
        "published_has_time, parse_warnings, paragraph_count, word_count, char_count, "
        "ad_marker_count, entity_count, layout, content_sha256, parser_version) VALUES "
        "('a1', '2022-12-10', '2022-12-10/a.txt', 'Judul', ?, ?, ?, 1, 9, 50, 0, 0, 'generic', "
        "'0', '1')",
        [published_at, has_time, warnings],
    )
    sql.run(con, "views/article_overview.sql")
    assert con.sql(
        "SELECT published_has_time, published_is_relative, parse_warnings FROM article_overview"
    ).fetchall() == [(has_time, is_relative, warnings)]


def test_article_text_is_each_articles_content_whole(con):
    """Title and body, newline-joined, hash to the article's content_sha256: every paragraph,
    in order, nothing else."""
    assert con.sql(
        "SELECT count(*), count(*) FILTER (WHERE sha256(t.title || chr(10) || t.body) = "
        "a.content_sha256) FROM article_text AS t JOIN articles AS a USING (article_id)"
    ).fetchall() == [(scalar(con, "SELECT count(*) FROM articles"),) * 2]


def test_entities_with_rusia_counts_an_entity_once_whatever_its_canonical_names():
    """A key whose canonical name differs between articles (``Ma'ruf Amin``, ``Maruf Amin``)
    is one row, its articles counted together."""
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE entities (ingest_date DATE, article_id VARCHAR, entity_key VARCHAR, "
        "label VARCHAR, canonical_name VARCHAR)"
    )
    con.executemany(
        "INSERT INTO entities VALUES ('2026-11-25', ?, ?, ?, ?)",
        [
            ("a1", "LOC:rusia", "LOC", "Rusia"),
            ("a1", "PER:maruf-amin", "PER", "Ma'ruf Amin"),
            ("a2", "LOC:rusia", "LOC", "Rusia"),
            ("a2", "PER:maruf-amin", "PER", "Maruf Amin"),
        ],
    )
    con.execute(
        "CREATE TABLE entity_names AS SELECT entity_key, 'Ma''ruf Amin' AS canonical_name "
        "FROM entities GROUP BY ALL"
    )
    assert rows(con, "analysis/entities_with_rusia.sql") == [
        {
            "month": datetime.date(2026, 11, 1),
            "label": "PER",
            "entity_key": "PER:maruf-amin",
            "canonical_name": "Ma'ruf Amin",
            "articles": 2,
        }
    ]


def _entity_name_days(names: list[tuple[str, str, str]]) -> duckdb.DuckDBPyConnection:
    """A warehouse in memory whose mentions have the given (day, article, canonical name) of
    PER:maruf-amin, each article also naming LOC:rusia, all published on their landing day."""
    con = duckdb.connect()
    sql.run(con, "warehouse/schema.sql")
    for article in sorted({article for _, article, _ in names}):
        day = next(day for day, a, _ in names if a == article)
        con.execute(
            "INSERT INTO articles (article_id, ingest_date, source_path, title, published_at, "
            "paragraph_count, word_count, char_count, ad_marker_count, entity_count, layout, "
            "content_sha256, parser_version) "
            "VALUES ($a, $day, $a, 't', CAST($day AS TIMESTAMPTZ) + INTERVAL 6 HOUR, "
            "1, 1, 1, 0, 1, 'x', $a, 'v')",
            {"a": article, "day": day},
        )
        con.execute(
            "INSERT INTO raw_files VALUES ($day, $a, 1, NULL, 'utf-8', 'parsed', NULL, $a)",
            {"a": article, "day": day},
        )
        con.execute(
            "INSERT INTO entities VALUES ($a, 0, 0, 5, 'Rusia', 'LOC', 'Rusia', 'LOC:rusia', "
            "'rule', $day)",
            {"a": article, "day": day},
        )
    for start, (day, article, name) in enumerate(names, 10):
        con.execute(
            "INSERT INTO entities VALUES ($a, 0, $s, $s + 1, $n, 'PER', $n, 'PER:maruf-amin', "
            "'rule', $day)",
            {"a": article, "s": start, "n": name, "day": day},
        )
    sql.run(con, "warehouse/derive_missing.sql")
    for view in sql.views():
        sql.run(con, f"views/{view}.sql")
    return con


def _names_given(con: duckdb.DuckDBPyConnection, key: str) -> dict[str, set[str]]:
    """Every name the entity views and example queries give ``key``, by view or query."""
    given: dict[str, set[str]] = {}
    for view in sql.views():
        columns = con.table(view).columns
        for suffix in ("", "_a", "_b"):
            if f"entity_key{suffix}" in columns and f"canonical_name{suffix}" in columns:
                found = con.sql(
                    f"SELECT DISTINCT canonical_name{suffix} FROM {view} "
                    f"WHERE entity_key{suffix} = $key",
                    params={"key": key},
                ).fetchall()
                given.setdefault(view, set()).update(name for (name,) in found)
    for path in sorted((sql.sql_dir() / "analysis").glob("*.sql")):
        answer = rows(con, f"analysis/{path.name}")
        if answer and "canonical_name" in answer[0] and "entity_key" in answer[0]:
            found = {row["canonical_name"] for row in answer if row["entity_key"] == key}
            given[path.name] = found
    return given


def test_every_entity_view_and_query_names_a_key_by_its_most_frequent_name():
    # Maruf Amin is the most frequent name over all days, though not on the first (the least
    # name there) nor the greatest or least overall; a view taking min() would say MA'RUF AMIN.
    con = _entity_name_days(
        [
            ("2026-11-20", "a1", "MA'RUF AMIN"),
            ("2026-11-20", "a1", "MA'RUF AMIN"),
            ("2026-11-21", "a2", "Maruf Amin"),
            ("2026-11-21", "a3", "Maruf Amin"),
            ("2026-11-22", "a4", "Maruf Amin"),
            ("2026-11-22", "a4", "Ma'ruf Amin"),
        ]
    )
    given = _names_given(con, "PER:maruf-amin")
    assert {
        "entity_names",
        "entity_summary",
        "entity_daily_mentions",
        "entity_published_mentions",
        "entity_cooccurrence",
        "top_entities.sql",
        "entities_with_rusia.sql",
        "rising_entities.sql",
    } <= set(given)
    assert all(names == {"Maruf Amin"} for names in given.values()), given
    assert con.sql(
        "SELECT label, canonical_name, name_count FROM entity_names "
        "WHERE entity_key = 'PER:maruf-amin'"
    ).fetchall() == [("PER", "Maruf Amin", 3)]
    # the derived day keeps that day's most frequent name
    assert con.sql(
        "SELECT ingest_date::VARCHAR, canonical_name FROM entity_days "
        "WHERE entity_key = 'PER:maruf-amin' ORDER BY 1"
    ).fetchall() == [
        ("2026-11-20", "MA'RUF AMIN"),
        ("2026-11-21", "Maruf Amin"),
        ("2026-11-22", "Maruf Amin"),  # a tie: the greater name
    ]


def test_a_tie_between_names_goes_to_the_greater_whatever_the_row_order():
    for order in ([("x", "Jakarta"), ("y", "JAKARTA")], [("y", "JAKARTA"), ("x", "Jakarta")]):
        con = _entity_name_days([("2026-11-20", article, name) for article, name in order])
        assert _names_given(con, "PER:maruf-amin")["entity_names"] == {"Jakarta"}


def test_views_are_created_after_the_views_they_read():
    order = sql.views()
    assert sorted(order) == sorted(p.stem for p in (sql.sql_dir() / "views").glob("*.sql"))
    for earlier, later in [
        ("entity_names", "entity_cooccurrence"),
        ("entity_names", "entity_daily_mentions"),
        ("article_overview", "entity_published_mentions"),
    ]:
        assert order.index(earlier) < order.index(later)


def test_the_sql_readme_queries_run_on_the_sample_warehouse(con):
    text = (Path(__file__).resolve().parents[2] / "sql" / "README.md").read_text("utf-8")
    blocks = re.findall(r"```sql\n(.*?)```", text, flags=re.DOTALL)
    assert len(blocks) >= 3
    for block in blocks:
        for statement in sql.split_statements(block):
            assert con.sql(statement).fetchall(), statement
    top = con.sql(blocks[1]).fetchall()  # one row per person, however many names each has
    keys = con.sql(
        "SELECT entity_key FROM entity_names WHERE label = 'PER' AND canonical_name IN "
        f"({', '.join('?' * len(top))})",
        params=[name for name, _ in top],
    ).fetchall()
    assert len(top) == 10 and len(keys) == len({k for (k,) in keys}) == 10


def test_applicable_checks_find_nothing_wrong_in_the_whole_warehouse(con):
    """Checks over the five tables alone (no partition parameters or landing listing) hold for
    the whole warehouse as they do for each partition."""
    ran = 0
    for path in sorted((sql.sql_dir() / "checks").glob("*.sql")):
        text = " ".join(sql.statements(f"checks/{path.name}"))
        if "$" in text or re.search(r"\b(landing|trailing_partitions)\b", text):
            continue
        assert rows(con, f"checks/{path.name}") == [], path.name
        ran += 1
    assert ran >= 10


def test_every_table_view_and_column_is_commented(con):
    objects = con.sql(
        "SELECT table_name, comment FROM duckdb_tables() UNION ALL "
        "SELECT view_name, comment FROM duckdb_views() WHERE NOT internal"
    ).fetchall()
    assert {name for name, _ in objects} >= {*TABLES, *DERIVED_TABLES}
    assert [name for name, comment in objects if not comment] == []
    uncommented = con.sql(
        "SELECT table_name, column_name FROM duckdb_columns() "
        "WHERE NOT internal AND coalesce(comment, '') = ''"
    ).fetchall()
    assert uncommented == []


def test_the_benchmark_replication_makes_valid_partitions(sample, tmp_path):
    con = duckdb.connect()
    sql.run(
        con,
        "warehouse/replicate_for_benchmark.sql",
        source=str(sample.data_dir),
        copies=3,
        days=2,
        start="2026-01-01",
    )
    sample_store = ParquetStore(sample.data_dir)
    files = [str(sample_store.partition_file("articles", d)) for d in DAYS]
    parsed = con.sql("SELECT count(*) FROM read_parquet($files)", params={"files": files})
    parsed = parsed.fetchall()[0][0]
    assert scalar(con, "SELECT count(DISTINCT article_id) FROM bench_articles") == 3 * parsed
    assert scalar(con, "SELECT count(*) FROM bench_raw_files") == 3 * parsed
    assert scalar(con, "SELECT count(DISTINCT ingest_date) FROM bench_paragraphs") == 2
    orphans = (
        "SELECT count(*) FROM bench_{} "
        "WHERE article_id NOT IN (SELECT article_id FROM bench_articles)"
    )
    assert all(
        scalar(con, orphans.format(t)) == 0 for t in ("paragraphs", "entities", "ad_markers")
    )


def test_the_sql_files_split_into_the_statements_duckdbs_parser_finds():
    """``sql.split_statements`` knows single quotes and ``--`` comments only; every file of
    ``sql/`` keeps to that, so it splits them as DuckDB's parser does."""
    files = sorted(sql.sql_dir().rglob("*.sql"))
    assert len(files) >= 10
    for path in files:
        text = path.read_text("utf-8")
        ours = sql.split_statements(text)
        duckdbs = duckdb.extract_statements(text)
        assert len(ours) == len(duckdbs), path
        for mine, theirs in zip(ours, duckdbs, strict=True):
            assert duckdb.extract_statements(mine)[0].type == theirs.type, path


def test_the_documented_share_of_ratna_sari_found_is_the_sample_warehouses(con):
    """docs/MIGRATIONS.md, docs/NER.md and sql/README.md say how many of her mentions the
    sample finds."""
    found, written = con.execute(
        "SELECT (SELECT count(*) FROM entities WHERE entity_key = 'PER:ratna-sari'), "
        "(SELECT sum(len(string_split(text, 'Ratna Sari')) - 1) FROM paragraphs)"
    ).fetchone()
    assert (found, written) == (51, 115)
    root = Path(__file__).resolve().parents[2]
    for doc, phrase in (
        ("docs/MIGRATIONS.md", f"`Ratna Sari` is found in {found} of her {written} mentions"),
        ("docs/NER.md", f"In the sample data {found} of her {written} mentions"),
        ("docs/NER.md", f"{found} of her {written} mentions in the sample data are found"),
        ("sql/README.md", f"`Ratna Sari`: {found} of {written} mentions"),
    ):
        assert phrase in " ".join((root / doc).read_text("utf-8").split()), (doc, phrase)


def test_the_readme_shows_what_make_run_prints_for_each_sample_day(con):
    """The README's block of ``make run``'s last lines holds the sample warehouse's counts, and
    a volume warning on the seed's day only (one file against ~100 on the days before)."""
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text("utf-8")
    rows = con.execute(
        "SELECT ingest_date::VARCHAR, files, parsed, duplicate, rejected FROM partition_quality "
        "ORDER BY ingest_date"
    ).fetchall()
    assert len(rows) == 4
    for day, files, parsed, duplicate, rejected in rows:
        line = (
            f"{day}: {files} file{'' if files == 1 else 's'} ({parsed} parsed, {duplicate} "
            f"duplicate, {rejected} rejected) checks passed, warehouse published"
        )
        warned = " (warnings: raw_files:raw_files_volume)" if files < 50 else ""
        assert f"\n{line}{warned}\n" in readme, line
