"""`reportgen init` and `reportgen new-year`: a new city's first day, and each year's first day."""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

import jsonschema
import pytest

from conftest import found, line_of
from reportgen.pipeline.check import check_year
from conftest import LINE, fill_skeleton, run
from test_json_schema import read_yaml


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def diagnostics(stdout: str) -> list[tuple[str, int, str]]:
    return [(m["file"], int(m["line"]), m["code"]) for m in map(LINE.match, stdout.splitlines()) if m]


@pytest.fixture
def city(tmp_path: Path) -> Path:
    proc = run("init", "云澜", "--name", "云澜市人民政府", "--year", "2024", cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return tmp_path / "云澜"


def test_init_writes_a_project_that_checks_with_warnings_only(city):
    assert sorted(snapshot(city)) == [
        ".gitignore", "data/2024/_report.yaml", "data/2024/schema/report.schema.json",
        "data/2024/schema/unit.schema.json", "data/plan.yaml", "填报说明.md",
    ]
    assert "/output/" in (city / ".gitignore").read_text(encoding="utf-8").splitlines()
    guide = (city / "填报说明.md").read_text(encoding="utf-8")
    steps = [guide.index(command) for command in ("reportgen new 2024 ", "reportgen check 2024")]
    assert steps == sorted(steps) and "云澜市司法局" in guide
    plan = (city / "data/plan.yaml").read_text(encoding="utf-8")
    report = (city / "data/2024/_report.yaml").read_text(encoding="utf-8")
    assert plan.count("    名称: ") == 9 and "代码: \"纠纷\"" in plan
    proc = run("check", "2024", cwd=city)
    assert proc.returncode == 0, proc.stdout
    assert diagnostics(proc.stdout) == [
        ("data/plan.yaml", line_of(plan, "名称: \"（待填写"), "W350"),
        ("data/2024/_report.yaml", line_of(report, "导语:"), "W350"),
        ("data/2024/_report.yaml", line_of(report, "存在问题:") + 1, "W350"),
        ("data/2024/_report.yaml", line_of(report, "第一责任人履职情况:"), "W350"),
        ("data/2024/_report.yaml", line_of(report, "下一步计划:") + 1, "W350"),
        ("data/2024/_report.yaml", line_of(report, "代码: \"司法局\""), "W301"),
    ]
    assert run("check", "2024", "--strict", cwd=city).returncode == 1


def test_every_key_of_the_report_settings_is_explained(city):
    lines = (city / "data/2024/_report.yaml").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# yaml-language-server: $schema=./schema/report.schema.json"
    keys = ("报告机关", "标题", "主送", "成文日期", "导语", "主要做法和成效", "存在问题", "第一责任人履职情况",
            "下一步计划", "其他需要报告的情况", "领域标题", "单位")
    for key in keys:
        at = next(i for i, line in enumerate(lines) if re.match(rf"^(# )?{key}:", line))
        assert lines[at - 1].startswith("#") and re.search(r"[\u4e00-\u9fff]", lines[at - 1]), key


def test_init_files_validate_against_the_schemas_init_wrote(city):
    for name in ("unit", "report"):  # a plan without tasks or indicators still gives valid schemas
        jsonschema.Draft202012Validator.check_schema(
            json.loads((city / f"data/2024/schema/{name}.schema.json").read_text(encoding="utf-8")))
    schema = json.loads((city / "data/2024/schema/report.schema.json").read_text(encoding="utf-8"))
    data = read_yaml((city / "data/2024/_report.yaml").read_bytes())
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(data)) == []


def uncomment_examples(text: str) -> str:
    """Enable the plan's commented examples of a task and an indicator."""
    return re.sub(r"^# ((?:任务|指标):\n(?:#   .*\n)+)", lambda m: re.sub(r"^# ", "", m.group(0), flags=re.M),
                  text, flags=re.M)


def test_the_plans_examples_are_valid_once_uncommented(city):
    path = city / "data/plan.yaml"
    text = uncomment_examples(path.read_text(encoding="utf-8"))
    assert "\n任务:\n" in text and "\n指标:\n" in text
    path.write_text(text, encoding="utf-8")
    result = check_year(city / "data", 2024)
    assert not result.errors, result.lines()
    assert [i.name for i in result.data.plan.indicators] == ["重大行政决策合法性审查率"]
    assert {"W302", "W303"}.isdisjoint(d.code for d in result.diagnostics)  # 司法局 has not sent its file


