"""The city report's 主要做法和成效 composed from items the secretariat chose (合并方式: 选用).

`_report.yaml` lists, under `选用事项`, per plan area, references to units' items:

    司法局/2/1                       group (二), item 1, as printed in the unit's own report
    司法局/2/1 提升政府立法质量和效率   the same, and the title it must still have
    司法局/提升政府立法质量和效率       by title, wherever the unit has moved it

or `{事项: <reference>, 改写: <text>}` to print the secretariat's shorter text instead of
the unit's. A reference that names no unit, group or item, or whose title no longer
matches, is an error (E230–E237), never a silent drop. `compose` gives the same
MergedGroup tuple as merge_by_area (合并方式: 全部), so report.j2 and the writers need not know
which way the report was made.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reportgen.errors import Diagnostic, Loc
from reportgen.messages import diag, suggestion
from reportgen.model.data import Body, Choice, Item, Report, Unit, YearData
from reportgen.numbering import group_number

CHOSEN = "选用"
EVERY = "全部"

_DIGITS = str.maketrans("０１２３４５６７８９／", "0123456789/")
_BY_POSITION = re.compile(r"^(?P<unit>[^/\s]+)\s*/\s*(?P<group>\d+)\s*/\s*(?P<item>\d+)(?:[\s\u3000]+(?P<title>\S.*))?$")
_BY_TITLE = re.compile(r"^(?P<unit>[^/\s]+)\s*/\s*(?P<title>[^/\d\s].*)$")


@dataclass(frozen=True)
class MergedGroup:
    """A (一) group of the city report: one plan area, items from the city and every unit."""

    title: str
    area: str
    items: tuple[Item, ...]
    loc: Loc | None = None


def merge_by_area(data: YearData) -> tuple[MergedGroup, ...]:
    """Plan-area order; within an area the city's own items first, then units in _report order."""
    report = data.report
    titles = dict(report.area_titles)
    sources: list[Body] = [report, *data.units]
    merged = []
    for area in data.plan.areas:
        items = tuple(item for body in sources for g in body.groups if g.area == area.code for item in g.items)
        if items:
            merged.append(MergedGroup(titles.get(area.code, area.name), area.code, items))
    return tuple(merged)


@dataclass(frozen=True)
class Chosen:
    """A reference resolved to the item it names."""

    unit: Unit
    group: int  # 1-based, as printed: （二） is 2
    item: int  # 1-based
    source: Item

    @property
    def key(self) -> tuple[str, int, int]:
        return self.unit.code, self.group, self.item


def reference(unit: Unit, group: int, item: int) -> str:
    """The reference string index.html offers for pasting: position, then title if any."""
    title = unit.groups[group - 1].items[item - 1].title
    return f"{unit.code}/{group}/{item}" + (f" {title}" if title else "")


def resolve(choice: Choice, units: dict[str, Unit], registered: dict[str, str]) -> Chosen | Diagnostic:
    """The item `choice` names, or the error that says why it names none."""
    text = choice.ref.translate(_DIGITS).strip()
    match = _BY_POSITION.match(text) or _BY_TITLE.match(text)
    if not match:
        return diag("E230", choice.loc, ref=choice.ref)
    code = match["unit"]
    unit = units.get(code)
    if unit is None:
        if code in registered:
            return diag("E232", choice.loc, code=code)
        return diag("E231", choice.loc, code=code, suggestion=suggestion(code, list(units), "单位代码"))
    title = (match["title"] or "").strip().rstrip("。") or None
    if "group" not in match.groupdict() or match.groupdict().get("group") is None:
        return _by_title(choice, unit, title)
    return _by_position(choice, unit, int(match["group"]), int(match["item"]), title)


def _positions(unit: Unit, title: str) -> list[tuple[int, int]]:
    return [(g, i) for g, group in enumerate(unit.groups, 1) for i, item in enumerate(group.items, 1)
            if item.title and item.title.rstrip("。") == title]


def _by_title(choice: Choice, unit: Unit, title: str) -> Chosen | Diagnostic:
    found = _positions(unit, title)
    if not found:
        titles = [item.title for group in unit.groups for item in group.items if item.title]
        return diag("E235", choice.loc, code=unit.code, title=title, suggestion=suggestion(title, titles, "事项标题"))
    if len(found) > 1:
        refs = "、".join(f"{unit.code}/{g}/{i}" for g, i in found)
        return diag("E237", choice.loc, code=unit.code, count=len(found), title=title, refs=refs)
    g, i = found[0]
    return Chosen(unit, g, i, unit.groups[g - 1].items[i - 1])


def _by_position(choice: Choice, unit: Unit, group: int, item: int, title: str | None) -> Chosen | Diagnostic:
    if not 1 <= group <= len(unit.groups):
        return diag("E233", choice.loc, code=unit.code, number=group_number(group).strip("（）"), count=len(unit.groups))
    items = unit.groups[group - 1].items
    if not 1 <= item <= len(items):
        return diag("E234", choice.loc, code=unit.code, group=group_number(group).strip("（）"), number=item,
                    count=len(items))
    source = items[item - 1]
    actual = (source.title or "").rstrip("。")
    if title and actual != title:
        moved = _positions(unit, title)
        hint = (f"这个标题的事项现在是 {unit.code}/{moved[0][0]}/{moved[0][1]}，请改为“{unit.code}/{moved[0][0]}/{moved[0][1]} {title}”"
                if len(moved) == 1 else f"请核对该单位的报告，改为“{unit.code}/{group}/{item} {actual}”或另选事项"
                if actual else "请核对该单位的报告后重新选用")
        return diag("E236", choice.loc, ref=f"{unit.code}/{group}/{item}", actual=actual or "（无标题）", title=title,
                    hint=hint)
    return Chosen(unit, group, item, source)


