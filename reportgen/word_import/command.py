"""`reportgen import`: each report file → data/<year>/<code>.yaml, a line per file and a table.

A file that cannot be imported gets a Chinese error and writes nothing; the other files of
the batch still import. The exit status is that of `check`: 1 when any file had an error.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import click

from reportgen.errors import Diagnostic, Loc, ReportgenError, display_path
from reportgen.read.loader import load_text
from reportgen.messages import diag
from reportgen.read.project import PLAN_FILE, REPORT_FILE, CheckResult, load_plan, registered_units, unit_code_problem
from reportgen.read.schema import MAX_NAME
from reportgen.word_import.areas import assign_areas, indicator_hints
from reportgen.word_import.audit import COMMENT, KEY, MISSING, TEXT, account, audit_table, counts
from reportgen.word_import.tables import table_hints
from reportgen.word_import.sources import SUFFIXES, SourceProblem, read_source
from reportgen.word_import.phrases import cause_phrases, load_phrases, split_causes
from reportgen.word_import.structure import Imported, recognise

_NAME_IN_TITLE = re.compile(
    r"^(?:关于)?(?P<name>.+?)(?:关于)?(?:\d{4}|[〇零○一二三四五六七八九]{4})\s*年度?.*(?:法治|依法行政)")


@dataclass
class Outcome:
    """What happened to one file: for the summary line and the batch table."""

    source: Path
    code: str = ""
    target: Path | None = None
    groups: int = 0
    items: int = 0
    words: int = 0
    diagnostics: list[Diagnostic] = field(default_factory=list)
    backup: Path | None = None
    fates: list = field(default_factory=list)  # audit.Fate of each source paragraph and table cell

    @property
    def failed(self) -> bool:
        return any(d.is_error for d in self.diagnostics)


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    year: int
    code: str | None = None
    name: str | None = None
    force: bool = False
    templates: Path | None = None


class _Failed(Exception):
    def __init__(self, diagnostic: Diagnostic):
        self.diagnostic = diagnostic


def name_from_title(title: str | None) -> str | None:
    """“云澜市司法局2023年法治政府建设年度报告” → 云澜市司法局."""
    match = _NAME_IN_TITLE.match(title or "")
    return match.group("name").strip() if match else None


def expand_folders(files: list[Path]) -> list[Path]:
    """A folder stands for the report files in it (also where the shell expands no “*.docx”)."""
    found = []
    for path in files:
        if path.is_dir():
            found += sorted(p for p in path.iterdir()
                            if p.suffix.lower() in SUFFIXES and not p.name.startswith((".", "~$")))
        else:
            found.append(path)
    return found


def import_files(settings: Settings, files: list[Path]) -> list[Outcome]:
    plan, _ = load_plan(settings.data_dir, CheckResult(settings.year))
    if plan is None:
        raise ReportgenError(f"规划文件 {display_path(settings.data_dir / PLAN_FILE)} 不存在或有错误，"
                             f"请先运行 reportgen check {settings.year}。")
    registered = registered_units(settings.data_dir / str(settings.year) / REPORT_FILE)
    phrases = load_phrases(settings.year, settings.templates)
    causes = cause_phrases(settings.templates)
    files = expand_folders(files)
    outcomes = []
    for path in files:
        outcome = Outcome(path)
        try:
            if settings.code and len(files) > 1:
                raise _Failed(diag("E512", Loc(display_path(path)), count=len(files)))
            _import_one(path, settings, plan, registered, (phrases, causes), outcome)
        except _Failed as failed:
            outcome.diagnostics.append(failed.diagnostic)
        outcomes.append(outcome)
    return outcomes


def _import_one(path: Path, settings: Settings, plan, registered, phrases, outcome: Outcome) -> None:
    from reportgen.word_import.yaml_out import problems_of

    shown = display_path(path)
    where = Loc(shown)
    outcome.code = code = settings.code or path.stem
    problem = unit_code_problem(code)
    if problem:
        raise _Failed(diag("E215", where, code=code, reason=problem))
    try:
        source = read_source(path)
    except SourceProblem as exc:
        raise _Failed(diag(exc.code, where, **exc.fields)) from None
    part_phrases, causes = phrases
    imported = recognise(source, settings.year, part_phrases)
    split_causes(imported.problems, causes)
    found_year = re.search(r"(\d{4})\s*年", imported.title or "")
    if found_year and int(found_year.group(1)) != settings.year:
        imported.warnings.append(("W504", {"found": found_year.group(1), "year": settings.year}, ("年度",)))
    if registered and code not in registered:
        raise _Failed(diag("E513", where, code=code, hint=_registration_hint(imported, registered, path.suffix)))
    name = _unit_name(imported, code, settings.name, registered, where)
    if len(name) > MAX_NAME:
        raise _Failed(diag("E220", where, key="单位", count=len(name), limit=MAX_NAME, hint="请用 --name 指定单位全称"))
    hints = _suggestions(imported, plan, code, settings.year, name)
    target = settings.data_dir / str(settings.year) / f"{code}.yaml"
    text, written, fates = _render_accounted(imported, name, settings, path.name, hints, target, source, phrases[1])
    errors = problems_of(text, display_path(target), plan, code, settings.year, registered)
    if errors:
        raise _Failed(diag("E510", where, detail=errors[0].message))
    outcome.backup = _write(target, text, settings.force, where)
    outcome.target, outcome.fates = target, fates
    _count(imported, outcome)
    outcome.diagnostics += _placed(imported.warnings, text, written, target)


def _suggestions(imported: Imported, plan, code: str, year: int, name: str) -> list:
    """Areas and tasks (comments), indicator hints from the text and the tables; the warnings
    that a table, a closing formula or a signature line needs the filler's eye."""
    assign_areas(imported, plan, code)
    hints = indicator_hints(imported, plan, code)
    for table in imported.tables:
        hints += table_hints(table, plan, code, year)
        if not table.matched:
            imported.warnings.append(("W505", {"table": table.label}, f"原文{table.label}"))
    for line in imported.closing:
        imported.warnings.append(("W507", {"text": line}, f"原文落款前的“{line}”"))
    for line in imported.signature:  # a signature line that is not the unit's name may be text
        if line not in name:
            imported.warnings.append(("W507", {"text": line}, "原文落款："))
    return hints


