"""The DOCX as an office program lays it out: LibreOffice converts a sample unit's report
to PDF once, and the PDF is measured (22 lines a page, margins, signature, page numbers).

LibreOffice substitutes the Word font names (not installed here); line counts and
positions hold anyway, because the line grid and the indents are fixed.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from reportgen.model.document import Signature, unit_document
from reportgen.read.project import check_year
from reportgen.render import WriteOptions
from reportgen.render.docx.writer import write

try:
    import pymupdf
except ImportError:  # older PyMuPDF
    import fitz as pymupdf

ROOT = Path(__file__).resolve().parent.parent
PT_PER_MM = 72 / 25.4
PAGE_W, PAGE_H = 210 * PT_PER_MM, 297 * PT_PER_MM
LEFT, RIGHT = 28 * PT_PER_MM, PAGE_W - 26 * PT_PER_MM  # text block, in PDF points from the top left
TOP, BOTTOM = 37 * PT_PER_MM, PAGE_H - 35 * PT_PER_MM
PITCH = 579 / 20  # 28.95 pt


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """(Document, PDF) of the sample's first unit, converted by LibreOffice once."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is missing: run `bash scripts/setup.sh`"
    work = tmp_path_factory.mktemp("lo")
    document = unit_document(check_year(ROOT / "data", 2023).data.units[0])
    source = work / "unit.docx"
    write(document, source, WriteOptions())
    # A fresh profile per run: a shared one is locked by any other running LibreOffice.
    profile = (work / "profile").as_uri()
    run = subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", str(work), str(source)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    pdf = work / "unit.pdf"
    assert pdf.exists(), f"LibreOffice failed ({run.returncode}): {run.stdout}{run.stderr}"
    doc = pymupdf.open(str(pdf))
    yield document, doc
    doc.close()


def spans(page, size):
    """Text spans of one font size: (text, bbox, baseline y)."""
    out = []
    for block in page.get_text("dict")["blocks"]:
        for line in block.get("lines", []):
            for span in line["spans"]:
                if abs(span["size"] - size) < 0.1 and span["text"].strip():
                    out.append((span["text"], span["bbox"], span["origin"][1]))
    return out


def baselines(page, size=16):
    return sorted({round(y, 1) for _, _, y in spans(page, size)})


def test_a_full_page_has_22_lines_on_the_grid(rendered):
    _, pdf = rendered
    middle = [pdf[i] for i in range(1, pdf.page_count - 1)]
    counts = [len(baselines(page)) for page in middle]
    assert max(counts) == 22, counts
    assert all(count <= 22 for count in counts), counts
    # Most middle pages are full; a heading kept with its paragraph may leave a line free.
    assert sum(count == 22 for count in counts) >= len(counts) / 2, counts
    page = middle[counts.index(22)]
    lines = baselines(page)
    assert TOP < lines[0] < TOP + PITCH  # line 1 sits right below the 37 mm top margin
    assert BOTTOM - PITCH < lines[-1] < BOTTOM  # line 22 ends at the 35 mm bottom margin
    for a, b in zip(lines, lines[1:]):
        assert b - a == pytest.approx(PITCH, abs=0.15)


def test_lines_start_at_the_left_margin_and_indent_two_characters(rendered):
    document, pdf = rendered
    page = pdf[1]
    starts = sorted({round(bbox[0]) for _, bbox, _ in spans(page, 16)})
    assert starts[0] == pytest.approx(LEFT, abs=1)  # continuation lines flush left
    assert any(abs(x - (LEFT + 32)) <= 1 for x in starts)  # first lines two characters in
    assert all(bbox[2] <= RIGHT + 16.5 for _, bbox, _ in spans(page, 16))  # at most a hanging 。


def test_title_centred_on_line_one(rendered):
    document, pdf = rendered
    title = spans(pdf[0], 22)
    assert "".join(text for text, _, _ in title).replace(" ", "") == document.title
    x0, x1 = min(b[0] for _, b, _ in title), max(b[2] for _, b, _ in title)
    assert (x0 + x1) / 2 == pytest.approx((LEFT + RIGHT) / 2, abs=2)
    assert TOP < title[0][2] < TOP + PITCH
    # The body begins on line 3 of the grid: one blank line below the title.
    assert baselines(pdf[0])[0] == pytest.approx(baselines(pdf[1])[0] + 2 * PITCH, abs=0.5)


def test_signature_ends_at_its_right_indents(rendered):
    document, pdf = rendered
    sig = next(b for b in document.blocks if isinstance(b, Signature))
    last = pdf[pdf.page_count - 1]
    lines = {}
    for text, bbox, y in spans(last, 16):
        lines.setdefault(round(y, 1), []).append((text, bbox))
    by_text = {"".join(t for t, _ in parts).replace(" ", ""): max(b[2] for _, b in parts) for parts in lines.values()}
    # Right-aligned, so the ends do not depend on the substituted fonts' widths.
    assert by_text[sig.organ] == pytest.approx(RIGHT - sig.organ_right * 16, abs=1)
    assert by_text[sig.date] == pytest.approx(RIGHT - sig.date_right * 16, abs=1)


def test_page_numbers_on_the_outer_side_7_mm_below_the_text_block(rendered):
    _, pdf = rendered
    for page in pdf:
        number = page.number + 1
        found = spans(page, 14)
        assert "".join(t for t, _, _ in found).replace(" ", "") == f"—{number}—"
        x0, x1 = min(b[0] for _, b, _ in found), max(b[2] for _, b, _ in found)
        if number % 2:
            assert x1 == pytest.approx(RIGHT - 14, abs=1.5)  # odd: right, one character in
        else:
            assert x0 == pytest.approx(LEFT + 14, abs=1.5)  # even: left, one character in
        # Its 14 pt line starts 7 mm below the text block; the baseline lies within it.
        line_top = BOTTOM + 7 * PT_PER_MM
        assert line_top < found[0][2] < line_top + 14


def test_page_count_matches_the_pdf_writer_within_one_page(rendered, tmp_path):
    from reportgen.render.pdf import writer as pdf_writer

    document, converted = rendered
    pages = pdf_writer.write(document, tmp_path / "unit.pdf", WriteOptions()).pages
    assert abs(converted.page_count - pages) <= 1, (converted.page_count, pages)