def _unit_of(choice: Choice) -> str | None:
    """The unit code a reference names, or None when it is no reference at all."""
    text = choice.ref.translate(_DIGITS).strip()
    match = _BY_POSITION.match(text) or _BY_TITLE.match(text)
    return match["unit"] if match else None


def check_composition(report: Report, units: dict[str, Unit], failed: frozenset[str] = frozenset()) -> list[Diagnostic]:
    """Every reference of 选用事项 checked against the submitted units; W320 for an item
    chosen twice, W322 when 选用事项 is written but 合并方式 is 全部. The choices from a
    unit whose file has errors (`failed`) cannot be checked yet: one I230 at the first of
    them says so, instead of an error for each that would tell to delete a good choice (#18)."""
    composition = report.composition
    if not composition.choices:
        return []
    if composition.mode != CHOSEN:
        return [diag("W322", composition.mode_loc or composition.choices[0].loc)]
    registered = {ref.code: ref.name for ref in report.units}
    found: list[Diagnostic] = []
    first: dict[tuple, Loc] = {}
    waiting: dict[str, list[Choice]] = {}
    for choice in composition.choices:
        code = _unit_of(choice)
        if code in failed and code in registered:
            waiting.setdefault(code, []).append(choice)
            continue
        chosen = resolve(choice, units, registered)
        if isinstance(chosen, Diagnostic):
            found.append(chosen)
        elif chosen.key in first:
            found.append(diag("W320", choice.loc, ref="/".join(map(str, chosen.key)), first_line=first[chosen.key].line))
        else:
            first[chosen.key] = choice.loc
    for code, choices in waiting.items():
        found.append(diag("I230", choices[0].loc, code=code, count=len(choices)))
    return sorted(found, key=lambda d: (d.loc.line, d.loc.col))


def chosen_items(data: YearData) -> list[tuple[Choice, Chosen]]:
    """The resolved choices in the order written, each item once (the data has been checked)."""
    units = {u.code: u for u in data.units}
    registered = {ref.code: ref.name for ref in data.report.units}
    seen, result = set(), []
    for choice in data.report.composition.choices:
        chosen = resolve(choice, units, registered)
        if isinstance(chosen, Chosen) and chosen.key not in seen:
            seen.add(chosen.key)
            result.append((choice, chosen))
    return result


@dataclass(frozen=True)
class RewrittenItem(Item):
    """A chosen item printed with the secretariat's 改写 text; `loc` stays the unit's
    item, so --draft still names the source, and `rewrite_loc` says where the text is."""

    rewrite_loc: Loc | None = None


def compose(data: YearData) -> tuple[MergedGroup, ...]:
    """Plan-area order; within an area the city's own items first, then the chosen items
    in the order 选用事项 lists them. Areas with nothing are left out."""
    report = data.report
    titles = dict(report.area_titles)
    by_area: dict[str, list[Item]] = {}
    for choice, chosen in chosen_items(data):
        item = chosen.source
        if choice.rewrite:
            item = RewrittenItem(item.title, choice.rewrite, item.tasks, item.loc, choice.loc)
        by_area.setdefault(choice.area, []).append(item)
    merged = []
    for area in data.plan.areas:
        own = [item for g in report.groups if g.area == area.code for item in g.items]
        items = tuple(own + by_area.get(area.code, []))
        if items:
            merged.append(MergedGroup(titles.get(area.code, area.name), area.code, items))
    return tuple(merged)


def city_groups(data: YearData) -> tuple[MergedGroup, ...]:
    """The city report's groups: composed (选用) or every unit item merged (全部)."""
    return compose(data) if data.report.composition.mode == CHOSEN else merge_by_area(data)


def rewrites(groups: tuple[MergedGroup, ...]) -> dict[Loc, Loc]:
    """Source of a rewritten item → where its 改写 text is, for the --draft notes."""
    return {item.loc: item.rewrite_loc for g in groups for item in g.items
            if isinstance(item, RewrittenItem) and item.rewrite_loc}


def used_items(data: YearData) -> set[tuple[str, int, int]]:
    """(unit code, group, item) of every unit item the city report prints."""
    if data.report.composition.mode != CHOSEN:
        return {(u.code, g, i) for u in data.units for g, group in enumerate(u.groups, 1)
                for i, _ in enumerate(group.items, 1)}
    return {chosen.key for _, chosen in chosen_items(data)}


def pages_warning(report: Report, pages: int | None) -> Diagnostic | None:
    """W321 when the city report's PDF has more pages than 篇幅 allows."""
    limit = report.composition.pages
    if limit is None or pages is None or pages <= limit:
        return None
    return diag("W321", report.composition.pages_loc or Loc(report.source), pages=pages, limit=limit)
