"""Pages without an article body are rejected with the reason, never parsed into garbage."""

from __future__ import annotations

from datetime import date

import pytest

from tests.parsing.conftest import FIXTURES
from warta.body import NO_BODY, NoArticle
from warta.parsing import parse_page


@pytest.mark.parametrize(
    "fixture",
    [
        "index-page.txt",  # an index page made of short headline links
        "not-found.html",  # a 404 page
        "login-wall.txt",  # a subscriber-only teaser behind a login
    ],
)
def test_page_without_article_is_rejected(fixture):
    text = (FIXTURES / fixture).read_text("utf-8")
    outcome = parse_page(text, ingest_date=date(2022, 12, 10), source_name=fixture)
    assert outcome == NoArticle(NO_BODY)
    assert outcome.reason == "no article body found"


@pytest.mark.parametrize("text", ["", "\n\n  \n", "<html><body></body></html>"])
def test_empty_pages_are_rejected(text):
    outcome = parse_page(text, ingest_date=date(2022, 12, 10), source_name="x.html")
    assert outcome == NoArticle(NO_BODY)
