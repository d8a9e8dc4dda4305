"""Publication dates as news pages print them, in Indonesian and English.

Month and weekday names come from CLDR (via babel), so ``Des``, ``Agu``, ``Okt`` and
``December`` are all known without hand-typed tables. Times without a zone are taken as
Asia/Jakarta (WIB); ``WITA`` and ``WIT`` shift by one and two hours, an offset (``+0800``,
``GMT+8``) by what it says. A 12-hour clock's ``am``/``pm`` is read.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, timezone
from functools import cache
from typing import NamedTuple

from babel.dates import get_day_names, get_month_names

ZONES = {
    "WIB": timezone(timedelta(hours=7), "WIB"),
    "WITA": timezone(timedelta(hours=8), "WITA"),
    "WIT": timezone(timedelta(hours=9), "WIT"),
    "GMT": UTC,
    "UTC": UTC,
}
JAKARTA = ZONES["WIB"]
# Plausible publication times: news archives online start in the 1990s; a page cannot be
# published much after the day it landed (the slack covers time zones and clock skew).
EARLIEST_PUBLISHED = datetime(1990, 1, 1, tzinfo=UTC)
PUBLISHED_SLACK = timedelta(hours=14)
_LOCALES = ("id", "en")


@cache
def _month_numbers() -> dict[str, int]:
    months: dict[str, int] = {}
    for locale in _LOCALES:
        for width in ("wide", "abbreviated"):
            for number, name in get_month_names(width, locale=locale).items():
                months[name.lower().rstrip(".")] = number
    months["sept"] = 9  # a common English abbreviation CLDR does not list
    return months


@cache
def _weekday_pattern() -> str:
    names = {
        name.lower()
        for locale in _LOCALES
        for width in ("wide", "abbreviated")
        for name in get_day_names(width, locale=locale).values()
    }
    names.add("jum'at")
    return "|".join(sorted((re.escape(n) for n in names), key=len, reverse=True))


# A numeric offset from UTC, with its minutes (``+0800``, ``+08:00``, ``+7:00``, ``-05:30``).
_OFFSET = r"(?P<{}>[{}](?:(?:0?\d|1[0-4]):[0-5]\d|(?:0\d|1[0-4])[0-5]\d))(?!\d)"


_ZONE_NAMES = "WITA|WIB|WIT|GMT|UTC"


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    month = "|".join(sorted(_month_numbers(), key=len, reverse=True))
    weekday = _weekday_pattern()
    time = (
        r"(?:[,\s|\-–]+(?:pukul\s+|at\s+)?(?P<hh>\d{1,2})[:.](?P<mm>\d{2})(?::(?P<ss>\d{2}))?"
        r"(?:\s*(?P<half>[ap])\.?m\b\.?)?"  # 8:15 pm, 11:45 PM, 9.30 a.m.
        # +0800, +08:00 after a time; never a minus sign, which joins the end of a time
        # range (10:00-12:00 WIB) or a count (10:00 -1000 views)
        rf"(?:\s*{_OFFSET.format('off', '+')}(?!\s*(?!(?:{_ZONE_NAMES})(?!\w))[a-z]))?)?"
    )
    zone = (
        rf"(?:\s*(?P<zone>{_ZONE_NAMES})"
        rf"(?:{_OFFSET.format('zoff', '+-')}|(?P<zh>[+-](?:1[0-4]|0?\d))(?![\d:]))?)?"  # GMT+8
    )
    label = r"(?:(?:diterbitkan|dipublikasikan|published|posted|tanggal|date)\s*:?\s+)?"
    lead = rf"^{label}(?:(?:{weekday})\.?,?\s+)?"
    day_month_year = re.compile(
        rf"{lead}(?P<d>\d{{1,2}})\s+(?P<mon>{month})\.?,?\s+(?P<y>\d{{4}}){time}{zone}(?!\w)",
        re.IGNORECASE,
    )
    month_day_year = re.compile(
        rf"{lead}(?P<mon>{month})\.?\s+(?P<d>\d{{1,2}}),?\s+(?P<y>\d{{4}}){time}{zone}(?!\w)",
        re.IGNORECASE,
    )
    numeric = re.compile(
        rf"{lead}(?P<d>\d{{1,2}})[/-](?P<m>\d{{1,2}})[/-](?P<y>\d{{4}}){time}{zone}(?!\w)",
        re.IGNORECASE,
    )
    return day_month_year, month_day_year, numeric


_RELATIVE = re.compile(
    r"^(?:published\s+|diterbitkan\s+)?(?P<n>\d+|a|an|se)\s*"
    r"(?P<unit>detik|menit|jam|hari|minggu|pekan|bulan|tahun|"
    r"seconds?|minutes?|hours?|days?|weeks?|months?|years?)\s+(?:yang\s+)?(?:lalu|ago)$",
    re.IGNORECASE,
)
_UNIT_DAYS = {
    "detik": 1 / 86400, "second": 1 / 86400,
    "menit": 1 / 1440, "minute": 1 / 1440,
    "jam": 1 / 24, "hour": 1 / 24,
    "hari": 1, "day": 1,
    "minggu": 7, "pekan": 7, "week": 7,
    "bulan": 30, "month": 30,
    "tahun": 365, "year": 365,
}  # fmt: skip
_ISO = re.compile(
    r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$"
)


class ReadDate(NamedTuple):
    """A date read from a page: its value, and whether the text gave a time of day (a date
    alone, ``22 September 2022``, ``2022-12-10`` or ``5 November 2025 WITA``, is midnight
    Asia/Jakarta of that day, whatever zone the page names: without a time the zone tells
    nothing, and so the day stays the same in ``published_date``, which is read in Jakarta)."""

    value: datetime
    has_time: bool


def _read(value: datetime, has_time: bool) -> ReadDate:
    """``value`` as read; a date alone (``has_time`` false) at midnight Asia/Jakarta of the day
    it has in its own zone."""
    if not has_time:
        value = datetime(value.year, value.month, value.day, tzinfo=JAKARTA)
    return ReadDate(value, has_time)


def read_absolute_date(text: str) -> ReadDate | None:
    """A printed date such as ``Sabtu, 10 Des 2022 13:19 WIB``, ``16/02/2016, 14:38 WIB``,
    ``22 September 2022`` or ISO 8601, as an aware datetime; None if ``text`` holds none."""
    return read_printed_date(text)[0]


def read_printed_date(text: str) -> tuple[ReadDate | None, bool]:
    """``read_absolute_date`` of ``text``, and whether ``text`` has a date's form without being
    one (``40 Desember 2025``, ``31 Februari 2025``, ``25:61 WIB``, ``2025-13-40``), in one
    pass."""
    text = text.strip()
    if _ISO.match(text):
        read = _read_iso(text)
        return read, read is None
    for pattern in _patterns():
        match = pattern.search(text)
        if match is None:
            continue
        groups = match.groupdict()
        month = int(groups["m"]) if groups.get("m") else _month_numbers()[groups["mon"].lower()]
        try:
            value = datetime(
                int(groups["y"]),
                month,
                int(groups["d"]),
                _hour(groups["hh"], groups["half"]),
                int(groups["mm"] or 0),
                int(groups["ss"] or 0),
                tzinfo=_zone(groups),
            )
        except ValueError:
            return None, True
        return _read(value, groups["hh"] is not None), False
    return None, False


def unreadable_meta_date(text: str) -> bool:
    """True for a metadata timestamp of a date's form that is no date (``2025-13-40T10:00``)."""
    text = text.strip()
    if _read_meta(text) is not None:
        return False
    return bool(_ISO.match(text) or _LOOSE_TIMESTAMP.match(text))


