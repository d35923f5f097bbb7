"""The 附件 blocks (AttachmentNote, AttachmentLabel, Table) in both writers, on the sample
city report with its indicator table: one DOCX and one PDF, read back."""

from __future__ import annotations

import docx
import pytest
from docx.oxml.ns import qn

try:
    import pymupdf
except ImportError:  # PyMuPDF before 1.24.3
    import fitz as pymupdf

from conftest import ROOT
from reportgen.model.document import (
    AttachmentLabel,
    AttachmentNote,
    Document,
    PageBreak,
    Paragraph,
    Signature,
    Table,
    Title,
    city_document,
)
from reportgen.errors import ReportgenError
from reportgen.model.indicators import indicator_results
from reportgen.pipeline.check import check_year
from reportgen.render import WriteOptions
from reportgen.render.docx import writer as docx_writer
from reportgen.render.pdf import writer as pdf_writer
from reportgen.render.table_layout import NOTE_MARK, column_widths
from test_pdf_writer import PAGE_NUMBER, rows

MM = 72 / 25.4
LEFT, RIGHT, TOP = 28 * MM, (210 - 26) * MM, 37 * MM
TEXT_W_TWIPS = 8844  # 156 mm
NS = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}


@pytest.fixture(scope="module")
def city():
    data = check_year(ROOT / "data", 2023).data
    document = city_document(data, results=indicator_results(data.plan.indicators, data.units, 2023, data.previous))
    kinds = [type(b) for b in document.blocks[-6:]]
    assert kinds == [AttachmentNote, Signature, PageBreak, AttachmentLabel, Title, Table]
    return document


@pytest.fixture(scope="module")
def table(city) -> Table:
    table = city.blocks[-1]
    assert table.rows and table.notes
    return table


# ---------------------------------------------------------------------------
# DOCX


@pytest.fixture(scope="module")
def city_docx(city, tmp_path_factory):
    target = tmp_path_factory.mktemp("docx") / "city.docx"
    docx_writer.write(city, target, WriteOptions())
    return docx.Document(str(target))


def _tbl(d):
    tables = d.element.body.findall(qn("w:tbl"))
    assert len(tables) == 1
    return tables[0]


def _val(el, path, name="val"):
    found = el.find(path, NS)
    assert found is not None, path
    return found.get(qn(f"w:{name}"))


def test_docx_table_has_the_rows_columns_and_texts_of_the_table(city_docx, table):
    t = city_docx.tables[0]
    assert len(t.rows) == 1 + len(table.rows)
    assert len(t.columns) == len(table.columns)
    texts = [tuple(cell.text for cell in row.cells) for row in t.rows]
    assert texts == [table.columns, *table.rows]


def test_docx_header_row_repeats_and_rows_do_not_split(city_docx):
    trs = _tbl(city_docx).findall(qn("w:tr"))
    assert trs[0].find("w:trPr/w:tblHeader", NS) is not None
    assert all(tr.find("w:trPr/w:tblHeader", NS) is None for tr in trs[1:])
    assert all(tr.find("w:trPr/w:cantSplit", NS) is not None for tr in trs)


def test_docx_table_is_the_text_width_with_fixed_columns(city_docx, table):
    tbl = _tbl(city_docx)
    grid = [int(c.get(qn("w:w"))) for c in tbl.findall("w:tblGrid/w:gridCol", NS)]
    assert len(grid) == len(table.columns)
    assert sum(grid) == TEXT_W_TWIPS
    assert sum(grid) * 25.4 / 1440 == pytest.approx(156, abs=0.05)
    assert _val(tbl, "w:tblPr/w:tblW", "w") == str(TEXT_W_TWIPS)
    assert _val(tbl, "w:tblPr/w:tblLayout", "type") == "fixed"
    for tr in tbl.findall(qn("w:tr")):
        assert [int(_val(tc, "w:tcPr/w:tcW", "w")) for tc in tr.findall(qn("w:tc"))] == grid
    # the widest column is the one the model makes widest (指标)
    assert grid.index(max(grid)) == table.widths.index(max(table.widths))


def test_docx_table_borders_thin_inside_and_1_pt_round(city_docx):
    borders = _tbl(city_docx).find("w:tblPr/w:tblBorders", NS)
    sizes = {child.tag.split("}")[1]: (child.get(qn("w:val")), child.get(qn("w:sz"))) for child in borders}
    assert sizes == {
        "top": ("single", "8"), "left": ("single", "8"), "bottom": ("single", "8"), "right": ("single", "8"),
        "insideH": ("single", "4"), "insideV": ("single", "4"),
    }


