"""Turn a Document into a PDF in the GB/T 9704-2012 official-document format.

WeasyPrint only stretches spaces when it justifies text, so Chinese lines
would end 1–10 mm short of the right edge. Lines are therefore broken here,
on the grid of 28 characters by 22 lines: each character is measured from
its font file, the 避头尾 rules decide where a line may end, and every line
that continues a paragraph gets the letter-spacing that makes its last glyph
end exactly at the right edge of the text block. The template
`report.html.j2` then draws each line as its own block (white-space: nowrap),
so the extracted text has no inserted spaces and WeasyPrint decides nothing
but page breaks.

The PDF is PDF/A-2a (`PDF_VARIANT`): archival, every font embedded, and tagged
(headings as H1–H3, paragraphs as P, the table as Table), with the language
zh-CN, XMP metadata from the document (`metadata`), and bookmarks for the
一、 and （一） headings and the 附件 label. Nothing in it depends on the clock
or on chance: the dates are the 成文日期 and the file identifier is a hash of
the document (`identifier`), so the same document always gives the same bytes.

The PDF stores each glyph's displacement in thousandths of an em, and
WeasyPrint truncates the letter-spacing to that unit (`draw_first_line` in
weasyprint/draw/text.py), so spacing is chosen in those units and the
position of every glyph is predicted the same way WeasyPrint will compute it.

Most documents are rendered one after another in a worker process, so nothing is
done per document that can be done once: font files that need making are kept in an
on-disk cache (font_cache.py, `prepare_fonts`), WeasyPrint's font
configuration and the Jinja environment are kept for the process (fonts.py), and
the HTML has as few elements and no style attributes (`markup`): WeasyPrint shares one
computed style among all elements with the same classes. weasy.py leaves out user-agent
rules nothing in the default template can use and compresses each stream once.
"""

from __future__ import annotations

import re
from pathlib import Path

from reportgen.render.pdf import font_cache
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
from reportgen.render.pdf.font_builder import needs_own_file
from reportgen.render import WriteResult
from reportgen.render.pdf.fonts import FontSet, resolve_fonts
from reportgen.templating import DEFAULT_TEMPLATES, environment
from reportgen.timing import stage
from reportgen.render.pdf.faces import FaceTable, font_config, font_faces
from reportgen.render.pdf.lines import (
    GRID,
    Box,
    Cell,
    Geometry,
    Line,
    TableLayout,
    make_line,
    break_lines,
    placed_line,
)
from reportgen.render.pdf.paragraph import flow_lines, paragraph_lines
from reportgen.render.pdf.mark import mark_url
from reportgen.model.submission import Annotation, Imprint, Masthead, has_imprint
from reportgen.render.pdf.submission import ImprintPlace, masthead_css, place_imprint, submission_boxes
from reportgen.render.pdf.markup import markup
from reportgen.render.pdf.parts import line_count, needs_parts
from reportgen.render.table_layout import NOTE_MARK, column_widths
from reportgen.render.pdf.rendering import (  # noqa: F401 - identifier, metadata, PDF_VARIANT: the writer's face
    PDF_VARIANT, font_problems, html_class_for, identifier, layout_pages,
                                            metadata, render, render_in_parts, render_twice, same_pages)

# ---------------------------------------------------------------------------
# Document → boxes → HTML → PDF


def _where(document: Document, block, label: str) -> str:
    source = getattr(block, "source", None)
    return str(source) if source else f"《{document.name}》的{label}"


def _normalize(text: str) -> str:
    return re.sub(r"[ \t\r\n\u00a0]+", " ", text).strip()


