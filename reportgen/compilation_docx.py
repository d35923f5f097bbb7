"""The compilation as DOCX: the cover, the contents and every unit's document, written by
the ordinary DOCX writer as one document, then divided into sections so that Word and
WPS do what the PDF does by hand: the cover and contents carry no page number, the first
unit's section restarts the numbering at 1, and every unit's section starts on an odd
page (section type oddPage; the program inserts the blank page). The contents gives the
page numbers of the PDF volume, laid out on the same grid.
"""

from __future__ import annotations

import copy
import datetime as _dt
from pathlib import Path

from .document import Document, PageBreak, Paragraph, Title, signature
from .numbering import date_text


CONTENTS = "目录"


def compilation_document(report, unit_documents: list[Document], starts: list[int], title: str) -> Document:
    """Cover, a blank page, the contents (a tab with dots before each page number) and,
    when the contents takes an odd number of pages, a blank page, so that the first unit
    starts on the front of a sheet; then every unit's blocks."""
    date = date_text(report.date) if report.date else ""
    blocks = [Title(title), signature(report.author, date), PageBreak(), PageBreak(), Title(CONTENTS)]
    blocks += [Paragraph(f"{doc.title}\t{start}") for doc, start in zip(unit_documents, starts)]
    if _contents_pages(len(unit_documents)) % 2:
        blocks += [PageBreak(), Paragraph("\u3000")]  # not empty: LibreOffice drops an empty page that ends a section
    for doc in unit_documents:
        blocks += doc.blocks
    return Document("compilation", title, report.author, report.year, report.date, tuple(blocks), title)


def _contents_pages(entries: int) -> int:
    """Pages of the contents on the 22-line grid: the heading takes three lines."""
    return max(1, -(-(entries + 3) // 22))


def write_docx(report, unit_documents: list[Document], starts: list[int], title: str, target: Path) -> None:
    import io

    import docx

    from .writers import WriteOptions
    from .writers.docx_writer import reproducible_zip, write

    document = compilation_document(report, unit_documents, starts, title)
    write(document, target, WriteOptions())
    doc = docx.Document(str(target))
    _sections(doc, [d.blocks[0] for d in unit_documents if d.blocks and isinstance(d.blocks[0], Title)])
    buffer = io.BytesIO()
    doc.save(buffer)
    # the same fixed time as every DOCX reportgen writes: the 成文日期
    when = _dt.datetime.combine(report.date or _dt.date(report.year + 1, 1, 1), _dt.time())
    target.write_bytes(reproducible_zip(buffer.getvalue(), when))


def _sections(doc, unit_titles: list[Title]) -> None:
    """End a section before each unit's title: the front matter without footers, each
    unit on an odd page, the numbering restarting at 1 with the first unit."""
    from docx.oxml.ns import qn

    wanted = ["\n".join(t.lines) for t in unit_titles]
    paragraphs = doc.paragraphs
    _contents_tabs(paragraphs, len(wanted))
    title_style = paragraphs[0].style.name
    starts, n = [], 0
    for index, p in enumerate(paragraphs):
        if n < len(wanted) and p.style.name == title_style and p.text == wanted[n] and index > 0:
            starts.append(index)
            n += 1
    body = doc.element.body.sectPr

    def section_end(paragraph, front: bool, restart: bool) -> None:
        sect = copy.deepcopy(body)
        for ref in sect.findall(qn("w:footerReference")) + sect.findall(qn("w:headerReference")):
            if front:
                sect.remove(ref)
        _set_type(sect, "nextPage" if front else "oddPage", restart)
        paragraph._p.get_or_add_pPr().append(sect)

    for k, index in enumerate(starts):
        previous = paragraphs[index - 1]
        section_end(previous, front=k == 0, restart=k == 1)
    _set_type(body, "oddPage", restart=len(starts) == 1)


def _contents_tabs(paragraphs, entries: int) -> None:
    """The contents lines flush left, the page number at the right margin after dots."""
    from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
    from docx.shared import Mm, Pt

    from .gbt9704 import LEFT, PAGE_W, RIGHT

    heading = next(i for i, p in enumerate(paragraphs) if p.text == CONTENTS)
    for p in paragraphs[heading + 1:][:entries + 1]:
        if "\t" not in p.text:
            continue
        p.paragraph_format.first_line_indent = Pt(0)
        p.paragraph_format.tab_stops.add_tab_stop(Mm(PAGE_W - LEFT - RIGHT), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)


def _set_type(sect, kind: str, restart: bool) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn

    for old in sect.findall(qn("w:type")) + sect.findall(qn("w:pgNumType")):
        sect.remove(old)
    # the schema's order: references, …, type, pgSz, pgMar, …, pgNumType, cols, …, docGrid
    sect.find(qn("w:pgSz")).addprevious(parse_xml(f'<w:type {nsdecls("w")} w:val="{kind}"/>'))
    if restart:
        after = next(el for el in (sect.find(qn(t)) for t in ("w:cols", "w:formProt", "w:vAlign", "w:noEndnote",
                                                               "w:titlePg", "w:textDirection", "w:bidi",
                                                               "w:rtlGutter", "w:docGrid")) if el is not None)
        after.addprevious(parse_xml(f'<w:pgNumType {nsdecls("w")} w:start="1"/>'))
