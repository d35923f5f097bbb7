"""The city report composed from chosen items (合并方式: 选用, reportgen/model/composition.py):
the order of its items, references by title and by position, 改写, --draft notes, and
every reference problem by code and line."""

from __future__ import annotations

from conftest import found, line_of

from reportgen.model.composition import city_groups, compose, merge_by_area, pages_warning, reference, used_items
from reportgen.model.document import Paragraph, SourceNote, city_document

OWN = """主要做法和成效:
  - 标题: 市政府统筹推进
    领域: 执法
    事项:
      - 标题: 市政府自己的事项
        内容: 市政府统一部署执法改革。
"""


def choose(mini, entries: str, mode: str = "选用", own: bool = False) -> str:
    """Append 合并方式 and 选用事项 (YAML lines, indented under it) to the mini _report.yaml."""
    text = mini.read("2023/_report.yaml") + (OWN if own else "")
    text += (f"合并方式: {mode}\n" if mode else "") + "选用事项:\n" + entries
    mini.write("2023/_report.yaml", text)
    return text


def items(groups):
    return [(g.area, i.title, i.text) for g in groups for i in g.items]


def test_own_items_first_then_chosen_ones_in_the_order_listed(mini):
    choose(mini, "  执法:\n    - 市场局/1/1\n    - 司法局/2/1\n  制度:\n    - 司法局/深入推进重点领域立法\n", own=True)
    result = mini.check()
    assert result.diagnostics == []
    groups = compose(result.data)
    assert items(groups) == [
        ("制度", "深入推进重点领域立法", "全年制定地方性法规3件。"),  # plan order: 制度 before 执法
        ("执法", "市政府自己的事项", "市政府统一部署执法改革。"),
        ("执法", "动态调整减免责清单", "全年新增减免责事项32项。"),
        ("执法", None, "全面推行行政执法三项制度。"),
    ]
    assert [g.title for g in groups] == ["完善依法行政制度体系", "健全行政执法工作体系"]


def test_the_city_report_prints_only_the_chosen_items(mini):
    choose(mini, "  执法:\n    - 市场局/1/1 动态调整减免责清单\n")
    doc = city_document(mini.check().data)
    leads = [b.lead for b in doc.blocks if isinstance(b, Paragraph) and b.lead.startswith("1.")]
    assert "1.动态调整减免责清单。" in leads
    assert not any("深入推进重点领域立法" in b.lead for b in doc.blocks if isinstance(b, Paragraph))


def test_without_the_key_every_item_is_merged_as_before(mini):
    data = mini.check().data
    assert data.report.composition.mode == "全部"
    assert city_groups(data) == merge_by_area(data)  # today's merge, untouched
    assert len([i for g in merge_by_area(data) for i in g.items]) == 3
    assert used_items(data) == {("司法局", 1, 1), ("司法局", 2, 1), ("市场局", 1, 1)}


def test_full_width_digits_and_slashes_are_read(mini):
    choose(mini, "  执法:\n    - 市场局／１／１\n")
    result = mini.check()
    assert result.diagnostics == []
    assert used_items(result.data) == {("市场局", 1, 1)}


def test_rewrite_replaces_the_text_and_the_draft_traces_both(mini):
    text = choose(mini, "  执法:\n    - 事项: 市场局/1/1 动态调整减免责清单\n      改写: 新增减免责事项32项。\n")
    data = mini.check().data
    draft = city_document(data, draft=True)
    index, item = next((n, b) for n, b in enumerate(draft.blocks)
                       if isinstance(b, Paragraph) and "动态调整减免责清单" in b.lead)
    assert item.text == "新增减免责事项32项。"
    assert item.source.file.endswith("市场局.yaml") and item.source.line == 7
    note = draft.blocks[index + 1]
    assert isinstance(note, SourceNote)
    assert "市场局.yaml:7" in note.text and f"_report.yaml:{line_of(text, '事项: 市场局')}" in note.text


def test_reference_strings_round_trip(mini):
    data = mini.check().data
    unit = data.units[0]
    assert reference(unit, 1, 1) == "司法局/1/1 深入推进重点领域立法"
    assert reference(unit, 2, 1) == "司法局/2/1"  # an item without a title


def bad(mini, entry: str) -> tuple[str, int]:
    text = choose(mini, f"  执法:\n    - {entry}\n")
    result = mini.check()
    assert result.data is None
    return found(result), line_of(text, f"    - {entry}")


def test_malformed_reference(mini):
    diags, line = bad(mini, "司法局")
    assert diags == [("E230", "_report.yaml", line)]


def test_unknown_unit_suggests_one(mini):
    text = choose(mini, "  执法:\n    - 司法厅/1/1\n")
    result = mini.check()
    assert found(result) == [("E231", "_report.yaml", line_of(text, "司法厅"))]
    assert "是否想写“司法局”" in result.diagnostics[0].message


