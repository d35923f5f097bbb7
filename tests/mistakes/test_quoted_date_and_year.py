"""`成文日期: "2024-02-06"` and `年度: "2023"` are the date and the year (the skeleton shows quotes)."""

import datetime as _dt

from edits import UNIT, check, problems


def test_quoted_date_is_a_date(sample):
    sample.replace(UNIT, "成文日期: 2024-02-06", '成文日期: "2024-02-06"')
    assert problems(sample) == []
    unit = check(sample).clean.units["司法局"]
    assert unit.date == _dt.date(2024, 2, 6)


def test_quoted_year_is_the_year(sample):
    sample.replace(UNIT, "年度: 2023", '年度: "2023"')
    assert problems(sample) == []


def test_quoted_day_that_does_not_exist(sample):
    line = sample.replace(UNIT, "成文日期: 2024-02-06", '成文日期: "2024-02-30"')
    assert [(c, ln) for c, ln, _ in problems(sample)] == [("E108", line)]
