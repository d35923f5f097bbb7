"""Hostile and broken input, as a user (or an attacker) might put it into the data folder.

Each case replaces one file of a copy of the mini project: a unit file, `_report.yaml` or
`plan.yaml`. Files are in tests/hostile/; cases that would need a huge file, a link or a pipe
are made here. For every broken case, `reportgen check 2023` and `reportgen build 2023` both
exit 1 with one Chinese error naming the file and the line, never a traceback, and the build
leaves the outputs of an earlier clean build byte for byte as they were.
"""

from __future__ import annotations

import codecs
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import docx
import pytest

from conftest import MINI, Project, run, run_in_one_process

try:
    import pymupdf
except ImportError:  # older PyMuPDF
    import fitz as pymupdf

HOSTILE = Path(__file__).resolve().parent / "hostile"
UNIT, REPORT, PLAN = "2023/司法局.yaml", "2023/_report.yaml", "plan.yaml"
LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<sev>错误|警告): (?P<msg>.+) \[(?P<code>[EW]\d{3})\]$")
CHINESE = re.compile(r"[\u4e00-\u9fff]{4}")


def corpus(name: str) -> bytes:
    return (HOSTILE / name).read_bytes()


def original(rel: str = UNIT) -> str:
    return (MINI / rel).read_text(encoding="utf-8")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def problems(stdout: str) -> list[dict]:
    return [m.groupdict() for m in map(LINE.match, stdout.splitlines()) if m]


@pytest.fixture(scope="module")
def clean_output(tmp_path_factory) -> Path:
    """The outputs of one clean build (DOCX only: the PDF writer is not what is tested here)."""
    root = tmp_path_factory.mktemp("clean")
    shutil.copytree(MINI, root / "data")
    proc = run("build", "2023", "--format", "docx", cwd=root)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return root / "output"


@pytest.fixture
def project(tmp_path: Path, clean_output: Path) -> Project:
    """A copy of the mini project with the outputs of a clean build next to it."""
    shutil.copytree(MINI, tmp_path / "data")
    shutil.copytree(clean_output, tmp_path / "output")
    return Project(tmp_path / "data")


def assert_refused(project: Project, code: str, rel: str, line: int) -> str:
    """check and build both exit 1 with exactly this error; the earlier outputs stay. Returns the message."""
    cwd = project.root.parent
    before = snapshot(cwd / "output")
    messages = []
    for proc in run_in_one_process(("check", "2023"), ("build", "2023", "--format", "docx"), cwd=cwd):
        everything = proc.stdout + proc.stderr
        assert proc.returncode == 1, everything
        assert "Traceback" not in everything and "内部错误" not in everything, everything
        errors = [p for p in problems(proc.stdout) if p["sev"] == "错误"]
        assert [(p["file"], int(p["line"]), p["code"]) for p in errors] == [(f"data/{rel}", line, code)], everything
        assert CHINESE.search(errors[0]["msg"]), errors[0]["msg"]
        messages.append(errors[0]["msg"])
    assert "未生成任何文件" in proc.stdout
    assert snapshot(cwd / "output") == before
    assert messages[0] == messages[1]
    return messages[0]


# --- the corpus: one broken file per case ---------------------------------------------------


@dataclass(frozen=True)
class Case:
    file: str  # in tests/hostile/
    target: str  # which file of the project it replaces
    code: str
    line: int
    hint: str = ""  # a word the message must contain