def test_registered_unit_without_a_file(mini):
    mini.write("2023/_report.yaml", mini.read("2023/_report.yaml") + "  - 代码: 交通局\n    名称: 测试市交通局\n")
    text = choose(mini, "  执法:\n    - 交通局/1/1\n")
    assert ("E232", "_report.yaml", line_of(text, "交通局/1/1")) in found(mini.check())


def test_group_out_of_range(mini):
    diags, line = bad(mini, "司法局/3/1")
    assert diags == [("E233", "_report.yaml", line)]


def test_item_out_of_range(mini):
    diags, line = bad(mini, "司法局/1/2")
    assert diags == [("E234", "_report.yaml", line)]


def test_unknown_title_suggests_one(mini):
    text = choose(mini, "  执法:\n    - 司法局/深入推进重点领域的立法\n")
    result = mini.check()
    assert found(result) == [("E235", "_report.yaml", line_of(text, "司法局/深入"))]
    assert "是否想写“深入推进重点领域立法”" in result.diagnostics[0].message


def test_changed_title_at_the_position_is_an_error_naming_where_it_went(mini):
    # the unit moved its item: the reference still names the old position and title
    mini.replace("2023/司法局.yaml", "      - 内容: 全面推行行政执法三项制度。",
                 "      - 标题: 深入推进重点领域立法\n        内容: 全面推行行政执法三项制度。")
    mini.replace("2023/司法局.yaml", "      - 标题: 深入推进重点领域立法\n        内容: 全年", "      - 标题: 另一个标题\n        内容: 全年")
    text = choose(mini, "  执法:\n    - 司法局/1/1 深入推进重点领域立法\n")
    result = mini.check()
    assert found(result) == [("E236", "_report.yaml", line_of(text, "司法局/1/1"))]
    assert "司法局/2/1" in result.diagnostics[0].message


def test_same_title_twice_needs_a_position(mini):
    mini.replace("2023/司法局.yaml", "      - 内容: 全面推行行政执法三项制度。",
                 "      - 标题: 深入推进重点领域立法\n        内容: 全面推行行政执法三项制度。")
    diags, line = bad(mini, "司法局/深入推进重点领域立法")
    assert diags == [("E237", "_report.yaml", line)]


def test_an_item_chosen_twice_is_a_warning_and_printed_once(mini):
    text = choose(mini, "  执法:\n    - 市场局/1/1\n  制度:\n    - 市场局/动态调整减免责清单\n")
    result = mini.check()
    assert found(result) == [("W320", "_report.yaml", line_of(text, "市场局/动态"))]
    assert len([i for g in compose(result.data) for i in g.items]) == 1


def test_choices_without_the_chosen_mode_are_a_warning(mini):
    text = choose(mini, "  执法:\n    - 市场局/1/1\n", mode="全部")
    result = mini.check()
    assert found(result) == [("W322", "_report.yaml", line_of(text, "合并方式"))]
    assert len([i for g in city_groups(result.data) for i in g.items]) == 3


def test_shape_of_the_keys_is_checked(mini):
    text = mini.read("2023/_report.yaml") + "合并方式: 挑选\n篇幅: 0\n选用事项:\n  司法:\n    - 司法局/1/1\n"
    mini.write("2023/_report.yaml", text)
    assert sorted(found(mini.check())) == sorted([
        ("E205", "_report.yaml", line_of(text, "合并方式")),
        ("E206", "_report.yaml", line_of(text, "篇幅")),
        ("E208", "_report.yaml", line_of(text, "  司法:")),
    ])


def test_length_warning_names_the_page_count(mini):
    text = choose(mini, "  执法:\n    - 市场局/1/1\n") + "篇幅: 2\n"
    mini.write("2023/_report.yaml", text)
    report = mini.check().data.report
    assert pages_warning(report, 2) is None and pages_warning(report, None) is None
    warning = pages_warning(report, 3)
    assert (warning.code, warning.loc.line) == ("W321", line_of(text, "篇幅"))
    assert "3 页" in warning.message


def test_choices_from_a_unit_with_errors_wait_for_its_fix(sample):
    """#18: one error in 司法局.yaml gives one I230 at the first choice from 司法局, not an
    E232 on each of its seven choices (each telling to delete a choice that is fine)."""
    broken = sample.replace("2023/司法局.yaml", "年度: 2023", "年度: 二〇二三")
    first = line_of(sample.read("2023/_report.yaml"), "- 司法局/")
    result = sample.check()
    report = [(code, line) for code, name, line in found(result) if name == "_report.yaml" and code[1:3] == "23"]
    assert report == [("I230", first)]
    assert ("E203", "司法局.yaml", broken) in found(result)
