"""Every kind of bad input ends in the ledger, parsed or rejected with its documented reason.

The files are generated here; the partition is built for real and the run must succeed with
exactly one ledger row per file.
"""

from __future__ import annotations

import dataclasses
import gzip
import hashlib
import io
import json
import os
import subprocess
import sys
from collections import Counter
from datetime import date

import pyarrow.parquet as pq
import pytest

from tests.conftest import SEED, put, without_capabilities
from tests.parsing.conftest import FIXTURES
from warta.config import Settings
from warta.ingest import BatchTask, process_batch
from warta.landing import LandingFile
from warta.parquet_store import ParquetStore
from warta.partition import build_partition

DAY = "2026-11-25"
SEED_TEXT = SEED.read_text("utf-8")
ARTICLE = "\n\n".join(
    [
        "Connect with us", "Nasional", "Banjir Rendam Ratusan Rumah di Pinggiran Kota", "Rina Kusuma",
        "Diterbitkan", "pada", "22 September 2022",
        "JAKARTA, WARTA-NUSANTARA: Hujan deras sejak Selasa malam membuat sungai meluap dan merendam ratusan rumah warga di tiga kelurahan.",
        "Petugas gabungan mengevakuasi warga lanjut usia dan anak-anak ke tempat pengungsian sementara di gedung sekolah.",
        "Pemerintah kota menyatakan bantuan makanan dan selimut sudah disalurkan sejak pagi, dan air mulai surut menjelang siang.",
    ]
)  # fmt: skip


