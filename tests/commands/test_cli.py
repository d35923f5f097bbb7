"""The command line as a user runs it: output lines, exit codes, `new`, no tracebacks."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import yaml

from conftest import LINE, fill_skeleton, run, run_process



def test_check_clean_project_exits_0(mini):
    proc = run_process("check", "2023", cwd=mini.root.parent)  # `python -m reportgen` as a process
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "0 个错误，0 个警告" in proc.stdout


def test_check_prints_one_line_per_problem_and_exits_1(mini):
    mini.replace("2023/司法局.yaml", "年度: 2023", "年度: 2022")
    mini.replace("2023/市场局.yaml", "  - 标题: 推行包容审慎监管", "  - 标提: 推行包容审慎监管")
    proc = run("check", "2023", cwd=mini.root.parent)
    assert proc.returncode == 1
    problems = [m.groupdict() for m in map(LINE.match, proc.stdout.splitlines()) if m]
    assert {(p["file"], p["code"]) for p in problems} == {
        ("data/2023/司法局.yaml", "E212"), ("data/2023/市场局.yaml", "E201"),
    }
    assert "2 个错误" in proc.stdout
    assert "Traceback" not in proc.stdout + proc.stderr


def test_warnings_fail_only_with_strict(mini):
    mini.replace("2023/司法局.yaml", "3件。", "3件,修改2件。")
    assert run("check", "2023", cwd=mini.root.parent).returncode == 0
    proc = run("check", "2023", "--strict", cwd=mini.root.parent)
    assert proc.returncode == 1
    assert "警告: " in proc.stdout and "[W306]" in proc.stdout


def test_data_option_and_missing_folder(tmp_path):
    proc = run("check", "2023", "--data", "nowhere", cwd=tmp_path)
    assert proc.returncode == 1
    assert "不是 reportgen 项目" in proc.stderr and "Traceback" not in proc.stderr


def test_wrong_command_line_exits_2(mini):
    assert run("check", "二〇二三", cwd=mini.root.parent).returncode == 2
    assert run("frobnicate", cwd=mini.root.parent).returncode == 2


def test_help_is_chinese(mini):
    proc = run("check", "--help", cwd=mini.root.parent)
    assert proc.returncode == 0 and "检查" in proc.stdout and "--strict" in proc.stdout


def test_internal_error_gives_a_note_not_a_traceback(monkeypatch, capsys):
    from reportgen import cli
    from reportgen.pipeline import check

    def broken(*_args, **_options):
        raise RuntimeError("boom")

    monkeypatch.setattr(check, "check_year", broken)
    monkeypatch.setattr(sys, "argv", ["reportgen", "check", "2023"])
    with pytest.raises(SystemExit) as exit_info:
        cli.main()
    assert exit_info.value.code == 3
    err = capsys.readouterr().err
    assert "内部错误" in err and "Traceback" not in err
    log = Path(re.search(r"保存到 (\S+?)，", err).group(1))
    assert "RuntimeError: boom" in log.read_text()


# --- reportgen new -------------------------------------------------------------------


def test_new_writes_a_commented_skeleton_that_passes_once_filled(mini):
    target = mini.path("2023/市场局.yaml")
    target.unlink()
    proc = run("new", "2023", "市场局", "--name", "测试市市场监督管理局", cwd=mini.root.parent)
    assert proc.returncode == 0, proc.stderr
    text = target.read_text(encoding="utf-8")
    # every key is explained, the areas are listed, the unit's indicators are named
    for key in ("单位:", "年度:", "主要做法和成效:", "存在问题:", "下一步计划:", "指标:", "第一责任人履职情况:"):
        comment_above = text.splitlines()[text.splitlines().index(next(l for l in text.splitlines() if l.startswith(key))) - 1]
        assert comment_above.startswith("#"), key
    assert "执法：健全行政执法工作体系" in text
    assert '"减免责清单事项":' in text and '"合法性审查率":' in text and "考评排名" not in text
    assert "3. 推行包容审慎监管" in text  # the task this unit leads

    # unfilled, it does not pass
    assert run("check", "2023", cwd=mini.root.parent).returncode == 1
    target.write_text(fill_skeleton(text, "执法"), encoding="utf-8")
    proc = run("check", "2023", cwd=mini.root.parent)
    assert proc.returncode == 0, proc.stdout
    assert yaml.safe_load(target.read_text(encoding="utf-8"))["指标"]["减免责清单事项"] == 100


def test_new_refuses_to_overwrite(mini):
    target = mini.path("2023/司法局.yaml")
    before = target.read_bytes()
    proc = run("new", "2023", "司法局", "--name", "测试市司法局", cwd=mini.root.parent)
    assert proc.returncode == 1
    assert "已经存在" in proc.stderr
    assert target.read_bytes() == before


@pytest.mark.parametrize("code", ["../x", "a/b", "_report", ".hidden"])
def test_new_refuses_unsafe_codes(mini, code):
    proc = run("new", "2023", code, "--name", "某单位", cwd=mini.root.parent)
    assert proc.returncode == 2
    assert not any(p.name.startswith(("x", "b")) for p in mini.root.rglob("*.yaml") if p.parent.name != "2023")
    assert "Traceback" not in proc.stderr


def test_new_for_an_unregistered_code_says_so(mini):
    proc = run("new", "2023", "信访局", "--name", "测试市信访局", cwd=mini.root.parent)
    assert proc.returncode == 0
    assert "还没有代码“信访局”" in proc.stdout
    assert mini.path("2023/信访局.yaml").exists()
