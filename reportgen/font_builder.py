"""Write small CFF fonts of just the characters a document needs: one face of a
collection, or a face with thickened outlines where no bold face exists (synthetic bold,
as FreeType's FT_Outline_EmboldenXY does; WeasyPrint never synthesises bold itself,
Kozea/WeasyPrint#1470).
"""

from __future__ import annotations

import math
from pathlib import Path

from fontTools.fontBuilder import FontBuilder
from fontTools.pens.boundsPen import BoundsPen
from fontTools.pens.recordingPen import RecordingPen
from fontTools.pens.t2CharStringPen import T2CharStringPen

from .fonts import Face, _cmap, _open_font, metrics


def needs_own_file(face: Face) -> bool:
    """Faces WeasyPrint cannot be pointed at directly: synthetic bold, and one face of a
    collection (WeasyPrint would register every face of a .ttc under one family)."""
    return face.embolden or face.path.suffix.lower() in {".ttc", ".otc"}


def write_face(face: Face, chars: set[str], target: Path, like: Face | None = None) -> Path:
    """Write a small CFF font with just `chars` from `face`, outlines thickened if
    `face.embolden`. Vertical metrics are copied from `like` (the role's own face), so a
    spare character does not change the height of its line."""
    font = _open_font(face.path, face.index)
    upem = font["head"].unitsPerEm
    cmap = _cmap(face.path, face.index)
    hmtx = font["hmtx"]
    glyph_set = font.getGlyphSet()
    strength = upem / 34 if face.embolden else 0  # total thickening; FreeType uses upem/24

    # WeasyPrint measures each text box's strut by laying out a space in its font; without
    # one, some other font (chosen by locale) would set the line's height.
    chars = set(chars) | {" "}
    order = [".notdef"]
    char_strings = {}
    widths = {}
    lsbs = {".notdef": 0}
    new_cmap = {}
    for ch in sorted(chars):
        name = cmap.get(ord(ch))
        if name is None and ch != " ":
            continue
        new_name = f"uni{ord(ch):04X}"
        width = hmtx[name][0] if name else upem // 3
        recording = RecordingPen()
        if name:
            glyph_set[name].draw(recording)
        outline = _embolden(recording.value, strength) if strength else _Contours(recording.value)
        pen, bounds = T2CharStringPen(width, None), BoundsPen(None)
        outline.replay(pen)
        outline.replay(bounds)
        char_strings[new_name] = pen.getCharString()
        widths[new_name] = width
        lsbs[new_name] = math.floor(bounds.bounds[0]) if bounds.bounds else 0
        new_cmap[ord(ch)] = new_name
        order.append(new_name)
    notdef = T2CharStringPen(upem, None)
    char_strings[".notdef"] = notdef.getCharString()
    widths[".notdef"] = upem

    ref = _open_font((like or face).path, (like or face).index)
    scale = upem / ref["head"].unitsPerEm
    hhea, os2 = ref["hhea"], ref["OS/2"]
    ascent, descent = round(hhea.ascent * scale), round(metrics(like or face).descent * scale)
    ps_name = "".join(c for c in (face.name or "Face") if c.isascii() and c.isalnum() or c == "-")
    ps_name = (ps_name or "Face") + ("-SyntheticBold" if face.embolden else "-Part")

    fb = FontBuilder(upem, isTTF=False)
    fb.setupGlyphOrder(order)
    fb.setupCharacterMap(new_cmap)
    fb.setupCFF(ps_name, {"FullName": ps_name}, char_strings, {})
    fb.setupHorizontalMetrics({name: (widths[name], lsbs[name]) for name in order})
    fb.setupHorizontalHeader(ascent=ascent, descent=descent, lineGap=round(hhea.lineGap * scale))
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
    # Same input, same bytes: keep the source's dates instead of the time of the build.
    fb.font["head"].created = fb.font["head"].modified = ref["head"].created
    fb.font.recalcTimestamp = False
    fb.save(str(target))
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
    outer contours: the outward normal of a direction (dx, dy) is (dy, -dx))."""
    n = len(pts)
    if n < 3:
        return list(pts)
    result = []
    for i, (x, y) in enumerate(pts):
        prev = next((pts[(i - j) % n] for j in range(1, n) if pts[(i - j) % n] != (x, y)), None)
        nxt = next((pts[(i + j) % n] for j in range(1, n) if pts[(i + j) % n] != (x, y)), None)
        if prev is None or nxt is None:
            result.append((x, y))
            continue
        ix, iy = x - prev[0], y - prev[1]
        ox, oy = nxt[0] - x, nxt[1] - y
        li, lo = math.hypot(ix, iy), math.hypot(ox, oy)
        ix, iy, ox, oy = ix / li, iy / li, ox / lo, oy / lo
        nx, ny = iy + oy, -(ix + ox)  # sum of the two outward normals
        cos = ix * ox + iy * oy
        if cos <= -0.94:  # a cusp: leave the point alone
            result.append((x, y))
            continue
        factor = d / (1 + cos)
        limit = min(li, lo)  # do not push a point past a short neighbouring edge
        sx, sy = nx * factor, ny * factor
        length = math.hypot(sx, sy)
        if length > limit + abs(d):
            sx, sy = sx * (limit + abs(d)) / length, sy * (limit + abs(d)) / length
        result.append((x + sx, y + sy))
    return result
