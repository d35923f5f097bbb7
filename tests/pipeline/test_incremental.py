"""Incremental builds: what a second build writes again, and what it leaves alone."""

from __future__ import annotations

import io
import json

import pytest

from conftest import run

from reportgen.pipeline.build import BuildSettings, build
from reportgen.pipeline.incremental import STATE
from reportgen.pipeline.progress import Progress

UNITS = ("测试市司法局", "测试市市场监督管理局")
CITY = "测试市人民政府2023年法治政府建设年度报告"


def stamps(folder):
    return {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in folder.iterdir() if not p.name.startswith(".")}


def written(outcome) -> set[str]:
    return {item.path.name for item in outcome.written}


@pytest.fixture
def first(mini):
    """The mini project built once (DOCX only, in this process: quick)."""
    out = mini.root.parent / "out"
    outcome = build(BuildSettings(mini.root, 2023, out, ("docx",), jobs=1))
    assert outcome.check is not None and len(outcome.written) == 7
    return mini, out


def again(project, out, **options):
    return build(BuildSettings(project.root, 2023, out, options.pop("formats", ("docx",)), jobs=1, **options))


def test_an_unchanged_build_rebuilds_nothing(first):
    project, out = first
    before = stamps(out)
    outcome = again(project, out)
    assert outcome.check is None  # the data was not even read again
    assert outcome.written == [] and outcome.unchanged == 7
    assert stamps(out) == before


def test_a_changed_unit_rebuilds_its_report_and_the_city_report_only(first):
    project, out = first
    before = stamps(out)
    project.replace("2023/司法局.yaml", "全年制定地方性法规3件。", "全年制定地方性法规4件。")
    outcome = again(project, out)
    assert written(outcome) == {f"{UNITS[0]}.docx", f"{CITY}.docx", "manifest.json"}
    after = stamps(out)
    for name in before.keys() - written(outcome):  # the others keep their bytes and their time stamps
        assert after[name] == before[name], name


def test_a_changed_indicator_value_also_rewrites_the_indicator_files(first):
    project, out = first
    text = project.read("2023/司法局.yaml")
    assert "考评排名: {值: 7" in text
    project.replace("2023/司法局.yaml", "考评排名: {值: 7", "考评排名: {值: 6")
    outcome = again(project, out)
    # the 附件 table of the city report shows the value; the unit's own report does not
    assert written(outcome) == {f"{CITY}.docx", "indicators.csv", "indicators.json", "index.html", "manifest.json"}
    assert f"{UNITS[1]}.docx" not in written(outcome)
    assert json.loads((out / "indicators.json").read_text(encoding="utf-8"))  # complete and readable


def test_a_removed_or_altered_output_is_written_again(first):
    project, out = first
    (out / f"{UNITS[1]}.docx").unlink()
    (out / f"{UNITS[0]}.docx").write_bytes(b"changed by hand")
    outcome = again(project, out)
    assert written(outcome) == {f"{UNITS[0]}.docx", f"{UNITS[1]}.docx"}
    assert (out / f"{UNITS[0]}.docx").read_bytes().startswith(b"PK")  # a real DOCX again
    assert run("verify", "2023", "--out", str(out), cwd=project.root.parent).returncode == 0


def test_a_changed_template_rebuilds_every_report(first, tmp_path):
    project, out = first
    templates = tmp_path / "templates"
    templates.mkdir()
    outcome = again(project, out, templates=templates)  # an empty folder: the same reports
    assert written(outcome) == set()
    (templates / "report.j2").write_text(_default_report().replace("主要做法和成效", "主要举措和成效"),
                                         encoding="utf-8")
    outcome = again(project, out, templates=templates)
    assert {f"{name}.docx" for name in (*UNITS, CITY)} <= written(outcome)


def _default_report() -> str:
    from reportgen.templating import DEFAULT_TEMPLATES

    text = (DEFAULT_TEMPLATES / "report.j2").read_text(encoding="utf-8")
    assert "主要做法和成效" in text
    return text


