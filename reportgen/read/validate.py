"""Turn a loaded file and its schema into Chinese diagnostics at file:line:column.

Cerberus checks the shape; its errors are looked up in the loader's table of
places. Indicator values and year-keyed targets are checked here by hand,
because their rules depend on each indicator's type.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import math
import re

import cerberus
from cerberus import errors as cerr
from cerberus.platform import Mapping

from reportgen.errors import Diagnostic
from reportgen.read.loader import Loaded
from reportgen.messages import diag, suggestion
from reportgen.read.schema import ANNUAL, LONG_LISTS, MAX_ENTRIES, MAX_TEXT, NOT_APPLICABLE, schema_at
from reportgen.read.places import at_place, place, split
from reportgen.read.text_warnings import comment_note


class _Validator(cerberus.Validator):
    # YAML's true/false are Python ints; a report never means a boolean by a number.
    types_mapping = dict(cerberus.Validator.types_mapping)
    types_mapping["integer"] = cerberus.TypeDefinition("integer", (int,), (bool,))
    types_mapping["number"] = cerberus.TypeDefinition("number", (int, float), (bool,))
    # a date with a time (2024-02-06 10:00:00) is no 成文日期: the time would be dropped
    types_mapping["date"] = cerberus.TypeDefinition("date", (_dt.date,), (_dt.datetime,))

    def _error(self, *args):
        """Record errors without Cerberus' re-sorting on every one.

        Cerberus sorts its error list and its schema error tree after each error, so a file
        with thousands of unknown keys took minutes (quadratic, with a slow comparison).
        check_schema sorts the errors once; the schema error tree is not used.
        """
        if len(args) == 1:
            self._errors.extend(args[0])
            for error in args[0]:
                self.document_error_tree.add(error)
                self.error_handler.emit(error)
        else:
            super()._error(*args)


TYPE_NAMES = {
    "string": "文字",
    "integer": "整数",
    "number": "数字",
    "list": "列表（每项另起一行，以“- ”开头）",
    "dict": "“键: 值”的形式",
    "date": "日期（如 2024-02-20）",
    "boolean": "是/否",
}


def describe(value: object) -> str:
    """A user's value as a Chinese phrase, for “现在是……”."""
    if value is None:
        return "空的"
    if isinstance(value, bool):
        return f"是/否（{'true' if value else 'false'}）"
    if isinstance(value, (int, float)):
        return f"数字 {value}"
    if isinstance(value, _dt.datetime):
        return f"日期和时间 {value:%Y-%m-%d %H:%M}（只写日期，不写时间，如 {value:%Y-%m-%d}）"
    if isinstance(value, _dt.date):
        return f"日期 {value.isoformat()}"
    if isinstance(value, str):
        short = value if len(value) <= 12 else value[:12] + "……"
        return f"文字“{short}”"
    if isinstance(value, list):
        return "列表"
    if isinstance(value, dict):
        return "“键: 值”的形式"
    return type(value).__name__


def _quote_hint(loaded: Loaded, path: tuple, error) -> str:
    """标题: 1.50 is read as the number 1.5: a text written as a number, 是/否 or a date is
    printed as written only in quotes, so the fix names the quoted text as it stands in the file."""
    wanted = error.constraint if isinstance(error.constraint, list) else [error.constraint]
    if "string" not in wanted or not isinstance(error.value, (bool, int, float, _dt.date)):
        return ""
    loc = loaded.loc(path)
    if not loc.line or loc.line > len(loaded.lines):
        return ""
    written = re.split(r"\s#", loaded.lines[loc.line - 1][max(loc.col - 1, 0):], maxsplit=1)[0].strip()
    return f"。要把它作为文字原样印出，请加上引号，写成 \"{written}\"" if written and '"' not in written else ""


def key_label(path: tuple) -> str:
    """The key the user sees, with its list position: “事项第2项的内容”, “存在问题第1项”."""
    parts: list[str] = []
    for step in path:
        if isinstance(step, int) and parts:
            parts[-1] = f"{parts[-1]}第{step + 1}项"
        else:
            parts.append(str(step))
    if not parts:
        return "文件"
    if len(parts) >= 2 and "第" in parts[-2] and "第" not in parts[-1]:
        return f"{parts[-2]}的{parts[-1]}"
    return parts[-1]


