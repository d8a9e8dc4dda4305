"""Ad labels, "read also" links, footers and blobs as themes print them: never paragraphs.

Each case changes one line of a real page (the seed, of the ``faktual`` layout, which reads
every block after its header as the body; a detik text dump, of the generic extractor) and
asserts that the paragraphs are the page's own, unchanged, and the line is where it belongs.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import SEED, shared_path
from warta.markers import MarkerRules
from warta.parsing import parse_page

INGEST = date(2026, 11, 25)


def _parse(text: str, name: str = "page.txt"):
    return parse_page(text, ingest_date=INGEST, source_name=name, identify_language=False)


def _texts(article) -> list[str]:
    return [p.text for p in article.paragraphs]


def _seed() -> str:
    return SEED.read_text("utf-8")


def _detik() -> str:
    return shared_path("corpora", "pages", "text", "detik-1.txt").read_text("utf-8")


def _with_line_after_paragraph(text: str, paragraph: str, line: str) -> str:
    assert text.count(paragraph) == 1
    return text.replace(paragraph, f"{paragraph}\n\n{line}", 1)


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("- Advertisement -", "advertisement"),  # the tagDiv Newspaper theme
        ("-- Advertisement --", "advertisement"),
        ("—Advertisement—", "advertisement"),
        ("Baca Juga >>>>", "related_link"),
        ("Advertisements", "advertisement"),  # WordPress.com
        ("ADVERTISEMENT:", "advertisement"),
        ("[ADVERTISEMENT]", "advertisement"),
        ("Sponsored Content", "advertisement"),
        ("Konten Bersponsor", "advertisement"),
        ("Advertisement · Scroll to continue", "advertisement"),
        ("Scroll ke bawah untuk melanjutkan membaca", "scroll_prompt"),
        ("Gulir ke bawah untuk melanjutkan membaca", "scroll_prompt"),
        ("Scroll down to continue reading", "scroll_prompt"),
        ("Baca Juga »", "related_link"),
        # all capitals, it reads like a dateline: it moved the body's start past it
        ("BACA JUGA: Apa Itu Kurikulum Merdeka?", "related_link"),
        ("Share this:", "share_buttons"),
        ("Like this:", "share_buttons"),
    ],
)
@pytest.mark.parametrize("page", ["seed", "detik"])
def test_a_label_between_paragraphs_is_a_marker_of_its_kind(page, line, kind):
    text = _seed() if page == "seed" else _detik()
    plain = _parse(text)
    second = plain.paragraphs[1].text
    article = _parse(_with_line_after_paragraph(text, second, line))
    assert _texts(article) == _texts(plain)
    [marker] = [m for m in article.ad_markers if m.text == line]
    assert (marker.kind, marker.zone, marker.after_paragraph_index) == (kind, "body", 1)


@pytest.mark.parametrize("page", ["seed", "detik"])
@pytest.mark.parametrize("label", ["Baca Juga", "BACA JUGA:", "Simak juga »", "[Baca Juga]"])
def test_a_bare_read_also_label_and_its_headline_are_one_marker(page, label):
    """The label and its linked headline were two paragraphs (the generic extractor took them
    for inline subheadings). One marker, not two: a headline alone as a marker text could
    equal a paragraph of another article, which the blocking check would flag."""
    text = _seed() if page == "seed" else _detik()
    plain = _parse(text)
    headline = "Apa Itu Kurikulum Merdeka?"
    second = plain.paragraphs[1].text
    article = _parse(_with_line_after_paragraph(text, second, f"{label}\n\n{headline}"))
    assert _texts(article) == _texts(plain)
    joined = f"{label.strip(' :»[]')}: {headline}"
    [marker] = [m for m in article.ad_markers if headline in m.text]
    assert (marker.text, marker.kind, marker.after_paragraph_index) == (joined, "related_link", 1)
    # the joined text is a marker line as such: another page printing it inline has it so
    assert MarkerRules.build().kind_of(joined) == "related_link"
    assert len(article.ad_markers) == len(plain.ad_markers) + 1


@pytest.mark.parametrize(
    "after", ["Berikut daftar lengkapnya:", "Polisi menangkap dua orang di lokasi itu."]
)
def test_a_sentence_or_an_introduction_after_a_bare_label_stays_a_paragraph(after):
    """Only a headline is the label's link: a sentence or a list's introduction after it is
    the article's."""
    text = _detik()
    plain = _parse(text)
    second = plain.paragraphs[1].text
    article = _parse(_with_line_after_paragraph(text, second, f"Baca juga:\n\n{after}"))
    assert _texts(article) == [*_texts(plain)[:2], after, *_texts(plain)[2:]]


@pytest.mark.parametrize("page", ["kompas-singlepage.txt", "antara-singlepage.txt"])
def test_a_bare_label_before_the_title_leaves_the_title(page):
    text = shared_path("corpora", "pages", "text", page).read_text("utf-8")
    plain = _parse(text)
    assert text.count(plain.title) >= 1
    article = _parse(text.replace(plain.title, f"Baca Juga\n\n{plain.title}", 1))
    assert (article.title, _texts(article)) == (plain.title, _texts(plain))