CORPUS = [
    Case("invalid_yaml.yaml", UNIT, "E121", 5, "缩进"),
    Case("unclosed_quote.yaml", UNIT, "E119", 10, "引号"),  # where the quote opened, not the end of the file
    Case("tab_indent.yaml", UNIT, "E102", 7, "Tab"),
    Case("duplicate_keys.yaml", UNIT, "E103", 14, "第 13 行"),
    Case("plan_duplicate_keys.yaml", PLAN, "E103", 39, "第 38 行"),
    Case("empty.yaml", UNIT, "E104", 1, "空"),
    Case("comment_only.yaml", UNIT, "E104", 1, "注释"),
    Case("document_marker_only.yaml", UNIT, "E104", 1, "空"),
    Case("list_not_mapping.yaml", UNIT, "E110", 1, "列表"),
    Case("group_is_a_list.yaml", UNIT, "E203", 12, "列表"),
    Case("control_character.yaml", UNIT, "E111", 10, "U+0007"),
    Case("bidi_override.yaml", UNIT, "E111", 4, "U+202E"),
    Case("surrogate_escape.yaml", UNIT, "E111", 4, "U+D800"),
    Case("surrogate_bytes.yaml", UNIT, "E105", 4, "UTF-8"),  # a UTF-8 file is not read as GB18030 nonsense
    Case("deep_nesting.yaml", UNIT, "E109", 24, "40"),
    Case("billion_laughs.yaml", UNIT, "E106", 19, "别名"),
    Case("python_object_apply.yaml", UNIT, "E107", 19, "!!python/object/apply:os.system"),
    Case("python_object_new.yaml", UNIT, "E107", 20, "!!python/object/new"),
    Case("report_tag.yaml", REPORT, "E107", 1, "!!python/name"),
    Case("report_code_dotdot.yaml", REPORT, "E215", 13, "../x"),
    Case("report_code_slash.yaml", REPORT, "E215", 13, "司法局/市场局"),
    Case("indicator_percent.yaml", UNIT, "E211", 24, "百分号"),
    Case("indicator_fullwidth.yaml", UNIT, "E211", 24, "全角"),
    Case("indicator_nan.yaml", UNIT, "E211", 24, "NaN"),
    Case("indicator_infinity.yaml", UNIT, "E211", 25, "无穷大"),
    Case("plan_infinite_target.yaml", PLAN, "E211", 29, "无穷大"),
    Case("invalid_date.yaml", UNIT, "E108", 3, "2024-02-30"),
    Case("report_invalid_date.yaml", REPORT, "E108", 2, "2024-02-30"),
    Case("null_key.yaml", UNIT, "E201", 26, "~"),
    Case("huge_number.yaml", UNIT, "E206", 2, "位数"),
]


@pytest.mark.parametrize("case", CORPUS, ids=lambda c: c.file.removesuffix(".yaml"))
def test_broken_file_is_refused_with_a_chinese_error(project, case):
    project.path(case.target).write_bytes(corpus(case.file))
    message = assert_refused(project, case.code, case.target, case.line)
    assert case.hint in message
    assert not list(project.root.parent.rglob("pwned"))  # no tag ran a command


def test_every_corpus_file_is_used():
    used = {c.file for c in CORPUS} | {"gb18030.yaml", "utf16.yaml", "utf8_bom.yaml", "literal_text.yaml"}
    assert {p.name for p in HOSTILE.glob("*.yaml")} == used


# --- cases made here: too big for the corpus ------------------------------------------------


def twenty_megabytes() -> bytes:
    return original().encode("utf-8") + b"# " + b"x" * (20 * 1024 * 1024) + b"\n"


def ten_thousand_entries() -> bytes:
    items = "".join(f"  - 第{i}个问题。\n" for i in range(10_000))
    return original().replace("存在问题:\n  - 基层执法人员素质有待提高。\n", "存在问题:\n" + items).encode("utf-8")


def ten_thousand_keys() -> bytes:
    keys = "".join(f"  指标{i}: {i}\n" for i in range(10_000))
    return original().replace("指标:\n", "指标:\n" + keys).encode("utf-8")


def long_text() -> bytes:
    return original().replace("我局坚持立法为民。", "我局坚持立法为民" + "，依法行政" * 1200 + "。").encode("utf-8")


def block_nesting() -> bytes:
    lines = "".join("  " * i + f"第{i}层:\n" for i in range(1000))
    return (original() + "其他需要报告的情况:\n" + "".join("  " + line for line in lines.splitlines(True))).encode("utf-8")


