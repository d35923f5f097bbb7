"""Name a place in a data file the way the report reads: “主要做法和成效 第2组（坚持立法为民…）第1项”.

A filler thinks in groups and items of their report, not in key paths; with several groups
the same “事项第1项的标题” would otherwise appear once per group, told apart only by the line.
"""

from __future__ import annotations

from reportgen.errors import Diagnostic

SHORT_TITLE = 6  # characters of a group's title shown to tell the groups apart
# list keys whose entries the report shows as paragraphs rather than numbered items
_PARAGRAPH_LISTS = {"导语", "第一责任人履职情况", "其他需要报告的情况"}
_GROUP_LISTS = {"主要做法和成效"}


def _title_of(entry) -> str:
    title = entry.get("标题") or entry.get("名称") if isinstance(entry, dict) else None
    if not isinstance(title, str) or not title.strip():
        return ""
    title = title.strip()
    return f"（{title[:SHORT_TITLE]}…）" if len(title) > SHORT_TITLE else f"（{title}）"


def place(data, path: tuple) -> str:
    """“主要做法和成效 第2组（坚持立法为民…）第1项：标题” for ("主要做法和成效", 1, "事项", 0, "标题")."""
    text, node, parent_key = "", data, None
    for step in path:
        child = _child(node, step)
        if isinstance(step, int):
            if parent_key in _GROUP_LISTS:
                text += f" 第{step + 1}组{_title_of(child)}"
            elif parent_key in _PARAGRAPH_LISTS:
                text += f" 第{step + 1}段"
            elif parent_key == "事项":
                text += f"第{step + 1}项"
            else:
                text += f" 第{step + 1}项{_title_of(child) if parent_key in ('任务', '指标', '领域') else ''}"
        elif not text:
            text = str(step)
        elif parent_key == "指标" and isinstance(node, dict):
            text += f"“{step}”"
        elif step == "事项":
            text += " 事项"
        else:
            text += f"：{step}"
        node, parent_key = child, step
    return text.replace(" 事项第", "第")


def _child(node, step):
    try:
        return node[step]
    except (KeyError, IndexError, TypeError):
        return None


def split(data, path: tuple) -> tuple[str, str]:
    """(the place holding the value, the value's own key): the key goes into the message,
    the place before it. A list entry has no key of its own: the place is all."""
    path = tuple(path)
    if not path:
        return "", "文件"
    if isinstance(path[-1], int):
        return "", place(data, path)
    if len(path) == 1:
        return "", str(path[0])
    return place(data, path[:-1]), str(path[-1])


def at_place(found: Diagnostic, where: str) -> Diagnostic:
    """The diagnostic with its place in front: “主要做法和成效 第2组（…）第1项：标题不能为空”."""
    if not where:
        return found
    return Diagnostic(found.code, found.severity, found.loc, f"{where}：{found.message}")
