"""Turn a YAML file into plain data plus a table of where every key and value stands.

Only safe YAML is read: tags other than YAML's own, anchors and aliases are
refused, duplicate keys are reported (PyYAML would silently keep the last one),
and every problem becomes a Chinese diagnostic with file, line and column.
"""

from __future__ import annotations

import datetime as _dt
import errno
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from reportgen.errors import Diagnostic, Loc, display_path
from reportgen.messages import diag
from reportgen.read import yaml_mistakes
from reportgen.read.encodings import decode, mostly_utf8
from reportgen.read.parser_messages import parser_problem

MAX_BYTES = 5 * 1024 * 1024  # a unit file is tens of KB; anything this large is a mistake
MAX_DEPTH = 40  # real files nest five levels; deeper means broken indentation
# Keys, values and list entries in one file. The sample plan, the largest file, holds about
# 500; the cap keeps a hostile file from taking minutes (PyYAML is pure Python here).
MAX_NODES = 50_000

_SAFE_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"

Path_ = tuple  # a key path: ("主要做法和成效", 0, "事项", 1, "内容")


@dataclass
class Loaded:
    """One data file after loading: the data (None when unreadable) and its places."""

    path: Path
    display: str
    data: Any = None
    key_locs: dict[Path_, Loc] = field(default_factory=dict)
    value_locs: dict[Path_, Loc] = field(default_factory=dict)
    # single-line scalars: path → column shift from the value's start to its first character
    inline: dict[Path_, int] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)  # the text as written, for warnings that need it
    # plain (unquoted) scalars: path → (first line, last line), 0-based, for comment and “- ” checks
    plain: dict[Path_, tuple[int, int, int]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.data is not None

    def loc(self, path: Path_) -> Loc:
        """Where the value at `path` stands, or its nearest known ancestor."""
        path = tuple(path)
        while True:
            if path in self.value_locs:
                return self.value_locs[path]
            if path in self.key_locs:
                return self.key_locs[path]
            if not path:
                return Loc(self.display)
            path = path[:-1]

    def key_loc(self, path: Path_) -> Loc:
        path = tuple(path)
        return self.key_locs.get(path) or self.loc(path)

    def char_loc(self, path: Path_, offset: int) -> Loc:
        """Where character `offset` of a text value stands (exact for one-line values)."""
        base = self.loc(path)
        shift = self.inline.get(tuple(path))
        if shift is None:
            return base
        return Loc(base.file, base.line, base.col + shift + offset)


class _AliasUsed(Exception):
    def __init__(self, mark):
        self.mark = mark


class _Fatal(Exception):
    def __init__(self, diagnostic: Diagnostic):
        self.diagnostic = diagnostic


class _TooDeep(Exception):
    def __init__(self, mark):
        self.mark = mark


class _TooMany(Exception):
    def __init__(self, mark):
        self.mark = mark


class _Loader(yaml.SafeLoader):
    """SafeLoader that refuses aliases before they are expanded (no billion laughs),
    and stops at MAX_DEPTH levels and MAX_NODES values while composing (no deep recursion,
    no minutes spent on a file that is mostly one huge list)."""

    def __init__(self, stream):
        super().__init__(stream)
        self._depth = 0
        self._nodes = 0

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise _AliasUsed(event.start_mark)
        self._nodes += 1
        if self._nodes > MAX_NODES:
            raise _TooMany(event.start_mark)
        if self._depth >= MAX_DEPTH:
            raise _TooDeep(event.start_mark)
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _loc_of(display: str, mark) -> Loc:
    return Loc(display, mark.line + 1, mark.column + 1)


def _offset_loc(display: str, text: str, offset: int) -> Loc:
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return Loc(display, line, col)


# Invisible characters that change how text is shown: YAML's extra line breaks (the line
# numbers of editors and of YAML would differ) and bidirectional overrides and isolates.
_INVISIBLE = "\ufffe\uffff\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def _bad_char(text: str) -> int | None:
    """Offset of the first character a report may not hold (control characters, lone surrogates)."""
    for offset, ch in enumerate(text):
        if ch in "\t\n\r":
            continue
        if unicodedata.category(ch) in ("Cc", "Cs") or ch in _INVISIBLE:
            return offset
    return None


def _syntax_error(text: str, exc: yaml.MarkedYAMLError, display: str) -> Diagnostic:
    """The line the user must edit and the mistake in their words (yaml_mistakes), else the
    parser's place with its problem translated."""
    specific = yaml_mistakes.diagnose(text, exc, display)
    if specific is not None:
        return specific
    mark = exc.problem_mark or exc.context_mark
    loc = _loc_of(display, mark) if mark else Loc(display)
    detail = parser_problem(exc)
    start = exc.context_mark
    if start is not None and mark is not None and start.line != mark.line:
        if exc.context == "while scanning a quoted scalar" and "end of stream" in (exc.problem or ""):
            # the quote that never closed is where the user must look, not the end of the file
            loc, detail = _loc_of(display, start), "这一行的引号没有配对（直到文件末尾都没有找到与之配对的引号）"
        elif exc.context in ("while parsing a flow sequence", "while parsing a flow mapping"):
            detail += f"（括号从第 {start.line + 1} 行开始）"
    return diag("E101", loc, detail=detail)


def load_text(text: str, display: str, path: Path | None = None) -> Loaded:
    """Parse YAML text (already decoded) into a Loaded record."""
    result = Loaded(path or Path(display), display)
    bad = _bad_char(text)
    if bad is not None:
        loc = _offset_loc(display, text, bad)
        result.diagnostics.append(diag("E111", loc, char=f"U+{ord(text[bad]):04X}"))
        return result
    result.lines = text.split("\n")
    odd = yaml_mistakes.odd_indentation(text, display)
    if odd is not None:  # even when it parses, a full-width space became part of a key
        result.diagnostics.append(odd)
        return result

    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except _AliasUsed as exc:
        result.diagnostics.append(diag("E106", _loc_of(display, exc.mark)))
        return result
    except _TooDeep as exc:
        result.diagnostics.append(diag("E109", _loc_of(display, exc.mark), limit=MAX_DEPTH))
        return result
    except _TooMany as exc:
        result.diagnostics.append(diag("E113", _loc_of(display, exc.mark), detail=f"超过 {MAX_NODES:,} 个键、值和列表项"))
        return result
    except yaml.MarkedYAMLError as exc:
        result.diagnostics.append(_syntax_error(text, exc, display))
        return result
    except yaml.YAMLError as exc:
        result.diagnostics.append(diag("E101", Loc(display), detail=str(exc)))
        return result
    except RecursionError:
        result.diagnostics.append(diag("E109", Loc(display), limit=MAX_DEPTH))
        return result
    finally:
        loader.dispose()

    if node is None or (isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null"):
        # nothing, only comments, only “---” or only “~”
        result.diagnostics.append(diag("E104", Loc(display)))
        return result

    try:
        data = _Walker(loader, result).walk(node, (), 0)
    except _Fatal as exc:
        result.diagnostics.append(exc.diagnostic)
        return result
    result.data = data
    return result


class _Walker:
    """Build plain data from the node tree, recording places and refusing unsafe nodes."""

    def __init__(self, loader: _Loader, result: Loaded):
        self.loader = loader
        self.result = result
        self.display = result.display
        self.in_flow = False  # inside “[ … ]” or “{ … }”: a file written all in flow style is YAML-literate

    def loc(self, node) -> Loc:
        return _loc_of(self.display, node.start_mark)

    def unsafe(self, node) -> Diagnostic:
        tag = node.tag
        if tag.startswith("tag:yaml.org,2002:"):  # shown as the user wrote it: !!python/object…
            tag = "!!" + tag[len("tag:yaml.org,2002:"):]
        return diag("E107", self.loc(node), tag=tag)

    def walk(self, node, path: Path_, depth: int) -> Any:
        if depth > MAX_DEPTH:
            raise _Fatal(diag("E109", self.loc(node), limit=MAX_DEPTH))
        self.result.value_locs[path] = self.loc(node)
        if not isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
            return self._scalar(node, path)
        outer, self.in_flow = self.in_flow, self.in_flow or bool(node.flow_style)
        try:
            if isinstance(node, yaml.MappingNode):
                if node.tag != _MAP_TAG:
                    raise _Fatal(self.unsafe(node))
                return self._mapping(node, path, depth)
            if node.tag != _SEQ_TAG:
                raise _Fatal(self.unsafe(node))
            if not outer and _is_bracketed_text(node, path):
                return self._bracketed_text(node, path)
            return [self.walk(item, path + (i,), depth + 1) for i, item in enumerate(node.value)]
        finally:
            self.in_flow = outer

    def _bracketed_text(self, node, path: Path_) -> Any:
        """`导语: [重点工作]`: legal YAML, a list of one paragraph, so the report would print
        重点工作 without the brackets the author wrote (#18). E125 at the bracket; the value
        read is the text as written, so no type error follows from the same slip."""
        written = self.loader.buffer[node.start_mark.index: node.end_mark.index]
        owner = _owner(path)
        shown = (owner + ": " if isinstance(path[-1], str) else "- ") + yaml_mistakes.quoted(written)
        self.result.diagnostics.append(diag("E125", self.loc(node), key=owner, opening="[", what="列表",
                                            fix=shown if len(shown) <= 40 else shown[:40] + "……"))
        return written

    def _mapping(self, node, path: Path_, depth: int) -> dict:
        result: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise _Fatal(diag("E101", self.loc(key_node), detail="键不能是列表或映射"))
            key = self._scalar(key_node, None)
            if isinstance(key, str):
                key = key.strip()
            elif not isinstance(key, int) or isinstance(key, bool):
                # a key such as ~, true, 1.5 or 2024-01-01 stays as written: Cerberus orders
                # keys and cannot compare None or a date with text
                key = key_node.value.strip()
            key_path = path + (key,)
            if key in result:
                first = self.result.key_locs[key_path]
                self.result.diagnostics.append(
                    diag("E103", self.loc(key_node), key=key, first_line=first.line)
                )
                continue
            self.result.key_locs[key_path] = self.loc(key_node)
            result[key] = self.walk(value_node, key_path, depth + 1)
        return result

    def _scalar(self, node, path: Path_ | None) -> Any:
        if node.tag not in _SAFE_SCALAR_TAGS:
            raise _Fatal(self.unsafe(node))
        try:
            value = self.loader.construct_object(node, deep=True)
        except ValueError:
            if node.tag == "tag:yaml.org,2002:int":  # more digits than Python converts
                key = next((str(step) for step in reversed(path or ()) if isinstance(step, str)), "值")
                shown = node.value[:12] + f"……（共 {len(node.value)} 位）"
                raise _Fatal(diag("E206", self.loc(node), key=key, value=shown, limit="数字的位数太多")) from None
            # e.g. 2024-02-30 matches YAML's date pattern but is no real day
            raise _Fatal(diag("E108", self.loc(node), value=node.value)) from None
        except yaml.YAMLError as exc:
            raise _Fatal(diag("E101", self.loc(node), detail=str(exc))) from None
        if isinstance(value, str):
            bad = _bad_char(value)
            if bad is not None:
                raise _Fatal(diag("E111", self.loc(node), char=f"U+{ord(value[bad]):04X}"))
            if path is not None and node.start_mark.line == node.end_mark.line:
                self.result.inline[path] = 0 if node.style is None else 1
            if path is not None and node.style is None:
                self.result.plain[path] = (node.start_mark.line, node.end_mark.line, node.end_mark.column)
        elif isinstance(value, _dt.datetime):
            value = value.replace(tzinfo=None)
        return value


# keys whose paragraphs or entries may be a list of texts: a list written in brackets there
# is a text whose brackets YAML would drop (schema.py PARAGRAPHS, ENTRIES). 存在问题: [甲, 乙]
# as a whole is YAML's way to write two entries and stays legal.
_ENTRY_KEYS = {"存在问题", "下一步计划"}
_TEXT_LIST_KEYS = {"导语", "第一责任人履职情况", "其他需要报告的情况"} | _ENTRY_KEYS


def _is_bracketed_text(node, path: Path_) -> bool:
    """`导语: [重点工作]` in a block file: unquoted words in brackets where a text may stand.
    `导语: ["甲", "乙"]` (quoted items) is written as a list on purpose and stays legal."""
    return (node.flow_style and bool(node.value) and _owner(path) in _TEXT_LIST_KEYS
            and path[-1] not in _ENTRY_KEYS
            and all(isinstance(item, yaml.ScalarNode) and item.style is None for item in node.value))


def _owner(path: Path_) -> str | None:
    """The key a value or list item stands under: ("存在问题", 0) → 存在问题."""
    return next((step for step in reversed(path) if isinstance(step, str)), None)


_OS_ERRORS = {
    errno.ENOENT: "文件不存在（如果它是一个链接，链接指向的文件不存在）",
    errno.EACCES: "没有读取这个文件的权限",
    errno.EPERM: "没有读取这个文件的权限",
    errno.EISDIR: "这是一个文件夹，不是文件",
    errno.ELOOP: "这个链接指向它自己（链接形成了循环）",
    errno.ENAMETOOLONG: "文件名过长",
    errno.EIO: "读取时发生输入/输出错误",
}


def file_display(path: Path) -> str:
    """A data file as diagnostics name it: by its own name, also when it is a link
    (display_path would show the link's target), and never failing on a link loop."""
    try:
        return str(Path(display_path(path.parent)) / path.name)
    except (OSError, RuntimeError):
        return str(path)


def plain_file_bytes(path: Path) -> bytes | None:
    """The bytes of a regular file of at most MAX_BYTES, else None (load_file says why)."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_BYTES:
            return None
        raw = path.read_bytes()
    except OSError:
        return None
    return raw if len(raw) <= MAX_BYTES else None


def load_file(path: Path, raw: bytes | None = None) -> Loaded:
    """Read and parse one data file; never raises for bad content. `raw`: the file's bytes
    when the caller has read them already (plain_file_bytes), so that what is parsed is
    exactly what the caller saw."""
    display = file_display(path)
    result = Loaded(path, display)
    if raw is None:
        try:
            info = path.stat()
            if not stat.S_ISREG(info.st_mode):  # a folder, or a pipe that would block the read
                result.diagnostics.append(diag("E112", Loc(display), detail="这不是一个普通文件"))
                return result
            if info.st_size > MAX_BYTES:
                result.diagnostics.append(diag("E113", Loc(display), detail=f"超过 {MAX_BYTES // (1024 * 1024)} MB"))
                return result
            raw = path.read_bytes()
        except OSError as exc:
            detail = _OS_ERRORS.get(exc.errno) or exc.strerror or str(exc)
            result.diagnostics.append(diag("E112", Loc(display), detail=detail))
            return result
    try:
        text, encoding = decode(raw)
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        detail = (f"第 {line} 行有不是 UTF-8 的字节（可能是从其他编码的文件中复制来的文字）" if mostly_utf8(raw)
                  else f"第 {line} 行有既不是 UTF-8 也不是 GB18030 的字节")
        result.diagnostics.append(diag("E105", Loc(display, line, 1), detail=detail))
        return result
    loaded = load_text(text, display, path)
    if encoding and loaded.ok:
        loaded.diagnostics.insert(0, diag("W101", Loc(display, 1, 1), encoding=encoding))
    return loaded
