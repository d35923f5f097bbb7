"""Rendering the submission edition: laid out once to find where its 版记 lands, then with
the space that puts it at the foot of an even page (render/pdf/submission.py). The DOCX
writer asks the same first layout (`imprint_place`), so both files break the same way."""

from __future__ import annotations

from pathlib import Path

from reportgen.timing import stage
from reportgen.model.document import Document
from reportgen.render.pdf.lines import GRID
from reportgen.render.pdf.submission import ImprintPlace, place_imprint
from reportgen.render.pdf.writer import _font_problems, _html_class, _layout_pages, _pdf_bytes, prepared


def render_twice(make_html, boxes, marks, base_url: str, target: Path, document: Document,
                 notes: list | None = None, font_config=None, lean: bool = False) -> int:
    """Write the submission edition to `target` in one part; return its pages."""
    html_class = _html_class(lean)
    with _font_problems(document, notes):
        first = _layout_pages(html_class, make_html(boxes, marks), base_url, font_config)
        place = place_imprint(first.pages, GRID)
        del first
        rendered = _layout_pages(html_class, make_html(boxes, marks, place=place), base_url, font_config)
        data = _pdf_bytes(rendered, document)
    with stage("pdf_write"):
        target.write_bytes(data)
    return len(rendered.pages)


def imprint_place(document: Document, options) -> ImprintPlace | None:
    """Where the PDF puts the 版记 of `document` (None: it has none)."""
    boxes, marks, make_html, base_url, notes, config, lean = prepared(document, options)
    with _font_problems(document, None):
        first = _layout_pages(_html_class(lean), make_html(boxes, marks), base_url, config)
    return place_imprint(first.pages, GRID)
