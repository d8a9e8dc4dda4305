"""Every shared real page (text dump and saved HTML) parses to its gold title, date, author and
body, through the layout of its site; the aggregate bars hold for both formats."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from tests.conftest import shared_path
from tests.parsing.conftest import INGEST, LAYOUT_OF_SITE, page_params
from warta.article import ParsedArticle
from warta.dates import parse_absolute_date
from warta.evaluation.pages import _BOILERPLATE, evaluate, parse_file, token_f1
from warta.markers import MarkerRules
from warta.parsing import parse_page

JAKARTA = timezone(timedelta(hours=7))
# The text dump of detik-4 prints no date at all (the saved HTML has it in its metadata).
NO_DATE_ON_PAGE = {"detik-4.txt"}


@pytest.mark.parametrize(("kind", "name", "gold"), page_params())
def test_page_matches_gold(kind, name, gold):
    path = shared_path("corpora", "pages", kind, name)
    article = parse_file(path, INGEST)
    assert isinstance(article, ParsedArticle), article
    assert article.layout == LAYOUT_OF_SITE[gold["site"]]
    assert article.title.casefold() == gold["title"].casefold()
    if name in NO_DATE_ON_PAGE:
        assert article.published_at is None
    else:
        want = datetime.fromisoformat(gold["published_at"]).astimezone(JAKARTA).date()
        assert article.published_at.astimezone(JAKARTA).date() == want
    if gold["author"]:
        assert article.author == gold["author"]
    if gold["body"]:
        text = "\n".join([article.dateline or "", article.body])
        assert token_f1(text, gold["body"]) >= 0.9
    assert article.language == "id"


@pytest.mark.parametrize("name", ["text/detik-singlepage2.txt", "html/detik-singlepage2.html"])
def test_a_photo_pages_caption_above_its_rating_widget_is_the_image_caption(name):
    article = parse_file(shared_path("corpora", "pages", name), INGEST)
    caption = "PT PLN resmi mengoperasikan Gardu Induk (GI) 150 kV Milenium."
    assert article.image_caption == caption
    assert [p.text for p in article.paragraphs] == [
        "PT PLN hari ini resmi mengoperasikan Gardu Induk (GI) 150 kV Milenium 2x60 MVA beserta "
        "jaringannya. GI Milenium merupakan bagian dari GITET Balaraja."
    ]


def test_a_photo_pages_only_prose_above_its_rating_widget_stays_the_body():
    """Without its caption line, the description stands right above the widget: it is the
    article, not a caption (the page would have no body)."""
    text = shared_path("corpora", "pages", "text", "detik-singlepage2.txt").read_text("utf-8")
    caption = "PT PLN resmi mengoperasikan Gardu Induk (GI) 150 kV Milenium.\n\n"
    assert caption in text
    article = parse_page(text.replace(caption, ""), ingest_date=INGEST)
    assert article.image_caption is None
    assert [p.text[:30] for p in article.paragraphs] == ["PT PLN hari ini resmi mengoper"]
    # a marker line between the caption and the widget is a marker, never the caption
    article = parse_page(
        text.replace(caption, caption + "Lihat Selengkapnya\n\n"), ingest_date=INGEST
    )
    assert article.image_caption is None
    assert [m.text for m in article.ad_markers] == ["Lihat Selengkapnya"]


@pytest.mark.parametrize(("kind", "name", "gold"), page_params())
def test_no_marker_or_boilerplate_in_paragraphs(kind, name, gold):
    article = parse_file(shared_path("corpora", "pages", kind, name), INGEST)
    rules = MarkerRules.build()
    for paragraph in article.paragraphs:
        assert rules.kind_of(paragraph.text) is None, paragraph.text
        assert not _BOILERPLATE.fullmatch(paragraph.text), paragraph.text
        assert paragraph.text != article.image_caption
    marker_lines = {m.source_line for m in article.ad_markers}
    assert not marker_lines & {p.source_line for p in article.paragraphs}


@pytest.mark.parametrize("kind", ["text", "html"])
def test_aggregate_bars(kind):
    pages = shared_path("corpora", "pages")
    summary = evaluate(pages, pages / "gold.jsonl", INGEST)[kind]["summary"]
    assert summary["pages"] == 17
    assert summary["titles"] >= 16
    assert summary["dates"] >= 15
    assert summary["mean_body_f1"] >= 0.90
    assert summary["leaked_paragraphs"] == 0
    assert summary["rejected"] == 0
    assert summary["sites"] == summary["sites_gold"] == 17


@pytest.mark.parametrize("kind", ["text", "html"])
def test_what_the_site_layouts_add_over_the_generic_extractor(kind):
    """``warta eval pages --generic-only`` sets the layouts aside: the generic extractor gets
    titles, dates and authors as well on these pages, but not every site: a detik text dump
    names it nowhere but in the byline (``Name - detikNews``) and detik-2.html's ``og:site_name``
    is ``sepakbola``; and it keeps the photo caption of detik-singlepage2 in its body (the
    layout's ``caption_before``)."""
    pages = shared_path("corpora", "pages")
    named = evaluate(pages, pages / "gold.jsonl", INGEST)[kind]
    generic = evaluate(pages, pages / "gold.jsonl", INGEST, generic=True)[kind]
    assert {s.layout for s in generic["pages"]} == {"generic"}
    assert generic["summary"]["sites"] == {"text": 10, "html": 16}[kind] < named["summary"]["sites"]
    for field in ("titles", "dates", "authors", "leaked_paragraphs"):
        assert generic["summary"][field] == named["summary"][field], field
    assert generic["summary"]["mean_body_f1"] < named["summary"]["mean_body_f1"]
    body_f1 = {s.page: s.body_f1 for s in generic["pages"]}
    assert {s.page for s in named["pages"] if (s.body_f1 or 0) > (body_f1[s.page] or 0)} == {
        f"detik-singlepage2.{'txt' if kind == 'text' else 'html'}"
    }
    assert "generic" not in {s.layout for s in named["pages"]}  # every page has its layout


@pytest.mark.parametrize(("kind", "name", "gold"), page_params())
def test_published_text_is_the_date_as_printed(kind, name, gold):
    """Antara prints a view counter after the date (``… 15:06 WIB | 998 Views``): not part of
    the date text. The HTML of detik-4 prints no date: its metadata's value stands in, and the
    article says so in a warning."""
    article = parse_file(shared_path("corpora", "pages", kind, name), INGEST)
    from_metadata = "publication date taken from page metadata" in article.warnings
    if name == "detik-4.html":
        assert article.published_text == "2021-09-30T12:00:35+07:00" and from_metadata
    elif name in NO_DATE_ON_PAGE:
        assert article.published_text is None
    else:
        assert not from_metadata
        assert "Views" not in article.published_text
        printed = parse_absolute_date(article.published_text)  # HTML metadata adds seconds
        assert abs(printed - article.published_at) < timedelta(minutes=1)


@pytest.mark.parametrize(
    "name",
    ["text/detik-1.txt", "html/detik-1.html", "text/detik-inet.txt", "text/detik-travel.txt"],
)
def test_a_video_placeholder_is_an_embed_not_an_advertisement(name):
    article = parse_file(shared_path("corpora", "pages", name), INGEST)
    embeds = [(m.text, m.kind, m.zone) for m in article.ad_markers if "Gambas" in m.text]
    assert embeds == [("[Gambas:Video 20detik]", "embed", "trailer")]


@pytest.mark.parametrize("kind", ["text", "html"])
@pytest.mark.parametrize(
    ("name", "section"),
    [("detik-1", "Berita"), ("detik-2", "Bola Dunia"), ("detik-inet", "Cyberlife")],
)
def test_the_detik_section_leaves_the_channel_out(kind, name, section):
    """`detikNews Berita` and detikSport's football crumbs `Sepakbola Bola Dunia` alike."""
    suffix = "txt" if kind == "text" else "html"
    article = parse_file(shared_path("corpora", "pages", kind, f"{name}.{suffix}"), INGEST)
    assert article.section == section


@pytest.mark.parametrize(
    ("crumbs", "section"),
    [
        ("detikSport Sepakbola Bola Dunia", "Bola Dunia"),
        ("Sepakbola Bola Dunia", "Bola Dunia"),
        ("detikNews Berita", "Berita"),
        ("Cyberlife", "Cyberlife"),
    ],
)
def test_the_detik_section_pattern_drops_the_channel_and_the_football_crumb(crumbs, section):
    from warta.layouts import named_layouts

    (detik,) = [layout for layout in named_layouts() if layout.name == "detik"]
    assert detik.hints.section_pattern.fullmatch(crumbs)["section"] == section


@pytest.mark.parametrize(
    ("name", "url"),
    [
        (
            "html/kompas-singlepage.html",
            "http://regional.kompas.com/read/2015/11/04/21040031/"
            "Polres.Lhokseumawe.Serahkan.Anggota.Di.Minimi.ke.Kejaksaan",
        ),  # canonical
        (
            "html/detik-2.html",
            "https://sport.detik.com/sepakbola/bola-dunia/d-6454487/"
            "susunan-pemain-maroko-vs-portugal-ronaldo-cadangan-lagi",
        ),
        # canonical and og:url empty; the address is the article's JSON-LD url
        (
            "html/antara-singlepage5.html",
            "http://www.antaranews.com/berita/629369/"
            "saat-pengadilan-pertemukan-brotoseno-dan-angelina-sondakh",
        ),
        ("html/antara-singlepage.html", None),  # the old theme gives none
        ("text/kompas-singlepage.txt", None),  # a text dump has no metadata
    ],
)
def test_the_url_is_the_pages_own_address(name, url):
    assert parse_file(shared_path("corpora", "pages", name), INGEST).url == url


@pytest.mark.parametrize("generic", [False, True])
def test_each_saved_html_page_has_the_lead_caption_of_its_text_dump(generic):
    """On HTML a caption without a credit must follow an image (``HtmlPage.after_image``): the
    saved pages' captions all do, with their site's layout or without it, and they are the ones
    the text dumps of the same pages give."""
    from contextlib import nullcontext

    from warta.layouts import generic_only

    pages = shared_path("corpora", "pages")
    with generic_only() if generic else nullcontext():
        for html in sorted((pages / "html").glob("*.html")):
            text = pages / "text" / f"{html.stem}.txt"
            captions = [parse_file(path, INGEST).image_caption for path in (html, text)]
            assert captions[0] == captions[1], html.name
            # none printed on antara-singlepage3; detik-singlepage2's is its layout's
            # (``caption_before``, the test above)
            uncaptioned = {"antara-singlepage3", *(["detik-singlepage2"] if generic else [])}
            assert bool(captions[0]) is (html.stem not in uncaptioned), html.name
