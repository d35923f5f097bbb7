"""`check_year` on a small project: every error and warning, with its file and line."""

from __future__ import annotations

import re

import pytest

from conftest import codes, found, line_of

UNIT = "2023/司法局.yaml"
MARKET = "2023/市场局.yaml"
REPORT = "2023/_report.yaml"
PLAN = "plan.yaml"


def test_clean_project_passes_and_builds_the_model(mini):
    result = mini.check()
    assert result.diagnostics == []
    assert result.files == 4
    data = result.data
    assert [u.code for u in data.units] == ["司法局", "市场局"]  # the order of _report.yaml
    unit = data.units[0]
    assert unit.title == "测试市司法局2023年法治政府建设年度报告"
    assert [g.area for g in unit.groups] == ["制度", "执法"]
    assert unit.groups[0].items[0].tasks == (1,)
    assert unit.groups[0].items[0].loc.line == line_of(mini.read(UNIT), "深入推进重点领域立法")
    values = {v.name: (v.value, v.note) for v in unit.indicators}
    assert values == {"合法性审查率": (100, None), "考评排名": (7, "较上年前移2位")}
    indicator = data.plan.indicator("考评排名")
    assert indicator.targets == ((2023, 8), (2025, 5)) and indicator.annual is None
    assert data.plan.indicator("合法性审查率").annual == 100


# --- errors in unit files --------------------------------------------------------------


def test_unknown_key_suggests_the_right_one(mini):
    line = mini.replace(UNIT, "  - 标题: 坚持立法为民", "  - 标提: 坚持立法为民")
    result = mini.check()
    assert ("E201", "司法局.yaml", line) in found(result)
    message = next(d.message for d in result.diagnostics if d.code == "E201")
    assert "标提" in message and "是否想写“标题”" in message


def test_missing_required_key(mini):
    mini.replace(MARKET, "存在问题:\n  - 监管方式仍需创新。\n  - 由于监管力量不足，抽查覆盖面不够。\n", "")
    result = mini.check()
    assert [(c, f) for c, f, _ in found(result)] == [("E202", "市场局.yaml")]
    assert "存在问题" in result.diagnostics[0].message


def test_wrong_type(mini):
    line = mini.replace(UNIT, "年度: 2023", "年度: 二〇二三")
    result = mini.check()
    assert found(result) == [("E203", "司法局.yaml", line)]
    assert "整数" in result.diagnostics[0].message


def test_boolean_is_not_an_integer(mini):
    line = mini.replace(UNIT, "年度: 2023", "年度: true")
    assert found(mini.check()) == [("E203", "司法局.yaml", line)]


def test_list_where_a_mapping_belongs(mini):
    line = mini.replace(UNIT, "  - 标题: 坚持立法为民\n    领域: 制度", "  - [坚持立法为民, 制度]\n  - 标题: 坚持立法为民\n    领域: 制度")
    assert ("E203", "司法局.yaml", line) in found(mini.check())


def test_empty_text(mini):
    line = mini.replace(UNIT, "导语: 2023年，我局坚持立法为民。", "导语: ''")
    assert found(mini.check()) == [("E204", "司法局.yaml", line)]


def test_unknown_plan_area(mini):
    line = mini.replace(UNIT, "    领域: 制度", "    领域: 制定")
    result = mini.check()
    assert found(result) == [("E208", "司法局.yaml", line)]
    assert "是否想写“制度”" in result.diagnostics[0].message


def test_unknown_task_number(mini):
    line = mini.replace(UNIT, "关联任务: [1]", "关联任务: [1, 9]")
    result = mini.check()
    assert found(result) == [("E209", "司法局.yaml", line)]
    assert "9" in result.diagnostics[0].message


def test_unknown_indicator_suggests_the_right_one(mini):
    line = mini.replace(UNIT, "  合法性审查率: 100", "  合法性审核率: 100")
    result = mini.check()
    assert ("E210", "司法局.yaml", line) in found(result)
    assert "是否想写“合法性审查率”" in next(d.message for d in result.diagnostics if d.code == "E210")


@pytest.mark.parametrize(
    "old, new, hint",
    [
        ("合法性审查率: 100", "合法性审查率: 120", "0 到 100"),
        ("合法性审查率: 100", "合法性审查率: 100%", "百分号"),
        ("合法性审查率: 100", "合法性审查率: １００", "半角"),
        ("合法性审查率: 100", "合法性审查率: '100'", "引号"),
        ("合法性审查率: 100", "合法性审查率: .nan", "NaN"),
        ("合法性审查率: 100", "合法性审查率: .inf", "无穷"),
        ("合法性审查率: 100", "合法性审查率:", "没有填写"),
        ("合法性审查率: 100", "合法性审查率: 很高", "数字"),
        ("考评排名: {值: 7", "考评排名: {值: 0", "排名从 1 开始"),
        ("考评排名: {值: 7", "考评排名: {值: 7.5", "整数"),
    ],
)
def test_indicator_value_outside_its_type(mini, old, new, hint):
    line = mini.replace(UNIT, old, new)
    result = mini.check()
    assert found(result) == [("E211", "司法局.yaml", line)]
    assert hint in result.diagnostics[0].message


