"""`check --format json`: one JSON object per problem, for editors and scripts.

Each object: code, severity (error/warning/info: 错误/警告/提示, as the text output says), file, line, column, message, hint (the “请……”
part of the Chinese text), path (the keys and list positions leading to the value, as in the
file) and place (the same, in the report's words).
"""

from __future__ import annotations

import json
import re

from reportgen.errors import Diagnostic
from reportgen.read.loader import Loaded
from reportgen.read.places import place

# The advice of a message begins after the first “。” that is followed by one of these.
_HINT_START = re.compile(r"。(?=请|建议|是否|可用|要|若|如需|此处不应)")


def split_message(message: str) -> tuple[str, str]:
    """(what is wrong, how to fix it)."""
    match = _HINT_START.search(message)
    if match is None:
        return message, ""
    return message[: match.start()], message[match.end():]


def line_paths(loaded: Loaded) -> dict[int, tuple]:
    """Line → the deepest key path written on it (a key, or a value that starts there)."""
    found: dict[int, tuple] = {}
    for table in (loaded.key_locs, loaded.value_locs):
        for path, loc in table.items():
            known = found.get(loc.line)
            if known is None or len(path) > len(known):
                found[loc.line] = path
    return found


class PathIndex:
    """Where each diagnostic's line stands in its file's data."""

    def __init__(self, sources: dict[str, Loaded]):
        self.sources = sources
        self.lines = {name: line_paths(loaded) for name, loaded in sources.items()}

    def path(self, found: Diagnostic) -> tuple:
        return self.lines.get(found.loc.file, {}).get(found.loc.line, ())

    def place(self, found: Diagnostic) -> str:
        loaded = self.sources.get(found.loc.file)
        path = self.path(found)
        return place(loaded.data, path) if loaded is not None and path else ""


def json_line(found: Diagnostic, index: PathIndex) -> str:
    message, hint = split_message(found.message)
    return json.dumps({
        "code": found.code,
        "severity": "error" if found.is_error else "info" if found.is_info else "warning",
        "file": found.loc.file,
        "line": found.loc.line,
        "column": found.loc.col,
        "message": message,
        "hint": hint,
        "path": list(index.path(found)),
        "place": index.place(found),
    }, ensure_ascii=False, default=str)


def json_lines(result) -> list[str]:
    """Every diagnostic of a CheckResult, in the order of the text format."""
    index = PathIndex(result.sources)
    order: dict[str, int] = {}
    for d in result.diagnostics:
        order.setdefault(d.loc.file, len(order))
    ranked = sorted(result.diagnostics, key=lambda d: (order[d.loc.file], d.loc.line, d.loc.col))
    return [json_line(d, index) for d in ranked]
