"""Read a YAML file line by line, as a filler sees it: indentation, list dashes, key, value.

PyYAML stops where its grammar breaks, which is often a line or two after the one the filler
got wrong (a key without a colon is noticed on the next line; an unclosed quote at the next
quote). This reader follows the block structure the lines promise and lists every line that
breaks it, so yaml_mistakes.py can try each suspect against the parser.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

# Characters that look like a space in an editor but are not YAML indentation.
SPACE_NAMES = {
    "\u3000": "全角空格",
    "\u00a0": "不换行空格",
    "\ufeff": "零宽不换行空格",
    "\u200b": "零宽空格",
}

_FULLWIDTH_KEY = re.compile(r"^(?P<key>[^\s：:#\"'\[\]{}，。]{1,20})：(?P<value>.*)$")
_NOSPACE_KEY = re.compile(r"^(?P<key>[^\s：:#\"'\[\]{}，。/]{1,20}):(?P<value>[^\s/].*)$")
_SPACED_KEY = re.compile(r"^(?P<key>[^\s：:#\"'\[\]{}，。]{1,20})[ \u3000]+(?P<value>\S.*)$")


def space_name(ch: str) -> str:
    return SPACE_NAMES.get(ch, "特殊空格")


def is_odd_space(ch: str) -> bool:
    """A character an editor shows as blank that YAML does not take for indentation."""
    return ch in SPACE_NAMES or (unicodedata.category(ch) == "Zs" and ch != " ")


@dataclass
class Line:
    number: int  # 1-based
    text: str
    indent: int  # leading ASCII spaces
    lead: str  # the whole blank-looking run at the start (spaces, tabs, full-width spaces…)
    dashes: list[int] = field(default_factory=list)  # 0-based columns of “- ”
    content_col: int = 0  # 0-based column after the dashes
    content: str = ""  # after indentation and dashes, without a trailing comment
    key: str | None = None
    value: str = ""  # after “key:”, stripped
    value_col: int = 0  # 0-based column of the value

    @property
    def blank(self) -> bool:
        return not self.text.strip() or self.text.strip().startswith("#")

    @property
    def opens_block(self) -> bool:
        """“key:” with nothing after it, or a lone “-”: the next lines may nest deeper."""
        return (self.key is not None and self.value == "") or (bool(self.dashes) and self.content == "")

    @property
    def block_scalar(self) -> bool:
        return self.key is not None and re.fullmatch(r"[|>][+-]?\d?", self.value or "") is not None


def strip_comment(text: str) -> str:
    """Text before a “ #” comment, ignoring “#” inside quotes."""
    quote = None
    for i, ch in enumerate(text):
        if quote:
            if ch == quote:
                quote = None
        elif ch in "\"'" and (i == 0 or text[i - 1] in " :[{,-"):
            quote = ch
        elif ch == "#" and (i == 0 or text[i - 1] in " \t"):
            return text[:i].rstrip()
    return text.rstrip()


def _split_key(content: str) -> tuple[str | None, str, int]:
    """(key, value, offset of value) of “key: value”, or (None, content, 0)."""
    if not content:
        return None, content, 0
    if content[0] in "\"'":
        end = quote_end(content, 0)
        if end is not None:
            rest = content[end + 1:]
            match = re.match(r"\s*:(\s+|$)", rest)
            if match:
                return content[: end + 1], rest[match.end():].strip(), end + 1 + match.end()
        return None, content, 0
    if content[0] in "[{":
        return None, content, 0
    match = re.search(r":(\s+|$)", content)
    if not match or match.start() == 0:
        return None, content, 0
    return content[: match.start()].strip(), content[match.end():].strip(), match.end()


def quote_end(text: str, start: int) -> int | None:
    """Index of the quote closing the one at `start`, or None when it does not close."""
    quote = text[start]
    i = start + 1
    while i < len(text):
        ch = text[i]
        if quote == '"' and ch == "\\":
            i += 2
            continue
        if ch == quote:
            if quote == "'" and text[i + 1: i + 2] == "'":
                i += 2
                continue
            return i
        i += 1
    return None


def read_line(number: int, text: str) -> Line:
    lead_len = len(text) - len(text.lstrip(" \t" + "".join(SPACE_NAMES) + "\u2000\u2001\u2002\u2003\u2004\u2005"
                                          "\u2006\u2007\u2008\u2009\u200a\u202f\u205f"))
    indent = len(text) - len(text.lstrip(" "))
    line = Line(number, text, indent, text[:lead_len])
    col, rest = lead_len, text[lead_len:]
    while rest == "-" or rest.startswith("- "):
        line.dashes.append(col)
        step = 1 + (len(rest[1:]) - len(rest[1:].lstrip(" ")))
        col, rest = col + step, rest[step:]
    line.content_col = col
    line.content = strip_comment(rest)
    key, value, offset = _split_key(line.content)
    if key is not None:
        line.key, line.value, line.value_col = key, value, col + offset
    else:
        line.value, line.value_col = line.content, col
    return line


def read_lines(text: str) -> list[Line]:
    return [read_line(i, t) for i, t in enumerate(text.split("\n"), 1)]


def fullwidth_key(content: str) -> re.Match | None:
    """“年度：2023”: a key followed by a full-width colon."""
    return _FULLWIDTH_KEY.match(content)


def nospace_key(content: str) -> re.Match | None:
    """“年度:2023”: a key whose colon has no space after it, so YAML reads one text."""
    return _NOSPACE_KEY.match(content)


def spaced_key(content: str) -> re.Match | None:
    """“年度 2023”: a key followed by a space instead of a colon."""
    return _SPACED_KEY.match(content)