def test_negative_quantity(mini):
    line = mini.replace(MARKET, "减免责清单事项: 419", "减免责清单事项: -3")
    result = mini.check()
    assert found(result) == [("E211", "市场局.yaml", line)]


def test_not_applicable_is_accepted(mini):
    mini.replace(MARKET, "减免责清单事项: 419", "减免责清单事项: 不适用")
    result = mini.check()
    assert result.diagnostics == []
    value = result.data.units[1].indicators[1]
    assert (value.applicable, value.value) == (False, None)


def test_year_must_match_folder(mini):
    line = mini.replace(UNIT, "年度: 2023", "年度: 2022")
    result = mini.check()
    assert found(result) == [("E212", "司法局.yaml", line)]
    assert "2023" in result.diagnostics[0].message


def test_unit_name_must_match_registration(mini):
    line = mini.replace(UNIT, "单位: 测试市司法局", "单位: 测试市司法厅")
    result = mini.check()
    assert found(result) == [("E213", "司法局.yaml", line)]
    assert "测试市司法局" in result.diagnostics[0].message


def test_file_for_an_unlisted_code(mini):
    mini.write("2023/信访局.yaml", mini.read(MARKET).replace("测试市市场监督管理局", "测试市信访局"))
    result = mini.check()
    assert ("E214", "信访局.yaml", 1) in found(result)
    assert result.data is None


def test_unit_code_in_report_must_be_a_safe_file_name(mini):
    line = mini.replace(REPORT, "  - 代码: 市场局", "  - 代码: ../市场局")
    assert ("E215", "_report.yaml", line) in found(mini.check())


def test_unit_file_with_an_unsafe_name(mini):
    mini.write("2023/市场 局.yaml", mini.read(MARKET))
    assert ("E215", "市场 局.yaml", 1) in found(mini.check())


def test_top_level_must_be_a_mapping(mini):
    mini.write(UNIT, "- 单位: 测试市司法局\n- 年度: 2023\n")
    assert found(mini.check()) == [("E110", "司法局.yaml", 1)]


def test_yaml_errors_in_a_unit_are_reported_with_the_rest(mini):
    text = mini.read(UNIT) + "导语: 第二次\n"
    mini.write(UNIT, text)
    line = mini.replace(MARKET, "年度: 2023", "年度: 2022")
    assert set(found(mini.check())) == {("E103", "司法局.yaml", len(text.splitlines())), ("E212", "市场局.yaml", line)}


# --- errors in the plan and _report.yaml ---------------------------------------------


def test_missing_files(mini):
    (mini.root / PLAN).unlink()
    assert codes(mini.check()) == ["E216"]


def test_missing_year_folder(mini):
    assert codes(mini.check(2030)) == ["E216"]


def test_missing_report(mini):
    (mini.root / REPORT).unlink()
    result = mini.check()
    assert codes(result) == ["E216"] and "_report.yaml" in result.diagnostics[0].message


def test_plan_value_not_allowed(mini):
    line = mini.replace(PLAN, "类型: 比率", "类型: 比例")
    result = mini.check()
    assert found(result) == [("E205", "plan.yaml", line)]
    assert "比率、数量、排名" in result.diagnostics[0].message


def test_plan_value_below_minimum(mini):
    line = mini.replace(PLAN, "编号: 3", "编号: 0")
    assert found(mini.check()) == [("E206", "plan.yaml", line)]


def test_plan_duplicate_indicator_name(mini):
    first = mini.replace(PLAN, "名称: 考评排名", "名称: 合法性审查率")
    second = line_of(mini.read(PLAN), "名称: 合法性审查率", start=first)
    result = mini.check()
    assert found(result) == [("E207", "plan.yaml", second)]
    assert f"第 {first} 行" in result.diagnostics[0].message


def test_plan_task_with_unknown_area(mini):
    line = mini.replace(PLAN, "    领域: 执法\n    内容: 推行包容审慎监管。", "    领域: 执行\n    内容: 推行包容审慎监管。")
    assert found(mini.check()) == [("E208", "plan.yaml", line)]


