"""Name the line a filler must edit when a YAML file cannot be parsed, and the mistake in
their words (全角冒号, 全角空格, a quote that never closes…).

yaml_lines.py lists the suspect lines up to where PyYAML stopped; each suspect comes with the
line as it would read repaired. A suspect whose repair lets the parser get past the place it
stopped is certainly the mistake. When none is certain, the nearest suspect is named first and
the parser's line is added as “也可能在第 N 行”.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from reportgen.errors import Diagnostic, Loc
from reportgen.messages import diag
from reportgen.read.yaml_lines import (Line, fullwidth_key, is_odd_space, nospace_key, quote_end, read_line, read_lines,
                                       space_name, spaced_key, strip_comment)

_ODD_LEAD = re.compile("^[ \t]*[\u3000\u00a0\ufeff\u200b\u2000-\u200a\u202f\u205f]", re.M)
MAX_TRIES = 6  # re-parses per file; each costs a few milliseconds on a unit file
MAX_TEXT_FOR_TRIES = 300_000  # characters; a larger file gets the nearest suspect without trying


@dataclass
class Suspect:
    code: str
    line: int
    col: int
    fields: dict = field(default_factory=dict)
    repaired: str | None = None  # the line's text with the mistake fixed
    certain: bool = False  # never legal YAML, whatever the parser says


@dataclass
class _Level:
    col: int
    kind: str  # "map" or "seq"
    line: int


def parser_line(exc: yaml.MarkedYAMLError) -> int:
    """1-based line PyYAML blames: where a key or quoted text began, else where it stopped."""
    context = exc.context or ""
    if exc.context_mark is not None and ("simple key" in context or "quoted scalar" in context):
        return exc.context_mark.line + 1
    mark = exc.problem_mark or exc.context_mark
    return mark.line + 1 if mark is not None else 1


def _odd_indentation(line: Line) -> tuple[Suspect | None, Line]:
    """Full-width spaces or tabs in the indentation: the suspect, and the line re-read with spaces."""
    for col, ch in enumerate(line.lead):
        if is_odd_space(ch):
            fixed = "".join("  " if is_odd_space(c) else c for c in line.lead) + line.text[len(line.lead):]
            return Suspect("E115", line.number, col + 1, {"name": space_name(ch), "char": f"U+{ord(ch):04X}"},
                           fixed, certain=True), read_line(line.number, fixed)
        if ch == "\t":
            fixed = line.lead.replace("\t", "  ") + line.text[len(line.lead):]
            return Suspect("E102", line.number, 1, {}, fixed, certain=True), read_line(line.number, fixed)
    return None, line


def _quote_problem(line: Line) -> Suspect | None:
    """A value that opens a quote and never closes it, or goes on after closing it."""
    start = line.value_col
    if line.text[start: start + 1] not in ("'", '"'):
        return None
    quote = line.text[start]
    end = quote_end(line.text, start)
    if end is None:
        return Suspect("E119", line.number, start + 1, {"quote": "“" + quote + "”"}, line.text.rstrip() + quote)
    rest = line.text[end + 1:].strip()
    if rest and not rest.startswith("#") and not rest.startswith(":"):
        inner = line.text[start + 1: end]
        fixed = line.text[:start] + inner + line.text[end + 1:]
        return Suspect("E120", line.number, end + 2, {"rest": rest[:20]}, fixed)
    return None


# keys whose value may be a YAML list or mapping written in brackets: 关联任务: [4, 6],
# an indicator's {值: 96.8, 说明: …}; any other value starting with “[” or “{” is a text
_FLOW_KEYS = {"关联任务", "牵头单位", "配合单位", "责任单位", "别名", "目标", "基期", "指标", "检查", "领域标题", "选用事项"}


def _bracket_problem(line: Line, owner: str | None = None) -> Suspect | None:
    """A value that opens “[” or “{” and does not close it on its line; for a text, the
    hint to quote it (E125), also when the bracket closes and the text goes on. `owner` is
    the key a list item “- [一是]……” belongs to (存在问题): its item is a text too."""
    opening = line.value[:1]
    if not opening or opening not in "[{":
        return None
    closing = "]" if opening == "[" else "}"
    key = line.key if line.key is not None else (owner if line.dashes else None)
    text_key = key is not None and key not in _FLOW_KEYS and not _FLOW_VALUE.fullmatch(line.value)
    if text_key and (line.value.count(opening) > line.value.count(closing) or not line.value.endswith(closing)):
        fixed = line.text[:line.value_col] + quoted(line.value)
        shown = (line.key + ": " if line.key is not None else "- ") + quoted(line.value)
        return Suspect("E125", line.number, line.value_col + 1,
                       {"key": key, "opening": opening, "what": "列表" if opening == "[" else "“键: 值”的一组",
                        "fix": shown if len(shown) <= 40 else shown[:40] + "……"}, fixed)
    if line.value.count(opening) <= line.value.count(closing):
        return None
    name = "方括号" if opening == "[" else "花括号"
    return Suspect("E101", line.number, line.value_col + 1,
                   {"detail": f"这一行的{name}“{opening}”没有配对的“{closing}”"}, line.text.rstrip() + closing)


# an indicator's value in braces, or a list of numbers: legal where a key takes them
_FLOW_VALUE = re.compile(r"\{\s*值\s*:.*\}|\[[\d\s,，、]*\]")


def quoted(text: str) -> str:
    """`text` as a YAML quoted scalar that reads back as the same words."""
    if '"' not in text and "\\" not in text:
        return f'"{text}"'
    return "'" + text.replace("'", "''") + "'"


def _missing_colon(line: Line) -> Suspect:
    wide = fullwidth_key(line.content)
    prefix = line.text[: line.content_col]
    tight = nospace_key(line.content)
    if tight and not wide:
        return no_space_after_colon(line.number, prefix, tight.group("key"), tight.group("value"))
    if wide:
        key, value = wide.group("key"), wide.group("value").strip()
        fix = f"{key}: {value}".rstrip()
        return Suspect("E117", line.number, line.content_col + len(key) + 1, {"key": key, "fix": fix}, prefix + fix)
    spaced = spaced_key(line.content)
    if spaced:
        key, value = spaced.group("key"), spaced.group("value").strip()
    else:
        key, value = line.content.strip(), ""
    fix = f"{key}: {value}".rstrip() if value else f"{key}:"
    return Suspect("E118", line.number, line.content_col + len(key) + 1,
                   {"key": key[:20], "fix": fix if len(fix) <= 40 else fix[:40] + "……"}, prefix + fix)


def no_space_after_colon(number: int, prefix: str, key: str, value: str) -> Suspect:
    """E124 “年度:2023”: one space after the colon; the message shows the corrected line."""
    fixed = f"{key}: {value.strip()}"
    shown = (prefix.strip() + " " + fixed).strip()
    return Suspect("E124", number, len(prefix) + len(key) + 1,
                   {"key": key, "fix": shown if len(shown) <= 40 else shown[:40] + "……"}, prefix + fixed)


def _reindent(line: Line, expected: int, ref: int) -> Suspect:
    fixed = " " * expected + line.text[line.indent:]
    return Suspect("E121", line.number, line.indent + 1, {"expected": expected + 1, "ref": ref}, fixed)


class _Reader:
    """Follow the block structure the lines promise; collect every line that breaks it."""

    def __init__(self, lines: list[Line]) -> None:
        self.lines = lines
        self.inside_until = 0  # a quoted text or brackets over several lines end on this line
        self.stack = [_Level(0, "map", 0)]
        self.opener: Line | None = None  # “key:” or “-” with nothing after it
        self.scalar_col: int | None = None  # inside a “|” or “>” text: lines deeper than this
        self.previous: Line | None = None
        self.found: list[Suspect] = []

    def skip(self, line: Line) -> bool:
        if not line.text.strip() or line.number <= self.inside_until:
            return True
        if line.text.startswith(("---", "...")):
            return True  # a document marker: the parser's own message says what is wrong
        if self.scalar_col is not None:
            if line.indent > self.scalar_col:
                return True
            self.scalar_col = None
        return line.text.lstrip(" ").startswith("#")

    def read(self, line: Line) -> None:
        if self.skip(line):
            return
        odd, line = _odd_indentation(line)
        if odd:
            self.found.append(odd)
        if self.stack[0].line == 0 and line.indent == 0:
            self.stack[0].line = line.number  # the top-level keys align with the first one
        quote = _quote_problem(line)
        if quote and not (quote.code == "E119" and self._quoted_lines(line)):
            self.found.append(quote)
        bracket = _bracket_problem(line, self._owner_key(line) if line.key is None and line.dashes else None)
        if bracket and not self._flow_lines(line):
            self.found.append(bracket)
        if self._place(line):
            self._open(line)
        self.previous = line

    def _owner_key(self, item: Line) -> str | None:
        """The key of the list a “- ……” line is an item of: the nearest line above it that is
        less indented and has a key."""
        for above in reversed(self.lines[: item.number - 1]):
            if above.key is not None and above.text.strip() and above.indent < item.dashes[0]:
                return above.key
        return None

    def _quoted_lines(self, line: Line) -> bool:
        """True for a quoted text that goes on over the next lines and closes cleanly (legal
        YAML); the lines inside are then skipped. False when the quote swallows keys."""
        quote = line.text[line.value_col]
        rest = line.text[line.value_col:]
        for following in self.lines[line.number:]:
            rest += "\n" + following.text
            end = quote_end(rest, 0)
            if end is not None:
                after = strip_comment(following.text[len(following.text) - (len(rest) - end - 1):]).strip()
                self.inside_until = following.number
                return not after
            if quote in following.text or following.key is not None and following.indent <= line.indent:
                return False
        return False

    def _flow_lines(self, line: Line) -> bool:
        """True for “[ … ]” or “{ … }” that closes on a later line before the next key (legal
        YAML); the lines inside are then skipped."""
        opening = line.value[0]
        closing = "]" if opening == "[" else "}"
        depth = line.value.count(opening) - line.value.count(closing)
        if depth <= 0:
            return False  # closed on its own line: “[一是]地方立法……” is a text going on
        for following in self.lines[line.number:]:
            if following.key is not None and following.indent <= line.indent:
                return False
            depth += following.text.count(opening) - following.text.count(closing)
            if depth <= 0:
                self.inside_until = following.number
                return True
        return False

    def _place(self, line: Line) -> bool:
        """Fit the line into the structure; False for a continuation line of a text."""
        n = line.indent
        if self.opener is not None:
            parent = self.opener.content_col if self.opener.key is not None else self.opener.dashes[-1]
            self.opener = None
            if n > parent or (line.dashes and n == parent and self.stack[-1].kind == "map"):
                self.stack.append(_Level(n, "seq" if line.dashes else "map", line.number))
                if line.key is None and nospace_key(line.content):  # 指标:\n  审查率:100
                    self.found.append(_missing_colon(line))
                return True
        top = self.stack[-1]
        if n > top.col:
            if line.key is None and not line.dashes:
                return False  # a text going on from the line above
            prev = self.previous
            if prev is not None and prev.dashes and prev.key is None and n == prev.content_col \
                    and (fullwidth_key(prev.content) or nospace_key(prev.content)):
                self.found.append(_missing_colon(prev))  # “- 标题：……” then its sibling key
            else:
                self.found.append(_reindent(line, top.col, top.line))
            return True
        popped = []
        while len(self.stack) > 1 and (self.stack[-1].col > n or (
                self.stack[-1].col == n and self.stack[-1].kind == "seq" and not line.dashes)):
            popped.append(self.stack.pop())
        top = self.stack[-1]
        deeper = [level for level in popped if level.col > n and level.kind == ("seq" if line.dashes else "map")]
        if top.col != n:
            # align with the nearest block of the same kind that the line left
            sibling = min(deeper, key=lambda level: level.col) if deeper else (popped[-1] if popped else top)
            self.found.append(_reindent(line, sibling.col, sibling.line))
        elif top.kind == "map" and line.key is None and not line.dashes:
            self.found.append(_missing_colon(line))
        return True

    def _open(self, line: Line) -> None:
        for col in line.dashes[1:]:
            self.stack.append(_Level(col, "seq", line.number))
        if line.dashes and line.key is not None:
            self.stack.append(_Level(line.content_col, "map", line.number))
        if line.opens_block:
            self.opener = line
        elif line.block_scalar:
            self.scalar_col = line.content_col


def suspects(text: str, last: int) -> list[Suspect]:
    """Lines up to `last` that break the structure, in order."""
    lines = read_lines(text)
    reader = _Reader(lines)
    for line in lines:
        if line.number > last:
            break
        reader.read(line)
    return reader.found


def _parses_past(text: str, line: int) -> bool:
    try:
        for _ in yaml.parse(text, Loader=yaml.SafeLoader):
            pass
    except yaml.MarkedYAMLError as exc:
        return parser_line(exc) > line and (exc.problem_mark is None or exc.problem_mark.line + 1 > line)
    except yaml.YAMLError:
        return False
    return True


def _repaired_text(text: str, suspect: Suspect) -> str:
    lines = text.split("\n")
    lines[suspect.line - 1] = suspect.repaired
    return "\n".join(lines)


def likely_mistake(text: str, exc: yaml.MarkedYAMLError) -> tuple[Suspect, int | None] | None:
    """The suspect to name, and the parser's line when it differs and the suspect is not certain."""
    blamed = parser_line(exc)
    found = suspects(text, blamed)
    tries = 0
    for suspect in found:
        if suspect.certain:
            return suspect, None
        if suspect.repaired is not None and tries < MAX_TRIES and len(text) <= MAX_TEXT_FOR_TRIES:
            tries += 1
            if _parses_past(_repaired_text(text, suspect), blamed):
                return suspect, None
    if not found:
        return None
    nearest = found[-1]
    return nearest, (blamed if nearest.line != blamed else None)


def diagnose(text: str, exc: yaml.MarkedYAMLError, display: str) -> Diagnostic | None:
    """A specific diagnostic for a YAML syntax error, or None to fall back to E101."""
    found = likely_mistake(text, exc)
    if found is None or found[1] is not None:
        # no suspect is certain: the parser's own words, when they name the mistake, come first
        specific = _from_parser(text, exc, display)
        if specific is not None or found is None:
            return specific
    suspect, also = found
    result = diag(suspect.code, Loc(display, suspect.line, suspect.col), **suspect.fields)
    if also is not None:
        result = also_at(result, also)
    return result


def also_at(found: Diagnostic, line: int) -> Diagnostic:
    return Diagnostic(found.code, found.severity, found.loc, f"{found.message}（也可能在第 {line} 行）")


def _from_parser(text: str, exc: yaml.MarkedYAMLError, display: str) -> Diagnostic | None:
    """Mistakes the parser's own words identify: a tab inside a text, “: ” inside a text."""
    mark = exc.problem_mark
    if mark is None:
        return None
    problem = exc.problem or ""
    line_text = text.split("\n")[mark.line] if mark.line < text.count("\n") + 1 else ""
    lead = line_text[: len(line_text) - len(line_text.lstrip(" \t"))]
    if "'\\t'" in problem and "\t" not in lead:
        return diag("E116", Loc(display, mark.line + 1, mark.column + 1), col=mark.column + 1)
    if "mapping values are not allowed" in problem:
        line = read_line(mark.line + 1, line_text)
        if line.key is not None and line.value_col <= mark.column:
            return diag("E122", Loc(display, mark.line + 1, mark.column + 1))
    return None


def odd_indentation(text: str, display: str) -> Diagnostic | None:
    """E115 for a key or list item indented with full-width spaces, also when YAML took the
    spaces for part of a key (“　　领域: 决策” can parse as the key “　　领域”)."""
    if not _ODD_LEAD.search(text):
        return None  # the usual case, without reading every line
    for line in read_lines(text):
        suspect, fixed = _odd_indentation(line)
        if suspect is not None and suspect.code == "E115" and (fixed.key is not None or fixed.dashes):
            return diag("E115", Loc(display, suspect.line, suspect.col), **suspect.fields)
    return None