def _leaf_errors(errors):
    for error in sorted(errors):
        if error.is_group_error:
            yield from _leaf_errors(error.child_errors)
        else:
            yield error


def check_limits(loaded: Loaded, limit: int = MAX_ENTRIES) -> list[Diagnostic]:
    """E219 for every list or mapping with more than `limit` entries (checked before Cerberus,
    which would otherwise check each of ten thousand entries and report each one)."""
    found: list[Diagnostic] = []

    def visit(value, path):
        if isinstance(value, (dict, list)):
            most = LONG_LISTS.get(path, limit)
            if len(value) > most:
                found.append(diag("E219", loaded.key_loc(path), key=place(loaded.data, path), count=len(value), limit=most))
                return
            pairs = value.items() if isinstance(value, dict) else enumerate(value)
            for step, child in pairs:
                visit(child, path + (step,))

    visit(loaded.data, ())
    return found


def _type_names(constraint) -> str:
    names = constraint if isinstance(constraint, list) else [constraint]
    return "或".join(TYPE_NAMES.get(n, n) for n in names)


def check_schema(loaded: Loaded, schema: dict, plan_name: str = "规划") -> list[Diagnostic]:
    """Validate `loaded.data` against `schema`; one diagnostic per problem."""
    if loaded.data is None:  # unreadable: the loader has said why
        return []
    if not isinstance(loaded.data, dict):
        return [diag("E110", loaded.loc(()), actual=describe(loaded.data))]
    too_many = check_limits(loaded)
    if too_many:
        return too_many
    validator = _Validator(schema)
    if validator.validate(loaded.data):
        return []
    leaves = list(_leaf_errors(validator._errors))
    # A misspelt key is reported once, as unknown with a suggestion, not also as missing.
    unknown: dict[tuple, list[str]] = {}
    for error in leaves:
        if error.code == cerr.UNKNOWN_FIELD.code:
            unknown.setdefault(tuple(error.document_path[:-1]), []).append(str(error.document_path[-1]))
    found: list[Diagnostic] = []
    typed_wrong: set[tuple] = set()
    for error in leaves:
        path = tuple(error.document_path)
        if path in typed_wrong:  # a value of the wrong type gets no further messages (mkdocs#3437)
            continue
        if error.code == cerr.REQUIRED_FIELD.code and difflib.get_close_matches(
            str(path[-1]), unknown.get(path[:-1], []), n=1, cutoff=0.4
        ):
            continue
        where, _ = split(loaded.data, path)
        if error.code in (cerr.UNKNOWN_FIELD.code, cerr.REQUIRED_FIELD.code):
            where = ""  # these name the key and the place holding it themselves
        found.append(at_place(_translate(loaded, schema, error, path, plan_name), where))
        if error.code == cerr.BAD_TYPE.code:
            typed_wrong.add(path)
    return found


def _flow_text(loaded: Loaded, path: tuple, error) -> Diagnostic | None:
    """E125 for a text YAML read as a list or mapping because it starts with “[” or “{”
    (`内容: [重点]` is the list ["重点"]): the fix is quotes, not another type (#18)."""
    wanted = error.constraint if isinstance(error.constraint, list) else [error.constraint]
    loc = loaded.loc(path)
    if "string" not in wanted or not isinstance(error.value, (list, dict)) or not 0 < loc.line <= len(loaded.lines):
        return None
    line = loaded.lines[loc.line - 1]
    value = line[loc.col - 1:].strip()
    if not value.startswith(("[", "{")) or not path or not isinstance(path[-1], str):
        return None
    opening = value[0]
    shown = f'{path[-1]}: "{value}"'
    return diag("E125", loc, key=path[-1], opening=opening, what="列表" if opening == "[" else "“键: 值”的一组",
                fix=shown if len(shown) <= 40 else shown[:40] + "……")


