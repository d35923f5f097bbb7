"""Run outside a project (no data/plan.yaml, or a --data folder that is not there), every
command says so and exits 1: never an internal error, never advice to write a plan.
Commands are taken from the group, so one added later is held to the same rule; only
`init`, which makes a project, may run anywhere (and `verify <文件夹>`, the publisher's form,
which needs the output folder alone: tests/test_gate.py)."""

from __future__ import annotations


import click
import pytest

from conftest import invoke
from reportgen import cli

MAKES_A_PROJECT = {"init"}


def arguments_for(command: click.Command) -> list[str]:
    """The least a command needs to get past its argument parsing."""
    args = []
    for param in command.params:
        if isinstance(param, click.Argument):
            year = isinstance(param.type, click.types.IntParamType) or "年度" in (param.metavar or "")
            args.append("2023" if year else "x")  # verify <文件夹>|<年度>: the project's form
        elif isinstance(param, click.Option) and param.required:
            args += [param.opts[0], "2023" if isinstance(param.type, click.types.IntParamType) else "x"]
    return args


@pytest.mark.parametrize("name", sorted(set(cli.cli.commands) - MAKES_A_PROJECT))
def test_every_command_outside_a_project_says_so(monkeypatch, capsys, tmp_path, name):
    monkeypatch.chdir(tmp_path)
    code, text = invoke(monkeypatch, capsys, name, *arguments_for(cli.cli.commands[name]))
    assert code == 1, text
    assert f"当前文件夹 {tmp_path} 不是 reportgen 项目：找不到 data/plan.yaml。" in text
    assert "--data" in text and "内部错误" not in text
    assert not any(tmp_path.iterdir())  # nothing written


@pytest.mark.parametrize("name", sorted(set(cli.cli.commands) - MAKES_A_PROJECT))
def test_a_data_folder_that_is_not_there(monkeypatch, capsys, mini, name):
    monkeypatch.chdir(mini.root.parent)
    code, text = invoke(monkeypatch, capsys, name, *arguments_for(cli.cli.commands[name]), "--data", "nowhere")
    assert code == 1, text
    assert "不是 reportgen 项目：找不到 nowhere/plan.yaml。" in text


def test_build_in_an_empty_folder_is_not_an_internal_error(tmp_path):
    from conftest import run

    proc = run("build", "2023", cwd=tmp_path)
    assert proc.returncode == 1 and "不是 reportgen 项目" in proc.stderr
    assert "Traceback" not in proc.stderr and "内部错误" not in proc.stderr
