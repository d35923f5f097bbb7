"""`标题: （一）压实…` and `标题: 1.推动…`: a warning, and the report never doubles the number."""

import pytest

from edits import UNIT, check, place, problems

from reportgen.model.document import unit_document


def _document_text(project):
    result = check(project)
    assert result.errors == []
    results = []  # indicators are not needed for the headings
    unit = next(u for u in result.clean.units.values())
    document = unit_document(unit, None, results)
    return "\n".join(getattr(b, "number", "") + (getattr(b, "lead", "") or "") + (getattr(b, "text", "") or "")
                     for b in document.blocks)


def test_group_title_with_its_own_number(sample):
    sample.replace(UNIT, "  - 标题: 压实法治建设责任", "  - 标题: （一）压实法治建设责任")
    line, col = place(sample.read(UNIT), "（一）压实")
    assert problems(sample) == [("W313", line, col)]
    text = _document_text(sample)
    assert "（一）压实法治建设责任" in text and "（一）（一）" not in text


def test_item_title_with_its_own_number(sample):
    sample.replace(UNIT, "      - 标题: 推动第一责任人职责", "      - 标题: 1.推动第一责任人职责")
    line, col = place(sample.read(UNIT), "1.推动")
    assert problems(sample) == [("W313", line, col)]
    text = _document_text(sample)
    assert "1.推动第一责任人职责" in text and "1.1." not in text


@pytest.mark.parametrize("number", ["一、", "（2）", "1、", "一是", "第一，"])
def test_other_numberings(sample, number):
    line = sample.replace(UNIT, "      - 标题: 推动第一责任人职责", f"      - 标题: {number}推动第一责任人职责")
    assert [(c, ln) for c, ln, _ in problems(sample)] == [("W313", line)]


def test_a_year_is_not_a_number(sample):
    sample.replace(UNIT, "      - 标题: 推动第一责任人职责", "      - 标题: 2023年推动第一责任人职责")
    assert problems(sample) == []
