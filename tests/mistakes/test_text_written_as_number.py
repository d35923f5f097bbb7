"""#18: a 标题 or 内容 that YAML reads as a number, 是/否 or a date (标题: 1.50 → 1.5) is an
E203 on its line whose fix is the text as written, in quotes, so it prints unchanged."""

import pytest

from edits import UNIT, check, problems


@pytest.mark.parametrize("written", ["1.50", "yes", "2024-01-05"])
def test_a_text_read_as_another_type_is_told_to_quote_what_was_written(sample, written):
    line = sample.replace(UNIT, "      - 标题: 提升政府立法质量和效率", f"      - 标题: {written}  # 备注")
    assert problems(sample) == [("E203", line, 13)]
    message = next(d.message for d in check(sample).diagnostics if d.code == "E203")
    assert f'"{written}"' in message


def test_a_number_where_a_number_belongs_gets_no_quote_hint(sample):
    sample.replace(UNIT, "年度: 2023", "年度: 2023年")
    message = next(d.message for d in check(sample).diagnostics if d.code == "E203")
    assert '"' not in message
