"""`年度：2023` and `    领域：制度` (full-width colon): the line itself, naming 全角冒号."""

from edits import UNIT, check, problems


def test_top_level_key(sample):
    sample.replace(UNIT, "年度: 2023", "年度：2023")
    assert problems(sample) == [("E117", 2, 3)]
    message = check(sample).diagnostics[0].message
    assert "全角冒号" in message and "年度: 2023" in message


def test_nested_key(sample):
    line = sample.replace(UNIT, "    领域: 制度", "    领域：制度")
    assert problems(sample) == [("E117", line, 7)]


def test_key_of_a_list_item(sample):
    line = sample.replace(UNIT, "      - 标题: 提升政府立法质量和效率", "      - 标题：提升政府立法质量和效率")
    assert problems(sample) == [("E117", line, 11)]
