"""Turn units' indicator values and the plan into city values, targets and progress statuses.

Pure functions over the model; the rules are written down in the README
(“指标进度的判定”) and each result carries the reason it was decided, so
indicators.json can say how a status came about.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from reportgen.model.data import Indicator, IndicatorValue, Unit
from reportgen.numbering import format_number

DONE = "已完成"
ON_TRACK = "进度正常"
BEHIND = "进度滞后"
NO_DATA = "无数据"
NOT_APPLICABLE = "不适用"
STATUSES = (DONE, ON_TRACK, BEHIND, NO_DATA, NOT_APPLICABLE)


@dataclass(frozen=True)
class Source:
    unit: str  # unit code
    name: str  # unit name
    value: float | None  # None for 不适用
    note: str | None
    file: str
    line: int


@dataclass(frozen=True)
class Target:
    value: float
    kind: str  # 每年 / 年度目标 / 进度目标 / 最终目标
    final: float | None  # the milestone this year's target leads to
    final_year: int | None


def sources(indicator: Indicator, units: tuple[Unit, ...]) -> list[Source]:
    found = []
    for unit in units:
        for v in unit.indicators:
            if v.name == indicator.name:
                found.append(_source(unit, v))
    return found


def _source(unit: Unit, v: IndicatorValue) -> Source:
    return Source(unit.code, unit.author, v.value if v.applicable else None, v.note, v.loc.file, v.loc.line)


def counted(indicator: Indicator, found: list[Source]) -> list[Source]:
    """The sources the city figure may use: those of the indicator's 责任单位 (and for 单一来源
    only the first of them); a value from any other unit is shown but never counted."""
    if indicator.aggregation == "单一来源":
        return [s for s in found if s.unit == indicator.owners[0]]
    return [s for s in found if s.unit in indicator.owners]


def not_counted_reason(indicator: Indicator, source: Source) -> str:
    if source.unit not in indicator.owners:
        return "不是该指标的责任单位"
    return f"单一来源指标，以第一责任单位（{indicator.owners[0]}）的数值为准"


def combine(indicator: Indicator, found: list[Source]) -> tuple[float | None, list[Source]]:
    """The city value by the indicator's 汇总 rule, and the sources it was taken from."""
    numeric = [s for s in counted(indicator, found) if s.value is not None]
    if indicator.aggregation == "单一来源":
        return (numeric[0].value, numeric[:1]) if numeric else (None, [])
    if not numeric:
        return None, []
    values = [s.value for s in numeric]
    if indicator.aggregation == "求和":
        value = sum(values)
    elif indicator.aggregation == "最小值":
        value = min(values)
    elif indicator.aggregation == "最大值":
        value = max(values)
    else:  # 平均值
        value = sum(values) / len(values)
    return _tidy(value), numeric


def _tidy(value: float) -> float:
    """Round away float noise (0.1 + 0.2) and show whole numbers as integers."""
    value = round(value, 4)
    return int(value) if float(value).is_integer() else value


def target_for(indicator: Indicator, year: int, earliest: tuple[int, float] | None = None) -> Target | None:
    """The target for `year`: 每年, else the milestone of that year, else a straight path
    from the latest 基期 (or the earliest data) to the next milestone."""
    if indicator.annual is not None:
        return Target(indicator.annual, "每年", indicator.annual, None)
    milestones = dict(indicator.targets)
    if year in milestones:
        later = [(y, v) for y, v in indicator.targets if y > year]
        final_year, final = (later[-1] if later else (year, milestones[year]))
        return Target(milestones[year], "年度目标", final, final_year)
    upcoming = [(y, v) for y, v in indicator.targets if y > year]
    if not upcoming:
        if not indicator.targets:
            return None
        last_year, last = indicator.targets[-1]
        return Target(last, "最终目标", last, last_year)  # the plan has ended: hold its last milestone
    next_year, next_value = upcoming[0]
    anchors = [(y, v) for y, v in indicator.baseline if y < year]
    previous = [(y, v) for y, v in indicator.targets if y < year]
    candidates = anchors + previous + ([earliest] if earliest and earliest[0] < year else [])
    if not candidates:
        return Target(next_value, "最终目标", next_value, next_year)
    start_year, start = max(candidates)
    share = (year - start_year) / (next_year - start_year)
    value = start + (next_value - start) * share
    if indicator.kind in ("数量", "排名"):
        # whole things: round to the stricter whole number (24.67 个 → 25; 9.67 名 → 9)
        value = math.floor(value + 1e-9) if indicator.lower_is_better else math.ceil(value - 1e-9)
    return Target(_tidy(value), "进度目标", next_value, next_year)


