"""The submission edition's 版头 and 版记 in the DOCX (GB/T 9704-2012 7.2, 7.4, 7.5), with
the numbers the PDF uses (render/gbt9704.py).

The 版头 is paragraphs off the grid with exact heights and spacing, so that the 标志's top
lies 35 mm below the text block's top. The 版记 is a frame of paragraphs placed at the foot
of the text block, with drawn lines for its rules, so its last rule lies on the bottom
edge whatever the line breaks above it. Where the body ends is known only after layout: the
PDF's first layout (render/pdf/writer.py `imprint_place`) says whether the 版记
needs a page of its own or a blank page before it, and the DOCX follows it, so both
files have the same, even, number of pages [7.5].
"""

from __future__ import annotations

from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Mm, Pt, RGBColor, Twips

from reportgen.model.measure import text_em
from reportgen.model.submission import Annotation, Imprint, Masthead
from reportgen.render import gbt9704 as F
from reportgen.render.docx.styles import CHAR, LINE, STYLES, TEXT_W, styled_run


# w:pPr's children in the order the schema demands (Word refuses a file that breaks it);
# python-docx places the ones it knows, `_put` the others.
PPR_ORDER = ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
             "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
             "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
             "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
             "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr",
             "sectPr", "pPrChange")
RED = RGBColor(*F.RED_RGB)
RED_HEX = "%02X%02X%02X" % F.RED_RGB
IMPRINT_CHAR = F.IMPRINT_PT * 20  # one 4号 character in twips
TEXT_H = round(Mm(F.PAGE_H - F.TOP - F.BOTTOM).twips)  # 225 mm


def write_block(doc, paragraph, block, document, options) -> None:
    """Add a Masthead, Annotation or Imprint block; `paragraph(key, *texts)` adds a
    paragraph in one of the writer's styles."""
    if isinstance(block, Masthead):
        _masthead(paragraph, block)
    elif isinstance(block, Annotation):  # one line below the date, indented two characters [7.3.6]
        paragraph("body", block.text)
    elif isinstance(block, Imprint):
        from reportgen.render.pdf.writer import imprint_place

        _imprint(doc, paragraph, block, imprint_place(document, options))
    else:
        raise TypeError(f"unknown block {block!r}")


def _put(p, xml: str) -> None:
    """Add the pPr child `xml` to paragraph `p` in its place in the schema's order."""
    element = parse_xml(xml)
    tag = element.tag.split("}")[1]
    ppr = p._p.get_or_add_pPr()
    ppr.insert_element_before(element, *(f"w:{name}" for name in PPR_ORDER[PPR_ORDER.index(tag) + 1:]))


def _off_grid(p, line_twips: int, before_twips: int = 0, after_twips: int = 0) -> None:
    """Exact height, no grid: LibreOffice would give a line taller than the grid two lines."""
    pf = p.paragraph_format
    pf.line_spacing = Twips(line_twips)
    pf.line_spacing_rule = 4  # WD_LINE_SPACING.EXACTLY
    pf.space_before, pf.space_after = Twips(before_twips), Twips(after_twips)
    _put(p, f'<w:snapToGrid {nsdecls("w")} w:val="0"/>')
    pf.keep_with_next = True


