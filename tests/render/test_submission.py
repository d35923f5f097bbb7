"""The submission edition (报送版, issue #23): the keys, the files build writes, and the
版头 and 版记 measured on the PDF to within 1 mm, in the style of psknlr/GONGWEN's
tests/test_layout_formats.py; the DOCX through LibreOffice has the same pages."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from conftest import MINI, Project, found

from reportgen.pipeline.build import BuildSettings, build
from reportgen.model.document import Signature, as_draft, city_document
from reportgen.model.submission import Annotation, Imprint, Masthead, submission_document
from reportgen.publish.verify import verify
from reportgen.pipeline.check import check_year

try:
    import pymupdf
except ImportError:  # older PyMuPDF
    import fitz as pymupdf

MM = 72 / 25.4
TOP, BOTTOM, LEFT, RIGHT = 37, 297 - 35, 28, 210 - 26  # the text block, mm from the page's top left
CITY = "测试市人民政府2023年法治政府建设年度报告"
UNIT = "测试市司法局"
SUFFIX = "（报送）"

CITY_KEYS = """
发文字号: 测府报〔2024〕5号
签发人: 陈立新
份号: "000012"
紧急程度: 特急
抄送:
  - 省司法厅
  - 市人大常委会办公室
印发机关: 测试市人民政府办公室
印发日期: 2024-03-21
"""
UNIT_KEYS = """
发文字号: 测司报〔2024〕3号
印发机关: 测试市司法局办公室
印发日期: 2024-02-20
"""


def _build(root: Path, out: Path):
    return build(BuildSettings(root, 2023, out, ("pdf", "docx"), jobs=1))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The mini project built twice in this process: as it is, and with the submission keys
    in _report.yaml (an upward report with 签发人) and in 司法局.yaml (without)."""
    base = tmp_path_factory.mktemp("submission")
    plain, keyed = base / "plain", base / "keyed"
    shutil.copytree(MINI, plain)
    shutil.copytree(MINI, keyed)
    for name, keys in (("_report.yaml", CITY_KEYS), ("司法局.yaml", UNIT_KEYS)):
        path = keyed / "2023" / name
        path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n" + keys, encoding="utf-8")
    _build(plain, base / "out-plain")
    outcome = _build(keyed, base / "out")
    return keyed, base / "out", base / "out-plain", outcome


def _spans(page):
    for block in page.get_text("dict")["blocks"]:
        for line in block.get("lines", ()):
            yield from line["spans"]


def _span(page, text):
    return next(s for s in _spans(page) if text in s["text"])


def _rules(page):
    """Every filled horizontal band on the page as (top, bottom, left, right) in mm and its
    fill: a rectangle, or the border WeasyPrint draws as an outer minus an inner rectangle."""
    bands = []
    for drawing in page.get_drawings():
        rects = [item[1] for item in drawing["items"] if item[0] == "re"]
        fill = drawing.get("fill") or drawing.get("color")
        if len(rects) == 2:  # even-odd: a frame; its top and bottom edges are the rules
            outer, inner = sorted(rects, key=lambda r: -r.height)
            for y0, y1 in ((outer.y0, inner.y0), (inner.y1, outer.y1)):
                if y1 - y0 > 0.01:
                    bands.append(((y0 / MM, y1 / MM, outer.x0 / MM, outer.x1 / MM), fill))
        else:
            for r in rects:
                bands.append(((r.y0 / MM, r.y1 / MM, r.x0 / MM, r.x1 / MM), fill))
    return sorted(set(bands))


def _red(color) -> bool:
    r, g, b = color
    return r > 0.9 and g < 0.4 and b < 0.4


def _span_red(span) -> bool:
    return _red(tuple(((span["color"] >> shift) & 255) / 255 for shift in (16, 8, 0)))


@pytest.fixture(scope="module")
def city_pdf(built):
    _, out, _, _ = built
    doc = pymupdf.open(str(out / f"{CITY}{SUFFIX}.pdf"))
    yield doc
    doc.close()


def test_build_writes_the_submission_edition_beside_an_unchanged_public_edition(built):
    _, out, plain, outcome = built
    names = {item.path.name for item in outcome.written}
    for name in (CITY, UNIT):
        assert {f"{name}{SUFFIX}.pdf", f"{name}{SUFFIX}.docx"} <= names
        for fmt in ("pdf", "docx"):  # the public edition: byte for byte what a build without the keys writes
            assert (out / f"{name}.{fmt}").read_bytes() == (plain / f"{name}.{fmt}").read_bytes()
    assert not any("测试市市场监督管理局" + SUFFIX in name for name in names)  # no 发文字号: no submission edition


def test_verify_accepts_the_submission_files(built):
    project, out, _, _ = built
    verdict = verify(out, project)
    assert verdict.problems == [], verdict.problems


