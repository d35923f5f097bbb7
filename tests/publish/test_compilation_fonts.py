"""The compilation embeds each face once (issue 22): one font program per role's face,
shared by every unit's fonts; the pages look and extract exactly as the units' own PDFs;
and a rebuild with a cold or a warm cache gives the same bytes."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from conftest import MINI

from reportgen.pipeline.build import BuildSettings, build
from reportgen.publish.compilation import volume_title
from reportgen.publish.compilation_fonts import FONT_FILES, share_font_programs

try:
    import pymupdf
except ImportError:  # older PyMuPDF
    import fitz as pymupdf

UNIT_PAGE_NUMBER = re.compile(r"—\s*(\d+)\s*—")


@pytest.fixture(scope="module")
def volume(tmp_path_factory):
    root = tmp_path_factory.mktemp("shared-fonts")
    shutil.copytree(MINI, root / "data")
    out = root / "out"
    outcome = build(BuildSettings(root / "data", 2023, out, jobs=1))
    data = outcome.check.data
    return out, data, out / f"{volume_title(data.report.author, data.year)}.pdf"


def programs(path: Path) -> dict[str, set]:
    """CSS family → the distinct embedded font programs of its fonts."""
    found: dict[str, set] = {}
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            for _, font in page.obj.Resources.get("/Font", {}).items():
                cid = font.DescendantFonts[0]
                family = str(cid.BaseFont).split("+", 1)[1]
                descriptor = cid.FontDescriptor
                found.setdefault(family, set()).update(descriptor[k].objgen for k in FONT_FILES if k in descriptor)
    return found


def unit_pages(volume_pdf: Path, title: str) -> tuple[int, int]:
    with pikepdf.open(volume_pdf) as pdf:
        with pdf.open_outline() as outline:
            index = {page.objgen: n for n, page in enumerate(pdf.pages)}
            item = next(i for i in outline.root if i.title == title)
            return index[item.destination[0].objgen], len(pdf.pages)


def text_pages(path: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    return [re.sub(r"\s+", "", UNIT_PAGE_NUMBER.sub("", page)) for page in text.split("\f")]


def test_one_program_per_face(volume):
    out, data, pdf = volume
    units = [out / f"{unit.author}.pdf" for unit in data.units]
    shared = programs(pdf)
    assert {"rg-body", "rg-title"} <= set(shared)
    assert all(len(objs) == 1 for objs in shared.values()), shared
    # the units' own PDFs each embed their own subsets: the volume had one per unit before
    assert all(len(programs(unit)["rg-body"]) == 1 for unit in units) and len(units) == 2


def test_pages_extract_and_look_as_the_units_own(volume):
    out, data, pdf = volume
    volume_text = text_pages(pdf)
    document = pymupdf.open(pdf)
    for unit in data.units:
        own = out / f"{unit.author}.pdf"
        start, _ = unit_pages(pdf, unit.title)
        own_text = text_pages(own)
        own_doc = pymupdf.open(own)
        for n in range(len(own_doc)):
            assert volume_text[start + n] == own_text[n]
            page = own_doc[n]
            clip = pymupdf.Rect(0, 0, page.rect.width, page.rect.height * 0.85)  # above the page numbers
            mine = page.get_pixmap(dpi=50, clip=clip).samples
            theirs = document[start + n].get_pixmap(dpi=50, clip=clip).samples
            assert hashlib.sha256(mine).digest() == hashlib.sha256(theirs).digest(), (unit.code, n)


def test_a_program_from_another_file_is_not_shared(volume, tmp_path):
    """A family whose embedded subsets are not of the file offered keeps its own programs."""
    _, _, pdf = volume
    other = Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")
    if not other.is_file():
        other = next(Path("/usr/share/fonts").rglob("*.ttf"))
    with pikepdf.open(pdf) as doc:
        before = {f: len(p) for f, p in programs(pdf).items()}
        assert share_font_programs(doc, lambda family: (other, 0)) == 0
        doc.save(tmp_path / "copy.pdf")
    assert {f: len(p) for f, p in programs(tmp_path / "copy.pdf").items()} == before


def test_rebuild_with_cold_and_warm_cache_is_byte_identical(volume, tmp_path, monkeypatch, font_cache_dir):
    out, _, pdf = volume
    cold = tmp_path / "cache"
    cold.mkdir()
    for font in font_cache_dir.iterdir():  # only the fonts: no check records, no laid-out front matter
        if font.is_file() and font.suffix in (".otf", ".ttf"):
            shutil.copy(font, cold / font.name)
    monkeypatch.setenv("REPORTGEN_CACHE", str(cold))
    data = pdf.parent.parent / "data"
    for name in ("cold", "warm"):
        build(BuildSettings(data, 2023, tmp_path / name, jobs=1))
        for made in out.iterdir():
            if not made.name.startswith("."):
                assert (tmp_path / name / made.name).read_bytes() == made.read_bytes(), (name, made.name)
    assert (cold / "check").is_dir() and (cold / "compilation").is_dir()


def test_glyph_ids_of_both_forms_of_a_width_array():
    from reportgen.publish.compilation_fonts import _glyph_ids

    widths = pikepdf.Array([1, pikepdf.Array([500, 500, 500]), 10, 12, 1000, 20, pikepdf.Array([1.5])])
    assert _glyph_ids(widths) == {1, 2, 3, 10, 11, 12, 20}
    assert _glyph_ids(pikepdf.Array([])) == set()


def test_a_subset_keeps_the_glyph_ids_of_its_file(tmp_path):
    import io

    from fontTools.pens.recordingPen import RecordingPen
    from fontTools.ttLib import TTFont

    from reportgen.render.pdf.fonts import resolve_fonts
    from reportgen.render.pdf.glyph_subset import subset_program

    face = resolve_fonts().roles["body"]
    original = TTFont(face.path, fontNumber=face.index, lazy=True)
    glyphs = {original.getGlyphID(original.getBestCmap()[ord(ch)]) for ch in "法治政府建设"}
    program = subset_program(face.path, face.index, glyphs)
    subset = TTFont(io.BytesIO(program))
    assert len(subset.getGlyphOrder()) == max(glyphs) + 1
    mine, theirs = subset.getGlyphSet(), original.getGlyphSet()
    for gid in glyphs:  # the same outline and advance, at the same number
        drawn = []
        for glyph_set, font in ((mine, subset), (theirs, original)):
            pen = RecordingPen()
            glyph_set[font.getGlyphName(gid)].draw(pen)
            drawn.append((pen.value, glyph_set[font.getGlyphName(gid)].width))
        assert drawn[0] == drawn[1] and drawn[0][0]
    assert subset_program(tmp_path / "missing.otf", 0, glyphs) is None
    assert subset_program(face.path, face.index, {10**6}) is None  # not a glyph of this file
