"""When no repair of a suspect line lets the parser go on, the nearest suspect comes first and
the parser's line follows as “也可能在第 N 行”."""

from edits import UNIT, check, problems


def test_two_unclosed_quotes_name_both_lines(sample):
    first = sample.replace(UNIT, "  - 标题: 压实法治建设责任", '  - 标题: "压实法治建设责任')
    second = sample.replace(UNIT, "    领域: 领导", '    领域: "领导')
    assert [(c, ln) for c, ln, _ in problems(sample)] == [("E119", first)]
    assert f"也可能在第 {second} 行" in check(sample).diagnostics[0].message


def test_a_certain_mistake_has_no_second_line(sample):
    sample.replace(UNIT, "年度: 2023", "年度：2023")
    assert "也可能" not in check(sample).diagnostics[0].message
