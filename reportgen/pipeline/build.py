"""Orchestrate a build: check everything, make the documents, write what changed.

Nothing is written unless the whole year checks without errors (as MkDocs'
build() reads and checks before writing). Documents are rendered in parallel
processes (`parallel.py`), only those whose inputs changed (`incremental.py`);
every new file goes to a staging file and all are moved into place together
when the last one is done, so a failed build leaves the previous outputs.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from reportgen import timing
from reportgen.model.document import Document, city_document, unit_document
from reportgen.errors import ReportgenError, display_path
from reportgen.fingerprint import environment_key
from reportgen.pipeline.incremental import Outputs, document_key, inputs_fingerprint
from reportgen.model.indicators import IndicatorResult, indicator_results
from reportgen.model.naming import safe_file_name  # noqa: F401 - where build has always offered it
from reportgen.pipeline.compilation_build import finish as compilation
from reportgen.pipeline.finish import Finished, figures_and_overview
from reportgen.publish.manifest import MANIFEST, based_on, earlier_records, input_records, manifest, write_manifest
from reportgen.pipeline.parallel import Task, default_jobs, run
from reportgen.pipeline.check import check_for_build
from reportgen.pipeline.printable import check_printable
from reportgen.pipeline.unfinished import draft_notes, unfinished_diagnostics
from reportgen.read.project import CheckResult
from reportgen.pipeline.staging import Staging, output_lock
from reportgen.render import FORMATS, LINKS_OTHERS, WRITERS, WriteOptions, file_names


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
    removed: list[Path] = field(default_factory=list)  # the drafts a full build removed


# A whole-year build's finish, in this order: the 汇编 (with the 篇幅 warning), then the
# year's figures and the overview; the manifest follows over every output.
FINISH = (compilation, figures_and_overview)


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


def submissions(result: CheckResult, settings: BuildSettings, docs: list[Document]) -> list[tuple[Document, str | None]]:
    """The submission edition (报送版, reportgen/model/submission.py) of every report whose file
    sets 发文字号, with the unit code it belongs to (None: the city report); `docs` are the
    public editions `documents` made, in the same order."""
    from reportgen.model.submission import submission_document

    data = result.data
    bodies = [(u, u.code) for u in data.units if not settings.unit or u.code == settings.unit]
    if not settings.unit:
        bodies.append((data.report, None))
    with timing.stage("model"):
        return [(submission_document(doc, body.submission, settings.templates), code)
                for doc, (body, code) in zip(docs, bodies) if body.submission]


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
            if state.up_to_date(fingerprint) and not made_drafts(target_dir):  # else: go on, to remove them
                return BuildResult(None, unchanged=len(state.files), messages=list(state.messages))
    result = check_for_build(settings.data_dir, settings.year, settings.unit)
    if result.errors or result.data is None:
        raise BuildFailed(result)
    if fonts is not None:  # every character the PDF cannot draw, at its own place (E126), before any page
        built = {result.data.report.source, *(unit.source for unit in result.data.units)}
        if not check_printable(result, fonts, built):
            raise BuildFailed(result)
    with timing.stage("model"):
        data = result.data
        results = indicator_results(data.plan.indicators, data.units, data.year, data.previous)
    docs = documents(result, settings, results)
    unfinished = unfinished_diagnostics(docs, data)
    if unfinished and not settings.draft:  # the gate: nothing unfinished is made the report itself
        result.add(unfinished)
        raise BuildFailed(result)
    run = Run(settings, result, results, docs, inputs, fingerprint, environment, fonts, progress,
              draft_notes(unfinished), submissions(result, settings, docs))
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
    unfinished: list[str] = field(default_factory=list)  # --draft: why the drafts are not the report yet
    submitted: list = field(default_factory=list)  # (submission edition, unit code or None), after docs

    @property
    def every_doc(self) -> list[Document]:
        return self.docs + [doc for doc, _ in self.submitted]

    def write(self) -> BuildResult:
        settings, target_dir = self.settings, self.settings.target_dir
        outcome = BuildResult(self.result, messages=self.result.lines(), notes=list(self.unfinished))
        state = Outputs.read(target_dir)
        earlier = earlier_records(target_dir / MANIFEST)
        # the submission editions (报送版) are PDF and DOCX only: the portal gets the public one
        printed = tuple(fmt for fmt in settings.formats if fmt != "html")
        files = ([file_names(safe_file_name(doc.name), settings.formats) for doc in self.docs]
                 + [file_names(safe_file_name(doc.name), printed) for doc, _ in self.submitted])
        names = [[name for _, name in row] for row in files]
        keys = {name: document_key(doc, writer, self.environment)
                for doc, row in zip(self.every_doc, files) for writer, name in row if writer not in LINKS_OTHERS}
        with Staging() as staging:
            pages = self.render(staging, state, files, keys, outcome)
            self.render_linked(staging, state, files, keys, outcome)
            public = names[:len(self.docs)]  # the finish binds and links the public editions
            finished = Finished(settings, self.result, self.results, self.docs, public, staging, state, self.fonts,
                                pages, keys)
            extra = [name for step in FINISH for name in step(finished)]
            outcome.messages += finished.messages
            outputs = [name for row in names for name in row] + extra
            self.write_manifest(staging, state, outputs, self.provenance(names, extra))
            written = [target for _, target in staging.staged]
        for note in (self.fonts.substitutions if self.fonts else ()):
            if note not in outcome.notes:
                outcome.notes.insert(0, note)
        outcome.written = [Written(target, pages.get(target.name), target.stat().st_size) for target in written]
        if not settings.partial:
            outcome.removed = remove_drafts(target_dir, earlier, state, set(outputs))
        self.remember(state, outcome, outputs, keys)
        outcome.unchanged = len(outputs) + 1 - len(written)
        return outcome

    def render(self, staging: Staging, state: Outputs, files, keys, outcome: BuildResult) -> dict:
        """Render the documents whose key changed (or whose file is gone or altered);
        return the pages of each file rendered, by name. Files that link to the others
        (the web edition) are left to `render_linked`."""
        tasks = []
        for doc, row in zip(self.every_doc, files):
            for fmt, name in row:
                if name in keys and state.needs(name, keys[name]):
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

    def render_linked(self, staging: Staging, state: Outputs, files, keys, outcome: BuildResult) -> None:
        """The web edition, once the report's other files are written: its page links to
        them with their sizes, taken from the files as this build leaves them (staged, or
        kept from the last build), so its key holds the sizes. A page whose bytes come out
        the same (a size that rounds to the same KB) keeps its file and time stamp. In this
        process: a page is only a template."""
        target_dir = self.settings.target_dir
        staged = {target.name: temp for temp, target in staging.staged}

        def size(name: str) -> int:
            return (staged.get(name) or target_dir / name).stat().st_size

        for doc, row in zip(self.docs, files):
            downloads = tuple((name.rsplit(".", 1)[-1].upper(), name, size(name))
                              for writer, name in row if writer not in LINKS_OTHERS)
            options = WriteOptions(templates=self.settings.templates, fonts=self.fonts, downloads=downloads)
            for writer, name in row:
                if writer not in LINKS_OTHERS:
                    continue
                keys[name] = linked_key(document_key(doc, writer, self.environment), downloads)
                if state.needs(name, keys[name]):
                    with timing.stage("html"):
                        staging.write_if_changed(target_dir / name,
                                                 lambda temp, writer=writer: WRITERS[writer].write(doc, temp, options))

    def provenance(self, names, derived: list[str]) -> dict[str, dict]:
        """For the manifest: each output of this build, whether it is a draft and which
        inputs it was made from (a unit's report: the plan and its file)."""
        year, settings = self.settings.year, self.settings
        codes = [settings.unit] if settings.unit else [u.code for u in self.result.data.units] + [None]
        codes += [code for _, code in self.submitted]
        found = {}
        for doc, code, row in zip(self.every_doc, codes, names):
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


def made_drafts(target_dir: Path) -> list[str]:
    """The drafts the folder's manifest records (made by build --draft)."""
    return [name for name, record in earlier_records(target_dir / MANIFEST).items() if record.get("草稿")]


def remove_drafts(target_dir: Path, earlier: dict[str, dict], state: Outputs, produced: set[str]) -> list[Path]:
    """A full build removes the drafts that build --draft made and nobody changed since (the
    rule README's “发布” states): after it, the folder holds the report itself and nothing
    that could pass for it. A draft changed by hand stays, and verify lists it as 多余."""
    removed = []
    for name, record in sorted(earlier.items()):
        path = target_dir / name
        if record.get("草稿") and name not in produced and state.intact(name):
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def linked_key(key: str, downloads: tuple) -> str:
    """The key of a file that links to others: its document's key and what it says of them."""
    return hashlib.sha256(f"{key}\0{downloads!r}".encode("utf-8")).hexdigest()


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
