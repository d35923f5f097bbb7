"""The `reportgen` command: parse the command line, call one function, report in Chinese."""

from __future__ import annotations

import sys
import tempfile
import time
import traceback
from pathlib import Path

import click

from . import __version__
from .errors import ReportgenError, display_path

CONTEXT = {"help_option_names": ["-h", "--help"]}

data_option = click.option(
    "--data", "data_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("data"),
    envvar="REPORTGEN_DATA", show_default=True, help="数据文件夹（内含 plan.yaml 和各年度文件夹）。",
)


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", message="reportgen %(version)s")
def cli() -> None:
    """reportgen：由各单位的 YAML 数据生成法治政府建设年度报告。

    常用命令：reportgen check 2023（检查数据）、reportgen new 2023 代码 --name 单位名称（生成填报模板）。
    """


def _print_diagnostics(result) -> None:
    for line in result.lines():
        click.echo(line)


@cli.command(context_settings=CONTEXT)
@click.argument("year", type=int)
@data_option
@click.option("--strict", is_flag=True, help="有警告时也返回失败（退出码 1）。")
def check(year: int, data_dir: Path, strict: bool) -> None:
    """检查 YEAR 年度的规划、_report.yaml 和各单位文件。

    每个问题一行：文件:行:列: 错误|警告: 说明。没有错误时退出码为 0。
    """
    from .project import check_year

    result = check_year(data_dir, year)
    _print_diagnostics(result)
    errors, warnings = len(result.errors), len(result.warnings)
    click.echo(f"共检查 {result.files} 个文件：{errors} 个错误，{warnings} 个警告。")
    if errors:
        click.echo(f"请按提示修改后重新运行 reportgen check {year}。")
        sys.exit(1)
    if warnings and strict:
        click.echo("使用了 --strict：有警告即视为未通过。")
        sys.exit(1)
    click.echo("检查通过。")


@cli.command(context_settings=CONTEXT)
@click.argument("year", type=int)
@data_option
@click.option("--unit", "unit", metavar="CODE", help="只生成这个单位的报告。")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="输出文件夹（默认 output/YEAR）。")
@click.option("--format", "fmt", type=click.Choice(["docx", "pdf", "all"]), default="all", show_default=True,
              help="生成的格式。")
@click.option("--templates", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="自定义模板文件夹：其中的同名文件替换默认模板。")
@click.option("--fonts", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="字体文件夹：优先使用其中的（正版）字体。")
@click.option("--no-indicators", is_flag=True, help="全市报告不附“主要指标完成情况表”。")
@click.option("--draft", is_flag=True, help="草稿：全市报告每个事项后注明来源单位和文件行号（灰色小字）。")
@click.option("--no-compilation", is_flag=True, help="不生成各单位报告的汇编（<报告机关><年度>年各单位……汇编）。")
@click.option("--jobs", "-j", type=click.IntRange(min=1), metavar="N",
              help="同时生成报告的进程数（默认为本机的全部 CPU 核数）。")
@click.option("--timings", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="把各阶段耗时写入 JSON 文件（供 bench/run.py 使用）。")
def build(year: int, data_dir: Path, unit: str | None, out_dir: Path | None, fmt: str,
          templates: Path | None, fonts: Path | None, no_indicators: bool, draft: bool,
          no_compilation: bool, jobs: int | None, timings: Path | None) -> None:
    """检查 YEAR 年度的数据，生成各单位和全市的年度报告（DOCX 与 PDF）。

    任何错误都会停止生成，不写任何文件。只重新生成数据、模板或字体有变化的报告。
    """
    from . import timing
    from .build import BuildFailed, BuildSettings, build as run_build, summary_line
    from .progress import Progress
    from .writers import FORMATS

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
        click.echo(f"共检查 {failed.result.files} 个文件：{len(failed.result.errors)} 个错误，"
                   f"{len(failed.result.warnings)} 个警告。未生成任何文件，请修改后重新运行。")
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
    if timings:
        _write_timings(timings, outcome, settings, timing.take(), time.perf_counter() - started)


def _write_timings(path: Path, outcome, settings, stages: dict, wall: float) -> None:
    import json

    from .parallel import default_jobs
    from .timing import STAGES

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
@click.argument("year", type=int)
@data_option
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="输出文件夹（默认 output/YEAR）。")
def verify(year: int, data_dir: Path, out_dir: Path | None) -> None:
    """核对 YEAR 年度的输出文件与生成时记录的 manifest.json 是否一致。

    发布前运行：任何输出文件在生成后被改动或缺失时退出码为 1；数据文件在生成后
    有改动时给出提示（报告需要重新生成）。
    """
    from .manifest import verify as run_verify

    folder = out_dir if out_dir is not None else Path("output") / str(year)
    content, findings = run_verify(folder, data_dir if data_dir.is_dir() else None)
    outputs = [f for f in findings if f.is_output]
    for f in outputs:
        click.echo(f"{display_path(folder / f.name)}: 错误: {f.problem}（与生成时记录的不一致）")
    for f in findings:
        if not f.is_output:
            click.echo(f"{display_path(data_dir / f.name)}: 警告: {f.problem}，报告需要重新生成")
    total = len(content["输出"])
    if outputs:
        click.echo(f"核对了 {total} 个输出文件：{len(outputs)} 个与生成时不一致。请重新运行 reportgen build {year}。")
        sys.exit(1)
    click.echo(f"核对了 {total} 个输出文件：全部与生成时一致（reportgen {content['reportgen']}）。")


@cli.command(context_settings=CONTEXT)
@click.argument("year", type=int)
@click.argument("code")
@click.option("--name", required=True, help="单位全称，如“云澜市司法局”。")
@data_option
def new(year: int, code: str, name: str, data_dir: Path) -> None:
    """为代码为 CODE 的单位生成 YEAR 年度的填报模板 data/YEAR/CODE.yaml。

    模板中每个键都有中文说明，并列出本单位负责的规划指标；已有文件不会被覆盖。
    """
    from .loader import load_file
    from .project import PLAN_FILE, REPORT_FILE, CheckResult, load_plan, unit_code_problem
    from .skeleton import render_skeleton, write_new_file

    problem = unit_code_problem(code)
    if problem:
        raise click.BadParameter(f"单位代码“{code}”不能用作文件名：{problem}", param_hint="CODE")
    plan, _ = load_plan(data_dir, CheckResult(year))
    if plan is None:
        raise ReportgenError(f"规划文件 {display_path(data_dir / PLAN_FILE)} 不存在或有错误，请先运行 reportgen check {year}。")
    target = data_dir / str(year) / f"{code}.yaml"
    write_new_file(target, render_skeleton(plan, code, name, year))
    click.echo(f"已生成 {display_path(target)}，请按其中的说明填写，然后运行 reportgen check {year}。")
    report = load_file(data_dir / str(year) / REPORT_FILE)
    units = report.data.get("单位") if report.ok and isinstance(report.data, dict) else None
    codes = {u.get("代码") for u in units or () if isinstance(u, dict)}
    if code not in codes:
        click.echo(f"提示：_report.yaml 的“单位”名单中还没有代码“{code}”，请联系法治政府建设办公室登记。")


def main() -> None:
    """Entry point: a user-fixable problem exits 1; anything else leaves a report, never a traceback."""
    try:
        cli.main(standalone_mode=False, prog_name="reportgen")
    except click.exceptions.Abort:
        click.echo("已中断。", err=True)
        sys.exit(130)
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
