"""Rules on who may report a figure and when a report may be dated (W330–W339): a value
from a unit outside the indicator's 责任单位 is shown but never counted; a report on a
year dated within that year is warned about."""

from __future__ import annotations


from conftest import ROOT, codes, found, line_of
from reportgen.model.indicators import indicator_results
from reportgen.publish.indicator_files import to_json
from reportgen.pipeline.check import check_year


def results_of(project):
    data = project.check().data
    return {r.indicator.name: r for r in indicator_results(data.plan.indicators, data.units, 2023, data.previous)}


def test_a_unit_outside_the_owners_is_warned_and_not_counted(mini):
    line = mini.replace("2023/司法局.yaml", "  合法性审查率: 100\n", "  合法性审查率: 100\n  减免责清单事项: 5\n") + 1
    result = mini.check()
    assert found(result) == [("W331", "司法局.yaml", line)]
    figure = results_of(mini)["减免责清单事项"]
    assert figure.value == 419  # 市场局 alone, not 424
    assert [s.unit for s in figure.sources] == ["市场局"]
    assert [(s.unit, s.value, s.line) for s in figure.ignored] == [("司法局", 5, line)]


def test_indicators_json_says_which_values_were_not_counted(mini):
    mini.replace("2023/司法局.yaml", "  合法性审查率: 100\n", "  合法性审查率: 100\n  减免责清单事项: 5\n")
    data = mini.check().data
    content = to_json(indicator_results(data.plan.indicators, data.units, 2023, data.previous), 2023)
    row = next(r for r in content["指标"] if r["名称"] == "减免责清单事项")
    assert row["完成值"] == 419
    assert [(x["单位代码"], x["数值"], x["原因"]) for x in row["未计入"]] == [("司法局", 5, "不是该指标的责任单位")]
    assert all(r["未计入"] == [] for r in content["指标"] if r["名称"] != "减免责清单事项")


def test_a_single_source_value_from_another_unit_stays_w308(mini):
    line = mini.replace("2023/市场局.yaml", "  减免责清单事项: 419\n", "  减免责清单事项: 419\n  考评排名: 3\n") + 1
    assert found(mini.check()) == [("W308", "市场局.yaml", line)]
    figure = results_of(mini)["考评排名"]
    assert figure.value == 7 and [s.unit for s in figure.ignored] == ["市场局"]


def test_report_dated_within_the_year_it_reports_on(mini):
    line = mini.replace("2023/_report.yaml", "成文日期: 2024-03-20", "成文日期: 2023-12-31")
    assert found(mini.check()) == [("W330", "_report.yaml", line)]


def test_unit_dated_before_the_year_has_ended(mini):
    line = mini.replace("2023/司法局.yaml", "成文日期: 2024-02-20", "成文日期: 2023-02-20")
    assert found(mini.check()) == [("W330", "司法局.yaml", line)]


def test_dated_on_the_first_day_after_the_year_passes(mini):
    mini.replace("2023/司法局.yaml", "成文日期: 2024-02-20", "成文日期: 2024-01-01")
    assert codes(mini.check()) == []


def test_the_sample_shows_w331_on_purpose_without_changing_the_city_figure():
    result = check_year(ROOT / "data", 2023)
    text = (ROOT / "data" / "2023" / "云溪区.yaml").read_text(encoding="utf-8")
    assert ("W331", "云溪区.yaml", line_of(text, "行政执法人员年度法治培训学时")) in found(result)
    data = result.data
    figure = next(r for r in indicator_results(data.plan.indicators, data.units, 2023, data.previous)
                  if r.indicator.name == "行政执法人员年度法治培训学时")
    assert "云溪区" not in {s.unit for s in figure.sources}
    assert [s.unit for s in figure.ignored] == ["云溪区"]


def test_attachment_notes_one_number_per_indicator_row():
    """In the sample several units explain the same indicator: their notes share its number."""
    import re

    from reportgen.model.document import Table, city_document

    data = check_year(ROOT / "data", 2023).data
    results = indicator_results(data.plan.indicators, data.units, 2023, data.previous)
    table = next(b for b in city_document(data, None, results).blocks if isinstance(b, Table))
    numbers = [re.match(r"(\d+)\. ", note).group(1) for note in table.notes]
    assert len(numbers) == len(set(numbers)), numbers
    explained = {str(n): r for n, r in enumerate(results, 1) if any(s.note for s in r.sources)}
    assert numbers == list(explained)
    shared = [n for n, r in explained.items() if sum(bool(s.note) for s in r.sources) > 1]
    assert shared, "the sample should have an indicator explained by more than one unit"
    for n in shared:
        note = table.notes[numbers.index(n)]
        for source in explained[n].sources:
            if source.note:
                assert f"（{source.name}）" in note  # each part names its unit
