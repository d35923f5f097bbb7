"""Typesetting of the body (issue #23): no 孤字, no 避头尾 fault and at most 3% loose lines
in every report PDF, the sample's and the bench's generated ones, counted from the PDF's
character positions (tests/typesetting_support.py defines each fault); and the paragraph
breaker's ways to get there (render/pdf/paragraph.py), on made-up glyphs."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from typesetting_support import LOOSE_EM, measure, measure_all

from reportgen.model.document import city_document, unit_document
from reportgen.model.indicators import indicator_results
from reportgen.model.measure import is_half_width
from reportgen.pipeline.check import check_year
from reportgen.render import WriteOptions
from reportgen.render.pdf import lines as pdf_lines
from reportgen.render.pdf import paragraph
from reportgen.render.pdf import writer as pdf_writer
from reportgen.render.pdf.lines import Glyph, line_end

ROOT = Path(__file__).resolve().parents[2]
LOOSE_SHARE = 0.03


def _documents(folder: Path, year: int = 2023):
    data = check_year(folder, year).data
    assert data is not None
    results = indicator_results(data.plan.indicators, data.units, year, data.previous)
    return [unit_document(u, None, results) for u in data.units] + [city_document(data, None, results)]


def _write_all(documents, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n, document in enumerate(documents):
        paths.append(folder / f"{n}.pdf")
        pdf_writer.write(document, paths[-1], WriteOptions())
    return paths


def _bench_data(folder: Path) -> Path:
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "bench" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_generate"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    module.generate(folder, units=3, seed=7)
    return folder


@pytest.fixture(scope="module")
def sample_pdfs(tmp_path_factory) -> list[Path]:
    return _write_all(_documents(ROOT / "data"), tmp_path_factory.mktemp("typeset-sample"))


@pytest.fixture(scope="module")
def bench_pdfs(tmp_path_factory) -> list[Path]:
    work = tmp_path_factory.mktemp("typeset-bench")
    return _write_all(_documents(_bench_data(work / "data")), work / "pdf")


@pytest.mark.parametrize("which", ["sample_pdfs", "bench_pdfs"])
def test_no_orphan_no_kinsoku_fault_and_few_loose_lines(which, request):
    figures = measure_all(request.getfixturevalue(which))
    assert figures.full_lines >= 200, figures.summary()  # the reports were read
    assert figures.orphans == []
    assert figures.kinsoku == []
    assert figures.loose_share <= LOOSE_SHARE, figures.loose


def test_the_greedy_breaker_fails_the_same_measure(monkeypatch, tmp_path):
    """Without the whole-paragraph breaking (the greedy one of lines.py instead), the
    sample's 人社局 report has 孤字 and more than 3% loose lines: the measure sees them."""
    monkeypatch.setattr(paragraph, "best_breaks", lambda *args: None)
    document = next(d for d in _documents(ROOT / "data") if d.author == "云澜市人力资源和社会保障局")
    target = tmp_path / "greedy.pdf"
    pdf_writer.write(document, target, WriteOptions())
    figures = measure(target)
    assert len(figures.orphans) >= 1
    assert figures.loose_share > LOOSE_SHARE


# ---------------------------------------------------------------------------
# The breaker on made-up glyphs: ideographs 1000 wide, digits 500; 28 cells of 987

NATURAL = -13
LINE = 28 * (1000 + NATURAL)


def _glyphs(text: str) -> list[Glyph]:
    return [Glyph(ch, "body", 500 if is_half_width(ch) else 1000) for ch in text]


def _texts(text: str, first: float = LINE) -> list[str]:
    lines = paragraph.best_breaks(_glyphs(text), first, LINE, NATURAL)
    assert lines is not None
    texts = ["".join(g.ch for g in line) for line in lines]
    assert "".join(texts) == text
    return texts


IDEOGRAPHS = "法治政府建设稳步推进依法行政能力不断提升各项工作取得积极成效群众满意度持续提高"


LINE_WITH_COMMA = IDEOGRAPHS[:13] + "，" + IDEOGRAPHS[13:27]  # 28 cells


def test_a_lone_last_character_comes_up_into_lines_that_squeeze_their_marks():
    text = LINE_WITH_COMMA + LINE_WITH_COMMA[:-1] + "效。"
    greedy = pdf_lines.break_lines(_glyphs(text), LINE, LINE, NATURAL)
    assert "".join(g.ch for g in greedy[-1]) == "效。"  # the greedy breaker's 孤字
    assert _texts(text) == [LINE_WITH_COMMA, LINE_WITH_COMMA[:-1] + "效。"]


def test_a_closing_mark_after_a_full_line_is_squeezed_in_not_pushed_down():
    text = LINE_WITH_COMMA + "。" + IDEOGRAPHS[28:40]
    texts = _texts(text)
    assert texts[0] == LINE_WITH_COMMA + "。"
    glyphs = _glyphs(texts[0])
    ks = paragraph.justify(glyphs, LINE, NATURAL)
    # 。 gives up its blank half beyond the edge, ， the rest; the ideographs keep the pitch
    comma = texts[0].index("，")
    assert ks[comma] < NATURAL - 400
    assert all(abs(k - NATURAL) <= 1 for n, k in enumerate(ks[:-1]) if n != comma)
    assert line_end(glyphs, ks) == pytest.approx(LINE + paragraph.HALF, abs=1)


def test_a_line_of_ideographs_with_no_mark_to_squeeze_pushes_down():
    """Squeezing only a line's end mark would leave half an em: the last ideograph goes down
    with the 。 instead, and the line is stretched (the only loose lines left)."""
    texts = _texts(IDEOGRAPHS[:28] + "。" + IDEOGRAPHS[28:40])
    assert texts[0] == IDEOGRAPHS[:27]


def test_two_marks_side_by_side_give_up_space_before_a_lone_one():
    text = "工作，取得成效。”" + IDEOGRAPHS[:20]
    glyphs = _glyphs(text)
    squeezed = paragraph.squeeze(glyphs, 500)
    pair = text.index("。")  # 。” are side by side; the lone ， keeps its width
    assert squeezed.end == 0  # the last glyph is an ideograph
    assert squeezed.gaps[pair] == paragraph.HALF
    assert squeezed.gaps[text.index("，")] == 0


def test_a_line_of_ideographs_holds_28():
    texts = _texts(IDEOGRAPHS[:40])
    assert len(texts[0]) == 28


def test_numbers_stay_whole_and_no_line_breaks_a_kinsoku_rule():
    text = ("全年办理行政复议案件" + "1126" + "件，" + IDEOGRAPHS[:15] + "（" + "98.4%" + "）。" + IDEOGRAPHS) * 3
    texts = _texts(text, LINE - 2000)
    for a, b in zip(texts, texts[1:]):
        assert not (is_half_width(a[-1]) and is_half_width(b[0]))
        assert b[0] not in paragraph.NO_START and a[-1] not in paragraph.NO_END


def test_loose_is_defined_by_what_a_push_down_does():
    # one character pushed down spreads 1 em over 27 gaps: loose; half a digit is not
    assert 1 / 27 > LOOSE_EM > 0.5 / 27
