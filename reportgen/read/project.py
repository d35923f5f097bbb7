"""Turn a data folder and a year into checked files and, when they hold no errors, a YearData.

Reads everything and checks everything before anything is built (as MkDocs'
build() does): one list of diagnostics for the whole year.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from reportgen.read import checks, placeholders
from reportgen.errors import Diagnostic, Loc
from reportgen.read.accepted_forms import accept_forms
from reportgen.caching import key_of
from reportgen.read.check_cache import (PastCheck, UnitCheck, UnitContext, UnitFindings, check_unit_file,
                                        load_remembered, remembered, unregistered)
from reportgen.read.loader import Loaded, file_display, load_file
from reportgen.read.collisions import output_name_clashes
from reportgen.messages import diag
from reportgen.model.data import IndicatorValue, PastUnit, Plan, Report, Text, Unit, YearData
from reportgen.read.to_model import plan_from, report_from
from reportgen.timing import stage
from reportgen.read.schema import MAX_NAME, NOT_APPLICABLE, UNIT_CODE_PATTERN, plan_schema, report_schema, unit_schema
from reportgen.read.text_warnings import text_warnings
from reportgen.read.texts import passages
from reportgen.read.unit_scope import narrow_to_unit
from reportgen.read.validate import check_schema, describe, value_problem
from reportgen.model.composition import check_composition

PLAN_FILE = "plan.yaml"
REPORT_FILE = "_report.yaml"
UNIT_SUFFIXES = (".yaml", ".yml")


@dataclass
class CheckResult:
    year: int
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: int = 0
    data: YearData | None = None
    boilerplate: list = field(default_factory=list)  # content.Boilerplate: stock sentences, for the overview
    notes: list[str] = field(default_factory=list)  # shown after the diagnostics, e.g. by build --unit
    # what checked cleanly, also when other files have errors (for build --unit)
    clean: "CleanParts | None" = None
    keep_sources: bool = False  # keep every parsed file in `sources` (check --format json)
    sources: dict[str, Loaded] = field(default_factory=dict)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if not d.is_error and not d.is_info]

    @property
    def infos(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_info]

    def lines(self) -> list[str]:
        """Every diagnostic as a line, grouped by file in the order the files were read."""
        order: dict[str, int] = {}
        for d in self.diagnostics:
            order.setdefault(d.loc.file, len(order))
        ranked = sorted(self.diagnostics, key=lambda d: (order[d.loc.file], d.loc.line, d.loc.col))
        return [d.format() for d in ranked] + [f"提示：{note}" for note in self.notes]

    def add(self, found: list[Diagnostic]) -> bool:
        """Record diagnostics; True when none of them is an error."""
        self.diagnostics.extend(found)
        return not any(d.is_error for d in found)


@dataclass(frozen=True)
class ContentRules:
    """The content rules (reportgen/content/), handed in by reportgen/pipeline/check.py so
    that reading never imports the stage above it: `unit_findings(loaded, plan, unit)`, what
    one unit file yields on its own (kept with its record, read/check_cache.py), and
    `across(result, plan, report, report_loaded, {code: UnitCheck}, previous, year)`, the
    checks across every file, called once all are read."""

    unit_findings: Callable[[Loaded, Plan, Unit], UnitFindings]
    across: Callable[..., None]


@dataclass
class CleanParts:
    """The year's files that checked without errors: the plan, _report.yaml and clean units."""

    plan: Plan
    report: Report
    units: dict[str, Unit]
    previous: tuple[PastUnit, ...] | None
    failed: set[str]  # codes of units whose files have errors


def registered_units(report_path: Path) -> dict[str, str]:
    """Code → name of the year's unit list, read leniently (the file may have other errors)."""
    report = load_file(report_path) if report_path.is_file() else None
    units = report.data.get("单位") if report is not None and report.ok and isinstance(report.data, dict) else None
    found = {}
    for entry in units if isinstance(units, list) else ():
        if isinstance(entry, dict) and isinstance(entry.get("代码"), str) and isinstance(entry.get("名称"), str):
            found.setdefault(entry["代码"], entry["名称"].strip())
    return found


def unit_code_problem(code: str) -> str | None:
    """Why a unit code cannot name a file under data/<year>/, or None."""
    if not code:
        return "代码为空"
    if "/" in code or "\\" in code or ".." in code:
        return "不能含有“/”“\\”或“..”"
    if len(code) > MAX_NAME:
        return f"超过 {MAX_NAME} 个字符"
    if not re.fullmatch(UNIT_CODE_PATTERN, code):
        return "含有空格、标点或以下划线开头"
    return None