def _one_line_body(chars: int) -> str:
    """A page whose body is one line of exactly ``chars`` characters."""
    sentence = "Warga di tiga kelurahan mengungsi ke gedung sekolah terdekat. "
    line = (sentence * (chars // len(sentence) + 1))[:chars]
    line = line[:-1] + "." if line.endswith(" ") else line
    return f"Banjir Rendam Ratusan Rumah di Pinggiran Kota\n\n{line}\n"


def _nested(depth: int) -> str:
    """An HTML article inside ``depth`` nested ``<div>`` elements."""
    paragraphs = "".join(
        f"<p>Warga kelurahan {i} mengungsi ke gedung sekolah setelah sungai meluap semalam.</p>"
        for i in range(4)
    )
    return (
        "<html><head><title>Banjir Rendam Rumah Warga</title></head><body>"
        + "<div>" * depth
        + f"<h1>Banjir Rendam Rumah Warga</h1>{paragraphs}"
        + "</div>" * depth
        + "</body></html>"
    )


def _bad_files() -> dict[str, bytes]:
    html_error = "<html><head><title>404 Not Found</title></head><body><h1>404</h1><p>Halaman yang Anda cari tidak ditemukan.</p></body></html>"
    long_body = "\n\n".join(
        f"Paragraf nomor {i} menjelaskan perkembangan terbaru dari peristiwa itu secara rinci."
        for i in range(5000)
    )
    return {
        "empty.txt": b"",
        "whitespace.txt": b" \n\t\n   \r\n",
        "image.txt": b"\x89PNG\r\n\x1a\n" + os.urandom(64) + bytes(range(256)),
        # No known signature: binary by its control bytes (more than 1% of the first 4 KB).
        "control_bytes.txt": bytes(range(1, 9)) * 50 + ARTICLE.replace("Banjir", "Kebocoran").encode(),
        "nul_inside.txt": ARTICLE.replace("Petugas", "Petu\x00gas").encode(),
        "utf16_bom.txt": ARTICLE.encode("utf-16"),
        # BOM-less UTF-16-LE with an unpaired high surrogate (D800) before "Petugas".
        "utf16_no_bom_broken.txt": ARTICLE.replace("Petugas", "\ud800Petugas").encode("utf-16-le", "surrogatepass"),
        "cp1252.txt": ARTICLE.replace("Hujan", "Hujan “deras”").encode("cp1252"),
        "mojibake.txt": ARTICLE.replace("Hujan", "Hujan ‘deras’ — café").encode("utf-8").decode("cp1252").encode("utf-8"),
        "crlf.txt": SEED_TEXT.replace("\n", "\r\n").encode(),
        "one_huge_line.txt": b"kata " * (4 * 1024 * 1024 + 10),  # ~20 MB in one line
        "archive.txt.gz": gzip.compress(ARTICLE.encode()),
        "document.json": json.dumps({"title": "Banjir", "body": ARTICLE}).encode(),
        "feed.json": json.dumps([{"title": "Banjir", "body": ARTICLE}]).encode(),
        "program.txt": b"\x7fELF\x02\x01\x01" + bytes(64) + ARTICLE.encode(),
        "error_page.html": html_error.encode(),
        "title_only.txt": b"Banjir Rendam Ratusan Rumah di Pinggiran Kota\n",
        "ads_only.txt": b"Advertisement\n\nADVERTISEMENT\n\nLanjutkan Membaca\n\nAdvertisement\n",
        "index_page.html": (FIXTURES / "index-page-teasers.html").read_bytes(),
        # An article 600 elements deep is read (libxml2 stopped at 256); 3,000 deep is not,
        # but one before a comment thread of 2,100 unclosed elements is.
        "deep.html": _nested(600).encode(),
        "too_deep.html": _nested(3000).encode(),
        "deep_after.html": _nested(0)
        .replace("Banjir", "Longsor")
        .replace("</body>", "<div class='c'><span>komentar " * 2100 + "</body>")
        .encode(),
        "five_thousand_paragraphs.txt": f"Laporan Panjang Tentang Banjir Tahunan\n\n{long_body}".encode(),
        # A whole site saved as one line: no paragraph of news is that long (MAX_PARAGRAPH_CHARS).
        "longest_paragraph.txt": _one_line_body(100_000).encode(),
        "paragraph_too_long.txt": _one_line_body(100_001).replace("Banjir", "Longsor", 1).encode(),
        "copy one.txt": ARTICLE.encode(),
        "copy 'two' ünïcode.txt": ARTICLE.encode(),
        "--leading-dashes.txt": ARTICLE.replace("Banjir Rendam", "Banjir Besar Rendam").encode(),
        "nested/deeper/article.txt": ARTICLE.replace("Banjir", "Longsor").encode(),
        # Byte 0xff in the name: not UTF-8 (Python lists it as a lone surrogate).
        "latin1_name_\udcff.txt": ARTICLE.replace("Banjir", "Kebakaran").encode(),
    }  # fmt: skip


EXPECTED = {
    "empty.txt": ("rejected", "empty file"),
    "whitespace.txt": ("rejected", "blank file (whitespace only)"),
    "image.txt": ("rejected", "binary content (PNG image)"),
    "control_bytes.txt": ("rejected", "binary content (unknown format: control bytes)"),
    "nul_inside.txt": ("rejected", "NUL bytes inside text"),
    "utf16_bom.txt": ("duplicate", None),  # the same article as "copy 'two' ünïcode.txt"
    "utf16_no_bom_broken.txt": ("rejected", "invalid utf-16-le text"),
    "cp1252.txt": ("parsed", None),
    "mojibake.txt": ("parsed", None),
    "crlf.txt": ("parsed", None),
    "one_huge_line.txt": ("rejected", "file too large (over 16777216 bytes)"),
    "archive.txt.gz": ("rejected", "binary content (gzip archive)"),
    "document.json": ("rejected", "not a news page (JSON document)"),
    "feed.json": ("rejected", "not a news page (JSON document)"),
    "program.txt": ("rejected", "binary content (executable)"),
    "error_page.html": ("rejected", "no article body found"),
    "title_only.txt": ("rejected", "no article body found"),
    "ads_only.txt": ("rejected", "no article body found"),
    "index_page.html": ("rejected", "index page (teasers of several articles, each with its own dateline)"),
    "deep.html": ("parsed", None),
    "too_deep.html": ("rejected", "HTML nested too deeply (over 2048 elements, the rest unread)"),
    "deep_after.html": ("parsed", None),
    "five_thousand_paragraphs.txt": ("parsed", None),
    "longest_paragraph.txt": ("parsed", None),
    "paragraph_too_long.txt": ("rejected", "paragraph too long (over 100000 characters)"),
    "copy 'two' ünïcode.txt": ("parsed", None),  # sorts before "copy one.txt"
    "copy one.txt": ("duplicate", None),
    "--leading-dashes.txt": ("parsed", None),
    "nested/deeper/article.txt": ("parsed", None),
    "symlink_out.txt": ("rejected", "symlink points outside the landing zone"),
    "fifo.txt": ("rejected", "not a regular file"),
    "linked_folder_out": ("rejected", "symlink points outside the landing zone"),
    "linked_folder_in": ("rejected", "not a regular file"),
    "dangling_link.txt": ("rejected", "symlink target missing"),
    "loop_a.txt": ("rejected", "symlink loop"),
    "loop_b.txt": ("rejected", "symlink loop"),
    "loop_self.txt": ("rejected", "symlink loop"),
    "latin1_name_\\xff.txt": ("rejected", "file name is not valid UTF-8 (rename the file to land it)"),
}  # fmt: skip


@pytest.fixture
def bad_partition(landing, tmp_path):
    for name, data in _bad_files().items():
        put(landing, f"{DAY}/{name}", data)
    outside = tmp_path / "outside.txt"
    outside.write_text(ARTICLE)
    (landing.raw_dir / DAY / "symlink_out.txt").symlink_to(outside)
    os.mkfifo(landing.raw_dir / DAY / "fifo.txt")
    (landing.raw_dir / DAY / "linked_folder_out").symlink_to(tmp_path, target_is_directory=True)
    (landing.raw_dir / DAY / "linked_folder_in").symlink_to(landing.raw_dir / DAY / "nested")
    (landing.raw_dir / DAY / "dangling_link.txt").symlink_to(landing.raw_dir / DAY / "gone.txt")
    (landing.raw_dir / DAY / "loop_a.txt").symlink_to("loop_b.txt")
    (landing.raw_dir / DAY / "loop_b.txt").symlink_to("loop_a.txt")
    (landing.raw_dir / DAY / "loop_self.txt").symlink_to("loop_self.txt")
    return landing


def _ledger(settings: Settings) -> dict[str, dict]:
    table = pq.read_table(ParquetStore(settings.data_dir).partition_file("raw_files", DAY))
    return {row["source_path"].removeprefix(f"{DAY}/"): row for row in table.to_pylist()}


def test_every_bad_input_has_its_outcome(bad_partition):
    from warta.landing import LandingZone

    assert len(LandingZone(bad_partition.raw_dir).fingerprint(DAY)) == 16  # what the sensor keys on
    build = build_partition(bad_partition, DAY)
    ledger = _ledger(bad_partition)
    assert len(ledger) == build.files == len(EXPECTED)  # exactly one row per file
    got = {name: (row["status"], row["reject_reason"]) for name, row in ledger.items()}
    assert got == EXPECTED
    assert build.reject_reasons == Counter(r for s, r in EXPECTED.values() if s == "rejected")
    assert ledger["utf16_bom.txt"]["encoding"] == "utf-16"
    assert ledger["cp1252.txt"]["encoding"] == "cp1252"
    articles = {
        row["source_path"].removeprefix(f"{DAY}/"): row
        for row in pq.read_table(
            ParquetStore(bad_partition.data_dir).partition_file("articles", DAY)
        ).to_pylist()
    }
    assert "repaired mojibake" in articles["mojibake.txt"]["parse_warnings"]
    assert articles["deep_after.html"]["parse_warnings"] == [
        "HTML nested too deeply (over 2048 elements): the page was read up to there"
    ]
    assert articles["deep.html"]["parse_warnings"] == []
    assert articles["five_thousand_paragraphs.txt"]["paragraph_count"] == 5000
    # The same text in UTF-16, cp1252 or UTF-8 is the same article once decoded.
    first = ledger["copy 'two' ünïcode.txt"]["article_id"]
    assert ledger["copy one.txt"]["article_id"] == ledger["utf16_bom.txt"]["article_id"] == first
    # CRLF changes nothing: the CRLF seed is the seed article.
    from warta.decoding import decode_bytes
    from warta.parsing import parse_page

    seed = parse_page(
        decode_bytes(SEED.read_bytes()).text, ingest_date=__import__("datetime").date(2026, 11, 25)
    )
    assert ledger["crlf.txt"]["article_id"] == seed.article_id


def test_file_deleted_between_listing_and_reading(landing):
    put(landing, f"{DAY}/here.txt", ARTICLE.encode())
    task = BatchTask(
        str(landing.raw_dir), __import__("datetime").date(2026, 11, 25),
        (LandingFile(f"{DAY}/gone.txt", 123), LandingFile(f"{DAY}/here.txt", len(ARTICLE.encode()))),
        landing.max_file_bytes,
    )  # fmt: skip
    result = process_batch(task)
    gone, here = result.records
    assert (gone.status, gone.reject_reason, gone.size_bytes) == (
        "rejected",
        "file vanished before it could be read",
        123,
    )
    assert here.status == "parsed"


def _unprivileged(code: str) -> subprocess.CompletedProcess:
    """Run ``code`` without root's power to read anything, as an unprivileged scraper user."""
    drop = without_capabilities("-dac_override,-dac_read_search")
    return subprocess.run([*drop, sys.executable, "-c", code], capture_output=True, text=True)


def _build_printing(field: str) -> str:
    """Code that builds the day and prints one Counter of the build as JSON."""
    return (
        "import json; from warta.config import Settings; from warta.partition import build_partition;"
        f"b = build_partition(Settings.from_env(), {DAY!r}); print(json.dumps(b.{field}))"
    )


def test_unreadable_file_is_rejected(landing):
    put(landing, f"{DAY}/secret.txt", ARTICLE.encode())
    put(landing, f"{DAY}/open.txt", ARTICLE.replace("Banjir", "Gempa").encode())
    (landing.raw_dir / DAY / "secret.txt").chmod(0o000)
    result = _unprivileged(_build_printing("reject_reasons"))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.splitlines()[-1]) == {
        "file not readable (permission denied)": 1
    }


def test_an_unreadable_subfolder_is_one_rejected_row_and_the_rest_parses(landing):
    put(landing, f"{DAY}/open.txt", ARTICLE.encode())
    put(landing, f"{DAY}/locked/inside.txt", ARTICLE.replace("Banjir", "Gempa").encode())
    (landing.raw_dir / DAY / "locked").chmod(0o000)
    try:
        result = _unprivileged(_build_printing("statuses"))
    finally:
        (landing.raw_dir / DAY / "locked").chmod(0o755)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.splitlines()[-1]) == {"parsed": 1, "rejected": 1}
    assert {k: (r["status"], r["reject_reason"]) for k, r in _ledger(landing).items()} == {
        "locked": ("rejected", "folder not readable (permission denied)"),
        "open.txt": ("parsed", None),
    }


