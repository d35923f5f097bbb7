"""Turn validated data into frozen dataclasses: the plan, the government's report, the units.

No I/O here. Every text keeps its Loc so that later stages (and `--draft`)
can trace a sentence back to the file and line it came from.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

from .errors import Loc
from .loader import Loaded
from .schema import ANNUAL, NOT_APPLICABLE


@dataclass(frozen=True)
class Area:
    code: str
    name: str


@dataclass(frozen=True)
class Task:
    number: int
    area: str
    content: str
    leads: tuple[str, ...]
    partners: tuple[str, ...]


@dataclass(frozen=True)
class Indicator:
    name: str
    unit: str
    kind: str  # 比率 / 数量 / 排名
    direction: str  # 不低于 / 不高于
    targets: tuple[tuple[int, float], ...]  # milestones, by year
    annual: float | None  # 每年
    baseline: tuple[tuple[int, float], ...]
    aggregation: str
    owners: tuple[str, ...]


@dataclass(frozen=True)
class Plan:
    name: str
    start: int
    end: int
    areas: tuple[Area, ...]
    tasks: tuple[Task, ...]
    indicators: tuple[Indicator, ...]

    def area(self, code: str) -> Area | None:
        return next((a for a in self.areas if a.code == code), None)

    def task(self, number: int) -> Task | None:
        return next((t for t in self.tasks if t.number == number), None)

    def indicator(self, name: str) -> Indicator | None:
        return next((i for i in self.indicators if i.name == name), None)


@dataclass(frozen=True)
class Text:
    """A paragraph of the user's text and where it was written."""

    text: str
    loc: Loc


@dataclass(frozen=True)
class Entry:
    """A 存在问题 / 下一步计划 entry: optional lead sentence, then text."""

    title: str | None
    text: str
    loc: Loc


@dataclass(frozen=True)
class Item:
    title: str | None
    text: str
    tasks: tuple[int, ...]
    loc: Loc


@dataclass(frozen=True)
class Group:
    title: str
    area: str
    items: tuple[Item, ...]
    loc: Loc


@dataclass(frozen=True)
class IndicatorValue:
    name: str
    value: float | int | None  # None when 不适用
    applicable: bool
    note: str | None
    loc: Loc


@dataclass(frozen=True)
class Body:
    """What a unit's file and `_report.yaml` have in common."""

    author: str  # 单位 or 报告机关
    year: int
    title: str
    addressee: str | None
    date: _dt.date | None
    intro: tuple[Text, ...]
    groups: tuple[Group, ...]
    problems: tuple[Entry, ...]
    duty: tuple[Text, ...]
    plans: tuple[Entry, ...]
    other: tuple[Text, ...]
    source: str


@dataclass(frozen=True)
class Unit(Body):
    code: str = ""
    indicators: tuple[IndicatorValue, ...] = ()


@dataclass(frozen=True)
class UnitRef:
    code: str
    name: str
    loc: Loc


@dataclass(frozen=True)
class Choice:
    """One entry of `选用事项` in _report.yaml: a unit's item chosen for a plan area of the
    city report (`composition.py` resolves and checks the reference)."""

    area: str  # the plan area it is printed under (the key it is listed under)
    ref: str  # as written: 司法局/2/1, 司法局/2/1 标题, or 司法局/标题
    rewrite: str | None  # 改写: the secretariat's shorter text, printed instead of 内容
    loc: Loc  # where the reference is written


@dataclass(frozen=True)
class Composition:
    """How the city report's 主要做法和成效 is made: 全部 (every unit item, by area: the
    default when `合并方式` is absent) or 选用 (the city's own items plus `choices`)."""

    mode: str = "全部"
    choices: tuple[Choice, ...] = ()
    pages: int | None = None  # 篇幅: the longest the city report should be
    pages_loc: Loc | None = None
    mode_loc: Loc | None = None


@dataclass(frozen=True)
class Report(Body):
    area_titles: tuple[tuple[str, str], ...] = ()
    units: tuple[UnitRef, ...] = ()
    composition: Composition = field(default_factory=Composition)


@dataclass(frozen=True)
class PastUnit:
    """A unit's indicator values of the previous year, for “较上年” comparisons."""

    code: str
    author: str
    indicators: tuple[IndicatorValue, ...]


@dataclass(frozen=True)
class YearData:
    year: int
    plan: Plan
    report: Report
    units: tuple[Unit, ...] = field(default=())
    previous: tuple[PastUnit, ...] | None = None  # None when data/<year-1>/ does not exist


def default_title(author: str, year: int) -> str:
    return f"{author}{year}年法治政府建设年度报告"


def _year_values(mapping: dict | None) -> tuple[tuple[int, float], ...]:
    return tuple(sorted((y, v) for y, v in (mapping or {}).items() if isinstance(y, int)))