def test_docx_cells_are_14_pt_off_the_grid_centred_vertically_without_indent(city_docx, table):
    styles = {"公文表格": "仿宋", "公文表头": "黑体"}
    for name, font in styles.items():
        style = city_docx.styles[name].element
        assert _val(style, "w:rPr/w:sz") == "28"
        assert _val(style, "w:rPr/w:rFonts", "eastAsia") == font
        assert _val(style, "w:pPr/w:snapToGrid") == "0"
        assert _val(style, "w:pPr/w:spacing", "lineRule") == "exact"
        assert int(_val(style, "w:pPr/w:spacing", "line")) >= 14 * 20
        assert _val(style, "w:pPr/w:ind", "firstLineChars") == "0"
        assert _val(style, "w:pPr/w:ind", "firstLine") == "0"
    t = city_docx.tables[0]
    for r, row in enumerate(t.rows):
        for c, cell in enumerate(row.cells):
            assert _val(cell._tc, "w:tcPr/w:vAlign") == "center"
            (p,) = cell.paragraphs
            assert p.style.name == ("公文表头" if r == 0 else "公文表格")
            expected = "center" if r == 0 else table.align[c]
            assert _val(p._p, "w:pPr/w:jc") == expected
            for run in p.runs:
                fonts = run._r.find("w:rPr/w:rFonts", NS)
                assert fonts.get(qn("w:eastAsia")) == ("黑体" if r == 0 else "仿宋")
                assert fonts.get(qn("w:hint")) == "eastAsia"


def _body(d):
    """Paragraphs and tables of the body in order: ("p", Paragraph) or ("tbl", element)."""
    out = []
    for el in d.element.body:
        if el.tag == qn("w:p"):
            out.append(("p", docx.text.paragraph.Paragraph(el, d)))
        elif el.tag == qn("w:tbl"):
            out.append(("tbl", el))
    return out


def test_docx_attachment_label_starts_a_page_flush_left_in_heiti(city_docx, city):
    body = _body(city_docx)
    i = next(i for i, (kind, p) in enumerate(body) if kind == "p" and p.text == "附件")
    label = body[i][1]
    assert label.paragraph_format.page_break_before is True
    assert label.style.name == "公文附件标识"
    style = city_docx.styles["公文附件标识"].element
    assert _val(style, "w:rPr/w:rFonts", "eastAsia") == "黑体"
    assert _val(style, "w:rPr/w:sz") == "32"
    assert _val(style, "w:pPr/w:ind", "firstLineChars") == "0"
    assert _val(style, "w:pPr/w:ind", "firstLine") == "0"
    assert _val(style, "w:pPr/w:jc") == "left"
    assert label._p.pPr.find(qn("w:ind")) is None  # nothing overrides the style
    assert label.runs[0]._r.rPr.rFonts.get(qn("w:eastAsia")) == "黑体"
    # line 2 blank, the title centred on line 3, a blank line, then the table [7.3.7]
    title = city.blocks[-2]
    after = [(kind, p.text if kind == "p" else None) for kind, p in body[i + 1 : i + 5]]
    assert after == [("p", ""), ("p", title.text), ("p", ""), ("tbl", None)]
    assert body[i + 2][1].style.name == "公文标题"


def test_docx_attachment_note_one_blank_line_below_the_body_indented(city_docx, city):
    note = next(b for b in city.blocks if isinstance(b, AttachmentNote))
    paras = city_docx.paragraphs
    i = next(i for i, p in enumerate(paras) if p.text == note.text)
    assert paras[i].style.name == "公文正文"  # indented two characters, 仿宋
    assert paras[i - 1].text == "" and paras[i - 2].text
    assert paras[i + 1].text == "" and paras[i + 2].text == city.blocks[-5].organ  # then the signature


def test_docx_notes_follow_the_table_with_zhu_on_the_first(city_docx, table):
    body = _body(city_docx)
    i = next(i for i, (kind, _) in enumerate(body) if kind == "tbl")
    notes = [p for _, p in body[i + 1 :]]
    assert [p.text for p in notes] == [NOTE_MARK + table.notes[0], *table.notes[1:]]
    for n, p in enumerate(notes):
        assert p.style.name == "公文表注"
        ind = p._p.pPr.find(qn("w:ind"))
        assert ind.get(qn("w:left")) == "560"  # two 4号 characters: the notes line up after “注：”
        if n == 0:
            assert ind.get(qn("w:hanging")) == "560"
        else:
            assert ind.get(qn("w:hanging")) is None and ind.get(qn("w:firstLine")) == "0"
    assert city_docx.styles["公文表注"].element.find("w:rPr/w:sz", NS).get(qn("w:val")) == "28"


