"""Turn a file's bytes into text: UTF-8 (with or without BOM), UTF-16/32 with a BOM, or the
GB18030 that Windows Notepad and WPS save by default (reported as W101 by the loader).

Shared by the YAML loader (reportgen/read/loader.py) and the Word import's plain-text
reader (reportgen/word_import/sources.py).
"""

from __future__ import annotations

import codecs


def decode(raw: bytes) -> tuple[str, str | None]:
    """Bytes → text, and the encoding name when it is not UTF-8 (for a warning).

    Raises UnicodeDecodeError when no encoding fits.
    """
    if raw.startswith(codecs.BOM_UTF8):
        return raw[len(codecs.BOM_UTF8):].decode("utf-8"), None
    if raw.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):  # before UTF-16: FF FE 00 00 starts both
        return raw.decode("utf-32"), "UTF-32"
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16"), "UTF-16"
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as utf8_error:
        if mostly_utf8(raw):
            raise  # a UTF-8 file with a few broken bytes: GB18030 would turn it all into nonsense
        try:
            return raw.decode("gb18030"), "GB18030"
        except UnicodeDecodeError:
            raise utf8_error from None


def mostly_utf8(raw: bytes) -> bool:
    """True when more non-ASCII characters decode as UTF-8 than fail to.

    In a GB18030 file nearly every Chinese character is invalid UTF-8; in a UTF-8 file
    with a pasted fragment or a stray byte, the valid characters far outnumber the bad.
    """
    text = raw.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ord(ch) > 0x7F) - bad
    return good > bad
