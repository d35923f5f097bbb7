"""The texts of a report file as content rules see them: each paragraph or item with its
key path, so that a finding points at the line (and, for one-line values, the column).

Read from the loaded file rather than the model, because last year's files are read
leniently (they may carry only indicators, or text that no longer fits the schema) and
because the model keeps one place per item while 标题 and 内容 stand on different lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reportgen.errors import Loc
from reportgen.read.loader import Loaded
from reportgen.read.placeholders import is_placeholder

# Parts of a report whose values are one paragraph or a list of paragraphs.
PARAGRAPH_KEYS = ("导语", "第一责任人履职情况", "其他需要报告的情况")
ENTRY_KEYS = ("存在问题", "下一步计划")

HAN = "\u3400-\u4dbf\u4e00-\u9fff"
_SENTENCE_END = re.compile(r"(?<=[。！？；])")


@dataclass(frozen=True)
class Passage:
    """One paragraph, item or entry of a report, as written."""

    part: str  # 导语, 事项, 存在问题, 下一步计划 …
    path: tuple  # key path of the text in its file
    text: str
    loc: Loc
    source: str  # the file as diagnostics name it


def _text_at(loaded: Loaded, path: tuple, value, part: str) -> list[Passage]:
    if isinstance(value, str) and value.strip() and not is_placeholder(value):
        return [Passage(part, path, value, loaded.loc(path), loaded.display)]
    return []


def _entries(loaded: Loaded, key: str, value) -> list[Passage]:
    """A list whose entries are text or {标题, 内容, …}; only 内容 is the entry's text."""
    found = []
    for i, entry in enumerate(value if isinstance(value, list) else ()):
        if isinstance(entry, dict):
            found += _text_at(loaded, (key, i, "内容"), entry.get("内容"), key)
        else:
            found += _text_at(loaded, (key, i), entry, key)
    return found


def passages(loaded: Loaded) -> list[Passage]:
    """Every paragraph and item of a unit file or _report.yaml, in file order of parts."""
    data = loaded.data if isinstance(loaded.data, dict) else {}
    found: list[Passage] = []
    for key in PARAGRAPH_KEYS:
        value = data.get(key)
        if isinstance(value, list):
            for i, text in enumerate(value):
                found += _text_at(loaded, (key, i), text, key)
        else:
            found += _text_at(loaded, (key,), value, key)
    groups = data.get("主要做法和成效")
    for gi, group in enumerate(groups if isinstance(groups, list) else ()):
        items = group.get("事项") if isinstance(group, dict) else None
        for ii, item in enumerate(items if isinstance(items, list) else ()):
            path = ("主要做法和成效", gi, "事项", ii)
            if isinstance(item, dict):
                found += _text_at(loaded, path + ("内容",), item.get("内容"), "事项")
            else:
                found += _text_at(loaded, path, item, "事项")
    for key in ENTRY_KEYS:
        found += _entries(loaded, key, data.get(key))
    return found


def text_loc(loaded: Loaded, passage: Passage, offset: int) -> Loc:
    """Where character `offset` of a passage stands (exact on one-line values)."""
    return loaded.char_loc(passage.path, offset)


def sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) for each sentence ending in 。！？； (and the unfinished rest)."""
    found, start = [], 0
    for part in _SENTENCE_END.split(text):
        if part.strip():
            found.append((start, part))
        start += len(part)
    return found


def excerpt(text: str, start: int, end: int, replacement: str | None = None, margin: int = 4) -> str:
    """A few characters around text[start:end], with that span replaced when a fix is given."""
    left = max(0, start - margin)
    right = min(len(text), end + margin)
    middle = text[start:end] if replacement is None else replacement
    return text[left:start] + middle + text[end:right]