def _masthead(paragraph, block: Masthead) -> None:
    top = 0
    for text, key in ((block.copy_number, "addressee"), (block.secrecy, 1), (block.urgency, 1)):
        if text:  # 份号 3号, 密级 and 紧急程度 3号黑体, flush left on the first lines [7.2.1–7.2.3]
            p = paragraph("addressee")
            styled_run(p, text, STYLES[key])
            p.paragraph_format.keep_with_next = True
            top += 1
    # 发文机关标志 [7.2.4]: red 小标宋, centred, its top 35 mm below the text block's top
    size = round(min(F.MARK_PT, (F.PAGE_W - F.LEFT - F.RIGHT) * 72 / 25.4 / max(text_em(block.mark), 1)), 2)
    p = paragraph("addressee")
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = styled_run(p, block.mark, STYLES["title"])
    run.font.size, run.font.color.rgb = Pt(size), RED
    _off_grid(p, round(size * 20), round(Mm(F.MARK_TOP).twips) - top * LINE)
    # 发文字号 two lines below [7.2.5]; 上行文: 居左空一字, 签发人 居右空一字 [7.2.6]
    p = paragraph("addressee")
    _off_grid(p, LINE, F.NUMBER_GAP_LINES * LINE)
    styled_run(p, block.number, STYLES["addressee"])
    if block.signer:
        pf = p.paragraph_format
        pf.left_indent, pf.right_indent = Twips(CHAR), Twips(CHAR)
        pf.tab_stops.add_tab_stop(Twips(TEXT_W - 2 * CHAR), 2)  # WD_TAB_ALIGNMENT.RIGHT, from the indent
        styled_run(p, "\t", STYLES["addressee"])
        styled_run(p, block.signer_label, STYLES["addressee"])
        styled_run(p, block.signer, STYLES[2])  # 楷体
    else:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    # the red separator 4 mm below the 发文字号 [7.2.7]: the top border of an empty line,
    # whose spacing before puts it there (a 16 pt line sits at the bottom of its exact
    # 28.95 pt line, its glyphs' bottom ~4 pt above the line's bottom), then the title
    # two lines below [7.3.1]
    rule = paragraph("addressee")
    # LibreOffice and Word set a 16 pt line at the foot of its exact 28.95 pt line, its
    # glyphs' bottom about 3 pt above the line's: the rule 4 mm below them
    before = round(Mm(F.RULE_GAP).twips) - 3 * 20
    rule_top = round(Mm(F.MARK_TOP).twips) + round(size * 20) + (F.NUMBER_GAP_LINES + 1) * LINE + before
    _, title_pt = F.masthead_rule_and_title(size, top)
    # the title starts where the PDF's does, on a grid line, so the pages break alike; the
    # paragraph is one twip-line and its border high (a border adds its width)
    _off_grid(rule, 20, before, round(title_pt * 20) - rule_top - 20 - F.RULE_PT * 20)
    _put(rule, f'<w:pBdr {nsdecls("w")}><w:top w:val="single" w:sz="{F.RULE_PT * 8}" w:space="0"'
               f' w:color="{RED_HEX}"/></w:pBdr>')


def _imprint(doc, paragraph, block: Imprint, place) -> None:
    if place is not None and place.blank_page:
        # a blank page before the 版记, neither with a page number [7.5]: a section of its own
        section = doc.add_section(WD_SECTION.NEW_PAGE)
        for footer in (section.footer, section.even_page_footer):
            footer.is_linked_to_previous = False
            for p in footer.paragraphs:
                for run in list(p.runs):
                    run._r.getparent().remove(run._r)
        paragraph("body")
    _imprint_text(paragraph, block)
    # the paragraph the frame and the rules are anchored to: one twip high, never a page more
    anchor = paragraph("addressee")
    imprint_rules(anchor, block)
    _off_grid(anchor, 20)
    anchor.paragraph_format.keep_with_next = False
    if place is not None and (place.new_page or place.blank_page):
        anchor.paragraph_format.page_break_before = True


def _twips(mm: float) -> int:
    return round(mm / 25.4 * 1440)


