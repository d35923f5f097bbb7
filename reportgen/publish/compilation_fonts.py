"""One font program per face in the compilation (issue 22).

Every unit's PDF embeds its own subsets of the same faces: at 100 units, 32 MB of a 40.6 MB
volume were 101 copies of six subsets. WeasyPrint subsets with the face's own glyph IDs
(glyph_subset.py), and the glyph ID is what the pages draw (CIDToGIDMap /Identity), so
one subset of the union of the glyphs every document uses draws every page of the volume
as the units' own subsets did. `share_font_programs` points each font descriptor of a
role's face at that one program; the pages, their fonts' widths and ToUnicode maps (text
extraction), the structure and the bookmarks are not touched.

A font is shared only when it is a role's face whose file the build knows
(faces.role_file) and its embedded program is a subset of that file: same type
(CFF or TrueType) and the same `head` table dates, revision and units per em. Anything
else — a document's own file of rare characters, a face from another build — keeps its
own program.
"""

from __future__ import annotations

import re
import struct
import zlib
from collections.abc import Callable
from pathlib import Path

import pikepdf

from reportgen.render.pdf.glyph_subset import subset_program

FONT_FILES = ("/FontFile2", "/FontFile3")


_TOKEN = re.compile(rb"\[|\]|[-+]?[0-9.]+")


def _glyph_ids(widths) -> set[int]:
    """The glyph IDs a CID font's /W array gives widths for: every glyph its pages draw.
    Read from the array's text (`c [w …]` and `c_first c_last w`): reaching into a pikepdf
    Array element by element costs more than the rest of sharing."""
    tokens = _TOKEN.findall(widths.unparse())[1:-1]  # without the outer brackets
    found, i = set(), 0
    while i + 1 < len(tokens):
        first = int(float(tokens[i]))
        if tokens[i + 1] == b"[":
            end = tokens.index(b"]", i + 2)
            found.update(range(first, first + end - i - 2))
            i = end + 1
        else:
            found.update(range(first, int(float(tokens[i + 1])) + 1))
            i += 3
    return found


def head_stamp(program: bytes) -> bytes | None:
    """fontRevision, unitsPerEm, created and modified from a font program's `head` table:
    the same in every subset of one file (HarfBuzz copies them)."""
    try:
        count = struct.unpack_from(">H", program, 4)[0]
        for n in range(count):
            tag, _, offset, length = struct.unpack_from(">4sIII", program, 12 + 16 * n)
            if tag == b"head" and length >= 36:
                head = program[offset:offset + 36]
                return head[4:8] + head[18:36] if len(head) == 36 else None
    except struct.error:
        return None
    return None


def _stamp_of(stream) -> bytes | None:
    """head_stamp of an embedded program, from the start of its data when it is plainly
    compressed (HarfBuzz writes `head` near the start; the whole program is 50–200 KB)."""
    try:
        if stream.get("/Filter") == pikepdf.Name.FlateDecode and "/DecodeParms" not in stream:
            found = head_stamp(zlib.decompressobj().decompress(stream.read_raw_bytes(), 4096))
            if found is not None:
                return found
        return head_stamp(stream.read_bytes())
    except (pikepdf.PdfError, zlib.error):
        return None


def _cid_fonts(pdf):
    """Every CID font the pages (and the forms laid over them) use, once, in page order."""
    seen = set()
    for page in pdf.pages:
        resources = [page.obj.get("/Resources", pikepdf.Dictionary())]
        forms = resources[0].get("/XObject", pikepdf.Dictionary())
        resources += [form.get("/Resources", pikepdf.Dictionary()) for _, form in forms.items()]
        for res in resources:
            for _, font in res.get("/Font", pikepdf.Dictionary()).items():
                if font.objgen in seen or "/DescendantFonts" not in font:
                    continue
                seen.add(font.objgen)
                yield font.DescendantFonts[0]


def _family(cid_font) -> str:
    """rg-body of /ABCDEF+rg-body (WeasyPrint names a font by its CSS family)."""
    return str(cid_font.get("/BaseFont", "")).lstrip("/").split("+", 1)[-1]


def share_font_programs(pdf, source: Callable[[str], tuple[Path, int] | None]) -> int:
    """Give all fonts of each face one program: a subset of the union of their glyphs.
    `source(family)`: the font file and face index behind a CSS family, or None (asked only
    for a family embedded more than once). Return how many programs were replaced."""
    groups: dict[str, list] = {}
    for cid_font in _cid_fonts(pdf):
        descriptor = cid_font.get("/FontDescriptor")
        if descriptor is not None and "/W" in cid_font and any(key in descriptor for key in FONT_FILES):
            groups.setdefault(_family(cid_font), []).append(cid_font)
    replaced = 0
    for family, members in groups.items():
        if len({_program(m).objgen for m in members}) > 1 and (found := source(family)) is not None:
            replaced += _share(pdf, members, *found)
    return replaced


def _program(cid_font):
    descriptor = cid_font.FontDescriptor
    return next(descriptor[key] for key in FONT_FILES if key in descriptor)


def _share(pdf, members: list, path: Path, index: int) -> int:
    glyphs = set().union(*(_glyph_ids(m.W) for m in members))
    program = subset_program(path, index, glyphs)
    if program is None:
        return 0
    key = "/FontFile3" if program[:4] == b"OTTO" else "/FontFile2"
    stamp = head_stamp(program)
    shared = pdf.make_stream(program)
    if key == "/FontFile3":
        shared.Subtype = pikepdf.Name("/OpenType")
    else:
        shared.Length1 = len(program)
    replaced = 0
    for member in members:
        descriptor = member.FontDescriptor
        if key not in descriptor or stamp is None:
            continue
        if _stamp_of(descriptor[key]) != stamp:
            continue
        descriptor[key] = shared
        replaced += 1
    return replaced
