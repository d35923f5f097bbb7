"""Issue 19, “Word in without loss”: the shapes real reports take that the import lost or
misplaced. Each Word file is made here with python-docx, imported, checked and built
(`build` of the one unit, in process, one job); every source paragraph and table cell must be in the YAML (as text,
a comment or a named key), and every report sentence of the YAML in the PDF text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from fixtures.word.make_corpus import DATE, DUTY, PLANS, PROBLEMS, THEMES, Doc, numbered_items

try:
    import pymupdf
except ImportError:  # PyMuPDF before 1.24.3
    import fitz as pymupdf

from reportgen.pipeline.build import BuildSettings, build
from reportgen.pipeline.check import check_year
from reportgen.word_import.audit import KEY, MISSING
from reportgen.word_import.command import Settings, import_files
from reportgen.word_import.structure import RUN_HINT
from reportgen.word_import.text import normalize, sentences
from word_import_support import CORPUS_CODE, data_copy

MM = 72 / 25.4
LEAD_CLAUSE = ("我局坚持严格规范公正文明执法，一是推行执法公示制度，公示执法信息1800余条；"
               "二是开展执法案卷评查，抽查案卷120宗；三是加强执法培训，培训执法人员300人次。")
FIGURES = [("指标", "2022年", "2023年"), ("行政机关负责人出庭应诉率", "90%", "96.8%"),
           ("立案查处案件（件）", "132", "156")]
UNMATCHED = [("执法类别", "案件数", "同比"), ("道路运输", "312件", "下降8%"), ("水路运输", "46件", "持平")]
PLAIN_PROBLEMS = ["执法人员专业素质与新业态监管要求还不相适应。", "部分规范性文件清理不够及时。",
                  "究其原因，学习培训不够系统，制度落实还不到位。"]


def _body(d: Doc, group_title: str = "深化交通运输领域“放管服”改革", first=None) -> None:
    d.title()
    d.para("2023年，市交通运输局坚持依法行政，推动交通运输法治政府建设取得新进展。")
    d.part("一、主要做法和成效")
    d.para(f"（一）{group_title}")
    if first:
        first(d)
    else:
        numbered_items(d, THEMES[0][1])


def _tail(d: Doc, problems=PROBLEMS, last: list[str] = (), note: str | None = None) -> None:
    d.part("二、存在的问题")
    for text in problems:
        d.para(text)
    d.part("三、主要负责人履行推进法治建设第一责任人职责情况")
    d.para(DUTY)
    d.part("四、下一步工作计划")
    numbered_items(d, PLANS)
    for text in last:
        d.para(text)
    d.ending()
    if note:
        d.para(note, drop=True)


def _table(d: Doc, rows) -> None:
    grid = d.doc.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            grid.cell(r, c).text = text


def figures_table() -> Doc:
    d = Doc()
    _body(d, first=lambda d: (numbered_items(d, THEMES[0][1]), _table(d, FIGURES)))
    _tail(d)
    return d


def unmatched_table() -> Doc:
    d = Doc()
    _body(d, "严格规范交通运输执法", first=lambda d: (numbered_items(d, THEMES[1][1]), _table(d, UNMATCHED)))
    _tail(d)
    return d


def annotation() -> Doc:
    d = Doc()
    _body(d)
    _tail(d, note="（此件公开发布）")
    return d


def lead_clause() -> Doc:
    d = Doc()
    # the lead clause in bold, as many reports print it: still no 标题 ending in “，”
    _body(d, "严格规范交通运输执法", first=lambda d: (d.para(LEAD_CLAUSE.split("，", 1)[1],
                                                          lead=LEAD_CLAUSE.split("，", 1)[0] + "，"),
                                                   d.para("全面推行行政执法三项制度，一是执法公示；二是全过程记录。")))
    _tail(d)
    return d


def short_last_paragraph() -> Doc:
    d = Doc()
    _body(d)
    _tail(d, last=["我局将以更高标准推进法治政府建设", "特此报告"])
    return d


def plain_style() -> Doc:
    """No bold anywhere: lead sentences are plain first sentences."""
    d = Doc()
    d.title()
    d.para("2023年，市交通运输局坚持依法行政。")
    d.part("一、主要做法和成效")
    d.para("（一）深化交通运输领域放管服改革")
    d.para("1.精简行政许可事项。全年取消和下放道路运输许可事项6项。")
    d.para("2.全年办理许可事项120件。办结率100%。")
    d.para("3.动态调整权责清单。清单事项由108项增加至136项。")
    d.part("二、存在的问题")
    for text in PLAIN_PROBLEMS:
        d.para(text)
    d.part("三、下一步工作计划")
    for n, (lead, text) in enumerate(PLANS, 1):
        d.para(f"{n}.{lead}{text}")
    d.ending()
    return d


SHAPES = {f.__name__: f for f in (figures_table, unmatched_table, annotation, lead_clause, short_last_paragraph,
                                  plain_style)}


@dataclass
class Imported:
    doc: Doc
    folder: Path
    yaml: str
    data: dict
    codes: list[tuple[str, int]]
    fates: list
    pdf_text: str
    pdf: Path


def _pdf_text(path: Path) -> str:
    """The printed text, page numbers (“— 1 —”) left out, without line breaks."""
    pdf = pymupdf.open(path)
    lines = [line for page in pdf for line in page.get_text().splitlines()]
    pdf.close()
    return re.sub(r"\s+", "", "".join(line for line in lines if not re.fullmatch(r"\s*—\s*\d+\s*—\s*", line)))


def _year_of_one_unit(root: Path) -> Path:
    """The sample year without the units' files and without the city report's choice of
    their items (合并方式, 选用事项), so that `build` reads the imported unit alone."""
    data = data_copy(root)
    report = data / "2023" / "_report.yaml"
    kept, skipping = [], False
    for line in report.read_text(encoding="utf-8").splitlines():
        if line.startswith("选用事项:"):
            skipping = True
        elif skipping and line and not line.startswith((" ", "#")):
            skipping = False
        if not skipping and not line.startswith("合并方式:"):
            kept.append(line)
    report.write_text("\n".join(kept) + "\n", encoding="utf-8")
    return data


@pytest.fixture(scope="module")
def shapes(tmp_path_factory) -> dict[str, Imported]:
    """Each shape: made, imported as 交通运输局, checked and built to PDF once."""
    found = {}
    for name, make in SHAPES.items():
        root = tmp_path_factory.mktemp(name)
        data = _year_of_one_unit(root)
        source = root / f"{CORPUS_CODE}.docx"
        doc = make()
        doc.save(source)
        outcome, = import_files(Settings(data, 2023), [source])
        assert not outcome.failed, [d.format() for d in outcome.diagnostics]
        result = check_year(data, 2023, only=CORPUS_CODE)
        assert [d.format() for d in result.diagnostics if d.is_error] == []
        build(BuildSettings(data, 2023, out_dir=root / "output", unit=CORPUS_CODE, jobs=1))  # in this process
        pdf, = (root / "output").rglob("*.pdf")
        yaml_file = data / "2023" / f"{CORPUS_CODE}.yaml"
        from reportgen.read.loader import load_file
        found[name] = Imported(doc, data, yaml_file.read_text(encoding="utf-8"), load_file(yaml_file).data,
                               [(d.code, d.loc.line) for d in outcome.diagnostics], outcome.fates,
                               _pdf_text(pdf), pdf)
    return found


def _report_texts(data: dict) -> list[str]:
    """The texts reportgen prints: all strings but codes, the unit's name and dates."""
    if isinstance(data, dict):
        return [t for k, v in data.items() if k not in ("单位", "领域", "年度", "成文日期") for t in _report_texts(v)]
    if isinstance(data, list):
        return [t for v in data for t in _report_texts(v)]
    return [data] if isinstance(data, str) else []


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_every_source_paragraph_and_cell_is_in_the_yaml(shapes, name: str):
    shape = shapes[name]
    dropped = {normalize(t) for t in shape.doc.dropped}  # title, part headings, signature, date
    for paragraph in shape.doc.doc.paragraphs:
        text = normalize(paragraph.text)
        if not text or text in dropped:
            continue
        for sentence in sentences(text):
            assert sentence in shape.yaml, f"{name}: lost “{sentence}”"
    for table in shape.doc.doc.tables:
        for row in table.rows:
            for cell in row.cells:
                assert normalize(cell.text) in shape.yaml, f"{name}: lost the cell “{cell.text}”"
    assert [f.source for f in shape.fates if f.kind == MISSING] == []
    keyed = {f.source for f in shape.fates if f.kind == KEY}
    assert keyed <= dropped  # only what the fixture says reportgen writes itself went to a named key


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_every_report_sentence_is_in_the_pdf(shapes, name: str):
    shape = shapes[name]
    for text in _report_texts(shape.data):
        for sentence in sentences(text):
            assert re.sub(r"\s+", "", sentence) in shape.pdf_text, f"{name}: “{sentence}” not printed"


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_no_title_or_text_ends_open(shapes, name: str):
    def walk(value, key=""):
        if isinstance(value, dict):
            for k, v in value.items():
                yield from walk(v, k)
        elif isinstance(value, list):
            for v in value:
                yield from walk(v, key)
        elif isinstance(value, str) and key not in ("单位", "领域"):
            yield value
    assert [t for t in walk(shapes[name].data) if t[-1:] in "，、：,:"] == []