def plan_from(loaded: Loaded) -> Plan:
    d = loaded.data
    return Plan(
        name=d["名称"],
        start=d["起始年度"],
        end=d["截止年度"],
        areas=tuple(Area(a["代码"], a["名称"]) for a in d["领域"]),
        tasks=tuple(
            Task(t["编号"], t["领域"], t["内容"], tuple(t["牵头单位"]), tuple(t.get("配合单位") or ()))
            for t in d.get("任务") or ()
        ),
        indicators=tuple(
            Indicator(
                name=i["名称"],
                unit=i["单位"],
                kind=i["类型"],
                direction=i["方向"],
                targets=_year_values(i["目标"]),
                annual=i["目标"].get(ANNUAL),
                baseline=_year_values(i.get("基期")),
                aggregation=i["汇总"],
                owners=tuple(i["责任单位"]),
            )
            for i in d.get("指标") or ()
        ),
    )


def _paragraphs(loaded: Loaded, path: tuple, value) -> tuple[Text, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (Text(value.strip(), loaded.loc(path)),)
    return tuple(Text(v.strip(), loaded.loc(path + (i,))) for i, v in enumerate(value))


def _entries(loaded: Loaded, path: tuple, value) -> tuple[Entry, ...]:
    result = []
    for i, entry in enumerate(value or ()):
        loc = loaded.loc(path + (i,))
        if isinstance(entry, str):
            result.append(Entry(None, entry.strip(), loc))
        else:
            title = entry.get("标题")
            result.append(Entry(title.strip() if title else None, entry["内容"].strip(), loc))
    return tuple(result)


def _groups(loaded: Loaded, value) -> tuple[Group, ...]:
    groups = []
    for gi, g in enumerate(value or ()):
        items = []
        for ii, item in enumerate(g["事项"]):
            loc = loaded.loc(("主要做法和成效", gi, "事项", ii))
            if isinstance(item, str):
                items.append(Item(None, item.strip(), (), loc))
                continue
            tasks = item.get("关联任务") or ()
            tasks = (tasks,) if isinstance(tasks, int) else tuple(tasks)
            title = item.get("标题")
            items.append(Item(title.strip() if title else None, item["内容"].strip(), tasks, loc))
        groups.append(Group(g["标题"].strip(), g["领域"], tuple(items), loaded.loc(("主要做法和成效", gi))))
    return tuple(groups)


def _body_fields(loaded: Loaded, author: str, year: int) -> dict:
    d = loaded.data
    return dict(
        author=author,
        year=year,
        title=(d.get("标题") or default_title(author, year)).strip(),
        addressee=d.get("主送"),
        date=d.get("成文日期"),
        intro=_paragraphs(loaded, ("导语",), d.get("导语")),
        groups=_groups(loaded, d.get("主要做法和成效")),
        problems=_entries(loaded, ("存在问题",), d.get("存在问题")),
        duty=_paragraphs(loaded, ("第一责任人履职情况",), d.get("第一责任人履职情况")),
        plans=_entries(loaded, ("下一步计划",), d.get("下一步计划")),
        other=_paragraphs(loaded, ("其他需要报告的情况",), d.get("其他需要报告的情况")),
        source=loaded.display,
    )


def unit_from(loaded: Loaded, code: str, year: int) -> Unit:
    d = loaded.data
    values = []
    for name, raw in (d.get("指标") or {}).items():
        note = None
        if isinstance(raw, dict):
            note, raw = raw.get("说明"), raw.get("值")
        applicable = raw != NOT_APPLICABLE
        values.append(IndicatorValue(name, raw if applicable else None, applicable, note, loaded.loc(("指标", name))))
    return Unit(**_body_fields(loaded, d["单位"].strip(), year), code=code, indicators=tuple(values))


def report_from(loaded: Loaded, year: int) -> Report:
    d = loaded.data
    return Report(
        **_body_fields(loaded, d["报告机关"].strip(), year),
        area_titles=tuple((k, v.strip()) for k, v in (d.get("领域标题") or {}).items()),
        units=tuple(UnitRef(u["代码"], u["名称"].strip(), loaded.loc(("单位", i))) for i, u in enumerate(d["单位"])),
        composition=composition_from(loaded),
    )


def composition_from(loaded: Loaded) -> Composition:
    """合并方式, 选用事项 and 篇幅 of _report.yaml (shape checked by the schema)."""
    d = loaded.data
    choices = []
    for area, entries in (d.get("选用事项") or {}).items():
        for i, entry in enumerate(entries or ()):
            if isinstance(entry, dict):
                rewrite = entry.get("改写")
                choices.append(Choice(area, entry["事项"].strip(), rewrite.strip() if rewrite else None,
                                      loaded.loc(("选用事项", area, i, "事项"))))
            else:
                choices.append(Choice(area, entry.strip(), None, loaded.loc(("选用事项", area, i))))
    return Composition(
        mode=d.get("合并方式") or "全部",
        choices=tuple(choices),
        pages=d.get("篇幅"),
        pages_loc=loaded.loc(("篇幅",)) if "篇幅" in d else None,
        mode_loc=loaded.loc(("合并方式",)) if "合并方式" in d else None,
    )
