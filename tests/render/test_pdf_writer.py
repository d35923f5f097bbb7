"""The PDF writer, checked by reading the PDF back with PyMuPDF against GB/T 9704-2012."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import ROOT

try:
    import pymupdf
except ImportError:  # PyMuPDF before 1.24.3
    import fitz as pymupdf

from reportgen.model.measure import is_half_width
from reportgen.model.document import Addressee, Document, Heading, PageBreak, Paragraph, Signature, Title, unit_document
from reportgen.errors import Loc, ReportgenError
from reportgen.pipeline.check import check_year
from reportgen.render import WriteOptions
from reportgen.render.pdf import lines as pdf_lines
from reportgen.render.pdf import writer as pdf_writer
from reportgen.render.pdf.paragraph import CLOSING, justify
from reportgen.render.gbt9704 import NO_END, NO_START

MM = 72 / 25.4
A4 = (210 * MM, 297 * MM)
LEFT, RIGHT, TOP, BOTTOM = 28 * MM, (210 - 26) * MM, 37 * MM, (297 - 35) * MM
PAGE_NUMBER = re.compile(r"^— (\d+) —$")


@dataclass
class Row:
    """One printed line: its characters in reading order."""

    page: int  # from 1
    chars: list  # rawdict chars, each with the span's font and size added

    @property
    def text(self) -> str:
        return "".join(c["c"] for c in self.chars)

    @property
    def x0(self) -> float:
        return self.chars[0]["origin"][0]

    @property
    def x1(self) -> float:
        return self.chars[-1]["bbox"][2]

    @property
    def ink_x1(self) -> float:
        """Where the line ends for the eye: a closing mark (。，」) at the end may have given
        up its blank right half (paragraph.squeeze), which then lies beyond the edge."""
        last = self.chars[-1]
        half = (last["bbox"][2] - last["bbox"][0]) / 2
        return self.x1 - half if last["c"] in CLOSING and self.x1 > RIGHT + half / 2 else self.x1

    @property
    def top(self) -> float:
        return min(c["bbox"][1] for c in self.chars)

    @property
    def baseline(self) -> float:
        return self.chars[0]["origin"][1]

    @property
    def sizes(self) -> set:
        return {round(c["size"], 1) for c in self.chars}

    @property
    def is_page_number(self) -> bool:
        return bool(PAGE_NUMBER.match(self.text))


def rows(pdf) -> list[Row]:
    """Every printed line of the PDF, grouped by baseline (spans of one line may come in
    several blocks)."""
    out = []
    for number, page in enumerate(pdf, 1):
        by_baseline = defaultdict(list)
        for block in page.get_text("rawdict")["blocks"]:
            for line in block.get("lines", []):
                for span in line["spans"]:
                    for char in span["chars"]:
                        by_baseline[round(char["origin"][1], 1)].append(dict(char, font=span["font"], size=span["size"]))
        for baseline in sorted(by_baseline):
            chars = sorted(by_baseline[baseline], key=lambda c: c["origin"][0])
            out.append(Row(number, chars))
    return out


def body_rows(all_rows: list[Row]) -> list[Row]:
    return [r for r in all_rows if not r.is_page_number]


@dataclass
class Rendered:
    document: Document
    path: Path
    pages: int
    notes: list
    pdf: object
    rows: list


@pytest.fixture(scope="module")
def sample_data():
    return check_year(ROOT / "data", 2023).data


@pytest.fixture(scope="module")
def unit_pdf(sample_data, tmp_path_factory) -> Rendered:
    """司法局's report (9 pages): the one full render most tests read."""
    document = unit_document(sample_data.units[0])
    path = tmp_path_factory.mktemp("pdf") / "unit.pdf"
    options = WriteOptions()
    written = pdf_writer.write(document, path, options)
    pdf = pymupdf.open(path)
    yield Rendered(document, path, written.pages, written.notes, pdf, rows(pdf))
    pdf.close()


SOURCE = Loc("data/2023/测试.yaml", 12, 5)
LONG_TITLE = "云澜市人民政府办公室关于2023年度全市法治政府建设工作情况的报告"


