"""``articles.site``: one name a publisher, whatever form the page gives it."""

from __future__ import annotations

import tomllib
from datetime import date

import pytest

from tests.parsing.conftest import assert_build_refused_before_any_page
from warta import sites
from warta.corpus import generate_corpus
from warta.ingest import process_bytes
from warta.layouts import LayoutError, named_layouts
from warta.parsing import parse_page
from warta.sites import PUBLISHERS, canonical_site, site_key

INGEST = date(2026, 11, 25)


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("KOMPAS.com", "Kompas"),
        ("kompas.com", "Kompas"),
        ("Harian Kompas", "Kompas"),
        ("ANTARA News", "Antara"),
        ("antaranews.com", "Antara"),
        ("detikNews", "detik.com"),
        ("detikcom", "detik.com"),
        ("TEMPO.CO", "Tempo"),
        ("REPUBLIKA.CO.ID", "Republika"),
        ("www.tribunnews.com", "Tribunnews"),
        ("KABARKOTA.com", "Kabar Kota"),
        ("Kabarkota", "Kabar Kota"),
        ("Kabar Kota", "Kabar Kota"),
        # Names the file does not list are kept as given.
        ("KompasOtomotif", "Kompas"),
        ("Kompasiana", "Kompasiana"),
        ("Warta Nusantara", "Warta Nusantara"),
        ("Kabar Kota Baru", "Kabar Kota Baru"),
        (None, None),
    ],
)
def test_each_form_of_a_publisher_is_its_one_name(given, kept):
    assert canonical_site(given) == kept


def test_the_key_drops_case_spaces_punctuation_and_a_web_domain_only():
    assert site_key(" WWW.Kabar-Kota.co.id ") == "kabarkota"
    assert site_key("Faktual Indonesia") == "faktualindonesia"
    assert site_key("Indonesia.id Today") == "indonesiaidtoday"  # a domain at the end only


def test_every_alias_in_the_file_is_needed():
    """An alias whose key is its publisher's own would be dead weight that hides a typo."""
    entries = tomllib.loads(PUBLISHERS.read_text("utf-8"))["publisher"]
    for entry in entries:
        for alias in entry["aliases"]:
            assert site_key(alias) != site_key(entry["name"]), (entry["name"], alias)
    assert len({site_key(e["name"]) for e in entries}) == len(entries)


def test_each_layouts_site_is_its_publishers_one_name():
    named = [layout.hints.site for layout in named_layouts() if layout.hints and layout.hints.site]
    assert named
    assert [canonical_site(site) for site in named] == named


@pytest.mark.parametrize(
    ("lead", "site"),
    [
        ("JAKARTA, KABARKOTA.com - ", "Kabar Kota"),
        ("Jakarta (KABARKOTA.com) - ", "Kabar Kota"),
        ("Jakarta (ANTARA News) - ", "Antara"),
        ("Jakarta, detikNews - ", "detik.com"),
        ("Jakarta (SITUSBARU.com) - ", "Situsbaru"),
        ("JAKARTA, SITUSBARU.com - ", "Situsbaru"),
    ],
)
def test_a_generic_pages_dateline_gives_the_publishers_one_name(lead, site):
    body = (
        "Pemerintah daerah menyiapkan anggaran baru untuk perbaikan jalan di seluruh kota dan "
        "warga diminta ikut mengawasi pelaksanaannya bersama dinas terkait."
    )
    page = "\n".join(
        [
            "Anggaran Perbaikan Jalan Kota Disiapkan Pemerintah Daerah",
            "Senin, 23 November 2026 10:00 WIB",
            lead + body,
            body.replace("Pemerintah daerah", "Dinas pekerjaan umum"),
            body.replace("Pemerintah daerah", "Wali kota"),
        ]
    )
    article = parse_page(page, ingest_date=INGEST, source_name="a.txt")
    assert article.layout == "generic"
    assert article.dateline == lead.removesuffix(" - ")
    assert article.site == site


def test_the_benchmark_corpus_has_one_site_value_a_publisher():
    """Its generator writes one publisher as `KABARKOTA.com` in text datelines and `Kabar Kota`
    in HTML metadata: both pages must say `Kabar Kota`."""
    found: dict[str, set[str]] = {}
    for name, data in generate_corpus(400, 2):
        _, article, _ = process_bytes(data, name, INGEST)
        if article is not None and article.site:
            found.setdefault(site_key(article.site), set()).add(article.site)
    assert found["kabarkota"] == {"Kabar Kota"}
    assert all(len(names) == 1 for names in found.values()), found


@pytest.fixture
def publishers_file(tmp_path, monkeypatch):
    """A publishers file of the test's own, read instead of the package's."""
    path = tmp_path / "publishers.toml"
    monkeypatch.setattr(sites, "PUBLISHERS", path)
    sites.publisher_names.cache_clear()
    yield path
    monkeypatch.undo()
    sites.publisher_names.cache_clear()


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (
            "[[publisher]]\nname = 'Kompas'\naliases = []\n"
            "[[publisher]]\nname = 'Kompas Baru'\naliases = ['KOMPAS.com']\n",
            "'KOMPAS.com' is a form of both 'Kompas' and 'Kompas Baru'",
        ),
        ("[[publisher]]\naliases = ['x']\n", "a [[publisher]] needs a name"),
        ("[[publisher]]\nname = 'A'\naliases = 'x'\n", "'A': aliases must be a list of names"),
        ("[[publisher]\n", "not a list of [[publisher]] entries"),
        ("name = 'A'\n", "not a list of [[publisher]] entries"),
        ("[publisher]\nname = 'A'\n", "not a list of [[publisher]] entries"),
        ("publisher = ['A']\n", "not a list of [[publisher]] entries"),
        ("[[publisher]]\nname = 'A'\naliases = ['...']\n", "'A': an alias without letters"),
    ],
)
def test_a_broken_publishers_file_is_named(publishers_file, text, problem):
    publishers_file.write_text(text, "utf-8")
    with pytest.raises(LayoutError) as raised:
        canonical_site("Kompas")
    assert str(raised.value).startswith("warta/publishers.toml: ")
    assert problem in str(raised.value)


def test_a_broken_publishers_file_fails_the_build_before_any_page_is_parsed(
    landing, publishers_file
):
    publishers_file.write_text("[[publisher]]\naliases = ['x']\n", "utf-8")
    assert_build_refused_before_any_page(
        landing, r"^warta/publishers\.toml: a \[\[publisher\]\] needs"
    )