def _placed(warnings, text: str, written, target: Path) -> list[Diagnostic]:
    """Each warning at the line of the file just written it is about: a key's path, or the
    first comment line holding the words given; in the order the filler reads the file."""
    lines = text.splitlines()
    found = []
    for code, fields, place in warnings:
        if isinstance(place, str):
            number = next((n for n, line in enumerate(lines, 1) if line.lstrip().startswith("#") and place in line), 1)
            found.append(diag(code, Loc(display_path(target), number, 1), **fields))
        else:
            found.append(diag(code, written.loc(place), **fields))
    return sorted(found, key=lambda d: d.loc.line or 0)


def _render_accounted(imported: Imported, name: str, settings: Settings, source_name: str, hints, target: Path,
                      source, causes) -> tuple[str, object, list]:
    """The unit file, with every source paragraph accounted for: one that is nowhere in it
    (a shape the recognition does not know) is added at the end as a comment (W506)."""
    from reportgen.word_import.yaml_out import render_unit_file

    text = render_unit_file(imported, name, settings.year, source_name, hints, settings.templates)
    written = load_text(text, display_path(target))
    fates = account(source.paras, imported.keyed, written.data or {}, text, causes)
    missing = tuple(dict.fromkeys(f.source for f in fates if f.kind == MISSING))
    if missing:
        text = render_unit_file(imported, name, settings.year, source_name, hints, settings.templates, missing)
        written = load_text(text, display_path(target))
        fates = account(source.paras, imported.keyed, written.data or {}, text, causes)
        imported.warnings.append(("W506", {"count": len(missing)}, "以下是原文中未能归入任何部分的段落"))
    return text, written, fates


def _unit_name(imported: Imported, code: str, given: str | None, registered: dict[str, str], where: Loc) -> str:
    found = name_from_title(imported.title)
    known = registered.get(code)
    if given:
        if known and given.strip() != known:
            raise _Failed(diag("E213", where, value=given, registered=known))
        return given.strip()
    if known:
        if found and found not in known and known not in found:
            raise _Failed(diag("E509", where, found=found, code=code, registered=known))
        return known
    if found:
        return found
    if imported.signature:
        return imported.signature[0]
    raise _Failed(diag("E508", where, code=code))


def _registration_hint(imported: Imported, registered: dict[str, str], suffix: str) -> str:
    """The registered code of the unit the title names, when there is one."""
    found = name_from_title(imported.title)
    for code, name in registered.items():
        if found and (found == name or found in name or name in found):
            return f"报告标题中的“{found}”登记的代码是“{code}”：请把文件改名为“{code}{suffix}”，或加 --code {code}"
    shown = "、".join(registered)
    return f"请用 --code 指定登记的代码（{shown}），或请法治政府建设办公室先登记本单位"


