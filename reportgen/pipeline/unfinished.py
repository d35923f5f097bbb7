"""The build's gate (issue #20): a report that still holds a placeholder or has an empty part
is an error (E241, E242) where it comes from, unless it is built as a draft, when the same
findings are shown as notes. The findings themselves are model/unfinished.py's."""

from __future__ import annotations

from reportgen.errors import Diagnostic, Loc
from reportgen.model.composition import CHOSEN
from reportgen.model.data import YearData
from reportgen.model.document import Document
from reportgen.model.unfinished import unfinished
from reportgen.messages import diag

PARTS_HINT = "请在数据文件中写上这一部分的内容"
CHOSEN_HINT = ("请在 _report.yaml 的“选用事项”中选用单位的事项（引用可从 reportgen build --draft 写出的 index.html"
               "“各单位事项”一节复制），或在“主要做法和成效”下写市政府自己的事项")


def _origin(document: Document, data: YearData) -> tuple[Loc, str]:
    """Where to send the user for what has no place of its own, and the hint for an empty part."""
    report = data.report
    if document.kind == "city":
        composition = report.composition
        if composition.mode == CHOSEN:
            return composition.mode_loc or Loc(report.source), CHOSEN_HINT
        return Loc(report.source), PARTS_HINT
    unit = next((u for u in data.units if u.author == document.author), None)
    return Loc(unit.source if unit else report.source), PARTS_HINT


def unfinished_diagnostics(documents: list[Document], data: YearData) -> list[Diagnostic]:
    """E241 for each placeholder, E242 for each empty part, in every document."""
    found = []
    for document in documents:
        origin, hint = _origin(document, data)
        name = document.title  # 《云澜市司法局2023年法治政府建设年度报告》, not the file name (the unit)
        for item in unfinished(document):
            loc = item.loc or origin
            if item.kind == "placeholder":
                found.append(diag("E241", loc, name=name, text=item.text))
            else:
                found.append(diag("E242", loc, name=name, heading=item.text, hint=hint))
    return found


def draft_notes(found: list[Diagnostic]) -> list[str]:
    """The same findings for a draft: it is written, and says why it is not the report yet."""
    return [f"草稿还不能作为正式报告发布：{d.loc}: {d.message.split('，不能作为')[0]} [{d.code}]" for d in found]
