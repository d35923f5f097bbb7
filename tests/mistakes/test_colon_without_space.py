"""#18: `年度:2023` (no space after the colon), the commonest slip, at any depth: E124 on
exactly that line, with the corrected line; a text starting with “[” or “{”: E125, quote it."""

import pytest

from edits import UNIT, check, problems

SLIPS = [
    ("年度: 2023", "年度:2023", "年度: 2023"),  # top level
    ("  - 标题: 压实法治建设责任", "  - 标题:压实法治建设责任", "- 标题: 压实法治建设责任"),  # a group's first key
    ("    领域: 制度", "    领域:制度", "领域: 制度"),  # nested key
    ("      - 标题: 提升政府立法质量和效率", "      - 标题:提升政府立法质量和效率", "- 标题: 提升政府立法质量和效率"),
    ("        内容: 全年审核", "        内容:全年审核", "内容: 全年审核"),  # a text, one line below its title
    ("  重大行政决策合法性审查率: 100", "  重大行政决策合法性审查率:100", "重大行政决策合法性审查率: 100"),  # indicator
    ("导语: 2023年", "导语:2023年", "导语: 2023年"),
    # an item with one key parses as a text “内容:编制……”: the key's name would be printed
    ("      - 标题: 提升政府立法质量和效率\n        内容: 编制", "      - 内容:编制", "- 内容: 编制"),
]


@pytest.mark.parametrize("old, new, fixed", SLIPS, ids=[s[1].strip() for s in SLIPS])
def test_colon_without_a_space_is_named_on_its_line(sample, old, new, fixed):
    line = sample.replace(UNIT, old, new)
    col = len(new.split(":")[0]) + 1  # the colon
    assert problems(sample) == [("E124", line, col)]
    assert fixed in next(d.message for d in check(sample).diagnostics if d.code == "E124")


@pytest.mark.parametrize("value", ["[全年审核", "{全年审核", "[重点]全年审核"])
def test_a_text_starting_with_a_bracket_is_told_to_add_quotes(sample, value):
    line = sample.replace(UNIT, "        内容: 全年审核", f"        内容: {value}")
    assert problems(sample) == [("E125", line, 13)]
    assert f'内容: "{value}' in next(d.message for d in check(sample).diagnostics if d.code == "E125")


def test_a_list_of_task_numbers_keeps_the_bracket_error(sample):
    line = sample.replace(UNIT, "关联任务: [5]", "关联任务: [5")
    assert problems(sample) == [("E101", line, 15)]


@pytest.mark.parametrize("value", ["[重点]", "{重点}"])
def test_a_text_that_yaml_read_as_a_list_is_told_to_add_quotes(sample, value):
    line = sample.replace(UNIT, "        内容: 全年审核市政府及市政府办公室规范性文件41件", f"        内容: {value}\n        x: 全年审核")
    assert ("E125", line, 13) in problems(sample)


@pytest.mark.parametrize("opening", ["[一是]", "{一是}", "[一是"])
def test_a_list_item_starting_with_a_bracket_is_told_to_add_quotes(sample, opening):
    """A 存在问题 item is a text as much as a key's value: “- [一是]……” gets E125 on its line,
    not an indentation error (E101) that sends the filler to the wrong fix."""
    line = sample.replace(UNIT, "  - 地方立法对新兴领域", f"  - {opening}地方立法对新兴领域")
    assert problems(sample) == [("E125", line, 5)]
    assert f'- "{opening}地方立法' in next(d.message for d in check(sample).diagnostics if d.code == "E125")


@pytest.mark.parametrize("old, new, col", [
    ("导语: 2023年", "导语: [重点工作]\n# 2023年", 5),  # a paragraph key: legal YAML, a list of one
    ("  - 地方立法对新兴领域", "  - [地方立法]\n  - 地方立法对新兴领域", 5),  # a 存在问题 entry
])
def test_a_text_wholly_in_brackets_is_told_to_add_quotes(sample, old, new, col):
    """`导语: [重点工作]` parses as a list, so the report would print 重点工作 without the
    brackets the author wrote: E125 on that line, and no type error (E203) from the same slip."""
    line = sample.replace(UNIT, old, new)
    assert problems(sample) == [("E125", line, col)]


def test_a_list_of_entries_in_brackets_stays_legal(sample):
    """存在问题: [甲, 乙] is YAML's way to write two entries: no E125."""
    text = sample.read(UNIT)
    start, end = text.index("存在问题:"), text.index("第一责任人履职情况:")
    sample.write(UNIT, text[:start] + "存在问题: [执法不规范，主要是培训不足, 立法滞后，主要是调研不足]\n" + text[end:])
    assert "E125" not in [d.code for d in check(sample).diagnostics]


def test_paragraphs_written_as_a_list_of_quoted_texts_stay_legal(sample):
    """导语: ["甲", "乙"] is a list on purpose (its words are quoted): two paragraphs, no E125."""
    sample.replace(UNIT, "导语: 2023年", '导语: ["2023年，我局推进依法行政。", "全年办结案件120件。"]\n# 2023年')
    assert "E125" not in [d.code for d in check(sample).diagnostics]
