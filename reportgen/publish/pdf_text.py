"""The text of each page of a PDF, read with pikepdf (a runtime dependency), for `verify`.

Enough for the PDFs reportgen writes (WeasyPrint: Type0 fonts, Identity-H, two-byte codes
with a ToUnicode CMap; the compilation wraps pages into form XObjects): the characters of
every text-showing operator, in content order, a new line where the text moves to another
baseline. Artifacts without text (the draft mark is drawn from outlines) add nothing.
"""

from __future__ import annotations

import re
from pathlib import Path

import pikepdf

_BFCHAR = re.compile(rb"beginbfchar(.*?)endbfchar", re.S)
_BFRANGE = re.compile(rb"beginbfrange(.*?)endbfrange", re.S)
_HEX = re.compile(rb"<([0-9A-Fa-f]*)>")
_RANGE = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]*>|\[[^\]]*\])")


def _unicode(hex_text: bytes) -> str:
    raw = bytes.fromhex(hex_text.decode("ascii"))
    return raw.decode("utf-16-be", errors="replace")


def cmap_of(stream: bytes) -> dict[int, str]:
    """Code → text of a ToUnicode CMap (bfchar and bfrange entries)."""
    found: dict[int, str] = {}
    for block in _BFCHAR.findall(stream):
        codes = _HEX.findall(block)
        for source, target in zip(codes[0::2], codes[1::2]):
            found[int(source, 16)] = _unicode(target)
    for block in _BFRANGE.findall(stream):
        for low, high, target in _RANGE.findall(block):
            low_code, high_code = int(low, 16), int(high, 16)
            if target.startswith(b"["):
                for offset, each in enumerate(_HEX.findall(target)):
                    found[low_code + offset] = _unicode(each)
            else:
                first = bytes.fromhex(target[1:-1].decode("ascii"))
                for offset in range(min(high_code - low_code, 0xFFFF) + 1):
                    last = int.from_bytes(first[-2:], "big") + offset
                    found[low_code + offset] = (first[:-2] + last.to_bytes(2, "big")).decode("utf-16-be", "replace")
    return found


class _Fonts:
    """Each font's code width and ToUnicode map, read once per file."""

    def __init__(self) -> None:
        self._known: dict[tuple, tuple[int, dict[int, str]]] = {}

    def get(self, font) -> tuple[int, dict[int, str]]:
        key = font.objgen if font.is_indirect else (id(font), 0)
        if key not in self._known:
            width = 2 if font.get("/Subtype") == "/Type0" else 1
            to_unicode = font.get("/ToUnicode")
            table = cmap_of(to_unicode.read_bytes()) if to_unicode is not None else {}
            self._known[key] = (width, table)
        return self._known[key]


def _decode(data: bytes, width: int, table: dict[int, str]) -> str:
    codes = (int.from_bytes(data[i:i + width], "big") for i in range(0, len(data) - width + 1, width))
    return "".join(table.get(code, "") for code in codes)


def _stream_text(owner, resources, fonts: _Fonts, out: list[str], depth: int = 0) -> None:
    """Append the text of a page or form XObject to `out`, a newline at each new baseline."""
    font_dict = resources.get("/Font", {}) if resources is not None else {}
    xobjects = resources.get("/XObject", {}) if resources is not None else {}
    current, baseline = (1, {}), None
    for operands, operator in pikepdf.parse_content_stream(owner):
        op = str(operator)
        if op == "Tf" and str(operands[0]) in font_dict:
            current = fonts.get(font_dict[str(operands[0])])
        elif op == "Tm":
            if baseline is not None and float(operands[5]) != baseline:
                out.append("\n")
            baseline = float(operands[5])
        elif op in ("Td", "TD") and float(operands[1]) != 0:
            out.append("\n")
        elif op in ("T*", "'", '"'):
            out.append("\n")
        if op in ("Tj", "'", '"'):
            out.append(_decode(bytes(operands[-1]), *current))
        elif op == "TJ":
            out.append("".join(_decode(bytes(part), *current) for part in operands[0]
                               if isinstance(part, pikepdf.String)))
        elif op == "Do" and depth < 8 and str(operands[0]) in xobjects:
            form = xobjects[str(operands[0])]
            if form.get("/Subtype") == "/Form":
                out.append("\n")
                _stream_text(form, form.get("/Resources", resources), fonts, out, depth + 1)


def page_texts(path: Path) -> list[str]:
    """The text of every page of the PDF at `path`."""
    fonts, pages = _Fonts(), []
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            out: list[str] = []
            _stream_text(page.obj, page.obj.get("/Resources"), fonts, out)
            pages.append("".join(out))
    return pages
