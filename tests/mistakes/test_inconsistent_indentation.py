"""A key indented unlike its siblings: that line, with the column it should start at."""

import pytest

from edits import UNIT, check, place, problems


@pytest.mark.parametrize("indent", ["   ", "     ", "  "])
def test_key_out_of_line(sample, indent):
    new = f"\n{indent}事项:\n      - 标题: 规范重大行政决策程序"
    sample.replace(UNIT, "\n    事项:\n      - 标题: 规范重大行政决策程序", new)
    line = place(sample.read(UNIT), new)[0] + 1
    assert problems(sample) == [("E121", line, len(indent) + 1)]
    assert "第 5 列" in check(sample).diagnostics[0].message


def test_list_item_out_of_line(sample):
    line = sample.replace(UNIT, "      - 标题: 发挥法律顾问", "     - 标题: 发挥法律顾问")
    assert [(c, ln) for c, ln, _ in problems(sample)] == [("E121", line)]