def _translate(loaded: Loaded, schema: dict, error, path: tuple, plan_name: str) -> Diagnostic:
    code = error.code
    key = split(loaded.data, path)[1]
    if code == cerr.UNKNOWN_FIELD.code:
        parent = schema_at(schema, tuple(error.schema_path))
        allowed = list(parent.keys()) if isinstance(parent, dict) else []
        if path[:1] == ("指标",) and len(path) == 2:
            return diag("E210", loaded.key_loc(path), key=path[-1], suggestion=suggestion(path[-1], allowed, "指标"))
        return diag("E201", loaded.key_loc(path), key=path[-1], suggestion=suggestion(path[-1], allowed))
    if code == cerr.REQUIRED_FIELD.code:
        parent_path = path[:-1]
        where = f"“{place(loaded.data, parent_path)}”下" if parent_path else "文件中"
        return diag("E202", loaded.loc(parent_path), key=path[-1], where=where)
    if code == cerr.BAD_TYPE.code:
        flow = _flow_text(loaded, path, error)
        if flow:
            return flow
        found = diag("E203", loaded.loc(path), key=key, expected=_type_names(error.constraint), actual=describe(error.value))
        hint = _quote_hint(loaded, path, error)
        return Diagnostic(found.code, found.severity, found.loc, found.message + hint) if hint else found
    if code in (cerr.EMPTY_NOT_ALLOWED.code, cerr.NOT_NULLABLE.code):
        found = diag("E204", loaded.loc(path), key=key)
        note = comment_note(loaded, path) if error.value is None else ""
        return Diagnostic(found.code, found.severity, found.loc, found.message + note) if note else found
    if code == cerr.MAX_LENGTH.code:
        if not isinstance(error.value, str):
            return diag("E219", loaded.key_loc(path), key=key, count=len(error.value), limit=error.constraint)
        if path[-1] == "代码":
            return diag("E215", loaded.loc(path), code=error.value[:20] + "……",
                        reason=f"超过 {error.constraint} 个字符")
        hint = ("这个名称（标题）还用作输出文件的文件名，请写得简短些" if error.constraint < MAX_TEXT
                else "一段文字不宜过长，请分成几个事项或几段")
        return diag("E220", loaded.loc(path), key=key, count=len(error.value), limit=error.constraint, hint=hint)
    if code in (cerr.MIN_VALUE.code, cerr.MAX_VALUE.code):
        limit = f"不能小于 {error.constraint}" if code == cerr.MIN_VALUE.code else f"不能大于 {error.constraint}"
        return diag("E206", loaded.loc(path), key=key, value=error.value, limit=limit)
    if code == cerr.REGEX_MISMATCH.code:
        return diag("E215", loaded.loc(path), code=error.value, reason="含有“/”“.”、空格或其他符号")
    if code in (cerr.UNALLOWED_VALUE.code, cerr.UNALLOWED_VALUES.code):
        field = error.schema_path[-2] if len(error.schema_path) >= 2 else key
        if field == "keysrules":  # 领域标题 with an unknown area code
            field = "领域"
        value = error.value
        if code == cerr.UNALLOWED_VALUES.code:  # a list: name its first unallowed member
            value = error.info[0][0]
            path = path + (error.value.index(value),)
        if field == "领域":
            return diag("E208", loaded.key_loc(path) if field != key else loaded.loc(path),
                        value=value, suggestion=suggestion(value, error.constraint, "领域代码"))
        if field == "关联任务":
            numbers = sorted(error.constraint)
            # a plan fresh from init lists no tasks yet: say so rather than “现有编号 无—无”
            have = (f"现有编号 {numbers[0]}—{numbers[-1]}" if numbers else
                    "规划中还没有写任务：请法治政府建设办公室在 data/plan.yaml 中填写，或先写 关联任务: []")
            return diag("E209", loaded.loc(path), value=value, have=have, plan=plan_name)
        return diag("E205", loaded.loc(path), key=key, value=value, allowed="、".join(map(str, error.constraint)))
    return diag("E218", loaded.loc(path), detail=f"“{key}”不符合要求（{error.rule}）")


# --- values whose rule depends on the indicator ------------------------------------

MAX_VALUE = 10**12  # no count in a government report comes near; keeps sums and averages finite

_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９．", "0123456789.")
_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")


