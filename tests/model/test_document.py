"""The layout-free document: parts, numbering, merging and the signature block."""

from __future__ import annotations

import datetime as dt

import pytest

from reportgen.model.document import Heading, Paragraph, Signature, Title, city_document, signature, unit_document
from reportgen.numbering import chinese_numeral, date_text


@pytest.mark.parametrize(
    "n, text",
    [(1, "一"), (9, "九"), (10, "十"), (11, "十一"), (19, "十九"), (20, "二十"), (21, "二十一"),
     (99, "九十九"), (100, "一百"), (101, "一百零一"), (110, "一百一十"), (111, "一百一十一")],
)
def test_chinese_numerals(n, text):
    assert chinese_numeral(n) == text


def test_date_text_has_no_leading_zeros():
    assert date_text(dt.date(2024, 1, 9)) == "2024年1月9日"


def headings(doc, level):
    return [b.full_text for b in doc.blocks if isinstance(b, Heading) and b.level == level]


def test_unit_parts_number_only_what_is_present(mini):
    mini.replace("2023/市场局.yaml", "第一责任人履职情况: 局主要负责人专题研究市场监管法治工作。\n", "")
    data = mini.check().data
    full = unit_document(data.units[0])  # has 第一责任人履职情况
    assert headings(full, 1) == ["一、主要做法和成效", "二、主要存在问题",
                                 "三、主要负责人履行推进法治建设第一责任人职责情况", "四、下一步工作计划"]
    short = unit_document(data.units[1])  # has neither duty nor other
    assert headings(short, 1) == ["一、主要做法和成效", "二、主要存在问题", "三、下一步工作计划"]
    assert isinstance(full.blocks[0], Title) and full.blocks[0].text == "测试市司法局2023年法治政府建设年度报告"


def test_items_have_bold_lead_sentences_and_restart_per_group(mini):
    doc = unit_document(mini.check().data.units[0])
    paragraphs = [b for b in doc.blocks if isinstance(b, Paragraph) and b.lead]
    assert [p.lead for p in paragraphs][:2] == ["1.深入推进重点领域立法。", "1.深入推进依法行政。"]
    assert paragraphs[0].text == "全年制定地方性法规3件。"
    assert paragraphs[0].source.line == 9


@pytest.mark.parametrize("text", ["一是加强立法。二是规范执法。三是强化监督。", "第一，加强立法。第二，规范执法。",
                                  "1.加强立法。", "（一）加强立法。"])
def test_item_without_title_is_an_unnumbered_paragraph_as_written(mini, text):
    """#18: the report numbers only titles; a text keeps its own sequence words, unnumbered."""
    line = mini.replace("2023/市场局.yaml", "主要做法和成效:\n", f"主要做法和成效:\n  - 标题: 新组\n    领域: 制度\n"
                        f"    事项:\n      - 内容: {text}\n      - {text}\n      - 标题: 有标题\n        内容: {text}\n")
    result = mini.check()
    assert not [d for d in result.diagnostics if d.code == "W313"]
    doc = unit_document(result.data.units[1])
    paragraphs = [b for b in doc.blocks if isinstance(b, Paragraph) and b.text == text][:3]
    assert [(p.lead, p.source.line) for p in paragraphs] == [("", line + 4), ("", line + 5), ("1.有标题。", line + 6)]


def test_numbering_continues_past_ten(mini):
    groups = "".join(
        f"  - 标题: 第{i}组\n    领域: 制度\n    事项:\n" + "".join(f"      - 标题: 第{j}项\n        内容: 第{i}组第{j}项。\n" for j in range(1, 13))
        for i in range(1, 13)
    )
    text = mini.read("2023/市场局.yaml")
    start, end = text.index("主要做法和成效:\n") + len("主要做法和成效:\n"), text.index("存在问题:")
    mini.write("2023/市场局.yaml", text[:start] + groups + text[end:])
    doc = unit_document(mini.check().data.units[1])
    assert headings(doc, 2)[9:12] == ["（十）第10组", "（十一）第11组", "（十二）第12组"]
    leads = [b.lead for b in doc.blocks if isinstance(b, Paragraph) and b.lead]
    assert leads[:12] == [f"{n}.第{n}项。" for n in range(1, 13)] and leads[12] == "1.第1项。"


def test_entries_with_titles_are_numbered(mini):
    doc = unit_document(mini.check().data.units[0])
    plan_para = next(b for b in doc.blocks if isinstance(b, Paragraph) and b.text == "加强行政执法监督。")
    assert plan_para.lead == "1.深入推进依法行政。"
    problem = next(b for b in doc.blocks if isinstance(b, Paragraph) and b.text == "基层执法人员素质有待提高。")
    assert problem.lead == ""


@pytest.mark.parametrize(
    "organ, date, organ_right, date_right",
    [
        ("云澜市司法局", "2024年2月6日", 4.0, 2.0),  # date (6) as wide as organ: organ moves left
        ("云澜市市场监督管理局", "2024年2月6日", 2.0, 4.0),  # organ wider: date two characters in from organ start
        ("某局", "", 2.0, 0.0),
    ],
)
def test_signature_geometry(organ, date, organ_right, date_right):
    sig = signature(organ, date)
    assert (sig.organ_right, sig.date_right) == (organ_right, date_right)


