"""The single-unit workflow from the command line: check --unit, check --format json,
build --unit with other units in error, new without --name."""

from __future__ import annotations

import json
import re

from conftest import line_of
from conftest import LINE, run

UNIT = "2023/司法局.yaml"
MARKET = "2023/市场局.yaml"


def test_check_unit_reads_only_that_unit(mini):
    mini.replace(MARKET, "年度: 2023", "年度: 2022")
    proc = run("check", "2023", "--unit", "司法局", cwd=mini.root.parent)
    assert proc.returncode == 0, proc.stdout
    assert "市场局" not in proc.stdout
    proc = run("check", "2023", "--unit", "市场局", cwd=mini.root.parent)
    assert proc.returncode == 1
    problems = [m.groupdict() for m in map(LINE.match, proc.stdout.splitlines()) if m]
    assert [(p["file"], p["code"]) for p in problems] == [("data/2023/市场局.yaml", "E212")]
    assert "reportgen check 2023 --unit 市场局" in proc.stdout  # the command to run again is the unit's own


def test_check_unit_without_a_file(mini):
    proc = run("check", "2023", "--unit", "信访局", cwd=mini.root.parent)
    assert proc.returncode == 1 and "[E216]" in proc.stdout


def test_check_format_json_one_object_per_problem(mini):
    line = mini.replace(UNIT, "    领域: 制度", "    领域: 制定")
    comma = mini.replace(UNIT, "内容: 全年制定地方性法规3件。", "内容: 全年制定地方性法规3件,共计")
    proc = run("check", "2023", "--format", "json", cwd=mini.root.parent)
    assert proc.returncode == 1
    objects = [json.loads(text) for text in proc.stdout.splitlines()]
    assert [(o["code"], o["line"], o["severity"]) for o in objects] == [("E208", line, "error"), ("W306", comma, "warning")]
    first = objects[0]
    assert set(first) == {"code", "severity", "file", "line", "column", "message", "hint", "path", "place"}
    assert first["file"] == "data/2023/司法局.yaml" and first["column"] == 9
    assert first["path"] == ["主要做法和成效", 0, "领域"]
    assert first["place"].startswith("主要做法和成效 第1组")
    assert first["hint"].startswith("是否想写")


def test_build_unit_despite_errors_in_another_unit(mini, tmp_path):
    mini.replace(MARKET, "年度: 2023", "年度: 2022")
    out = tmp_path / "out"
    proc = run("build", "2023", "--unit", "司法局", "--format", "docx", "--out", str(out), cwd=mini.root.parent)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (out / "测试市司法局.docx").exists()
    assert "提示：其他单位的文件有 1 个错误" in proc.stdout and "市场局.yaml:2:5" in proc.stdout
    mini.replace(UNIT, "    领域: 制度", "    领域: 制定")
    proc = run("build", "2023", "--unit", "市场局", "--format", "docx", "--out", str(out), cwd=mini.root.parent)
    assert proc.returncode == 1 and "[E212]" in proc.stdout
    # the unit's own errors, and the other unit's as a note
    problems = [m.groupdict() for m in map(LINE.match, proc.stdout.splitlines()) if m]
    own = [(p["file"], p["code"]) for p in problems if not p["file"].startswith("提示")]
    assert own == [("data/2023/市场局.yaml", "E212")]
    assert "提示：data/2023/司法局.yaml" in proc.stdout


def test_build_unit_stops_when_the_plan_has_errors(mini, tmp_path):
    mini.replace("plan.yaml", "起始年度: 2021", "起始年度: 二〇二一")
    proc = run("build", "2023", "--unit", "司法局", "--format", "docx", "--out", str(tmp_path / "o"),
               cwd=mini.root.parent)
    assert proc.returncode == 1 and not (tmp_path / "o").exists()


def test_new_takes_the_registered_name(mini):
    mini.path(MARKET).unlink()
    proc = run("new", "2023", "市场局", cwd=mini.root.parent)
    assert proc.returncode == 0, proc.stderr
    text = mini.read(MARKET)
    assert "单位: \"测试市市场监督管理局\"" in text


def test_new_refuses_a_name_that_differs_from_the_registered_one(mini):
    mini.path(MARKET).unlink()
    proc = run("new", "2023", "市场局", "--name", "测试市市场局", cwd=mini.root.parent)
    assert proc.returncode == 1
    assert "测试市市场局" in proc.stderr and "测试市市场监督管理局" in proc.stderr
    assert not mini.path(MARKET).exists()


def test_new_needs_a_name_for_an_unregistered_code(mini):
    proc = run("new", "2023", "信访局", cwd=mini.root.parent)
    assert proc.returncode == 1 and "--name" in proc.stderr


def test_skeleton_explains_each_indicator_above_its_key(mini):
    mini.path(MARKET).unlink()
    run("new", "2023", "市场局", cwd=mini.root.parent)
    lines = mini.read(MARKET).splitlines()
    key = line_of("\n".join(lines), '"减免责清单事项":')
    assert lines[key - 1].rstrip().endswith(":")  # nothing after the colon but the value to come
    assert lines[key - 2].lstrip().startswith("# 数量")


def test_json_severity_is_the_text_outputs_level(monkeypatch, capsys):
    """#18: I401 is 提示 in the text output and "info" in JSON, never "warning"."""
    from conftest import ROOT, invoke

    monkeypatch.chdir(ROOT)
    _, text = invoke(monkeypatch, capsys, "check", "2023")
    _, lines = invoke(monkeypatch, capsys, "check", "2023", "--format", "json")
    level = {"error": "错误", "warning": "警告", "info": "提示"}
    in_json = [(o["code"], o["line"], level[o["severity"]]) for o in map(json.loads, lines.splitlines())]
    in_text = [(m["code"], int(m["line"]), m["level"]) for m in
               re.finditer(r"^\S+:(?P<line>\d+):\d+: (?P<level>错误|警告|提示): .*\[(?P<code>\w+)\]$", text, re.M)]
    assert ("I401", "提示") in [(code, lvl) for code, _, lvl in in_json]
    assert in_json == in_text
