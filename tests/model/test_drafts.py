"""`build --draft`: a draft can never pass for the report. The Document says it is a draft
and what it is called; the PDF and DOCX record a title with 草稿 and the draft state (XMP
xmp:Label, DOCX contentStatus), and every page carries the mark “草稿 仅供核对” in the top margin — in the PDF as an artifact drawn from outlines,
so the text of the report (copy, search, screen readers) does not contain it."""

from __future__ import annotations

import dataclasses

import docx
import pikepdf
import pytest

try:
    import pymupdf
except ImportError:  # PyMuPDF before 1.24.3
    import fitz as pymupdf

from conftest import MINI
from reportgen.model.document import DRAFT_MARK, city_document, unit_document
from reportgen.pipeline.check import check_year
from reportgen.render import WriteOptions
from reportgen.render.docx import writer as docx_writer
from reportgen.render.pdf import writer as pdf_writer

MM = 72 / 25.4
TOP_MARGIN = 37 * MM
LEFT, RIGHT = 28 * MM, (210 - 26) * MM


@pytest.fixture(scope="module")
def documents():
    data = check_year(MINI, 2023).data
    return unit_document(data.units[0]), unit_document(data.units[0], draft=True), city_document(data, draft=True)


def test_the_document_carries_the_draft_its_title_and_name(documents):
    official, draft, city = documents
    assert not official.draft and official.mark == ""
    assert draft.draft and draft.mark == DRAFT_MARK
    assert draft.name == official.name + "（草稿）" and draft.title == official.title + "（草稿）"
    assert draft.blocks == official.blocks  # the same report, only marked
    assert city.draft and city.name.endswith("（草稿）") and city.title.endswith("（草稿）")


@pytest.fixture(scope="module")
def draft_pdf(documents, tmp_path_factory):
    path = tmp_path_factory.mktemp("draft") / "draft.pdf"
    pdf_writer.write(documents[1], path, WriteOptions())
    return path


def test_pdf_title_says_draft(draft_pdf, documents):
    with pymupdf.open(str(draft_pdf)) as pdf:
        assert pdf.metadata["title"] == documents[1].title
    with pikepdf.open(draft_pdf) as pdf:
        assert str(pdf.docinfo["/Title"]).endswith("（草稿）")


def test_pdf_mark_is_drawn_in_the_top_margin_of_page_1_and_is_not_text(draft_pdf, documents):
    with pymupdf.open(str(draft_pdf)) as pdf:
        text = "".join(page.get_text() for page in pdf)
        assert "草稿" not in text and "仅供核对" not in text
        assert text.replace("\n", "").startswith(documents[1].blocks[0].text)  # the title comes first
        red = [d["rect"] for d in pdf[0].get_drawings() if d.get("fill") and d["fill"][0] > 0.6 > d["fill"][1]]
        assert len(red) >= len(DRAFT_MARK.replace(" ", ""))  # one outline per character at least
        assert all(r.y1 < TOP_MARGIN and LEFT <= r.x0 and r.x1 <= RIGHT for r in red)  # above the text block


def test_pdf_mark_is_an_artifact_without_text_operators(draft_pdf):
    with pikepdf.open(draft_pdf) as pdf:
        page = pdf.pages[0]
        stack, drawn = [], []
        for operands, op in pikepdf.parse_content_stream(page):
            if str(op) in ("BMC", "BDC"):
                stack.append(str(operands[0]))
            elif str(op) == "EMC":
                stack.pop()
            elif str(op) == "Do":
                drawn.append((str(operands[0]), list(stack)))
        forms = [(name, marks) for name, marks in drawn if page.Resources.XObject[name].get("/Subtype") == "/Form"]
        assert forms, "the mark should be a form XObject"
        for name, marks in forms:
            assert marks and marks[-1] == "/Artifact"
            ops = {str(op) for _, op in pikepdf.parse_content_stream(page.Resources.XObject[name])}
            assert not ops & {"BT", "Tj", "TJ"}


def test_every_page_is_marked(documents, tmp_path):
    long = dataclasses.replace(documents[2], blocks=documents[2].blocks * 3)  # several pages
    path = tmp_path / "city.pdf"
    pages = pdf_writer.write(long, path, WriteOptions()).pages
    assert pages > 1
    with pymupdf.open(str(path)) as pdf:
        marked = [n for n, page in enumerate(pdf, 1)
                  if any(d.get("fill") and d["fill"][0] > 0.6 > d["fill"][1] and d["rect"].y1 < TOP_MARGIN
                         for d in page.get_drawings())]
        assert "草稿" not in "".join(page.get_text() for page in pdf)  # drawn, never text
    assert marked == list(range(1, pages + 1))


def test_pdf_records_the_draft_state_in_its_xmp(draft_pdf, documents, tmp_path):
    with pikepdf.open(draft_pdf) as pdf, pdf.open_metadata() as xmp:
        assert xmp["xmp:Label"] == "草稿"
    official = tmp_path / "official.pdf"
    pdf_writer.write(documents[0], official, WriteOptions())
    with pikepdf.open(official) as pdf, pdf.open_metadata() as xmp:
        assert "xmp:Label" not in xmp


def test_official_pdf_has_no_mark(documents, tmp_path):
    path = tmp_path / "official.pdf"
    pdf_writer.write(documents[0], path, WriteOptions())
    with pymupdf.open(str(path)) as pdf:
        assert not any(d.get("fill") and d["fill"][0] > 0.6 > d["fill"][1] for d in pdf[0].get_drawings())
        assert "草稿" not in pdf.metadata["title"]


def test_docx_title_state_and_every_page_header_say_draft(documents, tmp_path):
    official, draft, _ = documents
    for document, marked in ((official, False), (draft, True)):
        path = tmp_path / f"{document.name}.docx"
        docx_writer.write(document, path, WriteOptions())
        result = docx.Document(str(path))
        section = result.sections[0]
        assert result.core_properties.title == document.title
        assert (result.core_properties.content_status == "草稿") is marked
        assert not section.different_first_page_header_footer  # page 1 has the same header as the rest
        headers = ["".join(p.text for p in header.paragraphs) for header in (section.header, section.even_page_header)]
        assert headers == ([DRAFT_MARK] * 2 if marked else ["", ""])  # odd and even pages
        assert "".join(p.text for p in section.footer.paragraphs) == "— 1 —"  # still numbered
        assert all(DRAFT_MARK not in p.text for p in result.paragraphs)  # not in the text
