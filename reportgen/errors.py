"""Diagnostics: where a problem is, how bad it is, and what to tell the user."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ERROR = "错误"
WARNING = "警告"
INFO = "提示"  # information: counted apart from warnings, fails only under --strict


@dataclass(frozen=True, order=True)
class Loc:
    """A place in a data file; line and column count from 1 as editors show them."""

    file: str
    line: int = 1  # a problem with the whole file is reported at its start
    col: int = 1

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"


@dataclass(frozen=True)
class Diagnostic:
    code: str
    severity: str
    loc: Loc
    message: str

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    @property
    def is_info(self) -> bool:
        return self.severity == INFO

    def format(self) -> str:
        return f"{self.loc}: {self.severity}: {self.message} [{self.code}]"


class ReportgenError(Exception):
    """A problem the user can fix; the CLI prints it in Chinese and exits 1."""


def display_path(path: Path) -> str:
    """Show a path relative to the working folder when it lies inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
