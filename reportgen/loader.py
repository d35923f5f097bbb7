"""Turn a YAML file into plain data plus a table of where every key and value stands.

Only safe YAML is read: tags other than YAML's own, anchors and aliases are
refused, duplicate keys are reported (PyYAML would silently keep the last one),
and every problem becomes a Chinese diagnostic with file, line and column.
"""

from __future__ import annotations

import codecs
import datetime as _dt
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import Diagnostic, Loc, display_path
from .messages import diag

MAX_BYTES = 5 * 1024 * 1024  # a unit file is tens of KB; anything this large is a mistake
MAX_DEPTH = 40  # real files nest five levels; deeper means broken indentation

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


class _Loader(yaml.SafeLoader):
    """SafeLoader that refuses aliases before they are expanded (no billion laughs)."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            raise _AliasUsed(self.peek_event().start_mark)
        return super().compose_node(parent, index)


def decode(raw: bytes) -> tuple[str, str | None]:
    """Bytes → text, and the encoding name when it is not UTF-8 (for a warning).

    Raises UnicodeDecodeError when no encoding fits.
    """
    if raw.startswith(codecs.BOM_UTF8):
        return raw[len(codecs.BOM_UTF8):].decode("utf-8"), None
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16"), "UTF-16"
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as utf8_error:
        try:
            return raw.decode("gb18030"), "GB18030"
        except UnicodeDecodeError:
            raise utf8_error from None


def _loc_of(display: str, mark) -> Loc:
    return Loc(display, mark.line + 1, mark.column + 1)


def _offset_loc(display: str, text: str, offset: int) -> Loc:
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return Loc(display, line, col)


_PROBLEMS = [
    ("mapping values are not allowed", "此处不能出现“键: 值”（常见原因：文字里有半角冒号加空格，或上一行缩进不一致）"),
    ("could not find expected ':'", "找不到键后面的冒号“: ”"),
    ("expected <block end>", "缩进不一致，同一层级的键应当对齐"),
    ("did not find expected key", "缩进不一致，或列表项前缺少“- ”"),
    ("did not find expected '-' indicator", "缩进不一致，列表项应当以“- ”开头并对齐"),
    ("found unexpected end of stream", "文件提前结束，可能是引号或括号没有配对"),
    ("found unknown escape character", "双引号中有无效的转义字符“\\”"),
    ("expected a single document", "文件中只能有一个文档，请不要用“---”分隔多个部分"),
    ("found unexpected ':'", "冒号位置不对"),
    ("did not find expected ',' or ']'", "方括号列表 [ ] 没有正确结束"),
    ("did not find expected ',' or '}'", "花括号 { } 没有正确结束"),
    ("found character '%' that cannot start any token", "值不能以“%”开头，请给这段文字加上引号"),
    ("found character '@' that cannot start any token", "值不能以“@”开头，请给这段文字加上引号"),
    ("found character '`' that cannot start any token", "值不能以“`”开头，请给这段文字加上引号"),
]


def _yaml_problem(exc: yaml.MarkedYAMLError) -> str:
    problem = (exc.problem or exc.context or "").strip()
    for needle, chinese in _PROBLEMS:
        if needle in problem or needle in str(exc.context or ""):
            return chinese
    return f"无法解析（{problem}）"


def _bad_char(text: str) -> int | None:
    """Offset of the first character a report may not hold (control characters, lone surrogates)."""
    for offset, ch in enumerate(text):
        if ch in "\t\n\r":
            continue
        if unicodedata.category(ch) in ("Cc", "Cs") or ch in "\ufffe\uffff":
            return offset
    return None


def load_text(text: str, display: str, path: Path | None = None) -> Loaded:
    """Parse YAML text (already decoded) into a Loaded record."""
    result = Loaded(path or Path(display), display)
    bad = _bad_char(text)
    if bad is not None:
        loc = _offset_loc(display, text, bad)
        result.diagnostics.append(diag("E111", loc, char=f"U+{ord(text[bad]):04X}"))
        return result

    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except _AliasUsed as exc:
        result.diagnostics.append(diag("E106", _loc_of(display, exc.mark)))
        return result
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        loc = _loc_of(display, mark) if mark else Loc(display)
        line_text = text.splitlines()[mark.line] if mark and mark.line < len(text.splitlines()) else ""
        indent = line_text[: len(line_text) - len(line_text.lstrip())]
        if "\t" in indent or "'\\t'" in (exc.problem or ""):
            result.diagnostics.append(diag("E102", Loc(display, loc.line, 1)))
        else:
            result.diagnostics.append(diag("E101", loc, detail=_yaml_problem(exc)))
        return result
    except yaml.YAMLError as exc:
        result.diagnostics.append(diag("E101", Loc(display), detail=str(exc)))
        return result
    except RecursionError:
        result.diagnostics.append(diag("E109", Loc(display), limit=MAX_DEPTH))
        return result
    finally:
        loader.dispose()

    if node is None:
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

    def loc(self, node) -> Loc:
        return _loc_of(self.display, node.start_mark)

    def walk(self, node, path: Path_, depth: int) -> Any:
        if depth > MAX_DEPTH:
            raise _Fatal(diag("E109", self.loc(node), limit=MAX_DEPTH))
        self.result.value_locs[path] = self.loc(node)
        if isinstance(node, yaml.MappingNode):
            if node.tag != _MAP_TAG:
                raise _Fatal(diag("E107", self.loc(node), tag=node.tag))
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ_TAG:
                raise _Fatal(diag("E107", self.loc(node), tag=node.tag))
            return [self.walk(item, path + (i,), depth + 1) for i, item in enumerate(node.value)]
        return self._scalar(node, path)

    def _mapping(self, node, path: Path_, depth: int) -> dict:
        result: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise _Fatal(diag("E101", self.loc(key_node), detail="键不能是列表或映射"))
            key = self._scalar(key_node, None)
            if isinstance(key, str):
                key = key.strip()
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
            raise _Fatal(diag("E107", self.loc(node), tag=node.tag))
        try:
            value = self.loader.construct_object(node, deep=True)
        except ValueError:
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
        elif isinstance(value, _dt.datetime):
            value = value.replace(tzinfo=None)
        return value


def load_file(path: Path) -> Loaded:
    """Read and parse one data file; never raises for bad content."""
    display = display_path(path)
    result = Loaded(path, display)
    try:
        if path.stat().st_size > MAX_BYTES:
            result.diagnostics.append(diag("E113", Loc(display), limit=MAX_BYTES // (1024 * 1024)))
            return result
        raw = path.read_bytes()
    except OSError as exc:
        result.diagnostics.append(diag("E112", Loc(display), detail=exc.strerror or str(exc)))
        return result
    try:
        text, encoding = decode(raw)
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        result.diagnostics.append(
            diag("E105", Loc(display, line, 1), detail=f"第 {line} 行有既不是 UTF-8 也不是 GB18030 的字节")
        )
        return result
    loaded = load_text(text, display, path)
    if encoding and loaded.ok:
        loaded.diagnostics.insert(0, diag("W101", Loc(display, 1, 1), encoding=encoding))
    return loaded
