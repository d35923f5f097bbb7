"""An empty 标题 in group 2: the message names the group by its number and title."""

from edits import UNIT, check, problems


def test_empty_item_title_in_the_second_group(sample):
    line = sample.replace(UNIT, "      - 标题: 提升政府立法质量和效率", "      - 标题: ''")
    assert problems(sample) == [("E204", line, 13)]
    message = check(sample).diagnostics[0].message
    assert message.startswith("主要做法和成效 第2组（坚持立法为民…）第1项：标题")


def test_two_groups_get_two_different_places(sample):
    sample.replace(UNIT, "      - 标题: 提升政府立法质量和效率", "      - 标题: ''")
    sample.replace(UNIT, "      - 标题: 推动第一责任人职责落地见效", "      - 标题: ''")
    messages = [d.message for d in check(sample).diagnostics]
    assert len(messages) == 2 and messages[0] != messages[1]
