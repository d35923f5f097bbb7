"""Orchestrate a build: check everything, make the documents, write what changed.

Nothing is written unless the whole year checks without errors (as MkDocs'
build() reads and checks before writing). Documents are rendered in parallel
processes (`parallel.py`), only those whose inputs changed (`incremental.py`);
every new file goes to a staging file and all are moved into place together
when the last one is done, so a failed build leaves the previous outputs.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from . import timing
from .document import Document, city_document, unit_document
from .errors import ReportgenError, display_path
from .incremental import Outputs, document_key, environment_key, inputs_fingerprint
from .indicators import IndicatorResult, indicator_results
from .manifest import MANIFEST, earlier_records, input_records, manifest, write_manifest
from .overview import write_overview
from .parallel import Task, default_jobs, run
from .project import CheckResult, check_year
from .writers import FORMATS, Staging, WriteOptions, output_lock
from .writers.indicator_files import write_csv, write_json


@dataclass(frozen=True)
class BuildSettings:
    data_dir: Path
    year: int
    out_dir: Path | None = None  # default: output/<year>
    formats: tuple[str, ...] = FORMATS
    unit: str | None = None  # build this unit only
    templates: Path | None = None
    fonts: Path | None = None
    indicators: bool = True  # --no-indicators leaves the 附件 table out of the city report
    draft: bool = False  # --draft: a source note after every merged item of the city report
    jobs: int | None = None  # processes that render documents; None: all cores
    compilation: bool = True  # --no-compilation leaves the 汇编 of every unit's report out

    @property
    def target_dir(self) -> Path:
        return self.out_dir if self.out_dir is not None else Path("output") / str(self.year)

    def fingerprint_text(self) -> str:
        """The options that shape the outputs (not --jobs, which never changes a byte)."""
        return repr((self.data_dir.resolve(), self.year, self.formats, self.unit, self.templates and self.templates.resolve(),
                     self.fonts and self.fonts.resolve(), self.indicators, self.draft, self.compilation))


@dataclass(frozen=True)
class Written:
    path: Path
    pages: int | None
    size: int


@dataclass
class BuildResult:
    check: CheckResult | None  # None when nothing changed and the data was not read again
    written: list[Written] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    unchanged: int = 0  # output files that were already up to date
    messages: list[str] = field(default_factory=list)  # the check's lines (also shown when nothing changed)
    pages: int = 0  # PDF pages rendered by this build
    rendered: int = 0  # documents rendered (one per format)


class BuildFailed(ReportgenError):
    """The data has errors; the result carries the diagnostics to print."""

    def __init__(self, result: CheckResult):
        super().__init__(f"数据有 {len(result.errors)} 个错误，未生成任何文件。")
        self.result = result


def safe_file_name(name: str) -> str:
    """A title or unit name as a file name: no path separators or characters Windows refuses."""
    cleaned = "".join("_" if ch in '/\\:*?"<>|' or ord(ch) < 32 else ch for ch in name).strip(" .")
    return cleaned or "报告"


def documents(result: CheckResult, settings: BuildSettings, results: list[IndicatorResult]) -> list[Document]:
    data = result.data
    with timing.stage("model"):
        if settings.unit:
            units = [u for u in data.units if u.code == settings.unit]
            if not units:
                codes = "、".join(u.code for u in data.units) or "（无）"
                raise ReportgenError(f"{settings.year}年度没有代码为“{settings.unit}”的单位文件。已提交的单位代码：{codes}")
            return [unit_document(units[0], settings.templates, results)]
        docs = [unit_document(u, settings.templates, results) for u in data.units]
        docs.append(city_document(data, settings.templates, results, table=settings.indicators, draft=settings.draft))
        return docs


def _weight(document: Document) -> int:
    return sum(len(getattr(block, "text", "") or "") for block in document.blocks) + 1


def build(settings: BuildSettings, progress=None) -> BuildResult:
    """Build the year; `progress(done, total, label)` hears of every document rendered."""
    target_dir = settings.target_dir
    inputs = input_records(settings.data_dir, settings.year)  # read once: for the fingerprint and the manifest
    environment = environment_key(settings.templates, settings.fonts, settings.formats)
    fingerprint = inputs_fingerprint(inputs, settings.fingerprint_text(), environment)
    if not settings.unit and target_dir.is_dir():
        with output_lock(target_dir):  # not while another build is writing
            state = Outputs.read(target_dir)
            if state.up_to_date(fingerprint):
                return BuildResult(None, unchanged=len(state.files), messages=list(state.messages))
    result = check_year(settings.data_dir, settings.year)
    if result.errors or result.data is None:
        raise BuildFailed(result)
    with timing.stage("model"):
        data = result.data
        results = indicator_results(data.plan.indicators, data.units, data.year, data.previous)
    docs = documents(result, settings, results)
    with output_lock(target_dir):
        return _write(settings, result, results, docs, inputs, fingerprint, environment, progress)


def _write(settings: BuildSettings, result: CheckResult, results: list[IndicatorResult], docs: list[Document],
           inputs: list[dict], fingerprint: str, environment: str, progress) -> BuildResult:
    outcome = BuildResult(result, messages=result.lines())
    options = WriteOptions(templates=settings.templates, fonts=settings.fonts)
    data = result.data
    target_dir = settings.target_dir
    state = Outputs.read(target_dir)
    names = [[f"{safe_file_name(doc.name)}.{fmt}" for fmt in settings.formats] for doc in docs]
    keys = {name: document_key(doc, fmt, environment)
            for doc, row in zip(docs, names) for fmt, name in zip(settings.formats, row)}

    jobs = settings.jobs or default_jobs()
    with Staging() as staging:
        tasks = []
        for doc, row in zip(docs, names):
            for fmt, name in zip(settings.formats, row):
                if state.needs(name, keys[name]):
                    temp = staging.reserve(target_dir / name)
                    tasks.append(Task(len(tasks), doc, fmt, temp, name, _weight(doc)))
        if any(t.fmt == "pdf" for t in tasks):
            from .writers.pdf_writer import prepare_fonts

            with timing.stage("pdf_write"):
                prepare_fonts(settings.fonts, jobs)
        finished = {}
        for task, done in run(tasks, options, jobs):
            finished[task.index] = done
            if progress:
                progress(len(finished), len(tasks), task.label)
        for task in tasks:  # notes in the order of the documents, whatever order they finished in
            done = finished[task.index]
            outcome.notes += [n for n in done.notes if n not in outcome.notes]
            outcome.pages += done.pages if task.fmt == "pdf" and done.pages else 0
        outcome.rendered = len(tasks)
        pages = {t.label: finished[t.index].pages for t in tasks}
        # ---- hook, issue #14: 篇幅 warning (composition.py) and the compilation (compilation.py) ----
        if not settings.unit:
            from .compilation_build import after_render

            compiled = after_render(settings, data, docs, names, pages, staging, state, outcome, keys)
        else:
            compiled = []
        # ---- end of hook ----

        derived = []
        if not settings.unit:  # the year's figures and the overview go with the city report
            codes = [u.code for u in data.units] + ["_city"]  # docs are the units, then the city
            links = {code: row for code, row in zip(codes, names)}
            derived = [
                ("indicators.csv", lambda temp: write_csv(results, temp)),
                ("indicators.json", lambda temp: write_json(results, data.year, temp)),
                ("index.html", lambda temp: write_overview(temp, result, results, links, settings.templates)),
            ]
        for name, produce in derived:
            staging.write_if_changed(target_dir / name, produce)
        # last: the fingerprints of every output, for `reportgen verify`; a file left as it was
        # keeps its record from the last manifest instead of being read and hashed again
        outputs = [name for row in names for name in row] + compiled + [name for name, _ in derived]
        staged = {target.name: temp for temp, target in staging.staged}
        earlier, produced = earlier_records(target_dir / MANIFEST), set(outputs)
        known = {name: record for name, record in earlier.items() if name not in staged
                 and (state.intact(name) if name in produced else bool(settings.unit))}
        files = [(staged[name] if name in staged else target_dir / name, name)
                 for name in outputs if name in staged or name not in known]
        content = manifest(data.year, inputs, files, fonts_used(settings), known)
        staging.write_if_changed(target_dir / MANIFEST, lambda temp: write_manifest(temp, content))
        written = [target for _, target in staging.staged]
    for note in options_notes(settings):
        if note not in outcome.notes:
            outcome.notes.insert(0, note)
    outcome.written = [Written(target, pages.get(target.name), target.stat().st_size) for target in written]

    if not settings.unit:
        state.files = {name: rec for name, rec in state.files.items() if name in produced | {MANIFEST}}
        state.fingerprint = fingerprint
        state.messages = outcome.messages + [f"提示：{note}" for note in outcome.notes]
    for name in outputs + [MANIFEST]:
        state.record(name, keys.get(name, ""))
    outcome.unchanged = len(outputs) + 1 - len(written)
    state.write()
    return outcome


def options_notes(settings: BuildSettings) -> list[str]:
    """Font substitutions, told on every build that makes PDFs, rendered or not."""
    if "pdf" not in settings.formats:
        return []
    from .fonts import resolve_fonts

    return list(resolve_fonts(settings.fonts).substitutions)


def fonts_used(settings: BuildSettings) -> dict[str, str]:
    """Role → font file name of the PDF writer, for the manifest."""
    if "pdf" not in settings.formats:
        return {}
    from .fonts import ROLE_LABELS, resolve_fonts

    chosen = resolve_fonts(settings.fonts)
    return {ROLE_LABELS.get(role, role): face.path.name + (f"#{face.index}" if face.index else "")
            + ("（合成粗体）" if face.embolden else "") for role, face in sorted(chosen.roles.items())}


def summary_line(item: Written) -> str:
    pages = f"{item.pages} 页，" if item.pages else ""
    return f"已生成 {display_path(item.path)}（{pages}{max(1, round(item.size / 1024))} KB）"
