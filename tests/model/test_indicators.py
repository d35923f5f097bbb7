"""Indicator arithmetic: 汇总 rules, targets for the year, progress statuses, change wording."""

from __future__ import annotations

import pytest

from reportgen.model.indicators import (BEHIND, DONE, NO_DATA, NOT_APPLICABLE, ON_TRACK, Source, change_text, combine,
                                  progress_status, target_for)
from reportgen.model.data import Indicator


def indicator(kind="数量", direction="不低于", targets=(), annual=None, baseline=(), aggregation="求和",
              owners=("甲", "乙", "丙"), unit="项") -> Indicator:
    return Indicator("测试指标", unit, kind, direction, tuple(targets), annual, tuple(baseline), aggregation, owners)


def src(unit, value):
    return Source(unit, unit + "局", value, None, f"{unit}.yaml", 3)


VALUES = [src("甲", 10), src("乙", 4), src("丙", None)]  # 丙 reported 不适用


@pytest.mark.parametrize(
    "rule, value, used",
    [("求和", 14, ["甲", "乙"]), ("最小值", 4, ["甲", "乙"]), ("最大值", 10, ["甲", "乙"]), ("平均值", 7, ["甲", "乙"])],
)
def test_aggregation_rules(rule, value, used):
    result, sources = combine(indicator(aggregation=rule), VALUES)
    assert result == value and [s.unit for s in sources] == used


def test_single_source_takes_the_responsible_unit():
    result, sources = combine(indicator(aggregation="单一来源", owners=("乙",)), VALUES)
    assert result == 4 and [s.unit for s in sources] == ["乙"]
    assert combine(indicator(aggregation="单一来源", owners=("丁",)), VALUES) == (None, [])


def test_average_keeps_decimals_and_drops_float_noise():
    assert combine(indicator(aggregation="平均值"), [src("甲", 0.1), src("乙", 0.2)])[0] == 0.15
    assert combine(indicator(aggregation="求和"), [src("甲", 0.1), src("乙", 0.2)])[0] == 0.3


def test_no_values_no_city_value():
    assert combine(indicator(), [src("丙", None)]) == (None, [])


def test_annual_target():
    t = target_for(indicator(annual=100), 2023)
    assert (t.value, t.kind) == (100, "每年")


def test_milestone_of_the_year():
    t = target_for(indicator(targets=[(2023, 95), (2025, 100)]), 2023)
    assert (t.value, t.kind, t.final, t.final_year) == (95, "年度目标", 100, 2025)


def test_straight_path_from_the_latest_baseline():
    t = target_for(indicator(targets=[(2025, 600)], baseline=[(2020, 100), (2022, 387)]), 2023)
    assert (t.kind, t.value, t.final) == ("进度目标", 458, 600)  # 387 + (600-387)/3


def test_straight_path_from_a_zero_baseline():
    t = target_for(indicator(targets=[(2025, 30)], baseline=[(2021, 0)]), 2023)
    assert t.value == 15


def test_straight_path_from_the_earliest_data_when_there_is_no_baseline():
    t = target_for(indicator(targets=[(2025, 30)]), 2023, earliest=(2022, 21))
    assert t.value == 24


def test_no_anchor_compares_with_the_milestone():
    t = target_for(indicator(targets=[(2025, 30)]), 2023)
    assert (t.value, t.kind) == (30, "最终目标")


def test_after_the_plan_the_last_milestone_holds():
    t = target_for(indicator(targets=[(2023, 8), (2025, 5)], kind="排名", direction="不高于"), 2026)
    assert (t.value, t.kind) == (5, "最终目标")


def test_no_target_at_all():
    assert target_for(indicator(), 2023) is None


RANK = indicator(kind="排名", direction="不高于", targets=[(2025, 5)], baseline=[(2022, 12)], unit="名")


@pytest.mark.parametrize(
    "ind, value, year, earliest, status",
    [
        (indicator(annual=100, kind="比率"), 100, 2023, None, DONE),
        (indicator(annual=100, kind="比率"), 99.5, 2023, None, BEHIND),
        (indicator(targets=[(2025, 600)], baseline=[(2022, 387)]), 600, 2023, None, DONE),
        (indicator(targets=[(2025, 600)], baseline=[(2022, 387)]), 470, 2023, None, ON_TRACK),
        (indicator(targets=[(2025, 600)], baseline=[(2022, 387)]), 420, 2023, None, BEHIND),
        (indicator(targets=[(2025, 30)], baseline=[(2021, 0)]), 15, 2023, None, ON_TRACK),
        (indicator(targets=[(2025, 30)], baseline=[(2021, 0)]), 14, 2023, None, BEHIND),
        # a rank improves downwards: 12 → 5 by 2025 means at most 9.67 in 2023
        (RANK, 9, 2023, None, ON_TRACK),
        (RANK, 10, 2023, None, BEHIND),
        (RANK, 4, 2023, None, DONE),
        (indicator(kind="比率", direction="不高于", annual=5), 6.5, 2023, None, BEHIND),
        (indicator(kind="比率", direction="不高于", annual=5), 3.2, 2023, None, DONE),
        (indicator(targets=[(2023, 95), (2025, 100)], kind="比率"), 96.8, 2023, None, DONE),
    ],
)
def test_progress_status(ind, value, year, earliest, status):
    assert progress_status(ind, value, target_for(ind, year, earliest))[0] == status


def test_no_data_and_not_applicable():
    ind = indicator(annual=100)
    assert progress_status(ind, None, target_for(ind, 2023))[0] == NO_DATA
    assert progress_status(ind, None, target_for(ind, 2023), reported_not_applicable=True)[0] == NOT_APPLICABLE
    assert progress_status(indicator(), 5, None)[0] == NO_DATA


@pytest.mark.parametrize(
    "ind, value, last, text",
    [
        (indicator(), 450, 400, "较上年增长12.5%"),
        (indicator(), 300, 400, "较上年下降25.0%"),
        (indicator(), 5, 0, "较上年增长5项"),
        (indicator(kind="比率", unit="%"), 96.8, 93.6, "较上年提高3.2个百分点"),
        (RANK, 7, 9, "较上年前移2位"),
        (RANK, 9, 7, "较上年后退2位"),
        (indicator(), 5, 5, "与上年持平"),
        (indicator(), 5, None, ""),
    ],
)
def test_change_text(ind, value, last, text):
    assert change_text(ind, value, last) == text


def test_progress_targets_of_whole_things_round_to_the_stricter_side():
    assert target_for(indicator(targets=[(2025, 30)], baseline=[(2022, 22)]), 2023).value == 25  # 24.67
    assert target_for(RANK, 2023).value == 9  # 9.67 名: 9th place or better
    assert target_for(indicator(kind="比率", targets=[(2025, 90)], baseline=[(2022, 60)]), 2024).value == 80
