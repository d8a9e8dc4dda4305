"""The sample corpus in data/raw is exactly what the generator writes, and covers the variants."""

from __future__ import annotations

from tests.conftest import REPO
from warta.sample import DAYS, generate


def test_generator_reproduces_the_committed_sample():
    files = generate()
    assert files == generate()  # deterministic
    raw = REPO / "data" / "raw"
    committed = {
        p.relative_to(raw).as_posix(): p.read_bytes()
        for p in raw.rglob("*")
        if p.is_file() and p.parent.name in DAYS
    }
    assert committed == files
    assert len(DAYS) >= 3 and len(files) >= 300


def test_sample_covers_the_theme_variants():
    texts = [data.decode("utf-8", "replace") for data in generate().values()]
    joined = "\n".join(texts)
    for needle in (
        "\nDiterbitkan\n", "\nPublished\n", "tahun lalu", "\non\n", "Continue Reading",
        "Lanjutkan Membaca", " ***", "JAKARTA, FAKTUAL-INDONESIA:", "ARCHIPELAGO-POST:",
    ):  # fmt: skip
        assert needle in joined, needle
    ads = [text.count("\nAdvertisement") for text in texts]
    assert min(ads) == 0 and max(ads) >= 6
    assert any(
        "Diterbitkan\n\npada\n\n" in t and t.split("pada\n\n", 1)[1][:1].isupper() for t in texts
    )
