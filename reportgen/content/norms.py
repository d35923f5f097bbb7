"""Written-language norms: GB/T 15834-2011 标点符号用法 and GB/T 15835-2011 出版物上数字用法.

Each rule reports its first occurrence in each text value (as W306 does), so that one
pasted paragraph with a habit such as “...” gives one warning, not dozens. The hint shows
the corrected text where the fix is unambiguous.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator

from reportgen.strings import strings
from reportgen.errors import Diagnostic
from reportgen.read.loader import Loaded
from reportgen.messages import diag
from reportgen.read.texts import HAN, excerpt

PAIRS = (("“", "”"), ("‘", "’"), ("《", "》"), ("（", "）"))

# (code, pattern, fix of the matched text). A fix returns the corrected text.
_DASH = re.compile(rf"--+|－－+|(?<=[{HAN}])(?<!—)—(?!—)(?=[{HAN}])")
_ELLIPSIS = re.compile(r"\.{3,}|。{3,}|(?<!…)…(?!…)")
_REPEATED = re.compile(r"([，、；：])\1+|(?<!。)。。(?!。)")
_FULL_WIDTH = re.compile(r"[０-９Ａ-Ｚａ-ｚ]+")
_SPACE = re.compile(rf"(?<=[{HAN}])[ \u3000]+(?=[{HAN}])")
_RANGE = re.compile(r"(?<!\d)(\d{4})(年?)\s*[-~～－]\s*(\d{4})(?=年)")

RULES: tuple[tuple[str, re.Pattern, Callable[[re.Match], str]], ...] = (
    ("W432", _DASH, lambda m: "——"),
    ("W433", _ELLIPSIS, lambda m: "……"),
    ("W434", _REPEATED, lambda m: m.group()[0]),
    ("W435", _FULL_WIDTH, lambda m: unicodedata.normalize("NFKC", m.group())),
    ("W436", _SPACE, lambda m: ""),
    ("W437", _RANGE, lambda m: f"{m.group(1)}{m.group(2)}—{m.group(3)}"),
)

# Keys whose values are names or codes, not running text.
_NOT_TEXT = {"单位", "代码", "名称", "报告机关", "领域", "关联任务", "年度", "成文日期", "指标", "检查"}


def unpaired(text: str) -> Iterator[tuple[int, str, str]]:
    """(offset, mark, its partner) of each mark of PAIRS left without a partner."""
    for opening, closing in PAIRS:
        if opening not in text and closing not in text:
            continue
        open_at: list[int] = []
        for match in re.finditer(f"[{opening}{closing}]", text):
            i, char = match.start(), match.group()
            if char == opening:
                open_at.append(i)
            else:
                if open_at:
                    open_at.pop()
                else:
                    yield i, closing, opening
        for i in open_at[:1]:  # the first one left open
            yield i, opening, closing


def _unpaired_hint(mark: str, pair: str) -> str:
    if mark in "“‘《（":
        return f"请在引文、书名或注释结束处补上 {pair}，或删去多余的 {mark}"
    return f"请在引文、书名或注释开始处补上 {pair}，或删去多余的 {mark}"


def check_text(text: str) -> Iterator[tuple[str, int, dict]]:
    """(code, offset, message fields) of each norm the text breaks, first occurrence per rule."""
    first = next(iter(sorted(unpaired(text))), None)
    if first:
        offset, mark, pair = first
        yield "W431", offset, dict(mark=mark, pair=pair, hint=_unpaired_hint(mark, pair))
    for code, pattern, fix in RULES:
        match = pattern.search(text)
        if match:
            start, end = match.span()
            shown = match.group().replace("\u3000", "　")
            fields = dict(found=excerpt(text, start, end, margin=2) if code == "W436" else shown,
                          fixed=excerpt(text, start, end, fix(match)))
            yield code, start, fields


def check_norms(loaded: Loaded) -> list[Diagnostic]:
    """W431–W437 for every text of a unit file or _report.yaml."""
    found = []
    for path, text in strings(loaded.data, _NOT_TEXT):
        if path and path[-1] in ("领域", "代码"):
            continue
        if path and path[0] == "选用事项" and path[-1] != "改写":
            continue  # references to units' items, not text of the report (their own text is checked there)
        for code, offset, fields in check_text(text):
            found.append(diag(code, loaded.char_loc(path, offset), **fields))
    return found
