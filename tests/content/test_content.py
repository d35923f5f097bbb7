"""Content checks (reportgen/content/): for each rule one case that triggers it, asserted by code
and line, and one near miss that must not."""

from __future__ import annotations

import pytest

from conftest import found, line_of

UNIT = "2023/司法局.yaml"
MARKET = "2023/市场局.yaml"
REPORT = "2023/_report.yaml"
INTRO = "导语: 2023年，我局坚持立法为民。"
ITEM = "        内容: 全年制定地方性法规3件。"


def content(result) -> list[tuple[str, str, int]]:
    """(code, file, line) of the content findings only (W304, W4xx, I4xx)."""
    return [f for f in found(result) if f[0].startswith(("W4", "I4")) or f[0] == "W304"]


def intro_with(mini, text: str) -> int:
    return mini.replace(UNIT, INTRO, f"导语: {text}")


# --- GB/T 15834 / 15835 ---------------------------------------------------------------------

NORMS = [
    ("W431", "我局开展“立法为民行动，成效明显。", "我局开展“立法为民”行动（全年），成效明显。"),
    ("W431", "我局学习《行政复议法，成效明显。", "我局学习《行政复议法》，成效明显。"),
    ("W432", "我局坚持立法为民--服务群众。", "我局坚持立法为民——服务群众。"),
    ("W432", "我局坚持立法为民—服务群众。", "我局落实2021—2025年规划。"),
    ("W433", "制定法规、规章...等文件。", "制定法规、规章……等文件。"),
    ("W433", "制定法规、规章。。。等文件。", "制定法规、规章等文件。"),
    ("W434", "我局坚持立法为民，，服务群众。", "我局坚持立法为民，服务群众。"),
    ("W435", "全年制定法规３件。", "全年制定法规3件。"),
    ("W435", "推行ＰＤＦ电子文书。", "推行PDF电子文书。"),
    ("W436", "我局坚持 立法为民。", "我局推行 PDF 电子文书。"),
    ("W437", "落实2021-2025年规划。", "落实2021至2025年规划，电话0571-2025。"),
    ("W437", "落实2021~2025年规划。", "落实2021—2025年规划。"),
]


@pytest.mark.parametrize("code, bad, good", NORMS)
def test_written_language_norms(mini, code, bad, good):
    line = intro_with(mini, bad)
    assert content(mini.check()) == [(code, "司法局.yaml", line)]
    mini.replace(UNIT, f"导语: {bad}", f"导语: {good}")
    assert content(mini.check()) == []


def test_norm_hint_shows_the_corrected_text(mini):
    intro_with(mini, "落实2021-2025年规划。")
    message = next(d.message for d in mini.check().diagnostics if d.code == "W437")
    assert "2021—2025年" in message


def test_each_norm_is_reported_once_per_text(mini):
    line = intro_with(mini, "一是……二是...三是...四是...")
    assert content(mini.check()) == [("W433", "司法局.yaml", line)]


# --- statutory content -------------------------------------------------------------------------


def test_a_unit_without_duty_gets_w304(mini):
    mini.replace(UNIT, "第一责任人履职情况: 局主要负责人带头学法。\n", "")
    assert content(mini.check()) == [("W304", "司法局.yaml", 1)]


def test_problems_without_any_cause(mini):
    mini.replace(UNIT, "  - 主要是执法培训不够系统。", "  - 执法培训不够系统。")
    line = line_of(mini.read(UNIT), "存在问题:")
    assert content(mini.check()) == [("W401", "司法局.yaml", line)]


@pytest.mark.parametrize("cause", ["  - 受编制限制影响，执法培训不够系统。", "  - 执法培训尚未覆盖全部人员。",
                                   "  - 内容: 执法培训不够系统。\n    原因: 培训经费不足"])
def test_a_cause_by_wording_or_by_key_is_enough(mini, cause):
    mini.replace(UNIT, "  - 主要是执法培训不够系统。", cause)
    assert content(mini.check()) == []


def test_a_problem_no_plan_answers(mini):
    mini.replace(UNIT, "  - 主要是执法培训不够系统。", "  - 主要是执法培训不够系统。\n  - 档案数字化进度偏慢。")
    line = line_of(mini.read(UNIT), "档案数字化")
    assert content(mini.check()) == [("W402", "司法局.yaml", line)]


def test_a_plan_sharing_a_key_term_answers_the_problem(mini):
    mini.replace(UNIT, "  - 主要是执法培训不够系统。", "  - 主要是执法培训不够系统。\n  - 档案数字化进度偏慢。")
    mini.replace(UNIT, "    内容: 加强行政执法监督。", "    内容: 加强行政执法监督，完成档案数字化。")
    assert content(mini.check()) == []


def test_generic_words_alone_do_not_answer_a_problem():
    from reportgen.content.statutory import term_pairs

    assert not term_pairs("进一步加强工作，持续推进依法行政") & term_pairs("问题：工作有待加强")
    assert term_pairs("基层执法人员素质有待提高") & term_pairs("加强执法人员培训") == {"执法", "法人", "人员"}