def test_a_day_folder_that_cannot_be_listed_fails_the_build_and_publishes_nothing(landing):
    put(landing, f"{DAY}/open.txt", ARTICLE.encode())
    build_partition(landing, DAY)
    before = _ledger(landing)
    (landing.raw_dir / DAY).chmod(0o000)
    code = (
        "from warta.config import Settings; from warta.partition import build_partition;"
        f"build_partition(Settings.from_env(), {DAY!r})"
    )
    try:
        result = _unprivileged(code)
    finally:
        (landing.raw_dir / DAY).chmod(0o755)
    assert result.returncode == 1
    assert (
        f"LandingUnavailable: landing folder {landing.raw_dir / DAY} cannot be listed "
        "(Permission denied)"
    ) in result.stderr
    assert _ledger(landing) == before


def test_a_vanished_day_folder_never_publishes_the_day_as_empty(landing):
    """An unmounted volume looks like a landing zone without day folders: a day already
    published from files is not replaced by an empty one; an empty folder is a decision."""
    from warta.landing import LandingUnavailable

    put(landing, f"{DAY}/open.txt", ARTICLE.encode())
    build_partition(landing, DAY)
    before = _ledger(landing)
    os.rename(landing.raw_dir / DAY, landing.raw_dir.parent / "moved")
    with pytest.raises(LandingUnavailable, match=f"{DAY} is missing, but the published partition"):
        build_partition(landing, DAY)
    assert _ledger(landing) == before
    (landing.raw_dir / DAY).write_text("a page saved where the folder was")
    with pytest.raises(LandingUnavailable, match=f"{DAY} is not a folder, but the published"):
        build_partition(landing, DAY)
    assert _ledger(landing) == before
    (landing.raw_dir / DAY).unlink()
    assert build_partition(landing, "2026-11-24").files == 0  # never landed: an empty day
    (landing.raw_dir / DAY).mkdir()
    assert build_partition(landing, DAY).files == 0 and _ledger(landing) == {}


