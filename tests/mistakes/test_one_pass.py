"""A wrong area code, a half-width comma and a missing indicator: all reported in one pass."""

from edits import UNIT, place, problems


def test_schema_punctuation_and_coverage_together(sample):
    area = sample.replace(UNIT, "    领域: 决策", "    领域: 决定")
    sample.replace(UNIT, "细化工作任务86项，", "细化工作任务86项,")
    sample.replace(UNIT, "  行政规范性文件合法性审核率: 100\n", "")
    text = sample.read(UNIT)
    comma = place(text, "86项,")
    indicators = place(text, "指标:")[0]
    codes = {(c, ln) for c, ln, _ in problems(sample)}
    assert codes == {("E208", area), ("W306", comma[0]), ("W302", indicators)}


def test_every_kind_of_half_width_mark_on_a_line(sample):
    line = sample.replace(UNIT, "细化工作任务86项，逐项明确", "细化工作任务86项,逐项明确;责任单位和完成时限,")
    found = [(c, ln) for c, ln, _ in problems(sample)]
    assert found == [("W306", line), ("W306", line)]  # one for “,” (twice), one for “;”