def test_html_read_also_label_and_link_run_together_is_a_marker():
    """``<span>Baca Juga</span><a>…</a>``: inline elements, one block without a space."""
    html = shared_path("corpora", "pages", "html", "detik-1.html").read_text("utf-8")
    anchor = "menyerupai pistol itu pada CE.\n                </p>"
    plain = _parse(html, "a.html")
    related = (
        '<div class="baca-juga"><span>Baca Juga</span><a href="/x">Terungkap! Cekcok Pemotor '
        "vs Pria Berpistol di Jaksel Dipicu Salip-salipan</a></div>"
    )
    article = _parse(html.replace(anchor, anchor + related), "a.html")
    assert _texts(article) == _texts(plain)
    assert any(m.text.startswith("Baca JugaTerungkap!") for m in article.ad_markers)


@pytest.mark.parametrize(
    "footer",
    [
        "Copyright © 2022 Faktual Indonesia. All rights reserved.",
        "Tentang Kami | Redaksi | Pedoman Media Siber | Kontak",
        "Tags: Korea Utara, Rusia, Ukraina",
        "Berita Terkait\n\nPutin Kunjungi Pyongyang untuk Pertama Kali\n\nKorut Uji Rudal Lagi",
        "Related Posts\n\nPutin Kunjungi Pyongyang untuk Pertama Kali",
        "Tinggalkan Balasan\n\nAlamat email Anda tidak akan dipublikasikan. Ruas wajib ditandai *",
        "Tinggalkan Balasan Batalkan balasan\n\nAlamat email Anda tidak akan dipublikasikan.",
        "2 thoughts on “Korea Utara Membantah”\n\nBudi\n\nSaya setuju dengan pernyataan itu.",
        # WordPress's order: tags, related articles, the comments (prose), then the form
        "Tags: Korea Utara, Rusia\n\nBerita Terkait\n\nPutin Kunjungi Pyongyang\n\n2 Komentar\n\n"
        "Budi Santoso\n\nSaya kira Korea Utara memang tidak akan mengaku menjual senjata itu.\n\n"
        "Balas\n\nTinggalkan Balasan",
    ],
)
def test_the_faktual_themes_footer_after_the_article_is_in_no_table(footer):
    """The layout read every block after its header as the body: the footer became
    paragraphs."""
    plain = _parse(_seed())
    article = _parse(_seed() + "\n\n" + footer + "\n")
    assert _texts(article) == _texts(plain)
    assert [m.text for m in article.ad_markers] == [m.text for m in plain.ad_markers]


@pytest.mark.parametrize(
    "line",
    [
        "Hak cipta lagu itu dimiliki oleh label rekamannya, kata dia.",
        "PDIP | 128 | 110",
        "Reporter: Budi Santoso",
        "Editor: Sari",
        "Tags: sebuah kata yang disebut dalam sidang",
        "Berita Terkait",
        "Tinggalkan komentar Anda di bawah ini jika setuju.",
        "© AFP/Kim Won Jin",  # a photo credit
        "3 komentar warganet di media sosial menyebut hal itu.",
        "Copyright 2022 Reuters. Foto ini diambil di Pyongyang.",
    ],
)
def test_a_footer_like_line_inside_the_faktual_article_ends_nothing(line):
    """Only where no paragraph follows is such a line the footer; inside the article it is a
    paragraph, as before (the first form of the rule cut the article there, 19 paragraphs to
    5, its trailer markers with them)."""
    plain = _parse(_seed())
    tenth = plain.paragraphs[10].text
    article = _parse(_with_line_after_paragraph(_seed(), tenth, line))
    assert _texts(article) == [*_texts(plain)[:11], line, *_texts(plain)[11:]]
    assert [m.text for m in article.ad_markers] == [m.text for m in plain.ad_markers]


@pytest.mark.parametrize(
    "line",
    [
        "Hak cipta lagu itu dimiliki oleh label rekamannya, kata dia.",
        "Copyright atas foto-foto itu masih dipersoalkan oleh kedua pihak hingga kini.",
        "(c) pidana denda paling banyak Rp 500 juta bagi pelanggar.",
    ],
)
def test_a_last_paragraph_that_opens_like_a_copyright_line_stays(line):
    plain = _parse(_seed())
    last = plain.paragraphs[-1].text
    article = _parse(_with_line_after_paragraph(_seed(), last, line))
    assert _texts(article) == [*_texts(plain), line]
    assert [m.text for m in article.ad_markers] == [m.text for m in plain.ad_markers]


@pytest.mark.parametrize("page", ["seed", "detik"])
@pytest.mark.parametrize("repeat", [4, 30, 20_000])  # 88, 660 and 440,000 characters
def test_a_blob_of_no_words_is_no_paragraph(page, repeat):
    """An inline image's base64 between paragraphs was a paragraph; one over 100,000 characters
    had the whole article rejected as 'paragraph too long'."""
    text = _seed() if page == "seed" else _detik()
    plain = _parse(text)
    blob = "iVBORw0KGgoAAAANSUhEUg" * repeat
    article = _parse(_with_line_after_paragraph(text, plain.paragraphs[3].text, blob))
    assert _texts(article) == _texts(plain)


@pytest.mark.parametrize("end_mark", ["***", "(***)"])
def test_a_marker_glued_after_the_end_mark_is_cut_off(end_mark):
    """``… dengan Moskow. *** Advertisement``: a lost line break after the seed's end mark."""
    seed = _seed()
    glued = seed.replace(
        "dengan Moskow. ***\n\nAdvertisement", f"dengan Moskow. {end_mark} Advertisement"
    )
    assert glued != seed
    plain, article = _parse(seed), _parse(glued)
    assert _texts(article) == _texts(plain)
    assert article.paragraphs[-1].text.endswith("dengan Moskow.")
    assert [(m.text, m.zone) for m in article.ad_markers] == [
        (m.text, m.zone) for m in plain.ad_markers
    ]