def test_a_missing_landing_zone_is_an_error_not_an_empty_one(tmp_path):
    from warta.landing import LandingUnavailable, LandingZone

    zone = LandingZone(tmp_path / "not-mounted")
    for listing in (zone.partitions, lambda: zone.files(DAY), lambda: zone.fingerprint(DAY)):
        with pytest.raises(LandingUnavailable, match="is WARTA_RAW_DIR right"):
            listing()


def test_an_escaped_name_never_takes_the_path_of_a_real_one(landing):
    """The byte 0xE9 is listed as the text ``\\xe9``; a file really named so keeps its path and
    the undecodable one is told apart, so the ledger's paths stay unique."""
    put(landing, f"{DAY}/caf\\xe9.txt", ARTICLE.encode())  # a backslash, then 'xe9'
    put(landing, f"{DAY}/caf\udce9.txt", ARTICLE.replace("Banjir", "Gempa").encode())  # 0xE9
    build_partition(landing, DAY)
    assert {k: (r["status"], r["reject_reason"]) for k, r in _ledger(landing).items()} == {
        "caf\\xe9.txt": ("parsed", None),
        "caf\\xe9.txt (name not UTF-8)": (
            "rejected",
            "file name is not valid UTF-8 (rename the file to land it)",
        ),
    }


def test_names_differing_only_in_their_normal_form_are_two_files(landing):
    """``café`` composed (NFC) and decomposed (NFD, as some tools write it) are two names on
    the file system: both keep the path as spelled, so neither hides the other."""
    composed, decomposed = "caf\u00e9.txt", "cafe\u0301.txt"
    put(landing, f"{DAY}/{composed}", ARTICLE.encode())
    put(landing, f"{DAY}/{decomposed}", ARTICLE.replace("Banjir", "Gempa").encode())
    build_partition(landing, DAY)
    ledger = _ledger(landing)
    assert {k: r["status"] for k, r in ledger.items()} == {
        composed: "parsed",
        decomposed: "parsed",
    }
    assert ledger[decomposed]["source_path"] == f"{DAY}/{decomposed}"


