"""E126: characters no font of the PDF can draw, found by `check` and by `build` before any
page is set, at the text's own line and column (#18).

The PDF writer (render/pdf/faces.py) would stop at such a character with the place of the
item; finding it here gives every one of them at once, at the character itself, with the
code the build uses too. Each text is checked in the font role it is printed in
(report.css): titles in 标题, group titles in 二级标题, lead sentences in bold, the rest in
正文, each with its spare faces (render/pdf/fonts.FontSet.face_for).
"""

from __future__ import annotations

from pathlib import Path

from reportgen.errors import Diagnostic
from reportgen.read.loader import Loaded
from reportgen.messages import diag
from reportgen.read.project import PLAN_FILE

# keys whose values are never printed: codes, settings, references
_NOT_PRINTED = {"领域", "代码", "合并方式", "检查", "年度", "关联任务", "事项引用"}


def _role(path: tuple) -> str:
    if path == ("标题",):
        return "title"
    if path[0] == "领域标题" or (path[0] == "主要做法和成效" and len(path) == 3 and path[-1] == "标题"):
        return "heading2"
    if path[-1] == "标题":
        return "bold"
    return "body"


def _printed_texts(value, path=()):
    """(path, text) of every text of a file that reaches a report."""
    if isinstance(value, dict):
        for key, child in value.items():
            if key in _NOT_PRINTED or (path == () and key == "选用事项"):
                if key == "选用事项" and isinstance(child, dict):  # only 改写 is printed
                    for area, entries in child.items():
                        for i, entry in enumerate(entries if isinstance(entries, list) else ()):
                            if isinstance(entry, dict) and isinstance(entry.get("改写"), str):
                                yield (key, area, i, "改写"), entry["改写"]
                continue
            yield from _printed_texts(child, path + (key,))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield from _printed_texts(child, path + (i,))
    elif isinstance(value, str) and path:
        yield path, value


def unprintable(loaded: Loaded, fonts) -> list[Diagnostic]:
    """E126 for each character of the file's printed texts that `fonts` cannot draw, once
    per character and text."""
    found = []
    for path, text in _printed_texts(loaded.data):
        role = _role(path)
        seen = set()
        for offset, ch in enumerate(text):
            if ch in seen or ch.isspace() or ch.isascii() and ch.isprintable():
                continue
            seen.add(ch)
            if fonts.face_for(role, ch) is None:
                found.append(diag("E126", loaded.char_loc(path, offset), char=ch, code=f"U+{ord(ch):04X}"))
    return found


def check_printable(result, fonts, files: set[str] | None = None) -> bool:
    """Add E126 for the report files of a check made with keep_sources (only `files`, as
    diagnostics name them, when given); True when none was found."""
    found = []
    for display, loaded in result.sources.items():
        if Path(display).name != PLAN_FILE and (files is None or display in files) and isinstance(loaded.data, dict):
            found += unprintable(loaded, fonts)
    return result.add(found)
