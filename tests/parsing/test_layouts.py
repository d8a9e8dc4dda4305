"""Named layouts: each site's pages match its own layout, the seed matches faktual, and pages of
other sites fall through to the generic extractor."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SEED, shared_path
from tests.parsing.conftest import (
    FIXTURES,
    LAYOUT_OF_SITE,
    assert_build_refused_before_any_page,
    page_params,
)
from warta import layouts
from warta.html import looks_like_html, parse_html
from warta.layouts import HTML_HEAD_CHARS, LayoutError, load_spec, named_layouts
from warta.parsing import detect_layout, parse_page, split_blocks

LAYOUT_DIR = Path(layouts.__file__).parent


def _layout_of(text: str, name: str):
    if looks_like_html(text, name):
        return detect_layout(parse_html(text).blocks, text[:HTML_HEAD_CHARS])
    return detect_layout(split_blocks(text))


def test_every_site_has_a_layout_file():
    names = {layout.name for layout in named_layouts()}
    assert names >= {"faktual", *LAYOUT_OF_SITE.values()}


@pytest.mark.parametrize(("kind", "name", "gold"), page_params())
def test_site_pages_match_their_layout(kind, name, gold):
    text = shared_path("corpora", "pages", kind, name).read_text("utf-8")
    assert _layout_of(text, name).name == LAYOUT_OF_SITE[gold["site"]]


def test_seed_matches_faktual():
    assert _layout_of(SEED.read_text("utf-8"), SEED.name).name == "faktual"


@pytest.mark.parametrize("fixture", ["generic-article.txt", "not-found.html", "index-page.txt"])
def test_other_sites_match_no_named_layout(fixture):
    assert _layout_of((FIXTURES / fixture).read_text("utf-8"), fixture) is None


def test_generic_article_is_parsed_by_the_generic_extractor():
    from datetime import date

    text = (FIXTURES / "generic-article.txt").read_text("utf-8")
    article = parse_page(text, ingest_date=date(2022, 12, 10), source_name="generic-article.txt")
    assert article.layout == "generic"
    assert article.title == "Pemerintah Tambah Anggaran Subsidi Pupuk untuk Petani"
    assert article.author == "Rina Marlina"
    assert article.section == "Ekonomi"
    assert article.dateline == "Jakarta, Kabar Contoh"
    assert article.site == "Kabar Contoh"
    assert article.image_caption.startswith("Petani memanen padi")
    assert [p.text.split()[0] for p in article.paragraphs] == [
        "Pemerintah",
        "Menurut",
        '"Kami',
        "Ia",
    ]
    assert [(m.kind, m.zone, m.after_paragraph_index) for m in article.ad_markers] == [
        ("advertisement", "body", 1),
        ("scroll_prompt", "body", 1),
        ("related_link", "body", 2),
        ("share_buttons", "trailer", 3),
    ]
    assert article.published_at.isoformat() == "2022-12-10T09:00:00+07:00"  # 3 h before noon
    assert "publication date is relative; resolved against the ingest date" in article.warnings


def test_a_repeated_caption_that_is_a_short_sentence_is_no_paragraph():
    """The lead photo's caption, printed twice, may read like a sentence: its second copy opens
    what looks like the body, yet it is the caption, not the first paragraph."""
    from datetime import date

    seed = SEED.read_text("utf-8")
    caption = "Presiden Rusia Vladimir Putin di Moskow, Kamis."
    page = seed.replace(
        "Pemimpin Korea Utara Kim Jung-un dan Presiden Rusia Vladimir Putin serta kekuatan "
        "persenjataan militer Korut",
        caption,
    )
    assert page.count(f"\n{caption}\n") == 2
    article = parse_page(page, ingest_date=date(2026, 11, 25), source_name=SEED.name)
    original = parse_page(seed, ingest_date=date(2026, 11, 25), source_name=SEED.name)
    assert article.layout == "faktual"
    assert article.image_caption == caption
    assert [p.text for p in article.paragraphs if caption in p.text] == []
    assert len(article.paragraphs) == 19
    assert article.paragraphs == original.paragraphs
    assert article.ad_markers == original.ad_markers


def test_a_teaser_repeated_after_the_body_stays_out_of_the_generic_body():
    """A related-article teaser long enough to read as prose, listed twice after the body (under
    ``Berita Terkait`` and ``Terpopuler``): prose repeated on a page is not the article's."""
    from datetime import date

    text = (FIXTURES / "generic-article.txt").read_text("utf-8")
    teaser = (
        "Kementerian Pertanian sebelumnya memastikan stok pupuk bersubsidi di gudang-gudang di "
        "seluruh daerah cukup untuk memenuhi kebutuhan petani selama musim tanam tahun ini."
    )
    page = text.replace("Harga Beras Naik di Sejumlah Pasar Tradisional", teaser).replace(
        "Timnas Indonesia Bersiap Hadapi Piala AFF", teaser
    )
    assert page.count(teaser) == 2
    day = date(2022, 12, 10)
    article = parse_page(page, ingest_date=day, source_name="generic-article.txt")
    original = parse_page(text, ingest_date=day, source_name="generic-article.txt")
    assert article.layout == "generic"
    assert [p.text.split()[0] for p in article.paragraphs] == [
        "Pemerintah",
        "Menurut",
        '"Kami',
        "Ia",
    ]
    assert article.paragraphs == original.paragraphs
    assert article.ad_markers == original.ad_markers


