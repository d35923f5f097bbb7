"""A tab inside a text value: said where it is, and not called indentation."""

from edits import UNIT, check, place, problems


def test_tab_inside_a_value(sample):
    sample.replace(UNIT, "组织42个市直部门", "组织42个\t市直部门")
    line, col = place(sample.read(UNIT), "\t")
    assert problems(sample) == [("E116", line, col)]
    assert "缩进" not in check(sample).diagnostics[0].message.split("（这不是缩进的问题）")[0]


def test_tab_as_indentation_is_still_e102(sample):
    line = sample.replace(UNIT, "    领域: 决策", "\t领域: 决策")
    assert problems(sample) == [("E102", line, 1)]
