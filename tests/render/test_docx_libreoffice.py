"""The DOCX as an office program lays it out: LibreOffice converts every DOCX of this file
in one go (two starts in all), a sample unit's report is measured (22 lines a page, margins,
signature, page numbers), and every sample report has exactly as many pages as the PDF
writer's.

LibreOffice is given the PDF writer's faces for the Word font names (`fontconfig_file`), so
both formats measure the same glyphs; line counts and positions would hold with any faces,
because the line grid and the indents are fixed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT
from reportgen.model.document import Signature, unit_document
from reportgen.pipeline.check import check_year
from reportgen.render import WriteOptions
from reportgen.render.docx import fonts
from reportgen.render.docx.styles import FANGSONG, HEITI, KAITI, LATIN, SONGTI, XIAOBIAOSONG
from reportgen.render.docx.writer import write

try:
    import pymupdf
except ImportError:  # older PyMuPDF
    import fitz as pymupdf

PT_PER_MM = 72 / 25.4
PAGE_W, PAGE_H = 210 * PT_PER_MM, 297 * PT_PER_MM
LEFT, RIGHT = 28 * PT_PER_MM, PAGE_W - 26 * PT_PER_MM  # text block, in PDF points from the top left
TOP, BOTTOM = 37 * PT_PER_MM, PAGE_H - 35 * PT_PER_MM
PITCH = 579 / 20  # 28.95 pt


@pytest.fixture(scope="module")
def rendered(through_libreoffice):
    """(Document, PDF) of the sample's first unit, as LibreOffice lays out its DOCX."""
    documents, pdfs = through_libreoffice
    doc = pymupdf.open(str(pdfs["unit"]))
    yield documents["unit"], doc
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


def test_page_count_matches_the_pdf_writer_for_every_sample_report(sample_pages):
    differ = {name: counts for name, counts in sample_pages.items() if counts[0] != counts[1]}
    assert not differ, differ  # {report: (PDF writer, DOCX through LibreOffice)}
    assert len(sample_pages) == 9  # 8 units and the city report


# --- every sample report, DOCX through LibreOffice against the PDF writer ---------------

# The Word font names of the DOCX, under either 字体 (render/docx/fonts.py) → the PDF
# writer's role whose face stands in for it.
WORD_FONTS = {FANGSONG: "body", LATIN: "body", XIAOBIAOSONG: "title", HEITI: "heading1", KAITI: "heading2",
              SONGTI: "pagenum", fonts.FANGSONG_GB2312.name: "body", fonts.KAITI_GB2312.name: "heading2"}


def fontconfig_file(folder: Path) -> Path:
    """A fontconfig setup under which LibreOffice replaces each Word font with the face the
    PDF writer uses for it: both formats then measure the same glyphs, and a difference in
    pages is one of layout, not of whichever fonts this machine happens to have."""
    from fontTools.ttLib import TTFont

    from reportgen.render.pdf.fonts import resolve_fonts

    roles = resolve_fonts().roles
    family = {}
    for role, face in roles.items():
        with TTFont(str(face.path), fontNumber=face.index, lazy=True) as font:
            family[role] = font["name"].getDebugName(1)
    dirs = "".join(f"<dir>{d}</dir>" for d in sorted({str(face.path.parent) for face in roles.values()}))
    matches = "".join(
        f'<match target="pattern"><test name="family"><string>{word}</string></test>'
        f'<edit name="family" mode="assign" binding="strong"><string>{family[role]}</string></edit></match>'
        for word, role in WORD_FONTS.items()
    )
    path = folder / "fonts.conf"
    path.write_text('<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
                    f'<include ignore_missing="yes">/etc/fonts/fonts.conf</include>{dirs}'
                    f"<cachedir>{folder / 'fc-cache'}</cachedir>{matches}</fontconfig>", encoding="utf-8")
    return path


def without_autospace(odt: Path) -> None:
    """LibreOffice ignores w:autoSpaceDE/w:autoSpaceDN (its DOCX import skips them) and puts
    a quarter of a character between Chinese and digits, which Word and WPS do not do for
    this DOCX (every style says autoSpaceDE=0). Give LibreOffice's own copy what the DOCX says."""
    with zipfile.ZipFile(odt) as source:
        entries = [(info, source.read(info.filename)) for info in source.infolist()]
    with zipfile.ZipFile(odt, "w") as target:
        for info, data in entries:
            if info.filename in ("styles.xml", "content.xml"):
                data = data.replace(b'style:text-autospace="ideograph-alpha"', b'style:text-autospace="none"')
            target.writestr(info, data)


