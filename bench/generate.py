#!/usr/bin/env python3
"""Synthetic but realistic reportgen data of any size, for the benchmark (bench/run.py).

    python bench/generate.py OUT_DIR --units N [--groups G] [--items I] [--seed S] [--year 2023]

Writes OUT_DIR/plan.yaml (the sample plan's areas, tasks and indicators, with its units
mapped onto the synthetic ones), OUT_DIR/<year>/_report.yaml, OUT_DIR/<year>/<code>.yaml
for every unit and OUT_DIR/<year-1>/<code>.yaml with last year's indicator values. Earlier
.yaml files in those folders are removed first. The defaults (4 groups × 3 items) give about
1,800 characters of report text per unit, which reportgen lays out on 4 A4 pages (headings,
paragraph ends, the title and the signature leave about 450 characters a page). The same seed
always gives the same bytes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import random
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))
import vocab as V  # noqa: E402
from vocab import intro, issues, leader, paragraph, plans, we  # noqa: E402

SAMPLE = HERE.parent / "data"  # the sample plan and _report.yaml the generator starts from
CONTENT_RULES_OFF = ("W401", "W402", "W411", "W412", "W413", "W421", "W422", "I401")
MAX_RESPONSIBLE = 480  # reportgen allows 500 entries in a list (schema.MAX_ENTRIES)
SINGLE = "单一来源"


@dataclass(frozen=True)
class Unit:
    code: str
    name: str
    district: bool
    enforces: bool


def make_units(n: int, city: str) -> list[Unit]:
    """市级部门 first (about three in four, at most the real list), then 区县."""
    districts = 0 if n < 2 else max(1, n // 4)
    depts = min(len(V.DEPARTMENTS), n - districts)
    units = [Unit(code, city + name, False, enf) for code, name, enf in V.DEPARTMENTS[:depts]]
    for k in range(n - depts):
        code = V.DISTRICTS[k] if k < len(V.DISTRICTS) else f"第{k + 1}区"
        units.append(Unit(code, f"{city}{code}人民政府", True, False))
    return units


def dedupe(codes) -> list[str]:
    return list(dict.fromkeys(codes))


def make_plan(sample: dict, units: list[Unit]) -> dict:
    """The sample plan with its unit codes mapped onto `units`; 求和 targets scaled to them."""
    by_code = {u.code: u for u in units}
    districts = [u.code for u in units if u.district]
    seen = dedupe(c for t in sample.get("任务", ()) for key in ("牵头单位", "配合单位") for c in t.get(key) or ())
    seen = dedupe(seen + [c for i in sample.get("指标", ()) for c in i["责任单位"]])

    def role(code: str) -> str:
        if code in by_code:
            return code
        if code.endswith(("区", "县")) and districts:
            return districts[0]
        return units[seen.index(code) % len(units)].code

    tasks = []
    for t in sample.get("任务", ()):
        leads = dedupe(role(c) for c in t["牵头单位"])
        partners = [c for c in dedupe(role(c) for c in t.get("配合单位") or ()) if c not in leads]
        tasks.append({"编号": t["编号"], "领域": t["领域"], "内容": t["内容"], "牵头单位": leads, "配合单位": partners})
    indicators = []
    for ind in sample.get("指标", ()):
        ind = dict(ind)
        old = ind["责任单位"]
        resp = dedupe(role(c) for c in old)
        if ind["汇总"] != SINGLE:  # the indicator's kind of unit reports it everywhere
            if any(c.endswith(("区", "县")) for c in old):
                resp += districts
            if sum(by_code[c].enforces for c in old if c in by_code) >= 2 or len(old) >= 4:
                resp += [u.code for u in units if u.enforces]
            resp = dedupe(resp)[:MAX_RESPONSIBLE]
        if ind["汇总"] == "求和":
            scale = len(resp) / len(old)
            for key in ("目标", "基期"):
                if key in ind:
                    ind[key] = {y: max(1, round(v * scale)) for y, v in ind[key].items()}
        ind["责任单位"] = resp
        indicators.append(ind)
    return {"名称": sample["名称"], "起始年度": sample["起始年度"], "截止年度": sample["截止年度"],
            "领域": sample["领域"], "任务": tasks, "指标": indicators}


def groups(rng, unit: Unit, plan: dict, n_groups: int, n_items: int, city: str, year: int) -> list[dict]:
    area_codes = [a["代码"] for a in plan["领域"]]
    lead = {}  # area → this unit's lead tasks there, which its items must link (else W303)
    for t in plan["任务"]:
        if unit.code in t["牵头单位"]:
            lead.setdefault(t["领域"], []).append(t["编号"])
    chosen = [a for a in area_codes if a in lead][:n_groups]
    others = [a for a in area_codes if a not in chosen]
    rng.shuffle(others)
    while len(chosen) < n_groups:
        chosen.append(others.pop() if others else rng.choice(area_codes))
    chosen.sort(key=area_codes.index)
    unlinked = [n for a, ns in lead.items() if a not in chosen for n in ns]
    by_area = {a: [t["编号"] for t in plan["任务"] if t["领域"] == a] for a in area_codes}
    out = []
    for gi, area in enumerate(chosen):
        heads, tails, titles, *_ = V.AREAS[area]
        todo = list(lead.get(area, ()))
        items = []
        for ii, title in enumerate(rng.sample(titles * (1 + n_items // len(titles)), n_items)):
            item = {"标题": title, "内容": paragraph(rng, area, city, year, 2)}
            tasks = [todo.pop(0)] if todo else []
            if ii == n_items - 1:
                tasks += todo
            if not tasks and by_area[area] and rng.random() < 0.5:
                tasks = [rng.choice(by_area[area])]
            if gi == len(chosen) - 1 and ii == n_items - 1:
                tasks += unlinked
            if tasks:
                item["关联任务"] = tasks[0] if len(tasks) == 1 else tasks
            items.append(item)
        out.append({"标题": f"{rng.choice(heads)}，{rng.choice(tails)}", "领域": area, "事项": items})
    return out


# ---------------------------------------------------------------------------
# indicator values


def year_target(ind: dict, year: int, earliest: tuple | None = None) -> float:
    """This year's target as reportgen decides it (indicators.target_for): 每年, the year's
    milestone, or a straight line from the latest 基期, earlier milestone or last year's value."""
    targets = {y: v for y, v in ind["目标"].items() if y != "每年"}
    if "每年" in ind["目标"]:
        return ind["目标"]["每年"]
    if year in targets:
        return targets[year]
    upcoming = sorted((y, v) for y, v in targets.items() if y > year)
    if not upcoming:
        return targets[max(targets)]
    candidates = [(y, v) for y, v in list(ind.get("基期", {}).items()) + list(targets.items()) if y < year]
    if earliest and earliest[1] is not None:
        candidates.append(earliest)
    if not candidates:
        return upcoming[0][1]
    (y0, v0), (y1, v1) = max(candidates), upcoming[0]
    value = v0 + (v1 - v0) * (year - y0) / (y1 - y0)
    if ind["类型"] != "比率":
        value = math.floor(value + 1e-9) if ind["方向"] == "不高于" else math.ceil(value - 1e-9)
    return value