def test_plan_target_outside_plan_years(mini):
    line = mini.replace(PLAN, "目标: {2025: 600}", "目标: {2030: 600}")
    assert found(mini.check()) == [("E217", "plan.yaml", line)]


def test_plan_target_outside_its_type(mini):
    line = mini.replace(PLAN, "目标: {每年: 100}", "目标: {每年: 150}")
    assert found(mini.check()) == [("E211", "plan.yaml", line)]


def test_report_duplicate_unit_code(mini):
    first = mini.replace(REPORT, "  - 代码: 市场局\n    名称: 测试市市场监督管理局", "  - 代码: 司法局\n    名称: 测试市市场监督管理局")
    second = line_of(mini.read(REPORT), "  - 代码: 司法局", start=first)
    assert ("E207", "_report.yaml", second) in found(mini.check())


def test_report_unknown_area_title(mini):
    text = mini.read(REPORT) + "领域标题:\n  制度: 完善制度体系\n  监督: 强化监督\n"
    mini.write(REPORT, text)
    assert found(mini.check()) == [("E208", "_report.yaml", len(text.splitlines()))]


# --- warnings ------------------------------------------------------------------------


def test_listed_unit_without_file(mini):
    (mini.root / MARKET).unlink()
    result = mini.check()
    line = line_of(mini.read(REPORT), "  - 代码: 市场局")
    assert ("W301", "_report.yaml", line) in found(result)
    assert not result.errors and result.data is not None


def test_responsible_unit_without_indicator(mini):
    mini.replace(UNIT, "  考评排名: {值: 7, 说明: 较上年前移2位}\n", "")
    result = mini.check()
    assert found(result) == [("W302", "司法局.yaml", line_of(mini.read(UNIT), "指标:"))]
    assert "考评排名" in result.diagnostics[0].message


def test_lead_unit_linking_no_item(mini):
    mini.replace(UNIT, "        关联任务: [2]\n", "")
    result = mini.check()
    assert found(result) == [("W303", "司法局.yaml", line_of(mini.read(UNIT), "主要做法和成效:"))]
    assert "2" in result.diagnostics[0].message


def test_city_report_without_first_responsible_part(mini):
    mini.replace(REPORT, "第一责任人履职情况: 市政府主要负责同志专题研究法治政府建设工作。\n", "")
    result = mini.check()
    assert found(result) == [("W304", "_report.yaml", 1)]
    assert "督察工作规定" in result.diagnostics[0].message


@pytest.mark.parametrize(
    "rel, date, warned",
    [
        (UNIT, "2024-03-01", False),
        (UNIT, "2024-03-02", True),
        (REPORT, "2024-03-31", False),
        (REPORT, "2024-04-01", True),
    ],
)
def test_date_after_deadline(mini, rel, date, warned):
    old = "成文日期: 2024-02-20" if rel == UNIT else "成文日期: 2024-03-20"
    line = mini.replace(rel, old, f"成文日期: {date}")
    result = mini.check()
    assert found(result) == ([("W305", rel.split("/")[1], line)] if warned else [])


def test_half_width_punctuation_points_at_the_character(mini):
    line = mini.replace(UNIT, "内容: 全年制定地方性法规3件。", "内容: 全年制定地方性法规3件,修改2件。")
    result = mini.check()
    col = mini.read(UNIT).splitlines()[line - 1].index(",") + 1
    assert [(d.code, d.loc.line, d.loc.col) for d in result.diagnostics] == [("W306", line, col)]
    assert "，" in result.diagnostics[0].message


@pytest.mark.parametrize("text", ["内容: 处理(含复查)案件", "内容: 依据如下:一是", "内容: 一是立法;二是执法"])
def test_half_width_punctuation_kinds(mini, text):
    mini.replace(UNIT, "内容: 全年制定地方性法规3件。", text)
    assert set(codes(mini.check())) == {"W306"}  # “(” and “)” are two kinds, one warning each


def test_half_width_punctuation_between_digits_is_fine(mini):
    mini.replace(UNIT, "内容: 全年制定地方性法规3件。", "内容: 全年受理1,024件，英文名 rule of law, in short。")
    assert mini.check().diagnostics == []


def test_plan_unit_code_not_in_year_list(mini):
    line = mini.replace(PLAN, "    配合单位: [市场局]", "    配合单位: [市场局, 交通局]")
    assert found(mini.check()) == [("W307", "plan.yaml", line)]


def test_warnings_alone_leave_a_model(mini):
    mini.replace(UNIT, "内容: 全年制定地方性法规3件。", "内容: 全年制定地方性法规3件,修改2件。")
    result = mini.check()
    assert result.warnings and not result.errors and result.data is not None


