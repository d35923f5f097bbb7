"""A value typed after the skeleton's `#`: “没有填写” explains that it is a comment."""

from edits import UNIT, check, problems


def test_value_after_the_hash_of_the_comment(sample):
    line = sample.replace(UNIT, "  行政规范性文件合法性审核率: 100", '  "行政规范性文件合法性审核率":    # 比率 100')
    assert [(c, ln) for c, ln, _ in problems(sample)] == [("E211", line)]
    assert "注释" in check(sample).diagnostics[0].message


def test_text_after_the_hash_of_an_empty_value(sample):
    line = sample.replace(UNIT, "导语: 2023年，", "导语: # 2023年，")
    assert [(c, ln) for c, ln, _ in problems(sample)] == [("E204", line)]
    assert "注释" in check(sample).diagnostics[0].message
