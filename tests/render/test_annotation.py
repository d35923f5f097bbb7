"""附注 (GB/T 9704-2012 7.3.6): read from a unit's file and `_report.yaml`, carried as
`Document.annotation`, printed below the 成文日期, indented two characters, in parentheses,
in the PDF (measured in mm with PyMuPDF) and the DOCX; never as body text."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest
from conftest import MINI

try:
    import pymupdf
except ImportError:  # PyMuPDF before 1.24.3
    import fitz as pymupdf

from reportgen.model.document import Paragraph, annotation_text, city_document, unit_document
from reportgen.pipeline.check import check_year
from reportgen.render import WriteOptions
from reportgen.render.docx import writer as docx_writer
from reportgen.render.pdf import writer as pdf_writer

MM = 72 / 25.4
LEFT_MARGIN_MM = 28  # GB/T 9704 5.2.1: the text block starts 28 mm from the left edge
PITCH_MM = 15.79 / MM  # one character of 3号 on the 28-character line


@pytest.fixture(scope="module")
def annotated(tmp_path_factory) -> Path:
    """The mini data with a 附注 in a unit's file (without parentheses) and in _report.yaml
    (with them, which must not be doubled)."""
    root = tmp_path_factory.mktemp("annotated") / "data"
    shutil.copytree(MINI, root)
    unit = root / "2023" / "司法局.yaml"
    unit.write_text(unit.read_text(encoding="utf-8").replace("成文日期: 2024-02-20\n",
                                                             "成文日期: 2024-02-20\n附注: 此件公开发布\n"), encoding="utf-8")
    report = root / "2023" / "_report.yaml"
    text = report.read_text(encoding="utf-8")
    assert "成文日期:" in text
    report.write_text(text.replace("成文日期:", "附注: （此件依申请公开）\n成文日期:", 1), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def data(annotated: Path):
    result = check_year(annotated, 2023)
    assert result.data is not None, [d.format() for d in result.diagnostics]
    assert not [d for d in result.diagnostics if d.is_error]
    return result.data


def test_annotation_text_adds_parentheses_once():
    assert annotation_text("此件公开发布") == "（此件公开发布）"
    assert annotation_text("（此件公开发布）") == "（此件公开发布）"
    assert annotation_text("(此件不公开)") == "(此件不公开)"
    assert annotation_text("  ") is None
    assert annotation_text(None) is None


def test_annotation_reaches_the_documents_and_is_no_body_text(data):
    unit = unit_document(data.units[0])
    city = city_document(data)
    assert unit.annotation == "（此件公开发布）"
    assert city.annotation == "（此件依申请公开）"
    body = [b.full_text for b in unit.blocks if isinstance(b, Paragraph)]
    assert not any("此件" in text for text in body)


def test_annotation_too_long_is_an_error(annotated: Path, tmp_path: Path):
    root = tmp_path / "data"
    shutil.copytree(annotated, root)
    unit = root / "2023" / "司法局.yaml"
    unit.write_text(unit.read_text(encoding="utf-8").replace("附注: 此件公开发布", "附注: " + "长" * 201),
                    encoding="utf-8")
    result = check_year(root, 2023)
    errors = [(d.code, Path(d.loc.file).name, d.loc.line) for d in result.diagnostics if d.is_error]
    assert errors and errors[0][1] == "司法局.yaml" and errors[0][2] == 4


def _lines(path: Path) -> list[tuple[str, float, float]]:
    """(text, left x in mm, baseline in mm) of each line on the last page."""
    pdf = pymupdf.open(path)
    page = pdf[len(pdf) - 1]
    found = []
    for block in page.get_text("rawdict")["blocks"]:
        for line in block.get("lines", []):
            chars = [c for span in line["spans"] for c in span["chars"]]
            if chars:
                found.append(("".join(c["c"] for c in chars), chars[0]["origin"][0] / MM, chars[0]["origin"][1] / MM))
    pdf.close()
    return found


def test_pdf_prints_the_annotation_below_the_date_indented_two_characters(data, tmp_path: Path):
    document = unit_document(data.units[0])
    path = tmp_path / "unit.pdf"
    pdf_writer.write(document, path, WriteOptions())
    lines = _lines(path)
    texts = [t for t, _, _ in lines]
    date = next(i for i, t in enumerate(texts) if t == "2024年2月20日")
    note = texts.index("（此件公开发布）")
    _, date_x, date_y = lines[date]
    _, note_x, note_y = lines[note]
    pitch = note_y - date_y
    assert 9.7 < pitch < 10.7  # the very next line: 22 lines of 28.95 pt (10.21 mm) a page [5.2.2]
    assert abs(note_x - (LEFT_MARGIN_MM + 2 * PITCH_MM)) < 0.5  # two characters in from the left
    assert date_x > note_x + 50  # the date stands at the right
    assert texts.count("（此件公开发布）") == 1


def test_docx_prints_the_annotation_after_the_date(data, tmp_path: Path):
    path = tmp_path / "city.docx"
    docx_writer.write(city_document(data), path, WriteOptions())
    paragraphs = [p.text for p in docx.Document(str(path)).paragraphs]
    date = paragraphs.index("2024年3月20日") if "2024年3月20日" in paragraphs else None
    assert date is not None, paragraphs[-5:]
    assert paragraphs[date + 1] == "（此件依申请公开）"
    assert paragraphs.count("（此件依申请公开）") == 1
