"""What makes a PDF draft known: the mark of every page (Document.mark) as a picture, not
text, and the draft state in the XMP metadata (`label_draft`).

The mark must be seen but never read as part of the report: copied text, search and
screen readers must not meet “草稿 仅供核对” between the title and the body. So its
glyphs are traced from the heading font into SVG paths (fontTools, which WeasyPrint
already needs), and report.html.j2 paints the SVG as the background of a top-margin
box of every page: WeasyPrint draws backgrounds as artifacts, outside the tagged
content, and the page holds no text for the mark at all.
"""

from __future__ import annotations

import base64
from xml.etree import ElementTree

from fontTools.pens.svgPathPen import SVGPathPen
from fontTools.ttLib import TTFont

from reportgen.errors import ReportgenError

MARK_COLOR = "#c00000"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XMP = "http://ns.adobe.com/xap/1.0/"
DRAFT_STATE = "草稿"  # publish/finished.DRAFT_STATE reads it back


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


def label_draft(metadata) -> None:
    """build --draft: the XMP records the state, xmp:Label = 草稿 (XMP basic schema, so
    PDF/A needs no extension schema); `verify` reads it (publish/finished.py)."""
    plain = metadata.generate_rdf_metadata

    def labelled(*args):
        rdf = ElementTree.fromstring(plain(*args))
        description = ElementTree.SubElement(rdf, f"{{{RDF}}}Description", {f"{{{RDF}}}about": ""})
        ElementTree.SubElement(description, f"{{{XMP}}}Label").text = DRAFT_STATE
        return ElementTree.tostring(rdf, encoding="utf-8")

    metadata.generate_rdf_metadata = labelled