@pytest.fixture(scope="module")
def small_pdf(tmp_path_factory) -> Rendered:
    """A short document with the cases the sample lacks: a long title, markup-like text,
    a rare character, a page break."""
    blocks = (
        Title(LONG_TITLE),
        Addressee("省人民政府："),
        Heading(1, "一、", "总体情况"),
        Paragraph("正文里的<b>不是标签</b>，&amp;也不是实体。" * 3, source=SOURCE),
        Paragraph("人名用字龘见于备用字体。", "1.段首句。", source=Loc("data/2023/测试.yaml", 20, 9)),
        PageBreak(),
        Paragraph("分页后的第一段。"),
        Signature("云澜市人民政府", "2024年3月20日", 3.5, 2.0),
    )
    document = Document("unit", LONG_TITLE, "云澜市人民政府", 2023, None, blocks, "测试")
    path = tmp_path_factory.mktemp("pdf") / "small.pdf"
    options = WriteOptions()
    written = pdf_writer.write(document, path, options)
    pdf = pymupdf.open(path)
    yield Rendered(document, path, written.pages, written.notes, pdf, rows(pdf))
    pdf.close()


# ---------------------------------------------------------------------------
# Page and text block


def test_every_page_is_a4(unit_pdf):
    assert unit_pdf.pages == len(unit_pdf.pdf) > 1
    for page in unit_pdf.pdf:
        assert page.rect.width == pytest.approx(A4[0], abs=0.5)
        assert page.rect.height == pytest.approx(A4[1], abs=0.5)


def test_text_block_starts_28_mm_from_the_left_and_37_mm_from_the_top(unit_pdf):
    text = body_rows(unit_pdf.rows)
    for page in range(1, unit_pdf.pages + 1):
        on_page = [r for r in text if r.page == page]
        if page > 1:  # page 1 starts with the centred title
            assert on_page[0].top == pytest.approx(TOP, abs=1 * MM), page
        assert min(r.x0 for r in on_page) == pytest.approx(LEFT, abs=1 * MM), page
    assert text[0].top == pytest.approx(TOP, abs=1 * MM)  # the title's first line


def test_body_is_16_pt_title_22_pt_page_numbers_14_pt(unit_pdf):
    title_rows = set(range(len(unit_pdf.document.blocks[0].lines)))  # as many rows as the model's title lines
    for index, row in enumerate(body_rows(unit_pdf.rows)):
        assert row.sizes == ({22.0} if index in title_rows else {16.0}), row.text
    for row in unit_pdf.rows:
        if row.is_page_number:
            assert row.sizes == {14.0}


def test_a_full_page_holds_22_lines_on_a_28_95_pt_pitch(unit_pdf):
    text = body_rows(unit_pdf.rows)
    per_page = [[r for r in text if r.page == p] for p in range(1, unit_pdf.pages + 1)]
    full = [page for page in per_page[:-1] if len(page) == 22]
    assert len(full) >= unit_pdf.pages // 2
    assert all(len(page) <= 22 for page in per_page)
    for page in full:
        gaps = [b.baseline - a.baseline for a, b in zip(page, page[1:])]
        assert gaps == pytest.approx([28.95] * 21, abs=0.1)
        assert page[-1].baseline < BOTTOM


def _all_cjk(text: str) -> bool:
    return all(ord(ch) >= 0x2E80 for ch in text)


