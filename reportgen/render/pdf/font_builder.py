"""Write CFF fonts of chosen characters from a face: one face of a collection, or a face
with thickened outlines where no bold face exists (synthetic bold, as FreeType's
FT_Outline_EmboldenXY does; WeasyPrint never synthesises bold itself, Kozea/WeasyPrint#1470).

Building is split in two so that it can run in several processes: `glyph_records` turns
characters into finished glyphs (Type 2 charstring bytes, advance, bounds), in order;
`_assemble` writes the font from them. The records are the same whichever process made
them, so a font built with `jobs=4` is byte for byte the one built in one process. The
bounding boxes are computed once, from the glyphs as they are stored (rounded), so
fontTools need not redraw every glyph when it saves (`recalcBBoxes` off). A whole face
of a collection is copied table by table (`extract_face`): nothing to redraw.
"""

from __future__ import annotations

import math
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from itertools import repeat
from pathlib import Path

from fontTools.fontBuilder import FontBuilder
from fontTools.misc.arrayTools import intRect, unionRect
from fontTools.misc.psCharStrings import T2CharString
from fontTools.pens.boundsPen import BoundsPen
from fontTools.pens.recordingPen import RecordingPen
from fontTools.pens.roundingPen import RoundingPen
from fontTools.pens.t2CharStringPen import T2CharStringPen
from fontTools.ttLib import TTFont

from reportgen.render.pdf.fonts import Face, char_map, open_font, metrics

# Total thickening of synthetic bold, as a fraction of the em (FreeType uses 1/24).
EMBOLDEN = 1 / 34
# Below this many characters a process pool costs more than it saves.
PARALLEL_MIN = 200


def needs_own_file(face: Face) -> bool:
    """Faces WeasyPrint cannot be pointed at directly: synthetic bold, and one face of a
    collection (WeasyPrint would register every face of a .ttc under one family)."""
    return face.embolden or face.path.suffix.lower() in {".ttc", ".otc"}


