"""The frozen data of a year: the plan, the government's report, the units.

No I/O here (reportgen/read/to_model.py fills these from checked files). Every
text keeps its Loc so that later stages (and `--draft`) can trace a sentence
back to the file and line it came from.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

from reportgen.errors import Loc

LOWER_IS_BETTER = "不高于"  # the 方向 of indicators that improve downwards (schema.DIRECTIONS)


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
    aliases: tuple[str, ...] = ()  # 别名: short forms the text may use for the name

    @property
    def lower_is_better(self) -> bool:
        """不高于 indicators (a 排名, a 败诉率) improve downwards; 不低于 ones upwards."""
        return self.direction == LOWER_IS_BETTER

    @property
    def target_sign(self) -> str:
        """“≤” or “≥” before a target value, as the table, the overview and the JSON show it."""
        return "≤" if self.lower_is_better else "≥"


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
    cause: str | None = None  # 原因 of a 存在问题 entry


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
class Submission:
    """The keys of the submission edition (报送版, GB/T 9704 7.2 版头 and 7.4 版记); present
    when the file sets 发文字号 (reportgen/read/submission.py checks the others)."""

    number: str  # 发文字号, e.g. 云府报〔2024〕5号 [7.2.5]
    printer: str  # 印发机关 [7.4.2]
    printed: _dt.date  # 印发日期 [7.4.2]
    signer: str | None = None  # 签发人 [7.2.6]
    copies_to: tuple[str, ...] = ()  # 抄送机关 [7.4.1]
    copy_number: str | None = None  # 份号 [7.2.1]
    secrecy: str | None = None  # 密级和保密期限 [7.2.2]
    urgency: str | None = None  # 紧急程度 [7.2.3]


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
    annotation: str | None = None  # 附注 as written (GB/T 9704 7.3.6), printed below the 成文日期
    submission: Submission | None = None  # 发文字号 set: also the submission edition


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
    rule_levels: tuple[tuple[str, str, Loc], ...] = ()  # 检查: code → 关闭/提示/警告/错误, where written
    font_scheme: str = "通用"  # 字体: the DOCX's font names (render/docx/fonts.py)


@dataclass(frozen=True)
class PastUnit:
    """A unit's indicator values of the previous year, for “较上年” comparisons."""

    code: str
    author: str
    indicators: tuple[IndicatorValue, ...]
    texts: tuple[Text, ...] = ()  # last year's paragraphs and items, when the file has them


@dataclass(frozen=True)
class YearData:
    year: int
    plan: Plan
    report: Report
    units: tuple[Unit, ...] = field(default=())
    previous: tuple[PastUnit, ...] | None = None  # None when data/<year-1>/ does not exist
