"""The draft mark of page 1 (Document.mark) as a picture, not text.

The mark must be seen but never read as part of the report: copied text, search and
screen readers must not meet “草稿 仅供核对” between the title and the body. So its
glyphs are traced from the heading font into SVG paths (fontTools, which WeasyPrint
already needs), and report.html.j2 paints the SVG as the background of a top-margin
box of the first page: WeasyPrint draws backgrounds as artifacts, outside the tagged
content, and the page holds no text for the mark at all.
"""

from __future__ import annotations

import base64

from fontTools.pens.svgPathPen import SVGPathPen
from fontTools.ttLib import TTFont

from reportgen.errors import ReportgenError

MARK_COLOR = "#c00000"


def mark_svg(text: str, face, size_pt: float, color: str = MARK_COLOR) -> str:
    """An SVG of `text` set in `face` (render.pdf.fonts.Face) at `size_pt`, as paths."""
    font = TTFont(str(face.path), fontNumber=face.index, lazy=True)
    try:
        glyphs, cmap = font.getGlyphSet(), font.getBestCmap()
        metrics, em = font["hmtx"].metrics, font["head"].unitsPerEm
        ascent, descent = font["hhea"].ascent, -font["hhea"].descent
        x, paths = 0, []
        for ch in text:
            name = cmap.get(ord(ch))
            if name is None:
                raise ReportgenError(f"字体 {face.label or face.path.name} 中没有草稿标记的字“{ch}”")
            pen = SVGPathPen(glyphs)
            glyphs[name].draw(pen)
            commands = pen.getCommands()
            if commands:
                paths.append(f'<path transform="translate({x} {ascent}) scale(1 -1)" d="{commands}"/>')
            x += metrics[name][0]
    finally:
        font.close()
    height = ascent + descent
    scale = size_pt / em
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{x * scale:.2f}pt" height="{height * scale:.2f}pt" '
            f'viewBox="0 0 {x} {height}"><g fill="{color}">{"".join(paths)}</g></svg>')


def mark_url(text: str, face, size_pt: float) -> str:
    """The mark as a data: URL for CSS."""
    svg = mark_svg(text, face, size_pt)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