# --- copied and repeated text --------------------------------------------------------------------

LONG = "全年制定地方性法规3件、政府规章5件，立法前开展实地调研12次，召开座谈会和论证会18场，听取基层群众和企业意见建议300余条。"
LAST_YEAR = "单位: 测试市司法局\n年度: 2022\n主要做法和成效:\n  - 标题: 立法\n    事项:\n      - {item}\n指标:\n  合法性审查率: 100\n"


def test_text_copied_from_last_year(mini):
    line = mini.replace(UNIT, ITEM, f"        内容: {LONG}")
    mini.path("2022").mkdir()
    mini.write("2022/司法局.yaml", LAST_YEAR.format(item=LONG.replace("3件", "2件").replace("12次", "9次")))
    result = mini.check()
    assert content(result) == [("W411", "司法局.yaml", line)]
    message = result.diagnostics[0].message
    assert "2022/司法局.yaml:6" in message and "100%" in message


def test_last_year_with_other_text_or_only_indicators_is_no_copy(mini):
    mini.replace(UNIT, ITEM, f"        内容: {LONG}")
    mini.path("2022").mkdir()
    other = "出台立法工作规程，明确立项、起草、审查和审议各环节的时限，全年完成立法项目2件，另有3件转入下年度继续论证。"
    mini.write("2022/司法局.yaml", LAST_YEAR.format(item=other))
    mini.write("2022/市场局.yaml", "单位: 测试市市场监督管理局\n指标:\n  减免责清单事项: 387\n")
    result = mini.check()
    assert content(result) == []
    assert [len(p.texts) for p in result.data.previous] == [1, 0]


def test_same_text_in_two_units_is_reported_at_both(mini):
    unit_line = mini.replace(UNIT, ITEM, f"        内容: {LONG}")
    market_line = mini.replace(MARKET, "        内容: 全年新增减免责事项32项。", f"        内容: {LONG.replace('3件', '4件')}")
    assert sorted(content(mini.check())) == [("W412", "司法局.yaml", unit_line), ("W412", "市场局.yaml", market_line)]


def test_related_but_different_texts_in_two_units(mini):
    mini.replace(UNIT, ITEM, f"        内容: {LONG}")
    other = "配合司法局开展市场监管领域立法调研，提出意见建议26条，参与起草地方性法规1件，对现行规范性文件开展专项清理。"
    mini.replace(MARKET, "        内容: 全年新增减免责事项32项。", f"        内容: {other}")
    assert content(mini.check()) == []


STOCK = "全局上下牢固树立法治意识，把法治政府建设各项要求贯穿于行政管理和服务的全过程、各环节，推动各项工作在法治轨道上运行。"


def test_boilerplate_in_three_reports_is_reported_once(mini):
    first = mini.replace(REPORT, "导语: 2023年，测试市坚持依法行政，法治政府建设取得新进展。",
                         f"导语: 2023年，测试市坚持依法行政。{STOCK}")
    mini.replace(UNIT, INTRO, f"导语: 2023年，我局围绕立法为民开展工作，完成立法项目3件。{STOCK}")
    mini.write(MARKET, mini.read(MARKET).replace("年度: 2023\n", f"年度: 2023\n导语: 市场局推行包容审慎监管。{STOCK}\n"))
    result = mini.check()
    assert content(result) == [("W413", "_report.yaml", first)]
    assert [(b.count, b.loc.line) for b in result.boilerplate] == [(3, first)]


def test_a_stock_sentence_in_two_reports_is_no_boilerplate(mini):
    mini.replace(UNIT, INTRO, f"导语: 2023年，我局围绕立法为民开展工作，完成立法项目3件，开展执法检查12次，办理复议案件45件。{STOCK}")
    mini.write(MARKET, mini.read(MARKET).replace(
        "年度: 2023\n", f"年度: 2023\n导语: 市场局推行包容审慎监管，全年新增减免责事项32项，抽查企业1200户。{STOCK}\n"))
    result = mini.check()
    assert content(result) == [] and result.boilerplate == []


def test_similarity_only_scores_candidate_pairs(monkeypatch):
    """Not quadratic: texts that share no shingles are never compared."""
    from reportgen.content import similarity
    from reportgen.read.texts import Passage
    from reportgen.errors import Loc

    calls = []
    real = similarity.dice
    monkeypatch.setattr(similarity, "dice", lambda a, b: calls.append(1) or real(a, b))
    digits = "零一二三四五六七八九"
    sources = []
    for n in range(120):
        tag = "".join(digits[int(c)] for c in f"{n:03d}")
        text = "".join(f"第{tag}单位事项{digits[k]}{tag}{k}" for k in range(10))
        sources.append(similarity.Source(f"单位{n}", (Passage("事项", (), text, Loc("x.yaml", n), "x.yaml"),)))
    found, boilerplate = similarity.across_units(sources)
    assert found == [] and boilerplate == []
    assert len(calls) < 120  # not 120 · 119 / 2 = 7140


