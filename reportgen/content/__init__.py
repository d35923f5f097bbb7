"""Content checks that assessors make (issue 15): statutory parts, copied and repeated text,
figures that disagree, and the written-language norms of GB/T 15834 and GB/T 15835.

project.check_year calls run() once, after every file has been checked on its own; the rules
live in statutory.py, similarity.py, figures.py and norms.py, their explanations for
`reportgen check --explain` in rules.py, and the project's levels for them in settings.py.
"""

from __future__ import annotations

from reportgen.errors import Diagnostic
from reportgen.read.loader import Loaded
from reportgen.model.data import PastUnit, Plan, Report, Text, Unit
from reportgen.build.timing import stage
from reportgen.content.figures import check_figures
from reportgen.content.norms import check_norms
from reportgen.content.settings import apply_levels, setting_problems
from reportgen.content.similarity import Boilerplate, Source, across_units, copied_from_last_year
from reportgen.content.statutory import check_statutory
from reportgen.content.texts import Passage, passages


def past_texts(loaded: Loaded) -> tuple[Text, ...]:
    """Last year's paragraphs and items, when its file has any (it may carry only indicators)."""
    return tuple(Text(p.text, p.loc) for p in passages(loaded))


def unit_findings(loaded: Loaded, plan: Plan, unit: Unit) -> tuple[list[Diagnostic], tuple[Passage, ...]]:
    """What the content rules find in one unit file on its own, and its passages for the
    checks across files; read/check_cache.py keeps both with the file's other checks."""
    with stage("validate"):
        found = check_norms(loaded) + check_statutory(loaded, is_unit=True) + check_figures(loaded, plan, unit)
        return found, tuple(passages(loaded))


def run(result, plan: Plan, report: Report, report_loaded: Loaded,
        units: dict[str, tuple[Unit, list[Diagnostic], tuple[Passage, ...]]],
        previous: tuple[PastUnit, ...] | None, year: int) -> None:
    """Add the content findings to `result` (a project.CheckResult), then apply the project's
    levels from _report.yaml's 检查 to every diagnostic of the year. `units`: code → the unit,
    its own findings and passages (unit_findings)."""
    with stage("validate"):
        found = check_norms(report_loaded) + check_statutory(report_loaded, is_unit=False)
        found += check_figures(report_loaded, plan, None)
        sources = [Source(report.author, tuple(passages(report_loaded)))]
        past = {p.code: p for p in previous or ()}
        for code, (unit, own, texts) in units.items():
            found += own
            source = Source(unit.author, texts)
            sources.append(source)
            if code in past and past[code].texts:
                found += copied_from_last_year(source, Source(past[code].author, past[code].texts), year)
        repeated, boilerplate = across_units(sources)
        result.add(found + repeated)
        result.boilerplate = boilerplate
        result.diagnostics = apply_levels(result.diagnostics, report.rule_levels)
        result.add(setting_problems(report.rule_levels))


__all__ = ["Boilerplate", "past_texts", "run", "unit_findings"]
