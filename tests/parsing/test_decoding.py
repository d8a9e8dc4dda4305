"""Raw bytes in the encodings scrapers save pages in decode to the same clean text."""

from __future__ import annotations

import codecs
from datetime import date

import pytest

from tests.conftest import SEED
from warta.decoding import Decoded, Rejection, decode_bytes
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
        (codecs.BOM_UTF16_BE + PAGE.encode("utf-16-be"), "utf-16"),
        (codecs.BOM_UTF32_LE + PAGE.encode("utf-32-le"), "utf-32"),
        (codecs.BOM_UTF32_BE + PAGE.encode("utf-32-be"), "utf-32"),  # was taken for binary
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


def _seed_with_strays() -> tuple[str, bytes]:
    # The seed (14 curly quotes, its only non-ASCII characters) with 7 stray bytes in two
    # places: 2 valid characters per invalid byte, the limit.
    clean = SEED.read_bytes().decode("utf-8")
    first, second = clean.index("perang Ukraina"), clean.index("ke Iran")
    corrupt = (
        clean[:first].encode() + b"\xff\x81\xff" + clean[first:second].encode()
        + b"\x81\xff\x81\xff" + clean[second:].encode()
    )  # fmt: skip
    return clean, corrupt


@pytest.mark.parametrize("bom", [b"", codecs.BOM_UTF8])
def test_utf8_with_a_few_invalid_bytes_stays_utf8_and_says_so(bom):
    # Read as latin-1 every quote would be "â\x80\x9c" mojibake; read as UTF-8 only the strays
    # are lost. A UTF-8 byte-order mark changes nothing but is dropped.
    clean, corrupt = _seed_with_strays()
    first, second = clean.index("perang Ukraina"), clean.index("ke Iran")
    decoded = decode_bytes(bom + corrupt)
    assert isinstance(decoded, Decoded)
    assert (decoded.encoding, decoded.invalid_bytes) == ("utf-8", 7)
    assert not decoded.repaired_mojibake
    assert decoded.text == (
        clean[:first] + "\ufffd" * 3 + clean[first:second] + "\ufffd" * 4 + clean[second:]
    )
    article = parse_page(
        decoded.text, ingest_date=date(2026, 11, 25), invalid_bytes=decoded.invalid_bytes
    )
    assert "7 invalid UTF-8 sequences replaced by U+FFFD" in article.warnings
    texts = [p.text for p in article.paragraphs]
    assert "Ia menuduh AS, dan “kekuatan musuh” lainnya" in texts[9]
    assert "upaya Rusia dalam \ufffd\ufffd\ufffdperang Ukraina." in texts[5]
    assert not any("\x80" <= char <= "\x9f" for text in texts for char in text)


def test_seed_with_one_stray_byte_too_many_keeps_its_legacy_decoding():
    # 8 invalid bytes against 14 valid characters: under 2 per invalid byte, so cp1252, where
    # 0x81 and 0x9D have no character: they are the C1 controls of the same number, as browsers
    # read them (latin-1, as before, made every quote "â\x80\x9c", which ftfy left alone); the
    # quotes' mojibake ("â€œ") is then repaired, and the strays stay for the C1 check to see.
    clean, corrupt = _seed_with_strays()
    decoded = decode_bytes(corrupt + b"\xff")
    assert (decoded.encoding, decoded.repaired_mojibake, decoded.invalid_bytes) == (
        "cp1252",
        True,
        0,
    )
    first, second = clean.index("perang Ukraina"), clean.index("ke Iran")
    assert decoded.text == (
        clean[:first] + "ÿ\x81ÿ" + clean[first:second] + "\x81ÿ\x81ÿ" + clean[second:] + "ÿ"
    )


