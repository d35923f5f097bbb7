"""Rules that span more than one value or file: uniqueness, the plan's references,
the year's unit list, deadlines, coverage of tasks and indicators, punctuation.
"""

from __future__ import annotations

import datetime as _dt
import re

from .errors import Diagnostic, Loc
from .loader import Loaded
from .messages import diag, suggestion
from .model import Plan, Report, Unit
from .validate import check_indicator_value, check_year_values

_CJK = r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef\u201c\u201d]"
_HALF_WIDTH = re.compile(rf"(?<={_CJK})[,;:()?!]|[,;:()?!](?={_CJK})")
FULL_WIDTH = {",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "?": "？", "!": "！"}


def to_full_width(text: str) -> str:
    """Every half-width mark W306 would report, made full-width (repeated: a replaced mark
    counts as Chinese, so “(1)” after a Chinese word becomes “（1）”)."""
    while True:
        changed = _HALF_WIDTH.sub(lambda m: FULL_WIDTH[m.group()], text)
        if changed == text:
            return text
        text = changed


def half_width_punctuation(loaded: Loaded) -> list[Diagnostic]:
    """W306 for the first half-width mark between Chinese characters in each text."""
    found = []

    def visit(value, path):
        if isinstance(value, dict):
            for k, v in value.items():
                visit(v, path + (k,))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                visit(v, path + (i,))
        elif isinstance(value, str):
            match = _HALF_WIDTH.search(value)
            if match:
                char = match.group()
                found.append(diag("W306", loaded.char_loc(path, match.start()), char=char, full=FULL_WIDTH[char]))

    visit(loaded.data, ())
    return found


def _duplicates(loaded: Loaded, list_key: str, field: str) -> list[Diagnostic]:
    found, first = [], {}
    for i, entry in enumerate(loaded.data.get(list_key) or ()):
        if not isinstance(entry, dict) or field not in entry:
            continue
        value = entry[field]
        try:
            hash(value)
        except TypeError:
            continue
        path = (list_key, i, field)
        if value in first:
            found.append(diag("E207", loaded.loc(path), key=field, value=value, first_line=first[value].line))
        else:
            first[value] = loaded.loc(path)
    return found


def check_plan(loaded: Loaded) -> list[Diagnostic]:
    """Plan rules beyond the schema (run only when the schema passed)."""
    d = loaded.data
    found = []
    for key, field in (("领域", "代码"), ("任务", "编号"), ("指标", "名称")):
        found += _duplicates(loaded, key, field)
    if d["起始年度"] > d["截止年度"]:
        found.append(diag("E206", loaded.loc(("截止年度",)), key="截止年度", value=d["截止年度"],
                          limit=f"不能早于起始年度 {d['起始年度']}"))
    codes = [a["代码"] for a in d["领域"]]
    for i, task in enumerate(d.get("任务") or ()):
        if task["领域"] not in codes:
            found.append(diag("E208", loaded.loc(("任务", i, "领域")), value=task["领域"],
                              suggestion=suggestion(task["领域"], codes, "领域代码")))
    for i, ind in enumerate(d.get("指标") or ()):
        found += check_year_values(loaded, ("指标", i, "目标"), ind["类型"], d["起始年度"], d["截止年度"], True)
        if "基期" in ind:
            found += check_year_values(loaded, ("指标", i, "基期"), ind["类型"], d["起始年度"], d["截止年度"], False)
    return found


def plan_unit_codes(loaded: Loaded, plan: Plan, codes: set[str]) -> list[Diagnostic]:
    """W307: the plan names a unit code the year's list does not have."""
    found = []
    for i, task in enumerate(loaded.data.get("任务") or ()):
        for role, key in (("牵头单位", "牵头单位"), ("配合单位", "配合单位")):
            for j, code in enumerate(task.get(key) or ()):
                if code not in codes:
                    found.append(diag("W307", loaded.loc(("任务", i, key, j)), role=role, code=code))
    for i, ind in enumerate(loaded.data.get("指标") or ()):
        for j, code in enumerate(ind["责任单位"]):
            if code not in codes:
                found.append(diag("W307", loaded.loc(("指标", i, "责任单位", j)), role="责任单位", code=code))
    return found


def check_report(loaded: Loaded, year: int) -> list[Diagnostic]:
    d = loaded.data
    found = _duplicates(loaded, "单位", "代码") + _duplicates(loaded, "单位", "名称")
    if not d.get("第一责任人履职情况"):
        found.append(diag("W304", Loc(loaded.display, 1, 1)))
    found += deadline(loaded, year, _dt.date(year + 1, 3, 31), f"{year + 1}年3月31日",
                      "法治政府建设年度报告应于每年4月1日之前向社会公开")
    return found


def deadline(loaded: Loaded, year: int, last_day: _dt.date, label: str, rule: str) -> list[Diagnostic]:
    date = loaded.data.get("成文日期")
    if isinstance(date, _dt.date) and date > last_day:
        return [diag("W305", loaded.loc(("成文日期",)), date=f"{date.year}年{date.month}月{date.day}日",
                     deadline=label, rule=rule)]
    return []


def check_unit(loaded: Loaded, plan: Plan, code: str, year: int, registered: dict[str, str]) -> list[Diagnostic]:
    """Unit rules beyond the schema: folder year, registered name, indicator values, deadline."""
    d = loaded.data
    found = []
    if d["年度"] != year:
        found.append(diag("E212", loaded.loc(("年度",)), value=d["年度"], folder=year))
    name = d["单位"].strip()
    if code in registered and name != registered[code]:
        found.append(diag("E213", loaded.loc(("单位",)), value=name, registered=registered[code]))
    for name in d.get("指标") or {}:
        indicator = plan.indicator(name)
        if indicator:
            found += check_indicator_value(loaded, ("指标", name), indicator.kind)
    found += deadline(loaded, year, _dt.date(year + 1, 3, 1), f"{year + 1}年3月1日",
                      "各部门应于每年3月1日前报送上一年度法治政府建设情况")
    return found


def coverage(plan: Plan, report: Report, units: dict[str, tuple[Unit, Loaded]],
             submitted: set[str]) -> list[Diagnostic]:
    """W301 missing files, W302 unreported indicators, W303 lead tasks nobody linked."""
    found = []
    for ref in report.units:
        if ref.code not in submitted:
            found.append(diag("W301", ref.loc, name=ref.name, code=ref.code))
    names = {ref.code: ref.name for ref in report.units}
    for code, (unit, loaded) in units.items():
        reported = {v.name for v in unit.indicators}
        for value in unit.indicators:
            indicator = plan.indicator(value.name)
            if indicator and indicator.aggregation == "单一来源" and code != indicator.owners[0]:
                owner = names.get(indicator.owners[0], indicator.owners[0])
                found.append(diag("W308", value.loc, indicator=indicator.name, owner=owner))
        for indicator in plan.indicators:
            if code in indicator.owners and indicator.name not in reported:
                found.append(diag("W302", loaded.key_loc(("指标",)) if "指标" in loaded.data else Loc(loaded.display, 1, 1),
                                  indicator=indicator.name))
        linked = {n for g in unit.groups for item in g.items for n in item.tasks}
        for task in plan.tasks:
            if code in task.leads and task.number not in linked:
                found.append(diag("W303", loaded.key_loc(("主要做法和成效",)), task=task.number,
                                  content=task.content.rstrip("。")))
    return found
