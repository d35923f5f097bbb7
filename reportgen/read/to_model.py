"""Turn checked files (`Loaded`) into the frozen data of reportgen/model/data.py.

Called only on files that passed validation, so every required key is there.
"""

from __future__ import annotations

from reportgen.model.data import (
    Area,
    Choice,
    Composition,
    Entry,
    Group,
    Indicator,
    IndicatorValue,
    Item,
    Plan,
    Report,
    Task,
    Text,
    Unit,
    UnitRef,
)
from reportgen.read.loader import Loaded
from reportgen.read.schema import ANNUAL, NOT_APPLICABLE
from reportgen.read.submission import submission_from
from reportgen.read.text_warnings import strip_numbering


def default_title(author: str, year: int) -> str:
    return f"{author}{year}年法治政府建设年度报告"


def _year_values(mapping: dict | None) -> tuple[tuple[int, float], ...]:
    return tuple(sorted((y, v) for y, v in (mapping or {}).items() if isinstance(y, int)))


def plan_from(loaded: Loaded) -> Plan:
    d = loaded.data
    return Plan(
        name=d["名称"],
        start=d["起始年度"],
        end=d["截止年度"],
        areas=tuple(Area(a["代码"], a["名称"]) for a in d["领域"]),
        tasks=tuple(
            Task(t["编号"], t["领域"], t["内容"], tuple(t["牵头单位"]), tuple(t.get("配合单位") or ()))
            for t in d.get("任务") or ()
        ),
        indicators=tuple(
            Indicator(
                name=i["名称"],
                unit=i["单位"],
                kind=i["类型"],
                direction=i["方向"],
                targets=_year_values(i["目标"]),
                annual=i["目标"].get(ANNUAL),
                baseline=_year_values(i.get("基期")),
                aggregation=i["汇总"],
                owners=tuple(i["责任单位"]),
                aliases=_aliases(i.get("别名")),
            )
            for i in d.get("指标") or ()
        ),
    )


def _aliases(value) -> tuple[str, ...]:
    names = [value] if isinstance(value, str) else value or ()
    return tuple(name.strip() for name in names)


def _paragraphs(loaded: Loaded, path: tuple, value) -> tuple[Text, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (Text(value.strip(), loaded.loc(path)),)
    return tuple(Text(v.strip(), loaded.loc(path + (i,))) for i, v in enumerate(value))


def _entries(loaded: Loaded, path: tuple, value) -> tuple[Entry, ...]:
    result = []
    for i, entry in enumerate(value or ()):
        loc = loaded.loc(path + (i,))
        if isinstance(entry, str):
            result.append(Entry(None, entry.strip(), loc))
        else:
            title, cause = entry.get("标题"), entry.get("原因")
            result.append(Entry(strip_numbering(title).strip() if title else None, entry["内容"].strip(), loc,
                                cause.strip() if cause else None))
    return tuple(result)


def _groups(loaded: Loaded, value) -> tuple[Group, ...]:
    groups = []
    for gi, g in enumerate(value or ()):
        items = []
        for ii, item in enumerate(g["事项"]):
            loc = loaded.loc(("主要做法和成效", gi, "事项", ii))
            if isinstance(item, str):  # a paragraph as written: the report gives it no number (#18)
                items.append(Item(None, item.strip(), (), loc))
                continue
            tasks = item.get("关联任务") or ()
            tasks = (tasks,) if isinstance(tasks, int) else tuple(tasks)
            title = item.get("标题")
            items.append(Item(strip_numbering(title).strip() if title else None, item["内容"].strip(), tasks, loc))
        groups.append(Group(strip_numbering(g["标题"]).strip(), g["领域"], tuple(items),
                            loaded.loc(("主要做法和成效", gi))))
    return tuple(groups)


def _body_fields(loaded: Loaded, author: str, year: int) -> dict:
    d = loaded.data
    return dict(
        author=author,
        year=year,
        title=(d.get("标题") or default_title(author, year)).strip(),
        addressee=d.get("主送"),
        date=d.get("成文日期"),
        annotation=d.get("附注"),
        intro=_paragraphs(loaded, ("导语",), d.get("导语")),
        groups=_groups(loaded, d.get("主要做法和成效")),
        problems=_entries(loaded, ("存在问题",), d.get("存在问题")),
        duty=_paragraphs(loaded, ("第一责任人履职情况",), d.get("第一责任人履职情况")),
        plans=_entries(loaded, ("下一步计划",), d.get("下一步计划")),
        other=_paragraphs(loaded, ("其他需要报告的情况",), d.get("其他需要报告的情况")),
        source=loaded.display,
        submission=submission_from(d),
    )


def unit_from(loaded: Loaded, code: str, year: int) -> Unit:
    d = loaded.data
    values = []
    for name, raw in (d.get("指标") or {}).items():
        note = None
        if isinstance(raw, dict):
            note, raw = raw.get("说明"), raw.get("值")
        applicable = raw != NOT_APPLICABLE
        values.append(IndicatorValue(name, raw if applicable else None, applicable, note, loaded.loc(("指标", name))))
    return Unit(**_body_fields(loaded, d["单位"].strip(), year), code=code, indicators=tuple(values))


def report_from(loaded: Loaded, year: int) -> Report:
    d = loaded.data
    return Report(
        **_body_fields(loaded, d["报告机关"].strip(), year),
        area_titles=tuple((k, strip_numbering(v).strip()) for k, v in (d.get("领域标题") or {}).items()),
        units=tuple(UnitRef(u["代码"], u["名称"].strip(), loaded.loc(("单位", i))) for i, u in enumerate(d["单位"])),
        rule_levels=tuple((str(code), level, loaded.key_loc(("检查", code)))
                          for code, level in (d.get("检查") or {}).items()),
        composition=composition_from(loaded),
        font_scheme=d.get("字体") or "通用",
    )


def composition_from(loaded: Loaded) -> Composition:
    """合并方式, 选用事项 and 篇幅 of _report.yaml (shape checked by the schema)."""
    d = loaded.data
    choices = []
    for area, entries in (d.get("选用事项") or {}).items():
        for i, entry in enumerate(entries or ()):
            if isinstance(entry, dict):
                rewrite = entry.get("改写")
                choices.append(Choice(area, entry["事项"].strip(), rewrite.strip() if rewrite else None,
                                      loaded.loc(("选用事项", area, i, "事项"))))
            else:
                choices.append(Choice(area, entry.strip(), None, loaded.loc(("选用事项", area, i))))
    return Composition(
        mode=d.get("合并方式") or "全部",
        choices=tuple(choices),
        pages=d.get("篇幅"),
        pages_loc=loaded.loc(("篇幅",)) if "篇幅" in d else None,
        mode_loc=loaded.loc(("合并方式",)) if "合并方式" in d else None,
    )