def test_a_relative_date_gives_the_same_warning_in_a_named_layout_and_the_generic_extractor():
    from datetime import date

    from warta.article import RELATIVE_DATE

    seed = SEED.read_text("utf-8").replace("Diterbitkan\n\npada", "Diterbitkan\n\n2 tahun lalu", 1)
    article = parse_page(seed, ingest_date=date(2026, 11, 25), source_name=SEED.name)
    assert article.layout == "faktual"
    assert article.published_at.isoformat() == "2024-11-25T12:00:00+07:00"
    assert article.published_has_time is False  # noon of the ingest day: no time of the page's
    assert article.warnings == [RELATIVE_DATE]
    generic = (FIXTURES / "generic-article.txt").read_text("utf-8")
    other = parse_page(generic, ingest_date=date(2022, 12, 10), source_name="generic.txt")
    assert other.layout == "generic" and RELATIVE_DATE in other.warnings


def test_a_printed_date_keeps_its_12_hour_clock_and_its_offset():
    """Read as 23:30 UTC (``GMT`` without its offset), the page's 23:30 in UTC+8 fell a day
    late in Asia/Jakarta."""
    from datetime import date

    seed = SEED.read_text("utf-8").replace(
        "Diterbitkan\n\npada\n", "Diterbitkan\n\npada\n\n22 Nov 2026 11:30 PM GMT+8\n", 1
    )
    article = parse_page(seed, ingest_date=date(2026, 11, 25), source_name=SEED.name)
    assert article.layout == "faktual"
    assert article.published_text == "22 Nov 2026 11:30 PM GMT+8"
    assert article.published_at.isoformat() == "2026-11-22T23:30:00+08:00"
    assert article.published_has_time is True
    assert article.warnings == []
    dated = SEED.read_text("utf-8").replace(
        "Diterbitkan\n\npada\n", "Diterbitkan\n\npada\n\n22 Nov 2026\n", 1
    )
    article = parse_page(dated, ingest_date=date(2026, 11, 25), source_name=SEED.name)
    assert article.published_at.isoformat() == "2026-11-22T00:00:00+07:00"
    assert article.published_has_time is False