def city_value(ind: dict, values: list):
    """The city value of units' values (in the order of 责任单位), by the 汇总 rule."""
    if not values:
        return None
    how = ind["汇总"]
    if how == SINGLE:
        return values[0]
    return {"求和": sum, "最小值": min, "最大值": max}.get(how, lambda v: sum(v) / len(v))(values)


def tidy(value: float):
    return int(value) if float(value).is_integer() else value


def draw(ind: dict, target: float, share: int, good: bool, rng: random.Random):
    """One unit's value: meeting the target when `good`, missing it otherwise."""
    up = ind["方向"] == "不低于"
    if ind["类型"] == "排名":
        t = math.floor(target)
        return rng.randint(max(1, t - 3), max(1, t)) if good else rng.randint(math.ceil(target) + 1, math.ceil(target) + 4)
    base = target / share if ind["汇总"] == "求和" else target
    if good:
        value = base * (rng.uniform(1.0, 1.15) if up else rng.uniform(0.55, 1.0))
    else:
        value = base * (rng.uniform(0.93 if ind["类型"] == "比率" else 0.85, 0.995) if up else rng.uniform(1.05, 1.5))
    if ind["类型"] == "数量":
        value = math.ceil(value) if good == up else math.floor(value)
        return max(0, value if good or not up else min(value, math.ceil(base) - 1))
    value = min(100.0, (math.ceil(value * 10) if good == up else math.floor(value * 10)) / 10)
    if not good and up:
        value = min(value, round(base - 0.1, 1))
    return tidy(round(max(0.0, value), 1))