def test_city_report_merges_by_plan_area(mini):
    mini.replace("2023/_report.yaml", "单位:\n", "领域标题:\n  执法: 严格规范公正文明执法\n主要做法和成效:\n"
                 "  - 标题: 市本级\n    领域: 执法\n    事项:\n      - 标题: 统筹\n        内容: 市政府统筹推进执法改革。\n单位:\n")
    data = mini.check().data
    doc = city_document(data)
    assert headings(doc, 2) == ["（一）完善依法行政制度体系", "（二）严格规范公正文明执法"]
    start = doc.blocks.index(next(b for b in doc.blocks if isinstance(b, Heading) and b.text == "严格规范公正文明执法"))
    items = [b for b in doc.blocks[start + 1:] if isinstance(b, Paragraph)][:3]
    # the city's own items first, then units in _report order, numbered within the area
    assert [p.text for p in items] == ["市政府统筹推进执法改革。", "全面推行行政执法三项制度。", "全年新增减免责事项32项。"]
    # numbered within the area; a unit's untitled item is a plain paragraph
    assert [p.lead[:2] for p in items] == ["1.", "", "2."]
    assert "党政主要负责人" in headings(doc, 1)[2]
    assert isinstance(doc.blocks[-1], Signature) and doc.blocks[-1].date == "2024年3月20日"


def test_templates_override_wording(mini, tmp_path):
    from reportgen.templating import DEFAULT_TEMPLATES

    custom = tmp_path / "custom"
    custom.mkdir()
    text = (DEFAULT_TEMPLATES / "report.j2").read_text(encoding="utf-8")
    (custom / "report.j2").write_text(text.replace('part("主要存在问题")', 'part("存在的不足和原因")'), encoding="utf-8")
    doc = unit_document(mini.check().data.units[0], custom)
    assert headings(doc, 1)[1] == "二、存在的不足和原因"


@pytest.mark.parametrize(
    "title, lines",
    [
        ("测试市司法局2023年法治政府建设年度报告", ("测试市司法局2023年法治政府建设年度报告",)),
        # balanced, upper line not longer than the lower, never inside a word
        ("云澜市人民政府2023年法治政府建设年度报告", ("云澜市人民政府2023年", "法治政府建设年度报告")),
        ("云澜市城市管理和综合执法局2023年法治政府建设年度报告", ("云澜市城市管理和综合执法局", "2023年法治政府建设年度报告")),
    ],
)
def test_long_titles_break_between_words(title, lines):
    from reportgen.model.document import title_lines

    assert title_lines(title) == lines


def test_templates_can_use_indicator_figures(mini, tmp_path):
    from reportgen.model.indicators import indicator_results
    from reportgen.templating import DEFAULT_TEMPLATES

    custom = tmp_path / "custom"
    custom.mkdir()
    text = (DEFAULT_TEMPLATES / "report.j2").read_text(encoding="utf-8")
    sentence = ('{{ paragraph("全年新增减免责事项" ~ (indicator("减免责清单事项").value | number) ~ "项，"'
                ' ~ indicator("考评排名").status ~ "。") }}\n')
    (custom / "report.j2").write_text(text.replace('{{- part("主要做法和成效") }}', sentence + '{{- part("主要做法和成效") }}'),
                                      encoding="utf-8")
    data = mini.check().data
    results = indicator_results(data.plan.indicators, data.units, 2023, data.previous)
    doc = city_document(data, custom, results)
    assert any(isinstance(b, Paragraph) and b.text == "全年新增减免责事项419项，已完成。" for b in doc.blocks)


def test_template_errors_are_reported_in_chinese(mini, tmp_path):
    from reportgen.errors import ReportgenError

    custom = tmp_path / "custom"
    custom.mkdir()
    (custom / "report.j2").write_text('{{ title(doc.title) }}\n{% if %}\n', encoding="utf-8")
    with pytest.raises(ReportgenError, match=r"report.j2:2 有语法错误"):
        unit_document(mini.check().data.units[0], custom)
    (custom / "report.j2").write_text('{{ paragraph(indicator("不存在").value) }}\n', encoding="utf-8")
    with pytest.raises(ReportgenError, match="不存在"):
        unit_document(mini.check().data.units[0], custom)


def test_draft_adds_a_source_note_after_each_merged_item(mini):
    from reportgen.model.document import SourceNote

    data = mini.check().data
    plain = city_document(data)
    assert not any(isinstance(b, SourceNote) for b in plain.blocks)
    draft = city_document(data, draft=True)
    notes = [(i, b) for i, b in enumerate(draft.blocks) if isinstance(b, SourceNote)]
    items = [b for b in draft.blocks if isinstance(b, Paragraph)]
    merged = [p for p in items if p.source and p.source.file.endswith(("司法局.yaml", "市场局.yaml"))]
    assert len(notes) == sum(len(g.items) for u in data.units for g in u.groups) == 3
    for index, note in notes:  # right after its item, naming the unit and file:line
        item = draft.blocks[index - 1]
        assert item in merged
        assert note.text == f"〔来源：{'测试市司法局' if '司法局' in item.source.file else '测试市市场监督管理局'} " \
                            f"{item.source.file}:{item.source.line}〕"