@pytest.mark.parametrize(
    "text",
    [
        # "É’" is C9 92, a valid UTF-8 sequence ("ɒ"); the 6 other non-ASCII bytes are invalid.
        "Jakarta - Pemilik “JOSÉ’S” di Jakarta mengatakan crème brûlée dan café au lait laris "
        "manis pada akhir pekan, ketika pengunjung datang.\n",
        # "É”" is C9 94, valid UTF-8 ("ɔ"), and "“" (93) the only other non-ASCII byte: counted
        # per byte, 1 invalid of 3 passed for UTF-8 and the name read "\ufffdJOSɔ".
        "Jakarta - Pelatih “JOSÉ” MOURINHO tiba di Bandara Soekarno-Hatta pada Senin pagi "
        "bersama rombongan tim dan para pemain.\n",
    ],
    ids=["valid pair among invalid bytes", "quote after a capital e acute"],
)
def test_cp1252_with_a_pair_that_is_valid_utf8_stays_cp1252(text):
    decoded = decode_bytes(text.encode("cp1252"))
    assert isinstance(decoded, Decoded)
    assert (decoded.text, decoded.encoding, decoded.invalid_bytes) == (text, "cp1252", 0)


def test_long_cp1252_article_with_one_accidental_pair_stays_cp1252():
    paragraph = (
        "Jakarta - Pemilik kafe “Crème” di Menteng mengatakan crème brûlée, café au lait dan "
        "pâté laris manis – terutama pada akhir pekan – ketika pengunjung datang dari Bogor.\n\n"
    )
    text = (
        "Kafe Crème Ramai Pengunjung\n\n" + paragraph * 20
        + "Koki asal Prancis, ANDRÉ’S, menyiapkan menu baru untuk bulan depan.\n"
    )  # fmt: skip
    decoded = decode_bytes(text.encode("cp1252"))
    assert isinstance(decoded, Decoded)
    assert (decoded.text, decoded.encoding, decoded.invalid_bytes) == (text, "cp1252", 0)
    assert not decoded.repaired_mojibake


@pytest.mark.parametrize(
    ("pair", "name"),
    [
        ("–", "IPA"),  # "É–" is C9 96, "ɖ"
        ("…", "Latin Extended-B"),  # "É…" is C9 85, "Ʌ"
    ],
)
def test_accidental_pairs_that_read_as_rare_latin_letters_are_not_utf8_evidence(pair, name):
    # Two "É" + punctuation against one invalid byte ("é " is E9 20): 2 valid per invalid, but
    # such letters do not occur in Indonesian or English news and are not counted.
    text = (
        f"Jakarta - Pelatih ANDRÉ{pair} bersama JOSÉ{pair} bertemu wartawan di sebuah café hotel "
        "pada Senin pagi sebelum latihan tim di stadion.\n"
    )
    decoded = decode_bytes(text.encode("cp1252"))
    assert isinstance(decoded, Decoded)
    assert (decoded.text, decoded.encoding, decoded.invalid_bytes) == (text, "cp1252", 0), name


def _with_strays(line: str, strays: int) -> bytes:
    cut = line.index("esan")
    return line[:cut].encode() + b"\xff" * strays + line[cut:].encode()


@pytest.mark.parametrize(
    ("strays", "expected"),
    [
        # 4 curly quotes, 2 invalid bytes: 2 valid characters per invalid byte, UTF-8
        (2, Decoded(LINE[:CUT] + "\ufffd" * 2 + LINE[CUT:] + LINE, "utf-8", invalid_bytes=2)),
        # 3 invalid bytes, fewer than 2 valid per invalid: legacy decoding (cp1252, "\x9d" of
        # the closing quotes a C1 control), its quotes' mojibake repaired
        (3, Decoded(LINE[:CUT] + "ÿ" * 3 + LINE[CUT:] + LINE, "cp1252", repaired_mojibake=True)),
    ],
)  # fmt: skip
def test_two_valid_characters_per_invalid_byte_is_the_limit(strays, expected):
    assert decode_bytes(_with_strays(LINE + LINE, strays)) == expected


def test_utf8_bom_and_a_stray_byte_follow_the_same_rule():
    data = _with_strays(LINE, 1)
    expected = Decoded(LINE[:CUT] + "\ufffd" + LINE[CUT:], "utf-8", invalid_bytes=1)
    assert decode_bytes(data) == decode_bytes(codecs.BOM_UTF8 + data) == expected
    # Not mostly UTF-8 after a BOM: rejected, never tried as cp1252.
    assert decode_bytes(codecs.BOM_UTF8 + _with_strays(LINE, 2)) == Rejection(
        "invalid utf-8-sig text after byte-order mark"
    )


def test_one_invalid_sequence_is_named_in_the_singular():
    assert invalid_bytes_warning(1) == "1 invalid UTF-8 sequence replaced by U+FFFD"


