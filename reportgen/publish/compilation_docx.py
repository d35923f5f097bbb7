"""The compilation as DOCX, joined from the units' own DOCX files as the PDF volume is
joined from their PDFs: no unit is written again.

The cover and contents are written by the ordinary DOCX writer as a small document; its
package (styles, odd and even page footers with the page field, settings) becomes the
volume's, and the body of every unit's DOCX (all written by the same writer, so with the
same styles and no references of their own but the section's footers) is appended to
it. Sections do what the PDF does by hand: the cover and contents carry no page number,
the first unit's section restarts the numbering at 1, and every unit's section starts on
an odd page (section type oddPage: Word and WPS insert the blank page). The contents
gives the page numbers of the PDF volume, laid out on the same grid.
"""

from __future__ import annotations

import copy
import datetime as _dt
import io
import zipfile
from pathlib import Path

from reportgen.model.document import Document, PageBreak, Paragraph, Title, signature
from reportgen.numbering import date_text

CONTENTS = "目录"  # the contents page's heading, in the DOCX, the PDF and its bookmarks
BODY = "word/document.xml"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def front_document(report, titles: list[str], starts: list[int], title: str) -> Document:
    """Cover, a blank page, the contents (a tab with dots before each page number) and,
    when the contents takes an odd number of pages, a blank page, so that the first unit
    starts on the front of a sheet."""
    date = date_text(report.date) if report.date else ""
    blocks = [Title(title), signature(report.author, date), PageBreak(), PageBreak(), Title(CONTENTS)]
    blocks += [Paragraph(f"{unit_title}\t{start}") for unit_title, start in zip(titles, starts)]
    if _contents_pages(len(titles)) % 2:
        blocks += [PageBreak(), Paragraph("\u3000")]  # not empty: LibreOffice drops an empty page that ends a section
    return Document("compilation", title, report.author, report.year, report.date, tuple(blocks), title,
                    font_scheme=report.font_scheme)


def _contents_pages(entries: int) -> int:
    """Pages of the contents on the 22-line grid: the heading takes three lines."""
    return max(1, -(-(entries + 3) // 22))


def write_docx(report, units: list[tuple[str, Path]], starts: list[int], title: str, target: Path) -> None:
    """`units`: (report title, the unit's own DOCX) in volume order."""
    from reportgen.render import WriteOptions
    from reportgen.render.docx.writer import reproducible_zip, write

    write(front_document(report, [t for t, _ in units], starts, title), target, WriteOptions())
    with zipfile.ZipFile(target) as package:
        entries = {name: package.read(name) for name in package.namelist()}
    entries[BODY] = _joined_body(entries[BODY], [path for _, path in units])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in entries.items():
            out.writestr(name, data)
    # the same fixed time as every DOCX reportgen writes: the 成文日期
    when = _dt.datetime.combine(report.date or _dt.date(report.year + 1, 1, 1), _dt.time())
    target.write_bytes(reproducible_zip(buffer.getvalue(), when))


def _body_children(xml: bytes) -> list:
    from lxml import etree

    body = etree.fromstring(xml).find(_q("body"))
    return [child for child in body if child.tag != _q("sectPr")]


def _joined_body(front_xml: bytes, unit_files: list[Path]) -> bytes:
    from lxml import etree

    root = etree.fromstring(front_xml)
    body = root.find(_q("body"))
    final = body.find(_q("sectPr"))
    _contents_tabs(body)
    last = [child for child in body if child.tag == _q("p")][-1]
    _end_section(last, final, front=True, restart=False)
    for n, path in enumerate(unit_files):
        with zipfile.ZipFile(path) as package:
            children = _body_children(package.read(BODY))
        if n < len(unit_files) - 1:  # the last unit's section is the body's own
            paragraphs = [c for c in children if c.tag == _q("p")]
            _end_section(paragraphs[-1], final, front=False, restart=n == 0)
        for child in children:
            final.addprevious(child)
    _set_type(final, "oddPage", restart=len(unit_files) == 1)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _end_section(paragraph, template, front: bool, restart: bool) -> None:
    """Make `paragraph` the last of a section with the body's page setup; the front
    matter's section has no footers (no page numbers)."""
    sect = copy.deepcopy(template)
    if front:
        for ref in sect.findall(_q("footerReference")) + sect.findall(_q("headerReference")):
            sect.remove(ref)
    _set_type(sect, "nextPage" if front else "oddPage", restart)
    ppr = paragraph.find(_q("pPr"))
    if ppr is None:
        from lxml import etree

        ppr = etree.SubElement(paragraph, _q("pPr"))
        paragraph.insert(0, ppr)
    ppr.append(sect)


def _contents_tabs(body) -> None:
    """The contents lines flush left, the page number at the right margin after dots."""
    from lxml import etree

    from reportgen.render.gbt9704 import LEFT, PAGE_W, RIGHT

    position = str(round((PAGE_W - LEFT - RIGHT) / 25.4 * 1440))  # twips
    for p in body.iter(_q("p")):
        if p.find(f".//{_q('tab')}") is None or p.find(_q("pPr")) is None:
            continue
        ppr = p.find(_q("pPr"))
        tabs = etree.Element(_q("tabs"))
        etree.SubElement(tabs, _q("tab"), {_q("val"): "right", _q("leader"): "dot", _q("pos"): position})
        style = ppr.find(_q("pStyle"))
        (style.addnext if style is not None else lambda e: ppr.insert(0, e))(tabs)
        indent = ppr.find(_q("ind"))
        if indent is None:
            indent = etree.SubElement(ppr, _q("ind"))
        for attr in list(indent.attrib):
            if "firstLine" in attr or "hanging" in attr:
                del indent.attrib[attr]
        indent.set(_q("firstLine"), "0")


def _set_type(sect, kind: str, restart: bool) -> None:
    from lxml import etree

    for old in sect.findall(_q("type")) + sect.findall(_q("pgNumType")):
        sect.remove(old)
    # the schema's order: references, …, type, pgSz, pgMar, …, pgNumType, cols, …, docGrid
    sect.find(_q("pgSz")).addprevious(etree.Element(_q("type"), {_q("val"): kind}))
    if restart:
        after = next(el for el in (sect.find(_q(t)) for t in ("cols", "formProt", "vAlign", "noEndnote", "titlePg",
                                                              "textDirection", "bidi", "rtlGutter", "docGrid"))
                     if el is not None)
        after.addprevious(etree.Element(_q("pgNumType"), {_q("start"): "1"}))
