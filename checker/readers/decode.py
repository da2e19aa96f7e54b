"""Bytes to text: UTF-8 (BOM stripped), UTF-16/32 with a BOM, and a cautious cp1252 fallback.

Nothing here guesses wildly: a file that is not UTF-8 is accepted only when it has a BOM, when
an HTML file declares its charset, or when it reads as plausible Western-European cp1252 text.
Everything else is a `DecodeError` whose message tells the user to save the file as UTF-8.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

__all__ = ["DecodeError", "Decoded", "decode_bytes"]

_BOMS = (  # longest first: the UTF-32-LE BOM starts with the UTF-16-LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# <meta charset="x">, <meta http-equiv="content-type" content="text/html; charset=x">, <?xml encoding="x"?>
_DECLARED = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})"""
    rb"""|<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.:-]{1,40})""",
    re.IGNORECASE,
)
# WHATWG: these labels mean windows-1252 in browsers, so they mean it here too.
_WHATWG_1252 = {"latin1", "latin-1", "iso-8859-1", "iso8859-1", "iso_8859-1", "l1", "ascii", "us-ascii", "cp819"}

# Python codecs that no web page is written in: they would turn escapes or bytes into other text
_NOT_CHARSETS = {"undefined", "unicode-escape", "raw-unicode-escape", "idna", "punycode", "utf-7",
                 "charmap"}

_ALLOWED_CONTROLS = {"\t", "\n", "\r", "\f", "\v"}
# Non-letter characters above ASCII that ordinary Western-European prose uses.
_PROSE_SYMBOLS = set("\u00a0«»‹›„‚“”‘’–—…•·€£¥¢°±×÷§¶©®™¡¿²³¹¼½¾ºª\u00ad†‡‰")


@dataclass(frozen=True)
class Decoded:
    """Decoded text (BOM removed, line endings kept) and the codec that produced it."""

    text: str
    encoding: str


class DecodeError(ValueError):
    """Raised when bytes cannot be turned into text; `line` is 1-based when known."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def _nul_error(offset: int, line: int) -> DecodeError:
    return DecodeError(
        f"binary file? (NUL byte at offset {offset}; if it is UTF-16 text, save it with a BOM or as UTF-8)",
        line,
    )


def _plausible_cp1252(text: str) -> bool:
    """True when text decoded as cp1252 looks like Western-European prose, not mojibake."""
    letters = 0
    non_ascii_letters = 0
    run = 0
    for ch in text:
        if ch < "\x80":
            run = 0
            if ch < " " and ch not in _ALLOWED_CONTROLS or ch == "\x7f":
                return False
            if ch.isalpha():
                letters += 1
            continue
        if ch.isalpha():
            letters += 1
            non_ascii_letters += 1
            run += 1
            if run >= 3:  # Cyrillic, Greek or CJK bytes read as cp1252 come in long runs
                return False
        elif ch in _PROSE_SYMBOLS:
            run = 0
        else:
            return False
    return letters > 0 and non_ascii_letters <= 0.3 * letters


def _declared_charset(data: bytes) -> str | None:
    m = _DECLARED.search(data[:4096])
    if not m:
        return None
    label = (m.group(1) or m.group(2)).decode("ascii").lower()
    if label in _WHATWG_1252:
        return "cp1252"
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return None if name in _NOT_CHARSETS else name


def _line_of_byte(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def decode_bytes(data: bytes, *, html: bool = False, offset: int = 0, first_line: int = 1) -> Decoded:
    """Decode a text file's bytes; raise `DecodeError` with a user-facing message when impossible.

    With `html=True` a charset declared in a `<meta>` tag is honoured for non-UTF-8 files.
    `data` may be a part of a file that starts at byte `offset` and line `first_line` (a large
    feed read in parts): errors then say where in the file they are.
    """
    lines = first_line - 1
    for bom, codec in _BOMS:
        if data.startswith(bom):
            body = data[len(bom):]
            if codec == "utf-8":
                break
            try:
                text = body.decode(codec)
            except UnicodeDecodeError as e:
                raise DecodeError(
                    f"cannot decode as {codec.upper()} (bad data at byte offset {offset + e.start + len(bom)}); "
                    "save the file as UTF-8"
                ) from None
            nul = text.find("\x00")
            if nul >= 0:
                raise _nul_error(offset + nul, lines + text.count("\n", 0, nul) + 1)
            return Decoded(text, codec)
    else:
        bom = b""
        body = data
    nul = body.find(b"\x00")
    if nul >= 0:
        raise _nul_error(offset + nul + len(bom), lines + _line_of_byte(body, nul))
    try:
        return Decoded(body.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as e:
        bad_at = e.start
    if not bom:
        if html:
            declared = _declared_charset(body)
            if declared and declared not in ("utf-8", "utf-16-le", "utf-16-be", "utf-16", "utf-32"):
                try:
                    return Decoded(body.decode(declared), declared)
                except (UnicodeError, LookupError):  # not this charset, or not a charset at all
                    pass  # (Python's "undefined" codec fails every decoding with UnicodeError)
        try:
            text = body.decode("cp1252")
        except UnicodeDecodeError:
            text = ""
        if text and _plausible_cp1252(text):
            return Decoded(text, "cp1252")
    raise DecodeError(
        f"cannot decode as UTF-8 (byte 0x{body[bad_at]:02x} at offset {offset + bad_at + len(bom)}); "
        "save the file as UTF-8",
        lines + _line_of_byte(body, bad_at),
    )