def convert(soffice: str, files: list[Path], fmt: str, outdir: Path, env: dict, profile: str) -> None:
    run = subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", fmt,
                          "--outdir", str(outdir), *map(str, files)], capture_output=True, text=True, timeout=600,
                         env=env)
    missing = [f for f in files if not (outdir / f"{f.stem}.{fmt}").exists()]
    assert not missing, f"LibreOffice failed ({run.returncode}): {run.stdout}{run.stderr}"


def full_page_document():
    """A body that fills page 1 to its last line: the signature would start page 2 alone."""
    import datetime as dt

    from reportgen.model.document import Document, Paragraph, Title, signature

    line = "法治政府建设各项工作稳步推进取得积极成效群众满意度不断提升"[:26]  # one indented line
    blocks = (Title("测试单位2023年法治政府建设年度报告"), *[Paragraph(line) for _ in range(20)],
              signature("测试单位", "2024年2月20日"))
    return Document("unit", "测试", "测试单位", 2023, dt.date(2024, 2, 20), blocks, "测试单位"), line


@pytest.fixture(scope="module")
def through_libreoffice(tmp_path_factory):
    """Every DOCX these tests measure, laid out by LibreOffice with two starts in all
    (every file DOCX → ODT in one call, then ODT → PDF in one): the sample's first unit
    ("unit"), a page-filling body ("full") and every report of the sample (0…8, with the
    indicator results). ({name: Document}, {name: PDF path})."""
    from reportgen.model.document import city_document
    from reportgen.model.indicators import indicator_results

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is missing: run `bash scripts/setup.sh`"
    work = tmp_path_factory.mktemp("lo")
    data = check_year(ROOT / "data", 2023).data
    results = indicator_results(data.plan.indicators, data.units, 2023, data.previous)
    documents = {"unit": unit_document(data.units[0]), "full": full_page_document()[0]}
    documents.update({str(n): unit_document(u, None, results) for n, u in enumerate(data.units)})
    documents[str(len(data.units))] = city_document(data, None, results)
    sources = []
    for name, document in documents.items():
        sources.append(work / f"{name}.docx")  # ASCII names keep soffice's command line simple
        write(document, sources[-1], WriteOptions())
        assert b'w:autoSpaceDE w:val="0"' in zipfile.ZipFile(sources[-1]).read("word/styles.xml")
    env = dict(os.environ, FONTCONFIG_FILE=str(fontconfig_file(work)))
    profile = (work / "profile").as_uri()  # a fresh profile: a shared one is locked by any other LibreOffice
    convert(soffice, sources, "odt", work / "odt", env, profile)
    odts = [work / "odt" / f"{f.stem}.odt" for f in sources]
    for odt in odts:
        without_autospace(odt)
    convert(soffice, odts, "pdf", work / "pdf", env, profile)
    return documents, {name: work / "pdf" / f"{name}.pdf" for name in documents}


@pytest.fixture(scope="module")
def sample_pages(through_libreoffice, sample_build):
    """{report: (pages of the PDF writer in the session's sample build, pages of the DOCX
    laid out by LibreOffice)} for every report of the sample."""
    documents, pdfs = through_libreoffice
    writer_pages = {w.path.stem: w.pages for w in sample_build[2].written if w.path.suffix == ".pdf"}
    pages = {}
    for name, document in documents.items():
        if name.isdigit():
            with pymupdf.open(str(pdfs[name])) as converted:
                pages[document.name] = (writer_pages[document.name], converted.page_count)
    return pages


def test_signature_never_stands_alone_on_a_page(through_libreoffice, tmp_path):
    """A body that fills page 1 to its last line: the signature would start page 2 alone;
    the last line of the body goes with it instead, in LibreOffice as in the PDF."""
    from reportgen.render.pdf import writer as pdf_writer

    documents, pdfs = through_libreoffice
    line = full_page_document()[1]
    writer_pages = pdf_writer.write(documents["full"], tmp_path / "writer.pdf", WriteOptions()).pages
    for path in (pdfs["full"], tmp_path / "writer.pdf"):
        with pymupdf.open(str(path)) as pdf:
            assert pdf.page_count == writer_pages == 2, path
            last = pdf[1].get_text().replace(" ", "")
            assert "测试单位" in last and line in last, path  # the signature keeps the body's last line
