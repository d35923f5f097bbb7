"""WeasyPrint's part of writing a PDF: HTML → laid-out pages → PDF/A-2a bytes, with its
font warnings turned into errors or notes, and the document's metadata and identifier
that make the bytes reproducible. render/pdf/writer.py decides the boxes and the HTML;
this module only has WeasyPrint lay them out and write them (whole, in parts for a long
document, or twice for a submission edition whose 版记 must end an even page)."""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import logging
import re
from pathlib import Path

from reportgen import __version__
from reportgen.errors import ReportgenError
from reportgen.model.document import Document
from reportgen.render.pdf.lines import GRID, Box
from reportgen.render.pdf.mark import label_draft
from reportgen.render.pdf.parts import write_in_parts
from reportgen.render.pdf.submission import place_imprint
from reportgen.render.pdf.weasy import compress_once, lean_html_class
from reportgen.timing import stage

# PDF/A-2a = PDF/A-2b (archival: fonts embedded, sRGB output intent, XMP metadata, no
# JavaScript or encryption) + tagged structure and Unicode text. WeasyPrint accepts one
# variant only, so PDF/A-2b with PDF/UA-1 would need its XMP patched by hand, and its
# page numbers are not marked as artifacts as PDF/UA requires.
PDF_VARIANT = "pdf/a-2a"
# 成文日期 is a date in China; the PDF records it as midnight there.
TIMEZONE = "+08:00"


def metadata(document: Document) -> dict[str, str]:
    """The document information and XMP metadata, written by report.html.j2 as <title>
    and <meta> elements; created and modified are the same, so the clock plays no part."""
    stamp = f"{document.issued.isoformat()}T00:00:00{TIMEZONE}"
    return {
        "title": document.title,
        "author": document.author,
        "subject": document.subject,
        "keywords": ",".join(document.keywords),
        "created": stamp,
        "modified": stamp,
        "generator": f"reportgen {__version__}",
    }


def identifier(document: Document) -> bytes:
    """The first part of the PDF's /ID: a hash of the document's content (not where its
    text came from), so a rebuild of the same report keeps it. WeasyPrint derives the
    second part from the PDF's bytes."""
    blocks = tuple(
        dataclasses.replace(block, source=None) if hasattr(block, "source") else block for block in document.blocks
    )
    content = repr((document.kind, document.title, document.author, document.year, document.date, blocks))
    return hashlib.sha256(content.encode("utf-8")).hexdigest()[:32].encode("ascii")


class _Capture(logging.Handler):
    """Collects WeasyPrint's warnings while one document renders."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


MISSING_GLYPH = re.compile(r"\.notdef glyph|unsupported by fonts")


@contextlib.contextmanager
def font_problems(document: Document | None, notes: list | None):
    """While WeasyPrint renders: its missing-glyph and font warnings are errors, its other
    warnings (say, a property a user's report.css misspells) become notes."""
    logger = logging.getLogger("weasyprint")
    capture = _Capture()
    logger.addHandler(capture)
    try:
        yield
    finally:
        logger.removeHandler(capture)
    problems = [r.getMessage() for r in capture.records]
    fatal = [m for m in problems if MISSING_GLYPH.search(m) or "cannot be loaded" in m]
    if fatal:
        name = f"《{document.name}》" if document else "PDF"
        raise ReportgenError(f"{name}排版时字体出错：" + "；".join(dict.fromkeys(fatal)))
    if notes is not None:
        for message in dict.fromkeys(problems):
            if f"PDF 排版提示：{message}" not in notes:
                notes.append(f"PDF 排版提示：{message}")


def html_class_for(lean: bool):
    import weasyprint

    return lean_html_class() if lean else weasyprint.HTML


def layout_pages(html_class, html: str, base_url: str, font_config=None):
    with stage("pdf_layout"):
        return html_class(string=html, base_url=base_url).render(font_config=font_config)


def pdf_bytes(rendered, document: Document | None, first: bool = True) -> bytes:
    if document is not None and document.draft:
        label_draft(rendered.metadata)
    with stage("pdf_write"):
        # glyphs are looked up while the PDF is drawn
        return rendered.write_pdf(
            finisher=compress_once,
            pdf_variant=PDF_VARIANT,
            pdf_identifier=identifier(document) if document and first else None,  # None: a hash of the PDF
        )


def render(html: str, base_url: str, target: Path, document: Document | None = None, notes: list | None = None,
           font_config=None, lean: bool = False) -> int:
    """Render the HTML to `target` as PDF/A-2a. With `document`, the file identifier is
    derived from it (see `identifier`). `font_config`: a weasyprint FontConfiguration to
    reuse (see pdf_fonts.font_config); `lean`: the HTML is the default template's (see
    weasy.lean_html_class)."""
    html_class = html_class_for(lean)  # before listening to warnings
    with font_problems(document, notes):
        rendered = layout_pages(html_class, html, base_url, font_config)
        data = pdf_bytes(rendered, document)
    with stage("pdf_write"):
        target.write_bytes(data)
    return len(rendered.pages)


def render_in_parts(make_html, boxes: list[Box], marks: list, base_url: str, target: Path, document: Document,
                    notes: list | None = None, font_config=None, lean: bool = False) -> int:
    """A long document, laid out a part at a time (parts.py), so memory stays flat."""
    levels = [1 if box.kind in ("heading1", "attachment-label") else 2 for box, mark in zip(boxes, marks) if mark]
    html_class = html_class_for(lean)

    def write_part(rendered, path: Path, first: bool) -> None:
        path.write_bytes(pdf_bytes(rendered, document, first))

    with font_problems(document, notes):
        return write_in_parts(boxes, marks, make_html,
                              lambda html: layout_pages(html_class, html, base_url, font_config),
                              write_part, target, levels)


def same_pages(make_html, boxes: list[Box], kept: list[Box], marks: list, base_url: str, config, html_class) -> bool:
    """Whether the document takes as many pages with its paragraphs rebroken to fewer lines
    (`boxes`) as with the greedy breaker's number of lines (`kept`). An office program lays
    out the DOCX much as the greedy breaker does, 孤字 and all, so the PDF keeps the DOCX's
    pages (tests/test_docx_libreoffice.py) only when the rebroken paragraphs leave the page
    count as it is; laying out, without writing the PDF, is the cheap part of the work."""

    def pages(which: list[Box]) -> int:
        return len(layout_pages(html_class, make_html(which, marks), base_url, config).pages)

    return pages(boxes) == pages(kept)


def render_twice(make_html, boxes, marks, base_url: str, target: Path, document: Document,
                 notes: list | None = None, font_config=None, lean: bool = False) -> int:
    """Write the submission edition to `target` in one part; return its pages."""
    html_class = html_class_for(lean)
    with font_problems(document, notes):
        first = layout_pages(html_class, make_html(boxes, marks), base_url, font_config)
        place = place_imprint(first.pages, GRID)
        del first
        rendered = layout_pages(html_class, make_html(boxes, marks, place=place), base_url, font_config)
        data = pdf_bytes(rendered, document)
    with stage("pdf_write"):
        target.write_bytes(data)
    return len(rendered.pages)
