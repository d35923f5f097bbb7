"""The “各单位事项” section of index.html: every unit item, by plan area, with the
reference string that chooses it for the city report (composition.py) and whether the
city report already uses it. Plain values only; templates/overview.html.j2 draws them."""

from __future__ import annotations

from dataclasses import dataclass

from reportgen.model.composition import CHOSEN, reference, used_items
from reportgen.model.data import YearData
from reportgen.numbering import group_number


@dataclass(frozen=True)
class CatalogItem:
    unit: str  # unit code
    unit_name: str
    position: str  # as printed in the unit's report: （二）1., or （二）第3段 for an item without a title
    title: str  # the lead sentence, or the start of the text when there is none
    length: int  # characters of 内容
    tasks: tuple[int, ...]
    ref: str  # ready to paste under 选用事项
    chosen: bool


@dataclass(frozen=True)
class CatalogArea:
    code: str
    name: str
    items: tuple[CatalogItem, ...]
    chosen: int


@dataclass(frozen=True)
class Coverage:
    unit: str
    unit_name: str
    used: int
    items: int


def item_catalog(data: YearData) -> dict:
    """areas: CatalogArea in plan order (areas no unit wrote about left out); coverage:
    how many of each unit's items the city report uses; mode: 选用 or 全部."""
    used = used_items(data)
    by_area: dict[str, list[CatalogItem]] = {}
    coverage = []
    for unit in data.units:
        count = 0
        for g, group in enumerate(unit.groups, 1):
            numbered = 0
            for i, item in enumerate(group.items, 1):
                count += 1
                numbered += bool(item.title)
                title = item.title or (item.text[:24] + ("…" if len(item.text) > 24 else ""))
                by_area.setdefault(group.area, []).append(CatalogItem(
                    unit.code, unit.author, _position(g, i, numbered if item.title else None), title,
                    len(item.text), item.tasks, reference(unit, g, i), (unit.code, g, i) in used))
        coverage.append(Coverage(unit.code, unit.author, sum(1 for key in used if key[0] == unit.code), count))
    areas = tuple(CatalogArea(a.code, a.name, tuple(by_area[a.code]), sum(1 for x in by_area[a.code] if x.chosen))
                  for a in data.plan.areas if a.code in by_area)
    return dict(areas=areas, coverage=tuple(coverage), mode=data.report.composition.mode, chosen_mode=CHOSEN)


def _position(group: int, paragraph: int, number: int | None) -> str:
    """Where the item stands in the unit's report: only items with a title are numbered
    there (model/document.py item), so one without is found by its paragraph in the group."""
    return f"{group_number(group)}{number}." if number is not None else f"{group_number(group)}第{paragraph}段"
