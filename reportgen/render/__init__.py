"""Turn a layout-free Document into files: one writer per format.

In: a `reportgen.model.document.Document` (every word, number and date already
decided), a target path and `WriteOptions`. Out: the file, and a `WriteResult`
with its page count and notes for the user. Writers only lay out.

`WRITERS` maps a format name to its writer, as Sphinx's builders are looked
up by name; `build` knows nothing of a writer's internals. A writer's module
is imported only when the format is used, so a DOCX-only build never loads
WeasyPrint.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path

FORMATS = ("docx", "pdf")


@dataclass(frozen=True)
class WriteOptions:
    templates: Path | None = None  # --templates: overrides the default templates file by file
    fonts: object = None  # the build's resolved fonts (render.pdf.fonts.FontSet); None: resolve the defaults


@dataclass(frozen=True)
class WriteResult:
    pages: int | None = None  # known for PDF only
    notes: tuple[str, ...] = field(default=())  # messages for the user (font substitutions …)


@dataclass(frozen=True)
class Writer:
    """A format: `prepare(fonts, jobs)` once per build before any document is written
    (say, to make font files every worker needs), and `write(document, target, options)`."""

    name: str
    module: str  # holds `write` and, optionally, `prepare`

    def _load(self):
        return importlib.import_module(self.module)

    def prepare(self, fonts, jobs: int = 1) -> None:
        prepare = getattr(self._load(), "prepare", None)
        if prepare is not None:
            prepare(fonts, jobs)

    def write(self, document, target: Path, options: WriteOptions) -> WriteResult:
        return self._load().write(document, target, options)


WRITERS: dict[str, Writer] = {
    "docx": Writer("docx", "reportgen.render.docx.writer"),
    "pdf": Writer("pdf", "reportgen.render.pdf.writer"),
}
