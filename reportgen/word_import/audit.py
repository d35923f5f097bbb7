"""The import's promise, checked on the file it is about to write: every paragraph and
every table cell of the source is in the YAML as report text, as a 待确认 comment, or in a
named key (标题, 成文日期, 附注, a part's key for its heading …). `reportgen import --核对`
prints the account, a row per paragraph (audit_table); the summary line counts each kind.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportgen.word_import.paragraphs import Para
from reportgen.word_import.text import normalize, sentences

TEXT, COMMENT, KEY, MISSING = "正文", "注释", "键", "缺失"


@dataclass(frozen=True)
class Fate:
    source: str  # the paragraph or cell as written (normalized)
    kind: str  # TEXT, COMMENT, KEY or MISSING
    where: str  # “第 12 行”, or the key's name
    cell: bool = False  # a table cell rather than a paragraph


def _strings(value) -> list[str]:
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [value] if isinstance(value, str) else []  # as written: the import normalized it once


def _pieces(text: str, causes: list[str]) -> list[list[str]]:
    """What must be found of one paragraph: each sentence, in its alternative forms (with a
    cause phrase taken off: reportgen writes 原因 after its own “究其原因，”)."""
    found = []
    for sentence in sentences(text) or [text.strip("：:，,。 ")]:
        if not sentence:
            continue
        forms = [sentence] + [sentence.removeprefix(c).strip("，, ") for c in causes if sentence.startswith(c)]
        found.append([f for f in forms if f])
    return found


def _line(lines: list[str], needle: str, comment: bool) -> int | None:
    for number, line in enumerate(lines, 1):
        if needle in line and line.lstrip().startswith("#") == comment:
            return number
    return None


def account(paras: list[Para], keyed: dict[int, str], data: dict, text: str, causes: list[str]) -> list[Fate]:
    """Where each source paragraph (and each table cell) went in the written file `text`,
    whose data is `data`."""
    data_text = "\n".join(_strings(data))
    lines = text.splitlines()
    comments = "\n".join(line for line in lines if line.lstrip().startswith("#"))
    fates = []
    for para in paras:
        shown = normalize(para.text)
        if not shown:
            continue
        if id(para) in keyed:
            fates.append(Fate(shown, KEY, keyed[id(para)]))
            continue
        units = [normalize(cell) for cell in para.cells if normalize(cell)] if para.table else [shown]
        for unit in units:
            fates.append(_fate(unit, data_text, comments, lines, causes, bool(para.table)))
    return fates


def _fate(unit: str, data_text: str, comments: str, lines: list[str], causes: list[str], cell: bool) -> Fate:
    pieces = _pieces(unit, causes)
    if cell:  # a cell is found whole, in the comment block of its table (a table is never text)
        pieces = [[unit]]
        data_text = ""
    if pieces and all(any(f in data_text for f in forms) for forms in pieces):
        line = _line(lines, pieces[0][-1], comment=False)
        return Fate(unit, TEXT, f"第 {line} 行" if line else "", cell)
    if pieces and all(any(f in data_text or f in comments for f in forms) for forms in pieces):
        line = _line(lines, pieces[0][-1], comment=True) or _line(lines, pieces[0][-1], comment=False)
        return Fate(unit, COMMENT, f"第 {line} 行" if line else "", cell)
    return Fate(unit, MISSING, "", cell)


def counts(fates: list[Fate]) -> dict[str, int]:
    found = {TEXT: 0, COMMENT: 0, KEY: 0, MISSING: 0}
    for fate in fates:
        found[fate.kind] += 1
    return found


def audit_table(fates: list[Fate], width: int = 24) -> list[str]:
    """A row per source paragraph or cell: 序号, 原文 (its start), 去向."""
    rows = []
    for number, fate in enumerate(fates, 1):
        shown = fate.source if len(fate.source) <= width else fate.source[:width] + "……"
        kind = {TEXT: "正文", COMMENT: "注释（待确认）", KEY: f"键“{fate.where}”", MISSING: "缺失"}[fate.kind]
        where = f" {fate.where}" if fate.kind in (TEXT, COMMENT) and fate.where else ""
        rows.append(f"  {number:>4}  {'表格 ' if fate.cell else ''}{shown}  →  {kind}{where}")
    return rows
