"""The secretariat's overview page, output/<year>/index.html: who submitted, what the
check found, every indicator against its target, and which plan tasks have no item.

One self-contained file (inline CSS and SVG, no script, no network) that prints
cleanly. This module only gathers plain values; every tag is written by
templates/overview.html.j2, where autoescaping keeps the users' text literal.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path
from urllib.parse import quote

from reportgen.content.overview_parts import Panel, build_date, content_findings, deadlines
from reportgen.numbering import format_number
from reportgen.errors import Diagnostic
from reportgen.model.indicators import BEHIND, DONE, NO_DATA, NOT_APPLICABLE, ON_TRACK, STATUSES, IndicatorResult
from reportgen.model.data import Body, Indicator, YearData
from reportgen.numbering import date_text
from reportgen.read.project import UNIT_SUFFIXES, CheckResult
from reportgen.templating import environment
from reportgen.publish.item_catalog import item_catalog

TEMPLATE = "overview.html.j2"
CITY = "_city"  # the key of the city report in `outputs`

STATUS_CLASS = {DONE: "done", ON_TRACK: "on-track", BEHIND: "behind", NO_DATA: "no-data", NOT_APPLICABLE: "na"}

# The bar's drawing area in SVG user units (the template draws it at this size).
BAR_WIDTH = 300
BAR_LEFT, BAR_RIGHT = 4, 292  # room for the end markers


@dataclass(frozen=True)
class Link:
    label: str  # DOCX / PDF
    href: str  # relative, percent-encoded
    name: str  # the file name as written


@dataclass(frozen=True)
class UnitRow:
    code: str
    name: str
    submitted: bool
    file: str | None  # the data file as displayed in diagnostics
    errors: int
    warnings: int
    links: tuple[Link, ...]


@dataclass(frozen=True)
class Bar:
    """Positions (SVG user units) of one indicator's horizontal bar."""

    value: float | None  # end of the value bar
    target: float | None  # target marker
    last: float | None  # last year's marker
    zone: tuple[float, float] | None  # where a value meets the target
    label: str  # the bar's text alternative


@dataclass(frozen=True)
class IndicatorRow:
    number: int
    name: str
    unit: str
    kind: str
    direction: str
    lower_is_better: bool
    aggregation: str
    value: str  # “96.8%”, “不适用”, “—”
    target: str  # “≥ 95%”
    target_note: str  # “2025年目标 100%” / “每年” …
    last: str
    change: str
    status: str
    status_class: str
    why: str
    sources: str
    bar: Bar


@dataclass(frozen=True)
class Linker:
    label: str  # unit code, or 本级 for the reporting government
    title: str  # full name and the linked items' titles
    items: int


@dataclass(frozen=True)
class LeadRef:
    label: str
    title: str
    linked: bool  # did the lead unit link an item to the task


@dataclass(frozen=True)
class TaskRow:
    number: int
    area: str
    content: str
    leads: tuple[LeadRef, ...]
    linkers: tuple[Linker, ...]


def _with_unit(value: float | None, unit: str) -> str:
    return "—" if value is None else f"{format_number(value)}{unit}"


def _belongs(d: Diagnostic, code: str, source: str | None, year: int) -> bool:
    """Whether a diagnostic is about the file data/<year>/<code>.yaml."""
    if source is not None and d.loc.file == source:
        return True
    path = Path(d.loc.file)
    return path.stem == code and path.suffix.lower() in UNIT_SUFFIXES and path.parent.name == str(year)


# what each report file is called on the page, by the end of its name; the web edition's
# fragment (<name>.fragment.html) is for a CMS, not for reading, so it is not linked
LINK_LABELS = ((".fragment.html", None), (".html", "网页版"), (".pdf", "PDF"), (".docx", "DOCX"))


def _label(name: str) -> str | None:
    return next((label for ending, label in LINK_LABELS if name.endswith(ending)),
                Path(name).suffix.lstrip(".").upper() or name)


