"""The `reportgen` command: parse the command line, call one function, report in Chinese."""

from __future__ import annotations

import sys
import tempfile
import time
import traceback
from pathlib import Path

import click

from reportgen import __version__
from reportgen.errors import ReportgenError, display_path

from reportgen.cli_zh import ChineseGroup, install, show_usage_error

install()  # before the commands are declared: click looks some of its texts up then

CONTEXT = {"help_option_names": ["-h", "--help"]}
PLAN_FILE = "plan.yaml"


class NotAProject(ReportgenError):
    """The command was run outside a project (no plan.yaml in the data folder)."""


def require_project(ctx: click.Context, param: click.Parameter, data_dir: Path) -> Path:
    """The one place that checks a command runs in a project: every command with
    `data_option` stops here, before doing anything, when the data folder has no plan."""
    if ctx.resilient_parsing or (data_dir / PLAN_FILE).exists():
        return data_dir
    raise NotAProject(f"当前文件夹 {Path.cwd()} 不是 reportgen 项目：找不到 {display_path(data_dir / PLAN_FILE)}。"
                      "请在项目文件夹中运行，或用 --data 指定数据文件夹")


def data_folder_option(check: bool = True):
    """--data; with `check`, the command needs a project (see require_project). A command
    that makes a project (init) uses `data_folder_option(check=False)`."""
    return click.option(
        "--data", "data_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("data"),
        envvar="REPORTGEN_DATA", show_default=True, callback=require_project if check else None,
        help="数据文件夹（内含 plan.yaml 和各年度文件夹）。",
    )


data_option = data_folder_option()


@click.group(cls=ChineseGroup, context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", message="reportgen %(version)s")
def cli() -> None:
    """reportgen：由各单位的 YAML 数据生成法治政府建设年度报告。

    常用命令：reportgen check 2023（检查数据）、reportgen new 2023 代码 --name 单位名称（生成填报模板）。
    """


def _print_diagnostics(result) -> None:
    for line in result.lines():
        click.echo(line)


def _counts(result) -> str:
    infos = f"，{len(result.infos)} 个提示" if result.infos else ""
    return f"{len(result.errors)} 个错误，{len(result.warnings)} 个警告{infos}"


@cli.command(context_settings=CONTEXT)
@click.argument("year", type=int, required=False)
@data_folder_option(check=False)  # --explain needs no project; checked below otherwise
@click.option("--strict", is_flag=True, help="有警告或提示时也返回失败（退出码 1）。")
@click.option("--unit", "unit", metavar="单位代码", help="只检查这个单位的文件（对照规划和 _report.yaml）。")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="json：每个问题一行 JSON，供编辑器和脚本读取。")
@click.option("--explain", metavar="代码", help="说明一个检查项目（如 W401）：规则、理由和依据。")
def check(year: int | None, data_dir: Path, strict: bool, unit: str | None, fmt: str, explain: str | None) -> None:
    """检查该年度的规划、_report.yaml 和各单位文件。

    每个问题一行：文件:行:列: 错误|警告|提示: 说明。没有错误时退出码为 0。
    """
    if explain is not None:
        from reportgen.content.rules import explain as explain_rule

        text = explain_rule(explain)
        if text is None:
            raise click.BadParameter(f"没有代码为“{explain}”的检查项目。代码是一个字母加三位数字，如 E117、W401，"
                                     "写在每个问题那一行末尾的方括号中", param_hint="--explain")
        click.echo(text)
        return
    if year is None:
        raise click.UsageError("请写出要检查的年度，如 reportgen check 2023")
    require_project(click.get_current_context(), None, data_dir)
    from reportgen.read.check_output import json_lines
    from reportgen.pipeline.check import check_year

    result = check_year(data_dir, year, only=unit, keep_sources=True)
    from reportgen.pipeline.printable import check_printable
    from reportgen.render.pdf.fonts import resolve_fonts

    try:
        fonts = resolve_fonts(None)
    except ReportgenError:
        fonts = None  # no fonts to check against: build says so when it needs them
    if fonts is not None:
        check_printable(result, fonts)  # E126 as build finds it, with the default fonts
    if fmt == "json":
        for line in json_lines(result):
            click.echo(line)
        sys.exit(1 if result.errors or (strict and (result.warnings or result.infos)) else 0)
    _print_diagnostics(result)
    errors = len(result.errors)
    click.echo(f"共检查 {result.files} 个文件：{_counts(result)}。")
    if errors:
        again = f" --unit {unit}" if unit else ""
        click.echo(f"请按提示修改后重新运行 reportgen check {year}{again}。")
        sys.exit(1)
    if (result.warnings or result.infos) and strict:
        click.echo("使用了 --strict：有警告或提示即视为未通过。")
        sys.exit(1)
    click.echo("检查通过。")