def layout(document: Document, table: FaceTable, grid: Geometry = GRID, fewer: bool = True) -> list[Box]:
    """The document's boxes; `fewer`: paragraphs may take fewer lines than the greedy
    breaker's to avoid a loose line or a 孤字 (paragraph.flow_lines, and `write`)."""
    size = grid.body_size_pt
    natural = round((grid.pitch_pt - size) / (size / 1000))
    boxes: list[Box] = []
    blank = Box("blank", (Line(0, ()),))
    for block in document.blocks:
        if isinstance(block, Title):
            # the model decides where a long title breaks (document.title_lines)
            lines = [
                placed_line(table.glyphs("title", _normalize(text), _where(document, block, "标题")),
                            grid.title_size_pt, 0, "center", grid=grid)
                for text in block.lines
            ]
            boxes += [Box("title", tuple(lines)), blank]
        elif isinstance(block, Addressee):
            glyphs = table.glyphs("body", _normalize(block.text), _where(document, block, "主送机关"))
            boxes.append(Box("addressee", tuple(paragraph_lines(glyphs, 0, size, grid, fewer))))
        elif isinstance(block, Heading):
            role = "heading1" if block.level == 1 else "heading2"
            glyphs = table.glyphs(role, _normalize(block.full_text), _where(document, block, "标题“" + block.text + "”"))
            boxes.append(Box(role, tuple(paragraph_lines(glyphs, 2, size, grid, fewer))))
        elif isinstance(block, Paragraph):
            where = _where(document, block, "正文")
            lead = _normalize(block.lead)
            glyphs = table.glyphs("bold", lead, where) if lead else []
            text = _normalize(block.text)
            if text:
                glyphs += table.glyphs("body", text, where)
            boxes.append(Box("paragraph", tuple(paragraph_lines(glyphs, 2, size, grid, fewer))))
        elif isinstance(block, Signature):
            where = _where(document, block, "落款")
            lines = [placed_line(table.glyphs("body", _normalize(block.organ), where), size, natural, "right", block.organ_right * size, grid)]
            if block.date:
                lines.append(placed_line(table.glyphs("body", _normalize(block.date), where), size, natural, "right", block.date_right * size, grid))
            if document.annotation:  # 附注: the line below the date, two characters in [7.3.6]
                glyphs = table.glyphs("body", _normalize(document.annotation), _where(document, block, "附注"))
                lines += paragraph_lines(glyphs, 2, size, grid)
            boxes.append(Box("signature", (Line(0, ()), *lines)))
        elif isinstance(block, PageBreak):
            boxes.append(Box("pagebreak"))
        elif isinstance(block, AttachmentNote):
            # one blank line below the body, then indented like a paragraph [7.3.4]
            glyphs = table.glyphs("body", _normalize(block.text), _where(document, block, "附件说明"))
            boxes.append(Box("attachment-note", (Line(0, ()), *paragraph_lines(glyphs, 2, size, grid, fewer))))
        elif isinstance(block, AttachmentLabel):
            # “附件” flush left on line 1, line 2 blank: the title comes on line 3 [7.3.7]
            glyphs = table.glyphs("heading1", _normalize(block.text), _where(document, block, "附件标识"))
            boxes.append(Box("attachment-label", (*paragraph_lines(glyphs, 0, size, grid, fewer), Line(0, ()))))
        elif isinstance(block, Table):
            boxes += table_boxes(document, block, table, grid)
        elif isinstance(block, SourceNote):
            # --draft only: 4号 楷体 in grey, off the grid, so it cannot pass for report text
            glyphs = table.glyphs("heading2", _normalize(block.text), _where(document, block, "来源注"))
            lines = flow_lines(glyphs, grid.table_size_pt, 0, 0.0, 0.0, grid.text_width_pt)
            boxes.append(Box("source-note", tuple(lines)))
        elif isinstance(block, (Masthead, Annotation, Imprint)):  # the submission edition only
            boxes += submission_boxes(document, block, table, grid)
        else:  # as the DOCX writer: a block nobody draws must not vanish from the report
            raise TypeError(f"unknown block {block!r}")
    return boxes


def bookmarks(document: Document, boxes: list[Box]) -> list[str | None]:
    """For each box, the text of its bookmark (outline entry) or None: the full text of
    every 一、 and （一） heading and the 附件 label; report.html.j2 gives their levels."""
    labels = iter(
        _normalize(block.full_text if isinstance(block, Heading) else block.text)
        for block in document.blocks
        if isinstance(block, (Heading, AttachmentLabel))
    )
    return [next(labels) if box.kind in ("heading1", "heading2", "attachment-label") else None for box in boxes]


def table_boxes(document: Document, block: Table, table: FaceTable, grid: Geometry = GRID) -> list[Box]:
    """A table box and a box of the notes below it, both in 4号. Cell text is broken here
    too, by the body's rules (避头尾, numbers kept whole) but ragged; every cell goes
    through the face table, so a character no font has is an error naming the cell."""
    size = grid.table_size_pt
    n = len(block.columns)
    widths = column_widths(block, grid.text_width_pt, size, grid.cell_pad_h_pt)
    # what a line of each column may hold: its width less the padding and the rules
    # (the collapsed rules straddle the column edges; count the thicker one whole)
    room = [(w - 2 * grid.cell_pad_h_pt - grid.border_outer_pt) * 1000 / size for w in widths]

    def cell(role: str, text: str, column: int, align: str, where: str) -> Cell:
        text = _normalize(text)
        glyphs = table.glyphs(role, text, where) if text else []
        lines = break_lines(glyphs, room[column], room[column], 0) if glyphs else []
        return Cell(tuple(make_line(line, [0] * len(line), 0, size).runs for line in lines), align)

    name = _where(document, block, "附表")
    header = tuple(cell("heading1", text, c, "center", f"{name}表头“{text}”") for c, text in enumerate(block.columns))
    rows = []
    for r, row in enumerate(block.rows, 1):
        if len(row) != n:
            raise ValueError(f"table row {r} has {len(row)} cells, the header {n}")
        rows.append(tuple(
            cell("body", text, c, block.align[c], f"{name}第{r}行“{block.columns[c]}”列") for c, text in enumerate(row)
        ))
    percent = tuple(round(w / grid.text_width_pt * 100, 4) for w in widths)
    boxes = [Box("table", table=TableLayout(percent, header, tuple(rows)))]

    lines: list[Line] = []
    hang = 2 * size  # “注：” is two characters; every note line starts after it
    for number, note in enumerate(block.notes):
        text = (NOTE_MARK if number == 0 else "") + _normalize(note)
        glyphs = table.glyphs("body", text, f"{name}注释")
        # greedy, as LibreOffice breaks them: the notes are no body text (the typesetting
        # rules of paragraph.py are the body's), and a note rebroken to fewer lines would
        # let the DOCX's table end a page later than the PDF's
        lines += flow_lines(glyphs, size, 0, 0.0 if number == 0 else hang, hang, grid.text_width_pt, whole=False)
    if lines:
        boxes.append(Box("table-notes", tuple(lines)))
    return boxes


