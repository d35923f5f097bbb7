"""Rules that span more than one value or file: uniqueness, the plan's references,
the year's unit list, deadlines, coverage of tasks and indicators, punctuation.
"""

from __future__ import annotations

import datetime as _dt
import re

from reportgen.strings import strings
from reportgen.errors import Diagnostic, Loc
from reportgen.read.loader import Loaded
from reportgen.messages import diag, suggestion
from reportgen.model.data import Plan, Report
from reportgen.read.submission import check_submission
from reportgen.read.validate import check_indicator_value, check_year_values

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
    """W306 for each kind of half-width mark between Chinese characters in each text: at the
    first one, with how many the text holds (one warning per mark would bury the others)."""
    found = []

    for path, value in strings(loaded.data):
        first: dict[str, int] = {}
        count: dict[str, int] = {}
        for match in _HALF_WIDTH.finditer(value):
            char = match.group()
            first.setdefault(char, match.start())
            count[char] = count.get(char, 0) + 1
        for char, offset in sorted(first.items(), key=lambda pair: pair[1]):
            many = f"（这段文字中共 {count[char]} 处，这是第一处）" if count[char] > 1 else ""
            found.append(diag("W306", loaded.char_loc(path, offset), char=char, full=FULL_WIDTH[char], count=many))
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
                      "法治政府建设年度报告应于每年4月1日之前向社会公开（《法治政府建设与责任落实督察工作规定》第二十四条）")
    found += dated_after_the_year(loaded, year)
    found += check_submission(loaded)
    return found


def dated_after_the_year(loaded: Loaded, year: int) -> list[Diagnostic]:
    """W330: a report on `year` dated within that year (or before) is most likely a typo
    of the year: the report sums up the whole year."""
    date = loaded.data.get("成文日期")
    if isinstance(date, _dt.date) and date.year <= year:
        return [diag("W330", loaded.loc(("成文日期",)), date=f"{date.year}年{date.month}月{date.day}日",
                     year=year, next_year=year + 1)]
    return []


def deadline(loaded: Loaded, year: int, last_day: _dt.date, label: str, rule: str) -> list[Diagnostic]:
    date = loaded.data.get("成文日期")
    if isinstance(date, _dt.datetime):  # a time as well: the schema's E203 says so
        return []
    if isinstance(date, _dt.date) and date > last_day:
        return [diag("W305", loaded.loc(("成文日期",)), date=f"{date.year}年{date.month}月{date.day}日",
                     deadline=label, rule=rule)]
    return []


def check_unit(loaded: Loaded, plan: Plan, code: str, year: int, registered: dict[str, str]) -> list[Diagnostic]:
    """Unit rules beyond the schema: folder year, registered name, indicator values, deadline.

    Runs also when the schema found errors (every problem in one pass), so it looks only at
    values of the right type; the schema reports the others.
    """
    d = loaded.data
    found = []
    year_value = d.get("年度")
    if isinstance(year_value, int) and not isinstance(year_value, bool) and year_value != year:
        found.append(diag("E212", loaded.loc(("年度",)), value=year_value, folder=year))
    name = d.get("单位")
    if isinstance(name, str) and code in registered and name.strip() != registered[code]:
        found.append(diag("E213", loaded.loc(("单位",)), value=name.strip(), registered=registered[code]))
    indicators = d.get("指标")
    for name in indicators if isinstance(indicators, dict) else ():
        indicator = plan.indicator(name) if isinstance(name, str) else None
        if indicator:
            found += check_indicator_value(loaded, ("指标", name), indicator.kind)
    found += deadline(loaded, year, _dt.date(year + 1, 3, 1), f"{year + 1}年3月1日",
                      "各部门应于每年3月1日前报送上一年度法治政府建设情况")
    found += dated_after_the_year(loaded, year)
    found += check_submission(loaded)
    return found


def linked_tasks(data: dict) -> set[int]:
    """Task numbers the unit's items name, read from data that may not have passed the schema."""
    linked: set[int] = set()
    groups = data.get("主要做法和成效")
    for group in groups if isinstance(groups, list) else ():
        items = group.get("事项") if isinstance(group, dict) else None
        for item in items if isinstance(items, list) else ():
            tasks = item.get("关联任务") if isinstance(item, dict) else None
            for number in tasks if isinstance(tasks, list) else [tasks]:
                if isinstance(number, int) and not isinstance(number, bool):
                    linked.add(number)
    return linked


def missing_files(report: Report, submitted: set[str]) -> list[Diagnostic]:
    """W301 for each unit of the year's list that has no file."""
    return [diag("W301", ref.loc, name=ref.name, code=ref.code) for ref in report.units if ref.code not in submitted]


def unit_coverage(plan: Plan, names: dict[str, str], code: str, loaded: Loaded) -> list[Diagnostic]:
    """For one unit file that parsed: W302 unreported indicators, W303 lead tasks it did not
    link, W308 values of single-source indicators it does not own, W331 values of indicators
    it is not responsible for. `names`: code → name of the year's unit list."""
    found = []
    values = loaded.data.get("指标")
    reported = set(values) if isinstance(values, dict) else set()
    for name in reported:
        indicator = plan.indicator(name) if isinstance(name, str) else None
        if indicator and indicator.aggregation == "单一来源" and code != indicator.owners[0]:
            owner = names.get(indicator.owners[0], indicator.owners[0])
            found.append(diag("W308", loaded.loc(("指标", name)), indicator=indicator.name, owner=owner))
        elif indicator and code not in indicator.owners:
            owners = "、".join(names.get(c, c) for c in indicator.owners)
            found.append(diag("W331", loaded.loc(("指标", name)), indicator=indicator.name, owners=owners))
    for indicator in plan.indicators:
        if code in indicator.owners and indicator.name not in reported:
            found.append(diag("W302", loaded.key_loc(("指标",)) if "指标" in loaded.data else Loc(loaded.display, 1, 1),
                              indicator=indicator.name))
    linked = linked_tasks(loaded.data)
    for task in plan.tasks:
        if code in task.leads and task.number not in linked:
            where = loaded.key_loc(("主要做法和成效",)) if "主要做法和成效" in loaded.data else Loc(loaded.display, 1, 1)
            found.append(diag("W303", where, task=task.number, content=task.content.rstrip("。")))
    return found
