"""Warnings for text that YAML silently lost or distorted, and for numbering the report would double.

A file can be valid YAML and still not say what the filler wrote: “ #” turns the rest of a
line into a comment, a line starting with “- ” inside a text is folded into it, an unpaired
“ or （ is easy to miss, and a title that carries “（一）” or “1.” gets a second number from
reportgen. Each warning stands at the place in the file.
"""

from __future__ import annotations

import re

from reportgen.errors import Diagnostic, Loc
from reportgen.read.loader import Loaded
from reportgen.read.messages import diag

# Values that are codes, not sentences: a comment after them is the filler's note.
_CODE_KEYS = {"领域", "代码", "类型", "方向", "汇总", "单位"}
_COMMENT = re.compile(r"^\s+#(?P<lost>.*)$")
PAIRS = (("“", "”", "双引号"), ("‘", "’", "单引号"), ("《", "》", "书名号"), ("（", "）", "括号"))

# 一、 （一） (1) 1. 1、 一是 第一，: numbers a title may carry; the report adds its own.
_NUMBERING = re.compile(
    r"^\s*(?:[（(][一二三四五六七八九十百零〇\d]{1,4}[）)]"
    r"|[一二三四五六七八九十百]{1,4}[、.．]"
    r"|\d{1,3}[.．、](?!\d)"
    r"|[一二三四五六七八九十]{1,3}是(?=[^\s，,、])"
    r"|[一二三四五六七八九十]{1,3}是[，,、]"
    r"|第[一二三四五六七八九十\d]{1,3}[，,、])\s*"
)


def numbering_of(title: str) -> str | None:
    """The numbering a title starts with, or None."""
    match = _NUMBERING.match(title)
    if match is None or match.end() >= len(title.rstrip()):
        return None  # a title that is only a number is left alone
    return match.group().strip()


def strip_numbering(title: str) -> str:
    """The title without a leading number of its own (the report numbers it)."""
    match = _NUMBERING.match(title)
    if match is None or match.end() >= len(title.rstrip()):
        return title
    return title[match.end():]


def text_values(value, path: tuple = ()):
    """(path, text) of every string in a loaded YAML value, in file order."""
    if isinstance(value, dict):
        for key, child in value.items():
            yield from text_values(child, path + (key,))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield from text_values(child, path + (i,))
    elif isinstance(value, str):
        yield path, value


def comments_in_values(loaded: Loaded) -> list[Diagnostic]:
    """W310: “ #” after an unquoted text: the rest of the line became a comment."""
    found = []
    for path, (_, last, end_col) in loaded.plain.items():
        if not path or path[-1] in _CODE_KEYS or last >= len(loaded.lines):
            continue
        match = _COMMENT.match(loaded.lines[last][end_col:])
        if match and match.group("lost").strip():
            col = end_col + match.group().index("#") + 1
            lost = match.group("lost").strip()
            lost = lost if len(lost) <= 20 else lost[:20] + "……"
            found.append(diag("W310", Loc(loaded.display, last + 1, col), lost=lost))
    return found


def dash_lines_in_values(loaded: Loaded) -> list[Diagnostic]:
    """W311: a line starting with “- ” that YAML folded into the text above it."""
    found = []
    for first, last, _ in loaded.plain.values():
        for number in range(first + 1, min(last, len(loaded.lines) - 1) + 1):
            text = loaded.lines[number]
            stripped = text.lstrip(" ")
            if stripped.startswith("- "):
                found.append(diag("W311", Loc(loaded.display, number + 1, len(text) - len(stripped) + 1)))
    return found


def comment_note(loaded: Loaded, path: tuple) -> str:
    """For an empty value: the words after “#” on its line were taken for a comment."""
    loc = loaded.key_locs.get(tuple(path))
    if loc is None or loc.line > len(loaded.lines):
        return ""
    match = re.search(r"\s#(?P<comment>.*)$", loaded.lines[loc.line - 1][loc.col - 1:])
    if match is None or not match.group("comment").strip():
        return ""
    comment = match.group("comment").strip()
    comment = comment if len(comment) <= 20 else "……" + comment[-20:]
    return (f"（这一行“#”后面的“{comment}”是注释，不算填写：值要写在冒号后面、“#”前面，"
            "如“名称: 100  # 说明”）")


def title_paths(data: dict):
    """Paths of the texts the report numbers: (一) group titles, 1. item titles (or the item's
    text when it has no title), 存在问题/下一步计划 titles, 领域标题."""
    for gi, group in enumerate(data.get("主要做法和成效") or ()):
        if not isinstance(group, dict):
            continue
        yield ("主要做法和成效", gi, "标题")
        items = group.get("事项")
        for ii, item in enumerate(items if isinstance(items, list) else ()):
            base = ("主要做法和成效", gi, "事项", ii)
            if isinstance(item, str):
                yield base
            elif isinstance(item, dict):
                yield base + (("标题",) if item.get("标题") else ("内容",))
    for key in ("存在问题", "下一步计划"):
        entries = data.get(key)
        for i, entry in enumerate(entries if isinstance(entries, list) else ()):
            if isinstance(entry, dict):
                yield (key, i, "标题")
    titles = data.get("领域标题")
    for area in titles if isinstance(titles, dict) else ():
        yield ("领域标题", area)


def _value(data, path):
    for step in path:
        try:
            data = data[step]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def numbered_titles(loaded: Loaded) -> list[Diagnostic]:
    """W313: a title that carries its own numbering (the model strips it)."""
    found = []
    for path in title_paths(loaded.data):
        title = _value(loaded.data, path)
        number = numbering_of(title) if isinstance(title, str) else None
        if number:
            shown = title.strip()
            found.append(diag("W313", loaded.char_loc(path, title.index(number)), number=number,
                              title=shown if len(shown) <= 16 else shown[:16] + "……"))
    return found


def text_warnings(loaded: Loaded) -> list[Diagnostic]:
    """Every warning of this module for one parsed file."""
    if not isinstance(loaded.data, dict):
        return []
    return comments_in_values(loaded) + dash_lines_in_values(loaded) + numbered_titles(loaded)