GENERATED = [
    pytest.param(twenty_megabytes, "E113", 1, "5 MB", id="20MB"),
    pytest.param(ten_thousand_entries, "E219", 17, "超过上限 500 项", id="10000-item-list"),
    pytest.param(ten_thousand_keys, "E219", 24, "超过上限 500 项", id="10000-key-mapping"),
    pytest.param(long_text, "E220", 4, "5000", id="6000-character-text"),
    pytest.param(block_nesting, "E109", 66, "40", id="1000-levels-of-indentation"),  # at “第38层”
]


@pytest.mark.parametrize("make, code, line, hint", GENERATED)
def test_huge_input_gives_a_clear_error(project, make, code, line, hint):
    project.path(UNIT).write_bytes(make())
    assert hint in assert_refused(project, code, UNIT, line)


# --- links and other things that are not plain files ---------------------------------------


def link_outside(rel: str):
    def make(project: Project) -> None:
        elsewhere = project.root.parent / "elsewhere" / Path(rel).name
        elsewhere.parent.mkdir(exist_ok=True)
        shutil.copyfile(project.path(rel), elsewhere)
        project.path(rel).unlink()
        project.path(rel).symlink_to(elsewhere)
    return make


def link_loop(project: Project) -> None:
    project.path(UNIT).unlink()
    project.path(UNIT).symlink_to("司法局.yaml")


def dangling_link(project: Project) -> None:
    project.path(UNIT).unlink()
    project.path(UNIT).symlink_to("不存在.yaml")


def named_pipe(project: Project) -> None:  # reading it would block for ever
    project.path(UNIT).unlink()
    os.mkfifo(project.path(UNIT))


