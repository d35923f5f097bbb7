"""The loader: YAML syntax, encodings and unsafe constructs become diagnostics with places."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from reportgen.read.loader import MAX_BYTES, load_file, load_text


def diagnostics(loaded):
    return [(d.code, d.loc.line, d.loc.col) for d in loaded.diagnostics]


def test_values_and_places_are_recorded():
    loaded = load_text("单位: 测试局\n年度: 2023\n事项:\n  - 内容: 甲乙丙\n", "x.yaml")
    assert loaded.data == {"单位": "测试局", "年度": 2023, "事项": [{"内容": "甲乙丙"}]}
    assert loaded.key_loc(("年度",)).line == 2
    assert (loaded.loc(("事项", 0, "内容")).line, loaded.loc(("事项", 0, "内容")).col) == (4, 9)
    # character 2 of a one-line plain scalar sits two columns right of its start
    assert loaded.char_loc(("事项", 0, "内容"), 2).col == 11
    assert loaded.diagnostics == []


def test_syntax_error_names_line():
    loaded = load_text("单位: 测试局\n年度: 2023\n  导语: 错位\n", "x.yaml")
    assert not loaded.ok
    assert [d[0] for d in diagnostics(loaded)] == ["E121"]  # indented deeper than its sibling keys
    assert loaded.diagnostics[0].loc.line == 3
    assert "缩进" in loaded.diagnostics[0].message or "冒号" in loaded.diagnostics[0].message


def test_tab_indentation():
    loaded = load_text("主要做法和成效:\n\t- 标题: 甲\n", "x.yaml")
    assert diagnostics(loaded) == [("E102", 2, 1)]
    assert "Tab" in loaded.diagnostics[0].message


def test_duplicate_key_is_an_error_at_the_second_key():
    loaded = load_text("单位: 甲\n年度: 2023\n单位: 乙\n", "x.yaml")
    assert diagnostics(loaded) == [("E103", 3, 1)]
    assert "第 1 行" in loaded.diagnostics[0].message
    assert loaded.data["单位"] == "甲"  # the first is kept, the second reported


def test_duplicate_key_nested():
    loaded = load_text("指标:\n  甲: 1\n  乙: 2\n  甲: 3\n", "x.yaml")
    assert diagnostics(loaded) == [("E103", 4, 3)]


@pytest.mark.parametrize("text", ["", "   \n\n", "# 只有注释\n# 第二行\n"])
def test_empty_or_comment_only(text):
    loaded = load_text(text, "x.yaml")
    assert not loaded.ok
    assert [d[0] for d in diagnostics(loaded)] == ["E104"]


def test_alias_refused_before_expansion():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b]\n"
    loaded = load_text(bomb, "x.yaml")
    assert diagnostics(loaded) == [("E106", 2, 8)]


def test_python_tags_refused():
    loaded = load_text("单位: !!python/object/apply:os.system ['echo hi']\n", "x.yaml")
    assert [d[0] for d in diagnostics(loaded)] == ["E107"]
    assert loaded.diagnostics[0].loc.line == 1


def test_invalid_date():
    loaded = load_text("单位: 甲\n成文日期: 2024-02-30\n", "x.yaml")
    assert diagnostics(loaded) == [("E108", 2, 7)]
    assert "2024-02-30" in loaded.diagnostics[0].message


def test_deep_nesting_is_an_error_not_a_crash():
    deep = "a: " + "[" * 1000 + "]" * 1000 + "\n"
    loaded = load_text(deep, "x.yaml")
    assert [d[0] for d in diagnostics(loaded)] == ["E109"]
    block = "".join("  " * i + f"k{i}:\n" for i in range(60)) + "  " * 60 + "v\n"
    assert [d[0] for d in diagnostics(load_text(block, "x.yaml"))] == ["E109"]


def test_control_character_in_text():
    loaded = load_text("单位: 甲\n导语: 前\x07后\n", "x.yaml")
    assert diagnostics(loaded) == [("E111", 2, 6)]
    escaped = load_text('单位: 甲\n导语: "前\\x07后"\n', "x.yaml")
    assert [d[0:2] for d in diagnostics(escaped)] == [("E111", 2)]


def test_unpaired_surrogate_escape():
    loaded = load_text('导语: "前\\ud800后"\n', "x.yaml")
    assert [d[0] for d in diagnostics(loaded)] == ["E111"]


TEXT = "单位: 云澜市司法局\n导语: 全年办理案件，成效明显。\n"


def test_utf8_with_bom_loads_cleanly(tmp_path: Path):
    path = tmp_path / "a.yaml"
    path.write_bytes(codecs.BOM_UTF8 + TEXT.encode("utf-8"))
    loaded = load_file(path)
    assert loaded.diagnostics == []
    assert loaded.data["单位"] == "云澜市司法局"


@pytest.mark.parametrize("encoding, name", [("gb18030", "GB18030"), ("utf-16", "UTF-16")])
def test_windows_encodings_load_with_a_warning(tmp_path: Path, encoding, name):
    path = tmp_path / "a.yaml"
    path.write_bytes(TEXT.encode(encoding))
    loaded = load_file(path)
    assert loaded.data == {"单位": "云澜市司法局", "导语": "全年办理案件，成效明显。"}
    assert [(d.code, d.loc.line) for d in loaded.diagnostics] == [("W101", 1)]
    assert name in loaded.diagnostics[0].message and "UTF-8" in loaded.diagnostics[0].message


def test_undecodable_bytes_are_an_error_naming_the_line(tmp_path: Path):
    path = tmp_path / "a.yaml"
    path.write_bytes("单位: 甲\n".encode("utf-8") + b"\xff\xff\xff\n")
    loaded = load_file(path)
    assert not loaded.ok
    assert [(d.code, d.loc.line) for d in loaded.diagnostics] == [("E105", 2)]
    assert "UTF-8" in loaded.diagnostics[0].message


def test_oversized_file_refused(tmp_path: Path):
    path = tmp_path / "a.yaml"
    path.write_bytes(b"a: " + b"x" * (MAX_BYTES + 1) + b"\n")
    loaded = load_file(path)
    assert [d.code for d in loaded.diagnostics] == ["E113"]


def test_missing_file(tmp_path: Path):
    loaded = load_file(tmp_path / "none.yaml")
    assert [d.code for d in loaded.diagnostics] == ["E112"]


# --- hostile input (see also test_hostile.py, which runs the command line) -------------------


@pytest.mark.parametrize("text", ["---\n", "~\n", "--- # 只有分隔线\n...\n"])
def test_a_document_with_nothing_in_it_is_empty(text):
    assert diagnostics(load_text(text, "x.yaml")) == [("E104", 1, 1)]


def test_keys_that_are_not_text_stay_as_written():
    loaded = load_text("~: 1\ntrue: 2\n1.5: 3\n2024-01-01: 4\n7: 5\n", "x.yaml")
    assert loaded.data == {"~": 1, "true": 2, "1.5": 3, "2024-01-01": 4, 7: 5}
    assert loaded.key_loc(("2024-01-01",)).line == 4


def test_a_number_with_too_many_digits():
    loaded = load_text("单位: 甲\n年度: " + "9" * 5000 + "\n", "x.yaml")
    assert diagnostics(loaded) == [("E206", 2, 5)]
    assert "年度" in loaded.diagnostics[0].message


def test_unclosed_quote_is_reported_where_it_opens():
    loaded = load_text('单位: 甲\n导语: "开始\n下一步计划: 乙\n', "x.yaml")
    assert diagnostics(loaded) == [("E119", 2, 5)]
    assert "引号" in loaded.diagnostics[0].message


def test_deep_block_nesting_names_its_line():
    block = "".join("  " * i + f"k{i}:\n" for i in range(200)) + "  " * 200 + "v\n"
    loaded = load_text(block, "x.yaml")
    assert [d[0] for d in diagnostics(loaded)] == ["E109"]
    assert 30 < loaded.diagnostics[0].loc.line < 45


def test_too_many_values_stop_the_parse(monkeypatch):
    from reportgen.read import loader

    monkeypatch.setattr(loader, "MAX_NODES", 100)
    loaded = load_text("列表:\n" + "  - 甲\n" * 200, "x.yaml")
    assert [d[0] for d in diagnostics(loaded)] == ["E113"]
    assert loaded.diagnostics[0].loc.line == 99  # the 101st value: the mapping, its key, the list, 98 items


@pytest.mark.parametrize("char", ["\u202e", "\u2066", "\u2028", "\x85", "\x00"])
def test_invisible_characters_that_change_the_text(char):
    loaded = load_text(f"单位: 甲\n导语: 前{char}后\n", "x.yaml")
    assert diagnostics(loaded) == [("E111", 2, 6)]


def test_utf32_with_bom_loads_with_a_warning(tmp_path: Path):
    path = tmp_path / "a.yaml"
    path.write_bytes(TEXT.encode("utf-32"))
    loaded = load_file(path)
    assert loaded.data["单位"] == "云澜市司法局"
    assert [d.code for d in loaded.diagnostics] == ["W101"] and "UTF-32" in loaded.diagnostics[0].message


def test_utf8_with_a_stray_byte_is_not_read_as_gb18030(tmp_path: Path):
    path = tmp_path / "a.yaml"
    path.write_bytes(TEXT.encode("utf-8").replace("成效".encode(), b"\xb3\xc9\xd0\xa7"))  # 成效 in GBK
    loaded = load_file(path)
    assert not loaded.ok
    assert [(d.code, d.loc.line) for d in loaded.diagnostics] == [("E105", 2)]


def test_a_folder_or_pipe_is_not_read(tmp_path: Path):
    import os

    (tmp_path / "folder.yaml").mkdir()
    assert [d.code for d in load_file(tmp_path / "folder.yaml").diagnostics] == ["E112"]
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pipe.yaml")
        loaded = load_file(tmp_path / "pipe.yaml")  # would block for ever if opened
        assert [d.code for d in loaded.diagnostics] == ["E112"] and "普通文件" in loaded.diagnostics[0].message
