"""The project's own levels for warnings: `检查: {W411: 关闭, W435: 提示}` in _report.yaml.

Only warnings and information (W…, I…) can be switched off or given another level; an
error stays an error, and naming an error here is itself an error, at the line it is on.
"""

from __future__ import annotations

from dataclasses import replace

from reportgen.errors import ERROR, INFO, WARNING, Diagnostic, Loc
from reportgen.messages import MESSAGES, diag

OFF = "关闭"
LEVELS = {"提示": INFO, "警告": WARNING, "错误": ERROR}


def setting_problems(levels: tuple[tuple[str, str, Loc], ...]) -> list[Diagnostic]:
    """E221 for a code that is not a warning or information code reportgen has."""
    found = []
    for code, _, loc in levels:
        if code in MESSAGES and code.startswith("E"):
            found.append(diag("E221", loc, code=code, problem="是错误，不能关闭或改变级别；请删去这一行并改正数据"))
        elif code not in MESSAGES:
            known = "W101、W301—W309、W401—W437、I401"
            found.append(diag("E221", loc, code=code, problem=f"不是 reportgen 的检查项目代码（可写的代码：{known}）"))
    return found


def apply_levels(diagnostics: list[Diagnostic], levels: tuple[tuple[str, str, Loc], ...]) -> list[Diagnostic]:
    """The diagnostics with each configured code switched off or given its configured level."""
    wanted = {code: level for code, level, _ in levels if code in MESSAGES and not code.startswith("E")}
    if not wanted:
        return diagnostics
    kept = []
    for d in diagnostics:
        level = wanted.get(d.code)
        if level == OFF:
            continue
        if level in LEVELS and d.severity != LEVELS[level]:
            d = replace(d, severity=LEVELS[level])
        kept.append(d)
    return kept
