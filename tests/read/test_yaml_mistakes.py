"""yaml_mistakes: the line reader finds nothing in valid files, legal YAML is no suspect, and
the parser's own words are used when no suspect can be confirmed."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import MINI, ROOT
from reportgen.read.check_output import split_message
from reportgen.read.loader import load_text
from reportgen.read.yaml_mistakes import suspects

VALID = sorted((ROOT / "data").rglob("*.yaml")) + sorted(MINI.rglob("*.yaml"))


def found(text: str) -> list[tuple[str, int, int]]:
    return [(d.code, d.loc.line, d.loc.col) for d in load_text(text, "x.yaml").diagnostics]


@pytest.mark.parametrize("path", VALID, ids=lambda p: str(p.relative_to(ROOT)))
def test_valid_files_have_no_suspect_line(path: Path):
    assert suspects(path.read_text(encoding="utf-8"), 10**6) == []


@pytest.mark.parametrize("text", [
    '导语: "第一行\n  第二行"\n标题: 甲\n',  # quoted text over two lines
    "存在问题:\n- 甲\n下一步计划: 乙\n",  # a list at its key's column
    "导语: |\n  第一段\n    缩进的一段\n标题: 甲\n",  # a block of text
    "关联任务: [1, 2,\n  3]\n标题: 甲\n",  # brackets over two lines
])
def test_legal_yaml_is_no_suspect(text):
    assert suspects(text, 10**6) == []
    assert found(text) == []


def test_legal_quoted_lines_do_not_hide_a_later_mistake():
    assert found('导语: "第一行\n  第二行"\n标题: 甲\n内容: 依据: 规定\n') == [("E122", 4, 7)]


def test_unclosed_bracket_names_its_line():
    assert [(c, ln) for c, ln, _ in found("标题: 甲\n关联任务: [1, 2\n存在问题: 乙\n")] == [("E101", 2)]


def test_a_second_document_keeps_the_parser_message():
    assert [(c, ln) for c, ln, _ in found("标题: 甲\n---\n存在问题: 乙\n")] == [("E101", 2)]


def test_json_hint_is_the_advice_of_the_message():
    assert split_message("“年度”后面缺少冒号。请改为“年度: 2023”") == ("“年度”后面缺少冒号", "请改为“年度: 2023”")
    assert split_message("没有建议的提示") == ("没有建议的提示", "")