def meets(indicator: Indicator, value: float, target: float) -> bool:
    # 排名 and 不高于 indicators improve downwards
    return value <= target if indicator.lower_is_better else value >= target


def progress_status(indicator: Indicator, value: float | None, target: Target | None,
                    reported_not_applicable: bool = False) -> tuple[str, str]:
    """(status, why) for the city value against this year's target."""
    if value is None:
        if reported_not_applicable:
            return NOT_APPLICABLE, "责任单位填报为“不适用”"
        return NO_DATA, "没有单位填报数值"
    if target is None:
        return NO_DATA, "规划没有为该年度设定目标"
    sign = indicator.target_sign
    v, t, final = format_number(value), format_number(target.value), format_number(target.final)
    if target.final is not None and meets(indicator, value, target.final) and target.kind != "每年":
        return DONE, f"完成值 {v} {sign} 目标值 {final}（{target.final_year}年）"
    if meets(indicator, value, target.value):
        if target.kind in ("每年", "年度目标", "最终目标"):
            return DONE, f"完成值 {v} {sign} 本年度目标 {t}"
        return ON_TRACK, f"完成值 {v} {sign} 按进度应达到的 {t}（{target.final_year}年目标 {final}）"
    return BEHIND, f"完成值 {v} 未达到本年度应达到的 {t}"


def change_text(indicator: Indicator, value: float | None, last: float | None) -> str:
    """“较上年增长12.5%” / “较上年提高3.2个百分点” / “较上年前移2位”, or "" when not comparable."""
    if value is None or last is None:
        return ""
    diff = value - last
    if indicator.kind == "排名":
        if diff == 0:
            return "与上年持平"
        return f"较上年前移{_tidy(-diff)}位" if diff < 0 else f"较上年后退{_tidy(diff)}位"
    if diff == 0:
        return "与上年持平"
    word = "增长" if diff > 0 else "下降"
    if indicator.kind == "比率":
        word = "提高" if diff > 0 else "降低"
        return f"较上年{word}{_tidy(abs(diff))}个百分点"
    if last == 0:
        return f"较上年{word}{_tidy(abs(diff))}{indicator.unit}"  # no percentage from a zero base
    return f"较上年{word}{abs(diff) / last * 100:.1f}%"


@dataclass(frozen=True)
class IndicatorResult:
    """One row of the indicator table: everything the report, CSV, JSON and overview show."""

    indicator: Indicator
    value: float | None
    sources: tuple[Source, ...]
    target: Target | None
    status: str
    why: str
    last_value: float | None
    change: str
    ignored: tuple[Source, ...] = ()  # values reported but not counted (see `counted`)


def indicator_results(plan_indicators: tuple[Indicator, ...], units: tuple[Unit, ...], year: int,
                      last_year_units: tuple[Unit, ...] | None = None) -> list[IndicatorResult]:
    results = []
    for ind in plan_indicators:
        found = sources(ind, units)
        value, used = combine(ind, found)
        last = combine(ind, sources(ind, last_year_units))[0] if last_year_units is not None else None
        target = target_for(ind, year, (year - 1, last) if last is not None else None)
        eligible = counted(ind, found)
        not_applicable = bool(eligible) and all(s.value is None for s in eligible)
        status, why = progress_status(ind, value, target, not_applicable)
        ignored = tuple(s for s in found if s not in eligible)
        results.append(IndicatorResult(ind, value, tuple(used), target, status, why, last,
                                       change_text(ind, value, last), ignored))
    return results
