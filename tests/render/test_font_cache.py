"""The font cache: files made once and reused, and PDFs that do not depend on it.

The session's cache is the temporary folder conftest.py puts in REPORTGEN_CACHE.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pymupdf
import pytest

from conftest import ROOT
from reportgen.render.pdf import font_builder
from reportgen.render.pdf import font_cache
from reportgen.render.pdf import fonts
from reportgen.model.document import Document, Heading, Paragraph, Title, unit_document
from reportgen.pipeline.check import check_year
from reportgen.render import WriteOptions
from reportgen.render.pdf import writer as pdf_writer

RARE_BOLD = "淼"  # in FandolFang, not in GB2312 level 1: drawn from a part file


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def other_document() -> Document:
    """Rendered before the sample unit: a spare face, a bold character outside the base
    file, faces and sizes in another order."""
    blocks = (
        Title("另一份报告"),
        Heading(1, "一、", "总体情况"),
        Paragraph(f"正文{RARE_BOLD}龘字。", f"1.段首{RARE_BOLD}句龘。"),
        Paragraph("又一段正文。", "2.又一个段首句。"),
    )
    return Document("unit", "另一份报告", "云澜市某局", 2023, None, blocks, "另一份")


@pytest.fixture(scope="module")
def sample_unit():
    return unit_document(check_year(ROOT / "data", 2023).data.units[0])


RENDER_ALONE = """
import sys
from pathlib import Path
from reportgen.model.document import unit_document
from reportgen.pipeline.check import check_year
from reportgen.render import WriteOptions
from reportgen.render.pdf import writer as pdf_writer
document = unit_document(check_year(Path(sys.argv[1]) / "data", 2023).data.units[0])
result = pdf_writer.write(document, Path(sys.argv[2]), WriteOptions())
for note in result.notes:
    print(note)