def test_the_mark_is_red_centred_and_35_mm_below_the_text_block(city_pdf):
    page = city_pdf[0]
    mark = _span(page, "测试市人民政府文件")
    x0, y0, x1, _ = (v / MM for v in mark["bbox"])
    assert abs(y0 - (TOP + 35)) <= 1  # 7.2.4: its top edge 35 mm below the text block's top
    assert abs((x0 + x1) / 2 - (LEFT + RIGHT) / 2) <= 1  # centred
    assert _span_red(mark)
    assert mark["size"] > 22  # larger than the title


def test_the_number_line_and_the_red_rule(city_pdf):
    page = city_pdf[0]
    number, signer = _span(page, "测府报〔2024〕5号"), _span(page, "陈立新")
    # 上行文: 发文字号 居左空一字, 签发人 居右空一字, on one line [7.2.6]
    assert abs(number["bbox"][0] / MM - (LEFT + 16 / MM)) <= 1
    assert abs(signer["bbox"][2] / MM - (RIGHT - 16 / MM)) <= 1
    assert abs(number["origin"][1] - signer["origin"][1]) < 0.5
    assert number["font"] != signer["font"]  # the name in 楷体, the label in 仿宋
    mark = _span(page, "测试市人民政府文件")
    lines_below = (number["bbox"][1] - mark["bbox"][3]) / (579 / 20)
    assert 1.8 <= lines_below <= 2.2  # two lines below the 标志 [7.2.5]
    red = [band for band, fill in _rules(page) if fill and _red(fill)]
    assert len(red) == 1
    y0, y1, x0, x1 = red[0]
    assert abs((y0 + y1) / 2 - number["bbox"][3] / MM - 4) <= 1  # 4 mm below the 发文字号 [7.2.7]
    assert abs((x1 - x0) - 156) <= 1 and abs(x0 - LEFT) <= 1  # as wide as the text block


def test_copy_number_and_urgency_at_the_top_left(city_pdf):
    page = city_pdf[0]
    copy_number, urgency = _span(page, "000012"), _span(page, "特急")
    assert abs(copy_number["bbox"][0] / MM - LEFT) <= 1 and abs(urgency["bbox"][0] / MM - LEFT) <= 1
    assert copy_number["bbox"][1] < urgency["bbox"][1] < _span(page, "测试市人民政府文件")["bbox"][1]


def test_the_imprint_ends_on_the_text_block_bottom_of_an_even_last_page(city_pdf):
    assert len(city_pdf) % 2 == 0
    last = city_pdf[-1]
    assert "抄送：省司法厅，市人大常委会办公室。" in last.get_text().replace("\n", "")
    black = [band for band, fill in _rules(last) if fill and not _red(fill)]
    assert len(black) == 3  # above 抄送, between, below 印发
    (first, between, final) = black
    assert abs(final[1] - BOTTOM) <= 1  # the last rule on the text block's bottom edge [7.4]
    for band in black:
        assert abs((band[3] - band[2]) - 156) <= 1
    assert abs((first[1] - first[0]) - 0.35) < 0.05 and abs((final[1] - final[0]) - 0.35) < 0.05
    assert abs((between[1] - between[0]) - 0.25) < 0.05
    printer, printed = _span(last, "测试市人民政府办公室"), _span(last, "2024年3月21日印发")
    assert abs(printer["bbox"][0] / MM - (LEFT + 14 / MM)) <= 1  # one 4号 character in
    assert abs(printed["bbox"][2] / MM - (RIGHT - 14 / MM)) <= 1
    assert abs(printer["size"] - 14) < 0.01 and abs(printed["size"] - 14) < 0.01  # 4号
    copies = _span(last, "抄送")
    assert abs(copies["bbox"][0] / MM - (LEFT + 14 / MM)) <= 1


def test_a_unit_report_without_signer_or_copies(built):
    _, out, _, _ = built
    with pymupdf.open(str(out / f"{UNIT}{SUFFIX}.pdf")) as doc:
        assert len(doc) == 2  # the 版记 at the foot of page 2, below the end of the text
        assert "印发" not in doc[0].get_text() and "2024年2月20日印发" in doc[1].get_text()
        assert "测试市司法局" in doc[1].get_text().split("测试市司法局办公室")[0]  # the signature above it
        number = _span(doc[0], "测司报〔2024〕3号")  # no 签发人: the 发文字号 centred [7.2.5]
        assert abs((number["bbox"][0] + number["bbox"][2]) / 2 / MM - (LEFT + RIGHT) / 2) <= 1
        black = [band for band, fill in _rules(doc[1]) if fill and not _red(fill)]
        assert len(black) == 2 and abs(black[-1][1] - BOTTOM) <= 1  # no 抄送: two rules