def indicator_values(plan: dict, units: list[Unit], year: int, rng: random.Random) -> dict[str, dict]:
    """code → {indicator: (this year's value or 不适用, last year's value)}. Last year's values
    come first (they set this year's progress target); whether an indicator meets its target
    city-wide is then decided per indicator, so the statuses vary."""
    values: dict[str, dict] = {u.code: {} for u in units}
    for ind in plan["指标"]:
        resp = ind["责任单位"]
        before = ind.get("基期", {}).get(year - 1) or year_target(ind, year - 1)
        last = {c: draw(ind, before, len(resp), rng.random() < 0.7, rng) for c in resp}
        target = year_target(ind, year, (year - 1, city_value(ind, list(last.values()))))
        met = rng.random() < 0.6
        missing = set() if met else set(resp)
        if not met and ind["汇总"] in ("最小值", "最大值"):
            missing = {rng.choice(resp)} | {c for c in resp if rng.random() < 0.15}
        for code in resp:
            if ind["汇总"] != SINGLE and code not in missing and rng.random() < 0.03:
                values[code][ind["名称"]] = ("不适用", last[code])
            else:
                values[code][ind["名称"]] = (draw(ind, target, len(resp), code not in missing, rng), last[code])
    return values


def with_note(ind: dict, value, last, rng: random.Random):
    if value == "不适用" or last is None or rng.random() < 0.75:
        return value
    if ind["类型"] == "排名":
        return {"值": value, "说明": f"上年第{last}名"}
    unit = "%" if ind["类型"] == "比率" else ind["单位"]
    return {"值": value, "说明": f"上年为{last}{unit}"}


# ---------------------------------------------------------------------------
# YAML, written by hand: plain scalars as people write them, and fast


def scalar(value, flow: bool = False) -> str:
    if isinstance(value, (bool, int, float)):
        return str(value).lower() if isinstance(value, bool) else str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    s = str(value)
    plain = (s and not s.isascii() and s[0] not in "-?:,[]{}#&*!|>'\"%@` " and s == s.strip()
             and ": " not in s and " #" not in s and not s.endswith(":") and "\n" not in s
             and not (flow and any(c in s for c in ",[]{}")))
    return s if plain else json.dumps(s, ensure_ascii=False)


def _flow(value) -> str | None:
    if isinstance(value, list) and all(not isinstance(v, (dict, list)) and len(str(v)) <= 20 for v in value):
        return "[" + ", ".join(scalar(v, True) for v in value) + "]"
    if isinstance(value, dict) and len(value) <= 3 and all(not isinstance(v, (dict, list)) for v in value.values()):
        return "{" + ", ".join(f"{scalar(k, True)}: {scalar(v, True)}" for k, v in value.items()) + "}"
    return None