def test_docx_page_break_before_a_table_goes_to_its_first_row(tmp_path):
    table = Table(("甲", "乙"), (("1", "2"),), (1, 1), ("center", "left"))
    blocks = (Title("表"), Paragraph("正文。"), PageBreak(), table)
    docx_writer.write(Document("unit", "表", "机关", 2023, None, blocks, "x"), tmp_path / "t.docx", WriteOptions())
    d = docx.Document(str(tmp_path / "t.docx"))
    first = d.tables[0].rows[0].cells[0].paragraphs[0]
    assert first.paragraph_format.page_break_before is True
    assert not any(p.paragraph_format.page_break_before for p in d.paragraphs)


# ---------------------------------------------------------------------------
# PDF


@pytest.fixture(scope="module")
def city_pdf(city, tmp_path_factory):
    target = tmp_path_factory.mktemp("pdf") / "city.pdf"
    pages = pdf_writer.write(city, target, WriteOptions()).pages
    pdf = pymupdf.open(target)
    assert len(pdf) == pages
    yield pdf, rows(pdf)
    pdf.close()


def _label_page(city_pdf) -> int:
    _, all_rows = city_pdf
    return next(r.page for r in all_rows if r.text == "附件")


def _table_pages(city_pdf) -> list[int]:
    pdf, _ = city_pdf
    start = _label_page(city_pdf)
    return [n for n in range(start, len(pdf) + 1) if pdf[n - 1].get_drawings()]


def test_pdf_attachment_label_is_the_first_line_of_its_page_at_the_left_edge(city_pdf):
    _, all_rows = city_pdf
    page = _label_page(city_pdf)
    on_page = [r for r in all_rows if r.page == page and not r.is_page_number]
    label = on_page[0]
    assert label.text == "附件"
    assert label.x0 == pytest.approx(LEFT, abs=0.3 * MM)
    assert label.top == pytest.approx(TOP, abs=1 * MM)
    assert label.sizes == {16.0}
    body_font = next(r for r in all_rows if r.page == 2 and r.x0 == pytest.approx(LEFT, abs=0.2)).chars[5]["font"]
    assert {c["font"] for c in label.chars}.isdisjoint({body_font})  # 黑体, not the body's 仿宋
    assert page > 1 and any(r.page == page - 1 for r in all_rows)  # the body's last page is another


def test_pdf_attachment_title_is_centred_on_line_3(city_pdf, city):
    _, all_rows = city_pdf
    page = _label_page(city_pdf)
    label, title = [r for r in all_rows if r.page == page][:2]
    assert title.text == city.blocks[-2].text and title.sizes == {22.0}
    assert (title.x0 + title.x1) / 2 == pytest.approx((LEFT + RIGHT) / 2, abs=0.5 * MM)
    # line 3 of the grid: two pitches below line 1 (a 22 pt line sets its baseline lower)
    assert title.top - label.top == pytest.approx(2 * 28.95, abs=3)


def test_pdf_attachment_note_below_the_body_indented_two_characters(city_pdf, city):
    all_rows = [r for r in city_pdf[1] if not r.is_page_number]
    note = next(b for b in city.blocks if isinstance(b, AttachmentNote))
    i = next(i for i, r in enumerate(all_rows) if r.text == note.text)
    row, before = all_rows[i], all_rows[i - 1]
    assert row.x0 == pytest.approx(LEFT + 2 * (RIGHT - LEFT) / 28, abs=0.3)
    if before.page == row.page:  # one blank line between the body and the note
        assert row.baseline - before.baseline == pytest.approx(2 * 28.95, abs=0.2)
    sig = city.blocks[-5]
    organ = all_rows[i + 1]
    assert organ.text == sig.organ and organ.baseline - row.baseline == pytest.approx(2 * 28.95, abs=0.2)


def test_pdf_table_spans_the_text_block_width(city_pdf):
    pdf, _ = city_pdf
    pages = _table_pages(city_pdf)
    assert pages
    for n in pages:
        rects = [d["rect"] for d in pdf[n - 1].get_drawings()]
        assert min(r.x0 for r in rects) == pytest.approx(LEFT, abs=1 * MM)
        assert max(r.x1 for r in rects) == pytest.approx(RIGHT, abs=1 * MM)
        widths = {round(d["width"], 1) for d in pdf[n - 1].get_drawings()}
        assert widths <= {0.5, 1.0}


