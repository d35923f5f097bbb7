"""Forms a filler writes that mean the right thing: read them as meant, or say once how to write them.

The skeleton shows values in quotes, so "2024-02-06" and "2023" are taken as the date and
the year. Task numbers written “[16，17]” or “16、17” are one error that shows “[16, 17]”;
the numbers are then checked against the plan as if written correctly.
"""

from __future__ import annotations

import datetime as _dt
import re

from reportgen.errors import Diagnostic
from reportgen.read.loader import Loaded
from reportgen.messages import diag

_YEAR = re.compile(r"^\s*(\d{4})\s*$")
_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
_TASKS = re.compile(r"^\s*\d+(?:\s*[，、,；;/\s]\s*\d+)*\s*$")


def _accept_date(loaded: Loaded, path: tuple, data: dict, key: str) -> list[Diagnostic]:
    value = data.get(key)
    match = _DATE.match(value) if isinstance(value, str) else None
    if match is None:
        return []
    try:
        data[key] = _dt.date(*map(int, match.groups()))
    except ValueError:
        data[key] = _dt.date(int(match.group(1)), 1, 1)  # reported here, not again as text
        return [diag("E108", loaded.loc(path + (key,)), value=value.strip())]
    return []


def _task_numbers(value) -> list[int] | None:
    """[16, 17] from “16，17”, “16、17” or [“16，17”]; None when the value is something else."""
    if isinstance(value, str):
        parts = [value]
    elif isinstance(value, list) and any(isinstance(v, str) for v in value):
        parts = [str(v) for v in value if isinstance(v, (str, int)) and not isinstance(v, bool)]
        if len(parts) != len(value):
            return None
    else:
        return None
    if not all(_TASKS.match(part) for part in parts):
        return None
    return [int(n) for part in parts for n in re.findall(r"\d+", part)]


def _accept_tasks(loaded: Loaded) -> list[Diagnostic]:
    found = []
    groups = loaded.data.get("主要做法和成效")
    for gi, group in enumerate(groups if isinstance(groups, list) else ()):
        items = group.get("事项") if isinstance(group, dict) else None
        for ii, item in enumerate(items if isinstance(items, list) else ()):
            if not isinstance(item, dict):
                continue
            raw = item.get("关联任务")
            numbers = _task_numbers(raw)
            if numbers is None:
                continue
            shown = raw if isinstance(raw, str) else "[" + ", ".join(map(str, raw)) + "]"
            fix = "[" + ", ".join(map(str, numbers)) + "]"
            found.append(diag("E123", loaded.loc(("主要做法和成效", gi, "事项", ii, "关联任务")),
                              value=shown, fix=fix))
            item["关联任务"] = numbers
    return found


def accept_forms(loaded: Loaded) -> list[Diagnostic]:
    """Turn quoted years and dates into numbers and dates in place; E123 for task numbers."""
    data = loaded.data
    if not isinstance(data, dict):
        return []
    year = data.get("年度")
    match = _YEAR.match(year) if isinstance(year, str) else None
    if match:
        data["年度"] = int(match.group(1))
    return _accept_date(loaded, (), data, "成文日期") + _accept_tasks(loaded)