def test_figures_table_becomes_indicator_hints_not_items(shapes):
    shape = shapes["figures_table"]
    items = [i for g in shape.data["主要做法和成效"] for i in g["事项"]]
    assert len(items) == 2
    assert "立案查处案件" not in shape.pdf_text and "132" not in "".join(map(str, items))
    assert re.search(r"^#   行政机关负责人出庭应诉率: 96\.8 +# 上年：90；", shape.yaml, re.M)
    assert "W505" not in [code for code, _ in shape.codes]


def test_unmatched_table_is_a_comment_block_with_a_warning(shapes):
    shape = shapes["unmatched_table"]
    lines = shape.yaml.splitlines()
    warned = [line for code, line in shape.codes if code == "W505"]
    assert len(warned) == 1
    assert lines[warned[0] - 1].lstrip().startswith("# 原文第 1 个表格")
    assert lines[warned[0]].strip() == "# 执法类别｜案件数｜同比"
    assert "道路运输" not in shape.pdf_text
    assert len([i for g in shape.data["主要做法和成效"] for i in g["事项"]]) == 2


def test_annotation_goes_to_its_key_and_prints_below_the_date(shapes):
    import docx

    shape = shapes["annotation"]
    assert shape.data["附注"] == "（此件公开发布）"
    written, = shape.pdf.parent.glob("*.docx")
    paragraphs = [p.text for p in docx.Document(str(written)).paragraphs if p.text]
    assert paragraphs[-2:] == [DATE, "（此件公开发布）"]  # the DOCX too: the line below the date
    assert "其他需要报告的情况" not in shape.data
    pdf = pymupdf.open(shape.pdf)
    page = pdf[len(pdf) - 1]
    date = page.search_for("2024年2月20日")[0]
    note = page.search_for("此件公开发布")[0]
    left = page.search_for("（此件公开发布）")[0].x0 / MM
    pdf.close()
    assert 9.7 < (note.y1 - date.y1) / MM < 10.7  # the next line of the grid
    assert abs(left - (28 + 2 * 15.79 / MM)) < 0.6  # two characters in from the text block's left edge


