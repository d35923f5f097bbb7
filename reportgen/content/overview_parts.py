"""What the overview page (index.html) shows of the content checks: the days left until the
two deadlines, each report's content findings, and the boilerplate counts.

The deadlines are counted from the build date, the one date on the page that is not taken
from the data: the overview is a working page for the secretariat, not a publication, so it
is not reproducible (SOURCE_DATE_EPOCH, when set, fixes the date, e.g. for tests).
"""

from __future__ import annotations

import datetime as _dt
import os
from dataclasses import dataclass

from reportgen.errors import Diagnostic
from reportgen.numbering import date_text
from reportgen.content.rules import RULES

UNIT_DEADLINE = (3, 1)  # 各部门报送：每年3月1日之前
PUBLIC_DEADLINE = (4, 1)  # 向社会公开：每年4月1日之前
CONTENT_CODES = frozenset(RULES) | {"W431", "W432", "W433", "W434", "W435", "W436", "W437"}


def build_date() -> _dt.date:
    """Today, or the date of SOURCE_DATE_EPOCH (the reproducible-builds convention) when set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return _dt.datetime.fromtimestamp(int(epoch), _dt.timezone.utc).date()
    return _dt.date.today()


@dataclass(frozen=True)
class Deadline:
    label: str  # 各部门报送 / 向社会公开
    date: str  # 2024年3月1日
    days: int  # days left; negative when past
    text: str  # 还有 N 天 / 今天截止 / 已过 N 天


def _days_text(days: int) -> str:
    if days > 0:
        return f"还有 {days} 天"
    return "今天是截止日" if days == 0 else f"已过 {-days} 天"


def deadlines(year: int, today: _dt.date) -> list[Deadline]:
    found = []
    for label, (month, day) in (("各部门报送", UNIT_DEADLINE), ("向社会公开", PUBLIC_DEADLINE)):
        due = _dt.date(year + 1, month, day)
        days = (due - today).days
        found.append(Deadline(label, date_text(due) + "之前", days, _days_text(days)))
    return found


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str
    line: int
    message: str


@dataclass(frozen=True)
class Panel:
    """One report's content findings."""

    code: str  # unit code, or _city
    name: str
    findings: tuple[Finding, ...]


def content_findings(diagnostics: list[Diagnostic]) -> tuple[Finding, ...]:
    found = [d for d in diagnostics if d.code in CONTENT_CODES]
    return tuple(Finding(d.code, d.severity, d.loc.line, d.message)
                 for d in sorted(found, key=lambda d: (d.loc.line, d.loc.col, d.code)))
