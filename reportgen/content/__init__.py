"""Content checks that assessors make (issue 15): statutory parts, copied and repeated text,
figures that disagree, and the written-language norms of GB/T 15834 and GB/T 15835.

pipeline/check.check_year hands run() to reading (read/project.read_year), which calls it
once, after every file has been checked on its own. The rules live in statutory.py,
similarity.py, figures.py, norms.py and voice.py, their explanations for `reportgen check --explain`
in rules.py, and the project's levels for them in settings.py.
"""

from __future__ import annotations

from reportgen.read.loader import Loaded
from reportgen.model.data import PastUnit, Plan, Report, Unit
from reportgen.timing import stage
from reportgen.content.charset import outside_gb2312
from reportgen.content.figures import check_figures
from reportgen.content.norms import check_norms
from reportgen.content.settings import apply_levels, setting_problems
from reportgen.content.similarity import Boilerplate, Source, across_units, copied_from_last_year
from reportgen.content.statutory import check_statutory
from reportgen.read.check_cache import UnitCheck, UnitFindings
from reportgen.read.texts import passages
from reportgen.content.voice import check_voice


def unit_findings(loaded: Loaded, plan: Plan, unit: Unit) -> UnitFindings:
    """What the content rules find in one unit file on its own, with its passages for the
    checks across files; read/check_cache.py keeps them with the file's other checks."""
    with stage("validate"):
        found = check_norms(loaded) + check_statutory(loaded, is_unit=True) + check_figures(loaded, plan, unit)
        # W440 depends on _report.yaml's 字体, which a unit file's record does not: kept apart
        return UnitFindings(found, tuple(passages(loaded)), outside_gb2312(loaded))


def run(result, plan: Plan, report: Report, report_loaded: Loaded, units: dict[str, UnitCheck],
        previous: tuple[PastUnit, ...] | None, year: int) -> None:
    """Add the content findings to `result` (a project.CheckResult), then apply the project's
    levels from _report.yaml's 检查 to every diagnostic of the year. `units`: code → the unit
    file's own checks (read/check_cache.py), holding the unit and its unit_findings."""
    with stage("validate"):
        found = check_norms(report_loaded) + check_statutory(report_loaded, is_unit=False)
        found += check_figures(report_loaded, plan, None)
        found += check_voice(report, report_loaded, {code: check.unit for code, check in units.items()})
        sources = [Source(report.author, tuple(passages(report_loaded)))]
        past = {p.code: p for p in previous or ()}
        for code, check in units.items():
            found += check.content.own
            source = Source(check.unit.author, check.content.passages)
            sources.append(source)
            if code in past and past[code].texts:
                found += copied_from_last_year(source, Source(past[code].author, past[code].texts), year)
        if report.font_scheme == "GB2312":  # 字体: GB2312 — the DOCX's fonts lack the rest
            found += outside_gb2312(report_loaded)
            for check in units.values():
                found += check.content.outside_gb2312
        repeated, boilerplate = across_units(sources)
        result.add(found + repeated)
        result.boilerplate = boilerplate
        result.diagnostics = apply_levels(result.diagnostics, report.rule_levels)
        result.add(setting_problems(report.rule_levels))


__all__ = ["Boilerplate", "run", "unit_findings"]
