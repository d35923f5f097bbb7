"""The content checks as users meet them: the sample's findings, `check --explain`, the
information level on the command line, 原因 in the report, and the overview page."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import lxml.html
import pytest

from conftest import ROOT, line_of
from reportgen.pipeline.check import check_year
from conftest import run

# Every warning and information code of the sample, with its count: a rule that starts firing
# everywhere (or stops firing at its deliberate case) changes this table.
SAMPLE_FINDINGS = {
    "W301": 1, "W302": 1, "W303": 1, "W304": 1, "W308": 1, "W331": 1,
    "W401": 1, "W402": 1, "W411": 1, "W412": 2, "W413": 1, "W421": 1, "W422": 1,
    "W431": 1, "W432": 1, "W433": 1, "W434": 1, "W435": 1, "W436": 1, "W437": 1,
    "I401": 1,
}


@pytest.fixture(scope="module")
def sample_result():
    return check_year(ROOT / "data", 2023)


def test_the_sample_shows_each_content_rule_once(sample_result):
    assert not sample_result.errors
    assert Counter(d.code for d in sample_result.diagnostics) == SAMPLE_FINDINGS
    assert [d.code for d in sample_result.infos] == ["I401"]


def test_the_city_report_of_the_sample_is_clean(sample_result):
    city = [d.code for d in sample_result.diagnostics if Path(d.loc.file).name == "_report.yaml"]
    assert city == ["W301"]  # the unit that did not submit is listed in _report.yaml


def test_the_sample_copy_points_at_last_year(sample_result):
    copied = next(d for d in sample_result.diagnostics if d.code == "W411")
    text = (ROOT / "data" / "2022" / "司法局.yaml").read_text(encoding="utf-8")
    assert f"data/2022/司法局.yaml:{line_of(text, '市政府集中行使行政复议职责')}" in copied.message
    assert Path(copied.loc.file).name == "司法局.yaml"


def test_last_year_texts_are_read_where_present(sample_result):
    texts = {p.code: len(p.texts) for p in sample_result.data.previous}
    assert texts["司法局"] > 0 and texts["政数局"] > 0 and texts["公安局"] == 0


# --- the command line ------------------------------------------------------------------------------


@pytest.mark.parametrize("code, source", [("W401", "厅字〔2019〕28号"), ("W436", "GB/T 15834"),
                                          ("W435", "GB/T 15835"), ("W412", "评估实践"), ("i401", "--strict")])
def test_explain_names_the_rule_and_its_source(tmp_path, code, source):
    proc = run("check", "--explain", code, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert code.upper() in proc.stdout and source in proc.stdout
    assert "{" not in proc.stdout  # message blanks are shown as ……


def test_explain_lists_the_rate_patterns(tmp_path):
    from reportgen.content.figures import RATE_PATTERNS

    out = run("check", "--explain", "W422", cwd=tmp_path).stdout
    assert all(p.example in out for p in RATE_PATTERNS)


def test_explain_of_an_unknown_code_is_a_usage_error(tmp_path):
    proc = run("check", "--explain", "W999", cwd=tmp_path)
    assert proc.returncode == 2 and "W999" in proc.stderr and "Traceback" not in proc.stderr


def test_check_without_a_year_is_a_usage_error(tmp_path):
    proc = run("check", cwd=tmp_path)
    assert proc.returncode == 2 and "年度" in proc.stderr


def test_information_fails_only_under_strict(mini):
    vague = ("坚持把依法行政的要求贯穿工作全过程，持续优化工作流程，不断提升服务效能，推动各项工作更加规范高效。"
             "积极回应群众关切，认真梳理工作中的堵点难点，有针对性地改进工作方法，群众满意度明显提升，各项工作取得明显成效。")
    mini.replace("2023/司法局.yaml", "        内容: 全年制定地方性法规3件。", f"        内容: {vague}")
    proc = run("check", "2023", cwd=mini.root.parent)
    assert proc.returncode == 0 and "0 个警告，1 个提示" in proc.stdout and ": 提示: " in proc.stdout
    assert run("check", "2023", "--strict", cwd=mini.root.parent).returncode == 1


# --- 原因 in the report ----------------------------------------------------------------------------


def test_a_problems_cause_follows_it_in_the_report(mini):
    from reportgen.model.document import unit_document

    mini.replace("2023/司法局.yaml", "  - 主要是执法培训不够系统。", "  - 内容: 执法培训不够系统\n    原因: 培训经费不足")
    unit = mini.check().data.units[0]
    assert unit.problems[1].cause == "培训经费不足"
    texts = [getattr(b, "text", "") for b in unit_document(unit).blocks]
    assert "执法培训不够系统。究其原因，培训经费不足。" in texts


# --- the overview page ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def overview(sample_result, tmp_path_factory):
    from reportgen.model.indicators import indicator_results
    from reportgen.publish.overview import write_overview

    data = sample_result.data
    results = indicator_results(data.plan.indicators, data.units, data.year, data.previous)
    target = tmp_path_factory.mktemp("overview") / "index.html"
    write_overview(target, sample_result, results, {}, today=dt.date(2024, 2, 20))
    return lxml.html.fromstring(target.read_text(encoding="utf-8"))


def test_deadlines_count_days_from_the_build_date(overview):
    deadlines = {d.get("data-deadline"): d.text_content() for d in overview.xpath("//*[@data-deadline]")}
    assert "还有 10 天" in deadlines["各部门报送"]  # 2024-02-20 → 2024-03-01
    assert "还有 41 天" in deadlines["向社会公开"]
    assert "2024年2月20日" in overview.xpath("//section[@id='deadlines']")[0].text_content()


def test_past_deadlines_say_how_long_ago():
    from reportgen.content.overview_parts import deadlines

    assert [d.text for d in deadlines(2023, dt.date(2024, 3, 3))] == ["已过 2 天", "还有 29 天"]
    assert deadlines(2023, dt.date(2024, 3, 1))[0].text == "今天是截止日"


def test_units_not_submitted_are_listed_first(overview):
    pending = overview.xpath("//ol[@class='pending']/li")
    assert pending[0].get("data-pending") == "交通运输局" and "未提交" in pending[0].text_content()
    assert all("已提交" in li.text_content() for li in pending[1:])


def test_each_report_has_a_panel_of_content_findings(overview, sample_result):
    panels = {p.get("data-panel"): [li.get("data-code") for li in p.xpath(".//li")]
              for p in overview.xpath("//div[@class='panel']")}
    assert set(panels) == {u.code for u in sample_result.data.units} | {"_city"}
    assert panels["_city"] == []
    assert sorted(panels["政数局"]) == ["I401", "W432"]
    assert sorted(c for codes in panels.values() for c in codes) == sorted(
        c for c, n in SAMPLE_FINDINGS.items() for _ in range(n) if c.startswith(("W4", "I4")) or c == "W304")


def test_boilerplate_is_counted_once_on_the_overview(overview):
    rows = overview.xpath("//table[@class='boilerplate']/tbody/tr")
    assert len(rows) == 1
    assert rows[0].xpath("./td")[1].text_content() == "3"


def test_source_date_epoch_fixes_the_build_date(monkeypatch):
    from reportgen.content.overview_parts import build_date

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1708387200")  # 2024-02-20 00:00 UTC
    assert build_date() == dt.date(2024, 2, 20)


def test_the_build_date_is_part_of_the_fingerprint(monkeypatch, tmp_path):
    """A build on a new day is not skipped: index.html counts the days from the build date."""
    from reportgen.pipeline.build import BuildSettings

    settings = BuildSettings(tmp_path, 2023, None, ("docx",), None, None, None)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1708387200")
    first = settings.fingerprint_text()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1708473600")  # a day later
    assert settings.fingerprint_text() != first


# --- the new keys in the files ------------------------------------------------------------------------


def test_cause_is_allowed_only_in_problems(mini):
    from conftest import found

    line = mini.replace("2023/司法局.yaml", "    内容: 加强行政执法监督。", "    内容: 加强行政执法监督。\n    原因: 无")
    assert found(mini.check()) == [("E201", "司法局.yaml", line + 1)]


@pytest.mark.parametrize("alias", ["审查率", "[审查率, 合法性审查]"])
def test_an_indicator_may_have_aliases(mini, alias):
    mini.replace("plan.yaml", "  - 名称: 合法性审查率\n", f"  - 名称: 合法性审查率\n    别名: {alias}\n")
    result = mini.check()
    assert result.diagnostics == []
    assert "审查率" in result.data.plan.indicator("合法性审查率").aliases
