"""DOCX writer: a Document in the GB/T 9704-2012 official format, editable in Word and WPS.

The writer decides layout only. Every block's text is written exactly as given, in
order; the formatting lives in named paragraph styles (公文正文, 公文一级标题 …) so a
clerk who edits the file keeps the format by picking a style. Numbers are the
standard's; see shared/notes/gbt9704.md.
"""

from __future__ import annotations

import datetime as _dt
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, RGBColor, Twips
from docx.text.paragraph import Paragraph as DocxParagraph
from lxml import etree

from .. import gbt9704 as F
from ..document import (
    Addressee,
    AttachmentLabel,
    AttachmentNote,
    SourceNote,
    Document,
    Heading,
    PageBreak,
    Paragraph,
    Signature,
    Table,
    Title,
)
from .table_layout import NOTE_MARK, column_widths

# --- the page ----------------------------------------------------------------------
PAGE_W, PAGE_H, TOP, BOTTOM, LEFT, RIGHT = F.PAGE_W, F.PAGE_H, F.TOP, F.BOTTOM, F.LEFT, F.RIGHT
LINE = round(F.LINE_PITCH_PT * 20)  # 579 twips; 580 gives only 21 lines in LibreOffice
BODY_PT, TITLE_PT, PAGE_NO_PT = F.BODY_PT, F.TITLE_PT, F.PAGE_NO_PT
CHAR = BODY_PT * 20  # one character of the 3号 grid in twips (indents in characters)
# 28 characters in 156 mm (442.2 pt) means a 15.79 pt pitch: −0.25 pt tracking gives
# 15.75 pt, so 28 characters fit and a 29th does not. In twentieths of a point.
TRACKING = -5
# Page number [7.5]: its line's top 7 mm below the text block. Word and LibreOffice
# measure the footer distance from the page's bottom edge to the footer's last line,
# whose height is fixed at exactly 14 pt below: 35 − 7 mm − 14 pt = 23.1 mm.
PAGE_NO_LINE = PAGE_NO_PT * 20
FOOTER_DISTANCE = round(Mm(BOTTOM - F.PAGE_NO_GAP).twips) - PAGE_NO_LINE  # 1307 twips

# --- tables ------------------------------------------------------------------------
# The full text width, 仿宋 cells with a 黑体 header, cells centred vertically; sizes,
# lines and rules from gbt9704.py, as the PDF writer's.
TEXT_W = round(Mm(PAGE_W - LEFT - RIGHT).twips)  # 8844 twips = 156 mm
TABLE_PT = F.TABLE_PT
TABLE_LINE = round(F.TABLE_LINE_PT * 20)  # 440 twips: exact lines in cells and notes, off the grid
TABLE_ROW = LINE  # a one-line row is one grid line high (at least)
CELL_PAD_V, CELL_PAD_H = round(F.CELL_PAD_V_PT * 20), round(F.CELL_PAD_H_PT * 20)  # twips
BORDER_OUTER, BORDER_INNER = round(F.BORDER_OUTER_PT * 8), round(F.BORDER_INNER_PT * 8)  # eighths of a point
TABLE_CHAR = TABLE_PT * 20  # one 4号 character in twips: notes hang by “注：”

# --- fonts -------------------------------------------------------------------------
# The names Word/WPS know on an office machine; the PDF writer embeds real files.
FANGSONG, XIAOBIAOSONG, HEITI, KAITI, SONGTI = "仿宋_GB2312", "方正小标宋简体", "黑体", "楷体_GB2312", "宋体"
# Digits and Latin in body text: Times New Roman, as in most government templates — the
# Latin glyphs of 仿宋_GB2312 are crude, and TNR digits are exactly half a character
# wide (what Signature's indents assume). Titles and headings keep their own face for
# digits so “2023年” does not mix a serif into 黑体; page numbers are 宋体 by the
# standard ([7.5] 半角宋体阿拉伯数字).
LATIN = "Times New Roman"
# fontTable: each font's English name (altName) and GB2312 charset, so Word finds the
# font on an English-language system and substitutes a Chinese face if it is missing.
ALT_NAMES = {
    FANGSONG: "FangSong_GB2312",
    XIAOBIAOSONG: "FZXiaoBiaoSong-B05S",
    HEITI: "SimHei",
    KAITI: "KaiTi_GB2312",
    SONGTI: "SimSun",
}


