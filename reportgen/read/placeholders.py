"""Placeholder texts that `init` and `new-year` write where a required text cannot be known yet.

A fresh `_report.yaml` must pass `check` (so that units can check their own files from the
first day) yet say plainly what is still to be written. Each such text is a valid value
that begins with “（待填写”, carries its own hint, and draws warning W350 until replaced.
"""

from __future__ import annotations

from reportgen.strings import strings
from reportgen.errors import Diagnostic
from reportgen.read.loader import Loaded
from reportgen.messages import diag
from reportgen.read.validate import key_label

MARK = "（待填写"


def placeholder(hint: str) -> str:
    """The text to write for a key still to be filled: “（待填写：hint）”."""
    return f"{MARK}：{hint}）"


def is_placeholder(value) -> bool:
    """A text still as `init` or `new-year` wrote it: W350 says so, and no other rule judges it."""
    return isinstance(value, str) and value.strip().startswith(MARK)


def unfilled(loaded: Loaded) -> list[Diagnostic]:
    """W350 for every text of the file that is still a placeholder."""
    return [diag("W350", loaded.loc(path), key=key_label(path), text=value.strip())
            for path, value in strings(loaded.data) if is_placeholder(value)]
