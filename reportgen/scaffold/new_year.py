"""`reportgen new-year`: start a year from the one before.

Only what carries over is taken from last year's `_report.yaml`: 报告机关, 领域标题 and the
unit list. The texts of the report are this year's to write; they start as placeholders
(placeholders.py), so units can `check` their files against the new year from day one.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportgen.errors import ReportgenError, display_path
from reportgen.read.schema import MERGE_MODES
from reportgen.scaffold.init_project import render_report_settings
from reportgen.read.json_schema import SCHEMA_FOLDER, schema_folder, write_schemas
from reportgen.read.loader import load_file
from reportgen.read.project import REPORT_FILE, CheckResult, load_plan
from reportgen.scaffold.skeleton import write_new_file


@dataclass(frozen=True)
class StartedYear:
    year: int
    report: Path
    authority: str
    units: tuple[tuple[str, str], ...]
    area_titles: int
    schemas: tuple[Path, ...]

    def messages(self) -> list[str]:
        lines = [f"已生成 {display_path(self.report)}：沿用 {self.year - 1} 年度的报告机关“{self.authority}”、"
                 f"{self.area_titles} 个领域标题和 {len(self.units)} 个单位；导语、存在问题等内容留待填写。"]
        lines += [f"已生成 {display_path(p)}" for p in self.schemas]
        lines.append(f"本年度应收到 {len(self.units)} 个单位文件（data/{self.year}/单位代码.yaml）。"
                     f"各单位运行下面的命令生成自己的填报模板，填好后运行 reportgen check {self.year}：")
        lines += [f"  reportgen new {self.year} {code} --name {_argument(name)}" for code, name in self.units]
        return lines


def _argument(text: str) -> str:
    """A name as it can be pasted into a command line."""
    return f'"{text}"' if any(c.isspace() or c in "'\"$`&|;<>()" for c in text) else text


def refuse_started(year_dir: Path) -> None:
    """The year is started already when its folder holds anything but the generated schemas."""
    if not year_dir.exists():
        return
    if not year_dir.is_dir():
        raise ReportgenError(f"{display_path(year_dir)} 是一个文件，不是年度文件夹。请先把它改名或移走。")
    present = sorted(p.name for p in year_dir.iterdir() if p.name != SCHEMA_FOLDER)
    if present:
        listed = "、".join(present[:5]) + ("等" if len(present) > 5 else "")
        raise ReportgenError(
            f"{display_path(year_dir)} 中已经有文件（{listed}），这个年度已经开始了。"
            "reportgen new-year 只用于开始一个新的年度，不会改动已有的文件。"
        )


def carried_over(path: Path) -> tuple[str, tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]:
    """报告机关, 单位 and 领域标题 of last year's `_report.yaml`; a Chinese error naming what is missing."""
    shown = display_path(path)
    if not path.is_file():
        raise ReportgenError(
            f"找不到上一年度的报告机关设置文件 {shown}。new-year 从它沿用报告机关、领域标题和单位名单；"
            "请先把上一年度的 _report.yaml 放到该位置，或者直接按 README 创建本年度的 _report.yaml。"
        )
    loaded = load_file(path)
    errors = [d for d in loaded.diagnostics if d.is_error]
    if errors:
        raise ReportgenError(f"上一年度的 {shown} 无法读取：\n{errors[0].format()}")
    data = loaded.data if isinstance(loaded.data, dict) else {}
    authority = data.get("报告机关")
    if not isinstance(authority, str) or not authority.strip() or not authority.isprintable():
        raise ReportgenError(f"{shown} 中没有“报告机关”（或它不是一段文字）。请改为一行文字，如“报告机关: 云澜市人民政府”。")
    units = data.get("单位")
    entries = [(u.get("代码"), u.get("名称")) for u in units or () if isinstance(u, dict)] if isinstance(units, list) else []
    if not entries or not all(isinstance(c, str) and isinstance(n, str) for c, n in entries):
        raise ReportgenError(f"{shown} 中没有完整的“单位”名单（每项写“代码”和“名称”）。请先在上一年度补全名单。")
    titles = data.get("领域标题")
    kept_titles = tuple((str(k), v) for k, v in titles.items() if isinstance(v, str)) if isinstance(titles, dict) else ()
    mode = data.get("合并方式") if data.get("合并方式") in MERGE_MODES else None  # 选用事项 change every year
    return authority.strip(), tuple((c, n.strip()) for c, n in entries), kept_titles, mode


def start_year(data_dir: Path, year: int) -> StartedYear:
    year_dir = data_dir / str(year)
    refuse_started(year_dir)
    authority, units, titles, mode = carried_over(data_dir / str(year - 1) / REPORT_FILE)
    result = CheckResult(year)
    plan, _ = load_plan(data_dir, result)
    if plan is None:
        shown = "\n".join(result.lines())
        raise ReportgenError(f"规划有错误，未生成任何文件。请先按提示修改：\n{shown}")
    text = render_report_settings(
        authority=authority, year=year, areas=tuple((a.code, a.name) for a in plan.areas),
        area_titles=titles, units=units, command="new-year", merge_mode=mode,
    )
    target = year_dir / REPORT_FILE
    try:
        write_new_file(target, text)
    except OSError as exc:
        raise ReportgenError(f"无法写入 {display_path(target)}：{exc.strerror}。") from None
    schemas = write_schemas(plan, year, schema_folder(data_dir, year))
    return StartedYear(year, target, authority, units, len(titles), tuple(schemas))
