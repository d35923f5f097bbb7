"""Every word the command line prints is Chinese: help, usage errors, missing options,
unknown commands; command-line mistakes still exit with 2. The checks go over every
command the group has, so commands added later are held to the same rule."""

from __future__ import annotations

import re

import pytest

from conftest import invoke
from reportgen import cli

# click's English, as it would print it
ENGLISH = re.compile(r"Usage|Options|Commands|Show this|Show the|Error|Missing|Invalid|No such|Try |Did you|"
                     r"DIRECTORY|TEXT|INTEGER|PATH|FILE|YEAR|FOLDER|CODE|default|required|is not|Got unexpected|Aborted")


def test_help_of_the_group_is_chinese(monkeypatch, capsys):
    code, text = invoke(monkeypatch, capsys, "--help")
    assert code == 0 and text.startswith("用法：reportgen [选项] 命令")
    assert "选项：" in text and "命令：" in text and "显示本帮助并退出" in text
    assert not ENGLISH.search(text), ENGLISH.search(text)


@pytest.mark.parametrize("command", sorted(cli.cli.commands))
def test_help_of_every_command_is_chinese(monkeypatch, capsys, command):
    code, text = invoke(monkeypatch, capsys, command, "--help")
    assert code == 0 and text.startswith(f"用法：reportgen {command} [选项]")
    assert not ENGLISH.search(text), ENGLISH.search(text)


def test_invalid_year_is_a_chinese_usage_error(monkeypatch, capsys, tmp_path):
    monkeypatch.chdir(tmp_path)
    code, text = invoke(monkeypatch, capsys, "check", "二〇二三")
    assert code == 2
    assert "错误：年度的值无效" in text and "二〇二三" in text
    assert not ENGLISH.search(text), text


def test_missing_option_names_it_in_chinese(monkeypatch, capsys, tmp_path):
    monkeypatch.chdir(tmp_path)
    # init's --name is required (new's is optional since #12: the registered name stands in)
    code, text = invoke(monkeypatch, capsys, "init", "云澜", "--year", "2024")
    assert code == 2
    assert "错误：缺少选项 --name" in text
    assert not ENGLISH.search(text), text


def test_unknown_command_suggests_the_closest(monkeypatch, capsys, tmp_path):
    monkeypatch.chdir(tmp_path)
    code, text = invoke(monkeypatch, capsys, "buld", "2023")
    assert code == 2
    assert "没有命令“buld”。是否想输入 build？" in text
    assert not ENGLISH.search(text), text


@pytest.mark.parametrize("args", [("check", "2023", "--foo"), ("build", "2023", "--format", "doc"),
                                  ("check", "2023", "2024"), ("build", "2023", "--jobs", "0"), ("check",)])
def test_other_mistakes_exit_2_in_chinese(monkeypatch, capsys, mini, args):
    monkeypatch.chdir(mini.root.parent)
    code, text = invoke(monkeypatch, capsys, *args)
    assert code == 2 and "错误：" in text
    assert not ENGLISH.search(text), text
