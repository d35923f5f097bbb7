"""DOCX writer: a Document in the GB/T 9704-2012 official format, editable in Word and WPS.

The writer decides layout only. Every block's text is written exactly as given, in
order; the formatting lives in named paragraph styles (公文正文, 公文一级标题 …) so a
clerk who edits the file keeps the format by picking a style. Numbers are the
standard's; see docs/gbt9704.md.
"""

from __future__ import annotations

import datetime as _dt
import io
import zipfile
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor, Twips
from docx.text.paragraph import Paragraph as DocxParagraph

from reportgen.render import WriteResult
from reportgen.model.document import (
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
from reportgen.model.submission import Annotation, Imprint, Masthead
from reportgen.render.docx import fonts
from reportgen.render.docx.styles import (
    BODY_PT, BORDER_INNER, BORDER_OUTER, BOTTOM, CELL_PAD_H, CELL_PAD_V, CHAR, FOOTER_DISTANCE,
    LEFT, LINE, PAGE_H, PAGE_NO_PT, PAGE_W, RIGHT, STYLES, TABLE_CHAR, TABLE_ROW, TEXT_W,
    TOP, install_styles, styled_run,
)
from reportgen.render.table_layout import NOTE_MARK, column_widths

def write(document: Document, target: Path, options) -> WriteResult:
    """Write `document` to `target`; the page count of a DOCX is unknown (None)."""
    doc = _new_document(document)
    # A PageBreak becomes pageBreakBefore on the next paragraph: a paragraph holding a
    # page-break run leaves its empty paragraph mark as a blank first line on the new page.
    pending_break = False
    written = []  # the paragraphs so far, for keeping the last one with what follows

    def paragraph(key, *texts, bold_first=False):
        nonlocal pending_break
        p = doc.add_paragraph(style=STYLES[key].name)
        written.append(p)
        if pending_break:
            p.paragraph_format.page_break_before = True
            pending_break = False
        for i, text in enumerate(texts):
            if text:
                styled_run(p, text, STYLES[key], bold=bold_first and i == 0)
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
            _keep_with_next(written[-1:], whole=False)  # never a page with the signature alone [7.3.5]
            _signature(paragraph, block, document.annotation)
        elif isinstance(block, AttachmentNote):
            _keep_with_next(written[-1:], whole=False)  # the note stays with the body and the signature
            blank = paragraph("body")  # one blank line below the body, then indented like it [7.3.4]
            _keep_with_next([blank, paragraph("body", block.text)])
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
        elif isinstance(block, (Masthead, Annotation, Imprint)):  # the submission edition
            from reportgen.render.docx.submission import write_block

            write_block(doc, paragraph, block, document, options)
        else:
            raise TypeError(f"unknown block {block!r}")
    # A trailing PageBreak would only add an empty last page: nothing follows it.

    fonts.apply(doc, document.font_scheme)  # _report.yaml's 字体
    buffer = io.BytesIO()
    doc.save(buffer)
    Path(target).write_bytes(reproducible_zip(buffer.getvalue(), _document_time(document)))
    return WriteResult()


def _signature(paragraph, block: Signature, annotation: str | None) -> None:
    """A blank line, the organ and the date [7.3.5.2], on one page; the 附注 on the line
    below the date, indented two characters like body text [7.3.6]."""
    blank = paragraph("body")
    organ = paragraph("signature", block.organ)
    _right_indent(organ, block.organ_right)
    last = organ
    if block.date:
        _keep_with_next([blank, organ])
        last = paragraph("signature", block.date)
        _right_indent(last, block.date_right)
    else:
        _keep_with_next([blank])
    if annotation:
        _keep_with_next([blank, organ, last])
        paragraph("body", annotation)


def _keep_with_next(paragraphs, whole: bool = True) -> None:
    """Keep each paragraph on the page of the next one; `whole`: with all its lines (a body
    paragraph may still leave its first lines on the page before, as in the PDF)."""
    for p in paragraphs:
        p.paragraph_format.keep_with_next = True
        if whole:
            p.paragraph_format.keep_together = True


def _document_time(document: Document) -> _dt.datetime:
    """The file's own time: the day the model says it was issued, never the clock."""
    return _dt.datetime(document.issued.year, document.issued.month, document.issued.day)


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

def _new_document(document: Document):
    doc = docx.Document()
    install_styles(doc)

    props = doc.core_properties
    props.title, props.author, props.last_modified_by = document.title, document.author, document.author
    props.language, props.comments = "zh-CN", ""
    props.subject = document.subject
    props.keywords = ",".join(document.keywords)
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
    if document.draft:
        props.content_status = DRAFT_STATE  # what verify reads (publish/finished.py)
    if document.mark:
        _page_mark(section, document.mark)
    return doc


DRAFT_STATE = "草稿"


def _page_mark(section, mark: str) -> None:
    """build --draft: the mark in the header of every page (odd and even pages have headers
    of their own), in the top margin above the text block."""
    for header in (section.header, section.even_page_header):
        p = header.paragraphs[0]
        p.style = STYLES["page"].name
        p.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = styled_run(p, mark, STYLES[1])  # 黑体
        run.font.size = Pt(BODY_PT)
        run.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)


# --- paragraphs and runs -----------------------------------------------------------




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
                styled_run(DocxParagraph(tc.find(qn("w:p")), None), text, style)


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
        run = styled_run(p, value if kind == "t" else "", page)
        if kind == "fldChar":
            run._r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="{value}"/>'))
        elif kind == "instrText":
            run._r.append(parse_xml(f'<w:instrText {nsdecls("w")} xml:space="preserve">{value}</w:instrText>'))
