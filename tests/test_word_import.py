"""`reportgen import`: Word reports → unit files that pass `check`, losing no sentence.

The sample round trip builds each sample unit's DOCX once (module fixture, DOCX writer in
process), imports it and compares the data with the original. The corpus in
tests/fixtures/word/ (made by make_corpus.py) covers the shapes real reports take; the
broken files in tests/hostile/word/ must each give one error code and write nothing.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT
from reportgen.cli import cli
from reportgen.document import unit_document
from reportgen.loader import load_file
from reportgen.project import check_year
from reportgen.word_import import sources
from reportgen.word_import.command import Settings, import_files, name_from_title
from reportgen.word_import.sources import read_source
from reportgen.word_import.text import normalize, parse_date, sentences, split_run
from reportgen.writers import WriteOptions, writer

DATA = ROOT / "data"
CORPUS = ROOT / "tests" / "fixtures" / "word"
HOSTILE = ROOT / "tests" / "hostile" / "word"
EXPECTED = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))
SAMPLE_UNITS = sorted(p.stem for p in (DATA / "2023").glob("[!_]*.yaml"))
CORPUS_CODE = "交通运输局"  # registered in the sample's _report.yaml, no file of its own
LINE = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<sev>错误|警告): .+ \[(?P<code>[EW]\d{3})\]$")


def data_copy(root: Path, remove: tuple[str, ...] = tuple(SAMPLE_UNITS)) -> Path:
    """The sample data folder; by default without the units' files (check reads only the import)."""
    shutil.copytree(DATA, root / "data")
    for code in remove:
        (root / "data" / "2023" / f"{code}.yaml").unlink()
    return root / "data"


def texts_of(value) -> list[str]:
    """Every text of a data file in file order (codes and numbers aside)."""
    if isinstance(value, dict):
        return [t for k, v in value.items() if k not in ("领域", "年度", "成文日期") for t in texts_of(v)]
    if isinstance(value, list):
        return [t for v in value for t in texts_of(v)]
    return [value] if isinstance(value, str) else []


def codes(output: str) -> list[str]:
    return [m.group("code") for m in map(LINE.match, output.splitlines()) if m]


def without_unconfirmed(data: dict) -> dict:
    """The original minus what import never writes as data: 关联任务 and 指标 need the unit."""
    data = {k: v for k, v in data.items() if k != "指标"}
    for group in data["主要做法和成效"]:
        for item in group["事项"]:
            if isinstance(item, dict):
                item.pop("关联任务", None)
    return data


# --- the sample round trip -------------------------------------------------------------

@pytest.fixture(scope="module")
def round_trip(tmp_path_factory) -> Path:
    """Every sample unit: DOCX by reportgen's writer → import into a data folder without it."""
    root = tmp_path_factory.mktemp("round-trip")
    result = check_year(DATA, 2023)
    assert result.data is not None
    documents = root / "docx"
    documents.mkdir()
    files = []
    for unit in result.data.units:
        files.append(documents / f"{unit.code}.docx")
        writer("docx")(unit_document(unit), files[-1], WriteOptions())
    data = data_copy(root)
    outcomes = import_files(Settings(data, 2023), files)
    assert not any(o.failed for o in outcomes), [d.format() for o in outcomes for d in o.diagnostics]
    return data


@pytest.mark.parametrize("code", SAMPLE_UNITS)
def test_sample_report_keeps_every_sentence(round_trip: Path, code: str):
    """Sentence by sentence, in order, every sentence of the DOCX is in the imported file
    (the title, part headings, signature and date line aside: reportgen writes them itself)."""
    written = "\n".join(texts_of(load_file(round_trip / "2023" / f"{code}.yaml").data))
    paras = read_source(round_trip.parent / "docx" / f"{code}.docx").paras
    body = [normalize(p.text) for p in paras if p.style in ("公文正文", "公文二级标题")]
    assert len(body) > 20
    for text in body:
        position = 0
        for sentence in sentences(text):
            position = written.find(sentence, position)
            assert position >= 0, f"{code}: lost “{sentence}”"


