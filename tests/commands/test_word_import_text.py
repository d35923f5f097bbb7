"""`reportgen import` of plain text and Markdown, and the text rules of the recognition."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT
from reportgen.pipeline.check import check_year
from reportgen.word_import.command import Settings, import_files, name_from_title
from reportgen.word_import.text import normalize, parse_date, split_run
from word_import_support import CORPUS_CODE, PLAIN, data_copy, unit_data

@pytest.mark.parametrize("encoding", ["utf-8", "gb18030", "utf-16"])
def test_plain_text_in_any_encoding_the_loader_reads(tmp_path: Path, encoding: str):
    data = data_copy(tmp_path)
    source = tmp_path / f"{CORPUS_CODE}.txt"
    source.write_bytes(PLAIN.encode(encoding))
    outcome, = import_files(Settings(data, 2023), [source])
    assert not outcome.failed
    written = unit_data(data)
    assert written["导语"].startswith("2023年，市交通运输局")  # the half-width comma made full-width
    assert written["主要做法和成效"][0]["事项"][1] == {"标题": "开展执法质量评查",
                                                    "内容": "抽查执法案卷120宗，对发现的问题逐一督促整改。"}
    assert written["存在问题"] == ["部分规范性文件清理不够及时。"]
    assert check_year(data, 2023, only=CORPUS_CODE).errors == []


def test_markdown_headings_and_bold_leads(tmp_path: Path):
    data = data_copy(tmp_path)
    source = tmp_path / f"{CORPUS_CODE}.md"
    source.write_text("# 云澜市交通运输局2023年法治政府建设年度报告\n\n## 主要做法和成效\n\n### 规范执法\n\n"
                      "**落实执法三项制度。**公示执法信息1800余条。\n\n## 存在问题\n\n- 监管手段较少。\n\n"
                      "## 下一步工作计划\n\n- 完善监管制度。\n", encoding="utf-8")
    outcome, = import_files(Settings(data, 2023), [source])
    assert not outcome.failed
    group = unit_data(data)["主要做法和成效"][0]
    assert group["标题"] == "规范执法"
    assert group["事项"] == [{"标题": "落实执法三项制度", "内容": "公示执法信息1800余条。"}]


def test_text_norms():
    assert normalize(" 全年 受理 投诉1.2万件,按时办结率 99.1%\n。") == "全年受理投诉1.2万件，按时办结率99.1%。"
    assert normalize("共享单车(含电动自行车)管理") == "共享单车（含电动自行车）管理"
    assert normalize("use Word 2016 files") == "use Word 2016 files"


def test_yishi_runs_and_dates():
    assert split_run("我局：一是加强A；二是完善B。") == ["我局：", "加强A；", "完善B。"]
    assert split_run("统一是前提，二是后来") is None
    assert str(parse_date("2024年2月20日")) == "2024-02-20"
    assert str(parse_date("二〇二四年二月二十日")) == "2024-02-20"
    assert parse_date("2024年2月30日") is None


def test_users_extend_the_part_phrasings(tmp_path: Path):
    data = data_copy(tmp_path)
    source = tmp_path / f"{CORPUS_CODE}.txt"
    source.write_text(PLAIN.replace("二、存在问题", "二、短板弱项"), encoding="utf-8")
    outcome, = import_files(Settings(data, 2023, force=True), [source])
    assert "W503" in [d.code for d in outcome.diagnostics]  # 短板弱项 is no known phrasing
    own = tmp_path / "templates"
    own.mkdir()
    phrases = (ROOT / "templates" / "import_parts.yaml").read_text(encoding="utf-8")
    (own / "import_parts.yaml").write_text(phrases.replace("  - 存在问题\n", "  - 存在问题\n  - 短板弱项\n"),
                                           encoding="utf-8")
    outcome, = import_files(Settings(data, 2023, force=True, templates=own), [source])
    assert "W503" not in [d.code for d in outcome.diagnostics]  # (a W502 on a weak area guess may stay)
    assert unit_data(data)["存在问题"] == ["部分规范性文件清理不够及时。"]


def test_title_other_than_the_default_is_kept_and_names_the_unit(tmp_path: Path):
    data = data_copy(tmp_path)
    source = tmp_path / "报告.txt"
    title = "云澜市交通运输局关于2023年法治政府建设情况的报告"
    source.write_text(PLAIN.replace("云澜市交通运输局2023年法治政府建设年度报告", title), encoding="utf-8")
    outcome, = import_files(Settings(data, 2023, code=CORPUS_CODE), [source])
    assert not outcome.failed
    assert unit_data(data)["标题"] == title
    assert name_from_title(title) == "云澜市交通运输局"
    assert name_from_title("二〇二三年度工作总结") is None


def test_any_text_is_quoted_safely(tmp_path: Path):
    data = data_copy(tmp_path)
    source = tmp_path / f"{CORPUS_CODE}.txt"
    awkward = 'See "C:\\data" - key: value # not a comment {{ 7*7 }} & <b>'
    source.write_text(PLAIN.replace("部分规范性文件清理不够及时。", awkward), encoding="utf-8")
    outcome, = import_files(Settings(data, 2023), [source])
    assert not outcome.failed
    assert unit_data(data)["存在问题"] == [awkward]


def test_item_lead_on_a_line_of_its_own(tmp_path: Path):
    data = data_copy(tmp_path)
    source = tmp_path / f"{CORPUS_CODE}.txt"
    text = PLAIN.replace("1.落实执法三项制度。在执法平台", "1.落实执法三项制度\n在执法平台")
    source.write_text(text, encoding="utf-8")
    outcome, = import_files(Settings(data, 2023), [source])
    assert not outcome.failed
    assert unit_data(data)["主要做法和成效"][0]["事项"][0] == {"标题": "落实执法三项制度",
                                                          "内容": "在执法平台公示行政许可和行政处罚信息1800余条。"}


def test_numbered_paragraphs_in_a_part_are_entries_not_headings(tmp_path: Path):
    data = data_copy(tmp_path)
    source = tmp_path / f"{CORPUS_CODE}.txt"
    long_problem = "（一）执法力量不足" + "，基层执法人员数量与监管对象的增长还不相适应" * 4 + "。"
    source.write_text(PLAIN.replace("部分规范性文件清理不够及时。", long_problem), encoding="utf-8")
    outcome, = import_files(Settings(data, 2023), [source])
    assert not outcome.failed
    assert unit_data(data)["存在问题"] == [long_problem.removeprefix("（一）")]


def test_title_of_another_year_gives_a_warning(tmp_path: Path):
    data = data_copy(tmp_path)
    source = tmp_path / f"{CORPUS_CODE}.txt"
    source.write_text(PLAIN.replace("2023年法治政府建设年度报告", "2022年法治政府建设年度报告"), encoding="utf-8")
    outcome, = import_files(Settings(data, 2023), [source])
    found = [(d.code, d.loc.line) for d in outcome.diagnostics if d.code != "W502"]  # (a weak area guess)
    assert found == [("W504", 5)]  # the line of 年度


def test_note_below_the_date_is_kept_and_the_date_still_read(tmp_path: Path):
    data = data_copy(tmp_path)
    source = tmp_path / f"{CORPUS_CODE}.txt"
    source.write_text(PLAIN.replace("2024年2月20日\n", "2024年2月21日\n（此件公开发布）\n"), encoding="utf-8")
    outcome, = import_files(Settings(data, 2023), [source])
    written = unit_data(data)
    assert str(written["成文日期"]) == "2024-02-21"
    assert written["附注"] == "（此件公开发布）"  # the document's 附注 (GB/T 9704 7.3.6), never body text
    assert "其他需要报告的情况" not in written
    assert written["下一步计划"] == ["研究制定网约车和共享单车管理办法。"]


def test_parts_named_di_yi_bu_fen(tmp_path: Path):
    data = data_copy(tmp_path)
    source = tmp_path / f"{CORPUS_CODE}.txt"
    text = PLAIN.replace("一、主要做法和成效", "第一部分 主要做法和成效").replace("二、存在问题", "第二部分　存在问题")
    source.write_text(text, encoding="utf-8")
    outcome, = import_files(Settings(data, 2023), [source])
    assert not outcome.failed
    assert unit_data(data)["存在问题"] == ["部分规范性文件清理不够及时。"]


def test_duty_first_then_themes(tmp_path: Path):
    data = data_copy(tmp_path)
    source = tmp_path / f"{CORPUS_CODE}.txt"
    source.write_text("""云澜市交通运输局2023年法治政府建设年度报告
