"""Raw bytes to text: binary sniffing, encoding detection, mojibake repair.

Every outcome is either ``Decoded`` or a ``Rejection`` with a reason a person can act on;
nothing here raises on bad input.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, replace

from charset_normalizer import from_bytes

# Magic numbers of formats that scrapers save by mistake. Checked before any decoding.
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"RIFF", "RIFF media (WebP/WAV/AVI)"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"\x28\xb5\x2f\xfd", "zstd archive"),
    (b"\x00\x00\x00\x18ftyp", "MP4 video"),
    (b"\x00\x00\x00\x20ftyp", "MP4 video"),
    (b"\x7fELF", "executable"),
)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_WIDE_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# The single-byte encoding an Indonesian or English page is plausibly saved in: cp1252 as
# browsers read it (WHATWG Encoding's windows-1252), whose five bytes without a character (81,
# 8D, 8F, 90, 9D) are the C1 controls of the same number. Python's cp1252 refuses them, and
# latin-1 instead would have turned every curly quote and dash of the page into a C1 control
# for one stray byte.
_LEGACY_ENCODING = "cp1252"
_UNDEFINED_AS_C1 = "warta.cp1252-undefined-as-c1"


def _undefined_as_c1(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeDecodeError)
    return chr(error.object[error.start]), error.start + 1


codecs.register_error(_UNDEFINED_AS_C1, _undefined_as_c1)
# A page that is not valid UTF-8 is still read as UTF-8 (each ill-formed sequence becomes
# U+FFFD) when its valid non-ASCII characters outnumber its ill-formed sequences at least this
# many times over: UTF-8 with a few stray or truncated bytes among genuine multi-byte characters.
# An ill-formed sequence is what Python's "replace" handler turns into one U+FFFD (the Unicode
# "maximal subpart" practice): a cut-off character (E2 80, F0 9F 98) is one, each stray byte is
# one. In cp1252/latin-1 text almost every non-ASCII byte is its own ill-formed sequence (a
# letter or curly quote next to ASCII); only a non-ASCII byte followed by another (``É”`` is
# C9 94, "ɔ") can form a valid sequence by accident, and such pairs are far fewer than the
# ill-formed sequences around them. Characters are counted, not bytes: a per-byte share counted
# each accidental pair twice.
MIN_VALID_PER_INVALID_UTF8 = 2
# A valid non-ASCII character that counts as evidence of UTF-8. Left out, besides ASCII and the
# lone surrogates that stand for invalid bytes: characters that accidental pairs decode to and
# Indonesian/English news does not contain, C1 controls U+0080-U+009F (``Â`` + cp1252
# punctuation) and Latin Extended-B/IPA letters U+0240-U+02AF (``É``/``Ê`` + a quote, dash,
# ellipsis or euro sign).
_UTF8_EVIDENCE = re.compile("[^\x00-\x9f\u0240-\u02af\ud800-\udfff]")
# Indonesian and English text is overwhelmingly ASCII; a legacy decoding that yields mostly
# non-ASCII characters means the bytes are in some other encoding.
_MIN_ASCII_SHARE = 0.9


def _utf8_has_c1(data: bytes) -> bool:
    """True when UTF-8 ``data`` holds a C1 control (U+0080-U+009F: ``C2 80`` to ``C2 9F``).
    A search for the lead byte ``C2`` is a memchr; a regular expression over the page's text
    or bytes would look at every character (~15 µs for a 60 KB page against ~1)."""
    i = data.find(b"\xc2")
    while 0 <= i < len(data) - 1:
        if 0x80 <= data[i + 1] <= 0x9F:
            return True
        i = data.find(b"\xc2", i + 1)
    return False


# UTF-8 lead bytes read as cp1252 ("Ã©", "â€œ", "Â "): a cheap screen before asking ftfy.
_MOJIBAKE_HINT = re.compile(
    "[ÂÃ][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]|â€"
)
# Characters that never occur in text but do in binary data.
_CONTROL_BYTES = frozenset(range(0, 9)) | frozenset(range(14, 32)) - {27}
_NOT_CONTROL = bytes(b for b in range(256) if b not in _CONTROL_BYTES)


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text decoded from raw bytes, with the encoding it was decoded from."""

    text: str
    encoding: str
    repaired_mojibake: bool = False
    # Ill-formed UTF-8 sequences (a stray byte, a cut-off character), each replaced by U+FFFD.
    invalid_bytes: int = 0


@dataclass(frozen=True, slots=True)
class Rejection:
    """Why a raw file cannot be turned into an article."""

    reason: str
    encoding: str | None = None