def test_pdf_every_cell_appears_in_order_and_the_header_repeats(city_pdf, table):
    pdf, all_rows = city_pdf
    pages = _table_pages(city_pdf)
    text = "".join(line for n in pages for line in pdf[n - 1].get_text().splitlines() if not PAGE_NUMBER.match(line))
    position = 0
    for cell in [*table.columns, *(c for row in table.rows for c in row)]:
        found = text.find(cell, position)
        assert found >= 0, cell
        position = found + len(cell)
    for n in pages:  # the header row comes first on every page of the table
        header = [r for r in all_rows if r.page == n and r.sizes == {14.0}]
        first = next(r for r in header if "序号" in r.text)
        assert all(r.top >= first.top - 1 for r in header)
    assert len(pages) >= 2  # the sample's table breaks across pages: the repeat is tested


def test_pdf_cell_text_stays_inside_its_column(city_pdf):
    pdf, all_rows = city_pdf
    for n in _table_pages(city_pdf):
        drawings = pdf[n - 1].get_drawings()
        bottom = max(d["rect"].y1 for d in drawings)
        rules = {round(d["rect"].x0, 1) for d in drawings if d["rect"].width < 0.1}  # vertical rules
        assert len(rules) >= 8
        cells = [c for r in all_rows if r.page == n and r.sizes == {14.0} and r.top < bottom for c in r.chars]
        assert cells
        for c in cells:
            x0, x1 = c["bbox"][0], c["bbox"][2]
            assert not any(x0 + 0.5 < x < x1 - 0.5 for x in rules), (n, c["c"])
            assert any(x < x0 for x in rules) and any(x > x1 for x in rules)


def test_pdf_cells_are_14_pt_with_a_heiti_header(city_pdf, table):
    _, all_rows = city_pdf
    pages = _table_pages(city_pdf)
    header = next(r for r in all_rows if r.page == pages[0] and r.text.startswith(table.columns[0]))
    first_row = next(r for r in all_rows if r.page == pages[0] and table.rows[0][1][:4] in r.text)
    assert header.sizes == first_row.sizes == {14.0}
    cjk = [c["font"] for c in first_row.chars if ord(c["c"]) >= 0x4E00]
    assert {c["font"] for c in header.chars}.isdisjoint(cjk)


def test_pdf_notes_follow_the_table_with_zhu_on_the_first(city_pdf, table):
    pdf, all_rows = city_pdf
    last = _table_pages(city_pdf)[-1]
    bottom = max(d["rect"].y1 for d in pdf[last - 1].get_drawings())
    i = next(i for i, r in enumerate(all_rows) if r.text.startswith(NOTE_MARK))
    first = all_rows[i]
    assert (first.page, first.top) >= (last, bottom)  # below the table's last rule
    assert first.x0 == pytest.approx(LEFT, abs=0.3 * MM) and first.sizes == {14.0}
    notes = [r for r in all_rows[i:] if not r.is_page_number]
    text = "".join(r.text for r in notes)
    assert text == NOTE_MARK + "".join(table.notes)
    for row in notes[1:]:  # every line after the first starts after “注：”
        assert row.x0 == pytest.approx(LEFT + 28, abs=0.5)


def test_pdf_table_pages_keep_their_page_numbers(city_pdf):
    pdf, all_rows = city_pdf
    numbers = [r for r in all_rows if r.is_page_number]
    assert [r.page for r in numbers] == list(range(1, len(pdf) + 1))


def test_pdf_character_missing_from_every_font_in_a_cell_names_the_cell(tmp_path):
    table = Table(("序号", "指标"), (("1", "一般"), ("2", "罕见\U000f0001字")), (1, 4), ("center", "left"))
    document = Document("city", "测试", "测试局", 2023, None, (Title("测试"), table), "测试报告")
    target = tmp_path / "missing.pdf"
    with pytest.raises(ReportgenError) as caught:
        pdf_writer.write(document, target, WriteOptions())
    message = str(caught.value)
    assert "U+F0001" in message and "测试报告" in message and "第2行" in message and "指标" in message
    assert not target.exists()


# ---------------------------------------------------------------------------
# Column widths (no rendering)


def test_widths_are_proportional_when_the_content_fits():
    table = Table(("甲", "乙", "丙"), (("1", "文字", "2"),), (1, 2, 1), ("center", "left", "center"))
    assert column_widths(table, 400, 14, 4) == pytest.approx([100, 200, 100])


def test_a_column_too_narrow_for_its_header_or_numbers_is_widened():
    table = Table(("序号", "指标", "状态"), (("10", "很长的指标名称" * 3, "进度正常"),), (1.2, 16, 2.8),
                  ("center", "left", "center"))
    widths = column_widths(table, 442.2, 14, 4)
    assert sum(widths) == pytest.approx(442.2)
    assert widths[0] >= 2 * 14 + 8  # “序号” on one line
    assert widths[2] >= 4 * 14 + 8  # “进度正常” on one line
    assert widths[1] < 16 / 20 * 442.2