def write_face(face: Face, chars: set[str], target: Path, like: Face | None = None, jobs: int = 1) -> Path:
    """Write a CFF font with just `chars` from `face` (and a space), outlines thickened if
    `face.embolden`. Vertical metrics are copied from `like` (the role's own face), so a
    spare character does not change the height of its line. With `jobs` > 1 the glyphs
    are made in that many processes; the bytes are the same."""
    # WeasyPrint measures each text box's strut by laying out a space in its font; without
    # one, some other font (chosen by locale) would set the line's height.
    text = "".join(sorted(set(chars) | {" "}))
    if jobs > 1 and len(text) >= PARALLEL_MIN:
        size = -(-len(text) // (jobs * 4))  # a few pieces per process evens out their speeds
        pieces = [text[i : i + size] for i in range(0, len(text), size)]
        # spawn: a fresh interpreter; forking a process that runs Pango's threads is unsafe
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(min(jobs, len(pieces)), mp_context=context) as pool:
            parts = pool.map(glyph_records, repeat(face.path), repeat(face.index), pieces, repeat(face.embolden))
            records = [record for part in parts for record in part]
    else:
        records = glyph_records(face.path, face.index, text, face.embolden)
    return _assemble(face, records, target, like)


def glyph_records(path: Path, index: int, text: str, embolden: bool) -> list[tuple]:
    """(character, advance, bounds or None, charstring bytes) for each character of `text`
    the face has, and for a space (blank if the face has none)."""
    font = open_font(path, index)
    upem = font["head"].unitsPerEm
    cmap = char_map(path, index)
    hmtx = font["hmtx"]
    glyph_set = font.getGlyphSet()
    strength = upem * EMBOLDEN if embolden else 0
    records = []
    for ch in text:
        name = cmap.get(ord(ch))
        if name is None and ch != " ":
            continue
        width = hmtx[name][0] if name else upem // 3
        recording = RecordingPen()
        if name:
            glyph_set[name].draw(recording)
        outline = _embolden(recording.value, strength) if strength else _Contours(recording.value)
        pen, bounds = T2CharStringPen(width, None), BoundsPen(None)
        outline.replay(pen)
        outline.replay(RoundingPen(bounds))  # the coordinates as the charstring stores them
        charstring = pen.getCharString()
        charstring.compile()
        records.append((ch, width, bounds.bounds, charstring.bytecode))
    return records


def _glyph_tables(upem: int, records: list[tuple]) -> tuple:
    """Glyph order, charstrings, horizontal metrics and cmap of the new font, with what
    fontTools would recalculate: the bounding box and the hhea extremes."""
    notdef = T2CharStringPen(upem, None).getCharString()
    notdef.compile()
    order = [".notdef"]
    char_strings = {".notdef": T2CharString(bytecode=notdef.bytecode)}
    hmetrics = {".notdef": (upem, 0)}
    new_cmap = {}
    box = None
    min_lsb = min_rsb = math.inf
    max_extent = -math.inf
    for ch, width, bounds, code in records:
        name = f"cid{len(order):05d}"  # CID-keyed: glyphs have numbers, not names (see _cid_keyed)
        lsb = 0
        if bounds:
            lsb = math.floor(bounds[0])
            box = unionRect(box, bounds) if box else bounds
            ink = math.ceil(bounds[2]) - lsb
            min_lsb, min_rsb, max_extent = min(min_lsb, lsb), min(min_rsb, width - lsb - ink), max(max_extent, lsb + ink)
        char_strings[name] = T2CharString(bytecode=code)
        hmetrics[name] = (width, lsb)
        new_cmap[ord(ch)] = name
        order.append(name)
    font_box = list(intRect(box)) if box else [0, 0, 0, 0]
    if box is None:
        min_lsb = min_rsb = max_extent = 0
    return order, char_strings, hmetrics, new_cmap, font_box, (min_lsb, min_rsb, max_extent)


def _assemble(face: Face, records: list[tuple], target: Path, like: Face | None) -> Path:
    font = open_font(face.path, face.index)
    upem = font["head"].unitsPerEm
    order, char_strings, hmetrics, new_cmap, font_box, extremes = _glyph_tables(upem, records)
    min_lsb, min_rsb, max_extent = extremes

    ref = open_font((like or face).path, (like or face).index)
    scale = upem / ref["head"].unitsPerEm
    hhea, os2 = ref["hhea"], ref["OS/2"]
    ascent, descent = round(hhea.ascent * scale), round(metrics(like or face).descent * scale)
    ps_name = "".join(c for c in (face.name or "Face") if c.isascii() and c.isalnum() or c == "-")
    ps_name = (ps_name or "Face") + ("-SyntheticBold" if face.embolden else "-Part")

    fb = FontBuilder(upem, isTTF=False)
    fb.setupGlyphOrder(order)
    fb.setupCharacterMap(new_cmap)
    fb.setupCFF(ps_name, {"FullName": ps_name, "FontBBox": font_box}, char_strings, {})
    _cid_keyed(fb.font["CFF "].cff.topDictIndex[0])
    fb.setupHorizontalMetrics(hmetrics)
    fb.setupHorizontalHeader(
        ascent=ascent, descent=descent, lineGap=round(hhea.lineGap * scale),
        advanceWidthMax=max(width for width, _ in hmetrics.values()),
        minLeftSideBearing=min_lsb, minRightSideBearing=min_rsb, xMaxExtent=max_extent,
    )
    fb.setupNameTable({"familyName": ps_name, "styleName": "Regular", "psName": ps_name})
    # Whichever of these a renderer reads, it gets the same as from the original.
    fb.setupOS2(
        sTypoAscender=round(os2.sTypoAscender * scale),
        sTypoDescender=round(os2.sTypoDescender * scale),
        sTypoLineGap=round(os2.sTypoLineGap * scale),
        usWinAscent=round(os2.usWinAscent * scale),
        usWinDescent=round(os2.usWinDescent * scale),
        fsSelection=os2.fsSelection & 0x80 | 0x40,  # USE_TYPO_METRICS as the original; REGULAR
        usWeightClass=400,
        fsType=0,
    )
    fb.setupPost()
    head = fb.font["head"]
    head.xMin, head.yMin, head.xMax, head.yMax = font_box
    # Same input, same bytes: keep the source's dates instead of the time of the build.
    head.created = head.modified = ref["head"].created
    fb.font.recalcTimestamp = False
    fb.font.recalcBBoxes = False  # set above, from the bounds the records carry
    fb.save(str(target))
    return target


def _cid_keyed(top) -> None:
    """Make a name-keyed CFF font CID-keyed (as fontTools' CFF2ToCFF does): one FDArray
    font dict with the Private dict. A PDF embeds a subset that keeps every glyph number up
    to the highest used; with names, the subset would carry the names of all those glyphs."""
    from fontTools.cffLib import FDArrayIndex, FDSelect, FontDict

    count = len(top.charset)
    font_dict = FontDict()
    font_dict.Private = top.Private
    top.FDArray = FDArrayIndex()
    top.FDArray.append(font_dict)
    top.FDSelect = FDSelect()
    top.FDSelect.gidArray = [0] * count
    top.ROS = ("Adobe", "Identity", 0)
    top.CIDCount = count
    del top.Private
    top.rawDict.pop("Private", None)
    top.CharStrings.fdArray = top.FDArray
    top.CharStrings.fdSelect = top.FDSelect


def extract_face(face: Face, target: Path) -> Path:
    """Copy one face of a collection, all its glyphs, into a font file of its own."""
    font = TTFont(str(face.path), fontNumber=face.index, lazy=True, recalcBBoxes=False, recalcTimestamp=False)
    try:
        font.save(str(target))
    finally:
        font.close()
    return target


class _Contours:
    """Recorded pen operations with every point moved; replay() draws them into a pen."""

    def __init__(self, value):
        self.value = value

    def replay(self, pen) -> None:
        for op, args in self.value:
            getattr(pen, op)(*args)


def _embolden(value: list, strength: float) -> _Contours:
    """Offset every contour outwards by strength/2 (FreeType's FT_Outline_EmboldenXY): each
    point moves along the bisector of its neighbouring edges' normals. Outer contours and
    holes run in opposite directions, so strokes thicken on both sides."""
    contours: list[list] = []
    current: list = []
    for op, args in value:
        if op == "moveTo":
            current = [[op, list(args)]]
            contours.append(current)
        elif op in ("closePath", "endPath"):
            current.append([op, []])
        else:
            current.append([op, list(args)])
    points_all = [[pt for _, args in c for pt in args] for c in contours]
    area = [_area(pts) for pts in points_all if None not in pts]
    if not area:
        return _Contours(value)
    outer_ccw = area[max(range(len(area)), key=lambda i: abs(area[i]))] > 0
    half = strength / 2
    out = []
    for contour, pts in zip(contours, points_all):
        if any(pt is None for pt in pts):  # a TrueType contour without on-curve points: keep it
            out.extend((op, tuple(args)) for op, args in contour)
            continue
        shifted = _shift_points(pts, half if outer_ccw else -half)
        k = 0
        for op, args in contour:
            new_args = shifted[k : k + len(args)]
            k += len(args)
            out.append((op, tuple(new_args)))
    return _Contours(out)


def _area(pts: list) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(pts, pts[1:] + pts[:1])) / 2