"""


def test_a_document_renders_the_same_alone_or_after_others(sample_unit, tmp_path):
    alone = tmp_path / "alone.pdf"
    (tmp_path / "tmp").mkdir()
    env = dict(os.environ, PYTHONPATH=str(ROOT), TMPDIR=str(tmp_path / "tmp"))
    run = subprocess.run([sys.executable, "-c", RENDER_ALONE, str(ROOT), str(alone)], env=env, check=True,
                         timeout=300, capture_output=True, text=True)
    assert "PDF 排版提示" not in run.stdout  # nothing WeasyPrint says while it starts up
    assert not list((tmp_path / "tmp").iterdir())  # WeasyPrint's copies of the fonts are gone
    pdf_writer.write(other_document(), tmp_path / "other.pdf", WriteOptions())
    pdf_writer.write(sample_unit, tmp_path / "after.pdf", WriteOptions())
    pdf_writer.write(other_document(), tmp_path / "other-again.pdf", WriteOptions())
    pdf_writer.write(sample_unit, tmp_path / "again.pdf", WriteOptions())
    assert sha256(alone) == sha256(tmp_path / "after.pdf") == sha256(tmp_path / "again.pdf")
    assert sha256(tmp_path / "other.pdf") == sha256(tmp_path / "other-again.pdf")


def test_cold_and_warm_cache_give_the_same_bytes(tmp_path, monkeypatch):
    """A new cache folder (a smaller base set keeps the test quick: more characters go to
    part files, which are cached too), then the same folder again."""
    monkeypatch.setenv("REPORTGEN_CACHE", str(tmp_path / "cache"))
    base = "".join(sorted(set("段首句又一个。.0123456789 ")))
    monkeypatch.setattr(font_cache, "BASE_CHARS", base)
    monkeypatch.setattr(font_cache, "_BASE_SET", frozenset(base))
    document = other_document()
    pdf_writer.write(document, tmp_path / "cold.pdf", WriteOptions())
    made = sorted(p.name for p in (tmp_path / "cache").iterdir())
    assert any("-bold-" in name for name in made) and any(name.startswith("part-") for name in made)
    pdf_writer.write(document, tmp_path / "warm.pdf", WriteOptions())
    assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == made  # nothing new, no temporary files
    assert sha256(tmp_path / "cold.pdf") == sha256(tmp_path / "warm.pdf")


def test_base_file_is_made_once_and_reused(sample_unit, tmp_path):
    bold = fonts.resolve_fonts().roles["bold"]
    pdf_writer.prepare(None)
    path = font_cache.base_file(bold)
    assert path.parent == Path(os.environ["REPORTGEN_CACHE"])
    before = path.stat()
    pdf_writer.prepare(None, jobs=2)
    pdf_writer.write(sample_unit, tmp_path / "unit.pdf", WriteOptions())
    assert font_cache.base_file(bold) == path
    after = path.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert not [p for p in path.parent.iterdir() if p.name.endswith((".tmp", ".lock"))]


def test_character_outside_the_base_set_is_still_bold(tmp_path):
    bold = fonts.resolve_fonts().roles["bold"]
    assert fonts.has_char(bold, RARE_BOLD) and not font_cache.in_base(bold, RARE_BOLD)
    target = tmp_path / "rare.pdf"
    pdf_writer.write(other_document(), target, WriteOptions())
    with pymupdf.open(target) as pdf:
        page = pdf[0]
        chars = [(c, span["font"]) for block in page.get_text("rawdict")["blocks"] for line in block.get("lines", ())
                 for span in line["spans"] for c in span["chars"] if c["c"] == RARE_BOLD]
        assert len(chars) == 2  # once in the lead, once in the body
        (lead, lead_font), (body, body_font) = sorted(chars, key=lambda c: c[0]["origin"][1])

        def ink(char) -> int:
            pix = page.get_pixmap(clip=pymupdf.Rect(char["bbox"]), dpi=300, colorspace=pymupdf.csGRAY)
            return sum(1 for v in pix.samples if v < 128)

        assert "rg-bold-x-" in lead_font and "rg-body" in body_font
        assert ink(lead) > 1.3 * ink(body)


def test_glyphs_made_in_several_processes_give_the_same_font(tmp_path):
    bold = fonts.resolve_fonts().roles["bold"]
    chars = set(font_cache.BASE_CHARS[:font_builder.PARALLEL_MIN + 50])
    one = font_builder.write_face(bold, chars, tmp_path / "one.otf")
    two = font_builder.write_face(bold, chars, tmp_path / "two.otf", jobs=2)
    assert one.read_bytes() == two.read_bytes()


def test_one_face_of_a_collection_is_copied_whole_into_the_cache(tmp_path):
    """A licensed 宋体 in a .ttc (as Windows has it): WeasyPrint gets that face alone."""
    from fontTools.ttLib import TTCollection, TTFont

    from test_fonts import renamed_copy

    faces = [TTFont(renamed_copy(source, family, tmp_path / "parts" / f"{family}.otf"))
             for source, family in (("FandolHei-Regular.otf", "其他"), ("FandolSong-Regular.otf", "宋体"))]
    collection = TTCollection()
    collection.fonts = faces
    (tmp_path / "fonts").mkdir()
    collection.save(tmp_path / "fonts" / "simsun.ttc")
    pagenum = fonts.resolve_fonts(tmp_path / "fonts").roles["pagenum"]
    assert (pagenum.path.name, pagenum.index) == ("simsun.ttc", 1)

    target = tmp_path / "collection.pdf"
    pdf_writer.write(other_document(), target, WriteOptions(fonts=fonts.resolve_fonts(tmp_path / "fonts")))
    copied = font_cache.base_file(pagenum)
    assert copied.name.startswith("simsun-1-face-")
    made, original = TTFont(copied), faces[1]
    assert made.getGlyphOrder() == original.getGlyphOrder() and made.getBestCmap() == original.getBestCmap()
    with pymupdf.open(target) as pdf:
        assert "— 1 —" in pdf[0].get_text()


def test_cache_folder_comes_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("REPORTGEN_CACHE", str(tmp_path / "a"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "b"))
    assert font_cache.cache_dir() == tmp_path / "a"
    monkeypatch.delenv("REPORTGEN_CACHE")
    assert font_cache.cache_dir() == tmp_path / "b" / "reportgen"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/ignored")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert font_cache.cache_dir() == tmp_path / "home" / ".cache" / "reportgen"


def test_base_set_holds_the_common_characters():
    assert len(set("法治政府建设年度报告云澜市") - set(font_cache.BASE_CHARS)) == 0
    assert {"，", "。", "（", "）", "“", "”", "、", "—", "…", "1", "A", "％"} <= set(font_cache.BASE_CHARS)
    assert len(font_cache.BASE_CHARS) > 3755
