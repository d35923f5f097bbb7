"""Turn the year's indicator results into indicators.csv (UTF-8 with BOM, so Excel opens
it) and indicators.json (every figure, its sources and how its status was decided)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from reportgen.numbering import format_number
from reportgen.model.indicators import IndicatorResult, not_counted_reason

CSV_COLUMNS = ("序号", "指标", "单位", "类型", "方向", "汇总方式", "目标值", "完成值", "上年值",
               "较上年", "状态", "判定依据", "来源")


def _sources_text(result: IndicatorResult) -> str:
    return "；".join(f"{s.name} {format_number(s.value)}（{s.file}:{s.line}）" for s in result.sources)


def write_csv(results: list[IndicatorResult], target: Path) -> None:
    buffer = io.StringIO(newline="")
    table = csv.writer(buffer, lineterminator="\r\n")
    table.writerow(CSV_COLUMNS)
    for n, r in enumerate(results, 1):
        ind = r.indicator
        table.writerow((
            n, ind.name, ind.unit, ind.kind, ind.direction, ind.aggregation,
            format_number(r.target.value) if r.target else "", "" if r.value is None else format_number(r.value),
            "" if r.last_value is None else format_number(r.last_value), r.change, r.status, r.why, _sources_text(r),
        ))
    Path(target).write_bytes(buffer.getvalue().encode("utf-8-sig"))


def to_json(results: list[IndicatorResult], year: int) -> dict:
    return {
        "年度": year,
        "指标": [
            {
                "序号": n,
                "名称": r.indicator.name,
                "单位": r.indicator.unit,
                "类型": r.indicator.kind,
                "方向": r.indicator.direction,
                "汇总方式": r.indicator.aggregation,
                "责任单位": list(r.indicator.owners),
                "完成值": r.value,
                "目标": None if r.target is None else {
                    "本年度目标值": r.target.value,
                    "目标来源": r.target.kind,
                    "规划目标值": r.target.final,
                    "规划目标年度": r.target.final_year,
                },
                "上年值": r.last_value,
                "较上年": r.change,
                "状态": r.status,
                "判定依据": r.why,
                "来源": [
                    {"单位代码": s.unit, "单位": s.name, "数值": s.value, "说明": s.note, "文件": s.file, "行": s.line}
                    for s in r.sources
                ],
                "未计入": [
                    {"单位代码": s.unit, "单位": s.name, "数值": s.value, "文件": s.file, "行": s.line,
                     "原因": not_counted_reason(r.indicator, s)}
                    for s in r.ignored
                ],
            }
            for n, r in enumerate(results, 1)
        ],
    }


def write_json(results: list[IndicatorResult], year: int, target: Path) -> None:
    text = json.dumps(to_json(results, year), ensure_ascii=False, indent=2, sort_keys=False)
    Path(target).write_text(text + "\n", encoding="utf-8")