def parse_absolute_date(text: str) -> datetime | None:
    """The value of :func:`read_absolute_date`."""
    read = read_absolute_date(text)
    return None if read is None else read.value


def _hour(hh: str | None, half: str | None) -> int:
    """The hour of the day of ``hh`` on a 12-hour clock's ``a``/``p`` (``12 am`` is 0, ``12
    pm`` noon); an hour that no 12-hour clock shows (``13:00 PM``, ``0:30 am``) as written."""
    hour = int(hh or 0)
    if half is None or not 1 <= hour <= 12:
        return hour
    return hour % 12 + (12 if half.lower() == "p" else 0)


def _zone(groups: dict[str, str | None]) -> timezone:
    """The time zone a printed date names: an offset (``+0800``, ``GMT+8``, ``UTC+07:00``), a
    zone's name (``WITA``), or WIB."""
    offset = groups["off"] or groups["zoff"]
    if offset:
        delta = timedelta(hours=int(offset[1:-2].rstrip(":")), minutes=int(offset[-2:]))
        return timezone(-delta if offset[0] == "-" else delta)
    if groups["zh"]:
        return timezone(timedelta(hours=int(groups["zh"])))
    return ZONES[groups["zone"].upper()] if groups["zone"] else JAKARTA


def parse_relative_date(text: str, reference: date) -> datetime | None:
    """``2 tahun lalu`` / ``3 hours ago`` resolved against noon (WIB) of ``reference``.

    The page was fetched at some time of its ingest day, which the file does not tell; noon is
    at most 12 hours off, and ``3 jam lalu`` lands on the ingest day itself (against midnight
    it would land on the day before), while ``2 hari lalu`` gives the same date either way.
    """
    match = _RELATIVE.match(text.strip())
    if match is None:
        return None
    amount = match["n"].lower()
    count = 1 if amount in {"a", "an", "se"} else int(amount)
    unit = match["unit"].lower()
    days = _UNIT_DAYS.get(unit) or _UNIT_DAYS[unit.removesuffix("s")]
    anchor = datetime(reference.year, reference.month, reference.day, 12, tzinfo=JAKARTA)
    try:
        return anchor - timedelta(days=days * count)
    except OverflowError:  # "99999 tahun lalu": before year 1, no date at all
        return None