# An ASCII article with one accented name, cut off before the end of its last paragraph.
BODY = (
    "Mourinho Tiba di Jakarta\n\n"
    "Jakarta - Pelatih Jose Mourinho tiba di Bandara Soekarno-Hatta pada Senin pagi bersama "
    "rombongan tim dan para pemain.\n\n"
    "Rombongan langsung menuju hotel di kawasan Senayan untuk beristirahat sebelum latihan.\n\n"
    "Ia disambut ratusan penggemar yang sudah menunggu sejak subuh, kata Müller kepada wartawan"
)


@pytest.mark.parametrize("bom", [b"", codecs.BOM_UTF8])
@pytest.mark.parametrize("cut", [b"\xe2\x80", b"\xf0\x9f\x98"])  # "…" or "😀" cut off
def test_utf8_cut_off_inside_its_last_character_stays_utf8(bom, cut):
    # One valid character against a 2- or 3-byte cut-off one: read as cp1252 the page ended in
    # "â€" / "ðŸ˜" mojibake. A truncated last character is UTF-8 whatever the counts.
    decoded = decode_bytes(bom + BODY.encode() + cut)
    assert decoded == Decoded(BODY + "\ufffd", "utf-8", invalid_bytes=1)
    article = parse_page(
        decoded.text, ingest_date=date(2026, 11, 25), invalid_bytes=decoded.invalid_bytes
    )
    assert "1 invalid UTF-8 sequence replaced by U+FFFD" in article.warnings


@pytest.mark.parametrize("ending", ["é…", "é”", "ñ…"])
def test_ascii_ending_in_a_cp1252_letter_and_punctuation_stays_cp1252(ending):
    # "é…" is E9 85 in cp1252, also a 3-byte UTF-8 character cut after 2 bytes: with no other
    # sign of UTF-8 (a BOM, a valid character) the cp1252 reading stands.
    text = "Jakarta - Pengunjung memesan kopi di kafe yang baru dibuka di Menteng, Caf" + ending
    assert decode_bytes(text.encode("cp1252")) == Decoded(text, "cp1252")


def test_ascii_ending_in_a_lone_cp1252_letter_stays_cp1252():
    # E9 is both "é" in cp1252 and a UTF-8 lead byte: with no continuation byte after it the
    # end proves nothing, and the counting rule keeps the cp1252 reading.
    data = b"Jakarta - Pengunjung memesan kopi di kafe yang baru dibuka di Menteng, kata Andr\xe9"
    assert decode_bytes(data) == Decoded(data.decode("cp1252"), "cp1252")


def test_cut_off_character_inside_the_text_counts_as_one_invalid_sequence():
    # Two curly quotes and a cut-off emoji (F0 9F 98, 3 bytes): counted per byte it needed 6
    # valid characters and the page fell to latin-1; as one sequence, 2 valid per invalid.
    data = LINE[:CUT].encode() + b"\xf0\x9f\x98" + LINE[CUT:].encode()
    assert decode_bytes(data) == Decoded(
        LINE[:CUT] + "\ufffd" + LINE[CUT:], "utf-8", invalid_bytes=1
    )


@pytest.mark.parametrize("stray", [b"\xff", b"\xe2\x80"])  # a stray byte, a cut-off quote
def test_one_pair_of_curly_quotes_outweighs_one_stray(stray):
    # An ASCII line whose only other non-ASCII characters are “…”: with a cut-off quote (2
    # invalid bytes) in the middle it used to fall to latin-1, every quote "â\x80\x9c".
    data = LINE[:CUT].encode() + stray + LINE[CUT:].encode()
    decoded = decode_bytes(data)
    assert decoded == Decoded(LINE[:CUT] + "\ufffd" + LINE[CUT:], "utf-8", invalid_bytes=1)
    assert not any("\x80" <= char <= "\x9f" for char in decoded.text)


BINARY_DATA = Rejection("binary content (unknown format: control bytes)")


@pytest.mark.parametrize(
    "data",
    [
        bytes(range(1, 9)) * 50 + b"hello world" * 20,  # control bytes, then text
        b"SQLite format 3\x00" + bytes(84) + PAGE.encode(),  # a format with no known signature
        b"\x01\x02\x03\x04" * 4 + PAGE.encode(),  # 16 control bytes in 579: over 1% (5)
    ],
    ids=["control-header", "sqlite", "few-in-short-text"],
)
def test_control_bytes_without_a_known_signature_are_binary_data(data):
    assert decode_bytes(data) == BINARY_DATA


