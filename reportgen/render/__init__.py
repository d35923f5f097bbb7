"""Turn a layout-free Document into files: one writer per format.

In: a `reportgen.model.document.Document` (every word, number and date already
decided), a target path and `WriteOptions`. Out: the file, and a `WriteResult`
with its page count and notes for the user. Writers only lay out.

`WRITERS` maps a writer's name to its writer, as Sphinx's builders are looked
up by name; `build` knows nothing of a writer's internals. A writer's module
is imported only when the format is used, so a DOCX-only build never loads
WeasyPrint. A format the user chooses (`--format`) is one or more files, each
made by one writer (`FILES`): the web edition is a page and its fragment.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path

FORMATS = ("docx", "pdf", "html")


@dataclass(frozen=True)
class WriteOptions:
    templates: Path | None = None  # --templates: overrides the default templates file by file
    fonts: object = None  # the build's resolved fonts (render.pdf.fonts.FontSet); None: resolve the defaults
    # the web edition only: the other files of the same report this build wrote, as
    # (format label, file name, size in bytes); its page links to them
    downloads: tuple[tuple[str, str, int], ...] = ()


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
    function: str = "write"

    def _load(self):
        return importlib.import_module(self.module)

    def prepare(self, fonts, jobs: int = 1) -> None:
        prepare = getattr(self._load(), "prepare", None)
        if prepare is not None:
            prepare(fonts, jobs)

    def write(self, document, target: Path, options: WriteOptions) -> WriteResult:
        return getattr(self._load(), self.function)(document, target, options)


WRITERS: dict[str, Writer] = {
    "docx": Writer("docx", "reportgen.render.docx.writer"),
    "pdf": Writer("pdf", "reportgen.render.pdf.writer"),
    "html": Writer("html", "reportgen.render.html.writer"),
    "fragment": Writer("fragment", "reportgen.render.html.writer", "write_fragment"),
}

# Writers whose file links to the report's other files with their sizes: written after
# them, in the build's own process (build/pipeline.py, Run.render_linked).
LINKS_OTHERS = frozenset({"html", "fragment"})

# --format → the writers of its files and the ending each file's name gets
FILES: dict[str, tuple[tuple[str, str], ...]] = {
    "docx": (("docx", ".docx"),),
    "pdf": (("pdf", ".pdf"),),
    "html": (("html", ".html"), ("fragment", ".fragment.html")),
}


def file_names(stem: str, formats: tuple[str, ...]) -> list[tuple[str, str]]:
    """(writer, file name) of every file a report named `stem` has in `formats`."""
    return [(writer, stem + ending) for fmt in formats for writer, ending in FILES[fmt]]