def test_the_docx_through_libreoffice_has_the_pdfs_pages_and_red_text(built, tmp_path_factory):
    """Converted as test_docx_libreoffice.py converts the sample (its fonts, no autospace)."""
    from test_docx_libreoffice import convert, fontconfig_file, without_autospace

    _, out, _, _ = built
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is missing: run `bash scripts/setup.sh`"
    work = tmp_path_factory.mktemp("lo-submission")
    names = [f"{CITY}{SUFFIX}", f"{UNIT}{SUFFIX}"]
    sources = []
    for n, name in enumerate(names):  # ASCII names keep soffice's command line simple
        sources.append(work / f"{n}.docx")
        shutil.copy(out / f"{name}.docx", sources[-1])
    env = dict(os.environ, FONTCONFIG_FILE=str(fontconfig_file(work)))
    profile = (work / "profile").as_uri()
    convert(soffice, sources, "odt", work / "odt", env, profile)
    odts = [work / "odt" / f"{source.stem}.odt" for source in sources]
    for odt in odts:
        without_autospace(odt)
    convert(soffice, odts, "pdf", work / "pdf", env, profile)
    for n, name in enumerate(names):
        with pymupdf.open(str(work / "pdf" / f"{n}.pdf")) as lo, pymupdf.open(str(out / f"{name}.pdf")) as pdf:
            assert len(lo) == len(pdf), name
            assert any(_span_red(s) and "文件" in s["text"] for s in _spans(lo[0])), name
            last = lo[-1]
            assert "印发" in last.get_text(), name
            lines = [d["rect"] for d in last.get_drawings()]
            assert len(lines) >= 2 and abs(max(r.y1 for r in lines) / MM - BOTTOM) <= 1, name


def test_the_model_puts_the_masthead_first_and_the_imprint_last():
    data = check_year(MINI, 2023).data
    from reportgen.model.data import Submission
    import datetime as dt

    submission = Submission("测府报〔2024〕5号", "测试市人民政府办公室", dt.date(2024, 3, 21), "陈立新", ("省司法厅",))
    public = city_document(data)
    document = submission_document(public, submission)
    assert isinstance(document.blocks[0], Masthead) and isinstance(document.blocks[-1], Imprint)
    assert document.blocks[0].mark == "测试市人民政府文件" and document.blocks[0].signer_label == "签发人："
    assert document.blocks[-1].copies == "抄送：省司法厅。" and document.blocks[-1].printed == "2024年3月21日印发"
    assert document.blocks[1:-1] == public.blocks  # the public edition's text, unchanged
    assert document.name == public.name + SUFFIX
    draft = submission_document(as_draft(public), submission)
    assert draft.name == public.name + SUFFIX + "（草稿）" and draft.draft
    # the 附注 of the public edition (another change adds Document.annotation) follows the date
    object.__setattr__(public, "annotation", "（此件公开发布）")
    blocks = submission_document(public, submission).blocks
    at = next(i for i, b in enumerate(blocks) if isinstance(b, Signature))
    assert blocks[at + 1] == Annotation("（此件公开发布）")


@pytest.mark.parametrize(
    ("keys", "code", "line"),
    [
        ("签发人: 陈立新\n", "E250", 1),  # a key of the submission edition without 发文字号
        ("发文字号: 测府报〔2024〕5号\n印发日期: 2024-03-21\n", "E251", 1),  # no 印发机关
        ("发文字号: 测府报〔2024〕5号\n印发机关: 办公室\n印发日期: 明天\n", "E203", 3),  # not a date
        ("发文字号: 测府报〔2024〕5号\n印发机关: 办公室\n印发日期: 2024-03-21\n份号: \"12\"\n", "E252", 4),
        ("发文字号: 测府报[2024]5号\n印发机关: 办公室\n印发日期: 2024-03-21\n", "E253", 1),
        ("发文字号: 测府报〔2024〕5号\n印发机关: 办公室\n印发日期: 2024-03-21\n紧急程度: 很急\n", "E205", 4),
        ("发文字号: 测试市人民政府办公室报〔2024〕125号\n签发人: 欧阳某某某\n印发机关: 办公室\n"
         "印发日期: 2024-03-21\n", "E254", 2),  # 发文字号 and 签发人 do not fit one line
        ("发文字号: 测府报〔2024〕5号\n印发机关: 测试市人民政府办公室测试市人民政府办公室\n印发日期: 2024-03-21\n",
         "E254", 2),
    ],
)
def test_bad_submission_keys_are_located_errors(mini: Project, keys, code, line):
    text = mini.read("2023/_report.yaml").rstrip("\n") + "\n"
    first = text.count("\n") + 1
    mini.write("2023/_report.yaml", text + keys)
    result = mini.check()
    assert (code, "_report.yaml", first + line - 1) in found(result)
    assert result.errors