def test_control_bytes_over_one_percent_of_the_first_4kb_are_binary_data():
    text = ("Jakarta - kopi susu dan roti bakar setiap pagi. " * 100).encode()[:990]
    # 10 control bytes in 1000 is 1%, not over it: text that happens to hold a few.
    assert isinstance(decode_bytes(b"\x01" * 10 + text), Decoded)
    assert decode_bytes(b"\x01" * 11 + text[:-1]) == BINARY_DATA
    # ESC (ANSI colour codes), tab, LF, VT, FF and CR are not counted.
    assert isinstance(decode_bytes(b"\x1b\t\n\x0b\x0c\r" * 50 + text), Decoded)
    # Only the first 4 KB are looked at.
    long_text = ("Jakarta - kopi susu dan roti bakar. " * 200).encode()
    assert isinstance(decode_bytes(long_text[:4096] + b"\x01" * 100 + long_text), Decoded)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize(
    "surrogate", ["\ud800", "\udc00"], ids=["lone-high-surrogate", "lone-low-surrogate"]
)
def test_bomless_utf16_that_does_not_decode_is_rejected_not_replaced(encoding, surrogate):
    broken = PAGE.replace("Pemilik", surrogate + "Pemilik", 1)
    data = broken.encode(encoding, "surrogatepass")
    assert not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    assert decode_bytes(data) == Rejection(f"invalid {encoding} text")


@pytest.mark.parametrize("latin_sentences", [1, 2, 4, 6])
def test_a_legacy_page_mostly_not_ascii_is_rejected_not_read_as_cp1252(latin_sentences):
    """A Greek page in cp1253 decodes as cp1252 without an error, into gibberish: under 90 %
    ASCII (here 59-88 %, Indonesian sentences mixed in) it is rejected with a guess instead."""
    greek = "Η κυβέρνηση ανακοίνωσε νέα μέτρα για την οικονομία σήμερα στην Αθήνα. "
    latin = "Pemerintah mengumumkan langkah baru untuk ekonomi hari ini di Jakarta. "
    data = ((latin * latin_sentences + greek) * 20).encode("cp1253")
    decoded = decode_bytes(data)
    assert isinstance(decoded, Rejection)
    assert decoded.reason == "unsupported text encoding (looks like cp1253)"


def test_a_cp1252_page_with_a_byte_cp1252_lacks_keeps_its_quotes_and_dashes():
    """One stray 0x9D (or 0x81, 0x8D, 0x8F, 0x90) made the page latin-1: every curly quote and
    dash became a C1 control. Read as browsers read windows-1252, only that byte is one."""
    page = "JAKARTA – Harga beras “medium” di Pasar Induk naik lagi pekan ini, kata pedagang."
    for stray in (b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d"):
        data = page.encode("cp1252").replace(b"medium", b"medium" + stray)
        decoded = decode_bytes(data)
        assert decoded == Decoded(
            page.replace("medium", "medium" + stray.decode("latin-1")), "cp1252"
        )


def test_cp1252_punctuation_read_as_latin1_before_it_was_saved_as_utf8_is_repaired():
    """U+0093/U+0094/U+0096 in a UTF-8 page: `“`, `”` and `–` converted twice. The C1 control
    of a byte cp1252 lacks (U+009D) has nothing to be repaired to and stays, for the C1 check."""
    decoded = decode_bytes("JAKARTA \x96 Harga \x93naik\x94 lagi.\x9d".encode())
    assert decoded == Decoded("JAKARTA – Harga “naik” lagi.\x9d", "utf-8", repaired_mojibake=True)


def test_a_c1_control_right_after_a_stray_lead_byte_is_repaired_too():
    """The screen for ``C2 80``..``C2 9F`` stepped over a ``C2`` right after another."""
    decoded = decode_bytes("ééé ".encode() + b"\xc2\xc2\x93halo\xe2\x80\x9d")
    assert decoded == Decoded("ééé \ufffd“halo”", "utf-8", repaired_mojibake=True, invalid_bytes=1)