@pytest.mark.parametrize(
    ("toml", "said"),
    [
        ("[detect]\ntext_patterns = ['Kompas(']", "detect.text_patterns: bad regular expression"),
        ("[detect]\ntext_patterns = ['(?i)kompas']", "a global flag such as (?i)"),
        ('[detect]\ntext_patterns = ["Kompas\\d"]', "not valid TOML: Unescaped"),
        ("", "detect: Field required"),
        ("[detect]", "[detect] needs lines, text_patterns or html_patterns"),
        (
            "[detect]\nlines = ['a']\n[header]\nsection_pattern = '[A-Z]+'",
            "header.section_pattern: '[A-Z]+' has no group (?P<section>...)",
        ),
        (
            "[detect]\nlines = ['a']\n[header]\nauthor_patterns = ['Oleh (.+)']",
            "header.author_patterns: 'Oleh (.+)' has no group (?P<author>...)",
        ),
        (
            "[detect]\nlines = ['a']\n[header]\nauthor_pattern = 'x'\n[headers]",
            "header.author_pattern: Extra inputs are not permitted; headers: Extra inputs",
        ),
        ("[detect]\nlines = ['a']\n[markers]\nreadmore = ['Baca']", "markers.readmore.[key]"),
        ("[detect]\ntext_patterns = 'Kompas Cyber'", "detect.text_patterns: Input should be a"),
        ("[detect]\nlines = ['a']\n[header]\nchrome = 'Tweet'", "header.chrome: Input should be"),
        ("[detect]\nlines = ['a']\n[header]\nfields = ['author']", "must include 'title'"),
        ("[detect]\ntext_patterns = ['(?#c)(?i)a']", "a global flag such as (?i)"),
        ("[detect]\ntext_patterns = ['(x)\\1', 'y']", "a numbered back-reference"),
        (
            "[detect]\ntext_patterns = ['(?P<g>a)', '(?P<g>b)']",
            "cannot be searched as one: redefinition of group name",
        ),
        ("[detect]\nlines = ['']", "detect.lines.0: String should have at least 1 character"),
        (
            "[detect]\nlines = ['a']\n[header]\nsite_from_dateline = true",
            "a layout without fields does not use site_from_dateline",
        ),
        (
            "[detect]\nlines = ['a']\n[header]\nfields = ['title']\nsite = 'Site'",
            "a layout with fields does not use site",
        ),
        (
            "[detect]\nlines = ['a']\n[body]\nend_marks = ['x']",
            "a layout without header.fields does not use body.end_marks",
        ),
        (
            "[detect]\nlines = ['a']\n[header]\nfields = ['title']\n[body]\ncaption_before = ['x']",
            "a layout with header.fields does not use body.caption_before",
        ),
        ("[detect]\nlines = ['a']\n[body]\ncaption_before = ['(x']", "body.caption_before"),
    ],
)
def test_a_layout_file_is_checked_key_by_key(toml, said):
    with pytest.raises(LayoutError) as raised:
        load_spec(f"name = 'site'\n{toml}\n", "warta/layouts/site.toml")
    assert str(raised.value).startswith("warta/layouts/site.toml: ")
    assert said in str(raised.value)


def test_patterns_used_one_by_one_may_carry_a_global_flag():
    spec = load_spec(
        "name = 'site'\n[detect]\nlines = ['a']\n[header]\n"
        "author_patterns = ['(?i)oleh (?P<author>.+)']\nsection_pattern = '(?i)(?P<section>x+)'\n",
        "warta/layouts/site.toml",
    )
    (pattern,) = layouts.Layout.from_mapping(spec).hints.author_patterns
    assert pattern.fullmatch("OLEH Budi")["author"] == "Budi"


def test_every_shipped_layout_passes_its_checks():
    for entry in sorted(LAYOUT_DIR.glob("*.toml")):
        assert load_spec(entry.read_text("utf-8"), entry.name)["name"] == entry.stem


@pytest.fixture
def broken_layouts(tmp_path, monkeypatch):
    """The shipped layouts and one with a regular expression that does not compile."""
    folder = tmp_path / "layouts"
    folder.mkdir()
    for entry in LAYOUT_DIR.glob("*.toml"):
        (folder / entry.name).write_text(entry.read_text("utf-8"), "utf-8")
    (folder / "zz_new.toml").write_text("name = 'zz_new'\n[detect]\ntext_patterns = ['(']\n")
    monkeypatch.setattr(layouts, "_folder", lambda: folder)
    layouts.named_layouts.cache_clear()
    layouts._text_screen.cache_clear()
    yield
    layouts.named_layouts.cache_clear()
    layouts._text_screen.cache_clear()


def test_a_broken_layout_fails_the_build_before_any_page_is_parsed(landing, broken_layouts):
    """Every page used to be rejected as a 'parser error' (the layouts are tried on each page)
    and the day published so; now the build stops at once and writes nothing."""
    assert_build_refused_before_any_page(
        landing, r"^warta/layouts/zz_new\.toml: detect\.text_patterns"
    )


@pytest.fixture
def layout_folder(tmp_path, monkeypatch):
    """An empty folder the layouts are read from instead of the package's."""
    monkeypatch.setattr(layouts, "_folder", lambda: tmp_path)
    layouts.named_layouts.cache_clear()
    yield tmp_path
    monkeypatch.undo()
    layouts.named_layouts.cache_clear()


def test_text_patterns_of_two_layouts_that_cannot_be_searched_as_one_name_the_file(layout_folder):
    for name, group in (("one", "A"), ("two", "B")):
        (layout_folder / f"{name}.toml").write_text(
            f"name = '{name}'\n[detect]\ntext_patterns = ['(?P<x>{group})']\n"
        )
    with pytest.raises(LayoutError, match=r"^warta/layouts/two\.toml: detect\.text_patterns"):
        named_layouts()


def test_a_layout_named_otherwise_than_its_file_is_refused(layout_folder):
    (layout_folder / "site.toml").write_text("name = 'other'\n[detect]\nlines = ['a']\n")
    with pytest.raises(LayoutError, match=r"site\.toml: name 'other' is not the file's name"):
        named_layouts()


