"""`reportgen init`: a folder a secretariat can start from, written whole or not at all.

The folder holds a plan with the nine areas of the national 纲要, the year's `_report.yaml`,
the JSON Schemas for editors, a page for the units (填报说明.md) and a .gitignore. The
required texts that nobody can know yet are placeholders (placeholders.py), so `check`
passes on the fresh folder and its warnings list what to fill next.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from reportgen.errors import ReportgenError, display_path
from reportgen.read.json_schema import REPORT_SCHEMA_FILE, SCHEMA_FOLDER, modeline, schema_texts
from reportgen.read.loader import load_text
from reportgen.model.data import Plan
from reportgen.read.to_model import plan_from
from reportgen.read.placeholders import MARK, placeholder
from reportgen.read.project import PLAN_FILE, REPORT_FILE
from reportgen.read.schema import MAX_NAME, plan_schema
from reportgen.templating import environment
from reportgen.read.validate import check_schema

# The nine parts of 《法治政府建设实施纲要（2021—2025年）》, with the short codes the
# sample plan (data/plan.yaml) uses for them.
NATIONAL_AREAS = (
    ("职能", "依法全面履行政府职能"),
    ("制度", "完善依法行政制度体系"),
    ("决策", "健全行政决策制度体系"),
    ("执法", "健全行政执法工作体系"),
    ("应急", "健全突发事件应对体系"),
    ("纠纷", "健全社会矛盾纠纷行政预防调处化解体系"),
    ("监督", "健全行政权力制约和监督体系"),
    ("科技", "健全法治政府建设科技保障体系"),
    ("领导", "加强党的领导，完善法治政府建设推进机制"),
)
NATIONAL_PERIOD = (2021, 2025)
GUIDE_FILE = "填报说明.md"
# Every government has a 司法局, where the 法治政府建设办公室 usually sits: the one unit
# `init` can register without guessing. Its full name is a placeholder unless the
# government's name shows the place (“云澜市人民政府” → “云澜市司法局”).
FIRST_UNIT = "司法局"
GOVERNMENT_SUFFIX = "人民政府"


@dataclass(frozen=True)
class NewFile:
    rel: str  # path inside the new folder, with “/”
    text: str


def first_unit_name(authority: str) -> str:
    if authority.endswith(GOVERNMENT_SUFFIX) and len(authority) > len(GOVERNMENT_SUFFIX):
        return authority.removesuffix(GOVERNMENT_SUFFIX) + FIRST_UNIT
    return placeholder("司法局的单位全称，如“云澜市司法局”")


def render_files(authority: str, year: int) -> list[NewFile]:
    """Every file of the new folder, rendered before anything is written."""
    env = environment(None, autoescape=False)
    start, end = min(NATIONAL_PERIOD[0], year), max(NATIONAL_PERIOD[1], year)
    plan_text = env.get_template("init_plan.yaml.j2").render(
        authority=authority, year=year, start=start, end=end, areas=NATIONAL_AREAS,
        plan_name=placeholder("本地法治政府建设规划（实施方案）的全称，如“云澜市法治政府建设实施方案（2021—2025年）”"),
    )
    plan = _plan_of(plan_text)
    unit_name = first_unit_name(authority)
    report_text = render_report_settings(
        authority=authority, year=year, areas=NATIONAL_AREAS, area_titles=(),
        units=((FIRST_UNIT, unit_name),), command="init", merge_mode="选用",
    )
    guide = env.get_template("init_guide.md.j2").render(
        authority=authority, year=year, example_unit=unit_name if not unit_name.startswith(MARK) else "云澜市司法局",
    )
    return [
        NewFile(".gitignore", env.get_template("init_gitignore.j2").render()),
        NewFile(GUIDE_FILE, guide),
        NewFile(f"data/{PLAN_FILE}", plan_text),
        NewFile(f"data/{year}/{REPORT_FILE}", report_text),
        *schema_files(plan, year, f"data/{year}"),
    ]


def render_report_settings(**values) -> str:
    """`_report.yaml` for a year, as `init` and `new-year` write it."""
    template = environment(None, autoescape=False).get_template("report_settings.yaml.j2")
    values.setdefault("merge_mode", None)  # None: leave 合并方式 out (全部, the default)
    return template.render(modeline=modeline(REPORT_SCHEMA_FILE), blank=placeholder, **values)


def schema_files(plan: Plan, year: int, year_rel: str) -> list[NewFile]:
    return [NewFile(f"{year_rel}/{SCHEMA_FOLDER}/{name}", text) for name, text in schema_texts(plan, year).items()]


def _plan_of(text: str) -> Plan:
    """The plan `init` writes, read back as `check` reads it (a failure here is a bug)."""
    loaded = load_text(text, PLAN_FILE)
    problems = loaded.diagnostics + check_schema(loaded, plan_schema())
    if problems:
        raise RuntimeError(f"init 生成的规划不合格：{problems[0].format()}")
    return plan_from(loaded)


def refuse_target(folder: Path) -> None:
    """A Chinese error unless `folder` is missing or an empty folder that can be written to."""
    shown = display_path(folder)
    if folder.is_symlink() and not folder.exists():
        raise ReportgenError(f"{shown} 是一个指向不存在位置的链接。请换一个文件夹名称。")
    if folder.exists() and not folder.is_dir():
        raise ReportgenError(f"{shown} 是一个已有的文件，不是文件夹。请换一个文件夹名称。")
    if folder.is_dir():
        try:
            entries = sorted(p.name for p in folder.iterdir())
        except OSError as exc:
            raise ReportgenError(f"无法读取文件夹 {shown}：{exc.strerror}。") from None
        if entries:
            listed = "、".join(entries[:5]) + ("等" if len(entries) > 5 else "")
            raise ReportgenError(
                f"{shown} 不是空文件夹（其中已有 {listed}）。reportgen init 只在空文件夹或新文件夹中创建项目，"
                "不会改动已有的文件。请换一个文件夹名称，或先把其中的文件移走。"
            )
        if not os.access(folder, os.W_OK | os.X_OK):
            raise ReportgenError(f"没有写入文件夹 {shown} 的权限。请换一个文件夹，或请管理员开放写入权限。")


def check_authority(authority: str) -> None:
    if not authority.strip():
        raise ReportgenError("报告机关的名称不能为空，请用 --name 写明，如 --name 云澜市人民政府。")
    if len(authority) > MAX_NAME:
        raise ReportgenError(f"报告机关的名称有 {len(authority)} 个字，超过上限 {MAX_NAME} 个字（它用于落款和文件名）。")
    if not authority.isprintable():  # it is also written into comment lines: no line breaks
        raise ReportgenError("报告机关的名称中不能有换行符、制表符等不可见字符。")


def write_all(folder: Path, files: list[NewFile]) -> list[Path]:
    """Create the folder and every file; on any failure remove what was made and say why."""
    made: list[Path] = []  # files and folders created, in order
    try:
        for directory in reversed([folder, *folder.parents]):
            if not directory.exists():
                directory.mkdir()
                made.append(directory)
        for new in files:
            target = folder / new.rel
            for parent in reversed(list(target.relative_to(folder).parents)[:-1]):
                directory = folder / parent
                if not directory.exists():
                    directory.mkdir()
                    made.append(directory)
            with target.open("x", encoding="utf-8", newline="\n") as handle:
                made.append(target)
                handle.write(new.text)
    except OSError as exc:
        for path in reversed(made):
            try:
                path.rmdir() if path.is_dir() else path.unlink()
            except OSError:
                pass
        where = display_path(Path(exc.filename)) if exc.filename else display_path(folder)
        raise ReportgenError(f"无法在 {where} 写入：{exc.strerror}。没有留下任何文件，请换一个有写入权限的文件夹。") from None
    return [folder / new.rel for new in files]


def init_project(folder: Path, authority: str, year: int) -> list[Path]:
    check_authority(authority)
    refuse_target(folder)
    return write_all(folder, render_files(authority.strip(), year))


def next_steps(folder: Path, year: int) -> str:
    return (f"下一步：进入 {display_path(folder)} 文件夹，运行 reportgen check {year}，按警告逐项填写："
            f"data/{PLAN_FILE} 中的规划名称、任务和指标，data/{year}/{REPORT_FILE} 中的单位名单和各项内容。"
            f"{GUIDE_FILE} 写给各单位的填报人员，可以直接发给他们。")
