"""#18: a character no report font can draw (an emoji) is an error of `check`, at the
character itself (the 内容 line, not its item's 标题), with the code `build` stops with."""

from __future__ import annotations

import re

from conftest import invoke

UNIT = "2023/司法局.yaml"
LOCATED = re.compile(r"^(?P<file>\S+):(?P<line>\d+):(?P<col>\d+): 错误: .*\[(?P<code>E\d+)\]$", re.M)


def located(output: str) -> list[tuple[str, int, int]]:
    return [(m["code"], int(m["line"]), int(m["col"])) for m in LOCATED.finditer(output)]


def test_check_and_build_name_an_emoji_at_its_own_line(mini, monkeypatch, capsys, tmp_path):
    line = mini.replace(UNIT, "        内容: 全年制定地方性法规3件。", "        内容: 全年制定地方性法规3件😀。")
    col = len("        内容: 全年制定地方性法规3件") + 1
    title = mini.replace(UNIT, "  - 标题: 严格规范公正文明执法", "  - 标题: 严格规范🛑公正文明执法")
    monkeypatch.chdir(mini.root.parent)
    status, output = invoke(monkeypatch, capsys, "check", "2023")
    assert status == 1
    expected = [("E126", line, col), ("E126", title, len("  - 标题: 严格规范") + 1)]
    assert located(output) == expected
    status, output = invoke(monkeypatch, capsys, "build", "2023", "--jobs", "1", "--format", "pdf",
                            "--out", str(tmp_path / "out"))
    assert status == 1 and located(output) == expected
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_characters_the_spare_fonts_draw_pass(mini, monkeypatch, capsys):
    mini.replace(UNIT, "        内容: 全年制定地方性法规3件。", "        内容: 全年制定地方性法规3件（㐀、①、℃、—）。")
    monkeypatch.chdir(mini.root.parent)
    status, output = invoke(monkeypatch, capsys, "check", "2023")
    assert status == 0 and "E126" not in output