def _shift_points(pts: list, d: float) -> list:
    """Move each point by d along the outward miter of its edges (d > 0 for counter-clockwise
    outer contours: the outward normal of a direction (dx, dy) is (dy, -dx)). A point's
    edges lead to the nearest points on either side that differ from it, so repeated
    points move together; each edge is measured once for the points at both its ends."""
    n = len(pts)
    if n < 3:
        return list(pts)
    # runs of equal consecutive points (the last run joins the first if they are equal)
    starts = [i for i in range(n) if pts[i] != pts[i - 1]]
    if not starts:
        return list(pts)  # a single point repeated
    m = len(starts)
    values = [pts[i] for i in starts]
    # unit vector and length of the edge from run k to run k + 1
    hypot = math.hypot
    edges = []
    for k in range(m):
        (x0, y0), (x1, y1) = values[k], values[(k + 1) % m]
        dx, dy = x1 - x0, y1 - y0
        length = hypot(dx, dy)
        edges.append((dx / length, dy / length, length))
    ad = abs(d)
    moved = []
    for k in range(m):
        x, y = values[k]
        ix, iy, li = edges[k - 1]
        ox, oy, lo = edges[k]
        if m < 2:
            moved.append((x, y))
            continue
        nx, ny = iy + oy, -(ix + ox)  # sum of the two outward normals
        cos = ix * ox + iy * oy
        if cos <= -0.94:  # a cusp: leave the point alone
            moved.append((x, y))
            continue
        factor = d / (1 + cos)
        limit = min(li, lo)  # do not push a point past a short neighbouring edge
        sx, sy = nx * factor, ny * factor
        length = hypot(sx, sy)
        if length > limit + ad:
            sx, sy = sx * (limit + ad) / length, sy * (limit + ad) / length
        moved.append((x + sx, y + sy))
    result = []
    run = len(starts) - 1 if starts[0] > 0 else 0  # points before the first start belong to the last run
    for i in range(n):
        if run + 1 < m and i == starts[run + 1]:
            run += 1
        elif i == starts[0]:
            run = 0
        result.append(moved[run])
    return result
