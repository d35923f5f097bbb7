"""A line `- 二是全年组织…` that continues a 内容: folded into the text, an error at that line."""

from edits import UNIT, problems


def test_dash_line_inside_a_plain_text(sample):
    sample.replace(UNIT, "统筹推进政府立法、合法性审查", "统筹推进政府立法、合法性\n      - 二是审查")
    lines = sample.read(UNIT).splitlines()
    line = next(i for i, text in enumerate(lines, 1) if text.startswith("      - 二是审查"))
    assert problems(sample) == [("E311", line, 7)]