@cli.command(context_settings=CONTEXT)
@click.argument("year", type=int)
@data_option
@click.option("--unit", "unit", metavar="单位代码", help="只生成这个单位的报告。")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="输出文件夹（默认 output/<年度>）。")
@click.option("--format", "fmt", type=click.Choice(["docx", "pdf", "html", "all"]), default="all", show_default=True,
              help="生成的格式（html：网页版，即 <名称>.html 与 <名称>.fragment.html；all：全部三种）。")
@click.option("--templates", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="自定义模板文件夹：其中的同名文件替换默认模板。")
@click.option("--fonts", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="字体文件夹：优先使用其中的（正版）字体。")
@click.option("--no-indicators", is_flag=True, help="全市报告不附“主要指标完成情况表”。")
@click.option("--draft", is_flag=True, help="草稿：另存为“<名称>（草稿）”，不替换正式文件；每页天头标明“草稿 仅供核对”，文件属性记为草稿；"
                   "全市报告每个事项后注明来源单位和文件行号（灰色小字）。")
@click.option("--no-compilation", is_flag=True, help="不生成各单位报告的汇编（<报告机关><年度>年各单位……汇编）。")
@click.option("--jobs", "-j", type=click.IntRange(min=1), metavar="N",
              help="同时生成报告的进程数（默认为本机的全部 CPU 核数）。")
@click.option("--timings", type=click.Path(dir_okay=False, path_type=Path), metavar="文件",
              help="把各阶段耗时写入 JSON 文件（供 bench/run.py 使用）。")
def build(year: int, data_dir: Path, unit: str | None, out_dir: Path | None, fmt: str,
          templates: Path | None, fonts: Path | None, no_indicators: bool, draft: bool,
          no_compilation: bool, jobs: int | None, timings: Path | None) -> None:
    """检查该年度的数据，生成各单位和全市的年度报告（DOCX、PDF 与网页版）。

    任何错误都会停止生成，不写任何文件。只重新生成数据、模板或字体有变化的报告。
    """
    from reportgen import timing
    from reportgen.pipeline.build import BuildFailed, BuildSettings, build as run_build, summary_line
    from reportgen.pipeline.progress import Progress
    from reportgen.render import FORMATS

    settings = BuildSettings(data_dir, year, out_dir, FORMATS if fmt == "all" else (fmt,), unit, templates, fonts,
                             indicators=not no_indicators, draft=draft, jobs=jobs,
                             compilation=not no_compilation)
    started = time.perf_counter()
    timing.take()
    bar = Progress()
    try:
        outcome = run_build(settings, progress=bar)
    except BuildFailed as failed:
        bar.close()
        _print_diagnostics(failed.result)
        click.echo(f"共检查 {failed.result.files} 个文件：{_counts(failed.result)}。未生成任何文件，请修改后重新运行。")
        sys.exit(1)
    finally:
        bar.close()
    for line in outcome.messages:
        click.echo(line)
    for note in outcome.notes:
        click.echo(f"提示：{note}")
    for item in outcome.written:
        click.echo(summary_line(item))
    if outcome.check is None:
        click.echo(f"数据、模板和字体都没有变化，{outcome.unchanged} 个文件已是最新，无需重新生成。")
    elif not outcome.written:
        click.echo(f"{outcome.unchanged} 个文件的内容都没有变化，无需重新生成。")
    elif outcome.unchanged:
        click.echo(f"共生成 {len(outcome.written)} 个文件；{outcome.unchanged} 个文件没有变化，保持不变。")
    else:
        click.echo(f"共生成 {len(outcome.written)} 个文件。")
    _after_build(outcome, settings.target_dir)
    if timings:
        _write_timings(timings, outcome, settings, timing.take(), time.perf_counter() - started)


def _after_build(outcome, target_dir: Path) -> None:
    """The drafts a full build removed, and the 核对码 to send with the output folder."""
    from reportgen.publish.manifest import MANIFEST
    from reportgen.publish.verify import manifest_code

    for path in outcome.removed:
        click.echo(f"已删除以前的草稿（正式文件已生成）：{display_path(path)}")
    if (target_dir / MANIFEST).is_file():
        click.echo(f"核对码：{manifest_code(target_dir)}（manifest.json 的 SHA-256。把输出文件夹交给发布的人时"
                   "另行发送这个核对码，发布前用 reportgen verify <文件夹> --核对码 <核对码> 核对）")