def sniff_binary(data: bytes) -> str | None:
    """Name of the binary format ``data`` starts with, or None when it looks like text."""
    for magic, name in _MAGIC:
        if data.startswith(magic):
            return name
    if data.startswith(_WIDE_BOMS):  # UTF-16 and UTF-32 text is full of NULs
        return None
    head = data[:4096]
    control = len(head.translate(None, _NOT_CONTROL))
    if control > max(2, len(head) // 100):
        return "unknown format: control bytes"
    return None


def decode_bytes(data: bytes) -> Decoded | Rejection:
    """Decode a raw page. UTF-8 first, then BOM-marked Unicode, then UTF-8 with a few invalid
    bytes replaced (``invalid_bytes``), then detected legacy encodings."""
    if not data:
        return Rejection("empty file")
    # BOM-less UTF-16 is every other byte NUL, which the binary sniff would take for binary
    # data: it is recognised first, then held to the same checks as any other text.
    utf16 = None if data.startswith(tuple(bom for bom, _ in _BOMS)) else _utf16_without_bom(data)
    if utf16 is not None:
        try:
            decoded: Decoded | Rejection = Decoded(data.decode(utf16), "utf-16")
        except UnicodeDecodeError:
            return Rejection(f"invalid {utf16} text")
    else:
        binary = sniff_binary(data)
        if binary is not None:
            return Rejection(f"binary content ({binary})")
        decoded = _decode_text(data)
    if isinstance(decoded, Rejection):
        return decoded
    if "\x00" in decoded.text:
        return Rejection("NUL bytes inside text", decoded.encoding)
    if not decoded.text or decoded.text.isspace():
        return Rejection("blank file (whitespace only)", decoded.encoding)
    return _repair(decoded, data)


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le``/``utf-16-be`` for BOM-less UTF-16 of mostly Latin text: every other byte
    is NUL, on one side only. None otherwise."""
    head = data[:4096]
    if len(head) < 8 or len(head) % 2:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    half = len(head) // 2
    if odd > 0.6 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.6 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def _decode_text(data: bytes) -> Decoded | Rejection:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(encoding), encoding.replace("-sig", ""))
            except UnicodeDecodeError:
                # A UTF-8 BOM with a few invalid bytes after it is held to the same rule as
                # BOM-less UTF-8 (and can only be UTF-8: it is never tried as cp1252).
                mostly_utf8 = (
                    _mostly_utf8(data[len(bom) :], bom=True) if bom == codecs.BOM_UTF8 else None
                )
                if mostly_utf8 is not None:
                    return mostly_utf8
                return Rejection(f"invalid {encoding} text after byte-order mark")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    mostly_utf8 = _mostly_utf8(data)
    if mostly_utf8 is not None:
        return mostly_utf8
    text = data.decode(_LEGACY_ENCODING, _UNDEFINED_AS_C1)
    ascii_share = sum(1 for char in text if char.isascii()) / len(text)
    if ascii_share >= _MIN_ASCII_SHARE:
        return Decoded(text, _LEGACY_ENCODING)
    guess = from_bytes(data[:65536]).best()
    detected = f" (looks like {guess.encoding})" if guess is not None else ""
    return Rejection(f"unsupported text encoding{detected}")


def _mostly_utf8(data: bytes, *, bom: bool = False) -> Decoded | None:
    """``data`` (not valid UTF-8) read as UTF-8 with each ill-formed sequence replaced by U+FFFD,
    when it is valid UTF-8 cut off inside its last character, or when its valid non-ASCII
    characters (C1 controls, Latin Extended-B and IPA left out) are at least
    ``MIN_VALID_PER_INVALID_UTF8`` times its ill-formed sequences; else None."""
    cut = _truncated_utf8(data)
    # A cut of 3 bytes (``F0 9F 98``) is no plausible cp1252 ending; a 2-byte one (``E2 80``)
    # may be (``é…`` is E9 85), so it needs another sign of UTF-8: a BOM or a valid character.
    if cut and (bom or cut >= 3 or _UTF8_EVIDENCE.search(data[:-cut].decode("utf-8"))):
        return Decoded(data.decode("utf-8", "replace"), "utf-8", invalid_bytes=1)
    replaced = data.decode("utf-8", "replace")
    # U+FFFD in the data itself is valid UTF-8, not a replacement.
    invalid = replaced.count("\ufffd") - data.count("\ufffd".encode())
    escaped = data.decode("utf-8", "surrogateescape")
    valid = len(_UTF8_EVIDENCE.findall(escaped))
    if valid < MIN_VALID_PER_INVALID_UTF8 * invalid:
        return None
    return Decoded(replaced, "utf-8", invalid_bytes=invalid)


def _truncated_utf8(data: bytes) -> int:
    """The length of the last character's bytes when ``data`` is valid UTF-8 but for that
    character, cut off after at least one continuation byte (``E2 80``: 2, ``F0 9F 98``: 3);
    else 0. A lone lead byte at the end is left to the counting rule: in cp1252 it is an
    ordinary letter (``é`` is E9)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(data, final=False)
    except UnicodeDecodeError:
        return 0
    tail = decoder.getstate()[0]
    # The incremental decoder also holds back ED A0 (a surrogate's start), which is no prefix of
    # any character: a true prefix is replaced by a single U+FFFD.
    return len(tail) if len(tail) >= 2 and tail.decode("utf-8", "replace") == "\ufffd" else 0


def _repair(decoded: Decoded, data: bytes) -> Decoded:
    """Undo UTF-8 read as cp1252 (``Ã©``, ``â€œ``) where ftfy is confident it is mojibake, and
    cp1252 punctuation read as latin-1 before a page was saved as UTF-8 (C1 controls such as
    U+0093 for ``“``, U+0096 for ``–``: ftfy's ``fix_c1_controls``)."""
    text = decoded.text
    if text.isascii():
        return decoded
    if decoded.encoding == "utf-8" and _utf8_has_c1(data):
        from ftfy.fixes import fix_c1_controls

        fixed = fix_c1_controls(text)
        if fixed != text:
            decoded = replace(decoded, text=fixed, repaired_mojibake=True)
            text = fixed
    # Every hint holds "Ã", "Â" or "â": str.find screens a page for them faster than the regex.
    if not any(map(text.__contains__, "ÃÂâ")) or not _MOJIBAKE_HINT.search(text):
        return decoded
    from ftfy import fix_encoding
    from ftfy.badness import is_bad

    if not is_bad(text):
        return decoded
    fixed = fix_encoding(text)
    if fixed == text:
        return decoded
    return replace(decoded, text=fixed, repaired_mojibake=True)
