"""What a whole-year build does after the reports are rendered (issue #14), called from
one call in reportgen/build/pipeline.py (Run.write): the 篇幅 warning with the city report's page count, and
the compilation (汇编) PDF and DOCX when any unit's report or the front matter changed.

The compilation is made from the units' PDFs as the build left them (staged or already
in the output folder), so a one-unit edit lays out no other unit; its key is the hash of
those PDFs and of what the front matter shows, so an unchanged volume is not joined again.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from reportgen.build import timing
from reportgen.model.composition import pages_warning
from reportgen.publish.compilation import Part, start_pages, volume_title, write_pdf


def _pdf_pages(path: Path) -> int | None:
    import pikepdf

    try:
        with pikepdf.open(path) as pdf:
            return len(pdf.pages)
    except (OSError, pikepdf.PdfError):
        return None


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def after_render(settings, data, docs, names, pages: dict, staging, state, outcome, keys: dict,
                 fonts=None) -> list[str]:
    """Add W321 to `outcome.messages`; write the compilation; return the output names it
    adds (their keys go into `keys`, their page counts into `pages`). `fonts`: the build's FontSet."""
    target_dir = settings.target_dir
    staged = {target.name: temp for temp, target in staging.staged}

    def current(name: str) -> Path:
        return staged.get(name) or target_dir / name

    def count(name: str) -> int | None:
        return pages.get(name) or _pdf_pages(current(name))

    pdf_names = [next((n for n in row if n.endswith(".pdf")), None) for row in names]
    if pdf_names and pdf_names[-1]:  # the city report is the last document
        warning = pages_warning(data.report, count(pdf_names[-1]))
        if warning:
            outcome.messages.append(warning.format())
    if not getattr(settings, "compilation", True) or "pdf" not in settings.formats or len(docs) < 2:
        return []
    units = list(zip(docs[:-1], pdf_names[:-1]))
    parts = [Part(doc.title, current(name), count(name) or 0) for doc, name in units]
    report = data.report
    title = volume_title(report.author, report.year)
    from reportgen.model.naming import safe_file_name
    from reportgen.build.incremental import environment_key

    key = hashlib.sha256("\0".join(
        [environment_key(settings.templates, fonts), repr((report.author, report.year, report.date))]
        + [f"{p.title}\0{_digest(p.pdf)}" for p in parts]).encode()).hexdigest()
    added = []
    for fmt in settings.formats:
        name = f"{safe_file_name(title)}.{fmt}"
        added.append(name)
        keys[name] = key
        if not state.needs(name, key):
            continue
        temp = staging.reserve(target_dir / name)
        with timing.stage("compilation"):  # the benchmark's own row for the compilation
            if fmt == "pdf":
                pages[name] = write_pdf(report, parts, temp, fonts, settings.templates)
            else:
                from reportgen.publish.compilation_docx import write_docx

                sources = [(doc.title, current(next(n for n in row if n.endswith(".docx")))) for doc, row in
                           zip(docs[:-1], names[:-1])]
                write_docx(report, sources, start_pages(parts), title, temp)
    return added