def test_a_damaged_state_file_means_one_full_build(first):
    project, out = first
    (out / STATE).write_text("{not json", encoding="utf-8")
    outcome = again(project, out)
    assert {f"{name}.docx" for name in (*UNITS, CITY)} <= written(outcome)
    assert again(project, out).written == []  # and the state is good again


def test_a_different_format_or_option_is_not_taken_for_up_to_date(first):
    project, out = first
    outcome = again(project, out, draft=True)  # drafts go beside the official files, all of them
    drafts = {f"{name}（草稿）.docx" for name in (*UNITS, CITY)}
    # the overview goes with a whole-year draft, its links leading to the drafts
    assert written(outcome) == drafts | {"manifest.json", "index.html"}
    assert again(project, out, draft=True).written == []
    outcome = again(project, out)  # the official reports were never replaced: not rendered again
    assert written(outcome) == {"manifest.json", "index.html"}
    assert {path.name for path in outcome.removed} == drafts  # the full build removes the drafts
    assert again(project, out).written == []


def test_a_unit_build_then_a_full_build_renders_nothing_more(first):
    project, out = first
    outcome = again(project, out, unit="市场局")
    assert written(outcome) <= {f"{UNITS[1]}.docx", "manifest.json"}
    assert again(project, out).written == []


def test_the_command_says_when_everything_is_up_to_date(mini):
    cwd = mini.root.parent
    first = run("build", "2023", "--format", "docx", cwd=cwd)
    assert first.returncode == 0 and "共生成 7 个文件" in first.stdout
    second = run("build", "2023", "--format", "docx", cwd=cwd)
    assert second.returncode == 0, second.stderr
    assert "已生成" not in second.stdout and "7 个文件已是最新，无需重新生成" in second.stdout
    mini.replace("2023/市场局.yaml", "标题: 动态调整减免责清单", "标题: 按年度调整减免责清单")
    third = run("build", "2023", "--format", "docx", "--timings", "t.json", cwd=cwd)
    assert third.returncode == 0, third.stderr
    assert "已生成 output/2023/测试市市场监督管理局.docx" in third.stdout
    assert "已生成 output/2023/测试市司法局.docx" not in third.stdout
    timings = json.loads((cwd / "t.json").read_text(encoding="utf-8"))
    assert timings["documents"] == 2 and timings["skipped"] >= 3
    assert set(timings["stages"]) == {"load", "validate", "model", "docx", "pdf_layout", "pdf_write", "compilation"}
    assert timings["stages"]["docx"] > 0 and timings["stages"]["load"] > 0
    assert "\r" not in third.stdout + third.stderr  # no progress bar when the output is not a terminal


def test_jobs_must_be_a_positive_number(mini):
    proc = run("build", "2023", "--jobs", "0", cwd=mini.root.parent)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr


class FakeTerminal(io.StringIO):
    def __init__(self, tty: bool):
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


def test_progress_bar_only_on_a_terminal_and_only_after_a_second():
    now = [0.0]
    terminal = FakeTerminal(True)
    bar = Progress(terminal, clock=lambda: now[0])
    bar(1, 10, "测试市司法局.pdf")
    assert terminal.getvalue() == ""  # a build shorter than a second shows nothing
    now[0] = 1.5
    bar(2, 10, "测试市市场监督管理局.pdf")
    shown = terminal.getvalue()
    assert "2/10" in shown and "测试市市场监督管理局.pdf" in shown and shown.startswith("\r")
    bar.close()
    assert terminal.getvalue().endswith("\r\x1b[K")  # erased, so later lines start clean

    piped = FakeTerminal(False)
    quiet = Progress(piped, clock=lambda: now[0] + 10)
    quiet(5, 10, "x")
    quiet.close()
    assert piped.getvalue() == ""
