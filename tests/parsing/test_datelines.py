"""Datelines as Indonesian wires and sites print them, and the publisher they name."""

from __future__ import annotations

import pytest

from warta.datelines import source_of_dateline, split_dateline, standalone_dateline


@pytest.mark.parametrize(
    ("paragraph", "dateline", "source"),
    [
        ("JAKARTA, KOMPAS.com - Menteri Yuddy", "JAKARTA, KOMPAS.com", "Kompas"),
        ("LHOKSEUMAWE, KOMPAS.com – Penyidik Polres", "LHOKSEUMAWE, KOMPAS.com", "Kompas"),
        ("Jakarta (ANTARA News) - PT Astra Otoparts", "Jakarta (ANTARA News)", "Antara News"),
        ("Mataram, NTB (ANTARA News) - Sebanyak 29", "Mataram, NTB (ANTARA News)", "Antara News"),
        ("Jakarta - Galaxy S6 Edge", "Jakarta", None),
        ("Jakarta, KompasOtomotif – Tahun depan", "Jakarta, KompasOtomotif", "KompasOtomotif"),
        ("FAKTUAL-INDONESIA: Pernyataan mengejutkan", "FAKTUAL-INDONESIA", None),
    ],
)
def test_dateline_forms(paragraph, dateline, source):
    found, rest = split_dateline(paragraph)
    assert found == dateline
    assert rest and rest[0].isupper()
    assert source_of_dateline(found) == source


@pytest.mark.parametrize(
    "paragraph",
    ["Menurut dia, akibat penutupan operasional bandara", "Polisi masih mendalami - kata dia"],
)
def test_no_dateline(paragraph):
    assert split_dateline(paragraph) == (None, paragraph)


@pytest.mark.parametrize(
    ("block", "dateline"),
    [
        ("Jakarta -", "Jakarta"),
        ("Doha -", "Doha"),
        (
            "ISTANBUL, 23 Februari 2016 (Antara/PRNewswire) --",
            "ISTANBUL, 23 Februari 2016 (Antara/PRNewswire)",
        ),
        ("Jakarta - Polisi masih mendalami", None),
    ],
)
def test_standalone_dateline_blocks(block, dateline):
    assert standalone_dateline(block) == dateline
