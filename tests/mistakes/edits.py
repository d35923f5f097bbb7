"""Shared by the tests of tests/mistakes/: break the sample's 司法局.yaml one mistake at a time,
as a filler would, and read what `check --unit 司法局` says about that file."""

from __future__ import annotations

from pathlib import Path

from reportgen.project import check_year

CODE = "司法局"
UNIT = f"2023/{CODE}.yaml"


def check(project, code: str = CODE):
    return check_year(project.root, 2023, only=code)


def problems(project, code: str = CODE) -> list[tuple[str, int, int]]:
    """(code, line, column) of every diagnostic about the unit's file."""
    return [(d.code, d.loc.line, d.loc.col) for d in check(project, code).diagnostics
            if Path(d.loc.file).name == f"{code}.yaml"]


def place(text: str, needle: str) -> tuple[int, int]:
    """1-based (line, column) of the first `needle` in `text`."""
    offset = text.index(needle)
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1
