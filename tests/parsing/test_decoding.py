"""Raw bytes in the encodings scrapers save pages in decode to the same clean text."""

from __future__ import annotations

from datetime import date

import pytest

from warta.decoding import Decoded, decode_bytes
from warta.parsing import parse_page, split_blocks

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