def value_problem(kind: str, value: object, allow_na: bool) -> str | None:
    """Why `value` cannot stand for an indicator of `kind` (比率/数量/排名), or None."""
    if value is None:
        return "没有填写。请填写数值" + ("，无法统计的填“不适用”" if allow_na else "")
    if isinstance(value, bool):
        return f"应当是数字，现在是{describe(value)}"
    if isinstance(value, str):
        text = value.strip()
        if allow_na and value == NOT_APPLICABLE:
            return None
        if allow_na and text == NOT_APPLICABLE:  # '不适用 ' in quotes: the model compares exactly
            return "“不适用”前后不要加空格"
        plain = text.translate(_FULLWIDTH_DIGITS)
        if plain != text and _NUMBER.match(plain.rstrip("%％")):
            return f"“{value}”用了全角数字，请改为半角数字 {plain.rstrip('%％')}"
        if text.endswith(("%", "％")) and _NUMBER.match(plain.rstrip("%％")):
            return f"请去掉百分号，只写数字 {plain.rstrip('%％')}"
        if _NUMBER.match(plain):
            return f"数字不要加引号，请写成 {plain}"
        return f"应当是数字{'或“不适用”' if allow_na else ''}，现在是{describe(value)}"
    if not isinstance(value, (int, float)):
        return f"应当是数字，现在是{describe(value)}"
    if isinstance(value, float) and not math.isfinite(value):
        return "不是有效的数字（不能是无穷大或 NaN）"
    if kind == "比率":
        if not 0 <= value <= 100:
            return f"比率应在 0 到 100 之间，现在是 {value}"
        return None
    if abs(value) > MAX_VALUE:
        return f"数值过大（超过 {MAX_VALUE:,}），请核对"
    if isinstance(value, float) and not value.is_integer():
        return f"{kind}应当是整数，现在是 {value}"
    if kind == "数量" and value < 0:
        return f"数量不能小于 0，现在是 {value}"
    if kind == "排名" and value < 1:
        return f"排名从 1 开始，现在是 {value}"
    return None


def check_indicator_value(loaded: Loaded, path: tuple, kind: str) -> list[Diagnostic]:
    """A unit's value: a number, “不适用”, or {值: …, 说明: …}."""
    name = path[-1]
    value = loaded.data
    for step in path:
        value = value[step]
    if isinstance(value, Mapping):
        found = []
        for key in value:
            if key not in ("值", "说明"):
                found.append(diag("E201", loaded.key_loc(path + (key,)), key=key, suggestion=suggestion(key, ["值", "说明"])))
        if "值" not in value:
            found.append(diag("E202", loaded.loc(path), key="值", where=f"指标“{name}”下"))
        else:
            problem = value_problem(kind, value["值"], allow_na=True)
            if problem:
                found.append(diag("E211", loaded.loc(path + ("值",)), key=name, detail=problem))
        note = value.get("说明")
        if note is not None and not isinstance(note, str):
            found.append(diag("E203", loaded.loc(path + ("说明",)), key="说明", expected="文字", actual=describe(note)))
        elif isinstance(note, str) and len(note) > MAX_TEXT:
            found.append(diag("E220", loaded.loc(path + ("说明",)), key="说明", count=len(note), limit=MAX_TEXT,
                              hint="指标说明只需一两句话"))
        return found
    problem = value_problem(kind, value, allow_na=True)
    if problem and value is None:
        problem += comment_note(loaded, path)
    return [diag("E211", loaded.loc(path), key=name, detail=problem)] if problem else []


def check_year_values(loaded: Loaded, path: tuple, kind: str, start: int, end: int, allow_annual: bool) -> list[Diagnostic]:
    """Plan 目标/基期: {year: value} and, for 目标, {每年: value}."""
    found = []
    mapping = loaded.data
    for step in path:
        mapping = mapping[step]
    name = "目标" if allow_annual else "基期"
    for year, value in mapping.items():
        where = path + (year,)
        if year == ANNUAL and allow_annual:
            pass
        elif not isinstance(year, int) or isinstance(year, bool):
            hint = "年度（如 2025）或“每年”" if allow_annual else "年度（如 2022）"
            found.append(diag("E203", loaded.key_loc(where), key=f"{name}的键“{year}”", expected=hint, actual=describe(year)))
            continue
        elif allow_annual and not start <= year <= end:
            found.append(diag("E217", loaded.key_loc(where), value=year, start=start, end=end))
        problem = value_problem(kind, value, allow_na=False)
        if problem:
            found.append(diag("E211", loaded.loc(where), key=f"{key_label(path[:-1])}的{name}", detail=problem))
    return found