@pytest.mark.parametrize("code", SAMPLE_UNITS)
def test_sample_round_trip_gives_the_original_data(round_trip: Path, code: str):
    original = without_unconfirmed(load_file(DATA / "2023" / f"{code}.yaml").data)
    imported = load_file(round_trip / "2023" / f"{code}.yaml")
    assert imported.diagnostics == []
    assert imported.data == original


def test_sample_round_trip_passes_check(round_trip: Path):
    result = check_year(round_trip, 2023)
    assert result.errors == []


def test_areas_tasks_and_indicators_are_comments_only(round_trip: Path):
    text = (round_trip / "2023" / "司法局.yaml").read_text(encoding="utf-8")
    data = load_file(round_trip / "2023" / "司法局.yaml").data
    assert "指标" not in data
    assert not any("关联任务" in item for g in data["主要做法和成效"] for item in g["事项"] if isinstance(item, dict))
    assert text.count("# 领域为自动判断：") == len(data["主要做法和成效"])
    assert "关联任务: [11]" in text
    assert re.search(r"^#   行政机关负责人出庭应诉率: 96\.8 .*原文", text, re.M)
    ecology = (round_trip / "2023" / "生态环境局.yaml").read_text(encoding="utf-8")
    assert re.search(r"^#   行政执法减免责清单事项: 58 .*由45项增至58项", ecology, re.M)  # the figure reached


# --- the corpus --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict[str, tuple[Path, list[str]]]:
    """Each corpus file imported as 交通运输局 into its own data folder: (folder, warnings)."""
    found = {}
    for name in EXPECTED:
        data = data_copy(tmp_path_factory.mktemp(Path(name).stem))
        outcome, = import_files(Settings(data, 2023, code=CORPUS_CODE), [CORPUS / name])
        assert not outcome.failed, [d.format() for d in outcome.diagnostics]
        found[name] = (data, [d.code for d in outcome.diagnostics])
    return found


def unit_data(folder: Path) -> dict:
    return load_file(folder / "2023" / f"{CORPUS_CODE}.yaml").data