def outside_link(path: Path, data_dir: Path) -> Diagnostic | None:
    """E114 when `path` is (or lies in a folder that is) a link to a place outside the data folder.

    Links within the data folder are fine. A link that leads nowhere is left to load_file,
    which reports that the file cannot be read.
    """
    try:
        real = path.resolve(strict=True)
        root = data_dir.resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    if root in real.parents:
        return None
    shown = file_display(path)
    return diag("E114", Loc(shown), path=shown, target=str(real))


def _load(path: Path, result: CheckResult, data_dir: Path) -> Loaded | None:
    """Load one file; report why it cannot be used, or return it."""
    result.files += 1
    refused = outside_link(path, data_dir)
    if refused:
        result.add([refused])
        return None
    with stage("load"):
        loaded = load_remembered(path)
    result.add(loaded.diagnostics)
    if not loaded.ok:
        return None
    if result.keep_sources:
        result.sources[loaded.display] = loaded
    if not isinstance(loaded.data, dict):
        result.add([diag("E110", Loc(loaded.display, 1, 1), actual=describe(loaded.data))])
        return None
    return loaded


def _missing(what: str, path: Path, hint: str) -> Diagnostic:
    return diag("E216", Loc(file_display(path)), what=what, path=file_display(path), hint=hint)


def unit_files(year_dir: Path) -> list[Path]:
    """The unit files of a year folder, in name order (files starting with “_” are settings)."""
    return sorted(
        p for p in year_dir.iterdir()
        if p.suffix.lower() in UNIT_SUFFIXES and not p.name.startswith(("_", "."))
    )


def load_plan(data_dir: Path, result: CheckResult) -> tuple[Plan | None, Loaded | None]:
    """The checked plan, or None with the reasons recorded in `result`."""
    plan_path = data_dir / PLAN_FILE
    if not plan_path.is_file():
        result.add([_missing("规划文件", plan_path, "请把规划（实施方案）保存为 data/plan.yaml")])
        return None, None
    plan_loaded = _load(plan_path, result, data_dir)
    if plan_loaded is None:
        return None, None
    with stage("validate"):
        if not result.add(check_schema(plan_loaded, plan_schema())) or not result.add(checks.check_plan(plan_loaded)):
            return None, plan_loaded
        result.add(placeholders.unfilled(plan_loaded))
    with stage("model"):
        return plan_from(plan_loaded), plan_loaded


def read_year(data_dir: Path, year: int, only: str | None = None, keep_sources: bool = False,
              content_rules: ContentRules | None = None) -> CheckResult:
    """Check the year's files; with `only`, that unit's file against the plan and _report.yaml.
    `content_rules`: the content rules (see ContentRules); without them, reading alone."""
    result = CheckResult(year, keep_sources=keep_sources)
    plan, plan_loaded = load_plan(data_dir, result)
    if plan is None:
        return result  # unit files are checked against the plan: fix it first

    year_dir = data_dir / str(year)
    report_path = year_dir / REPORT_FILE
    if not year_dir.is_dir():
        result.add([_missing(f"{year}年度的数据文件夹", year_dir, f"请先创建 data/{year}/ 并放入 {REPORT_FILE}")])
        return result
    if not report_path.is_file():
        result.add([_missing("报告机关设置文件", report_path, "请参照 README 中“_report.yaml”一节创建")])
        return result

    areas = [a.code for a in plan.areas]
    tasks = [t.number for t in plan.tasks]
    report, report_ok, report_loaded = _check_report(report_path, plan, areas, tasks, year, result, data_dir)
    registered = {ref.code: ref.name for ref in report.units} if report else {}
    if report and only is None:
        result.add(checks.plan_unit_codes(plan_loaded, plan, set(registered)))

    units: dict[str, Unit] = {}
    checked: dict[str, UnitCheck] = {}  # code → the file's own checks, for every file that parsed
    failed: set[str] = set()
    ctx = UnitContext.of(plan, unit_schema(areas, tasks, [i.name for i in plan.indicators]), year, registered,
                         report is not None, content_rules.unit_findings if content_rules else None)
    paths = unit_files(year_dir)
    if only is not None:
        paths = [p for p in paths if p.stem == only]
        if not paths:
            result.add([_missing(f"单位“{only}”的填报文件", year_dir / f"{only}.yaml",
                                 f"请先运行 reportgen new {year} {only} 生成填报模板")])
    for path in paths:
        check = _check_unit(path, ctx, result, data_dir)
        if check is not None and check.parsed:
            checked[path.stem] = check
        if check is None or check.unit is None:
            failed.add(path.stem)
        else:
            units[check.unit.code] = check.unit

    if report:
        with stage("validate"):
            submitted = {p.stem for p in paths}
            if only is None:  # a one-unit check does not know which other files are missing
                result.add(checks.missing_files(report, submitted))
            result.add([d for check in checked.values() for d in check.coverage])
            result.add(output_name_clashes(report, submitted, report_loaded))
            if only is None:  # a one-unit check has not read the units the city report chooses from
                result.add(check_composition(report, units, frozenset(failed)))
    previous, problems = previous_year(data_dir, year, plan)
    result.add(problems)
    if report and content_rules:  # the one hook for the content rules, which need every file
        content_rules.across(result, plan, report, report_loaded, {code: checked[code] for code in units},
                             previous, year)
    if only is not None:  # what the unit's filler can act on (read/unit_scope.py)
        narrow_to_unit(result, report_loaded, only, plan_loaded.display if plan_loaded else None)
    if report and report_ok:
        result.clean = CleanParts(plan, report, units, previous, failed)
    if report_ok and report and not failed and not result.errors:
        ordered = tuple(units[ref.code] for ref in report.units if ref.code in units)
        result.data = YearData(year, plan, report, ordered, previous)
    return result