@dataclass(frozen=True)
class Style:
    id: str
    name: str
    east: str
    latin: str
    size: float = BODY_PT  # pt
    jc: str = "both"
    first_line: bool = True  # indent two characters [7.3.3]
    tracking: int = TRACKING
    outline: int | None = None  # w:outlineLvl: Word's navigation pane
    keep_next: bool = False
    # Off the grid: LibreOffice gives a line whose font is taller than the grid's
    # 16 pt two grid lines even at exact spacing (a 2号 title would push the body to
    # line 4), and page numbers sit on their own 14 pt line.
    on_grid: bool = True
    line: int = LINE  # exact line height, twips


BODY = Style("GongwenBody", "公文正文", FANGSONG, LATIN)
STYLES = {
    "body": BODY,
    "title": Style("GongwenTitle", "公文标题", XIAOBIAOSONG, XIAOBIAOSONG, TITLE_PT, "center", False, 0, on_grid=False),
    "addressee": Style("GongwenAddressee", "公文主送", FANGSONG, LATIN, jc="left", first_line=False),
    1: Style("GongwenHeading1", "公文一级标题", HEITI, HEITI, outline=0, keep_next=True),
    # “附件” on line 1 of the attachment's page, flush left, no indent [7.3.7].
    "attachment": Style("GongwenAttachmentLabel", "公文附件标识", HEITI, HEITI, jc="left", first_line=False,
                        keep_next=True),
    2: Style("GongwenHeading2", "公文二级标题", KAITI, KAITI, outline=1, keep_next=True),
    # No tracking: the signature's indents count characters of exactly 16 pt.
    "signature": Style("GongwenSignature", "公文落款", FANGSONG, LATIN, jc="right", first_line=False, tracking=0),
    "page": Style(
        "GongwenPageNumber", "公文页码", SONGTI, SONGTI, PAGE_NO_PT, "left", False, 0, on_grid=False, line=PAGE_NO_LINE
    ),
    # Tables: 14 pt lines do not fit the 16 pt grid, so cells and notes keep off it.
    "table": Style("GongwenTableText", "公文表格", FANGSONG, LATIN, TABLE_PT, "center", False, 0,
                   on_grid=False, line=TABLE_LINE),
    "table_header": Style("GongwenTableHeader", "公文表头", HEITI, HEITI, TABLE_PT, "center", False, 0,
                          on_grid=False, line=TABLE_LINE),
    "table_note": Style("GongwenTableNote", "公文表注", FANGSONG, LATIN, TABLE_PT, "both", False, 0,
                        on_grid=False, line=TABLE_LINE),
    # build --draft: the source of a merged item, 4号 楷体 in grey (see SourceNote)
    "source_note": Style("GongwenSourceNote", "公文草稿来源", KAITI, LATIN, TABLE_PT, "left", False, 0,
                         on_grid=False, line=TABLE_LINE),
}


def write(document: Document, target: Path, options) -> int | None:
    """Write `document` to `target`; the page count of a DOCX is unknown (None)."""
    doc = _new_document(document)
    # A PageBreak becomes pageBreakBefore on the next paragraph: a paragraph holding a
    # page-break run leaves its empty paragraph mark as a blank first line on the new page.
    pending_break = False

    def paragraph(key, *texts, bold_first=False):
        nonlocal pending_break
        p = doc.add_paragraph(style=STYLES[key].name)
        if pending_break:
            p.paragraph_format.page_break_before = True
            pending_break = False
        for i, text in enumerate(texts):
            if text:
                _run(p, text, STYLES[key], bold=bold_first and i == 0)
        return p

    for block in document.blocks:
        if isinstance(block, PageBreak):
            if pending_break:  # two in a row: the empty page holds an empty paragraph
                paragraph("body")
            pending_break = True
        elif isinstance(block, Title):
            paragraph("title", "\n".join(block.lines))  # breaks chosen by the model
            paragraph("body")  # the customary blank line below the title [7.3.1, 7.3.2]
        elif isinstance(block, Addressee):
            paragraph("addressee", block.text)
        elif isinstance(block, Heading):
            paragraph(block.level if block.level in (1, 2) else "body", block.full_text)
        elif isinstance(block, Paragraph):
            paragraph("body", block.lead, block.text, bold_first=True)
        elif isinstance(block, Signature):
            paragraph("body")  # one blank line below the body [7.3.5.2]
            _right_indent(paragraph("signature", block.organ), block.organ_right)
            if block.date:
                _right_indent(paragraph("signature", block.date), block.date_right)
        elif isinstance(block, AttachmentNote):
            paragraph("body")  # one blank line below the body, then indented like it [7.3.4]
            paragraph("body", block.text)
        elif isinstance(block, AttachmentLabel):
            paragraph("attachment", block.text)
            paragraph("body")  # line 2 blank: the attachment's title is on line 3 [7.3.7]
        elif isinstance(block, Table):
            _table(doc, block, pending_break)
            pending_break = False
            for number, note in enumerate(block.notes):
                _note(paragraph("table_note", (NOTE_MARK if number == 0 else "") + note), first=number == 0)
        elif isinstance(block, SourceNote):
            for run in paragraph("source_note", block.text).runs:
                run.font.color.rgb = RGBColor(0x6B, 0x6B, 0x6B)
        else:
            raise TypeError(f"unknown block {block!r}")
    # A trailing PageBreak would only add an empty last page: nothing follows it.

    buffer = io.BytesIO()
    doc.save(buffer)
    Path(target).write_bytes(reproducible_zip(buffer.getvalue(), _document_time(document)))
    return None