def test_the_command_line_names_a_broken_layout_without_a_traceback(broken_layouts, capsys):
    from warta.cli import main

    assert main(["parse", str(SEED)]) == 2
    error = capsys.readouterr().err
    assert error.startswith("warta: warta/layouts/zz_new.toml: detect.text_patterns: bad regular")
    assert "Traceback" not in error


def test_a_dagster_run_fails_at_once_naming_the_broken_layout(landing, broken_layouts):
    """The parse step fails with the file and key, and is not retried: waiting cannot mend it."""
    from tests.conftest import run_daily

    day = landing.raw_dir / "2026-11-25"
    day.mkdir()
    (day / "seed.txt").write_bytes(SEED.read_bytes())
    result = run_daily("2026-11-25")
    assert not result.success
    (failure,) = result.get_step_failure_events()
    description = failure.step_failure_data.user_failure_data.description
    assert description.startswith("warta/layouts/zz_new.toml: detect.text_patterns: bad regular")
    assert not [e for e in result.all_events if e.event_type_value == "STEP_UP_FOR_RETRY"]
    assert not landing.warehouse.exists()


def _seed_variant(page: str):
    from datetime import date

    return parse_page(page, ingest_date=date(2026, 11, 25), source_name=SEED.name)


def _texts(article) -> list[str]:
    return [p.text for p in article.paragraphs]


def test_the_layouts_chrome_is_in_no_field_and_no_paragraph():
    """``Connect with us`` (faktual's chrome) is skipped wherever it stands: first on the page,
    where without the rubric line it would be taken for the section, or after the body, where it
    would be a last paragraph."""
    seed = SEED.read_text("utf-8")
    original = _seed_variant(seed)
    assert original.section == "Internasional"
    without_rubric = _seed_variant(seed.replace("Internasional\n", "", 1))
    assert without_rubric.layout == "faktual" and without_rubric.section is None
    assert _texts(without_rubric) == _texts(original)
    after_body = _seed_variant(seed.rstrip("\n") + "\n\nConnect with us\n")
    assert _texts(after_body) == _texts(original)
    assert after_body.ad_markers == original.ad_markers


@pytest.mark.parametrize("copies", [1, 2])
def test_a_short_caption_is_the_caption_not_the_first_paragraph(copies):
    """A three-word caption ending like a sentence (``Ilustrasi senjata (Antara).``), printed
    once or twice, is too short to be body prose: it is the image caption, and the body starts
    after it."""
    seed = SEED.read_text("utf-8")
    original = _seed_variant(seed)
    caption = "Ilustrasi senjata (Antara)."
    twice = f"{original.image_caption}\n\n{original.image_caption}"
    assert seed.count(twice) == 1
    article = _seed_variant(seed.replace(twice, "\n\n".join([caption] * copies)))
    assert article.image_caption == caption
    assert _texts(article) == _texts(original)


_LEAD = "JAKARTA, KABARKOTA.com - Pemerintah menaikkan harga bahan bakar mulai pekan depan."
_LEAD_PAGE = [
    "Ekonomi",
    "Pemerintah Naikkan Harga BBM Pekan Depan",
    "Penulis: Budi Santoso",
    "Senin, 23 November 2026 10:15 WIB",
    "{lead}",
    "Kenaikan itu diumumkan oleh menteri energi dalam jumpa pers di Jakarta pada Senin pagi.",
    "Menurut menteri, harga baru berlaku untuk semua jenis bahan bakar bersubsidi di seluruh "
    "negeri.",
    "Warga diminta tidak panik dan tidak menimbun bahan bakar menjelang kenaikan harga tersebut.",
]


@pytest.mark.parametrize(
    ("lead", "markers"),
    [
        (_LEAD, []),
        # a marker between the lead and the rest stays in the body, after the lead
        (f"{_LEAD}\n\nADVERTISEMENT", [("ADVERTISEMENT", "body", 0)]),
        (_LEAD.replace("JAKARTA, KABARKOTA.com", "Jakarta (KABARKOTA.com)"), []),
        # a sentence may end with a quote, a question or an exclamation
        (_LEAD.replace("depan.", 'depan," kata menteri.'), []),
        (_LEAD.replace("depan.", "depan?"), []),
    ],
)
def test_a_one_sentence_lead_that_opens_with_a_dateline_is_the_first_paragraph(lead, markers):
    """A lead of one short sentence opening with a dateline is too short to start the run of
    prose; it is still the body's first paragraph, not the image caption (it was: the caption,
    and the paragraph lost)."""
    from datetime import date

    page = "\n\n".join(_LEAD_PAGE).replace("{lead}", lead)
    article = parse_page(page, ingest_date=date(2026, 11, 25), source_name="lead.txt")
    assert article.layout == "generic"
    assert article.dateline == lead.split(" - ")[0] and article.image_caption is None
    assert article.site == "Kabar Kota"  # warta/publishers.toml
    assert _texts(article) == [lead.split("\n")[0].split(" - ", 1)[1], *_LEAD_PAGE[5:]]
    assert [(m.text, m.zone, m.after_paragraph_index) for m in article.ad_markers] == markers
    assert article.paragraphs[0].source_line == 9
    assert (article.title, article.author) == (_LEAD_PAGE[1], "Budi Santoso")