def block(value, indent: int = 0) -> list[str]:
    pad, lines = " " * indent, []
    if isinstance(value, dict):
        for k, v in value.items():
            if not isinstance(v, (dict, list)):
                lines.append(f"{pad}{scalar(k)}: {scalar(v)}")
            elif (flow := _flow(v)) is not None:
                lines.append(f"{pad}{scalar(k)}: {flow}")
            else:
                lines.append(f"{pad}{scalar(k)}:")
                lines += block(v, indent + 2)
        return lines
    for v in value:
        if not isinstance(v, (dict, list)):
            lines.append(f"{pad}- {scalar(v)}")
        else:
            sub = block(v, indent + 2)
            lines += [f"{pad}- {sub[0][indent + 2:]}", *sub[1:]]
    return lines


def dump(path: Path, data: dict, comment: str) -> int:
    text = f"# {comment}\n" + "\n".join(block(data)) + "\n"
    path.write_text(text, encoding="utf-8")
    return len(text)


# ---------------------------------------------------------------------------


def generate(out: Path, units: int = 10, groups_per_unit: int = 4, items: int = 4, seed: int = 2023,
             year: int = 2023, sample: Path = SAMPLE) -> dict:
    """Write the data; return a summary (units, files, characters of text per unit)."""
    if units < 1 or groups_per_unit < 1 or items < 1:
        raise ValueError("--units, --groups and --items must be at least 1")
    out = Path(out)
    if out.resolve() == sample.resolve():
        raise ValueError(f"refusing to overwrite the sample data in {sample}")
    rng = random.Random(seed)
    plan_sample = yaml.safe_load((sample / "plan.yaml").read_text(encoding="utf-8"))
    report_path = sample / str(year) / "_report.yaml"
    if not report_path.is_file():
        report_path = sample / "2023" / "_report.yaml"
    report_sample = yaml.safe_load(report_path.read_text(encoding="utf-8")) if report_path.is_file() else {}
    name = plan_sample["名称"]
    city = m.group(1) if (m := re.match(r"(.+?[市州县区])", name)) else "云澜市"
    unit_list = make_units(units, city)
    plan = make_plan(plan_sample, unit_list)
    area_codes = [a["代码"] for a in plan["领域"]]
    values = indicator_values(plan, unit_list, year, rng)

    this_dir, last_dir = out / str(year), out / str(year - 1)
    for folder in (this_dir, last_dir):
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("*.yaml"):
            old.unlink()
    dump(out / "plan.yaml", plan, f"{name}（bench/generate.py 生成，seed={seed}）")

    chars, catalog = [], {}  # catalog: area → references of the units' items, for 选用事项
    for unit in unit_list:
        urng = random.Random(f"{seed}:{unit.code}")
        body = groups(urng, unit, plan, groups_per_unit, items, city, year)
        used = [g["领域"] for g in body]
        for g, group in enumerate(body, 1):
            for i, item in enumerate(group["事项"], 1):
                catalog.setdefault(group["领域"], []).append(f"{unit.code}/{g}/{i} {item['标题']}")
        data = {"单位": unit.name, "年度": year,
                "成文日期": dt.date(year + 1, 1, 10) + dt.timedelta(days=urng.randint(0, 45)),
                "导语": intro(urng, we(unit.code), name, year, used), "主要做法和成效": body,
                "存在问题": issues(urng), "第一责任人履职情况": leader(urng, unit.district),
                "下一步计划": plans(urng, used)}
        own = values[unit.code]
        if own:
            data["指标"] = {k: with_note(plan_ind, v, last, urng) for plan_ind in plan["指标"]
                          for k, (v, last) in own.items() if k == plan_ind["名称"]}
        chars.append(text_chars(data))
        dump(this_dir / f"{unit.code}.yaml", data, f"{unit.name}{year}年法治政府建设情况（合成数据）")
        past = {k: last for k, (v, last) in own.items() if last is not None}
        dump(last_dir / f"{unit.code}.yaml", {"单位": unit.name, "年度": year - 1, **({"指标": past} if past else {})},
             f"{year - 1}年度指标完成值（合成数据）")

    report = {"报告机关": report_sample.get("报告机关", f"{city}人民政府")}
    if report_sample.get("主送"):
        report["主送"] = report_sample["主送"]
    report.update({"成文日期": dt.date(year + 1, 3, 20), "导语": intro(rng, f"{city}", name, year, area_codes)})
    if isinstance(report_sample.get("领域标题"), dict):
        report["领域标题"] = {k: v for k, v in report_sample["领域标题"].items() if k in area_codes}
    lead_group = groups(rng, Unit("_report", report["报告机关"], False, False), plan, 1, 2, city, year)
    report.update({"主要做法和成效": lead_group, "存在问题": issues(rng),
                   "第一责任人履职情况": [leader(rng, True), paragraph(rng, "领导", city, year, 3)],
                   "下一步计划": plans(rng, area_codes, 4),
                   "其他需要报告的情况": paragraph(rng, "监督", city, year, 2),
                   "单位": [{"代码": u.code, "名称": u.name} for u in unit_list],
                   # the secretariat's composition: 3 chosen items per area, as a published report has
                   "合并方式": "选用",
                   "选用事项": {a: chosen_items(rng, catalog[a], CHOSEN_PER_AREA) for a in area_codes if a in catalog}})
    # The synthetic text is random: its figures, problems and plans do not answer each other and
    # its phrases repeat, so the content rules that judge meaning are switched off here (they
    # still run, and are timed; the punctuation norms stay on).
    report["检查"] = {code: "关闭" for code in CONTENT_RULES_OFF}
    dump(this_dir / "_report.yaml", report, f"{report['报告机关']}{year}年法治政府建设年度报告 —— 报告机关的设置（合成数据）")
    return {"units": len(unit_list), "files": 2 + 2 * len(unit_list), "chars_per_unit": sum(chars) / len(chars)}


