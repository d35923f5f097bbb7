"""`check --unit X` shows what the unit's filler can act on: every problem of X's file, and of
_report.yaml only the lines that concern X — X's entry in the 单位 list and the 选用事项
that choose X's items (W441 there says X's text speaks as a unit). Everything else in
_report.yaml (its placeholders W350, the city's own texts) and the plan's warnings are the
secretariat's; when _report.yaml holds errors, which stop X's report from being built, one
note says so.
"""

from __future__ import annotations

from reportgen.read.loader import Loaded


def _lines(loaded: Loaded, path: tuple, value) -> set[int]:
    """The lines of the value at `path`, with everything nested in it."""
    lines = {loaded.key_loc(path).line, loaded.loc(path).line}
    if isinstance(value, dict):
        for key, child in value.items():
            lines |= _lines(loaded, path + (key,), child)
    elif isinstance(value, list):
        for index, child in enumerate(value):
            lines |= _lines(loaded, path + (index,), child)
    return lines


def _reference(entry) -> str:
    value = entry.get("事项") if isinstance(entry, dict) else entry
    return value.strip() if isinstance(value, str) else ""


def unit_lines(loaded: Loaded, code: str) -> set[int]:
    """The lines of _report.yaml that concern the unit `code`."""
    data = loaded.data if isinstance(loaded.data, dict) else {}
    lines: set[int] = set()
    units = data.get("单位")
    for index, entry in enumerate(units if isinstance(units, list) else ()):
        if isinstance(entry, dict) and entry.get("代码") == code:
            lines |= _lines(loaded, ("单位", index), entry)
    chosen = data.get("选用事项")
    for area, entries in (chosen.items() if isinstance(chosen, dict) else ()):
        for index, entry in enumerate(entries if isinstance(entries, list) else ()):
            if _reference(entry).replace("／", "/").split("/")[0].strip() == code:
                lines |= _lines(loaded, ("选用事项", area, index), entry)
    return lines


def narrow_to_unit(result, loaded: Loaded | None, code: str, plan_file: str | None = None) -> None:
    """Keep in `result` (a project.CheckResult) only the _report.yaml problems that concern
    `code`, and none of the plan's warnings (its errors stop the check before the unit's file);
    a note counts the errors left out."""
    if plan_file is not None:
        result.diagnostics = [d for d in result.diagnostics if d.loc.file != plan_file or d.is_error]
    if loaded is None:
        return
    mine = unit_lines(loaded, code)
    kept, left_errors = [], 0
    for d in result.diagnostics:
        if d.loc.file != loaded.display or d.loc.line in mine:
            kept.append(d)
        elif d.is_error:
            left_errors += 1
    result.diagnostics = kept
    if left_errors:
        result.notes.append(f"{loaded.display} 有 {left_errors} 个错误（不是本单位文件的问题，在此不列出），"
                            "改正之前不能生成报告；请联系法治政府建设办公室")