def _document_time(document: Document) -> _dt.datetime:
    """The file's own time: the 成文日期 (or 1 January after the report year), never the clock."""
    date = document.date or _dt.date(document.year + 1, 1, 1)
    return _dt.datetime(date.year, date.month, date.day)


def reproducible_zip(data: bytes, when: _dt.datetime) -> bytes:
    """Rewrite a DOCX package with every entry stamped `when`, in a fixed order, so that
    the same document gives the same bytes on any day and machine (python-docx stamps
    the save time into each entry, python-openxml/python-docx#1042)."""
    stamp = (max(when.year, 1980), when.month, when.day, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        names = source.namelist()
        # [Content_Types].xml first, as Office writes it; the rest in name order
        for name in sorted(names, key=lambda n: (n != "[Content_Types].xml", n)):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            target.writestr(info, source.read(name), compresslevel=6)
    return out.getvalue()


# --- document, styles, section -----------------------------------------------------

STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"


def _new_document(document: Document):
    doc = docx.Document()
    _clean_package(doc)
    _set_defaults(doc)
    for style in STYLES.values():
        doc.styles.element.append(parse_xml(_style_xml(style)))
    _fix_font_table(doc)

    props = doc.core_properties
    props.title, props.author, props.last_modified_by = document.title, document.author, document.author
    props.language, props.comments = "zh-CN", ""
    props.subject = f"{document.year}年法治政府建设年度报告"
    props.keywords = f"法治政府建设,年度报告,{document.author}"
    # created/modified = 成文日期, so a rebuild on another day gives the same file
    props.created = props.modified = _document_time(document)
    props.revision = 1

    section = doc.sections[0]
    section.page_width, section.page_height = Mm(PAGE_W), Mm(PAGE_H)
    section.top_margin, section.bottom_margin = Mm(TOP), Mm(BOTTOM)
    section.left_margin, section.right_margin = Mm(LEFT), Mm(RIGHT)
    section.footer_distance = Twips(FOOTER_DISTANCE)
    grid = section._sectPr.find(qn("w:docGrid"))
    # A lines grid only: a lines-and-characters grid makes LibreOffice put one glyph in
    # two cells; the 28 characters a line come from the tracking instead.
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(LINE))

    # Page numbers [7.5]: odd pages at the right, even pages at the left, one
    # character (4号) in from the text block's edge.
    doc.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer, "right")
    _page_number(section.even_page_footer, "left")
    return doc


def _clean_package(doc) -> None:
    """Drop what python-docx's template carries that would mislead: a preview picture
    of another document and a second style sheet (stylesWithEffects) with theme fonts."""
    for rels, reltype in ((doc.part.package.rels, RT.THUMBNAIL), (doc.part.rels, STYLES_WITH_EFFECTS)):
        for rId in [rId for rId, rel in rels.items() if rel.reltype == reltype]:
            rels.pop(rId)
    settings = doc.settings.element
    for el in settings.findall(qn("w:savePreviewPicture")):
        settings.remove(el)
    for el in settings.findall(qn("w:themeFontLang")):
        el.set(qn("w:eastAsia"), "zh-CN")


def _set_defaults(doc) -> None:
    """Theme fonts (asciiTheme, eastAsiaTheme …) beat explicit names: remove them all,
    then make the body font, size and Chinese language the document's defaults."""
    styles = doc.styles.element
    for fonts in styles.iter(qn("w:rFonts")):
        for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
            fonts.attrib.pop(qn(f"w:{attr}"), None)
    defaults = styles.find(qn("w:docDefaults"))
    defaults.getparent().replace(
        defaults,
        parse_xml(
            f"<w:docDefaults {nsdecls('w')}><w:rPrDefault><w:rPr>{_fonts_xml(FANGSONG, LATIN)}"
            f'<w:sz w:val="{BODY_PT * 2}"/><w:szCs w:val="{BODY_PT * 2}"/>'
            '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
            f'<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="{LINE}" w:lineRule="exact"/>'
            "</w:pPr></w:pPrDefault></w:docDefaults>"
        ),
    )