@pytest.mark.parametrize(
    "make, rel, code, hint",
    [
        pytest.param(link_outside(UNIT), UNIT, "E114", "数据文件夹以外", id="unit-file-links-outside"),
        pytest.param(link_outside(REPORT), REPORT, "E114", "数据文件夹以外", id="report-links-outside"),
        pytest.param(link_outside(PLAN), PLAN, "E114", "数据文件夹以外", id="plan-links-outside"),
        pytest.param(link_loop, UNIT, "E112", "循环", id="link-loop"),
        pytest.param(dangling_link, UNIT, "E112", "不存在", id="dangling-link"),
        pytest.param(named_pipe, UNIT, "E112", "普通文件", id="named-pipe",
                     marks=pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")),
    ],
)
def test_links_and_special_files(project, make, rel, code, hint):
    make(project)
    message = assert_refused(project, code, rel, 1)
    assert hint in message
    if code == "E114":  # names the file the user knows, and where it leads
        assert f"data/{rel}" in message and "elsewhere" in message


def test_last_years_file_linking_outside_is_left_out_with_a_warning(mini, tmp_path):
    elsewhere = tmp_path / "elsewhere.yaml"
    elsewhere.write_text("单位: 测试市司法局\n指标:\n  考评排名: 9\n", encoding="utf-8")
    mini.path("2022").mkdir()
    mini.path("2022/司法局.yaml").symlink_to(elsewhere)
    result = mini.check()
    assert [(d.code, d.loc.file) for d in result.diagnostics] == [("W309", str(mini.path("2022/司法局.yaml")))]
    assert "数据文件夹以外" in result.diagnostics[0].message
    assert result.data.previous == ()


def test_a_link_within_the_data_folder_is_allowed(mini):
    shared = mini.path("shared/司法局.yaml")
    shared.parent.mkdir()
    shutil.move(mini.path(UNIT), shared)
    mini.path(UNIT).symlink_to(Path("..") / "shared" / "司法局.yaml")
    result = mini.check()
    assert result.diagnostics == [] and result.data is not None
    proc = run("check", "2023", cwd=mini.root.parent)
    assert proc.returncode == 0, proc.stdout


# --- encodings: read, with a warning where the file is not UTF-8 ----------------------------


@pytest.mark.parametrize("name, encoding", [("gb18030.yaml", "GB18030"), ("utf16.yaml", "UTF-16")])
def test_windows_encodings_are_read_with_a_warning(mini, name, encoding):
    from reportgen.read.loader import load_file

    mini.path(UNIT).write_bytes(corpus(name))
    proc = run("check", "2023", cwd=mini.root.parent)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    found = [(p["file"], int(p["line"]), p["code"]) for p in problems(proc.stdout)]
    assert found == [(f"data/{UNIT}", 1, "W101")]
    assert encoding in problems(proc.stdout)[0]["msg"]
    # the content is read as written, with the same lines
    assert load_file(mini.path(UNIT)).data == load_file(MINI / UNIT).data
    unit = mini.check().data.units[0]
    assert unit.groups[0].items[0].text == "全年制定地方性法规3件。"
    assert unit.groups[0].items[0].loc.line == 9


def test_utf8_with_a_byte_order_mark_is_read_cleanly(mini):
    mini.path(UNIT).write_bytes(corpus("utf8_bom.yaml"))
    assert corpus("utf8_bom.yaml").startswith(codecs.BOM_UTF8)
    proc = run("check", "2023", cwd=mini.root.parent)
    assert proc.returncode == 0 and "0 个错误，0 个警告" in proc.stdout, proc.stdout
    assert mini.check().data.units[0].title == "测试市司法局2023年法治政府建设年度报告"


# --- unit codes as file names ---------------------------------------------------------------


@pytest.mark.parametrize("code", ["../x", "../../x", "a/b", "/tmp/x", "..", "司法局" * 20])
def test_new_refuses_a_code_that_is_not_a_file_name(mini, code):
    before = snapshot(mini.root.parent)
    proc = run("new", "2023", code, "--name", "某单位", cwd=mini.root.parent)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "单位代码" in proc.stderr and "Traceback" not in proc.stdout + proc.stderr
    assert snapshot(mini.root.parent) == before


# --- a wrong command line: exit 2, outputs untouched ----------------------------------------


@pytest.mark.parametrize(
    "args",
    [("build", "二〇二三"), ("build", "2023", "--format", "odt"), ("build",), ("build", "2023", "--bogus"),
     ("check", "2023x")],
)
def test_wrong_command_line_exits_2(project, args):
    cwd = project.root.parent
    before = snapshot(cwd / "output")
    proc = run(*args, cwd=cwd)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    assert snapshot(cwd / "output") == before


# --- text that looks like markup or a template: printed as written, in both outputs ---------

# as written in tests/hostile/literal_text.yaml: an item's 内容 (also merged into the city
# report), a group's 标题 and an entry of 存在问题 (in the unit's report only)
ITEM = ["<script>alert(\"x\")</script>", "A&B", "&amp;", "&lt;", "{{ 7*7 }}", "{% raw %}", "{% endraw %}", "{# 注释 #}"]
UNIT_ONLY = ["坚持立法为民<b>{{ title }}</b>", "{{ 7*7 }}{% raw %}<script>&。"]


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_markup_and_template_syntax_in_text_appear_literally_in_both_outputs(mini):
    mini.path(UNIT).write_bytes(corpus("literal_text.yaml"))
    cwd = mini.root.parent
    proc = run("build", "2023", cwd=cwd)  # the one PDF build of this file
    assert proc.returncode == 0, proc.stdout + proc.stderr
    out = cwd / "output" / "2023"
    for stem, literals in (("测试市司法局", ITEM + UNIT_ONLY), ("测试市人民政府2023年法治政府建设年度报告", ITEM)):
        docx_text = "\n".join(p.text for p in docx.Document(out / f"{stem}.docx").paragraphs)
        with pymupdf.open(out / f"{stem}.pdf") as pdf:
            pdf_text = squash("".join(page.get_text() for page in pdf))
        for literal in literals:
            assert literal in docx_text, (stem, literal)
            assert squash(literal) in pdf_text, (stem, literal)
        for text in (docx_text, pdf_text):  # not escaped twice, not unescaped
            assert "&amp;amp;" not in text and "&amp;lt;" not in text and "&lt;script" not in text
            assert "&lt;均照录" in text.replace(" ", "")
