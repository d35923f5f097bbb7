"""Tables of a Word report. A table is never made into items: its rows that name a plan
indicator become indicator hints (comments, with this year's and last year's values where
the columns say which is which); the whole table stays in the file as a comment block
where it stood, cell by cell, so that nothing of it is lost (issue 19).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reportgen.model.data import Indicator, Plan
from reportgen.word_import.text import normalize

_FIGURE = re.compile(r"^[-+]?\d+(?:\.\d+)?\s*[%％]?$")
_BIGRAM_SHARE = 0.6


@dataclass
class SourceTable:
    number: int  # the source's n-th table, from 1
    rows: list[tuple[str, ...]]
    matched: int = 0  # rows that became indicator hints
    hints: list[tuple[str, str, str, str]] = field(default_factory=list)  # (indicator, value, row, last value)

    @property
    def label(self) -> str:
        """How messages name it: 第 2 个表格（“指标、2022年、2023年”）."""
        first = "、".join(self.rows[0][:3]) if self.rows else ""
        return f"第 {self.number} 个表格（“{first[:30]}”）"

    def comment_lines(self) -> list[str]:
        """The table as text, a line per row, cells between “｜”: every cell as written."""
        if self.matched:
            head = (f"原文{self.label}，共 {len(self.rows)} 行，不印入报告；其中 {self.matched} 行对应规划指标，"
                    "数值建议见文件末尾的“指标”注释，请核实后填写：")
        else:
            head = (f"原文{self.label}，共 {len(self.rows)} 行，没有对应规划指标，不印入报告。"
                    "需要印出的内容请写成文字放入相应位置：")
        return [head] + ["｜".join(normalize(cell) for cell in row) for row in self.rows]


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}


def _names_indicator(cell: str, indicator: Indicator) -> bool:
    cell = re.sub(r"[（(][^（()）]*[)）]", "", cell)  # “立案查处案件（件）”: the unit in brackets
    if indicator.name in cell or any(alias and alias in cell for alias in indicator.aliases):
        return True
    words = _bigrams(indicator.name)
    return bool(words) and len(words & _bigrams(cell)) / len(words) >= _BIGRAM_SHARE


def _columns(header: tuple[str, ...], year: int) -> tuple[int | None, int | None]:
    """The columns of this year's and last year's values, from the header row's words."""
    this = last = None
    for n, cell in enumerate(header):
        if str(year) in cell or re.search(r"本年|今年|完成值|完成情况|实际", cell):
            this = n if this is None else this
        elif str(year - 1) in cell or re.search(r"上年|去年|上一年", cell):
            last = n if last is None else last
    return this, last


def _figure(row: tuple[str, ...], column: int | None) -> str:
    if column is None or column >= len(row):
        return ""
    value = row[column].strip().rstrip("%％").strip()
    return value if _FIGURE.match(row[column].strip()) else ""


def table_hints(table: SourceTable, plan: Plan, code: str, year: int) -> list[tuple[str, str, str, str]]:
    """(indicator, value, row as text, last year's value) for each row naming an indicator
    of the unit's (else any indicator of the plan): the value from the column headed with the
    year (or 本年, 完成值), else the row's last figure."""
    if not table.rows:
        return []
    this, last = _columns(table.rows[0], year)
    own = [i for i in plan.indicators if code in i.owners] or list(plan.indicators)
    hints = []
    for row in table.rows[1:] if this is not None or last is not None else table.rows:
        for indicator in own:
            if not any(_names_indicator(cell, indicator) for cell in row[:2]):
                continue
            figures = [c.strip().rstrip("%％") for c in row if _FIGURE.match(c.strip())]
            value = _figure(row, this) or (figures[-1] if figures and this is None else "")
            if value:
                hints.append((indicator.name, value, "｜".join(row), _figure(row, last)))
                break
    table.matched, table.hints = len(hints), hints
    return hints