def _fonts_xml(east: str, latin: str) -> str:
    # hint="eastAsia": characters both scripts share (“” —— ……) use the Chinese font.
    return f'<w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:eastAsia="{east}" w:cs="{latin}" w:hint="eastAsia"/>'


def _style_xml(s: Style) -> str:
    """One paragraph style; children in the order the schema (and Word) demand."""
    ppr = ['<w:keepNext/>' if s.keep_next else ""]
    # No widow/orphan control: every full page keeps all 22 lines of the grid [5.2.3].
    ppr.append('<w:widowControl w:val="0"/>')
    # No automatic gaps between Chinese and digits/Latin: the grid counts characters,
    # and the PDF has no such gaps either.
    ppr.append('<w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>')
    ppr.append("" if s.on_grid else '<w:snapToGrid w:val="0"/>')
    ppr.append(f'<w:spacing w:before="0" w:after="0" w:line="{s.line}" w:lineRule="exact"/>')
    # firstLineChars is what Word and WPS use; firstLine (twips) is the fallback.
    chars = 200 if s.first_line else 0
    ppr.append(f'<w:ind w:left="0" w:right="0" w:firstLineChars="{chars}" w:firstLine="{chars * CHAR // 100}"/>')
    ppr.append(f'<w:jc w:val="{s.jc}"/>')
    if s.outline is not None:
        ppr.append(f'<w:outlineLvl w:val="{s.outline}"/>')
    size = round(s.size * 2)
    return (
        f'<w:style {nsdecls("w")} w:type="paragraph" w:customStyle="1" w:styleId="{s.id}">'
        f'<w:name w:val="{s.name}"/><w:basedOn w:val="Normal"/><w:next w:val="{BODY.id}"/><w:qFormat/>'
        f"<w:pPr>{''.join(ppr)}</w:pPr>"
        f'<w:rPr>{_fonts_xml(s.east, s.latin)}'
        f'<w:spacing w:val="{s.tracking}"/><w:kern w:val="0"/><w:sz w:val="{size}"/><w:szCs w:val="{size}"/>'
        '<w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:style>'
    )


def _fix_font_table(doc) -> None:
    part = doc.part.part_related_by(RT.FONT_TABLE)
    table = parse_xml(part.blob)
    for name, alt in ALT_NAMES.items():
        table.append(
            parse_xml(
                f'<w:font {nsdecls("w")} w:name="{name}"><w:altName w:val="{alt}"/>'
                '<w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>'
            )
        )
    part._blob = etree.tostring(table, xml_declaration=True, encoding="UTF-8", standalone=True)


# --- paragraphs and runs -----------------------------------------------------------


def _run(p, text: str, style: Style, bold: bool = False):
    """A run that names its fonts itself as well as through its style (shared/notes/
    gbt9704.md): the fonts then survive pasting into another document or template."""
    run = p.add_run(text)
    fonts = run._r.get_or_add_rPr().get_or_add_rFonts()
    for attr, value in (("ascii", style.latin), ("hAnsi", style.latin), ("eastAsia", style.east),
                        ("cs", style.latin), ("hint", "eastAsia")):
        fonts.set(qn(f"w:{attr}"), value)
    if bold:
        run.bold = True  # 1. and the lead sentence: 仿宋 bold [7.3.3]
    return run


