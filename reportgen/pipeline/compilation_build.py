"""The 汇编 step of a whole-year build's finish (pipeline/finish.py, issue #14): the 篇幅
warning with the city report's page count, and the compilation (汇编) PDF and DOCX when
any unit's report or the front matter changed.

The compilation is made from the units' PDFs as the build left them (staged or already
in the output folder), so a one-unit edit lays out no other unit; its key is the hash of
those PDFs and of what the front matter shows, so an unchanged volume is not joined again.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from reportgen import timing
from reportgen.fingerprint import environment_key
from reportgen.model.composition import pages_warning
from reportgen.model.naming import safe_file_name
from reportgen.publish.compilation import Part, start_pages, volume_title, write_pdf
from reportgen.publish.compilation_docx import write_docx


def _pdf_pages(path: Path) -> int | None:
    import pikepdf

    try:
        with pikepdf.open(path) as pdf:
            return len(pdf.pages)
    except (OSError, pikepdf.PdfError):
        return None


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def finish(finished) -> list[str]:
    """Add W321 to `finished.messages`; write the compilation; return the output names it
    adds, with their keys and page counts in `finished` (a pipeline.finish.Finished)."""
    settings, data, docs, names = finished.settings, finished.check.data, finished.documents, finished.names
    current = finished.current
    if settings.partial:  # the 汇编 and 篇幅 go with an official whole-year build only
        return []

    def count(name: str) -> int | None:
        return finished.pages.get(name) or _pdf_pages(current(name))

    pdf_names = [next((n for n in row if n.endswith(".pdf")), None) for row in names]
    if pdf_names and pdf_names[-1]:  # the city report is the last document
        warning = pages_warning(data.report, count(pdf_names[-1]))
        if warning:
            finished.messages.append(warning.format())
    if not settings.compilation or "pdf" not in settings.formats or len(docs) < 2:
        return []
    parts = [Part(doc.title, current(name), count(name) or 0) for doc, name in zip(docs[:-1], pdf_names[:-1])]
    report = data.report
    title = volume_title(report.author, report.year)
    key = hashlib.sha256("\0".join(
        [environment_key(settings.templates, finished.fonts), repr((report.author, report.year, report.date))]
        + [f"{p.title}\0{_digest(p.pdf)}" for p in parts]).encode()).hexdigest()
    added = []
    for fmt in [f for f in settings.formats if f in ("pdf", "docx")]:  # the 汇编 has no web edition
        name = f"{safe_file_name(title)}.{fmt}"
        added.append(name)
        finished.keys[name] = key
        if not finished.state.needs(name, key):
            continue
        temp = finished.staging.reserve(finished.target_dir / name)
        with timing.stage("compilation"):  # the benchmark's own row for the compilation
            if fmt == "pdf":
                finished.pages[name] = write_pdf(report, parts, temp, finished.fonts, settings.templates)
            else:
                sources = [(doc.title, current(next(n for n in row if n.endswith(".docx")))) for doc, row in
                           zip(docs[:-1], names[:-1])]
                write_docx(report, sources, start_pages(parts), title, temp)
    return added