def _write_timings(path: Path, outcome, settings, stages: dict, wall: float) -> None:
    import json

    from reportgen.pipeline.parallel import default_jobs
    from reportgen.timing import STAGES

    content = {
        "stages": {name: round(stages.get(name, 0.0), 4) for name in STAGES},
        "pages": outcome.pages,
        "documents": outcome.rendered,
        "rebuilt": [item.path.name for item in outcome.written],
        "skipped": outcome.unchanged,
        "jobs": settings.jobs or default_jobs(),
        "wall": round(wall, 4),
    }
    try:
        path.write_text(json.dumps(content, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    except OSError as exc:
        raise ReportgenError(f"无法写入耗时文件 {display_path(path)}：{exc.strerror}") from None


@cli.command(context_settings=CONTEXT)
@click.argument("target", metavar="<文件夹>|<年度>")
@data_folder_option(check=False)  # needed for the <年度> form only; checked there
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="<年度> 的写法：输出文件夹（默认 output/<年度>）。")
@click.option("--核对码", "--expect", "expected", metavar="核对码",
              help="生成报告的人发来的核对码（manifest.json 的 SHA-256）：文件夹中的 manifest.json 不是那一份时不通过。")
@click.option("--quiet", "-q", is_flag=True, help="只列出问题（供脚本使用），不显示草稿提示和结论。")
def verify(target: str, data_dir: Path, out_dir: Path | None, expected: str | None, quiet: bool) -> None:
    """发布前核对输出文件夹：每个文件都与 manifest.json 的记录一致、没有未完成的内容、不是草稿。

    reportgen verify <文件夹>：只需要输出文件夹（发布的人用这个）；reportgen verify <年度>：在项目中运行，
    还核对数据在生成后有没有改动。每个问题一行，说明要重新生成或删除哪个文件，最后是结论和核对码。
    有问题时退出码为 1。
    """
    from reportgen.publish.manifest import MANIFEST
    from reportgen.publish.verify import read_manifest, report_lines, verify as run_verify

    folder = Path(target)
    if (folder / MANIFEST).is_file() or not target.isdigit():
        if not folder.is_dir():
            raise ReportgenError(f"找不到输出文件夹 {display_path(folder)}。请写出 reportgen build 生成的文件夹"
                                 "（内有 manifest.json），或在项目中写年度，如 reportgen verify 2023")
        data, year, again = None, read_manifest(folder)["年度"], f"{display_path(folder)}"
    else:
        try:
            require_project(click.get_current_context(), None, data_dir)
        except NotAProject as exc:
            raise NotAProject(f"{exc}。只有输出文件夹时，写出文件夹：reportgen verify <文件夹>") from None
        year, data, again = int(target), data_dir, target
        folder = out_dir if out_dir is not None else Path("output") / target
    verdict = run_verify(folder, data, expected)
    for line in report_lines(verdict, folder, data, year, quiet, again):
        click.echo(line)
    if verdict.problems:
        sys.exit(1)


@cli.command(context_settings=CONTEXT)
@click.argument("year", type=int)
@click.argument("code")
@click.option("--name", help="单位全称，如“云澜市司法局”；_report.yaml 已登记该代码时可省略。")
@data_option
def new(year: int, code: str, name: str | None, data_dir: Path) -> None:
    """为该单位生成该年度的填报模板 data/<年度>/<单位代码>.yaml。

    模板中每个键都有中文说明，并列出本单位负责的规划指标；已有文件不会被覆盖。
    """
    from reportgen.read.json_schema import schema_folder, write_schemas
    from reportgen.read.project import PLAN_FILE, REPORT_FILE, CheckResult, load_plan, unit_code_problem
    from reportgen.read.project import registered_units
    from reportgen.scaffold.skeleton import render_skeleton, unit_name, write_new_file

    problem = unit_code_problem(code)
    if problem:
        raise click.BadParameter(f"单位代码“{code}”不能用作文件名：{problem}", param_hint="单位代码")
    registered = registered_units(data_dir / str(year) / REPORT_FILE)
    name = unit_name(code, name, registered)
    plan, _ = load_plan(data_dir, CheckResult(year))
    if plan is None:
        raise ReportgenError(f"规划文件 {display_path(data_dir / PLAN_FILE)} 不存在或有错误，请先运行 reportgen check {year}。")
    target = data_dir / str(year) / f"{code}.yaml"
    write_new_file(target, render_skeleton(plan, code, name, year))
    write_schemas(plan, year, schema_folder(data_dir, year))  # named on the file's first line
    click.echo(f"已生成 {display_path(target)}，请按其中的说明填写，然后运行 reportgen check {year} --unit {code}。")
    if code not in registered:
        click.echo(f"提示：_report.yaml 的“单位”名单中还没有代码“{code}”，请联系法治政府建设办公室登记。")


@cli.command(context_settings=CONTEXT)
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--name", "authority", required=True, help="报告机关，如“云澜市人民政府”。")
@click.option("--year", type=click.IntRange(1949, 2200), required=True, help="第一个报告年度，如 2024。")
def init(folder: Path, authority: str, year: int) -> None:
    """在一个空的文件夹中创建一个新的报告项目（规划、年度设置、填报说明）。

    规划按国家《法治政府建设实施纲要（2021—2025年）》预置九个领域；已有内容的文件夹不会被改动。
    """
    from reportgen.scaffold.init_project import init_project, next_steps

    for path in init_project(folder, authority, year):
        click.echo(f"已生成 {display_path(path)}")
    click.echo(next_steps(folder, year))


@cli.command("new-year", context_settings=CONTEXT)
@click.argument("year", type=click.IntRange(1950, 2200))
@data_option
def new_year(year: int, data_dir: Path) -> None:
    """由上一年度的 _report.yaml 开始这个年度：沿用报告机关、领域标题和单位名单。

    生成 data/<年度>/_report.yaml（内容各项留待填写）；该年度的文件夹中已有文件时不做任何改动。
    """
    from reportgen.scaffold.new_year import start_year

    started = start_year(data_dir, year)
    for line in started.messages():
        click.echo(line)


@cli.command(context_settings=CONTEXT)
@click.argument("year", type=int)
@data_option
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="输出文件夹（默认 data/<年度>/schema）。")
def schema(year: int, data_dir: Path, out_dir: Path | None) -> None:
    """按规划生成该年度单位文件和 _report.yaml 的 JSON Schema，供编辑器提示和检查。

    reportgen new 和 init 写的文件第一行指向 data/<年度>/schema/ 中的这两个文件。
    """
    from reportgen.read.json_schema import year_schemas

    written, result = year_schemas(data_dir, year, out_dir)
    _print_diagnostics(result)
    if not written:
        click.echo(f"没有可用的规划，未生成 JSON Schema。请按提示修改后重新运行 reportgen schema {year}。")
        sys.exit(1)
    for path in written:
        click.echo(f"已生成 {display_path(path)}")