def test_names_no_partition_takes_are_reported(landing):
    from warta.landing import LandingZone

    put(landing, f"{DAY}/fine.txt", b"x")
    put(landing, "stray.txt", b"x")
    put(landing, "2026-13-01/impossible.txt", b"x")
    put(landing, "incoming/later.txt", b"x")
    put(landing, ".partial/upload.txt", b"x")  # hidden: in flight
    zone = LandingZone(landing.raw_dir)
    assert zone.partitions() == [DAY]
    assert zone.strays() == ["2026-13-01", "incoming", "stray.txt"]
    put(landing, "two\nlines.txt", b"x")  # one line in a log: quoted, its newline escaped
    assert zone.strays_warning().endswith(
        "never parsed: 2026-13-01, incoming, stray.txt, 'two\\nlines.txt'"
    )
    # A date's name on a file or a link: said what it is, since the name looks right.
    put(landing, "2026-11-18", b"x")
    (landing.raw_dir / "2026-11-17").symlink_to(DAY)
    assert zone.partitions() == [DAY]
    assert zone.strays_warning().endswith(
        "never parsed: 2026-11-17 (a symbolic link), 2026-11-18 (not a folder), 2026-13-01, "
        "incoming, stray.txt, 'two\\nlines.txt'"
    )


def test_a_day_asked_for_whose_entry_is_a_file_or_a_link_is_refused(landing):
    """``warta run --partition D`` where D is a file or a link to a folder: refused like a
    missing folder (it was published as an empty day, or as one rejected link)."""
    import io

    from pipelines.run import run_partitions

    put(landing, "2026-11-18", b"x")
    put(landing, f"{DAY}/fine.txt", b"x")
    (landing.raw_dir / "2026-11-17").symlink_to(DAY)
    out = io.StringIO()
    runs = run_partitions(["2026-11-17", "2026-11-18"], out=out)
    assert [(r.partition, r.success) for r in runs] == [
        ("2026-11-17", False),
        ("2026-11-18", False),
    ]
    text = out.getvalue()
    assert (
        f"2026-11-17: {landing.raw_dir / '2026-11-17'} is a symbolic link; links to day folders "
        "are not followed; skipped (put the folder itself in the link's place to parse its "
        "files; --allow-empty runs the day as one without files)"
    ) in text
    assert (
        f"2026-11-18: {landing.raw_dir / '2026-11-18'} is not a folder; skipped (--allow-empty "
        "runs it as a day without files)"
    ) in text
    assert not landing.warehouse.exists()


@pytest.mark.parametrize(
    "name",
    [
        ".upload.txt.Gx41Qa",  # rsync's hidden temporary name
        "page.txt.part",
        "page.html.crdownload",
        "page.txt.tmp",
        "page.txt~",
        "p.partial",
        "P.TMP",
    ],
)
def test_a_file_under_a_temporary_name_is_in_flight_until_renamed(landing, name):
    """Uploads and downloads write under a hidden or partial name and rename the file when done:
    until then it is neither listed (a truncated page would parse as a second, cut-off copy of
    the story) nor part of the fingerprint the sensor keys its runs on; renamed, it lands."""
    from warta.landing import LandingZone

    put(landing, f"{DAY}/fine.txt", ARTICLE.encode())
    zone = LandingZone(landing.raw_dir)
    before = zone.fingerprint(DAY)
    put(landing, f"{DAY}/{name}", ARTICLE.encode()[:300])
    assert [f.source_path for f in zone.files(DAY)] == [f"{DAY}/fine.txt"]
    assert zone.fingerprint(DAY) == before
    os.rename(landing.raw_dir / DAY / name, landing.raw_dir / DAY / "done.txt")
    assert len(zone.files(DAY)) == 2 and zone.fingerprint(DAY) != before


def test_what_the_listing_skips_as_in_flight_is_what_the_stuck_check_sees(landing):
    """Every name :meth:`files` skips as still arriving is an :meth:`in_flight_files` entry:
    files, a linked folder under a partial name, a hidden folder (one entry, its files' bytes)
    and a hidden link; nothing is reported twice."""
    from warta.landing import LandingZone

    put(landing, f"{DAY}/fine.txt", b"x")
    put(landing, f"{DAY}/page.txt.part", b"12345")
    put(landing, f"{DAY}/.batch/a.txt", b"123")
    put(landing, f"{DAY}/.batch/deeper/b.txt", b"1234")
    put(landing, "elsewhere/c.txt", b"x")
    (landing.raw_dir / DAY / "mirror.part").symlink_to(landing.raw_dir / "elsewhere")
    (landing.raw_dir / DAY / ".hidden-link").symlink_to(landing.raw_dir / "elsewhere")
    zone = LandingZone(landing.raw_dir)
    assert [f.source_path for f in zone.files(DAY)] == [f"{DAY}/fine.txt"]
    stuck = {f.source_path: (f.size_bytes, f.link) for f in zone.in_flight_files(DAY)}
    assert stuck == {
        f"{DAY}/.batch": (7, False),
        f"{DAY}/.hidden-link": (len(str(landing.raw_dir / "elsewhere")), True),
        f"{DAY}/mirror.part": (len(str(landing.raw_dir / "elsewhere")), True),
        f"{DAY}/page.txt.part": (5, False),
    }