def past_texts(loaded: Loaded) -> tuple[Text, ...]:
    """Last year's paragraphs and items, when its file has any (it may carry only indicators)."""
    return tuple(Text(p.text, p.loc) for p in passages(loaded))


def previous_year(data_dir: Path, year: int, plan: Plan) -> tuple[tuple[PastUnit, ...] | None, list[Diagnostic]]:
    """Last year's indicator values, read leniently: only 单位 and 指标 are needed, and a
    value that does not fit its indicator is left out rather than reported again."""
    folder = data_dir / str(year - 1)
    if not folder.is_dir():
        return None, []
    units, problems = [], []
    context = key_of("past", repr(plan))
    for path in unit_files(folder):
        refused = outside_link(path, data_dir)
        if refused:
            problems.append(diag("W309", refused.loc, detail=refused.message))
            continue
        past, _ = remembered(path, context, PastCheck, lambda raw, path=path: (_past_unit(path, raw, plan), None))
        if past.problem is not None:
            problems.append(past.problem)
        else:
            units.append(past.unit)
    return tuple(units), problems


def _past_unit(path: Path, raw: bytes | None, plan: Plan) -> PastCheck:
    """One of last year's files: its values that fit the plan's indicators, and its texts."""
    with stage("load"):
        loaded = load_file(path, raw)
    if not loaded.ok or not isinstance(loaded.data, dict):
        first = loaded.diagnostics[0] if loaded.diagnostics else None
        detail = first.message if first else "最外层不是“键: 值”的形式"
        return PastCheck(None, diag("W309", first.loc if first else Loc(loaded.display), detail=detail))
    values = []
    indicators = loaded.data.get("指标")
    for name, raw_value in (indicators if isinstance(indicators, dict) else {}).items():
        indicator = plan.indicator(name)
        note = None
        if isinstance(raw_value, dict):
            note, raw_value = raw_value.get("说明"), raw_value.get("值")
        if indicator is None or (raw_value != NOT_APPLICABLE and value_problem(indicator.kind, raw_value, allow_na=False)):
            continue
        applicable = raw_value != NOT_APPLICABLE
        values.append(IndicatorValue(name, raw_value if applicable else None, applicable,
                                     note if isinstance(note, str) else None, loaded.loc(("指标", name))))
    author = loaded.data.get("单位")
    return PastCheck(PastUnit(path.stem, author if isinstance(author, str) else path.stem, tuple(values),
                              past_texts(loaded)), None)


def _check_report(path: Path, plan: Plan, areas, tasks, year: int, result: CheckResult,
                  data_dir: Path) -> tuple[Report | None, bool, Loaded | None]:
    loaded = _load(path, result, data_dir)
    if loaded is None:
        return None, False, None
    with stage("validate"):
        accepted = result.add(accept_forms(loaded))
        schema_ok = result.add(check_schema(loaded, report_schema(areas, tasks), plan.name))
        ok = result.add(checks.check_report(loaded, year)) if schema_ok else False
        ok = result.add(checks.half_width_punctuation(loaded) + text_warnings(loaded)) and ok
        result.add(placeholders.unfilled(loaded))
    if not schema_ok:
        return None, False, loaded
    with stage("model"):
        return report_from(loaded, year), ok and accepted, loaded


def _check_unit(path: Path, ctx: UnitContext, result: CheckResult, data_dir: Path) -> UnitCheck | None:
    """One unit file's own checks (check_cache: from the cache when it is unchanged), recorded
    in `result`; None when the file could not be looked at."""
    code = path.stem
    result.files += 1
    problem = unit_code_problem(code)
    if problem:
        result.add([diag("E215", Loc(file_display(path), 1, 1), code=code, reason=problem)])
        return None
    refused = outside_link(path, data_dir)
    if refused:
        result.add(unregistered(path, ctx) + [refused])
        return None
    check, loaded = check_unit_file(path, ctx, keep_loaded=result.keep_sources)
    if result.keep_sources and loaded is not None:
        result.sources[loaded.display] = loaded
    result.add(check.diagnostics)
    return check