def _count(imported: Imported, outcome: Outcome) -> None:
    outcome.groups = len(imported.groups)
    outcome.items = sum(len(g.items) for g in imported.groups)
    texts = [e.text + (e.title or "") for part in (imported.intro, imported.problems, imported.duty,
                                                   imported.plans, imported.other) for e in part]
    texts += [g.title for g in imported.groups] + [i.text + (i.title or "") for g in imported.groups for i in g.items]
    outcome.words = sum(len(re.sub(r"\s", "", t)) for t in texts)


def _write(target: Path, text: str, force: bool, where: Loc) -> Path | None:
    """Write atomically; an existing file only with --force, kept first as a dated .bak."""
    backup = None
    if target.exists():
        if not force:
            raise _Failed(diag("E511", where, target=display_path(target)))
        stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        backup = target.with_name(f"{target.name}.{stamp}.bak")
        try:
            shutil.copy2(target, backup)
        except OSError as exc:
            raise _Failed(diag("E514", where, target=display_path(backup), detail=exc.strerror or str(exc))) from None
    temporary = target.with_name(f".{target.name}.importing")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_text(text, encoding="utf-8", newline="\n")
        os.replace(temporary, target)
    except OSError as exc:
        with contextlib.suppress(OSError):  # a half-written file must not stay behind
            temporary.unlink()
        raise _Failed(diag("E514", where, target=display_path(target), detail=exc.strerror or str(exc))) from None
    return backup


def _account_line(fates: list) -> str:
    """原文 40 段、表格 12 格：正文 35，注释（待确认）15，键 5。"""
    paragraphs = sum(not f.cell for f in fates)
    cells = len(fates) - paragraphs
    found = counts(fates)
    line = f"原文 {paragraphs} 段" + (f"、表格 {cells} 格" if cells else "")
    line += f"：作为正文 {found[TEXT]}，作为注释待确认 {found[COMMENT]}，写入命名的键 {found[KEY]}"
    return line + (f"，缺失 {found[MISSING]}。" if found[MISSING] else "；没有遗漏。")


def report(outcomes: list[Outcome], year: int, registered: dict[str, str], audit: bool = False) -> int:
    """Print a line per file, its problems, the batch table and the total; return the exit code."""
    for o in outcomes:
        shown = display_path(o.source)
        if o.failed:
            click.echo(f"{shown}：未导入。")
        else:
            line = f"{shown} → {display_path(o.target)}：{o.groups} 组，{o.items} 个事项，{o.words:,} 字"
            warnings = len(o.diagnostics)
            click.echo(line + (f"，{warnings} 处需要确认。" if warnings else "。"))
            click.echo("  " + _account_line(o.fates))
            if audit:
                click.echo("\n".join(["  原文逐段对照（序号  原文开头  →  在生成的文件中的位置）："] + audit_table(o.fates)))
            if o.backup:
                click.echo(f"  原有文件已备份为 {display_path(o.backup)}")
            if not registered:
                click.echo("  提示：_report.yaml 中还没有单位名单，请联系法治政府建设办公室登记本单位。")
        for d in o.diagnostics:
            click.echo(d.format())
    if len(outcomes) > 1:
        _table(outcomes)
    failed = sum(o.failed for o in outcomes)
    warnings = sum(len(o.diagnostics) for o in outcomes if not o.failed)
    click.echo(f"共 {len(outcomes)} 个文件：导入 {len(outcomes) - failed} 个，失败 {failed} 个；{warnings} 个警告。")
    if failed:
        click.echo("未导入的文件请按提示处理后重新运行 reportgen import。")
        return 1
    click.echo(f"请核对生成的文件中以“#”开头的说明，然后运行 reportgen check {year}。")
    return 0


def _width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _table(outcomes: list[Outcome]) -> None:
    header = ("文件", "代码", "组", "事项", "字数", "待确认", "问题")
    rows = [header]
    for o in outcomes:
        errors = [d.code for d in o.diagnostics if d.is_error]
        rows.append((o.source.name, o.code, *(("—",) * 4 if o.failed else
                     (str(o.groups), str(o.items), f"{o.words:,}", str(len(o.diagnostics)))),
                     "、".join(errors) or "无"))
    widths = [max(_width(row[i]) for row in rows) for i in range(len(header))]
    click.echo("")
    for row in rows:
        click.echo("  ".join(cell + " " * (w - _width(cell)) for cell, w in zip(row, widths)).rstrip())
