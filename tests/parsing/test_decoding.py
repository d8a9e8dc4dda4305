"""Raw bytes in the encodings scrapers save pages in decode to the same clean text."""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import SEED
from warta.decoding import Decoded, decode_bytes
from warta.parsing import invalid_bytes_warning, parse_page, split_blocks

PAGE = "Judul Berita Kafe di Jakarta\n\n" + "\n".join(
    f"Jakarta - Pemilik kafe nomor {n} mengatakan menu crème brûlée dan café au lait laris "
    "manis – terutama pada akhir pekan, ketika pengunjung datang dari berbagai kota di Jawa.\n"
    for n in range(3)
)


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (PAGE.encode("utf-8"), "utf-8"),
        (PAGE.encode("utf-8-sig"), "utf-8"),  # BOM
        (PAGE.encode("utf-16"), "utf-16"),  # BOM
        (PAGE.encode("utf-16-le"), "utf-16"),  # no BOM
        (PAGE.encode("utf-16-be"), "utf-16"),  # no BOM
        (PAGE.encode("cp1252"), "cp1252"),
    ],
)
def test_encodings_decode_to_the_same_text(data, encoding):
    decoded = decode_bytes(data)
    assert isinstance(decoded, Decoded)
    assert decoded.encoding == encoding
    assert decoded.text == PAGE
    assert not decoded.repaired_mojibake


def test_mojibake_is_repaired_and_reported():
    mojibake = PAGE.encode("utf-8").decode("cp1252").encode("utf-8")  # "crÃ¨me brÃ»lÃ©e"
    decoded = decode_bytes(mojibake)
    assert decoded.text == PAGE and decoded.repaired_mojibake
    article = parse_page(
        decoded.text, ingest_date=date(2026, 11, 25), repaired_mojibake=decoded.repaired_mojibake
    )
    assert "repaired mojibake" in article.warnings


def test_crlf_nbsp_and_nfd_are_normalised():
    raw = "Judul\r\n\r\nCafe\u0301\u00a0 di  Jakarta\r\n".encode()
    decoded = decode_bytes(raw)
    blocks = split_blocks(decoded.text)
    assert [(b.line, b.text) for b in blocks] == [(1, "Judul"), (3, "Café di Jakarta")]


# Two curly quotes (6 bytes of UTF-8), then stray bytes go in before "esan".
LINE = (
    "Jakarta - Pengunjung “Kopi Kita” memesan kopi susu dan roti bakar setiap pagi sebelum "
    "berangkat kerja di pusat kota.\n"
)
CUT = LINE.index("esan")


def test_utf8_with_a_few_invalid_bytes_stays_utf8_and_says_so():
    # The seed (14 curly quotes: 42 non-ASCII bytes) with 7 stray bytes in two places. Read as
    # latin-1 every quote would be "â\x80\x9c" mojibake; read as UTF-8 only the strays are lost.
    clean = SEED.read_bytes().decode("utf-8")
    first, second = clean.index("perang Ukraina"), clean.index("ke Iran")
    corrupt = (
        clean[:first].encode() + b"\xff\x81\xff" + clean[first:second].encode()
        + b"\x81\xff\x81\xff" + clean[second:].encode()
    )  # fmt: skip
    decoded = decode_bytes(corrupt)
    assert isinstance(decoded, Decoded)
    assert (decoded.encoding, decoded.invalid_bytes) == ("utf-8", 7)
    assert not decoded.repaired_mojibake
    assert decoded.text == (
        clean[:first] + "\ufffd" * 3 + clean[first:second] + "\ufffd" * 4 + clean[second:]
    )
    article = parse_page(
        decoded.text, ingest_date=date(2026, 11, 25), invalid_bytes=decoded.invalid_bytes
    )
    assert "7 invalid UTF-8 bytes replaced by U+FFFD" in article.warnings
    texts = [p.text for p in article.paragraphs]
    assert "Ia menuduh AS, dan “kekuatan musuh” lainnya" in texts[9]
    assert "upaya Rusia dalam \ufffd\ufffd\ufffdperang Ukraina." in texts[5]
    assert not any("\x80" <= char <= "\x9f" for text in texts for char in text)


def test_cp1252_stays_cp1252_despite_a_pair_that_is_valid_utf8():
    # "É’" is C9 92, a valid UTF-8 sequence ("ɒ"); the 6 other non-ASCII bytes are invalid.
    text = (
        "Jakarta - Pemilik “JOSÉ’S” di Jakarta mengatakan crème brûlée dan café au lait laris "
        "manis pada akhir pekan, ketika pengunjung datang.\n"
    )
    decoded = decode_bytes(text.encode("cp1252"))
    assert isinstance(decoded, Decoded)
    assert (decoded.text, decoded.encoding, decoded.invalid_bytes) == (text, "cp1252", 0)


@pytest.mark.parametrize(
    ("strays", "expected"),
    [
        # 5 of 11 non-ASCII bytes invalid, under half: UTF-8, the strays replaced
        (5, Decoded(LINE[:CUT] + "\ufffd" * 5 + LINE[CUT:], "utf-8", invalid_bytes=5)),
        # 6 of 12, half: legacy decoding as before ("\x9d" is not cp1252, so latin-1)
        (6, Decoded((LINE[:CUT] + "ÿ" * 6 + LINE[CUT:]).replace("“", "â\x80\x9c")
                    .replace("”", "â\x80\x9d"), "latin-1")),
    ],
)  # fmt: skip
def test_half_the_non_ascii_bytes_invalid_is_the_limit(strays, expected):
    data = LINE[:CUT].encode() + b"\xff" * strays + LINE[CUT:].encode()
    assert decode_bytes(data) == expected


def test_one_invalid_byte_is_named_in_the_singular():
    assert invalid_bytes_warning(1) == "1 invalid UTF-8 byte replaced by U+FFFD"
