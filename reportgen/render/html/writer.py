"""Turn a Document into its web edition: `<name>.html`, a page a portal can publish as
the report's article, and `<name>.fragment.html`, the same article alone for a CMS that
takes a fragment (issue #24).

The words are the Document's, as in the PDF and the DOCX; this module only decides
which element draws each block, and templates/web.html.j2, web.fragment.html.j2 and
web_article.html.j2 write every tag, with autoescaping on, so text a user wrote can never
become markup. Nothing is fetched and nothing runs: the style sheet (templates/web.css) is
inline, fonts are the reader's own CJK fonts, and there is no script.

- The first Title is the page's one <h1>; 一、 headings are <h2>, （一） headings <h3>; the
  附件 label is an <h2> too, the attachment's title the <caption> of its table.
- An item's lead sentence (with its number) is <strong> at the start of its paragraph.
- A table is a real table: column headers `<th scope="col">`, and the first left-aligned
  column (the indicator's name) `<th scope="row">`, so a screen reader names the row and
  the column of every figure, whose unit is in the 单位 column as in the PDF.
- The page links to the report's PDF and DOCX with their sizes (`options.downloads`,
  filled by the build once those files are written).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import jinja2

from reportgen import __version__
from reportgen.errors import ReportgenError
from reportgen.model.document import (
    AttachmentLabel,
    AttachmentNote,
    Document,
    Heading,
    Addressee,
    PageBreak,
    Paragraph,
    Signature,
    SourceNote,
    Table,
    Title,
)
from reportgen.render import WriteResult
from reportgen.render.table_layout import NOTE_MARK, column_widths
from reportgen.templating import environment

# blocks drawn as themselves, by the lower-case name of their class
DRAWN = (Addressee, Paragraph, Signature, SourceNote)

PAGE = "web.html.j2"
FRAGMENT = "web.fragment.html.j2"


@dataclass(frozen=True)
class Piece:
    """One block as the web edition draws it: `kind` chooses the element in
    web_article.html.j2; `block` is the model's block; `caption` a table's title;
    `anchor` the id of an 附件 label, or the label a 附件说明 links to."""

    kind: str
    block: object
    caption: str = ""
    anchor: str = ""
    row_header: int = -1  # a table's column whose cells name their row
    widths: tuple[float, ...] = ()  # a table's column widths, percent (the model's proportions)


@dataclass(frozen=True)
class Download:
    label: str  # PDF / DOCX
    href: str  # the file's name, relative to the page
    size: str  # “312 KB”


def _row_header(table: Table) -> int:
    """The column that names each row: the first left-aligned one (the indicator's name;
    the centred ones hold numbers), else none."""
    return next((n for n, align in enumerate(table.align) if align == "left"), -1)


# The table on a wide screen, in ems of its text (web.css: 44rem of main at 0.95rem), and
# a cell's padding on each side: what column_widths needs to keep 序号 and short values whole.
TABLE_EM, CELL_PAD_EM = 44.0, 0.5


def _percent(table: Table) -> tuple[float, ...]:
    """Column widths in percent, as the PDF's: the model's proportions, widened where a
    header or a number would break (render/table_layout.py)."""
    widths = column_widths(table, TABLE_EM, 1.0, CELL_PAD_EM)
    return tuple(round(100 * w / sum(widths), 2) for w in widths)


def pieces(document: Document) -> list[list[Piece]]:
    """The document's blocks as the web edition draws them, in sheets: the report, then
    each part a page break starts (the 附件), so print can begin each on a new page."""
    sheets: list[list[Piece]] = [[]]
    blocks = list(document.blocks)
    labels = [n for n, block in enumerate(blocks) if isinstance(block, AttachmentLabel)]
    notes = 0
    seen_title = False
    caption = ""
    for n, block in enumerate(blocks):
        following = blocks[n + 1] if n + 1 < len(blocks) else None
        if isinstance(block, PageBreak):
            sheets.append([])
        elif isinstance(block, Title) and seen_title and isinstance(following, Table):
            caption = block.text  # drawn as the caption of the table that follows
        elif isinstance(block, Title):
            sheets[-1].append(Piece("subtitle" if seen_title else "title", block))
            seen_title = True
        elif isinstance(block, Table):
            sheets[-1].append(Piece("table", block, caption, f"table-{n}", _row_header(block), _percent(block)))
            caption = ""
        elif isinstance(block, AttachmentLabel):
            sheets[-1].append(Piece("attachment-label", block, anchor=f"attachment-{labels.index(n) + 1}"))
        elif isinstance(block, AttachmentNote):
            notes += 1
            anchor = f"attachment-{notes}" if notes <= len(labels) else ""
            sheets[-1].append(Piece("attachment-note", block, anchor=anchor))
        elif isinstance(block, Heading):
            sheets[-1].append(Piece("heading1" if block.level == 1 else "heading2", block))
        elif isinstance(block, DRAWN):
            sheets[-1].append(Piece(type(block).__name__.lower(), block))
        else:  # as the PDF and DOCX writers: a block nobody draws must not vanish from the report
            raise TypeError(f"unknown block {block!r}")
    return [sheet for sheet in sheets if sheet]


def size_text(size: int) -> str:
    """A file's size as a reader wants it: “86 KB”, “1.4 MB”."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def context(document: Document, options) -> dict:
    return dict(
        document=document,
        sheets=pieces(document),
        annotation=document.annotation or "",  # 附注 as printed (GB/T 9704 7.3.6; model/document.annotation_text)
        note_mark=NOTE_MARK,
        # the PDF first: it is the report as published; the DOCX is for those who edit it
        downloads=[Download(label, Path(name).name, size_text(size))
                   for label, name, size in sorted(options.downloads, key=lambda d: d[0] != "PDF")],
        date=document.date.isoformat() if document.date else "",
        generator=f"reportgen {__version__}",
    )


def _write(template: str, document: Document, target: Path, options) -> WriteResult:
    env = environment(options.templates, autoescape=True)
    try:
        html = env.get_template(template).render(**context(document, options))
    except jinja2.TemplateSyntaxError as exc:  # a --templates copy the user edited
        raise ReportgenError(f"模板 {exc.filename or exc.name}:{exc.lineno} 有语法错误：{exc.message}") from None
    except jinja2.TemplateError as exc:
        raise ReportgenError(f"模板 {template} 无法生成《{document.name}》的网页版：{exc}") from None
    Path(target).write_text(html, encoding="utf-8")
    return WriteResult()


def write(document: Document, target: Path, options) -> WriteResult:
    """`<name>.html`: the whole page, with its style sheet and the download links."""
    return _write(PAGE, document, target, options)


def write_fragment(document: Document, target: Path, options) -> WriteResult:
    """`<name>.fragment.html`: the page's <main> content alone, styled inline where the
    layout needs it (centred title, indented paragraphs, right-aligned signature, ruled
    table), for a CMS that takes an article body."""
    return _write(FRAGMENT, document, target, options)