def test_desktop_metadata_is_neither_listed_nor_stuck_in_flight(landing):
    """Finder's ``.DS_Store`` (and ``._name``), KDE's ``.directory`` and git placeholders stay in
    a folder for good: not pages, and not downloads that died, so the stuck check leaves them
    out where it would otherwise fail its WARN every day. A hidden folder is still reported,
    whatever its name, and so is any other hidden file."""
    from warta.landing import LandingZone

    put(landing, f"{DAY}/fine.txt", b"x")
    put(landing, f"{DAY}/sub/fine.txt", b"x")
    for name in (".DS_Store", "._fine.txt", ".directory", ".gitkeep", ".keep", ".localized"):
        put(landing, f"{DAY}/{name}", b"meta")
        put(landing, f"{DAY}/sub/{name}", b"meta")
    put(landing, f"{DAY}/.ds_store/page.txt", b"12")  # a folder: reported
    put(landing, f"{DAY}/.DS_Store.part", b"123")  # a partial download
    put(landing, f"{DAY}/.upload.txt.Gx41Qa", b"1234")
    put(landing, f"{DAY}/._alone.txt", b"12345")  # no alone.txt beside it: an upload's, perhaps
    zone = LandingZone(landing.raw_dir)
    assert [f.source_path for f in zone.files(DAY)] == [f"{DAY}/fine.txt", f"{DAY}/sub/fine.txt"]
    stuck = {f.source_path: f.size_bytes for f in zone.in_flight_files(DAY)}
    assert stuck == {
        f"{DAY}/.DS_Store.part": 3,
        f"{DAY}/.ds_store": 2,
        f"{DAY}/.upload.txt.Gx41Qa": 4,
        f"{DAY}/._alone.txt": 5,
    }


def test_a_large_hidden_folder_is_looked_at_only_so_far(landing, monkeypatch):
    """A stray ``.git`` under a day: the stuck check counts the bytes of its first entries
    only (a lower bound), so it never walks a whole tree."""
    from warta import landing as landing_module
    from warta.landing import LandingZone

    for n in range(5):
        put(landing, f"{DAY}/.git/objects/{n}.pack", b"x" * 10)
    monkeypatch.setattr(landing_module, "HIDDEN_FOLDER_ENTRIES", 3)  # objects/ and two of its packs
    [folder] = LandingZone(landing.raw_dir).in_flight_files(DAY)
    assert (folder.source_path, folder.size_bytes) == (f"{DAY}/.git", 20)


def test_a_file_of_exactly_the_size_limit_is_parsed_and_a_byte_more_is_rejected(landing):
    """``WARTA_MAX_FILE_BYTES`` is the largest size read, not the first one refused."""
    data = ARTICLE.encode()
    put(landing, f"{DAY}/at_limit.txt", data)
    put(landing, f"{DAY}/over_limit.txt", data + b"\n")
    build_partition(dataclasses.replace(landing, max_file_bytes=len(data)), DAY)
    got = {
        k: (r["status"], r["reject_reason"], r["size_bytes"]) for k, r in _ledger(landing).items()
    }
    assert got == {
        "at_limit.txt": ("parsed", None, len(data)),
        "over_limit.txt": ("rejected", f"file too large (over {len(data)} bytes)", len(data) + 1),
    }
    # turned away unparsed, but the ledger still says which bytes
    assert _ledger(landing)["over_limit.txt"]["sha256"] == hashlib.sha256(data + b"\n").hexdigest()


def test_a_file_swapped_for_a_fifo_after_its_stat_is_refused_not_waited_on(landing, monkeypatch):
    import threading

    from warta.landing import FileProblem, LandingZone

    put(landing, f"{DAY}/regular.txt", ARTICLE.encode())
    fifo = landing.raw_dir / DAY / "swapped.txt"
    os.mkfifo(fifo)  # nobody ever writes to it: a blocking open would wait forever
    regular = os.lstat(landing.raw_dir / DAY / "regular.txt")
    real_lstat = os.lstat
    # The stat still sees the regular file that was there a moment before the swap.
    monkeypatch.setattr(os, "lstat", lambda p: regular if str(p) == str(fifo) else real_lstat(p))
    result: list[object] = []
    reader = threading.Thread(
        target=lambda: result.append(
            LandingZone(landing.raw_dir).read(f"{DAY}/swapped.txt", 1 << 20)
        ),
        daemon=True,
    )
    reader.start()
    reader.join(timeout=10)
    assert result == [FileProblem("not a regular file")]


