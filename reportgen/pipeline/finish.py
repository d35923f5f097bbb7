"""The outputs that span documents, made once every document of a whole-year build is
rendered (as Sphinx's Builder.finish and MkDocs' build do after the pages): the 汇编
(compilation_build.py), indicators.csv/json and the overview index.html. Each finisher
receives one `Finished` and returns the names it writes; the manifest (pipeline/build.py)
comes last, over every output."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reportgen.model.document import Document
from reportgen.model.indicators import IndicatorResult
from reportgen.pipeline.incremental import Outputs
from reportgen.pipeline.staging import Staging
from reportgen.publish.indicator_files import write_csv, write_json
from reportgen.publish.overview import write_overview
from reportgen.read.project import CheckResult


@dataclass
class Finished:
    """The rendered year, as the finishers see it. A finisher adds what it made: the key of
    each file it names (`keys`, for the next build's state), the page count of each PDF it
    writes (`pages`) and any line for the user (`messages`)."""

    settings: object  # pipeline.build.BuildSettings
    check: CheckResult
    results: list[IndicatorResult]
    documents: list[Document]  # the units in _report order, then the city report
    names: list[list[str]]  # each document's file name in each format of the build
    staging: Staging
    state: Outputs
    fonts: object  # the build's FontSet, None without PDF
    pages: dict[str, int | None] = field(default_factory=dict)
    keys: dict[str, str] = field(default_factory=dict)
    messages: list[str] = field(default_factory=list)

    @property
    def target_dir(self) -> Path:
        return self.settings.target_dir

    def __post_init__(self) -> None:
        # the documents rendered by this build, staged before any finisher runs
        self._rendered = {target.name: temp for temp, target in self.staging.staged}

    def current(self, name: str) -> Path:
        """A document's file as this build leaves it: staged when rendered now, else the file in place."""
        return self._rendered.get(name) or self.target_dir / name


def figures_and_overview(finished: Finished) -> list[str]:
    """The year's figures and the overview, which go with the city report (not --unit).
    A whole-year draft writes them too: they are the same for a draft, and the overview's
    item references are what the secretariat chooses from (选用事项) before any official
    city report can be built (E242); its links then lead to the drafts."""
    check, results, settings = finished.check, finished.results, finished.settings
    if settings.unit:
        return []
    data = check.data
    codes = [u.code for u in data.units] + ["_city"]  # documents are the units, then the city
    links = {code: row for code, row in zip(codes, finished.names)}
    derived = [
        ("indicators.csv", lambda temp: write_csv(results, temp)),
        ("indicators.json", lambda temp: write_json(results, data.year, temp)),
        ("index.html", lambda temp: write_overview(temp, check, results, links, settings.templates)),
    ]
    for name, produce in derived:
        finished.staging.write_if_changed(finished.target_dir / name, produce)
    return [name for name, _ in derived]
