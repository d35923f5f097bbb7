"""What makes a PDF cheaper must not move a glyph or change a byte: the slim HTML
(pdf_writer.markup: no style attributes, no span for a run in the line's own face and
spacing), the lean user-agent stylesheet (weasy.py), line widths added up as they go."""

from __future__ import annotations

from pathlib import Path

import pymupdf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT
from reportgen.model.document import unit_document
from reportgen.pipeline.check import check_year
from reportgen.templating import DEFAULT_TEMPLATES
from reportgen.render import WriteOptions
from reportgen.render.pdf import lines as pdf_lines
from reportgen.render.pdf import writer as pdf_writer
from reportgen.render.pdf import weasy
from reportgen.render.pdf.lines import Box, Line, Run

# The template as it was before markup(): one span with a style attribute per run. As a
# --templates folder it also shows that a custom template using box.lines still works.
SPAN_PER_RUN = ROOT / "tests" / "fixtures" / "span-per-run"


def test_runs_in_the_line_face_and_spacing_are_bare_text():
    lines, rules = pdf_writer.markup([
        Box("paragraph", (
            Line(31.5861, (Run("1.段首句。", "bold", -0.0688), Run("正文", "body", -0.0688), Run("续", "body", -0.0848))),
            Line(0, (Run("一整行", "body", 0.4048),)),
        )),
        Box("title", (Line(12.1, (Run("标题", "title", 0.0),)),)),
    ])
    first, whole = lines[0]
    assert first.classes == "line mi31_5861 lsm0_0688"
    assert first.parts == (("f-bold", "1.段首句。"), ("", "正文"), ("lsm0_0848", "续"))
    assert whole.classes == "line ls0_4048" and whole.parts == (("", "一整行"),)
    assert lines[1][0].classes == "line mi12_1" and lines[1][0].parts == (("", "标题"),)
    assert rules == {
        "ls0_4048": "letter-spacing: 0.4048pt", "lsm0_0688": "letter-spacing: -0.0688pt",
        "lsm0_0848": "letter-spacing: -0.0848pt", "mi12_1": "margin-left: 12.1pt", "mi31_5861": "margin-left: 31.5861pt",
    }


def _glyphs(path: Path) -> list[tuple]:
    out = []
    with pymupdf.open(path) as pdf:
        for number, page in enumerate(pdf):
            for block in page.get_text("rawdict")["blocks"]:
                for line in block.get("lines", ()):
                    for span in line["spans"]:
                        font = span["font"].split("+", 1)[-1]
                        out += [(number, c["c"], font, span["size"], c["origin"], c["bbox"]) for c in span["chars"]]
    return sorted(out)


@pytest.mark.parametrize("unit", [0, 7])
def test_every_glyph_lands_where_one_span_per_run_puts_it(unit, tmp_path):
    document = unit_document(check_year(ROOT / "data", 2023).data.units[unit])
    pdf_writer.write(document, tmp_path / "slim.pdf", WriteOptions())
    pdf_writer.write(document, tmp_path / "spans.pdf", WriteOptions(templates=SPAN_PER_RUN))
    assert _glyphs(tmp_path / "slim.pdf") == _glyphs(tmp_path / "spans.pdf")


def test_the_lean_user_agent_stylesheet_changes_no_byte(tmp_path):
    """A copy of the default templates given as --templates is rendered with WeasyPrint's
    full user-agent stylesheet; the default ones without the rules they cannot use."""
    assert weasy.lean_html_class().__name__ == "LeanHTML"  # WeasyPrint's stylesheet is as expected
    copy = tmp_path / "templates"
    copy.mkdir()
    for name in ("report.html.j2", "report.css"):
        (copy / name).write_bytes((DEFAULT_TEMPLATES / name).read_bytes())
    document = unit_document(check_year(ROOT / "data", 2023).data.units[0])
    pdf_writer.write(document, tmp_path / "lean.pdf", WriteOptions())
    pdf_writer.write(document, tmp_path / "full.pdf", WriteOptions(templates=copy))
    assert (tmp_path / "lean.pdf").read_bytes() == (tmp_path / "full.pdf").read_bytes()


# ---------------------------------------------------------------------------
# Line breaking adds up a line's width as it goes (pdf_lines._fit)

GLYPHS = st.lists(
    st.builds(pdf_lines.Glyph, st.sampled_from(list("中文，。 a1—")), st.just("body"),
              st.sampled_from([1000.0, 500.0, 333.3, 1000 / 3, 271.5])),
    max_size=40,
)


@settings(max_examples=200, deadline=None)
@given(GLYPHS, st.sampled_from([-13, 0, 7.5]), st.floats(min_value=0, max_value=30000))
def test_fit_finds_the_end_the_width_of_every_prefix_would(glyphs, spacing, avail):
    toks = pdf_lines.tokens(glyphs)
    end = 0
    while end < len(toks) and pdf_lines._width(toks[: end + 1], spacing) <= avail:
        end += 1
    assert pdf_lines._fit(toks, 0, spacing, avail) == end