def test_a_full_line_holds_28_characters(unit_pdf):
    """Lines of full-width characters only: a line of ideographs holds exactly 28 on the
    15.79 pt pitch; a line whose marks gave up their blank halves (paragraph.squeeze) holds
    one more character for every two marks at most."""
    cjk_lines = [r for r in body_rows(unit_pdf.rows) if r.x0 == pytest.approx(LEFT, abs=0.2) and _all_cjk(r.text) and r.ink_x1 == pytest.approx(RIGHT, abs=0.5 * MM)]
    assert len(cjk_lines) >= 10
    marks = [sum(ch in NO_START or ch in NO_END for ch in r.text) for r in cjk_lines]
    assert all(len(r.text) <= 28 + m // 2 for r, m in zip(cjk_lines, marks))
    assert max(len(r.text) for r, m in zip(cjk_lines, marks) if m == 0) == 28
    pitch = (RIGHT - LEFT) / 28
    runs = 0
    for row in cjk_lines:  # a mark may stand closer to its neighbours; ideographs keep the pitch
        for run in re.split(r"[%s]" % re.escape("".join(NO_START | NO_END)), row.text):
            if len(run) >= 10:
                first = row.text.index(run)
                chars = row.chars[first:first + len(run)]
                assert (chars[-1]["origin"][0] - chars[0]["origin"][0]) / (len(run) - 1) == pytest.approx(pitch, abs=0.03)
                runs += 1
    assert runs >= 10


def test_every_line_that_continues_a_paragraph_reaches_the_right_edge(unit_pdf):
    """A line followed by a flush-left line continues a paragraph: it must be justified
    to the right edge of the text block (WeasyPrint alone leaves CJK lines short)."""
    text = [r for r in body_rows(unit_pdf.rows) if r.sizes == {16.0}]
    checked = 0
    for row, following in zip(text, text[1:]):
        if following.x0 == pytest.approx(LEFT, abs=0.2):
            assert row.ink_x1 == pytest.approx(RIGHT, abs=0.5 * MM), f"page {row.page}: {row.text}"
            checked += 1
    assert checked >= 100


def test_first_lines_are_indented_two_characters(unit_pdf, sample_data):
    starts = {r.text[:6]: r for r in body_rows(unit_pdf.rows)}
    first_paragraph = next(b for b in unit_pdf.document.blocks if isinstance(b, Paragraph))
    row = starts[first_paragraph.full_text[:6]]
    assert row.x0 == pytest.approx(LEFT + 2 * (RIGHT - LEFT) / 28, abs=0.3)


def test_page_numbers_alternate_sides_7_mm_below_the_text_block(unit_pdf):
    numbers = [r for r in unit_pdf.rows if r.is_page_number]
    assert [r.page for r in numbers] == list(range(1, unit_pdf.pages + 1))
    one_char = 14
    for row in numbers:
        assert PAGE_NUMBER.match(row.text).group(1) == str(row.page)
        if row.page % 2:  # odd pages: right, one character in
            assert row.x1 == pytest.approx(RIGHT - one_char, abs=0.5 * MM)
        else:
            assert row.x0 == pytest.approx(LEFT + one_char, abs=0.5 * MM)
        assert row.top - BOTTOM == pytest.approx(7 * MM, abs=1 * MM)


def test_title_is_centred_on_balanced_lines(unit_pdf):
    title = [r for r in body_rows(unit_pdf.rows) if r.sizes == {22.0}]
    assert [r.text for r in title] == list(unit_pdf.document.blocks[0].lines)  # the model's breaks
    for row in title:
        assert (row.x0 + row.x1) / 2 == pytest.approx((LEFT + RIGHT) / 2, abs=0.5 * MM)


def test_long_title_breaks_between_words(small_pdf):
    title = [r.text for r in body_rows(small_pdf.rows) if r.sizes == {22.0}]
    assert "".join(title) == LONG_TITLE
    assert len(title) == 2
    # between words: not inside 人民政府, 办公室, 2023年度, 法治政府, 工作情况 …
    assert title[1].startswith(("关于", "2023", "全市", "法治政府")), title
    rows_ = [r for r in body_rows(small_pdf.rows) if r.sizes == {22.0}]
    assert all(r.x1 - r.x0 <= RIGHT - LEFT for r in rows_)


def test_fonts_are_embedded_and_none_is_type3(unit_pdf):
    fonts = {f for page in unit_pdf.pdf for f in page.get_fonts(full=True)}
    assert len({f[3] for f in fonts}) >= 5  # title, body, bold, two headings, page numbers
    for xref, ext, kind, name, *_ in fonts:
        assert kind != "Type3", name
        assert ext not in ("", "n/a"), f"{name} is not embedded"


def test_lead_sentence_is_bold(unit_pdf):
    """The “1.” lead is drawn with thicker strokes than the body text beside it."""
    lead = next(b for b in unit_pdf.document.blocks if isinstance(b, Paragraph) and b.lead)
    row = next(r for r in body_rows(unit_pdf.rows) if r.text.startswith(lead.lead))
    n = len(lead.lead)
    lead_chars, body_chars = row.chars[2:n], row.chars[n : 2 * n - 2]  # skip “1.”
    assert {c["font"] for c in lead_chars}.isdisjoint({c["font"] for c in body_chars})

    def ink(chars) -> float:
        rect = pymupdf.Rect(chars[0]["bbox"][0], row.top, chars[-1]["bbox"][2], row.top + 16)
        pix = unit_pdf.pdf[row.page - 1].get_pixmap(clip=rect, dpi=300, colorspace=pymupdf.csGRAY)
        dark = sum(1 for v in pix.samples if v < 128)
        return dark / len(chars)

    assert ink(lead_chars) > 1.3 * ink(body_chars)


def _plain_text(rendered: Rendered) -> str:
    """All text without page numbers, lines joined with nothing between them."""
    lines = []
    for page in rendered.pdf:
        lines += [line for line in page.get_text().splitlines() if not PAGE_NUMBER.match(line)]
    return "".join(lines)


def _texts(document: Document) -> list[str]:
    out = []
    for block in document.blocks:
        if isinstance(block, (Heading, Paragraph)):
            out.append(block.full_text)
        elif isinstance(block, (Title, Addressee)):
            out.append(block.text)
        elif isinstance(block, Signature):
            out += [block.organ, block.date]
    return out


def test_every_block_appears_in_order_without_inserted_spaces(unit_pdf):
    text = _plain_text(unit_pdf)
    assert " " not in text
    position = 0
    for expected in _texts(unit_pdf.document):
        found = text.find(expected, position)
        assert found >= 0, expected
        position = found + len(expected)


def test_user_text_is_drawn_literally(small_pdf):
    text = _plain_text(small_pdf)
    for expected in _texts(small_pdf.document):
        assert expected in text
    assert "<b>不是标签</b>，&amp;也不是实体" in text


def test_page_break_starts_a_new_page(small_pdf):
    row = next(r for r in small_pdf.rows if r.text.startswith("分页后"))
    assert row.page == 2
    assert row.top == pytest.approx(TOP, abs=1 * MM)


def test_signature_ends_the_given_characters_from_the_right(small_pdf):
    organ = next(r for r in small_pdf.rows if r.text == "云澜市人民政府" and r.page == 2)
    date = next(r for r in small_pdf.rows if r.text == "2024年3月20日")
    assert organ.x1 == pytest.approx(RIGHT - 3.5 * 16, abs=0.3 * MM)
    assert date.x1 == pytest.approx(RIGHT - 2 * 16, abs=0.3 * MM)
    assert date.baseline - organ.baseline == pytest.approx(28.95, abs=0.1)


def test_rare_character_uses_a_spare_font_and_says_so(small_pdf):
    row = next(r for r in small_pdf.rows if "龘" in r.text)
    fonts = {c["c"]: c["font"] for c in row.chars}
    assert fonts["龘"] != fonts["见"]
    assert any("龘" in note and "data/2023/测试.yaml:20" in note for note in small_pdf.notes)


def test_substitutions_are_reported(unit_pdf):
    from reportgen.render.pdf.fonts import resolve_fonts

    substitutions = resolve_fonts().substitutions
    assert substitutions  # no machine has a bold 仿宋, so the bold lead is always reported
    assert all(note in unit_pdf.notes for note in substitutions)


# ---------------------------------------------------------------------------
# Characters no font has


def test_character_missing_from_every_font_is_an_error_naming_it_and_its_source(tmp_path):
    blocks = (Title("测试报告"), Paragraph("这里有一个\U000f0001字。", source=SOURCE))
    document = Document("unit", "测试报告", "测试局", 2023, None, blocks, "测试")
    target = tmp_path / "missing.pdf"
    with pytest.raises(ReportgenError) as caught:
        pdf_writer.write(document, target, WriteOptions())
    message = str(caught.value)
    assert "U+F0001" in message and "\U000f0001" in message
    assert "data/2023/测试.yaml:12" in message
    assert not target.exists()


def test_weasyprint_missing_glyph_warning_is_an_error(tmp_path):
    """The cmap check runs first; should a .notdef still be drawn (a font the template
    names itself), WeasyPrint's warning stops the build instead of printing a box."""
    target = tmp_path / "notdef.pdf"
    html = "<html><body><p>字\U000f0001</p></body></html>"
    with pytest.raises(ReportgenError, match="F0001"):
        pdf_writer.render(html, str(tmp_path), target)


# ---------------------------------------------------------------------------
# Line breaking (no rendering)


def _glyphs(text: str) -> list:
    return [pdf_lines.Glyph(ch, "body", 500 if is_half_width(ch) else 1000) for ch in text]


def test_no_line_starts_with_closing_punctuation_or_ends_with_opening():
    text = "一二三四五六七八九十一二三四五六七八九十一二三四五六七，（一二三四五六七八九十一二三四五六七八九十一二三四五《六七八九十。"
    lines = pdf_lines.break_lines(_glyphs(text), 28 * 987, 28 * 987, -13)
    texts = ["".join(g.ch for g in line) for line in lines]
    assert "".join(texts) == text
    for line in texts[1:]:
        assert line[0] not in pdf_lines.NO_START
    for line in texts[:-1]:
        assert line[-1] not in pdf_lines.NO_END


def test_digit_runs_are_never_split():
    text = "一二三四五六七八九十一二三四五六七八九十一二三四五六1234567890一二三四五六七八九十"
    lines = pdf_lines.break_lines(_glyphs(text), 28 * 987, 28 * 987, -13)
    assert any("1234567890" in "".join(g.ch for g in line) for line in lines)


def test_justified_line_ends_exactly_at_the_edge():
    glyphs = _glyphs("一二三四五六七八九十2023年一二三四五六七八九十一二三")
    avail = 442.2047 / 16 * 1000
    ks = justify(glyphs, avail, -13)
    assert pdf_lines.line_end(glyphs, ks) == pytest.approx(avail, abs=1)
    assert max(ks) - min(ks) <= 1
