"""Shared by the tests of tests/mistakes/: break the sample's 司法局.yaml one mistake at a time,
as a filler would, and read what `check --unit 司法局` says about that file."""

from __future__ import annotations

import functools
import re
from collections import Counter
from pathlib import Path

from reportgen.pipeline.check import check_year

SAMPLE = Path(__file__).resolve().parents[2] / "data"

CODE = "司法局"
UNIT = f"2023/{CODE}.yaml"


def check(project, code: str = CODE):
    return check_year(project.root, 2023, only=code)


@functools.lru_cache(maxsize=None)
def already_there(code: str) -> Counter:
    """What the unbroken sample already says about the unit's file (the sample carries one
    deliberate case of each content rule, reportgen/content/), by code and message, so that
    a mistake that moves lines does not make them look new."""
    return Counter((d.code, _same_anywhere(d.message)) for d in check_year(SAMPLE, 2023, only=code).diagnostics
                   if Path(d.loc.file).name == f"{code}.yaml")


def _same_anywhere(message: str) -> str:
    """The message without the folder the project lies in (messages name other files)."""
    return re.sub(r"\S*?(data/\d{4}/)", r"\1", message)


def problems(project, code: str = CODE) -> list[tuple[str, int, int]]:
    """(code, line, column) of every diagnostic about the unit's file that the mistake caused."""
    known = Counter(already_there(code))
    found = []
    for d in check(project, code).diagnostics:
        if Path(d.loc.file).name != f"{code}.yaml":
            continue
        if known[(d.code, _same_anywhere(d.message))]:
            known[(d.code, _same_anywhere(d.message))] -= 1
            continue
        found.append((d.code, d.loc.line, d.loc.col))
    return found


def place(text: str, needle: str) -> tuple[int, int]:
    """1-based (line, column) of the first `needle` in `text`."""
    offset = text.index(needle)
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1
