"""A block a writer does not know is an error in both formats, never a silent gap."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from reportgen.model.document import Document, Paragraph, Title
from reportgen.render import WRITERS, WriteOptions


@dataclass(frozen=True)
class Sidebar:
    text: str


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_unknown_block_raises(tmp_path, fmt):
    blocks = (Title("测试报告"), Paragraph("正文。"), Sidebar("不会被画出的内容"))
    document = Document("unit", "测试报告", "测试单位", 2023, dt.date(2024, 2, 1), blocks, "测试单位")
    with pytest.raises(TypeError, match="Sidebar"):
        WRITERS[fmt].write(document, tmp_path / f"out.{fmt}", WriteOptions())