def test_single_source_indicator_reported_by_another_unit(mini):
    line = mini.replace(MARKET, "  减免责清单事项: 419", "  减免责清单事项: 419\n  考评排名: 9")
    line = line_of(mini.read(MARKET), "考评排名: 9")
    result = mini.check()
    assert found(result) == [("W308", "市场局.yaml", line)]
    assert "测试市司法局" in result.diagnostics[0].message


def test_previous_year_values_are_read_leniently(mini):
    (mini.root / "2022").mkdir()
    mini.write("2022/司法局.yaml", "单位: 测试市司法局\n年度: 2022\n指标:\n  合法性审查率: 98\n  考评排名: {值: 9}\n  不存在的指标: 1\n")
    mini.write("2022/市场局.yaml", "单位: 测试市市场监督管理局\n指标:\n  减免责清单事项: 不适用\n  合法性审查率: 120\n")
    result = mini.check()
    assert result.diagnostics == []
    previous = {u.code: {v.name: v.value for v in u.indicators} for u in result.data.previous}
    assert previous == {"司法局": {"合法性审查率": 98, "考评排名": 9}, "市场局": {"减免责清单事项": None}}


def test_unreadable_previous_year_file_is_a_warning(mini):
    (mini.root / "2022").mkdir()
    mini.write("2022/司法局.yaml", "单位: 甲\n单位: 乙\n\t指标: 1\n")
    result = mini.check()
    assert [c for c, f, _ in found(result)] == ["W309"]
    assert result.data is not None and result.data.previous == ()


def test_no_previous_year_folder(mini):
    assert mini.check().data.previous is None


def test_every_message_code_is_in_the_readme_table():
    from conftest import ROOT
    from reportgen.messages import MESSAGES

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| ([EWI]\d{3})(?:、([EWI]\d{3}))? \|", readme, re.M))
    codes = {c for pair in listed for c in pair if c}
    assert codes == set(MESSAGES)


# --- limits --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "rel, old, new, code",
    [
        (REPORT, "    名称: 测试市市场监督管理局", "    名称: " + "测" * 51, "E220"),
        (REPORT, "  - 代码: 市场局", "  - 代码: " + "局" * 51, "E215"),
        (REPORT, "报告机关: 测试市人民政府", "报告机关: " + "测" * 51, "E220"),
        (UNIT, "年度: 2023", "标题: " + "题" * 81 + "\n年度: 2023", "E220"),
        (UNIT, "内容: 全年制定地方性法规3件。", "内容: " + "文" * 5001, "E220"),
        (UNIT, "  - 基层执法人员素质有待提高。", "  - " + "问" * 5001, "E220"),
        (UNIT, "说明: 较上年前移2位", "说明: " + "说" * 5001, "E220"),
        (MARKET, "减免责清单事项: 419", "减免责清单事项: 1000000000001", "E211"),
        (MARKET, "减免责清单事项: 419", "减免责清单事项: '不适用 '", "E211"),
    ],
)
def test_limits_on_texts_names_and_values(mini, rel, old, new, code):
    line = mini.replace(rel, old, new)
    assert found(mini.check()) == [(code, rel.split("/")[-1], line)]


def test_a_list_over_the_limit_is_one_error_at_its_key(mini):
    from reportgen.read.schema import MAX_ENTRIES

    items = "".join(f"  - 第{i}个问题。\n" for i in range(MAX_ENTRIES + 1))
    mini.replace(MARKET, "存在问题:\n  - 监管方式仍需创新。\n  - 由于监管力量不足，抽查覆盖面不够。\n", "存在问题:\n" + items)
    result = mini.check()
    assert found(result) == [("E219", "市场局.yaml", line_of(mini.read(MARKET), "存在问题"))]
    assert str(MAX_ENTRIES + 1) in result.diagnostics[0].message


def test_the_unit_list_of_a_province_may_be_long(mini):
    from reportgen.read.schema import MAX_ENTRIES, MAX_UNITS

    many = "".join(f"  - {{代码: 单位{i}, 名称: 测试市第{i}单位}}\n" for i in range(MAX_ENTRIES + 1))
    mini.write("2023/_report.yaml", mini.read("2023/_report.yaml").replace("单位:\n", "单位:\n" + many, 1))
    assert "E219" not in codes(mini.check())  # W301 for each unit without a file, but no E219
    too_many = "".join(f"  - {{代码: 单位{i}, 名称: 测试市第{i}单位}}\n" for i in range(MAX_UNITS + 1))
    mini.write("2023/_report.yaml", mini.read("2023/_report.yaml").replace("单位:\n", "单位:\n" + too_many, 1))
    assert "E219" in codes(mini.check())