def prepare(fonts: FontSet | None, jobs: int = 1) -> None:
    """Make the cached font files that every document with these fonts uses (see
    font_cache), using up to `jobs` processes; files already in the cache are left as they
    are. A build calls this once before it renders PDFs in parallel, so that the workers
    need not each wait for the bold face; `write` makes whatever is missing itself."""
    for face in (fonts or resolve_fonts()).roles.values():
        if needs_own_file(face):
            font_cache.base_file(face, jobs)


def prepared(document: Document, options):
    """What rendering `document` needs: its boxes and bookmarks, `make_html(boxes, marks,
    first_page, place)`, the base URL, the notes so far, the font configuration, `lean`."""
    with stage("pdf_write"):
        fonts = options.fonts or resolve_fonts()
    notes: list[str] = list(fonts.substitutions)
    with stage("pdf_layout"):
        table = FaceTable(fonts, notes)
        boxes = layout(document, table)
        kept = layout(document, table, fewer=False)
        sub = masthead_css(document, table, GRID)
        table.glyphs("pagenum", "— 0123456789", f"《{document.name}》的页码")
    with stage("pdf_write"):
        faces = font_faces(table)
        config = font_config(fonts)
    with stage("pdf_layout"):
        env = environment(options.templates, autoescape=True)
        template = env.get_template("report.html.j2")
        base_url = str(Path(template.filename).resolve().parent) + "/"
        lean = all(Path(env.get_template(name).filename).resolve().parent == DEFAULT_TEMPLATES
                   for name in ("report.html.j2", "report.css"))
    marks = bookmarks(document, boxes)
    draft_mark = mark_url(document.mark, fonts.roles["heading1"], GRID.body_size_pt) if document.mark else ""

    def make_html(part_boxes, part_marks, first_page: int = 1, place=None) -> str:
        with stage("pdf_layout"):
            lines, rules = markup(part_boxes)
            return template.render(document=document, boxes=part_boxes, bookmarks=part_marks, lines=lines,
                                   rules=rules, meta=metadata(document), faces=faces, grid=GRID,
                                   first_page=first_page, mark=draft_mark, sub=sub, place=place)

    if line_count(boxes) != line_count(kept):  # fewer lines only where the pages stay (render/pdf/paragraph.py)
        html_class = html_class_for(lean)  # before listening to warnings, as in render
        with font_problems(document, notes):
            if needs_parts(kept) or not same_pages(make_html, boxes, kept, marks, base_url, config, html_class):
                boxes = kept
    return boxes, marks, make_html, base_url, notes, config, lean


def imprint_place(document: Document, options) -> ImprintPlace | None:
    """Where the PDF puts the 版记 of `document` (None: it has none): its first layout, as
    render_twice makes it; the DOCX writer breaks its pages the same way (render/docx/submission.py)."""
    boxes, marks, make_html, base_url, notes, config, lean = prepared(document, options)
    with font_problems(document, None):
        first = layout_pages(html_class_for(lean), make_html(boxes, marks), base_url, config)
    return place_imprint(first.pages, GRID)


def write(document: Document, target: Path, options) -> WriteResult:
    """Write `document` as a PDF to `target`; the result has the number of pages and the
    notes for the user (font substitutions, WeasyPrint's warnings)."""
    boxes, marks, make_html, base_url, notes, config, lean = prepared(document, options)
    if has_imprint(document):  # the submission edition: laid out twice (rendering.render_twice)
        pages = render_twice(make_html, boxes, marks, base_url, target, document, notes, config, lean)
    elif needs_parts(boxes):
        pages = render_in_parts(make_html, boxes, marks, base_url, target, document, notes, config, lean)
    else:
        pages = render(make_html(boxes, marks), base_url, target, document, notes, config, lean)
    return WriteResult(pages, tuple(notes))
