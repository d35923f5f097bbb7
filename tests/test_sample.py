"""The shipped sample (data/): a fictional city that passes `check` and covers what the plan can express."""

from __future__ import annotations

from conftest import ROOT

from reportgen.pipeline.check import check_year
from reportgen.read.schema import AGGREGATIONS, DIRECTIONS, KINDS


def text_length(value) -> int:
    if isinstance(value, str):
        return len(value)
    if isinstance(value, dict):
        return sum(text_length(v) for v in value.values())
    if isinstance(value, list):
        return sum(text_length(v) for v in value)
    return 0


def test_sample_passes_check_without_errors():
    result = check_year(ROOT / "data", 2023)
    assert result.errors == [], [d.format() for d in result.errors]
    assert result.data is not None


def test_sample_plan_covers_every_kind_direction_and_rule():
    plan = check_year(ROOT / "data", 2023).data.plan
    assert len(plan.areas) == 9
    assert len(plan.indicators) >= 12
    assert {i.kind for i in plan.indicators} == set(KINDS)
    assert {i.direction for i in plan.indicators} == set(DIRECTIONS)
    assert {i.aggregation for i in plan.indicators} == set(AGGREGATIONS)
    assert all(t.area in {a.code for a in plan.areas} for t in plan.tasks)


def test_sample_units_are_realistic_reports():
    from reportgen.read.loader import load_file

    data = check_year(ROOT / "data", 2023).data
    assert len(data.units) >= 8
    assert {u.code for u in data.units} <= {ref.code for ref in data.report.units}
    for unit in data.units:
        assert len(unit.groups) >= 3, unit.code
        length = text_length(load_file(ROOT / "data" / "2023" / f"{unit.code}.yaml").data)
        assert 3000 <= length <= 6000, (unit.code, length)
    assert any(u.code.endswith("区") for u in data.units)  # a district government
    assert data.report.duty, "the city report must state the first responsible person's duty"


def test_sample_shows_every_status_and_warning():
    """The secretariat's view: one missing unit, an unreported indicator, an unlinked task,
    a single-source value from another unit, and every progress status."""
    from reportgen.model.indicators import STATUSES, indicator_results

    result = check_year(ROOT / "data", 2023)
    assert {d.code for d in result.warnings} >= {"W301", "W302", "W303", "W308"}
    data = result.data
    assert data.previous is not None  # data/2022 gives last year's values
    statuses = {r.status for r in indicator_results(data.plan.indicators, data.units, 2023, data.previous)}
    assert statuses == set(STATUSES)
