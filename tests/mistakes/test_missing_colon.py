"""`年度 2023` (no colon) on line 2: the error is on line 2 and shows the fix."""

from edits import UNIT, check, problems


def test_key_without_colon_is_named_on_its_own_line(sample):
    line = sample.replace(UNIT, "年度: 2023", "年度 2023")
    assert line == 2
    assert problems(sample) == [("E118", 2, 3)]
    assert "年度: 2023" in check(sample).diagnostics[0].message


def test_nested_key_without_colon(sample):
    line = sample.replace(UNIT, "    领域: 决策", "    领域 决策")
    assert problems(sample) == [("E118", line, 7)]


def test_a_long_fix_is_shown_cut_with_an_ellipsis(sample):
    """The corrected line of a long text is cut at 40 characters and says so (……), as E124's does."""
    line = sample.replace(UNIT, "第一责任人履职情况: ", "第一责任人履职情况 ")
    assert problems(sample) == [("E118", line, 10)]
    message = next(d.message for d in check(sample).diagnostics if d.code == "E118")
    assert "第一责任人履职情况: " in message and "……”" in message
