"""The publisher's gate (issue #20), each case through the command line: nothing unfinished
is built as the report itself; after a full build verify passes whatever drafts came before;
`verify <文件夹>` needs the output folder alone, and with the 核对码 tells a forged manifest;
a draft is known wherever it stands; the city report does not speak as a unit (W441);
`check --unit` shows what the unit can act on."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import MINI, ROOT, Project, invoke, line_of, run

CITY = "测试市人民政府2023年法治政府建设年度报告"
PROBLEM = re.compile(r"^(?P<path>[^:]+): 错误: (?P<kind>[^（]+)（")
DIAGNOSTIC = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+):\d+: (?:错误|警告|提示): .*\[(?P<code>[EWI]\d{3})\]$")


def problems(out: str) -> set[tuple[str, str]]:
    """(file name, kind) of every problem line of verify."""
    return {(Path(m["path"]).name, m["kind"]) for m in map(PROBLEM.match, out.splitlines()) if m}


def diagnostics(out: str) -> list[tuple[str, str, int]]:
    """(code, file name, line) of every diagnostic line of check or build."""
    return [(m["code"], Path(m["file"]).name, int(m["line"])) for m in map(DIAGNOSTIC.match, out.splitlines()) if m]


def code_of(folder: Path) -> str:
    return hashlib.sha256((folder / "manifest.json").read_bytes()).hexdigest()


def cli_in(cwd: Path, *args: str) -> tuple[int, str]:
    """`reportgen ARGS` in this process from `cwd`, for session fixtures (invoke() needs a
    test): conftest.run, with its output as one text."""
    done = run(*args, cwd=cwd)
    return done.returncode, done.stdout + done.stderr


@pytest.fixture(scope="session")
def official(tmp_path_factory) -> Path:
    """The mini project built once (official files, then drafts beside them): its output folder."""
    root = tmp_path_factory.mktemp("official")
    shutil.copytree(MINI, root / "data")
    for args in (("build", "2023", "--jobs", "1"), ("build", "2023", "--jobs", "1", "--draft")):
        code, out = cli_in(root, *args)
        assert code == 0, out
    return root / "output" / "2023"


@pytest.fixture
def sent(official, tmp_path) -> Path:
    """A copy of the output folder alone, as the publisher receives it."""
    folder = tmp_path / "收到的文件" / "2023"
    shutil.copytree(official, folder)
    return folder


@pytest.fixture
def project(tmp_path, monkeypatch) -> Project:
    shutil.copytree(MINI, tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    return Project(tmp_path / "data")


# --- nothing unfinished is published -----------------------------------------------------------


def test_a_placeholder_stops_the_build_and_goes_into_a_draft_only(project, monkeypatch, capsys):
    line = project.replace("2023/司法局.yaml", "  - 基层执法人员素质有待提高。", "  - （待填写：本年度存在的问题）")
    code, out = invoke(monkeypatch, capsys, "build", "2023", "--jobs", "1")
    assert code == 1
    assert ("E241", "司法局.yaml", line) in diagnostics(out)
    # the report is named by its title (《……2023年法治政府建设年度报告》), not by the unit's name
    assert any("[E241]" in row and "年度报告》" in row for row in out.splitlines())
    assert not Path("output").exists()  # nothing written
    code, out = invoke(monkeypatch, capsys, "build", "2023", "--jobs", "1", "--draft")
    assert code == 0, out
    assert any("[E241]" in note and f"司法局.yaml:{line}:" in note for note in out.splitlines())
    code, out = invoke(monkeypatch, capsys, "verify", "2023")
    assert code == 1
    unfinished = [m for m in map(PROBLEM.match, out.splitlines()) if m and m["kind"] == "未完成"]
    names = {Path(m["path"]).name for m in unfinished}
    assert names == {"测试市司法局（草稿）.pdf", "测试市司法局（草稿）.docx"}  # the city report has not its 存在问题
    pdf_line = next(m.string for m in unfinished if m["path"].endswith("测试市司法局（草稿）.pdf"))
    assert "PDF 第 1 页" in pdf_line and "（待填写：本年度存在的问题）" in pdf_line


def test_an_empty_part_stops_the_build(project, monkeypatch, capsys):
    line = project.replace("2023/_report.yaml", "成文日期: 2024-03-20", "成文日期: 2024-03-20\n合并方式: 选用") + 1
    code, out = invoke(monkeypatch, capsys, "build", "2023", "--jobs", "1", "--format", "pdf")
    assert code == 1
    assert diagnostics(out).count(("E242", "_report.yaml", line)) == 1
    code, out = invoke(monkeypatch, capsys, "build", "2023", "--jobs", "1", "--format", "pdf", "--draft")
    assert code == 0, out
    code, out = invoke(monkeypatch, capsys, "verify", "output/2023")
    assert code == 1
    assert (f"{CITY}（草稿）.pdf", "未完成") in problems(out)
    assert "“一、主要做法和成效”下没有任何内容" in out


def test_drafts_then_an_edit_then_a_build_then_verify_passes(project, monkeypatch, capsys):
    for args in ((), ("--draft",)):
        code, out = invoke(monkeypatch, capsys, "build", "2023", "--jobs", "1", "--format", "pdf", *args)
        assert code == 0, out
    project.replace("2023/市场局.yaml", "419", "420")
    code, out = invoke(monkeypatch, capsys, "build", "2023", "--jobs", "1", "--format", "pdf")
    assert code == 0, out
    assert sorted(Path(m[1]).name for m in re.finditer(r"^已删除以前的草稿（正式文件已生成）：(.+)$", out, re.M)) == \
        sorted(f"{name}（草稿）.pdf" for name in (CITY, "测试市司法局", "测试市市场监督管理局"))
    code, out = invoke(monkeypatch, capsys, "verify", "2023")
    assert code == 0, out
    code, again = invoke(monkeypatch, capsys, "build", "2023", "--jobs", "1", "--format", "pdf")
    assert code == 0 and "无需重新生成" in again
    assert invoke(monkeypatch, capsys, "verify", "2023")[0] == 0


# --- verify needs only the output folder, and says what it proves --------------------------------------


def test_verify_of_a_copied_folder_from_an_empty_directory(sent, tmp_path, monkeypatch, capsys):
    empty = tmp_path / "空文件夹"
    empty.mkdir()
    monkeypatch.chdir(empty)
    code, out = invoke(monkeypatch, capsys, "verify", str(sent))
    assert code == 0, out
    notes = [line for line in out.splitlines() if ": 提示: 草稿" in line]
    drafts = sorted(p.name for p in Path(sent).iterdir() if "（草稿）" in p.name)
    assert len(drafts) == 12  # PDF, DOCX and the two web pages (#24) of each of the three reports
    assert sorted(line.split(": 提示")[0].rsplit("/", 1)[-1] for line in notes) == drafts  # each listed apart
    assert out.splitlines()[-1].startswith(f"核对码：{code_of(sent)}")
    code, out = invoke(monkeypatch, capsys, "verify", "2023")  # the project's form needs a project
    assert code == 1 and "verify <文件夹>" in out


def test_build_prints_the_code_verify_checks(official, tmp_path, monkeypatch, capsys):
    shutil.copytree(MINI, tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    code, out = invoke(monkeypatch, capsys, "build", "2023", "--jobs", "1", "--format", "docx")
    assert code == 0, out
    printed = re.search(r"核对码：([0-9a-f]{64})", out)[1]
    assert printed == code_of(tmp_path / "output" / "2023")
    for option in ("--核对码", "--expect"):
        assert invoke(monkeypatch, capsys, "verify", "output/2023", option, printed.upper())[0] == 0
    assert invoke(monkeypatch, capsys, "verify", "output/2023", f"--核对码={printed}")[0] == 0


def test_a_flipped_byte(sent, monkeypatch, capsys):
    target = sent / "测试市司法局.pdf"
    data = bytearray(target.read_bytes())
    data[len(data) // 2] ^= 0x01
    target.write_bytes(bytes(data))
    code, out = invoke(monkeypatch, capsys, "verify", str(sent))
    assert code == 1
    assert problems(out) == {("测试市司法局.pdf", "已修改")}


def test_a_forged_manifest_passes_without_the_code_and_fails_with_it(sent, monkeypatch, capsys):
    expected = code_of(sent)
    target = sent / "测试市司法局.docx"
    target.write_bytes(target.read_bytes() + b"\0")
    manifest = json.loads((sent / "manifest.json").read_text(encoding="utf-8"))
    record = next(r for r in manifest["输出"] if r["文件"] == target.name)
    record["sha256"] = hashlib.sha256(target.read_bytes()).hexdigest()
    record["大小"] = target.stat().st_size
    (sent / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    code, out = invoke(monkeypatch, capsys, "verify", str(sent))
    assert code == 0, out  # what README says verify cannot tell without the 核对码
    code, out = invoke(monkeypatch, capsys, "verify", str(sent), "--核对码", expected)
    assert code == 1
    assert problems(out) == {("manifest.json", "核对码不符")}


def test_a_draft_over_a_final(sent, monkeypatch, capsys):
    for suffix in (".pdf", ".docx"):
        shutil.copy(sent / f"测试市司法局（草稿）{suffix}", sent / f"测试市司法局{suffix}")
    code, out = invoke(monkeypatch, capsys, "verify", str(sent))
    assert code == 1
    assert problems(out) == {("测试市司法局.pdf", "这是草稿"), ("测试市司法局.docx", "这是草稿")}


# --- the city's own voice, and what check --unit shows -----------------------------------------------------


def choose(project: Project, entry: str) -> int:
    """Compose the mini city report from one chosen item; the line the entry starts on."""
    return project.replace("2023/_report.yaml", "单位:\n", f"合并方式: 选用\n选用事项:\n  制度:\n{entry}单位:\n") + 3


def test_a_chosen_item_in_a_units_voice(project, monkeypatch, capsys):
    project.replace("2023/司法局.yaml", "内容: 全年制定地方性法规3件。", "内容: 我局全年制定地方性法规3件。")
    line = choose(project, "    - 司法局/1/1 深入推进重点领域立法\n")
    code, out = invoke(monkeypatch, capsys, "check", "2023")
    assert code == 0, out
    assert [d for d in diagnostics(out) if d[0] == "W441"] == [("W441", "_report.yaml", line)]
    assert "改写" in next(o for o in out.splitlines() if "[W441]" in o)


def test_a_rewrite_takes_the_warning_away_unless_it_speaks_as_a_unit_too(project, monkeypatch, capsys):
    project.replace("2023/司法局.yaml", "内容: 全年制定地方性法规3件。", "内容: 我局全年制定地方性法规3件。")
    line = choose(project, "    - 事项: 司法局/1/1\n      改写: 本单位全年制定地方性法规3件。\n")
    intro = project.replace("2023/_report.yaml", "导语: 2023年，测试市", "导语: 2023年，我委")
    code, out = invoke(monkeypatch, capsys, "check", "2023")
    assert code == 0, out
    assert sorted(d for d in diagnostics(out) if d[0] == "W441") == [("W441", "_report.yaml", intro),
                                                                     ("W441", "_report.yaml", line + 1)]


def test_check_unit_shows_of_report_yaml_only_what_concerns_the_unit(project, monkeypatch, capsys):
    project.replace("2023/司法局.yaml", "内容: 全年制定地方性法规3件。", "内容: 我局全年制定地方性法规3件。")
    line = choose(project, "    - 司法局/1/1 深入推进重点领域立法\n")
    project.replace("2023/_report.yaml", "导语: 2023年，测试市坚持依法行政，法治政府建设取得新进展。", "导语: （待填写：导语）")
    code, out = invoke(monkeypatch, capsys, "check", "2023")
    assert ("W350", "_report.yaml", line_of(project.read("2023/_report.yaml"), "导语")) in diagnostics(out)
    code, out = invoke(monkeypatch, capsys, "check", "2023", "--unit", "司法局")
    assert [d for d in diagnostics(out) if d[1] == "_report.yaml"] == [("W441", "_report.yaml", line)]
    code, out = invoke(monkeypatch, capsys, "check", "2023", "--unit", "市场局")
    assert [d for d in diagnostics(out) if d[1] != "市场局.yaml"] == []


def test_the_sample_city_report_speaks_as_the_city(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    code, out = invoke(monkeypatch, capsys, "check", "2023")
    assert code == 0 and "[W441]" not in out


def test_files_that_cannot_be_read_are_listed_not_a_traceback(sent, monkeypatch, capsys):
    (sent / "旧报告.docx").write_bytes(b"PK\x03\x04 not a package")
    (sent / "旧报告.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF")
    code, out = invoke(monkeypatch, capsys, "verify", str(sent))
    assert code == 1 and "内部错误" not in out
    assert problems(out) == {("旧报告.docx", "多余"), ("旧报告.pdf", "多余")}
