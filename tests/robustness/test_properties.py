"""Property-based tests: on random and mutated pages the core never raises and every contract
invariant holds (keys, order, offsets, no marker text in paragraphs).

The inputs are derived from each test's name (``derandomize``), so every run of the suite tries
the same ones and a failure is reproducible. ``WARTA_FUZZ=1`` draws new inputs on each run, to
search further: ``WARTA_FUZZ=1 .venv/bin/python -m pytest tests/robustness/test_properties.py``.
"""

from __future__ import annotations

import os
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import SEED
from warta.article import ParsedArticle
from warta.body import NoArticle
from warta.decoding import Decoded, Rejection, decode_bytes
from warta.entities import extract_entities
from warta.ingest import process_bytes
from warta.markers import MarkerRules
from warta.parsing import parse_page
from warta.rows import table_rows
from warta.sample import generate
from warta.text import normalize_text

SEED_LINES = SEED.read_text("utf-8").splitlines()
SAMPLE_PAGES = [data.decode("utf-8") for data in list(generate().values())[:40] if data[:1] == b"C"]
MARKER_LINES = ["Advertisement", "ADVERTISEMENT", "Lanjutkan Membaca", "Baca juga: Berita lain",
                "SCROLL TO CONTINUE WITH CONTENT", "Continue Reading", "***"]  # fmt: skip
DAY = date(2026, 11, 25)
RULES = MarkerRules.build()
PROFILE = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=not os.environ.get("WARTA_FUZZ"),
)

dates = st.one_of(
    st.builds(
        "{} {} lalu".format, st.integers(0, 10**9), st.sampled_from(["tahun", "hari", "jam"])
    ),
    st.builds("{} hours ago".format, st.integers(0, 10**12)),
    st.builds(
        "{} {} {}".format,
        st.integers(-5, 99),
        st.sampled_from(["Januari", "Des", "September", "Mei", "Feb"]),
        st.integers(0, 99999),
    ),
    st.builds("{}/{}/{}, {}:{} WIB".format, *(st.integers(0, 9999) for _ in range(5))),
)
lines = st.one_of(
    st.sampled_from(SEED_LINES),
    dates,
    st.just("Diterbitkan"),
    st.just("pada"),
    st.sampled_from(MARKER_LINES),
    st.text(max_size=200),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=80),
    st.just(""),
)


@st.composite
def mutated_pages(draw) -> str:
    """A real page with lines dropped, duplicated, swapped or replaced by random ones."""
    base = draw(st.sampled_from([SEED_LINES, *(p.splitlines() for p in SAMPLE_PAGES)]))
    page = list(base)
    for _ in range(draw(st.integers(0, 8))):
        if not page:
            break
        at = draw(st.integers(0, len(page) - 1))
        action = draw(st.sampled_from(["drop", "dup", "replace", "insert", "swap"]))
        if action == "drop":
            del page[at]
        elif action == "dup":
            page.insert(at, page[at])
        elif action == "replace":
            page[at] = draw(lines)
        elif action == "insert":
            page.insert(at, draw(lines))
        else:
            other = draw(st.integers(0, len(page) - 1))
            page[at], page[other] = page[other], page[at]
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    return newline.join(page)


def assert_contract(article: ParsedArticle) -> None:
    assert article.title and article.title == normalize_text(article.title)
    assert article.paragraphs, "an article has a body"
    assert [p.index for p in article.paragraphs] == list(range(len(article.paragraphs)))
    lines = [p.source_line for p in article.paragraphs]
    assert lines == sorted(lines) and len(set(lines)) == len(lines)
    for paragraph in article.paragraphs:
        assert paragraph.text and paragraph.text == normalize_text(paragraph.text)
        assert RULES.kind_of(paragraph.text) is None, paragraph.text
    assert [m.index for m in article.ad_markers] == list(range(len(article.ad_markers)))
    for marker in article.ad_markers:
        assert marker.zone in {"header", "body", "trailer"}
        assert -1 <= marker.after_paragraph_index < len(article.paragraphs)
        assert (marker.zone == "header") == (marker.after_paragraph_index == -1)
    assert len(article.article_id) == 16 and article.content_sha256.startswith(article.article_id)
    mentions = extract_entities([p.text for p in article.paragraphs])
    previous = (-1, 0)
    for m in mentions:
        assert article.paragraphs[m.paragraph_index].text[m.start_char : m.end_char] == m.text
        assert m.label in {"PER", "ORG", "LOC"} and m.entity_key.startswith(m.label + ":")
        assert (m.paragraph_index, m.start_char) >= previous, "document order, no overlap"
        previous = (m.paragraph_index, m.end_char)


@PROFILE
@given(mutated_pages())
def test_mutated_pages_parse_to_the_contract_or_are_rejected(page: str):
    outcome = parse_page(page, ingest_date=DAY)
    if isinstance(outcome, NoArticle):
        assert outcome.reason
        return
    assert_contract(outcome)


@PROFILE
@given(st.text(max_size=3000))
def test_random_text_never_raises(text: str):
    outcome = parse_page(text, ingest_date=DAY)
    assert isinstance(outcome, NoArticle | ParsedArticle)
    if isinstance(outcome, ParsedArticle):
        assert_contract(outcome)


@PROFILE
@given(st.binary(max_size=4000), st.sampled_from(["page.txt", "page.html", "page.json"]))
def test_random_bytes_give_a_ledger_record(data: bytes, name: str):
    record, article, entities = process_bytes(data, f"2026-11-25/{name}", DAY)
    assert record.status in {"parsed", "rejected"}
    assert (record.status == "rejected") == (article is None) == bool(record.reject_reason)
    decoded = decode_bytes(data)
    assert isinstance(decoded, Decoded | Rejection)
    if article is not None:
        assert_contract(article)
        rows = table_rows(record.article_id, record.source_path, article, entities, DAY)
        assert rows["articles"][0]["paragraph_count"] == len(rows["paragraphs"])


@PROFILE
@given(st.lists(st.text(max_size=300), max_size=6))
def test_entities_hold_offsets_on_any_text(paragraphs: list[str]):
    texts = [normalize_text(p) for p in paragraphs]
    for m in extract_entities(texts):
        assert texts[m.paragraph_index][m.start_char : m.end_char] == m.text
        assert m.end_char > m.start_char