def test_the_keys_are_in_the_json_schema_with_readmes_descriptions():
    from reportgen.read.json_schema import report_json_schema, unit_json_schema

    plan = check_year(MINI, 2023).data.plan
    for schema in (report_json_schema(plan, 2023), unit_json_schema(plan, 2023)):
        properties = schema["properties"]
        for key in ("发文字号", "签发人", "抄送", "印发机关", "印发日期", "份号", "密级", "紧急程度"):
            assert properties[key]["description"], key
            assert key not in schema.get("required", [])
        assert properties["印发日期"]["format"] == "date"
        assert properties["紧急程度"]["enum"] == ["特急", "加急"]


def test_a_blank_page_before_a_lone_imprint_and_neither_numbered(tmp_path, monkeypatch):
    """7.5: a 版记 that stands alone on an odd page moves to the next, after a blank page;
    neither page has a page number. Forced here on a two-page report (the first layout
    is told the 版记 stood alone on an odd page)."""
    import datetime as dt

    from reportgen.model.data import Submission
    from reportgen.model.document import unit_document
    from reportgen.render import WRITERS, WriteOptions

    from reportgen.render.pdf import submission as pdf_submission

    real = pdf_submission.imprint_position

    def alone(pages):  # page 3, at the top of the text block
        _, _, height = real(pages)
        return 3, TOP * MM, height

    monkeypatch.setattr(pdf_submission, "imprint_position", alone)
    unit = check_year(MINI, 2023).data.units[0]
    document = submission_document(unit_document(unit), Submission("测司报〔2024〕3号", "办公室", dt.date(2024, 2, 20)))
    target = tmp_path / "alone.pdf"
    WRITERS["pdf"].write(document, target, WriteOptions())
    with pymupdf.open(str(target)) as doc:
        assert len(doc) == 4
        assert "— 2 —" in doc[1].get_text()
        assert doc[2].get_text().strip() == ""  # blank, no page number
        assert "印发" in doc[3].get_text() and "—" not in doc[3].get_text()
        black = [band for band, fill in _rules(doc[3]) if fill and not _red(fill)]
        assert abs(black[-1][1] - BOTTOM) <= 1


def test_the_red_keeps_the_pdf_a_output_intent_valid(built):
    """PDF/A-2 with an sRGB output intent allows no DeviceCMYK (ISO 19005-2 6.2.4.3): the
    red is drawn in RGB (Y80% M80% converted), and the file stays PDF/A-2a."""
    import pikepdf

    _, out, _, _ = built
    with pikepdf.open(out / f"{CITY}{SUFFIX}.pdf") as pdf:
        assert 'pdfaid:part="2"' in str(pdf.open_metadata()) or pdf.open_metadata().get("pdfaid:part") == "2"
        (intent,) = pdf.Root.OutputIntents
        assert "sRGB" in str(intent.get("/OutputConditionIdentifier"))
        colours = set()
        for page in pdf.pages:
            for operands, operator in pikepdf.parse_content_stream(page):
                assert str(operator) not in ("k", "K"), "DeviceCMYK colour in a PDF/A with an sRGB output intent"
                if str(operator) in ("rg", "RG"):
                    colours.add(tuple(round(float(v), 2) for v in operands))
        assert (1.0, 0.2, 0.2) in colours


def test_the_docx_follows_the_pdf_onto_an_even_page_after_a_blank_page(tmp_path, monkeypatch):
    """When the PDF puts the 版记 after a blank page, the DOCX does too: a section of its own
    whose pages have no page numbers [7.5]; LibreOffice shows the same four pages."""
    import datetime as dt

    from test_docx_libreoffice import convert, fontconfig_file

    from reportgen.model.data import Submission
    from reportgen.model.document import unit_document
    from reportgen.render import WRITERS, WriteOptions
    from reportgen.render.pdf import writer as pdf_writer
    from reportgen.render.pdf.submission import ImprintPlace

    monkeypatch.setattr(pdf_writer, "imprint_place", lambda document, options: ImprintPlace(0.0, True, True))
    unit = check_year(MINI, 2023).data.units[0]
    document = submission_document(unit_document(unit), Submission("测司报〔2024〕3号", "办公室", dt.date(2024, 2, 20)))
    source = tmp_path / "alone.docx"
    WRITERS["docx"].write(document, source, WriteOptions())
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    env = dict(os.environ, FONTCONFIG_FILE=str(fontconfig_file(tmp_path)))
    convert(soffice, [source], "pdf", tmp_path / "pdf", env, (tmp_path / "profile").as_uri())
    with pymupdf.open(str(tmp_path / "pdf" / "alone.pdf")) as doc:
        assert len(doc) == 4
        assert "— 2 —" in doc[1].get_text()
        assert doc[2].get_text().strip() == ""
        assert "印发" in doc[3].get_text() and "—" not in doc[3].get_text()