@cli.command("import", context_settings=CONTEXT)
@click.argument("year", type=int)
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="文件...")
@click.option("--code", help="单位代码（只导入一个文件时可用；默认取文件名）。")
@click.option("--name", help="单位全称（默认取 _report.yaml 中登记的名称，或报告标题中的单位）。")
@click.option("--force", is_flag=True, help="覆盖已有的单位文件（原文件先备份为带时间的 .bak）。")
@click.option("--templates", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="自定义模板文件夹：其中的 import_parts.yaml（各部分标题的用语）替换默认文件。")
@click.option("--核对", "--对照", "audit", is_flag=True,
              help="逐段列出原文的每一段和表格的每一格在生成的文件中的位置（正文、注释或键）。")
@data_option
def import_(year: int, files: tuple[Path, ...], code: str | None, name: str | None, force: bool,
            templates: Path | None, audit: bool, data_dir: Path) -> None:
    """把单位的 Word 报告（.docx、.doc、.wps、.odt、.txt、.md）导入为 data/<年度>/<单位代码>.yaml。

    可以一次导入多个文件；每个文件一行结果，最后是汇总表。有文件未能导入时退出码为 1。
    """
    from reportgen.read.project import REPORT_FILE, registered_units
    from reportgen.word_import.command import Settings, import_files, report

    outcomes = import_files(Settings(data_dir, year, code, name, force, templates), list(files))
    sys.exit(report(outcomes, year, registered_units(data_dir / str(year) / REPORT_FILE), audit))


def main() -> None:
    """Entry point: a user-fixable problem exits 1; anything else leaves a report, never a traceback."""
    try:
        cli.main(standalone_mode=False, prog_name="reportgen")
    except click.exceptions.Abort:
        click.echo("已中断。", err=True)
        sys.exit(130)
    except click.UsageError as exc:
        show_usage_error(exc)
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except ReportgenError as exc:
        click.echo(f"错误：{exc}", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        click.echo("已中断。", err=True)
        sys.exit(130)
    except Exception:  # noqa: BLE001 - the user must never see a traceback
        with tempfile.NamedTemporaryFile("w", prefix="reportgen-", suffix=".log", delete=False) as log:
            traceback.print_exc(file=log)
        click.echo(
            f"reportgen 内部错误（不是您的数据问题）。详细信息已保存到 {log.name}，请把该文件发给维护人员。",
            err=True,
        )
        sys.exit(3)