def test_corpus_has_at_least_twelve_word_files():
    assert len([n for n in EXPECTED if n.endswith(".docx")]) >= 12
    assert all((CORPUS / name).is_file() for name in EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_file_passes_check(corpus, name: str):
    folder, _ = corpus[name]
    result = check_year(folder, 2023)
    mine = [d for d in result.diagnostics if d.loc.file.endswith(f"{CORPUS_CODE}.yaml")]
    assert [d.code for d in mine if d.is_error] == []
    assert "W306" not in [d.code for d in mine]  # half-width marks were made full-width


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_file_keeps_every_sentence_in_order(corpus, name: str):
    folder, _ = corpus[name]
    written = "\n".join(texts_of(unit_data(folder)))
    dropped = {normalize(line) for line in EXPECTED[name]["dropped"]}
    for para in read_source(CORPUS / name).paras:
        text = normalize(para.text)
        if text in dropped:
            continue
        position = 0
        for sentence in sentences(text):
            found = written.find(sentence, position)
            assert found >= 0, f"{name}: lost “{sentence}” of “{text}”"
            position = found


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_file_structure(corpus, name: str):
    folder, _ = corpus[name]
    data, facts = unit_data(folder), EXPECTED[name]
    groups = data["主要做法和成效"]
    assert len(groups) == facts["groups"]
    if "items" in facts:
        assert sum(len(g["事项"]) for g in groups) == facts["items"]
    if "problems" in facts:
        assert len(data["存在问题"]) == facts["problems"]
    assert data.get("主送") == facts.get("主送")
    assert str(data["成文日期"]) == facts.get("成文日期", "2024-02-20")
    if facts.get("duty"):
        assert "第一责任人" in data["第一责任人履职情况"]
    if "other" in facts:
        assert len(data["其他需要报告的情况"]) == facts["other"]
    assert "标题" not in data  # the title is the default one
    for group in groups:  # numbering marks are gone
        assert not re.match(r"^[（(]?[一二三四五六七八九十\d]+[)）、.．]", group["标题"])


def test_item_titles_come_from_bold_lead_sentences(corpus):
    data = unit_data(corpus["02_direct_format.docx"][0])
    first = data["主要做法和成效"][0]
    assert first["标题"] == "深化交通运输领域放管服改革"
    assert first["事项"][0] == {"标题": "精简行政许可事项",
                               "内容": "全年取消和下放道路运输许可事项6项，将货运车辆年审与检测合并办理，企业办事材料平均减少四成。"}


def test_tracked_changes_count_as_accepted(corpus):
    written = "\n".join(texts_of(unit_data(corpus["14_tracked.docx"][0])))
    assert "全年新增交通运输执法辅助人员12名。" in written
    assert "这句话已被删除" not in written


def test_text_that_fits_no_part_is_kept_with_a_comment(corpus):
    folder, _ = corpus["13_unplaced.docx"]
    text = (folder / "2023" / f"{CORPUS_CODE}.yaml").read_text(encoding="utf-8")
    assert unit_data(folder)["其他需要报告的情况"][1:] == ["附则说明", "本报告中的数据截至2023年12月31日。"]
    assert "# 这段文字未能归入任何部分" in text


def test_close_area_scores_give_a_warning(corpus):
    _, warnings = corpus["01_styles.docx"]
    assert "W502" in warnings


# --- plain text ----------------------------------------------------------------------------

PLAIN = """云澜市交通运输局2023年法治政府建设年度报告
2023年,市交通运输局坚持依法行政，推动交通运输法治政府建设取得新进展。
一、主要做法和成效
（一）严格规范交通运输执法
1.落实执法三项制度。在执法平台公示行政许可和行政处罚信息1800余条。
2.开展执法质量评查。抽查执法案卷120宗，对发现的问题逐一督促整改。
二、存在问题
部分规范性文件清理不够及时。
三、下一步工作计划
研究制定网约车和共享单车管理办法。
云澜市交通运输局
2024年2月20日
"""


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
    assert check_year(data, 2023).errors == []


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


# --- the command, and bad input ----------------------------------------------------------

def run_import(cwd: Path, *args: str):
    """`reportgen import 2023 ARGS` in `cwd`, in process (paths in messages are relative to it)."""
    old = Path.cwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(cli, ["import", "2023", *args], catch_exceptions=False)
    finally:
        os.chdir(old)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    data_copy(tmp_path)
    return tmp_path


HOSTILE_CASES = {
    "encrypted.docx": "E502",
    "corrupted.docx": "E501",
    "empty.docx": "E505",
    "scanned.docx": "E504",
    "broken.doc": "E506",
}


@pytest.mark.parametrize("name", sorted(HOSTILE_CASES))
def test_hostile_word_file_is_refused_and_nothing_is_written(project: Path, name: str):
    source = project / f"司法局{Path(name).suffix}"
    shutil.copy(HOSTILE / name, source)
    before = sorted(p.name for p in (project / "data" / "2023").iterdir())
    result = run_import(project, source.name)
    assert result.exit_code == 1
    assert codes(result.output) == [HOSTILE_CASES[name]]
    assert f"{source.name}:1:1: 错误" in result.output
    assert sorted(p.name for p in (project / "data" / "2023").iterdir()) == before
    assert "Traceback" not in result.output


def test_file_over_twenty_megabytes(project: Path):
    source = project / "司法局.docx"
    with source.open("wb") as handle:
        handle.truncate(21 * 1024 * 1024)
    result = run_import(project, source.name)
    assert (result.exit_code, codes(result.output)) == (1, ["E503"])


def test_unsupported_file_type(project: Path):
    (project / "司法局.pdf").write_bytes(b"%PDF-1.7\n")
    result = run_import(project, "司法局.pdf")
    assert (result.exit_code, codes(result.output)) == (1, ["E507"])


def test_file_name_that_is_no_unit_code(project: Path):
    shutil.copy(CORPUS / "01_styles.docx", project / "交通 运输局.docx")
    result = run_import(project, "交通 运输局.docx")
    assert (result.exit_code, codes(result.output)) == (1, ["E215"])


def test_code_registered_under_another_name(project: Path):
    shutil.copy(CORPUS / "01_styles.docx", project / "司法局.docx")
    result = run_import(project, "司法局.docx")  # the report is 交通运输局's
    assert (result.exit_code, codes(result.output)) == (1, ["E509"])
    result = run_import(project, "司法局.docx", "--name", "云澜市法制局")
    assert (result.exit_code, codes(result.output)) == (1, ["E213"])
    assert not (project / "data" / "2023" / "司法局.yaml").exists()


def test_no_structure_becomes_one_group_with_a_warning(project: Path):
    shutil.copy(HOSTILE / "no_structure.docx", project / f"{CORPUS_CODE}.docx")
    result = run_import(project, f"{CORPUS_CODE}.docx", "--name", "云澜市交通运输局")
    assert result.exit_code == 0, result.output
    assert codes(result.output) == ["W501", "W503", "W503"]  # no parts: 存在问题 and 下一步计划 to fill in
    written = (project / "data" / "2023" / f"{CORPUS_CODE}.yaml").read_text(encoding="utf-8").splitlines()
    places = [(m.group("file"), int(m.group("line"))) for m in map(LINE.match, result.output.splitlines()) if m]
    assert places == [(f"data/2023/{CORPUS_CODE}.yaml", written.index("主要做法和成效:") + 3),
                      (f"data/2023/{CORPUS_CODE}.yaml", written.index("存在问题:") + 3),
                      (f"data/2023/{CORPUS_CODE}.yaml", written.index("下一步计划:") + 3)]  # below each comment
    data = unit_data(project / "data")
    assert len(data["主要做法和成效"]) == 1
    assert len(data["主要做法和成效"][0]["事项"]) == 4
    assert check_year(project / "data", 2023).errors == []


def test_batch_goes_on_after_a_bad_file_and_prints_a_table(project: Path):
    shutil.copy(HOSTILE / "corrupted.docx", project / "司法局.docx")
    shutil.copy(CORPUS / "04_yishi.docx", project / f"{CORPUS_CODE}.docx")
    result = run_import(project, "司法局.docx", f"{CORPUS_CODE}.docx")
    assert result.exit_code == 1
    assert "E501" in codes(result.output)
    assert (project / "data" / "2023" / f"{CORPUS_CODE}.yaml").is_file()
    assert not (project / "data" / "2023" / "司法局.yaml").exists()
    header = next(line for line in result.output.splitlines() if line.startswith("文件"))
    assert header.split() == ["文件", "代码", "组", "事项", "字数", "待确认", "问题"]


def test_existing_file_needs_force_which_keeps_a_backup(project: Path):
    shutil.copy(CORPUS / "01_styles.docx", project / f"{CORPUS_CODE}.docx")
    target = project / "data" / "2023" / f"{CORPUS_CODE}.yaml"
    target.write_text("# 单位自己写的文件\n", encoding="utf-8")
    result = run_import(project, f"{CORPUS_CODE}.docx")
    assert (result.exit_code, codes(result.output)) == (1, ["E511"])
    assert target.read_text(encoding="utf-8") == "# 单位自己写的文件\n"
    result = run_import(project, f"{CORPUS_CODE}.docx", "--force")
    assert result.exit_code == 0
    backups = list(target.parent.glob(f"{CORPUS_CODE}.yaml.*.bak"))
    assert len(backups) == 1 and backups[0].read_text(encoding="utf-8") == "# 单位自己写的文件\n"
    assert unit_data(project / "data")["单位"] == "云澜市交通运输局"


def test_code_option_takes_one_file(project: Path):
    shutil.copy(CORPUS / "01_styles.docx", project / "a.docx")
    shutil.copy(CORPUS / "02_direct_format.docx", project / "b.docx")
    result = run_import(project, "a.docx", "b.docx", "--code", CORPUS_CODE)
    assert result.exit_code == 1
    assert codes(result.output) == ["E512", "E512"]


def test_libreoffice_missing(project: Path, monkeypatch):
    shutil.copy(HOSTILE / "broken.doc", project / "司法局.doc")
    monkeypatch.setattr(sources.shutil, "which", lambda name: None)
    result = run_import(project, "司法局.doc")
    assert (result.exit_code, codes(result.output)) == (1, ["E506"])


def test_odt_is_converted_with_libreoffice(project: Path):
    subprocess.run(["soffice", f"-env:UserInstallation=file://{project / 'lo'}", "--headless", "--convert-to", "odt",
                    "--outdir", str(project), str(CORPUS / "01_styles.docx")], check=True, capture_output=True,
                   timeout=120)
    (project / "01_styles.odt").rename(project / f"{CORPUS_CODE}.odt")
    result = run_import(project, f"{CORPUS_CODE}.odt")
    assert result.exit_code == 0, result.output
    data = unit_data(project / "data")
    assert [g["标题"] for g in data["主要做法和成效"]][:2] == ["深化交通运输领域放管服改革", "严格规范交通运输执法"]
    assert sum(len(g["事项"]) for g in data["主要做法和成效"]) == 8


# --- text norms ------------------------------------------------------------------------------

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


def test_comments_are_kept_as_a_note(tmp_path: Path):
    import docx

    document = docx.Document(str(CORPUS / "01_styles.docx"))
    run = document.paragraphs[1].runs[0]
    document.add_comment(run, text="数据请再核实。", author="审核人")
    source = tmp_path / f"{CORPUS_CODE}.docx"
    document.save(str(source))
    data = data_copy(tmp_path)
    outcome, = import_files(Settings(data, 2023), [source])
    assert not outcome.failed
    assert unit_data(data)["其他需要报告的情况"] == "（原文批注）数据请再核实。"


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
    assert outcome.diagnostics == []
    assert unit_data(data)["存在问题"] == ["部分规范性文件清理不够及时。"]


def test_a_doc_file_renamed_to_docx_is_converted(project: Path):
    subprocess.run(["soffice", f"-env:UserInstallation=file://{project / 'lo'}", "--headless", "--convert-to", "doc",
                    "--outdir", str(project), str(CORPUS / "08_addressee.docx")], check=True, capture_output=True,
                   timeout=120)
    (project / "08_addressee.doc").rename(project / f"{CORPUS_CODE}.docx")
    result = run_import(project, f"{CORPUS_CODE}.docx")
    assert result.exit_code == 0, result.output
    assert unit_data(project / "data")["主送"] == "中共云澜市委、云澜市人民政府"


def test_headings_numbered_by_word_itself(tmp_path: Path):
    """Automatic numbering keeps “一、”“（一）” out of the text: the list level tells the heading."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    for level, text in [(None, "云澜市交通运输局2023年法治政府建设年度报告"), (0, "主要做法和成效"), (1, "规范交通执法"),
                        (None, "全年查处违法案件312件。"), (0, "存在问题"), (None, "监管手段较少。"),
                        (0, "下一步工作计划"), (None, "完善监管制度。")]:
        paragraph = document.add_paragraph(text)
        if level is not None:
            paragraph._p.get_or_add_pPr().append(parse_xml(
                f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="1"/></w:numPr>'))
    source = tmp_path / f"{CORPUS_CODE}.docx"
    document.save(str(source))
    data = data_copy(tmp_path)
    outcome, = import_files(Settings(data, 2023), [source])
    assert [d.code for d in outcome.diagnostics] == ["W502"]  # one short group: its area is a close call
    written = unit_data(data)
    assert written["主要做法和成效"][0]["标题"] == "规范交通执法"
    assert written["主要做法和成效"][0]["事项"] == ["全年查处违法案件312件。"]
    assert written["存在问题"] == ["监管手段较少。"]


def test_unregistered_code_is_refused_with_the_code_the_title_names(project: Path):
    shutil.copy(CORPUS / "05_thematic.docx", project / "05_thematic.docx")
    result = run_import(project, "05_thematic.docx")
    assert (result.exit_code, codes(result.output)) == (1, ["E513"])
    assert "--code 交通运输局" in result.output
    assert not (project / "data" / "2023" / "05_thematic.yaml").exists()


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


def test_headers_and_footers_are_dropped(tmp_path: Path):
    import docx

    document = docx.Document(str(CORPUS / "01_styles.docx"))
    document.sections[0].header.paragraphs[0].text = "内部资料 注意保存"
    document.sections[0].footer.paragraphs[0].text = "— 1 —"
    source = tmp_path / f"{CORPUS_CODE}.docx"
    document.save(str(source))
    data = data_copy(tmp_path)
    outcome, = import_files(Settings(data, 2023), [source])
    assert not outcome.failed
    written = "\n".join(texts_of(unit_data(data)))
    assert "内部资料" not in written and "— 1 —" not in written


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


def test_text_box_text_is_read_once(tmp_path: Path):
    import docx
    from docx.oxml import parse_xml

    document = docx.Document(str(CORPUS / "01_styles.docx"))
    mc = "http://schemas.openxmlformats.org/markup-compatibility/2006"
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    box = (f'<w:r xmlns:w="{w}" xmlns:mc="{mc}"><mc:AlternateContent>'
           "<mc:Choice Requires=\"wps\"><w:t>框内的文字。</w:t></mc:Choice>"
           "<mc:Fallback><w:t>框内的文字。</w:t></mc:Fallback></mc:AlternateContent></w:r>")
    document.paragraphs[1]._p.append(parse_xml(box))
    source = tmp_path / f"{CORPUS_CODE}.docx"
    document.save(str(source))
    paragraph = read_source(source).paras[1].text
    assert paragraph.count("框内的文字。") == 1


def test_numbered_paragraphs_in_a_part_are_entries_not_headings(tmp_path: Path):
    data = data_copy(tmp_path)
    source = tmp_path / f"{CORPUS_CODE}.txt"
    long_problem = "（一）执法力量不足" + "，基层执法人员数量与监管对象的增长还不相适应" * 4 + "。"
    source.write_text(PLAIN.replace("部分规范性文件清理不够及时。", long_problem), encoding="utf-8")
    outcome, = import_files(Settings(data, 2023), [source])
    assert not outcome.failed
    assert unit_data(data)["存在问题"] == [long_problem.removeprefix("（一）")]


def test_file_that_cannot_be_written(project: Path):
    shutil.copy(CORPUS / "04_yishi.docx", project / f"{CORPUS_CODE}.docx")
    (project / "data" / "2023" / f".{CORPUS_CODE}.yaml.importing").mkdir()  # in the way of the write
    result = run_import(project, f"{CORPUS_CODE}.docx")
    assert (result.exit_code, codes(result.output)) == (1, ["E514"])
    assert not (project / "data" / "2023" / f"{CORPUS_CODE}.yaml").exists()


def test_title_of_another_year_gives_a_warning(tmp_path: Path):
    data = data_copy(tmp_path)
    source = tmp_path / f"{CORPUS_CODE}.txt"
    source.write_text(PLAIN.replace("2023年法治政府建设年度报告", "2022年法治政府建设年度报告"), encoding="utf-8")
    outcome, = import_files(Settings(data, 2023), [source])
    assert [(d.code, d.loc.line) for d in outcome.diagnostics] == [("W504", 5)]  # the line of 年度


def test_note_below_the_date_is_kept_and_the_date_still_read(tmp_path: Path):
    data = data_copy(tmp_path)
    source = tmp_path / f"{CORPUS_CODE}.txt"
    source.write_text(PLAIN.replace("2024年2月20日\n", "2024年2月21日\n（此件公开发布）\n"), encoding="utf-8")
    outcome, = import_files(Settings(data, 2023), [source])
    written = unit_data(data)
    assert str(written["成文日期"]) == "2024-02-21"
    assert written["其他需要报告的情况"] == "（此件公开发布）"
    assert written["下一步计划"] == ["研究制定网约车和共享单车管理办法。"]
