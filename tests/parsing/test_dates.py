"""Publication dates in the forms Indonesian news pages print, with WIB/WITA/WIT zones."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from warta.dates import (
    is_relative_date,
    parse_absolute_date,
    parse_meta_date,
    parse_relative_date,
    plausible_publication,
)

WIB, WITA, WIT = (timezone(timedelta(hours=h)) for h in (7, 8, 9))


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("Sabtu, 10 Des 2022 13:19 WIB", datetime(2022, 12, 10, 13, 19, tzinfo=WIB)),  # detik
        ("16/02/2016, 14:38 WIB", datetime(2016, 2, 16, 14, 38, tzinfo=WIB)),
        ("Kamis, 05/11/2015 10:08 WIB", datetime(2015, 11, 5, 10, 8, tzinfo=WIB)),  # old detik
        ("22 September 2022", datetime(2022, 9, 22, tzinfo=WIB)),  # faktual
        ("Selasa, 16 Februari 2016 | 14:38 WIB", datetime(2016, 2, 16, 14, 38, tzinfo=WIB)),
        (
            "Selasa, 23 Februari 2016 15:06 WIB | 998 Views",
            datetime(2016, 2, 23, 15, 6, tzinfo=WIB),
        ),
        ("Jumat, 9 Desember 2022 pukul 10.00 WITA", datetime(2022, 12, 9, 10, tzinfo=WITA)),
        ("Published: 22 Sep 2022 10:00 WIT", datetime(2022, 9, 22, 10, tzinfo=WIT)),
        ("December 10, 2022 08:30", datetime(2022, 12, 10, 8, 30, tzinfo=WIB)),
        ("2022-12-10T13:19:56+07:00", datetime(2022, 12, 10, 13, 19, 56, tzinfo=WIB)),
        # A 12-hour clock: midnight and noon are 12; an hour no such clock shows is as written.
        ("Nov 23, 2026 11:45 PM", datetime(2026, 11, 23, 23, 45, tzinfo=WIB)),
        ("November 23, 2026 | 8:15 pm", datetime(2026, 11, 23, 20, 15, tzinfo=WIB)),
        ("22 Nov 2026 12:05 a.m.", datetime(2026, 11, 22, 0, 5, tzinfo=WIB)),
        ("22 Nov 2026 12:05 PM WIB", datetime(2026, 11, 22, 12, 5, tzinfo=WIB)),
        ("22 Nov 2026 9.30 a.m. WITA", datetime(2026, 11, 22, 9, 30, tzinfo=WITA)),
        ("22 Nov 2026 13:00 PM", datetime(2026, 11, 22, 13, tzinfo=WIB)),
        ("22 Nov 2026 10:00 pmx", datetime(2026, 11, 22, 10, tzinfo=WIB)),
        # Offsets from UTC, alone after a time or after GMT/UTC.
        ("23 Nov 2026 08:15 +0800", datetime(2026, 11, 23, 8, 15, tzinfo=WITA)),
        ("23 Nov 2026 08:15 +08:00", datetime(2026, 11, 23, 8, 15, tzinfo=WITA)),
        ("22 Nov 2026 23:30 GMT+8", datetime(2026, 11, 22, 23, 30, tzinfo=WITA)),
        (
            "22 Nov 2026 10:00 UTC-5",
            datetime(2026, 11, 22, 10, tzinfo=timezone(-timedelta(hours=5))),
        ),
        (
            "22 Nov 2026 10:00 GMT+0530",
            datetime(2026, 11, 22, 10, tzinfo=timezone(timedelta(hours=5, minutes=30))),
        ),
        ("22 Nov 2026 10:00 GMT+99", datetime(2026, 11, 22, 10, tzinfo=UTC)),  # no such offset
        # Not an offset: a minus sign after a time ends a time range or starts a count.
        ("22 Nov 2026 10:00-12:00 WIB", datetime(2026, 11, 22, 10, tzinfo=WIB)),
        ("22 Nov 2026, 10:00-11:30", datetime(2026, 11, 22, 10, tzinfo=WIB)),
        ("Senin, 22 Nov 2026 | 10:00 -1000 views", datetime(2026, 11, 22, 10, tzinfo=WIB)),
        ("22 Nov 2026 10:00 +0800 views", datetime(2026, 11, 22, 10, tzinfo=WIB)),
        ("22 Nov 2026 10:00 GMT-05:00", datetime(2026, 11, 22, 15, tzinfo=UTC)),
        # an offset and then the zone's name: the offset
        ("22 Nov 2026 23:30 +0800 WITA", datetime(2026, 11, 22, 23, 30, tzinfo=WITA)),
        ("22 Nov 2026 23:30 +0000 GMT", datetime(2026, 11, 22, 23, 30, tzinfo=UTC)),
        ("22 Nov 2026 10:00 +0800 Witness", datetime(2026, 11, 22, 10, tzinfo=WIB)),
        # an ISO date in a zone is that day: midnight WIB, as every date alone
        ("2022-12-10+07:00", datetime(2022, 12, 10, tzinfo=WIB)),
        ("2022-12-10Z", datetime(2022, 12, 10, tzinfo=WIB)),
        ("2022-12-10+09:00", datetime(2022, 12, 10, tzinfo=WIB)),
        # a date alone in a zone east of Jakarta: that day too, not 23:00 WIB the day before
        ("5 November 2025 WITA", datetime(2025, 11, 5, tzinfo=WIB)),
        ("5 November 2025 WIT", datetime(2025, 11, 5, tzinfo=WIB)),
        ("5 November 2025 GMT+9", datetime(2025, 11, 5, tzinfo=WIB)),
        # Not an offset: a year range after a date without a time.
        ("22 September 2022 -2023", datetime(2022, 9, 22, tzinfo=WIB)),
        ("22 September 2022 10:00 -2023", datetime(2022, 9, 22, 10, tzinfo=WIB)),
    ],
)
def test_absolute_dates(printed, expected):
    assert parse_absolute_date(printed) == expected


@pytest.mark.parametrize("text", ["Terpopuler", "| 1.229 Views", "31 Desember", "99/99/2022"])
def test_not_dates(text):
    assert parse_absolute_date(text) is None


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        # Against noon (WIB) of the ingest day: hours and minutes land on that day.
        ("Published 3 hours ago", datetime(2022, 12, 10, 9, tzinfo=WIB)),
        ("2 tahun lalu", datetime(2020, 12, 10, 12, tzinfo=WIB)),
        ("5 menit yang lalu", datetime(2022, 12, 10, 11, 55, tzinfo=WIB)),
        ("2 hari lalu", datetime(2022, 12, 8, 12, tzinfo=WIB)),
    ],
)
def test_relative_dates_resolve_against_ingest_date(printed, expected):
    assert is_relative_date(printed)
    assert parse_relative_date(printed, date(2022, 12, 10)) == expected


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        (
            "2022/12/10 13:19:56",
            datetime(2022, 12, 10, 13, 19, 56, tzinfo=WIB),
        ),  # detik publishdate
        ("2022-12-10T20-55-32Z", datetime(2022, 12, 10, 20, 55, 32, tzinfo=WIB)),  # detik pubdate
        ("2015-11-05 T10:08:58Z", datetime(2015, 11, 5, 10, 8, 58, tzinfo=WIB)),
        ("2022-12-10T06:19:56Z", datetime(2022, 12, 10, 13, 19, 56, tzinfo=WIB)),  # real ISO UTC
        ("kemarin", None),
    ],
)
def test_metadata_dates(meta, expected):
    assert parse_meta_date(meta) == expected


@pytest.mark.parametrize(
    ("published", "now", "plausible"),
    [
        # Parsed the next morning: the whole ingest day, plus PUBLISHED_SLACK (14 h) after it.
        (datetime(2026, 11, 25, 15, tzinfo=WIB), datetime(2026, 11, 26, 8, tzinfo=WIB), True),
        (datetime(2026, 11, 26, 14, tzinfo=WIB), datetime(2026, 11, 26, 8, tzinfo=WIB), True),
        (
            datetime(2026, 11, 26, 14, 0, 1, tzinfo=WIB),
            datetime(2026, 11, 26, 8, tzinfo=WIB),
            False,
        ),
        # Re-parsed a year later: still the end of the ingest day, not now.
        (
            datetime(2026, 11, 26, 14, 0, 1, tzinfo=WIB),
            datetime(2027, 11, 25, tzinfo=WIB),
            False,
        ),
        # Parsed during the ingest day: now, plus the slack, comes first.
        (datetime(2026, 11, 25, 23, tzinfo=WIB), datetime(2026, 11, 25, 9, tzinfo=WIB), True),
        (datetime(2026, 11, 25, 23, 1, tzinfo=WIB), datetime(2026, 11, 25, 9, tzinfo=WIB), False),
        (datetime(1990, 1, 1, tzinfo=UTC), datetime(2026, 11, 26, tzinfo=WIB), True),
        (
            datetime(1989, 12, 31, 23, 59, tzinfo=UTC),
            datetime(2026, 11, 26, tzinfo=WIB),
            False,
        ),
    ],
)
def test_plausible_publication_ends_at_the_end_of_the_ingest_day_or_now(published, now, plausible):
    """Up to the end of the ingest day (WIB) or now, whichever is earlier, plus the slack: an
    article published in the afternoon of its ingest day keeps its date."""
    assert plausible_publication(published, date(2026, 11, 25), now) is plausible


@pytest.mark.parametrize(
    ("text", "has_time"),
    [
        ("Sabtu, 10 Des 2022 13:19 WIB", True),
        ("November 23, 2026 | 8:15 pm", True),
        ("16/02/2016,14:38 WIB", True),
        ("22 September 2022", False),
        ("Selasa, 23 Februari 2016 | 1.229 Views", False),
        ("2022-12-10T13:19:56+07:00", True),
        ("2022-12-10T00:00:00+07:00", True),  # printed, midnight written out is a time
        ("2022-12-10", False),
        ("2022-12-10Z", False),
        ("2022-12-10+07:00", False),
        ("2022/12/10 13:19:56", True),
        ("2015-11-05 T10:08:58Z", True),
    ],
)
def test_a_read_date_says_whether_it_has_a_time_of_day(text, has_time):
    from warta.dates import read_absolute_date, read_meta_date

    read = read_absolute_date(text) or read_meta_date(text)
    assert read is not None and read.has_time is has_time


@pytest.mark.parametrize(
    ("text", "value", "has_time"),
    [
        ("2022-12-10T13:19:56+07:00", "2022-12-10T13:19:56+07:00", True),
        ("2022-12-10T00:00:01+07:00", "2022-12-10T00:00:01+07:00", True),
        ("2022-12-10T00:01+07:00", "2022-12-10T00:01:00+07:00", True),
        ("2022-12-09T17:00:00Z", "2022-12-09T17:00:00+00:00", True),  # midnight WIB, not as written
        ("2022/12/10 13:19", "2022-12-10T13:19:00+07:00", True),
        # exactly midnight in metadata: how a site storing only the day fills in the time; a
        # date alone, which is midnight WIB of that day whatever the zone written
        ("2022-12-10T00:00:00+07:00", "2022-12-10T00:00:00+07:00", False),
        ("2022-12-10T00:00:00.000Z", "2022-12-10T00:00:00+07:00", False),
        ("2022-12-10T00:00:00+08:00", "2022-12-10T00:00:00+07:00", False),
        ("2022-12-10 00:00", "2022-12-10T00:00:00+07:00", False),
        ("2022/12/10 00:00:00", "2022-12-10T00:00:00+07:00", False),
        ("2022-12-10", "2022-12-10T00:00:00+07:00", False),
    ],
)
def test_metadata_at_exactly_midnight_is_a_date_alone(text, value, has_time):
    from warta.dates import read_meta_date

    read = read_meta_date(text)
    assert read is not None
    assert (read.value.isoformat(), read.has_time) == (value, has_time)


@pytest.mark.parametrize(
    ("text", "is_date", "unreadable"),
    [
        ("Senin, 40 Desember 2025 10:00 WIB", False, True),
        ("31 Februari 2025", False, True),
        ("Senin, 1 Desember 2025 25:61 WIB", False, True),
        ("29/02/2025, 10:00 WIB", False, True),
        ("2025-13-40", False, True),
        ("2025-02-29T10:00:00+07:00", False, True),
        ("Senin, 1 Desember 2025 10:00 WIB", True, False),
        ("29/02/2024, 10:00 WIB", True, False),
        ("Rina Kusuma", False, False),
        ("40 penumpang selamat", False, False),
    ],
)
def test_a_date_that_is_none_is_told_from_text_that_is_no_date(text, is_date, unreadable):
    from warta.dates import read_printed_date

    read, none = read_printed_date(text)
    assert (read is not None, none) == (is_date, unreadable)


NO_DATE_PAGE = [
    "Nasional",
    "Harga Beras Naik Lagi di Pasar Induk",
    "Rina Kusuma",
    "{date}",
    "JAKARTA – Harga beras medium di Pasar Induk Cipinang naik lagi pekan ini, kata pedagang "
    "yang ditemui pada Senin pagi.",
    "Pedagang menyebut pasokan dari Jawa Tengah berkurang karena panen mundur, sementara "
    "permintaan tetap tinggi menjelang hari raya.",
]


@pytest.mark.parametrize(
    "printed",
    ["Senin, 40 Desember 2025 10:00 WIB", "31 Februari 2025", "1 Desember 2025 25:61 WIB"],
)
def test_a_printed_date_that_is_none_is_kept_as_text_with_a_warning(printed):
    """It vanished: no value, no text, no warning."""
    from warta.parsing import parse_page

    page = "\n\n".join(NO_DATE_PAGE).replace("{date}", printed)
    article = parse_page(page, ingest_date=date(2026, 11, 25))
    assert (article.published_at, article.published_text) == (None, printed)
    assert article.published_has_time is None
    assert article.warnings == [f"publication date {printed!r} is no valid date"]
    assert len(article.paragraphs) == 2 and article.title == NO_DATE_PAGE[1]


def test_a_printed_date_that_is_none_after_the_seed_layouts_label():
    from tests.conftest import SEED
    from warta.parsing import parse_page

    text = SEED.read_text("utf-8").replace(
        "Diterbitkan\n\npada\n", "Diterbitkan\n\npada\n\n31 Februari 2025\n", 1
    )
    article = parse_page(text, ingest_date=date(2026, 11, 25))
    assert article.layout == "faktual"
    assert (article.published_at, article.published_text) == (None, "31 Februari 2025")
    assert article.warnings == ["publication date '31 Februari 2025' is no valid date"]
    assert len(article.paragraphs) == 19


@pytest.mark.parametrize(
    ("published", "value", "text", "warnings"),
    [
        (
            "2025-13-40T10:00:00+07:00",
            None,
            "2025-13-40T10:00:00+07:00",
            ["publication date '2025-13-40T10:00:00+07:00' is no valid date"],
        ),
        (
            "2025-02-28T10:00:00+07:00",
            datetime(2025, 2, 28, 10, tzinfo=WIB),
            "2025-02-28T10:00:00+07:00",
            ["publication date taken from page metadata"],
        ),
    ],
)
def test_a_metadata_date_that_is_none_is_kept_as_text_with_a_warning(
    published, value, text, warnings
):
    from warta.parsing import parse_page

    html = (
        '<html><head><meta charset="utf-8"><title>Banjir</title><script type="application/ld+json">'
        f'{{"@type":"NewsArticle","datePublished":"{published}"}}</script></head><body>'
        "<h1>Banjir Rendam Ratusan Rumah di Bekasi</h1><p>BEKASI - Banjir merendam ratusan rumah "
        "di empat kelurahan di Kota Bekasi sejak Minggu malam setelah hujan deras mengguyur "
        "wilayah itu.</p><p>Petugas pemadam kebakaran dan relawan mengevakuasi warga yang "
        "terjebak di rumah mereka dengan perahu karet sejak dini hari tadi.</p></body></html>"
    )
    article = parse_page(html, ingest_date=date(2026, 11, 25), source_name="page.html")
    assert (article.published_at, article.published_text) == (value, text)
    assert article.warnings == warnings


def _html_page(head: str, printed: str = "") -> str:
    return (
        f'<html><head><meta charset="utf-8"><title>Banjir</title>{head}</head><body>'
        f"<h1>Banjir Rendam Ratusan Rumah di Bekasi</h1><p>{printed}</p><p>BEKASI - Banjir "
        "merendam ratusan rumah di empat kelurahan di Kota Bekasi sejak Minggu malam setelah "
        "hujan deras mengguyur wilayah itu.</p><p>Petugas pemadam kebakaran dan relawan "
        "mengevakuasi warga yang terjebak di rumah mereka dengan perahu karet sejak pagi.</p>"
        "</body></html>"
    )


def test_a_metadata_date_that_is_none_leaves_the_looser_metadata_date_its_place():
    from warta.parsing import parse_page

    head = (
        '<meta property="article:published_time" content="2025-13-40T10:00:00+07:00">'
        '<meta name="pubdate" content="2025/11/29 10:00:00">'
    )
    article = parse_page(_html_page(head), ingest_date=date(2026, 11, 25), source_name="a.html")
    assert (article.published_at, article.published_text) == (
        datetime(2025, 11, 29, 10, tzinfo=WIB),
        "2025/11/29 10:00:00",
    )
    assert article.warnings == [
        "publication date '2025-13-40T10:00:00+07:00' is no valid date",
        "publication date taken from page metadata",
    ]


def test_a_printed_date_that_is_none_leaves_the_metadata_date_its_place():
    from warta.parsing import parse_page

    head = '<meta property="article:published_time" content="2025-11-29T10:00:00+07:00">'
    html = _html_page(head, "Sabtu, 31 Nov 2025 10:00 WIB")
    article = parse_page(html, ingest_date=date(2026, 11, 25), source_name="a.html")
    assert (article.published_at, article.published_text) == (
        datetime(2025, 11, 29, 10, tzinfo=WIB),
        "2025-11-29T10:00:00+07:00",
    )
    assert article.warnings == [
        "publication date 'Sabtu, 31 Nov 2025 10:00 WIB' is no valid date",
        "publication date taken from page metadata",
    ]


def test_a_printed_date_that_is_none_leaves_a_valid_one_further_up_its_place():
    from warta.parsing import parse_page

    lines = [*NO_DATE_PAGE]
    lines[3:4] = ["Sabtu, 29 November 2025 10:00 WIB", "11/29/2025 10:00"]  # US order
    article = parse_page("\n\n".join(lines), ingest_date=date(2026, 11, 25))
    assert (article.published_at, article.published_text) == (
        datetime(2025, 11, 29, 10, tzinfo=WIB),
        "Sabtu, 29 November 2025 10:00 WIB",
    )
    assert article.warnings == ["publication date '11/29/2025 10:00' is no valid date"]