def _imprint_text(paragraph, block: Imprint) -> None:
    """The 版记's text as paragraphs in one frame at the foot of the text block: 4号 仿宋
    one character in from either edge, each line exactly one grid line high [7.4]. The
    rules are drawn lines (`imprint_rules`): LibreOffice 7.4 makes no frame of bordered
    paragraphs, and keeps a full-width floating table in the text."""
    thick, thin = _twips(F.IMPRINT_THICK), _twips(F.IMPRINT_THIN)
    top = TEXT_H - _imprint_height(block) + thick
    frame = (f'<w:framePr {nsdecls("w")} w:w="{TEXT_W}" w:wrap="notBeside"'
             f' w:vAnchor="margin" w:hAnchor="margin" w:x="0" w:y="{top}"/>')
    rows = []
    if block.copies:
        # 抄送, its further lines under the first organ (after “抄送：”) [7.4.1]
        label = len(block.copies.split("：")[0]) + 1 if "：" in block.copies else 0
        rows.append(((block.copies,), (1 + label) * IMPRINT_CHAR, label * IMPRINT_CHAR))
    rows.append(((block.printer, "\t", block.printed), IMPRINT_CHAR, 0))
    for number, (texts, left, hanging) in enumerate(rows):
        p = paragraph("table_note")
        _put(p, frame)
        pf = p.paragraph_format
        pf.line_spacing, pf.line_spacing_rule = Twips(LINE), 4  # exactly
        pf.space_before = Twips(thin if number else 0)  # room for the rule between
        pf.left_indent, pf.first_line_indent, pf.right_indent = Twips(left), Twips(-hanging), Twips(IMPRINT_CHAR)
        p.alignment = WD_ALIGN_PARAGRAPH.LEFT
        if len(texts) > 1:  # 印发机关 at the left, 印发日期 at the right
            pf.tab_stops.add_tab_stop(Twips(TEXT_W - IMPRINT_CHAR), 2)  # right
        for text in texts:
            styled_run(p, text, STYLES["table_note"])


def imprint_rules(p, block: Imprint) -> None:
    """The 版记's rules as lines drawn in paragraph `p`, as wide as the text block: the first
    and last {IMPRINT_THICK} mm, the one between {IMPRINT_THIN} mm [7.4]; the last one's
    lower edge on the text block's bottom edge."""
    thick, thin = _twips(F.IMPRINT_THICK), _twips(F.IMPRINT_THIN)
    top = TEXT_H - _imprint_height(block)
    rules = [(top, thick)]
    if block.copies:
        rules.append((top + thick + _copies_lines(block) * LINE, thin))
    rules.append((TEXT_H - thick, thick))
    for number, (y, width) in enumerate(rules, 1):
        p._p.append(parse_xml(_line_xml(number, y + width / 2, width)))


def _line_xml(number: int, centre_twips: float, width_twips: int) -> str:
    """A horizontal line across the text block, `centre_twips` below its top (DrawingML)."""
    emu = 635  # per twip
    ns = ('xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
          'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
          'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"')
    cx = TEXT_W * emu
    return (
        f'<w:r {nsdecls("w")}><w:drawing><wp:anchor {ns} distT="0" distB="0" distL="0" distR="0" simplePos="0"'
        f' relativeHeight="{number}" behindDoc="0" locked="1" layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="margin"><wp:posOffset>0</wp:posOffset></wp:positionH>'
        f'<wp:positionV relativeFrom="margin"><wp:posOffset>{round(centre_twips * emu)}</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="{cx}" cy="0"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
        f'<wp:docPr id="{900 + number}" name="版记线{number}"/><wp:cNvGraphicFramePr/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        f'<wps:wsp><wps:cNvCnPr/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="0"/></a:xfrm>'
        f'<a:prstGeom prst="line"><a:avLst/></a:prstGeom><a:ln w="{width_twips * emu}">'
        '<a:solidFill><a:srgbClr val="000000"/></a:solidFill></a:ln></wps:spPr><wps:bodyPr/></wps:wsp>'
        '</a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>'
    )


def _copies_lines(block: Imprint) -> int:
    """The lines the 抄送 takes: 4号 characters between its indents (one character each side,
    the further lines under the first organ)."""
    if not block.copies:
        return 0
    room = (TEXT_W - 2 * IMPRINT_CHAR) / IMPRINT_CHAR
    label = len(block.copies.split("：")[0]) + 1 if "：" in block.copies else 0
    width, lines = text_em(block.copies), 1
    while width > room:
        width -= room if lines == 1 else room - label
        lines += 1
    return lines


def _imprint_height(block: Imprint) -> int:
    """The 版记's height in twips: its lines, one grid line each, and its rules."""
    rules = 2 * _twips(F.IMPRINT_THICK) + (_twips(F.IMPRINT_THIN) if block.copies else 0)
    return (_copies_lines(block) + 1) * LINE + rules