def test_a_unit_can_start_fill_and_build_in_a_fresh_project(city):
    proc = run("new", "2024", "司法局", "--name", "云澜市司法局", cwd=city)
    assert proc.returncode == 0, proc.stderr
    target = city / "data/2024/司法局.yaml"
    target.write_text(fill_skeleton(target.read_text(encoding="utf-8"), "执法"), encoding="utf-8")
    check = run("check", "2024", cwd=city)
    assert check.returncode == 0, check.stdout
    # W350: the government's placeholders; W401: the filled-in problem gives no cause
    assert {code for _, _, code in diagnostics(check.stdout)} == {"W350", "W401"}
    build = run("build", "2024", "--format", "docx", "--unit", "司法局", cwd=city)
    assert build.returncode == 0, build.stdout + build.stderr
    assert (city / "output/2024/云澜市司法局.docx").is_file()
    # the city report is not finished: placeholders in _report.yaml, nothing chosen yet (issue #20)
    build = run("build", "2024", "--format", "docx", cwd=city)
    assert build.returncode == 1
    assert {code for name, _, code in diagnostics(build.stdout) if name.endswith("_report.yaml")} >= {"E241", "E242"}


def test_init_without_a_city_in_the_name_leaves_the_units_name_to_fill(tmp_path):
    proc = run("init", "部委", "--name", "某某部", "--year", "2024", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    result = check_year(tmp_path / "部委" / "data", 2024)
    assert not result.errors
    report = (tmp_path / "部委/data/2024/_report.yaml").read_text(encoding="utf-8")
    assert ("W350", "_report.yaml", line_of(report, "代码: \"司法局\"") + 1) in found(result)


# --- init refuses, writes nothing --------------------------------------------------------


def test_init_refuses_a_folder_that_is_not_empty(tmp_path):
    (tmp_path / "旧项目").mkdir()
    (tmp_path / "旧项目" / "笔记.txt").write_text("保留", encoding="utf-8")
    before = snapshot(tmp_path)
    proc = run("init", "旧项目", "--name", "云澜市人民政府", "--year", "2024", cwd=tmp_path)
    assert proc.returncode == 1 and "不是空文件夹" in proc.stderr and "Traceback" not in proc.stderr
    assert snapshot(tmp_path) == before


def test_init_refuses_an_existing_file(tmp_path):
    (tmp_path / "云澜").write_text("x", encoding="utf-8")
    proc = run("init", "云澜", "--name", "云澜市人民政府", "--year", "2024", cwd=tmp_path)
    assert proc.returncode == 1 and "文件" in proc.stderr and "Traceback" not in proc.stderr
    assert snapshot(tmp_path) == {"云澜": b"x"}


def test_init_accepts_an_empty_folder(tmp_path):
    (tmp_path / "空").mkdir()
    assert run("init", "空", "--name", "云澜市人民政府", "--year", "2024", cwd=tmp_path).returncode == 0
    assert (tmp_path / "空/data/plan.yaml").is_file()


def run_in_process(monkeypatch, capsys, *args: str) -> tuple[int, str]:
    from reportgen import cli

    monkeypatch.setattr(sys, "argv", ["reportgen", *args])
    with pytest.raises(SystemExit) as exit_info:
        cli.main()
    return exit_info.value.code, capsys.readouterr().err


def test_init_refuses_a_folder_without_write_permission(tmp_path, monkeypatch, capsys):
    (tmp_path / "只读").mkdir()
    monkeypatch.chdir(tmp_path)
    # as for a user other than root after chmod a-w (root may write anywhere)
    monkeypatch.setattr(os, "access", lambda _path, mode, **_kw: not mode & os.W_OK)
    code, err = run_in_process(monkeypatch, capsys, "init", "只读", "--name", "云澜市人民政府", "--year", "2024")
    assert code == 1 and "权限" in err, err
    assert list((tmp_path / "只读").iterdir()) == []


def test_a_write_that_fails_halfway_leaves_nothing_behind(tmp_path, monkeypatch, capsys):
    original = Path.open

    def refuse_report(self, *args, **kwargs):
        if self.name == "_report.yaml":
            raise PermissionError(13, "Permission denied", str(self))
        return original(self, *args, **kwargs)

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(Path, "open", refuse_report)
    code, err = run_in_process(monkeypatch, capsys, "init", "新/云澜", "--name", "云澜市人民政府", "--year", "2024")
    assert code == 1 and "_report.yaml" in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("args", [("init", "x", "--name", "云澜市人民政府"), ("init", "x", "--year", "2024"),
                                  ("init", "x", "--name", "云澜市人民政府", "--year", "二〇二四")])
def test_init_with_a_wrong_command_line_exits_2(tmp_path, args):
    proc = run(*args, cwd=tmp_path)
    assert proc.returncode == 2 and not (tmp_path / "x").exists()


# --- new-year ----------------------------------------------------------------------------


def test_new_year_carries_over_the_government_the_titles_and_the_units(mini):
    mini.replace("2023/_report.yaml", "单位:\n", "领域标题:\n  执法: 坚持严格规范公正文明执法\n单位:\n")
    cwd = mini.root.parent
    assert run("schema", "2024", cwd=cwd).returncode == 0  # generated schemas do not make a year started
    proc = run("new-year", "2024", cwd=cwd)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "2 个单位文件" in proc.stdout
    assert "reportgen new 2024 市场局 --name 测试市市场监督管理局" in proc.stdout
    text = mini.read("2024/_report.yaml")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=./schema/report.schema.json"
    assert mini.path("2024/schema/report.schema.json").is_file()
    result = check_year(mini.root, 2024)
    report = result.data.report
    assert report.author == "测试市人民政府"
    assert report.area_titles == (("执法", "坚持严格规范公正文明执法"),)
    assert [(u.code, u.name) for u in report.units] == [("司法局", "测试市司法局"), ("市场局", "测试市市场监督管理局")]
    # the texts are this year's to write: placeholders, each a warning, and nothing from 2023
    assert "基层法治力量" not in text and "市政府主要负责同志" not in text
    assert sorted(found(result)) == sorted(
        [("W350", "_report.yaml", line_of(text, "导语:")),
         ("W350", "_report.yaml", line_of(text, "存在问题:") + 1),
         ("W350", "_report.yaml", line_of(text, "第一责任人履职情况:")),
         ("W350", "_report.yaml", line_of(text, "下一步计划:") + 1),
         ("W301", "_report.yaml", line_of(text, "代码: \"司法局\"")),
         ("W301", "_report.yaml", line_of(text, "代码: \"市场局\""))])


def test_new_year_refuses_a_year_that_has_files(mini):
    before = snapshot(mini.root)
    proc = run("new-year", "2023", cwd=mini.root.parent)
    assert proc.returncode == 1 and "已经有文件" in proc.stderr
    assert snapshot(mini.root) == before


def test_new_year_names_the_missing_previous_settings(mini):
    before = snapshot(mini.root)
    proc = run("new-year", "2025", cwd=mini.root.parent)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "data/2024/_report.yaml" in proc.stderr
    assert snapshot(mini.root) == before and not mini.path("2025").exists()


def test_new_year_names_what_the_previous_settings_lack(mini):
    text = mini.read("2023/_report.yaml")
    mini.write("2023/_report.yaml", text[:text.index("单位:")])
    proc = run("new-year", "2024", cwd=mini.root.parent)
    assert proc.returncode == 1 and "“单位”" in proc.stderr
    assert not mini.path("2024").exists()


@pytest.mark.parametrize("name", ["", "  ", "云澜市\n人民政府", "云" * 51])
def test_init_refuses_a_name_it_cannot_write(tmp_path, name):
    proc = run("init", "云澜", "--name", name, "--year", "2024", cwd=tmp_path)
    assert proc.returncode == 1 and "报告机关" in proc.stderr and "Traceback" not in proc.stderr
    assert list(tmp_path.iterdir()) == []


def test_init_composes_the_city_report_from_chosen_items(city):
    """#14: a new project's city report is composed (合并方式: 选用), as published ones are."""
    result = check_year(city / "data", 2024)
    assert result.data.report.composition.mode == "选用"


def test_new_year_keeps_the_way_the_city_report_is_composed(mini):
    mini.replace("2023/_report.yaml", "单位:\n", "合并方式: 选用\n单位:\n")
    proc = run("new-year", "2024", cwd=mini.root.parent)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    result = check_year(mini.root, 2024)
    assert result.data.report.composition.mode == "选用"
    assert result.data.report.composition.choices == ()  # last year's choices are not this year's


def test_a_task_number_before_the_plan_has_tasks_names_the_plan_file(city):
    """A fresh plan lists no tasks: E209 on the 关联任务 line sends the filler to data/plan.yaml
    (or to 关联任务: []), not to a range “无—无”."""
    assert run("new", "2024", "司法局", "--name", "云澜市司法局", cwd=city).returncode == 0
    target = city / "data/2024/司法局.yaml"
    text = fill_skeleton(target.read_text(encoding="utf-8"), "执法").replace("关联任务: []", "关联任务: [4]", 1)
    target.write_text(text, encoding="utf-8")
    proc = run("check", "2024", "--unit", "司法局", cwd=city)
    assert proc.returncode == 1
    assert [d for d in diagnostics(proc.stdout) if d[2] == "E209"] == [
        ("data/2024/司法局.yaml", line_of(text, "关联任务: [4]"), "E209")]
    assert "data/plan.yaml" in next(line for line in proc.stdout.splitlines() if "[E209]" in line)
