"""The helpers below every stage: the atomic write, the string walker, the Chinese numerals."""

from __future__ import annotations

import pytest

from reportgen.atomic import write_atomically
from reportgen.numbering import chinese_numeral, numeral_value
from reportgen.strings import strings


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path):
    target = tmp_path / "state.json"
    target.write_text("old", encoding="utf-8")

    def half(temp):
        temp.write_text("half", encoding="utf-8")
        raise OSError("disk full")

    with pytest.raises(OSError):
        write_atomically(target, half)
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["state.json"]


def test_a_write_replaces_the_file_whole_with_the_mode_asked_for(tmp_path):
    target = tmp_path / "face.otf"
    write_atomically(target, lambda temp: temp.write_bytes(b"new"), 0o644)
    assert target.read_bytes() == b"new" and target.stat().st_mode & 0o777 == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["face.otf"]


def test_every_string_with_its_path_in_file_order_leaving_out_top_level_keys():
    data = {"单位": "司法局", "导语": "第一段", "主要做法和成效": [{"标题": "甲", "事项": ["乙", 3, None]}],
            "存在问题": {"单位": "kept below the top"}}
    assert list(strings(data, {"单位"})) == [
        (("导语",), "第一段"), (("主要做法和成效", 0, "标题"), "甲"), (("主要做法和成效", 0, "事项", 0), "乙"),
        (("存在问题", "单位"), "kept below the top")]


@pytest.mark.parametrize("n", [1, 9, 10, 11, 19, 20, 21, 99])
def test_chinese_numerals_read_back_to_their_number(n):
    assert numeral_value(chinese_numeral(n)) == n


def test_zeros_as_dates_write_them():
    assert [numeral_value(z) for z in "〇零○"] == [0, 0, 0]