def _links(names: list[str]) -> tuple[Link, ...]:
    return tuple(Link(_label(n), quote(n), n) for n in names if _label(n))


def _count(diagnostics: list[Diagnostic]) -> tuple[int, int]:
    """Errors and warnings; information (提示) is counted apart, in the content panels."""
    errors = sum(1 for d in diagnostics if d.is_error)
    return errors, sum(1 for d in diagnostics if not d.is_error and not d.is_info)


def unit_rows(result: CheckResult, outputs: dict[str, list[str]]) -> list[UnitRow]:
    data = result.data
    by_code = {u.code: u for u in data.units}
    rows = []
    for ref in data.report.units:
        unit = by_code.get(ref.code)
        source = unit.source if unit else None
        mine = [d for d in result.diagnostics if _belongs(d, ref.code, source, data.year)]
        errors, warnings = _count(mine)
        file = source or next((d.loc.file for d in mine), None)
        rows.append(UnitRow(ref.code, ref.name, unit is not None, file, errors, warnings,
                            _links(outputs.get(ref.code, []))))
    return rows


def _bar(ind: Indicator, r: IndicatorResult, value: str, target: str, last: str) -> Bar:
    target_value = r.target.value if r.target else None
    present = [v for v in (r.value, target_value, r.last_value) if v is not None]
    scale = max(present, default=0) or 1
    span = BAR_RIGHT - BAR_LEFT

    def x(v: float | None) -> float | None:
        return None if v is None else round(BAR_LEFT + span * max(0.0, float(v)) / scale, 1)

    zone = None
    if target_value is not None:
        t = x(target_value)
        zone = (BAR_LEFT, t) if ind.lower_is_better else (t, BAR_RIGHT)
    parts = [f"完成值 {value}", f"目标 {target}"]
    if r.last_value is not None:
        parts.append(f"上年 {last}")
    if ind.lower_is_better:
        parts.append("越低越好")
    return Bar(x(r.value), x(target_value), x(r.last_value), zone, "，".join(parts))


def _target_note(r: IndicatorResult, unit: str) -> str:
    t = r.target
    if t is None:
        return "规划未设本年度目标"
    if t.kind == "每年":
        return "每年目标"
    if t.kind == "最终目标" or t.final_year is None or t.final == t.value:
        return t.kind
    return f"{t.kind}，{t.final_year}年目标 {_with_unit(t.final, unit)}"


def indicator_rows(results: list[IndicatorResult]) -> list[IndicatorRow]:
    rows = []
    for n, r in enumerate(results, 1):
        ind = r.indicator
        lower = ind.lower_is_better
        sign = ind.target_sign
        if r.value is None:
            value = NOT_APPLICABLE if r.status == NOT_APPLICABLE else "未填报"
        else:
            value = _with_unit(r.value, ind.unit)
        target = f"{sign} {_with_unit(r.target.value, ind.unit)}" if r.target else "—"
        last = _with_unit(r.last_value, ind.unit)
        sources = "、".join(f"{s.name} {_with_unit(s.value, ind.unit)}" for s in r.sources)
        rows.append(IndicatorRow(
            number=n, name=ind.name, unit=ind.unit, kind=ind.kind, direction=ind.direction,
            lower_is_better=lower, aggregation=ind.aggregation, value=value, target=target,
            target_note=_target_note(r, ind.unit), last=last, change=r.change, status=r.status,
            status_class=STATUS_CLASS.get(r.status, "no-data"), why=r.why, sources=sources,
            bar=_bar(ind, r, value, target, last),
        ))
    return rows


def _linked_items(body: Body, number: int) -> list[str]:
    return [item.title or item.text[:20] + "…" for g in body.groups for item in g.items if number in item.tasks]