def _growing_after_its_stat(monkeypatch, path, grow_to: int) -> None:
    """The file at ``path`` grows to ``grow_to`` bytes just after its first ``os.lstat``: a
    scraper still writing it between the reader's size check and its read."""
    real_lstat = os.lstat
    grown: list[str] = []

    def lstat_then_grow(p, *args, **kwargs):
        status = real_lstat(p, *args, **kwargs)
        if str(p) == str(path) and not grown:
            grown.append(str(p))
            with open(path, "ab") as handle:
                handle.write(b"x" * (grow_to - status.st_size))
        return status

    monkeypatch.setattr(os, "lstat", lstat_then_grow)


def _bytes_read_by_this_process() -> int | None:
    """Bytes read by this process's read system calls so far (any API), or None off Linux."""
    try:
        with open("/proc/self/io", "rb") as stats:
            fields = dict(line.split(b":") for line in stats.read().splitlines())
    except OSError:
        return None
    return int(fields[b"rchar"])


def test_a_file_that_grows_past_the_limit_after_its_stat_is_rejected_and_read_bounded(
    landing, monkeypatch
):
    """The size is checked on the stat; a file a scraper is still writing can pass that check
    and grow past the limit before it is read: it is rejected too, and read only up to a byte
    past the limit, never as far as it grew."""
    from warta.landing import FileProblem, LandingZone

    limit = 4096
    put(landing, f"{DAY}/growing.txt", ARTICLE.encode()[:1000])
    put(landing, f"{DAY}/growing_in_batch.txt", ARTICLE.encode()[:1000])
    path = landing.raw_dir / DAY / "growing.txt"
    # The reader's buffer reads ahead by up to one block of the file system.
    block = max(os.stat(path).st_blksize, io.DEFAULT_BUFFER_SIZE)
    bound = limit + 1 + 2 * block + 1024  # and /proc/self/io's own few hundred bytes
    grow_to = max(1 << 20, 16 * bound)
    _growing_after_its_stat(monkeypatch, path, grow_to)
    before = _bytes_read_by_this_process()
    result = LandingZone(landing.raw_dir).read(f"{DAY}/growing.txt", limit)
    after = _bytes_read_by_this_process()
    assert path.stat().st_size == grow_to  # it did grow, far past the limit
    assert result == FileProblem(f"file too large (over {limit} bytes when read)")
    if before is not None and after is not None:
        assert after - before <= bound, (after - before, bound)
    # Through a batch, as the parse meets it: one rejected row with the size it was listed at.
    _growing_after_its_stat(monkeypatch, path.with_name("growing_in_batch.txt"), grow_to)
    listed = (LandingFile(f"{DAY}/growing_in_batch.txt", 1000),)
    task = BatchTask(str(landing.raw_dir), date.fromisoformat(DAY), listed, limit)
    (record,) = process_batch(task).records
    assert (record.status, record.reject_reason, record.size_bytes) == (
        "rejected",
        f"file too large (over {limit} bytes when read)",
        1000,
    )


def test_a_file_that_grows_within_the_limit_after_its_stat_is_read_whole(landing, monkeypatch):
    from warta.landing import LandingZone

    put(landing, f"{DAY}/growing.txt", b"y" * 1000)
    path = landing.raw_dir / DAY / "growing.txt"
    _growing_after_its_stat(monkeypatch, path, grow_to=4096)  # exactly the limit: still fits
    assert (
        LandingZone(landing.raw_dir).read(f"{DAY}/growing.txt", 4096) == b"y" * 1000 + b"x" * 3096
    )


def test_paths_with_quotes_never_break_sql(landing):
    """Landing paths reach DuckDB only as bound parameters: a name full of SQL survives."""
    from warta.warehouse import Warehouse

    name = f"{DAY}/x'); DROP TABLE articles; --.txt"
    put(landing, name, ARTICLE.encode())
    build_partition(landing, DAY)
    store = ParquetStore(landing.data_dir)
    load = Warehouse(landing.warehouse).publish(store, [DAY])
    assert load.partitions[DAY]["articles"] == 1
    import duckdb

    con = duckdb.connect(str(landing.warehouse), read_only=True)
    assert con.sql("SELECT source_path FROM raw_files").fetchall() == [(name,)]


def test_reading_never_leaves_the_raw_root(landing, tmp_path):
    from warta.landing import FileProblem, LandingZone

    (tmp_path / "secret.txt").write_text("not for the pipeline")
    zone = LandingZone(landing.raw_dir)
    for escape in ("../secret.txt", f"{DAY}/../../secret.txt", str(tmp_path / "secret.txt")):
        assert zone.read(escape, 1 << 20) == FileProblem("path outside the landing zone")