def _table(doc, table: Table, page_break: bool = False) -> None:
    """A Word table (w:tbl) across the text width: fixed column widths in proportion to
    `table.widths` (see table_layout.py), the header row repeated on every page, rows never split."""
    n = len(table.columns)
    widths = _split(TEXT_W, column_widths(table, TEXT_W, TABLE_CHAR, CELL_PAD_H))
    border = "".join(
        f'<w:{side} w:val="single" w:sz="{BORDER_OUTER if side in ("top", "left", "bottom", "right") else BORDER_INNER}"'
        ' w:space="0" w:color="000000"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    margins = "".join(
        f'<w:{side} w:w="{CELL_PAD_V if side in ("top", "bottom") else CELL_PAD_H}" w:type="dxa"/>'
        for side in ("top", "left", "bottom", "right")
    )
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    # compatibilityMode 14 (python-docx's template): tblInd is measured to the text of
    # the first cell, so the left border sits at the margin when it equals the cell's
    # left margin. LibreOffice reads it the same way.
    tbl = parse_xml(
        f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblW w:w="{TEXT_W}" w:type="dxa"/>'
        f'<w:tblInd w:w="{CELL_PAD_H}" w:type="dxa"/><w:tblBorders>{border}</w:tblBorders>'
        f'<w:tblLayout w:type="fixed"/><w:tblCellMar>{margins}</w:tblCellMar>'
        '<w:tblLook w:val="0020" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0"'
        ' w:noHBand="1" w:noVBand="1"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid></w:tbl>"
    )
    doc.element.body._insert_tbl(tbl)
    rows = [(table.columns, True), *((row, False) for row in table.rows)]
    for r, (cells, header) in enumerate(rows):
        if len(cells) != n:
            raise ValueError(f"table row {r} has {len(cells)} cells, the header {n}")
        # cantSplit: a row stays on one page; tblHeader: Word and LibreOffice repeat it.
        tr = parse_xml(
            f'<w:tr {nsdecls("w")}><w:trPr><w:cantSplit/><w:trHeight w:val="{TABLE_ROW}" w:hRule="atLeast"/>'
            f'{"<w:tblHeader/>" if header else ""}</w:trPr></w:tr>'
        )
        tbl.append(tr)
        style = STYLES["table_header" if header else "table"]
        for c, (text, width) in enumerate(zip(cells, widths)):
            jc = "center" if header or table.align[c] == "center" else "left"
            break_before = '<w:pageBreakBefore/>' if page_break and r == 0 else ""
            tc = parse_xml(
                f'<w:tc {nsdecls("w")}><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>'
                f'<w:p><w:pPr><w:pStyle w:val="{style.id}"/>{break_before}<w:jc w:val="{jc}"/></w:pPr></w:p></w:tc>'
            )
            tr.append(tc)
            if text:
                _run(DocxParagraph(tc.find(qn("w:p")), None), text, style)


def _split(total: int, weights) -> list[int]:
    """`total` in parts proportional to `weights`, rounded so they add up exactly."""
    scale = total / sum(weights)
    exact = [w * scale for w in weights]
    parts = [int(x) for x in exact]
    for i in sorted(range(len(exact)), key=lambda i: parts[i] - exact[i])[: total - sum(parts)]:
        parts[i] += 1
    return parts


def _note(p, first: bool) -> None:
    """Notes under a table: “注：” hangs out, every line of every note starts after it;
    the first keeps the cells' 3 pt padding from the table's bottom rule."""
    if first:
        p.paragraph_format.space_before = Twips(CELL_PAD_V)
    ind = p._p.get_or_add_pPr().get_or_add_ind()
    ind.set(qn("w:leftChars"), "200")
    ind.set(qn("w:left"), str(2 * TABLE_CHAR))
    for attr in ("firstLineChars", "firstLine"):
        ind.attrib.pop(qn(f"w:{attr}"), None)
    if first:
        ind.set(qn("w:hangingChars"), "200")
        ind.set(qn("w:hanging"), str(2 * TABLE_CHAR))
    else:
        ind.set(qn("w:firstLineChars"), "0")
        ind.set(qn("w:firstLine"), "0")


def _right_indent(p, chars: float) -> None:
    """Right indent in characters of 16 pt (Signature's unit): rightChars for Word/WPS,
    twips for programs that do not read character units (LibreOffice)."""
    ind = p._p.get_or_add_pPr().get_or_add_ind()
    ind.set(qn("w:rightChars"), str(round(chars * 100)))
    ind.set(qn("w:right"), str(round(chars * CHAR)))


def _page_number(footer, side: str) -> None:
    """“— 1 —” with a PAGE field, 4号 宋体, one 4号 character in from the outer edge."""
    footer.is_linked_to_previous = False
    p = footer.paragraphs[0]
    p.style = STYLES["page"].name
    p.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT if side == "right" else WD_ALIGN_PARAGRAPH.LEFT
    setattr(p.paragraph_format, f"{side}_indent", Twips(PAGE_NO_PT * 20))
    page = STYLES["page"]
    field = (("t", "— "), ("fldChar", "begin"), ("instrText", " PAGE "), ("fldChar", "separate"),
             ("t", "1"), ("fldChar", "end"), ("t", " —"))  # "1": the cached result until it updates
    for kind, value in field:
        run = _run(p, value if kind == "t" else "", page)
        if kind == "fldChar":
            run._r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="{value}"/>'))
        elif kind == "instrText":
            run._r.append(parse_xml(f'<w:instrText {nsdecls("w")} xml:space="preserve">{value}</w:instrText>'))
