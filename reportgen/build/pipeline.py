"""Orchestrate a build: check everything, make the documents, write what changed.

Nothing is written unless the whole year checks without errors (as MkDocs'
build() reads and checks before writing). Documents are rendered in parallel
processes (`parallel.py`), only those whose inputs changed (`incremental.py`);
every new file goes to a staging file and all are moved into place together
when the last one is done, so a failed build leaves the previous outputs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reportgen.build import timing
from reportgen.model.document import Document, city_document, unit_document
from reportgen.errors import ReportgenError, display_path
from reportgen.build.incremental import Outputs, document_key, environment_key, inputs_fingerprint
from reportgen.model.indicators import IndicatorResult, indicator_results
from reportgen.model.naming import safe_file_name  # noqa: F401 - where build has always offered it
from reportgen.publish.manifest import MANIFEST, based_on, earlier_records, input_records, manifest, write_manifest
from reportgen.publish.overview import write_overview
from reportgen.build.parallel import Task, default_jobs, run
from reportgen.read.project import CheckResult, check_for_build
from reportgen.build.staging import Staging, output_lock
from reportgen.render import FORMATS, WRITERS, WriteOptions
from reportgen.publish.indicator_files import write_csv, write_json


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
    draft: bool = False  # --draft: <name>（草稿） files marked as drafts; source notes in the city report
    jobs: int | None = None  # processes that render documents; None: all cores
    compilation: bool = True  # --no-compilation leaves the 汇编 of every unit's report out

    @property
    def partial(self) -> bool:
        """A build that leaves the other outputs as they are: one unit's report, or drafts
        (written beside the official files, which stay; the year's figures are not drafted)."""
        return bool(self.unit or self.draft)

    @property
    def target_dir(self) -> Path:
        return self.out_dir if self.out_dir is not None else Path("output") / str(self.year)

    def fingerprint_text(self) -> str:
        """The options that shape the outputs (not --jobs, which never changes a byte), and the
        build date: index.html counts the days to the deadlines from it."""
        from reportgen.content.overview_parts import build_date

        return repr((self.data_dir.resolve(), self.year, self.formats, self.unit, self.templates and self.templates.resolve(),
                     self.fonts and self.fonts.resolve(), self.indicators, self.draft, self.compilation,
                     build_date().isoformat()))


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


def documents(result: CheckResult, settings: BuildSettings, results: list[IndicatorResult]) -> list[Document]:
    data = result.data
    with timing.stage("model"):
        if settings.unit:
            units = [u for u in data.units if u.code == settings.unit]
            if not units:
                codes = "、".join(u.code for u in data.units) or "（无）"
                raise ReportgenError(f"{settings.year}年度没有代码为“{settings.unit}”的单位文件。已提交的单位代码：{codes}")
            return [unit_document(units[0], settings.templates, results, settings.draft, data.report.font_scheme)]
        docs = [unit_document(u, settings.templates, results, settings.draft, data.report.font_scheme)
                for u in data.units]
        docs.append(city_document(data, settings.templates, results, table=settings.indicators, draft=settings.draft))
        return docs


def _weight(document: Document) -> int:
    return sum(len(getattr(block, "text", "") or "") for block in document.blocks) + 1


def chosen_fonts(settings: BuildSettings):
    """The PDF fonts of this build, resolved once and handed to every stage that needs them
    (the fingerprint, the writers, the manifest); None when no PDF is made."""
    if "pdf" not in settings.formats:
        return None
    from reportgen.render.pdf.fonts import resolve_fonts

    return resolve_fonts(settings.fonts)


def build(settings: BuildSettings, progress=None) -> BuildResult:
    """Build the year; `progress(done, total, label)` hears of every document rendered."""
    target_dir = settings.target_dir
    inputs = input_records(settings.data_dir, settings.year)  # read once: for the fingerprint and the manifest
    fonts = chosen_fonts(settings)
    environment = environment_key(settings.templates, fonts)
    fingerprint = inputs_fingerprint(inputs, settings.fingerprint_text(), environment)
    if not settings.partial and target_dir.is_dir():
        with output_lock(target_dir):  # not while another build is writing
            state = Outputs.read(target_dir)
            if state.up_to_date(fingerprint):
                return BuildResult(None, unchanged=len(state.files), messages=list(state.messages))
    result = check_for_build(settings.data_dir, settings.year, settings.unit)
    if result.errors or result.data is None:
        raise BuildFailed(result)
    with timing.stage("model"):
        data = result.data
        results = indicator_results(data.plan.indicators, data.units, data.year, data.previous)
    docs = documents(result, settings, results)
    run = Run(settings, result, results, docs, inputs, fingerprint, environment, fonts, progress)
    with output_lock(target_dir):
        return run.write()


@dataclass
class Run:
    """One build's writing: the documents it renders, the files derived from the year,
    the manifest and the state remembered for the next build."""

    settings: BuildSettings
    result: CheckResult
    results: list[IndicatorResult]
    docs: list[Document]
    inputs: list[dict]
    fingerprint: str
    environment: str
    fonts: object  # FontSet or None
    progress: object = None

    def write(self) -> BuildResult:
        settings, target_dir = self.settings, self.settings.target_dir
        outcome = BuildResult(self.result, messages=self.result.lines())
        state = Outputs.read(target_dir)
        names = [[f"{safe_file_name(doc.name)}.{fmt}" for fmt in settings.formats] for doc in self.docs]
        keys = {name: document_key(doc, fmt, self.environment)
                for doc, row in zip(self.docs, names) for fmt, name in zip(settings.formats, row)}
        with Staging() as staging:
            pages = self.render(staging, state, names, keys, outcome)
            compiled = self.compile(staging, state, names, keys, pages, outcome)
            derived = self.derived(staging, names)
            outputs = [name for row in names for name in row] + compiled + derived
            self.write_manifest(staging, state, outputs, self.provenance(names, compiled + derived))
            written = [target for _, target in staging.staged]
        for note in (self.fonts.substitutions if self.fonts else ()):
            if note not in outcome.notes:
                outcome.notes.insert(0, note)
        outcome.written = [Written(target, pages.get(target.name), target.stat().st_size) for target in written]
        self.remember(state, outcome, outputs, keys)
        outcome.unchanged = len(outputs) + 1 - len(written)
        return outcome

    def render(self, staging: Staging, state: Outputs, names, keys, outcome: BuildResult) -> dict:
        """Render the documents whose key changed (or whose file is gone or altered);
        return the pages of each file rendered, by name."""
        tasks = []
        for doc, row in zip(self.docs, names):
            for fmt, name in zip(self.settings.formats, row):
                if state.needs(name, keys[name]):
                    temp = staging.reserve(self.settings.target_dir / name)
                    tasks.append(Task(len(tasks), doc, fmt, temp, name, _weight(doc)))
        jobs = self.settings.jobs or default_jobs()
        for fmt in dict.fromkeys(t.fmt for t in tasks):
            with timing.stage(f"{fmt}_write" if fmt == "pdf" else fmt):
                WRITERS[fmt].prepare(self.fonts, jobs)
        options = WriteOptions(templates=self.settings.templates, fonts=self.fonts)
        finished = {}
        for task, done in run(tasks, options, jobs):
            finished[task.index] = done
            if self.progress:
                self.progress(len(finished), len(tasks), task.label)
        for task in tasks:  # notes in the order of the documents, whatever order they finished in
            done = finished[task.index]
            outcome.notes += [n for n in done.notes if n not in outcome.notes]
            outcome.pages += done.pages if task.fmt == "pdf" and done.pages else 0
        outcome.rendered = len(tasks)
        return {t.label: finished[t.index].pages for t in tasks}

    def compile(self, staging: Staging, state: Outputs, names, keys: dict, pages: dict, outcome: BuildResult) -> list[str]:
        """The 篇幅 warning and the compilation (汇编) of every unit's report, for a whole-year
        official build (reportgen/publish/compilation_build.py); the names it writes."""
        if self.settings.partial:
            return []
        from reportgen.publish.compilation_build import after_render

        return after_render(self.settings, self.result.data, self.docs, names, pages, staging, state, outcome, keys,
                            self.fonts)

    def derived(self, staging: Staging, names) -> list[str]:
        """The year's figures and the overview, which go with the city report (not --unit)."""
        if self.settings.partial:
            return []
        data, results = self.result.data, self.results
        codes = [u.code for u in data.units] + ["_city"]  # docs are the units, then the city
        links = {code: row for code, row in zip(codes, names)}
        derived = [
            ("indicators.csv", lambda temp: write_csv(results, temp)),
            ("indicators.json", lambda temp: write_json(results, data.year, temp)),
            ("index.html", lambda temp: write_overview(temp, self.result, results, links, self.settings.templates)),
        ]
        for name, produce in derived:
            staging.write_if_changed(self.settings.target_dir / name, produce)
        return [name for name, _ in derived]

    def provenance(self, names, derived: list[str]) -> dict[str, dict]:
        """For the manifest: each output of this build, whether it is a draft and which
        inputs it was made from (a unit's report: the plan and its file)."""
        year, settings = self.settings.year, self.settings
        codes = [settings.unit] if settings.unit else [u.code for u in self.result.data.units] + [None]
        found = {}
        for doc, code, row in zip(self.docs, codes, names):
            for name in row:
                found[name] = {"草稿": doc.draft, **based_on(self.inputs, code, year)}
        for name in derived:
            found[name] = {"草稿": False, **based_on(self.inputs)}
        return found

    def write_manifest(self, staging: Staging, state: Outputs, outputs: list[str], provenance: dict) -> None:
        """The fingerprints of every output, for `reportgen verify`; a file left as it was
        keeps its record from the last manifest instead of being read and hashed again."""
        target_dir = self.settings.target_dir
        staged = {target.name: temp for temp, target in staging.staged}
        earlier, produced = earlier_records(target_dir / MANIFEST), set(outputs)
        known = {name: record for name, record in earlier.items() if name not in staged
                 and (state.intact(name) if name in produced else self.settings.partial)}
        files = [(staged[name] if name in staged else target_dir / name, name)
                 for name in outputs if name in staged or name not in known]
        content = manifest(self.result.data.year, self.inputs, files, fonts_used(self.fonts), known, provenance)
        staging.write_if_changed(target_dir / MANIFEST, lambda temp: write_manifest(temp, content))

    def remember(self, state: Outputs, outcome: BuildResult, outputs: list[str], keys: dict) -> None:
        """What the next build compares with (.reportgen-state.json)."""
        if not self.settings.partial:
            produced = set(outputs)
            state.files = {name: rec for name, rec in state.files.items() if name in produced | {MANIFEST}}
            state.fingerprint = self.fingerprint
            state.messages = outcome.messages + [f"提示：{note}" for note in outcome.notes]
        for name in outputs + [MANIFEST]:
            state.record(name, keys.get(name, ""))
        state.write()


def fonts_used(fonts) -> dict[str, str]:
    """Role → font file name of the PDF writer, for the manifest."""
    if fonts is None:
        return {}
    from reportgen.render.pdf.fonts import ROLE_LABELS

    return {ROLE_LABELS.get(role, role): face.path.name + (f"#{face.index}" if face.index else "")
            + ("（合成粗体）" if face.embolden else "") for role, face in sorted(fonts.roles.items())}


def summary_line(item: Written) -> str:
    pages = f"{item.pages} 页，" if item.pages else ""
    return f"已生成 {display_path(item.path)}（{pages}{max(1, round(item.size / 1024))} KB）"
