"""`reportgen check` and the check before a build: the year read and checked file by file
(reportgen/read/project.py), with the content rules across every file (reportgen/content/)
handed in, so that reading never imports the stage above it."""

from __future__ import annotations

from pathlib import Path

from reportgen import content
from reportgen.model.data import YearData
from reportgen.read.loader import file_display
from reportgen.read.project import PLAN_FILE, REPORT_FILE, UNIT_SUFFIXES, CheckResult, ContentRules, read_year

CONTENT_RULES = ContentRules(unit_findings=content.unit_findings, across=content.run)


def check_year(data_dir: Path, year: int, only: str | None = None, keep_sources: bool = False) -> CheckResult:
    """Check the year's files and their content; with `only`, that unit's file against the
    plan and _report.yaml."""
    return read_year(data_dir, year, only, keep_sources, content_rules=CONTENT_RULES)


def check_for_build(data_dir: Path, year: int, unit: str | None = None) -> CheckResult:
    """What `build` checks: the whole year, or for `--unit` only what that unit's report needs.

    A unit whose own file, the plan and _report.yaml are clean is built although other units
    have errors; those errors are listed as notes. Otherwise the result is the year's check.
    """
    result = check_year(data_dir, year, keep_sources=True)  # the texts, for pipeline/printable.py
    parts = result.clean
    if unit is None or result.data is not None or parts is None or unit not in {*parts.units, *parts.failed}:
        return result
    year_dir = data_dir / str(year)
    own = {file_display(data_dir / PLAN_FILE), file_display(year_dir / REPORT_FILE)}
    own |= {file_display(year_dir / f"{unit}{suffix}") for suffix in UNIT_SUFFIXES}
    others = [d for d in result.diagnostics if d.loc.file not in own and d.is_error]
    unit_result = CheckResult(year, [d for d in result.diagnostics if d.loc.file in own], result.files)
    if unit in parts.units:
        ordered = tuple(parts.units[ref.code] for ref in parts.report.units if ref.code in parts.units)
        unit_result.data = YearData(year, parts.plan, parts.report, ordered, parts.previous)
    if others:
        files = "、".join(sorted({Path(d.loc.file).name for d in others}))
        unit_result.notes = [f"其他单位的文件有 {len(others)} 个错误（{files}），不影响本单位的报告"
                             f"（全市指标只计入没有错误的单位）；请运行 reportgen check {year} 查看并改正："]
        unit_result.notes += [d.format() for d in sorted(others, key=lambda d: (d.loc.file, d.loc.line, d.loc.col))]
    return unit_result
