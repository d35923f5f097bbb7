"""The submission edition's 版头 and 版记 in the PDF (GB/T 9704-2012 7.2, 7.4, 7.5).

The 版头 is a few boxes at the top of page 1, placed by padding measured from the text
block's top (templates/submission.css). The 版记 must end on the text block's bottom edge
of the last page, and that page must be even [7.4, 7.5]; where it lands is known only
after layout, so the document is laid out twice: once to find the 版记's page and height,
and once with the space above it (`ImprintPlace`) that puts its last rule on the bottom
edge — on the next page when it landed on an odd one, after a blank page without a page
number when it stood alone on an odd page [7.5].
"""

from __future__ import annotations

from dataclasses import dataclass

from reportgen.model.submission import Annotation, Imprint, Masthead
from reportgen.render import gbt9704 as F
from reportgen.render.pdf.lines import MM, Box, Geometry, Line, placed_line
from reportgen.render.pdf.paragraph import flow_lines, paragraph_lines

PX = 0.75  # pt per CSS px: WeasyPrint's positions are in px


def mark_size(width_em: float, grid: Geometry) -> float:
    """The 标志's size: MARK_PT, or smaller so that it fits the text block [7.2.4]."""
    return round(min(F.MARK_PT, grid.text_width_pt / max(width_em, 1)), 2)


def submission_boxes(document, block, table, grid: Geometry) -> list[Box]:
    """The boxes of a Masthead, Annotation or Imprint block."""
    where = f"《{document.name}》的"
    size = grid.body_size_pt
    if isinstance(block, Masthead):
        top = []
        for text, role, label in ((block.copy_number, "body", "份号"), (block.secrecy, "heading1", "密级"),
                                  (block.urgency, "heading1", "紧急程度")):
            if text:  # flush left on the first lines of the text block [7.2.1–7.2.3]
                top += paragraph_lines(table.glyphs(role, text, where + label), 0, size, grid)
        glyphs = table.glyphs("title", block.mark, where + "发文机关标志")
        width = sum(g.width for g in glyphs) / 1000
        mark = placed_line(glyphs, mark_size(width, grid), 0, "center", grid=grid)
        number_glyphs = table.glyphs("body", block.number, where + "发文字号")
        if block.signer:
            # 上行文: 发文字号 居左空一字, 签发人 居右空一字 on the same line [7.2.6]
            number = [Line(size, placed_line(number_glyphs, size, 0, "center", grid=grid).runs)]
            signer = table.glyphs("body", block.signer_label, where + "签发人") + table.glyphs("heading2", block.signer, where + "签发人")
            number.append(placed_line(signer, size, 0, "right", size, grid))
        else:
            number = [placed_line(number_glyphs, size, 0, "center", grid=grid)]  # 居中 [7.2.5]
        return [Box("masthead-top", tuple(top)), Box("masthead-mark", (mark,)), Box("masthead-number", tuple(number)),
                Box("masthead-rule")]
    if isinstance(block, Annotation):  # one line below the date, indented two characters [7.3.6]
        glyphs = table.glyphs("body", block.text, where + "附注")
        return [Box("annotation", tuple(paragraph_lines(glyphs, 2, size, grid)))]
    if isinstance(block, Imprint):
        return imprint_boxes(block, table, grid, where)
    raise TypeError(f"unknown block {block!r}")


def _width(glyphs, size: float) -> float:
    return sum(g.width for g in glyphs) * size / 1000


def imprint_boxes(block: Imprint, table, grid: Geometry, where: str) -> list[Box]:
    """抄送 indented one character, its further lines under the first organ; 印发机关 and
    印发日期 one character in from either edge [7.4.1, 7.4.2]; 4号 仿宋."""
    size = F.IMPRINT_PT
    boxes = []
    if block.copies:
        glyphs = table.glyphs("body", block.copies, where + "抄送")
        label = len(block.copies.split("：")[0]) + 1 if "：" in block.copies else 0
        lines = flow_lines(glyphs, size, 0, size, size + _width(glyphs[:label], size), grid.text_width_pt - size)
        boxes.append(Box("imprint-copies", tuple(lines)))
    printer = table.glyphs("body", block.printer, where + "印发机关")
    printed = table.glyphs("body", block.printed, where + "印发日期")
    left = Line(size, placed_line(printer, size, 0, "center", grid=grid).runs)
    boxes.append(Box("imprint-printed", (left, placed_line(printed, size, 0, "right", size, grid))))
    return boxes


def masthead_css(document, table, grid: Geometry) -> dict:
    """The numbers templates/submission.css needs for the 版头 and 版记 (pt)."""
    block = next((b for b in document.blocks if isinstance(b, Masthead)), None)
    if block is None:
        return {}
    pitch, size = grid.line_pitch_pt, grid.body_size_pt
    glyphs = table.glyphs("title", block.mark, f"《{document.name}》的发文机关标志")
    top_lines = sum(1 for text in (block.copy_number, block.secrecy, block.urgency) if text)
    mark_pt = mark_size(sum(g.width for g in glyphs) / 1000, grid)
    rule, title = F.masthead_rule_and_title(mark_pt, top_lines)
    number_top = F.MARK_TOP * MM + mark_pt + F.NUMBER_GAP_LINES * pitch
    return {
        "mark_pt": mark_pt,
        "mark_pad": round(F.MARK_TOP * MM - top_lines * pitch, 3),
        "number_pad": round(F.NUMBER_GAP_LINES * pitch, 3),
        # the rule's top, from the 发文字号 line's bottom
        "rule_margin": round(rule - F.RULE_PT / 2 - (number_top + pitch), 3),
        "rule_pt": F.RULE_PT,
        "title_gap": round(title - (rule + F.RULE_PT / 2), 3),
        "red": "#%02X%02X%02X" % F.RED_RGB,
        "imprint_pt": F.IMPRINT_PT,
        "thick_mm": F.IMPRINT_THICK,
        "thin_mm": F.IMPRINT_THIN,
    }


@dataclass(frozen=True)
class ImprintPlace:
    """Where the 版记 goes: `pad` pt of space above its first rule, on a page of its own
    (`new_page`), after a blank page without a number (`blank_page`)."""

    pad: float = 0.0
    new_page: bool = False
    blank_page: bool = False


def imprint_position(pages) -> tuple[int, float, float] | None:
    """From a layout: the 版记's page number, its top and its height in pt (None: none)."""
    for number, page in enumerate(pages, 1):
        for box in page._page_box.descendants():
            element = getattr(box, "element", None)
            if element is not None and box.element_tag == "div" and "imprint" in (element.get("class") or "").split():
                return number, box.border_box_y() * PX, box.border_height() * PX - box.padding_top * PX
    return None


def place_imprint(pages, grid: Geometry) -> ImprintPlace | None:
    """From a first layout: the space that puts the 版记's last rule on the bottom edge of
    the text block of an even page [7.4, 7.5]. None: the document has no 版记."""
    found = imprint_position(pages)
    if found is None:
        return None
    number, top, height = found
    area_top = grid.margin_top * MM
    bottom = (grid.page_height - grid.margin_bottom) * MM
    if number % 2 == 0:
        return ImprintPlace(round(bottom - top - height, 3))
    alone = abs(top - area_top) < 0.5  # nothing above it on its page: a blank page first
    return ImprintPlace(round(bottom - area_top - height, 3), True, alone)