def task_rows(data: YearData) -> list[TaskRow]:
    names = {ref.code: ref.name for ref in data.report.units}
    bodies: list[tuple[str, str, Body]] = [("本级", data.report.author, data.report)]
    bodies += [(u.code, u.author, u) for u in data.units]
    areas = {a.code: a.name for a in data.plan.areas}
    rows = []
    for task in data.plan.tasks:
        linkers = []
        for label, full, body in bodies:
            items = _linked_items(body, task.number)
            if items:
                linkers.append(Linker(label, f"{full}：" + "；".join(items), len(items)))
        linked = {link.label for link in linkers}
        leads = tuple(LeadRef(code, names.get(code, code), code in linked) for code in task.leads)
        rows.append(TaskRow(task.number, areas.get(task.area, task.area), task.content, leads, tuple(linkers)))
    return rows


def content_panels(result: CheckResult) -> list[Panel]:
    """Each submitted unit's content findings, then the city's own."""
    data = result.data
    panels = [Panel(u.code, u.author, content_findings([d for d in result.diagnostics
                                                         if _belongs(d, u.code, u.source, data.year)]))
              for u in data.units]
    city = [d for d in result.diagnostics if d.loc.file == data.report.source]
    return panels + [Panel("_city", data.report.title, content_findings(city))]


def context(result: CheckResult, results: list[IndicatorResult], outputs: dict[str, list[str]],
            today: _dt.date | None = None) -> dict:
    data = result.data
    if data is None:
        raise ValueError("the overview needs a year that checked without errors")
    report = data.report
    units = unit_rows(result, outputs)
    city_diags = [d for d in result.diagnostics if d.loc.file == report.source]
    city_errors, city_warnings = _count(city_diags)
    indicators = indicator_rows(results)
    tasks = task_rows(data)
    today = today or build_date()
    return dict(
        build_date=date_text(today),
        deadlines=deadlines(data.year, today),
        pending=[u for u in units if not u.submitted] + [u for u in units if u.submitted],
        panels=content_panels(result),
        boilerplate=sorted(result.boilerplate, key=lambda b: (-b.count, b.loc)),
        infos=len(result.infos),
        year=data.year,
        title=report.title,
        author=report.author,
        plan_name=data.plan.name,
        date=date_text(report.date) if report.date else "—",
        units=units,
        submitted=sum(1 for u in units if u.submitted),
        city=dict(name=report.title, file=report.source, errors=city_errors, warnings=city_warnings,
                  links=_links(outputs.get(CITY, []))),
        errors=len(result.errors),
        warnings=len(result.warnings),
        diagnostics=sorted(result.diagnostics, key=lambda d: (not d.is_error, d.loc)),
        indicators=indicators,
        done=sum(1 for r in indicators if r.status == DONE),
        behind=sum(1 for r in indicators if r.status == BEHIND),
        status_counts=[(s, STATUS_CLASS[s], sum(1 for r in indicators if r.status == s)) for s in STATUSES],
        tasks=tasks,
        task_groups=[(area, list(rows)) for area, rows in groupby(tasks, key=lambda t: t.area)],
        unlinked=[t for t in tasks if not t.linkers],
        catalog=item_catalog(data),  # 各单位事项 (item_catalog.py)
        bar_width=BAR_WIDTH,
        bar_left=BAR_LEFT,
        bar_right=BAR_RIGHT,
    )


def render_overview(result: CheckResult, results: list[IndicatorResult], outputs: dict[str, list[str]],
                    templates: Path | None = None, today: _dt.date | None = None) -> str:
    return environment(templates).get_template(TEMPLATE).render(**context(result, results, outputs, today))


def write_overview(target: Path, result: CheckResult, results: list[IndicatorResult],
                   outputs: dict[str, list[str]], templates: Path | None = None,
                   today: _dt.date | None = None) -> None:
    """Write index.html. `outputs` maps a unit code (and "_city") to the file names written
    for it in the same folder as `target`; the page links to them by relative name."""
    Path(target).write_text(render_overview(result, results, outputs, templates, today), encoding="utf-8")
