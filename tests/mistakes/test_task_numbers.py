"""`关联任务: [16，17]` and `关联任务: 16、17`: one error that shows `[16, 17]`."""

import pytest

from edits import UNIT, check, problems


@pytest.mark.parametrize("written", ["[4，6]", "4、6", "4，6", "[4、6]"])
def test_one_error_showing_the_right_form(sample, written):
    line = sample.replace(UNIT, "关联任务: [4, 6]", f"关联任务: {written}")
    assert [(c, ln) for c, ln, _ in problems(sample)] == [("E123", line)]
    assert "[4, 6]" in check(sample).diagnostics[0].message


def test_numbers_are_still_checked_against_the_plan(sample):
    line = sample.replace(UNIT, "关联任务: [4, 6]", "关联任务: 4、99")
    assert sorted((c, ln) for c, ln, _ in problems(sample)) == [("E123", line), ("E209", line)]
