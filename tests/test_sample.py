"""The sample corpus in data/raw is exactly what the generator writes, and covers the variants."""

from __future__ import annotations

from tests.conftest import REPO
from warta.sample import DAYS, generate


def test_generator_reproduces_the_committed_sample():
    files = generate()
    assert files == generate()  # deterministic
    raw = REPO / "data" / "raw"
    committed = {
        p.relative_to(raw).as_posix(): p.read_bytes()
        for p in raw.rglob("*")
        if p.is_file() and p.parent.name in DAYS
    }
    assert committed == files
    assert len(DAYS) >= 3 and len(files) >= 300


def test_sample_covers_the_theme_variants():
    texts = [data.decode("utf-8", "replace") for data in generate().values()]
    joined = "\n".join(texts)
    for needle in (
        "\nDiterbitkan\n", "\nPublished\n", "tahun lalu", "\non\n", "Continue Reading",
        "Lanjutkan Membaca", " ***", "JAKARTA, FAKTUAL-INDONESIA:", "ARCHIPELAGO-POST:",
    ):  # fmt: skip
        assert needle in joined, needle
    ads = [text.count("\nAdvertisement") for text in texts]
    assert min(ads) == 0 and max(ads) >= 6
    assert any(
        "Diterbitkan\n\npada\n\n" in t and t.split("pada\n\n", 1)[1][:1].isupper() for t in texts
    )


def test_a_generated_html_page_names_one_author_in_its_metadata_and_its_byline():
    """The benchmark corpus's HTML pages drew the byline apart from ``<meta name=author>``, so
    the author the parser keeps (the metadata's) could not be checked against the page."""
    import re
    from datetime import date

    from warta.corpus import generate_corpus
    from warta.parsing import parse_page

    pages = [(n, d.decode()) for n, d in generate_corpus(200, 2) if n.endswith(".html")]
    assert len(pages) >= 20
    for name, page in pages:
        [meta] = re.findall(r'<meta name="author" content="([^"]+)">', page)
        [byline] = re.findall(r'<div class="byline">([^<]+)</div>', page)
        assert meta == byline, name
        article = parse_page(page, ingest_date=date(2026, 11, 20), source_name=name)
        # `Redaksi` (the editorial desk) is no person's name: no author
        assert article.author == (None if meta == "Redaksi" else meta), name