一、主要负责人履行推进法治建设第一责任人职责情况
局长带头学法用法，主持专题会议4次。
二、深化交通运输领域放管服改革
取消和下放许可事项6项。
三、严格规范交通运输执法
抽查执法案卷120宗。
四、存在问题
监管手段较少。
五、下一步工作计划
完善监管制度。
""", encoding="utf-8")
    outcome, = import_files(Settings(data, 2023), [source])
    assert not outcome.failed
    written = unit_data(data)
    assert [g["标题"] for g in written["主要做法和成效"]] == ["深化交通运输领域放管服改革", "严格规范交通运输执法"]
    assert written["第一责任人履职情况"] == "局长带头学法用法，主持专题会议4次。"
    assert "其他需要报告的情况" not in written


def test_a_group_too_long_for_one_list_continues_in_the_next(tmp_path: Path):
    data = data_copy(tmp_path)
    source = tmp_path / f"{CORPUS_CODE}.txt"
    rows = "".join(f"第{n}号路段完成标志标线整治。\n" for n in range(1, 602))
    source.write_text(PLAIN.replace("2.开展执法质量评查。", rows + "2.开展执法质量评查。"), encoding="utf-8")
    outcome, = import_files(Settings(data, 2023), [source])
    assert not outcome.failed, [d.format() for d in outcome.diagnostics]
    groups = unit_data(data)["主要做法和成效"]
    assert [len(g["事项"]) for g in groups] == [500, 103]
    assert groups[0]["标题"] == groups[1]["标题"]


def test_a_group_that_matches_nothing_in_the_plan_says_so(tmp_path: Path):
    data = data_copy(tmp_path)
    source = tmp_path / f"{CORPUS_CODE}.txt"
    source.write_text(PLAIN.replace("（一）严格规范交通运输执法\n1.落实执法三项制度。在执法平台公示行政许可和行政处罚信息1800余条。\n"
                                    "2.开展执法质量评查。抽查执法案卷120宗，对发现的问题逐一督促整改。",
                                    "（一）春季植树\n种下樱花树苗三百棵。"), encoding="utf-8")
    outcome, = import_files(Settings(data, 2023), [source])
    assert [d.code for d in outcome.diagnostics] == ["W502"]
    text = (data / "2023" / f"{CORPUS_CODE}.yaml").read_text(encoding="utf-8")
    assert "# 领域为自动判断：这一组与规划的领域名称和任务都没有相同的词" in text


def test_signature_line_that_is_not_the_unit_is_a_comment_with_a_warning(tmp_path: Path):
    data = data_copy(tmp_path)
    source = tmp_path / f"{CORPUS_CODE}.txt"
    source.write_text(PLAIN.replace("云澜市交通运输局\n2024年", "中共云澜市交通运输局党组\n云澜市交通运输局\n2024年"),
                      encoding="utf-8")
    outcome, = import_files(Settings(data, 2023), [source])
    written = (data / "2023" / f"{CORPUS_CODE}.yaml").read_text(encoding="utf-8").splitlines()
    warned = [d.loc.line for d in outcome.diagnostics if d.code == "W507"]
    assert len(warned) == 1 and written[warned[0] - 1].startswith("# 原文落款：中共云澜市交通运输局党组")
    assert written[warned[0]].startswith("成文日期:")


@pytest.mark.parametrize("paragraph", ["一是基层执法力量薄弱。二是执法人员素质参差不齐。",
                                       "首先要健全机制。其次要加强培训。"])
def test_a_paragraph_opening_with_its_sequence_word_gets_no_title(tmp_path: Path, paragraph: str):
    """A short first sentence “一是基层执法力量薄弱。” reads like a plain lead, but as 标题 it
    would print as “1.基层执法力量薄弱。” (W313 strips 一是): the paragraph stays whole (#19)."""
    data = data_copy(tmp_path)
    source = tmp_path / f"{CORPUS_CODE}.txt"
    source.write_text(PLAIN.replace("部分规范性文件清理不够及时。", paragraph), encoding="utf-8")
    outcome, = import_files(Settings(data, 2023), [source])
    assert not outcome.failed
    assert unit_data(data)["存在问题"] == [paragraph]
    assert "W313" not in [d.code for d in check_year(data.parent, 2023, only=CORPUS_CODE).diagnostics]