def test_a_parser_error_costs_one_file_not_the_partition(landing, monkeypatch):
    import warta.ingest

    put(landing, f"{DAY}/fine.txt", ARTICLE.encode())
    put(landing, f"{DAY}/poison.txt", ARTICLE.replace("Banjir", "Racun").encode())
    original = warta.ingest.parse_page

    def parse_with_a_bug(text, **kwargs):
        if "Racun" in text:
            raise ZeroDivisionError("division by zero")
        return original(text, **kwargs)

    monkeypatch.setattr(warta.ingest, "parse_page", parse_with_a_bug)
    build_partition(landing, DAY)
    got = {name: (row["status"], row["reject_reason"]) for name, row in _ledger(landing).items()}
    assert got == {
        "fine.txt": ("parsed", None),
        "poison.txt": ("rejected", "parser error (ZeroDivisionError: division by zero)"),
    }
    poison = ARTICLE.replace("Banjir", "Racun").encode()
    assert _ledger(landing)["poison.txt"]["sha256"] == hashlib.sha256(poison).hexdigest()


def test_an_entity_extractor_error_costs_one_file_not_the_partition(landing, monkeypatch):
    import warta.ingest

    put(landing, f"{DAY}/fine.txt", ARTICLE.encode())
    put(landing, f"{DAY}/poison.txt", ARTICLE.replace("Petugas", "Racun").encode())
    original = warta.ingest.extract_entities

    def extract_with_a_bug(paragraphs, language="id"):
        if any("Racun" in p for p in paragraphs):
            raise IndexError("list index out of range")
        return original(paragraphs, language)

    monkeypatch.setattr(warta.ingest, "extract_entities", extract_with_a_bug)
    build_partition(landing, DAY)
    ledger = _ledger(landing)
    got = {name: (row["status"], row["reject_reason"]) for name, row in ledger.items()}
    assert got == {
        "fine.txt": ("parsed", None),
        "poison.txt": ("rejected", "parser error (IndexError: list index out of range)"),
    }
    assert ledger["poison.txt"]["sha256"] and ledger["poison.txt"]["article_id"] is None


def test_a_language_identifier_error_costs_only_the_language(landing, monkeypatch):
    import warta.ingest

    put(landing, f"{DAY}/fine.txt", ARTICLE.encode())
    odd = ARTICLE.replace("Banjir", "Aneh").replace("Hujan deras", "Hujan aneh")
    put(landing, f"{DAY}/odd.txt", odd.encode())
    original = warta.ingest.detect_language

    def detect_with_a_bug(body):
        if "Hujan aneh" in body:
            raise ValueError("bad sample")
        return original(body)

    monkeypatch.setattr(warta.ingest, "detect_language", detect_with_a_bug)
    build_partition(landing, DAY)
    assert {row["status"] for row in _ledger(landing).values()} == {"parsed"}
    articles = pq.read_table(ParquetStore(landing.data_dir).partition_file("articles", DAY))
    got = {
        row["title"].split()[0]: (row["language"], row["parse_warnings"])
        for row in articles.to_pylist()
    }
    assert got == {
        "Banjir": ("id", []),
        "Aneh": (None, ["language not identified (ValueError)"]),
    }


def test_absurd_and_implausible_dates_are_dropped_with_a_warning(landing):
    from warta.decoding import decode_bytes
    from warta.ingest import process_bytes

    def page(date_blocks: str) -> bytes:
        return ARTICLE.replace("Diterbitkan\n\npada\n\n22 September 2022", date_blocks).encode()

    day = __import__("datetime").date(2026, 11, 25)
    cases = {
        "Diterbitkan\n\n99999 tahun lalu\n\npada": "relative publication date out of range",
        "Diterbitkan\n\npada\n\n22 September 1975": "implausible publication date 1975-09-22 dropped",
        "Diterbitkan\n\npada\n\n22 September 2031": "implausible publication date 2031-09-22 dropped",
    }
    for blocks, warning in cases.items():
        assert decode_bytes(page(blocks)).text.count("Diterbitkan") == 1
        record, article, _ = process_bytes(page(blocks), "x.txt", day)
        assert record.status == "parsed" and article.published_at is None, blocks
        assert warning in article.warnings, (blocks, article.warnings)


def test_a_linked_partition_folder_is_listed_not_followed(landing, tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "article.txt").write_text(ARTICLE)
    (landing.raw_dir / DAY).symlink_to(outside, target_is_directory=True)
    build_partition(landing, DAY)
    assert {k: (r["status"], r["reject_reason"]) for k, r in _ledger(landing).items()} == {
        DAY: ("rejected", "symlink points outside the landing zone")
    }
