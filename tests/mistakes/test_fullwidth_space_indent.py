"""`　　领域: 决策`: two full-width spaces as indentation, named with their code point."""

from edits import UNIT, check, problems


def test_fullwidth_spaces_before_a_key(sample):
    line = sample.replace(UNIT, "    领域: 决策", "\u3000\u3000领域: 决策")
    assert problems(sample) == [("E115", line, 1)]
    assert "U+3000" in check(sample).diagnostics[0].message


def test_fullwidth_space_after_ascii_spaces_even_when_yaml_parses(sample):
    # YAML reads “　　- 标题” as a key; the filler meant a list item
    line = sample.replace(UNIT, "      - 标题: 规范重大行政决策程序", "    \u3000- 标题: 规范重大行政决策程序")
    assert problems(sample) == [("E115", line, 5)]