def test_lead_clause_stays_one_paragraph_with_its_sequence_words(shapes):
    shape = shapes["lead_clause"]
    items = shape.data["主要做法和成效"][0]["事项"]
    assert items[0] == LEAD_CLAUSE  # one item, as written: no 标题 ending in “，”
    assert "一是执法公示；二是全过程记录" in items[1]
    assert "一是推行执法公示制度" in shape.pdf_text and "三是加强执法培训" in shape.pdf_text
    assert shape.yaml.count("# " + RUN_HINT) == 2  # the split is only offered


def test_short_last_paragraph_is_kept_and_the_closing_reported(shapes):
    shape = shapes["short_last_paragraph"]
    assert any("我局将以更高标准推进法治政府建设" in str(e) for e in shape.data["下一步计划"])
    assert "我局将以更高标准推进法治政府建设" in shape.pdf_text
    warned = [line for code, line in shape.codes if code == "W507"]
    assert len(warned) == 1 and "特此报告" in shape.yaml.splitlines()[warned[0] - 1]
    assert "特此报告" not in shape.pdf_text


def test_plain_style_first_sentences_become_titles(shapes):
    shape = shapes["plain_style"]
    items = shape.data["主要做法和成效"][0]["事项"]
    assert items[0] == {"标题": "精简行政许可事项", "内容": "全年取消和下放道路运输许可事项6项。"}
    assert items[1] == "全年办理许可事项120件。办结率100%。"  # a sentence with figures is no title
    assert items[2] == {"标题": "动态调整权责清单", "内容": "清单事项由108项增加至136项。"}