def test_an_end_mark_after_a_sentence_in_the_body_is_cut_a_starred_word_is_not():
    """``***`` is cut from a body paragraph's end, not only the last one's, where a sentence
    ends before it; a word whose letters are starred out keeps its stars."""
    seed = SEED.read_text("utf-8")
    original = _seed_variant(seed)
    third, fourth = original.paragraphs[2].text, original.paragraphs[3].text
    assert third.endswith(".") and fourth.endswith(".")
    page = seed.replace(third, f"{third} ***", 1).replace(fourth, f"{fourth[:-1]} f***", 1)
    article = _seed_variant(page)
    texts = _texts(article)
    assert texts[2] == third
    assert texts[3] == f"{fourth[:-1]} f***"
    assert texts[:2] + texts[4:] == _texts(original)[:2] + _texts(original)[4:]


@pytest.mark.parametrize(
    "label",
    [
        "ILUSTRASI - Antrean kendaraan di SPBU Kuningan.",
        "VIDEO: Antrean panjang kendaraan di SPBU Kuningan.",
        "UPDATE: Artikel ini telah diperbarui.",
        # labels with a comma or brackets, as a place and its source have them
        "FOTO, VIDEO: Antrean kendaraan di SPBU Kuningan.",
        "JOKOWI, PRABOWO: Keduanya bertemu di Istana Merdeka.",
        "Ilustrasi (Shutterstock) - Antrean kendaraan di SPBU Kuningan.",
        "ILUSTRASI, SPBU - Antrean kendaraan di SPBU Kuningan.",
    ],
)
def test_a_caption_or_headline_opening_with_a_label_is_no_lead(label):
    """A short block before the body that opens with a label, not a place and its source, is
    the caption it was (or the headline), not a first paragraph with a dateline."""
    from datetime import date

    page = "\n\n".join(_LEAD_PAGE).replace("{lead}", label)
    article = parse_page(page, ingest_date=date(2026, 11, 25), source_name="lead.txt")
    assert (article.image_caption, article.dateline) == (label, None)
    assert _texts(article) == _LEAD_PAGE[5:]
    headline = "\n\n".join(["Ekonomi", "VIDEO: Kenapa Harga BBM Naik Lagi?", *_LEAD_PAGE[5:]])
    article = parse_page(headline, ingest_date=date(2026, 11, 25), source_name="headline.txt")
    assert (article.title, article.dateline) == ("VIDEO: Kenapa Harga BBM Naik Lagi?", None)
    assert _texts(article) == _LEAD_PAGE[5:]


def test_read_more_and_related_link_lines_in_the_body_are_markers():
    seed = SEED.read_text("utf-8")
    original = _seed_variant(seed)
    fourth = original.paragraphs[3].text
    lines = ["Selengkapnya", "Baca juga - Rusia Kirim Pasukan ke Perbatasan", "BACA SELENGKAPNYA"]
    article = _seed_variant(seed.replace(fourth, "\n\n".join([fourth, *lines])))
    assert _texts(article) == _texts(original)
    added = [(m.kind, m.text, m.zone, m.after_paragraph_index) for m in article.ad_markers][:3]
    assert added == [
        ("read_more", lines[0], "body", 3),
        ("related_link", lines[1], "body", 3),
        ("read_more", lines[2], "body", 3),
    ]


def test_of_header_lines_as_long_as_each_other_the_first_is_the_title():
    """The title is the longest header line; a two-word title before a two-word byline is the
    title, and the byline stays the author."""
    seed = SEED.read_text("utf-8")
    original = _seed_variant(seed)
    page = seed.replace(original.title, "Korut Membantah", 1).replace(
        original.author, "Gung Dewan", 1
    )
    article = _seed_variant(page)
    assert (article.section, article.title, article.author) == (
        "Internasional",
        "Korut Membantah",
        "Gung Dewan",
    )
