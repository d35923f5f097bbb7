"""Orchestrate a build: check everything, make the documents, write every file.

Nothing is written unless the whole year checks without errors (as MkDocs'
build() reads and checks before writing); each file is written atomically.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .document import Document, city_document, unit_document
from .errors import ReportgenError, display_path
from .project import CheckResult, check_year
from .indicators import IndicatorResult, indicator_results
from .manifest import MANIFEST, manifest, write_manifest
from .overview import write_overview
from .writers import FORMATS, Staging, WriteOptions, output_lock, writer
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

    @property
    def target_dir(self) -> Path:
        return self.out_dir if self.out_dir is not None else Path("output") / str(self.year)


@dataclass(frozen=True)
class Written:
    path: Path
    pages: int | None
    size: int


@dataclass
class BuildResult:
    check: CheckResult
    written: list[Written] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


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
    if settings.unit:
        units = [u for u in data.units if u.code == settings.unit]
        if not units:
            codes = "、".join(u.code for u in data.units) or "（无）"
            raise ReportgenError(f"{settings.year}年度没有代码为“{settings.unit}”的单位文件。已提交的单位代码：{codes}")
        return [unit_document(units[0], settings.templates, results)]
    docs = [unit_document(u, settings.templates, results) for u in data.units]
    docs.append(city_document(data, settings.templates, results, table=settings.indicators, draft=settings.draft))
    return docs


def build(settings: BuildSettings) -> BuildResult:
    result = check_year(settings.data_dir, settings.year)
    if result.errors or result.data is None:
        raise BuildFailed(result)
    outcome = BuildResult(result)
    options = WriteOptions(templates=settings.templates, fonts=settings.fonts)
    data = result.data
    results = indicator_results(data.plan.indicators, data.units, data.year, data.previous)
    docs = documents(result, settings, results)
    target_dir = settings.target_dir
    staged = []
    with output_lock(target_dir), Staging() as staging:
        for document in docs:
            for fmt in settings.formats:
                target = target_dir / f"{safe_file_name(document.name)}.{fmt}"
                write = writer(fmt)
                pages = staging.write(target, lambda temp, w=write, d=document: w(d, temp, options))
                staged.append((target, pages))
        if not settings.unit:  # the year's figures go with the city report
            csv_target, json_target = target_dir / "indicators.csv", target_dir / "indicators.json"
            staging.write(csv_target, lambda temp: write_csv(results, temp))
            staging.write(json_target, lambda temp: write_json(results, data.year, temp))
            staged += [(csv_target, None), (json_target, None)]
            # the secretariat's overview links each unit's files: docs are the units, then the city
            codes = [u.code for u in data.units] + ["_city"]
            outputs = {code: [f"{safe_file_name(doc.name)}.{fmt}" for fmt in settings.formats]
                       for code, doc in zip(codes, docs)}
            index = target_dir / "index.html"
            staging.write(index, lambda temp: write_overview(temp, result, results, outputs, settings.templates))
            staged.append((index, None))
        # last: the fingerprints of everything above, for `reportgen verify`
        files = [(temp, target.name) for temp, target in staging.staged]
        manifest_target = target_dir / MANIFEST
        content = manifest(data.year, settings.data_dir, files, fonts_used(settings),
                           earlier=manifest_target if settings.unit else None)
        staging.write(manifest_target, lambda temp: write_manifest(temp, content))
        staged.append((manifest_target, None))
    outcome.written = [Written(target, pages, target.stat().st_size) for target, pages in staged]
    for note in options.notes:
        if note not in outcome.notes:
            outcome.notes.append(note)
    return outcome


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
