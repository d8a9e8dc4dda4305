"""Synthetic landing zones at scale, for benchmarks: N raw articles over D date folders.

Deterministic for a given seed. Sizes follow a log-normal paragraph count (mean page ~4.5 KB,
long tail to ~100 KB); layouts are mixed: the seed's theme as text (60 %), text dumps of a
generic news site with full chrome (menus, "Terpopuler", related links, footer) (25 %), and HTML
pages with ``og:`` metadata and an address (14.5 %); 0.5 % are bad files. Every article's text
is unique. ``warta sample DIR --generated N`` writes one.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta
from html import escape
from pathlib import Path

from warta.sample import (
    AUTHORS,
    PEOPLE,
    PLACES_ID,
    SECTIONS_ID,
    SENTENCES_ID,
    TITLE_ID,
    fill_template,
    theme_page,
)

_MENU = ("Beranda", "News", "Nasional", "Internasional", "Ekonomi", "Olahraga", "Tekno", "Otomotif")
_FOOTER = ("Tentang Kami", "Redaksi", "Pedoman Media Siber", "Kontak", "Karir", "© 2026 Kabar Kota")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")
_DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")


def _paragraphs(rng: random.Random, unique: int) -> list[str]:
    count = max(2, min(400, int(rng.lognormvariate(3.0, 0.55))))
    paragraphs = [
        " ".join(
            fill_template(rng, rng.choice(SENTENCES_ID), PLACES_ID)
            for _ in range(rng.randint(1, 3))
        )
        for _ in range(count)
    ]
    paragraphs[-1] += f" Laporan nomor {unique} ini diperbarui terakhir pada sore hari."
    return paragraphs


def _printed_date(rng: random.Random, day: date) -> str:
    published = day - timedelta(days=rng.randint(0, 30))
    clock = f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}"
    weekday, month = _DAYS[published.weekday()], _MONTHS[published.month - 1]
    return f"{weekday}, {published.day} {month} {published.year} {clock} WIB"


def _generic_text(rng: random.Random, day: date, unique: int) -> str:
    title = fill_template(rng, rng.choice(TITLE_ID), PLACES_ID) + f" ({unique})"
    paragraphs = _paragraphs(rng, unique)
    paragraphs[0] = (
        f"{rng.choice(('JAKARTA', 'SURABAYA', 'MEDAN'))}, KABARKOTA.com - {paragraphs[0]}"
    )
    for position in sorted(
        rng.sample(range(1, len(paragraphs)), min(3, len(paragraphs) - 1)), reverse=True
    ):
        marker = rng.choice(
            (
                "ADVERTISEMENT",
                "SCROLL TO CONTINUE WITH CONTENT",
                f"Baca juga: {fill_template(rng, rng.choice(TITLE_ID), PLACES_ID)}",
            )
        )
        paragraphs.insert(position, marker)
    popular = [fill_template(rng, rng.choice(TITLE_ID), PLACES_ID) for _ in range(5)]
    blocks = [
        *_MENU, rng.choice(SECTIONS_ID), title,
        f"Penulis: {rng.choice(AUTHORS)}", _printed_date(rng, day),
        *paragraphs,
        "Bagikan", "Facebook", "Twitter", "WhatsApp",
        "Terpopuler", *popular,
        "Komentar", "Login untuk berkomentar", *_FOOTER,
    ]  # fmt: skip
    return "\n\n".join(blocks) + "\n"


def _html(rng: random.Random, day: date, unique: int) -> str:
    title = fill_template(rng, rng.choice(TITLE_ID), PLACES_ID) + f" ({unique})"
    published = day - timedelta(days=rng.randint(0, 30))
    paragraphs = _paragraphs(rng, unique)
    body = "\n".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    menu = "".join(f'<li><a href="/{m.lower()}">{m}</a></li>' for m in _MENU)
    popular = "".join(f"<li>{escape(p)}</li>" for p in PEOPLE[:5])
    author = escape(rng.choice(AUTHORS))
    rng.choice(AUTHORS)  # the byline's own draw once: kept, so every later draw stays as it was
    return (
        '<!DOCTYPE html>\n<html lang="id"><head><meta charset="utf-8">\n'
        f"<title>{escape(title)} - Kabar Kota</title>\n"
        f'<meta property="og:title" content="{escape(title)}">\n'
        '<meta property="og:site_name" content="Kabar Kota">\n'
        f'<meta property="og:url" content="https://kabarkota.example/berita/{unique}">\n'
        '<meta property="article:published_time" '
        f'content="{published.isoformat()}T10:00:00+07:00">\n'
        f'<meta name="author" content="{author}">\n'
        "<script>var tracking = {};</script><style>body{margin:0}</style>\n</head><body>\n"
        f"<nav><ul>{menu}</ul></nav>\n<article>\n<h1>{escape(title)}</h1>\n"
        f'<div class="byline">{author}</div>\n{body}\n</article>\n'
        f"<aside><h3>Terpopuler</h3><ul>{popular}</ul></aside>\n"
        f"<footer>{' | '.join(_FOOTER)}</footer>\n</body></html>\n"
    )


def _faktual(rng: random.Random, day: date, unique: int) -> str:
    page = theme_page(rng, day)
    extra = "\n\n".join(_paragraphs(rng, unique)[: rng.randint(1, 12)])
    marker = "\n\nAdvertisement" if "Advertisement" in page[-60:] else ""
    head, _, _ = page.rpartition("\n\nAdvertisement") if marker else (page.rstrip("\n"), "", "")
    return f"{head}\n\n{extra}{marker}\n"


def _bad(rng: random.Random, unique: int) -> tuple[str, bytes]:
    kind = rng.choice(("empty", "binary", "index"))
    if kind == "empty":
        return ".txt", b""
    if kind == "binary":
        return ".txt", b"\x89PNG\r\n\x1a\n" + rng.randbytes(2048)
    return ".txt", "\n\n".join([*_MENU, *(f"Berita {unique}-{i}" for i in range(20))]).encode()


def generate_corpus(
    articles: int, days: int, seed: int = 7, end: date = date(2026, 11, 20)
) -> Iterator[tuple[str, bytes]]:
    """``(relative path, bytes)`` for ``articles`` files spread evenly over ``days`` folders."""
    rng = random.Random(seed)
    for number in range(articles):
        day = end - timedelta(days=days - 1 - number * days // articles)
        folder = day.isoformat()
        roll = rng.random()
        if roll < 0.005:
            suffix, data = _bad(rng, number)
        elif roll < 0.15:
            suffix, data = ".html", _html(rng, day, number).encode()
        elif roll < 0.40:
            suffix, data = ".txt", _generic_text(rng, day, number).encode()
        else:
            suffix, data = ".txt", _faktual(rng, day, number).encode()
        yield f"{folder}/{number:07d}{suffix}", data


def write_corpus(directory: Path, articles: int, days: int, seed: int = 7) -> tuple[int, int]:
    """Write a generated corpus; returns (files, bytes)."""
    total = 0
    count = 0
    made: set[Path] = set()
    for relative, data in generate_corpus(articles, days, seed):
        path = Path(directory) / relative
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        path.write_bytes(data)
        total += len(data)
        count += 1
    return count, total
