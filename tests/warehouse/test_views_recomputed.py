"""Every column of the aggregate views, recomputed in Python from the base tables of the sample
warehouse: a view that counts the wrong rows, divides by the wrong total or takes min() for
max() differs here, where comparing two views that read the same derived table could not."""

from __future__ import annotations

from collections import Counter, defaultdict

import duckdb
import pytest

from tests.warehouse.conftest import copy_store
from warta.warehouse import Warehouse


@pytest.fixture(scope="module")
def con(sample, tmp_path_factory):
    root = tmp_path_factory.mktemp("recomputed")
    warehouse = Warehouse(root / "warehouse.duckdb")
    warehouse.rebuild(copy_store(sample.data_dir, root / "parquet"))
    connection = warehouse.connect_read_only()
    yield connection
    connection.close()


def _table(con: duckdb.DuckDBPyConnection, query: str) -> list[dict]:
    cursor = con.execute(query)
    columns = [column[0] for column in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def _close(a: float | None, b: float | None) -> bool:
    """Equal to the rounding of the view (at most 4 decimals)."""
    return (a is None and b is None) or (a is not None and b is not None and abs(a - b) <= 0.00051)


def test_partition_quality_recomputed(con):
    files: dict = defaultdict(Counter)
    for row in _table(con, "SELECT ingest_date, status, size_bytes FROM raw_files"):
        files[row["ingest_date"]][row["status"]] += 1
        files[row["ingest_date"]]["bytes"] += row["size_bytes"] or 0
    loaded: dict = defaultdict(Counter)
    versions: dict = defaultdict(set)
    for a in _table(con, "SELECT * FROM articles"):
        day = loaded[a["ingest_date"]]
        day["articles"] += 1
        day["paragraphs"] += a["paragraph_count"]
        day["entity_mentions"] += a["entity_count"]
        day["ad_markers"] += a["ad_marker_count"]
        day["articles_with_warnings"] += bool(a["parse_warnings"])
        versions[a["ingest_date"]].add(a["parser_version"])
    view = _table(con, "SELECT * FROM partition_quality ORDER BY ingest_date")
    assert [row["ingest_date"] for row in view] == sorted(files)
    for row in view:
        counts, day = files[row["ingest_date"]], loaded[row["ingest_date"]]
        total = sum(counts[s] for s in ("parsed", "duplicate", "rejected"))
        expected = {
            "files": total,
            **{status: counts[status] for status in ("parsed", "duplicate", "rejected")},
            "bytes": counts["bytes"],
            **{
                name: day[name]
                for name in (
                    "articles",
                    "paragraphs",
                    "entity_mentions",
                    "ad_markers",
                    "articles_with_warnings",
                )
            },
            "parser_versions": sorted(
                versions[row["ingest_date"]], key=lambda v: [int(n) for n in v.split(".")]
            ),
        }
        assert {key: row[key] for key in expected} == expected
        assert _close(row["rejected_share"], counts["rejected"] / total)
        assert _close(row["duplicate_share"], counts["duplicate"] / total)
    # the sample makes each column tell: rejects, warnings, entities and markers differ by day
    assert any(r["rejected"] for r in view) and any(r["duplicate"] for r in view)
    assert any(0 < r["articles_with_warnings"] < r["articles"] for r in view)
    assert all(r["entity_mentions"] != r["ad_markers"] for r in view)


def test_ad_density_recomputed(con):
    markers: dict = defaultdict(Counter)
    for m in _table(con, "SELECT article_id, kind, zone FROM ad_markers"):
        markers[m["article_id"]]["advertisements"] += m["kind"] == "advertisement"
        markers[m["article_id"]]["in_body"] += m["zone"] == "body"
    groups: dict = defaultdict(list)
    for a in _table(con, "SELECT * FROM articles"):
        groups[(a["site"], a["section"])].append(a)
    view = _table(con, "SELECT * FROM ad_density")
    assert len(view) == len(groups)
    for row in view:
        group = groups[(row["site"], row["section"])]
        ads = sum(a["ad_marker_count"] for a in group)
        words = sum(a["word_count"] for a in group)
        with_markers = sum(a["ad_marker_count"] > 0 for a in group)
        expected = {
            "articles": len(group),
            "ad_markers": ads,
            "advertisements": sum(markers[a["article_id"]]["advertisements"] for a in group),
            "markers_in_body": sum(markers[a["article_id"]]["in_body"] for a in group),
            "words": words,
            "articles_with_markers": with_markers,
        }
        assert {key: row[key] for key in expected} == expected, row
        assert _close(row["markers_per_article"], ads / len(group))
        assert _close(row["markers_per_1000_words"], 1000 * ads / words if words else None)
        assert _close(row["share_with_markers"], with_markers / len(group))
    # header and trailer markers exist, and groups without any marker article
    assert sum(r["markers_in_body"] for r in view) < sum(r["ad_markers"] for r in view)
    assert any(r["share_with_markers"] < 1 for r in view)


def _entities(con: duckdb.DuckDBPyConnection) -> list[dict]:
    return _table(
        con, "SELECT article_id, text, label, canonical_name, entity_key, ingest_date FROM entities"
    )


def _most_frequent_names(mentions: list[dict]) -> dict[str, str]:
    names: dict = defaultdict(Counter)
    for m in mentions:
        names[m["entity_key"]][m["canonical_name"]] += 1
    return {key: max(c, key=lambda name: (c[name], name)) for key, c in names.items()}


def test_entity_summary_and_names_recomputed(con):
    mentions = _entities(con)
    names = _most_frequent_names(mentions)
    by_key: dict = defaultdict(list)
    for m in mentions:
        by_key[m["entity_key"]].append(m)
    view = {row["entity_key"]: row for row in _table(con, "SELECT * FROM entity_summary")}
    assert set(view) == set(by_key)
    for key, found in by_key.items():
        assert view[key] == {
            "entity_key": key,
            "label": found[0]["label"],
            "canonical_name": names[key],
            "mention_count": len(found),
            "article_count": len({m["article_id"] for m in found}),
            "spelling_count": len({m["text"] for m in found}),
            "first_seen": min(m["ingest_date"] for m in found),
            "last_seen": max(m["ingest_date"] for m in found),
        }
    # the sample makes each column tell: entities mentioned twice in an article, spelled two
    # ways, seen on several days
    assert any(r["article_count"] < r["mention_count"] for r in view.values())
    assert any(r["spelling_count"] > 1 for r in view.values())
    assert any(r["first_seen"] < r["last_seen"] for r in view.values())
    expected_names = {
        key: (key.split(":", 1)[0], name, len({m["canonical_name"] for m in by_key[key]}))
        for key, name in names.items()
    }
    assert {
        row["entity_key"]: (row["label"], row["canonical_name"], row["name_count"])
        for row in _table(con, "SELECT * FROM entity_names")
    } == expected_names


def test_entity_daily_mentions_recomputed(con):
    mentions = _entities(con)
    names = _most_frequent_names(mentions)
    days: dict = defaultdict(list)
    for m in mentions:
        days[(m["ingest_date"], m["entity_key"])].append(m)
    view = _table(con, "SELECT * FROM entity_daily_mentions")
    assert len(view) == len(days)
    for row in view:
        found = days[(row["day"], row["entity_key"])]
        assert row == {
            "day": row["day"],
            "entity_key": row["entity_key"],
            "label": found[0]["label"],
            "canonical_name": names[row["entity_key"]],
            "mentions": len(found),
            "articles": len({m["article_id"] for m in found}),
        }
    assert any(r["articles"] < r["mentions"] for r in view)