# --- figures ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["全年合法性审查率为98%。", "全年审查率98%。"])
def test_a_figure_that_differs_from_the_reported_indicator(mini, text):
    mini.replace("plan.yaml", "  - 名称: 合法性审查率\n", "  - 名称: 合法性审查率\n    别名: 审查率\n")
    line = mini.replace(UNIT, ITEM, f"        内容: {text}")
    assert content(mini.check()) == [("W421", "司法局.yaml", line)]


@pytest.mark.parametrize("text", ["全年合法性审查率保持100%。", "合法性审查率较上年提高2个百分点。",
                                  "合法性审查率2023年保持100%。", "确保合法性审查率达到95%以上。"])
def test_figures_that_agree_or_are_no_value(mini, text):
    mini.replace(UNIT, ITEM, f"        内容: {text}")
    assert content(mini.check()) == []


@pytest.mark.parametrize("text, differs", [("考评排名第9位。", True), ("考评排名第7位。", False),
                                           ("考评排名较上年前移2位。", False)])
def test_a_rank_in_the_text(mini, text, differs):
    line = mini.replace(UNIT, ITEM, f"        内容: {text}")
    assert content(mini.check()) == ([("W421", "司法局.yaml", line)] if differs else [])


def test_figures_in_the_plans_part_are_targets(mini):
    mini.replace(UNIT, "    内容: 加强行政执法监督。", "    内容: 加强行政执法监督，合法性审查率不低于98%。")
    assert content(mini.check()) == []


@pytest.mark.parametrize("text", ["应出庭的312件案件中负责人出庭302件，出庭应诉率96.2%。",
                                  "通过调解化解186件，占审结902件的21.6%。"])
def test_a_rate_its_counts_do_not_give(mini, text):
    line = mini.replace(UNIT, ITEM, f"        内容: {text}")
    result = mini.check()
    assert content(result) == [("W422", "司法局.yaml", line)]


@pytest.mark.parametrize("text", ["应出庭的312件案件中负责人出庭302件，出庭应诉率96.8%。",
                                  "通过调解化解186件，占审结902件的20.6%。",
                                  "应出庭的312件案件中负责人出庭302件。出庭应诉率96.2%。"])
def test_a_rate_that_its_counts_give_or_counts_in_another_sentence(mini, text):
    mini.replace(UNIT, ITEM, f"        内容: {text}")
    assert content(mini.check()) == []


VAGUE = ("坚持把依法行政的要求贯穿工作全过程，持续优化工作流程，不断提升服务效能，推动各项工作更加规范高效。"
         "积极回应群众关切，认真梳理工作中的堵点难点，有针对性地改进工作方法，群众满意度明显提升，各项工作取得明显成效。")


def test_a_long_item_with_nothing_concrete_is_information(mini):
    line = mini.replace(UNIT, ITEM, f"        内容: {VAGUE}")
    result = mini.check()
    assert content(result) == [("I401", "司法局.yaml", line)]
    assert result.infos and not result.warnings and result.data is not None


@pytest.mark.parametrize("concrete", ["全年办理12件", "依照《行政复议法》", "会同市市场监督管理局", "开展三项整治"])
def test_a_number_a_document_or_a_body_makes_it_concrete(mini, concrete):
    mini.replace(UNIT, ITEM, f"        内容: {VAGUE[:-1]}，{concrete}。")
    assert content(mini.check()) == []


# --- the project's levels (检查 in _report.yaml) -------------------------------------------------------


def _levels(mini, lines: str) -> int:
    mini.write(REPORT, mini.read(REPORT) + "检查:\n" + lines)
    return len(mini.read(REPORT).splitlines()) - lines.count("\n") + 1


def test_a_warning_can_be_switched_off(mini):
    intro_with(mini, "全年制定法规３件。")
    _levels(mini, "  W435: 关闭\n")
    assert mini.check().diagnostics == []


@pytest.mark.parametrize("level, severity", [("提示", "提示"), ("错误", "错误")])
def test_a_warning_can_change_its_level(mini, level, severity):
    intro_with(mini, "全年制定法规３件。")
    _levels(mini, f"  W435: {level}\n")
    result = mini.check()
    assert [(d.code, d.severity) for d in result.diagnostics] == [("W435", severity)]
    assert (result.data is None) == (severity == "错误")


@pytest.mark.parametrize("code", ["E201", "W999"])
def test_an_error_or_unknown_code_cannot_be_configured(mini, code):
    line = _levels(mini, f"  {code}: 关闭\n")
    assert found(mini.check()) == [("E221", "_report.yaml", line)]


def test_an_unknown_level_is_an_error(mini):
    line = _levels(mini, "  W435: 忽略\n")
    assert found(mini.check()) == [("E205", "_report.yaml", line)]