CHOSEN_PER_AREA = 3


def chosen_items(rng, refs: list[str], count: int) -> list[str]:
    """`count` references of one area, from as many different units as there are."""
    by_unit: dict[str, list[str]] = {}
    for ref in refs:
        by_unit.setdefault(ref.split("/", 1)[0], []).append(ref)
    units = sorted(by_unit)
    rng.shuffle(units)
    picked = [rng.choice(by_unit[u]) for u in units[:count]]
    rest = [r for r in refs if r not in picked]
    return picked + rng.sample(rest, min(len(rest), count - len(picked)))


def text_chars(data) -> int:
    """Characters of report text in a unit's data (what the pages are made of)."""
    if isinstance(data, dict):
        return sum(text_chars(v) for k, v in data.items() if k not in ("单位", "年度", "成文日期", "领域", "关联任务", "指标"))
    if isinstance(data, list):
        return sum(text_chars(v) for v in data)
    return len(data) if isinstance(data, str) else 0


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Generate synthetic reportgen data for the benchmark.")
    parser.add_argument("out", type=Path, help="output data folder (plan.yaml, YEAR/, YEAR-1/)")
    parser.add_argument("--units", type=int, default=10, help="number of units (default 10)")
    parser.add_argument("--groups", type=int, default=4, help="（一） groups per unit (default 4)")
    parser.add_argument("--items", type=int, default=4, help="1. items per group (default 4: a unit report of 5 pages)")
    parser.add_argument("--seed", type=int, default=2023)
    parser.add_argument("--year", type=int, default=2023)
    parser.add_argument("--sample", type=Path, default=SAMPLE, help="folder with the sample plan.yaml (default: data/)")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    try:
        summary = generate(args.out, args.units, args.groups, args.items, args.seed, args.year, args.sample)
    except ValueError as exc:
        parser.error(str(exc))
    print(f"{summary['units']} units, {summary['files']} files, {summary['chars_per_unit']:.0f} characters "
          f"of text per unit, in {time.perf_counter() - start:.2f} s → {args.out}")


if __name__ == "__main__":
    main()
