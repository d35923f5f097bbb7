"""An opening quote that never closes: the line where the quote opens, not where YAML stopped."""

from edits import UNIT, problems


def test_quote_opened_and_never_closed(sample):
    line = sample.replace(UNIT, "导语: 2023年", '导语: "2023年')
    assert problems(sample) == [("E119", line, 5)]


def test_text_after_the_closing_quote(sample):
    line = sample.replace(UNIT, "        内容: 全年审核", '        内容: "规范性文件"全年审核')
    assert problems(sample) == [("E120", line, 20)]