# Metadata timestamps that are not ISO 8601: ``2022/12/10 13:19:56``, ``2022-12-10T20-55-32Z``,
# ``2015-11-05 T10:08:58Z``. Their zone letter is not to be trusted, so they are read as WIB.
_LOOSE_TIMESTAMP = re.compile(
    r"^(?P<y>\d{4})[-/](?P<m>\d{1,2})[-/](?P<d>\d{1,2})"
    r"(?:[ T]+(?P<hh>\d{1,2})[:.\-](?P<mm>\d{2})(?:[:.\-](?P<ss>\d{2}))?)?"
)


def read_meta_date(text: str) -> ReadDate | None:
    """A page-metadata timestamp: ISO 8601 with its zone, or a looser ``YYYY/MM/DD hh:mm`` form
    read as Asia/Jakarta time; None when ``text`` is neither.

    A time of exactly midnight (``2022-12-10T00:00:00+07:00``) is a date alone: it is how a
    site that stores only the day fills in the time, so ``has_time`` is false and a time the
    page prints for that day is taken instead (``warta.header``)."""
    read = _read_meta(text)
    if read is not None and read.has_time and read.value.time() == time(0):
        return _read(read.value, False)
    return read


def _read_meta(text: str) -> ReadDate | None:
    text = text.strip()
    if _ISO.match(text):
        return _read_iso(text)
    match = _LOOSE_TIMESTAMP.match(text)
    if match is None:
        return None
    try:
        value = datetime(
            int(match["y"]), int(match["m"]), int(match["d"]),
            int(match["hh"] or 0), int(match["mm"] or 0), int(match["ss"] or 0),
            tzinfo=JAKARTA,
        )  # fmt: skip
    except ValueError:
        return None
    return _read(value, match["hh"] is not None)


def parse_meta_date(text: str) -> datetime | None:
    """The value of :func:`read_meta_date`."""
    read = read_meta_date(text)
    return None if read is None else read.value


def is_relative_date(text: str) -> bool:
    """True for texts like ``2 tahun lalu`` or ``Published 3 hours ago``."""
    return _RELATIVE.match(text.strip()) is not None


_ISO_TIME = re.compile(r"[T ]\d{2}:\d{2}")
_ISO_DATE_IN_ZONE = re.compile(r"^(?P<date>\d{4}-\d{2}-\d{2})(?P<zone>Z|[+-]\d{2}:?\d{2})$")


def _read_iso(text: str) -> ReadDate | None:
    dated = _ISO_DATE_IN_ZONE.match(text)
    if dated:  # a date in a zone (2022-12-10+07:00, 2022-12-10Z): that day, not 07:00
        text = f"{dated['date']}T00:00{dated['zone']}"
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    value = value if value.tzinfo else value.replace(tzinfo=JAKARTA)
    return _read(value, dated is None and _ISO_TIME.search(text) is not None)


def plausible_publication(value: datetime, ingest_date: date, now: datetime) -> bool:
    """True when ``value`` lies between 1990 and the end of the ingest day (WIB) or now, plus
    ``PUBLISHED_SLACK``, whichever is earlier."""
    day_end = datetime(ingest_date.year, ingest_date.month, ingest_date.day, tzinfo=JAKARTA)
    latest = min(day_end + timedelta(days=1), now) + PUBLISHED_SLACK
    return EARLIEST_PUBLISHED <= value <= latest