def test_a_cause_after_several_problems_is_left_with_a_comment(shapes):
    shape = shapes["plain_style"]
    assert shape.data["存在问题"] == PLAIN_PROBLEMS  # not attached to the second problem alone
    lines = shape.yaml.splitlines()
    cause = next(n for n, line in enumerate(lines) if "究其原因，学习培训" in line)
    assert lines[cause - 1].lstrip().startswith("# 原文这段“原因”")


def test_weak_area_guess_warns_and_names_the_words(shapes):
    shape = shapes["annotation"]  # its one group: 深化交通运输领域“放管服”改革
    lines = shape.yaml.splitlines()
    warned = [line for code, line in shape.codes if code == "W502"]
    assert warned and lines[warned[0] - 1].strip().startswith("领域:")
    assert "相同的词" in lines[warned[0] - 2]


def test_indicator_hint_by_unit_and_kind():
    from reportgen.read.project import CheckResult, load_plan
    from reportgen.word_import.areas import indicator_hints
    from reportgen.word_import.structure import Entry, Group
    from reportgen.word_import.structure import Imported as Found
    from word_import_support import DATA

    plan, _ = load_plan(DATA, CheckResult(2023))
    found = Found(groups=[Group("动态调整", [Entry("动态调整权责清单", "清单事项由108项增加至136项。")])])
    hints = {name: value for name, value, _, _ in indicator_hints(found, plan, "生态环境局")}
    assert hints == {"行政执法减免责清单事项": "136"}


@pytest.mark.parametrize("option", ["--核对", "--对照"])
def test_audit_option_lists_every_paragraph(tmp_path: Path, monkeypatch, capsys, option: str):
    from conftest import invoke

    data = data_copy(tmp_path)
    source = tmp_path / f"{CORPUS_CODE}.docx"
    doc = unmatched_table()
    doc.save(source)
    monkeypatch.chdir(tmp_path)
    code, output = invoke(monkeypatch, capsys, "import", "2023", source.name, option, "--data", str(data))
    assert code == 0, output
    rows = [line for line in output.splitlines() if re.match(r"^\s+\d+\s", line)]
    paragraphs = [p for p in doc.doc.paragraphs if p.text.strip()]
    cells = sum(len(row.cells) for t in doc.doc.tables for row in t.rows)
    assert len(rows) == len(paragraphs) + cells
    assert "缺失" not in output
    assert re.search(rf"原文 {len(paragraphs)} 段、表格 {cells} 格：", output)
