"""W440: a character the GB 2312 fonts lack, when _report.yaml names them (`字体: GB2312`).

仿宋_GB2312 and 楷体_GB2312 hold GB 2312's 6,763 characters and its symbols, nothing else:
a 镕 or 喆 in the DOCX shows as a box, or in another face, on a machine that has them
(render/docx/fonts.py). Python's gb2312 codec tells membership, with two exceptions: GB 2312
A1AA and A1A4 are the — and · that Windows (code page 936) and its fonts map them to, where
the codec maps them to ― and ・.
"""

from __future__ import annotations

from reportgen.errors import Diagnostic, Loc
from reportgen.read.loader import Loaded
from reportgen.messages import diag
from reportgen.strings import strings

WINDOWS_GB2312 = frozenset("—·")


def in_gb2312(ch: str) -> bool:
    if ch in WINDOWS_GB2312:
        return True
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def _where(loaded: Loaded, path: tuple, text: str, offset: int) -> Loc:
    """The line and column of text[offset]: exact for a one-line value (Loaded.char_loc);
    in a block of several lines, the same occurrence of the character counted from where
    the value starts in the file as written."""
    if "\n" not in text.strip():
        return loaded.char_loc(path, offset)
    base = loaded.loc(path)
    ch = text[offset]
    wanted = text.count(ch, 0, offset)
    for number in range(max(base.line, 1), len(loaded.lines) + 1):
        line = loaded.lines[number - 1]
        start = base.col - 1 if number == base.line and base.col else 0
        for col in range(start, len(line)):
            if line[col] == ch:
                if wanted == 0:
                    return Loc(base.file, number, col + 1)
                wanted -= 1
    return base


def outside_gb2312(loaded: Loaded) -> list[Diagnostic]:
    """W440 for every character outside GB 2312, once per character and line."""
    found, seen = [], set()
    for path, text in strings(loaded.data):
        for offset, ch in enumerate(text):
            if ch.isspace() or in_gb2312(ch):
                continue
            loc = _where(loaded, path, text, offset)
            if (ch, loc.line) in seen:
                continue
            seen.add((ch, loc.line))
            found.append(diag("W440", loc, char=ch, code=f"U+{ord(ch):04X}"))
    return found
