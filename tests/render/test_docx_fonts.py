"""_report.yaml's 字体 (issue #23): the DOCX names the faces every Windows has (通用, the
default) or 仿宋_GB2312 and 楷体_GB2312 (GB2312), in its runs, styles and font table; under
GB2312 `check` warns W440 at each character GB 2312 lacks; the PDF is the same either way."""

from __future__ import annotations

import dataclasses
import zipfile
from pathlib import Path

import pytest
from conftest import found

from reportgen.content.charset import in_gb2312
from reportgen.model.document import unit_document
from reportgen.pipeline.check import check_year
from reportgen.render import WriteOptions
from reportgen.render.docx import fonts
from reportgen.render.docx.writer import write

ROOT = Path(__file__).resolve().parents[2]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
UNIT = "2023/司法局.yaml"
REPORT = "2023/_report.yaml"


@pytest.fixture(scope="module")
def sample_unit():
    return unit_document(check_year(ROOT / "data", 2023).data.units[0])


def _docx(document, folder: Path, scheme: str) -> dict[str, bytes]:
    target = folder / f"{scheme}.docx"
    write(dataclasses.replace(document, font_scheme=scheme), target, WriteOptions())
    with zipfile.ZipFile(target) as package:
        return {name: package.read(name) for name in package.namelist()}


def _named_faces(parts: dict[str, bytes]) -> set[str]:
    """The East Asian faces every run, style and default names."""
    from lxml import etree

    names = set()
    for name, data in parts.items():
        if name.startswith("word/") and name.endswith(".xml") and name != "word/fontTable.xml":
            for element in etree.fromstring(data).iter(f"{W}rFonts"):
                names.add(element.get(f"{W}eastAsia"))
    return names - {None}


def _font_table(parts: dict[str, bytes]) -> dict[str, dict[str, str]]:
    from lxml import etree

    table = {}
    for font in etree.fromstring(parts["word/fontTable.xml"]).iter(f"{W}font"):
        table[font.get(f"{W}name")] = {child.tag[len(W):]: child.get(f"{W}val") for child in font}
    return table


@pytest.mark.parametrize("scheme", ["通用", "GB2312"])
def test_runs_styles_and_font_table_name_the_schemes_faces(scheme, sample_unit, tmp_path):
    parts = _docx(sample_unit, tmp_path, scheme)
    chosen = {face.name: face for face in fonts.faces(scheme).values()}
    named = _named_faces(parts)
    body, kai = ("仿宋", "楷体") if scheme == "通用" else ("仿宋_GB2312", "楷体_GB2312")
    assert {body, kai, "黑体", "方正小标宋简体"} <= named <= set(chosen)  # no face of the other scheme
    table = _font_table(parts)
    for name, face in chosen.items():
        entry = table[name]
        assert entry["altName"] == face.alt and entry["panose1"] == face.panose
        assert entry["charset"] == "86"  # GB2312_CHARSET, so Word substitutes a Chinese face
    assert table[body]["altName"] == ("FangSong" if scheme == "通用" else "FangSong_GB2312")
    assert table["方正小标宋简体"]["panose1"] == table["宋体"]["panose1"]  # falls back to a 宋体


def test_the_default_scheme_is_tong_yong(sample_unit, tmp_path):
    target = tmp_path / "default.docx"
    assert sample_unit.font_scheme == "通用"
    write(sample_unit, target, WriteOptions())
    document_xml = zipfile.ZipFile(target).read("word/document.xml").decode()
    assert 'w:eastAsia="仿宋"' in document_xml and "_GB2312" not in document_xml


def test_the_setting_reaches_every_document(sample):
    sample.replace(REPORT, "报告机关:", "字体: GB2312\n报告机关:")
    data = sample.check().data
    assert data.report.font_scheme == "GB2312"
    from reportgen.model.document import city_document

    assert city_document(data).font_scheme == "GB2312"


def test_gb2312_membership():
    assert in_gb2312("法") and in_gb2312("—") and in_gb2312("·") and in_gb2312("，")
    assert not in_gb2312("镕") and not in_gb2312("喆")


def test_character_outside_gb2312_warns_at_its_line_under_gb2312(mini):
    mini.replace(REPORT, "报告机关:", "字体: GB2312\n报告机关:")
    line = mini.replace(UNIT, "内容: 全年制定地方性法规3件。", "内容: 全年制定地方性法规3件，朱镕基同志题词。")
    col = mini.read(UNIT).splitlines()[line - 1].index("镕") + 1
    block = mini.replace(UNIT, "第一责任人履职情况: 局主要负责人带头学法。",
                         "第一责任人履职情况: |\n  局主要负责人带头学法。\n  张喆同志带头述法。")
    result = mini.check()
    assert [(d.code, d.loc.line, d.loc.col) for d in result.diagnostics if d.code == "W440"] == [
        ("W440", line, col),
        ("W440", block + 2, 4),  # the third line of the block: “  张喆…”
    ]


def test_nothing_warns_under_tong_yong(mini):
    mini.replace(UNIT, "内容: 全年制定地方性法规3件。", "内容: 全年制定地方性法规3件，朱镕基同志题词。")
    assert found(mini.check()) == []
    mini.replace(REPORT, "报告机关:", "字体: 通用\n报告机关:")
    assert found(mini.check()) == []


def test_an_unknown_scheme_is_an_error_at_its_line(mini):
    line = mini.replace(REPORT, "报告机关:", "字体: 宋体\n报告机关:")
    result = mini.check()
    assert result.errors and result.errors[0].loc.line == line
