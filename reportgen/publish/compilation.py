"""The compilation (汇编): every unit's report bound into one PDF with a cover, a contents
page and page numbers that run through the volume (GB/T 9704 7.5: — 1 —, odd pages at
the right, even pages at the left).

No unit is laid out again for it. Each unit's own PDF, written by the build anyway, is
taken as it is: its own page numbers are cut out (the marked-content sequences drawn in
the page-number font, and the structure elements that point at them), a blank page
follows a unit with an odd number of pages so that every unit starts on an odd, right-
hand page, and the volume's numbers are laid over every page from a PDF of numbered
empty pages (`numbers`), marked as pagination artifacts. Only the cover and contents
(a page or two) and the numbered pages are laid out by WeasyPrint, and both are kept in
a cache by what they show, so an edit that changes no page count lays out nothing. The pages, structure trees and bookmarks are joined with pikepdf
(as render/pdf/parts.py joins the parts of a long report); each unit gets a bookmark with its own
bookmarks nested below it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from reportgen.atomic import write_atomically
from reportgen.model.document import Document, title_lines
from reportgen.numbering import date_text
from reportgen.publish.compilation_docx import CONTENTS

KEEP = 8  # laid-out front matters and numbered pages kept in the cache, of each


@dataclass(frozen=True)
class Part:
    """One unit's report in the volume."""

    title: str  # the report's title, for the contents and the bookmark
    pdf: Path  # the unit's own PDF
    pages: int


def volume_title(author: str, year: int) -> str:
    return f"{author}{year}年各单位法治政府建设年度报告汇编"


def start_pages(parts: list[Part]) -> list[int]:
    """The volume page number each unit starts on: 1, then always odd."""
    starts, page = [], 1
    for part in parts:
        starts.append(page)
        page += part.pages + part.pages % 2
    return starts


# ---------------------------------------------------------------------------
# Laying out the cover, the contents and the numbered pages

def _html(mode: str, report, entries, count: int, fonts, templates) -> tuple[str, str, object]:
    from reportgen.templating import environment
    from reportgen.render.pdf.faces import FaceTable, font_config, font_faces
    from reportgen.render.pdf.lines import GRID
    from reportgen.render.pdf.writer import metadata

    table = FaceTable(fonts, [])
    title = volume_title(report.author, report.year)
    date = date_text(report.date) if report.date else ""
    texts = {"title": title, "body": report.author + date + "".join(t for t, _ in entries) + "0123456789",
             "heading1": CONTENTS, "pagenum": "— 0123456789"}
    for role, text in texts.items():
        table.glyphs(role, text, f"《{title}》")
    faces = font_faces(table)
    families = {role: [f["family"] for f in faces if f["key"] == role or f["key"].startswith(role + "-")]
                for role in texts}
    # the volume's properties as a Document carries them, so the dates follow the same rule
    # (the 成文日期, never the clock) and the PDF writer's metadata() writes them
    meta = metadata(Document("compilation", title, report.author, report.year, report.date, (), title,
                             subject=f"{report.year}年法治政府建设年度报告汇编",
                             keywords=("法治政府建设", "年度报告", "汇编")))
    env = environment(templates, autoescape=True)
    template = env.get_template("compilation.html.j2")
    html = template.render(mode=mode, cover_lines=title_lines(title), date=date, entries=entries, count=count,
                           contents=CONTENTS, faces=faces, families=families, meta=meta, grid=GRID)
    return html, str(Path(template.filename).resolve().parent) + "/", font_config(fonts)


def _render(mode: str, report, entries, count: int, target: Path, fonts, templates) -> int:
    from reportgen.render.pdf.writer import render

    html, base_url, config = _html(mode, report, entries, count, fonts, templates)
    return render(html, base_url, target, None, None, config)


def _lay_out(mode: str, report, entries, count: int, target: Path, fonts, templates) -> None:
    from reportgen.publish.compilation_join import mark_as_artifacts

    _render(mode, report, entries, count, target, fonts, templates)
    if mode == "numbers":
        mark_as_artifacts(target)


def cached_render(mode: str, report, entries, count: int, fonts, templates) -> Path:
    """The front matter or the numbered pages laid out once and kept in reportgen's cache
    folder (caching.cache_dir), by what they show, the fonts, templates and code: an
    edit that changes no page count and no title lays out nothing here."""
    from reportgen.publish.compilation_join import prune
    from reportgen.fingerprint import environment_key

    cache = compilation_cache()
    shown = repr((mode, report.author, report.year, report.date, tuple(entries), count))
    key = hashlib.sha256(f"{shown}\0{environment_key(templates, fonts)}".encode()).hexdigest()[:24]
    path = cache / f"{mode}-{key}.pdf"
    if not path.is_file():
        cache.mkdir(parents=True, exist_ok=True)
        # keep the few most recent (another build may be about to read one of them)
        prune(cache, f"{mode}-", KEEP)
        write_atomically(path, lambda temp: _lay_out(mode, report, entries, count, temp, fonts, templates))
    return path


def write_pdf(report, parts: list[Part], target: Path, fonts=None, templates=None) -> int:
    """Write the volume to `target`; return its number of pages. `fonts`: the build's FontSet
    (resolved once per build, reportgen/pipeline/build.py); None: the default fonts."""
    from reportgen.publish.compilation_join import join_volume
    from reportgen.render.pdf.faces import role_file
    from reportgen.render.pdf.fonts import resolve_fonts

    fonts = fonts or resolve_fonts()
    starts = start_pages(parts)
    total = starts[-1] + parts[-1].pages - 1 if parts else 0
    total += total % 2
    front = cached_render("front", report, [(p.title, s) for p, s in zip(parts, starts)], 0, fonts, templates)
    numbers = cached_render("numbers", report, [], max(total, 1), fonts, templates)
    return join_volume(front, parts, numbers, target, compilation_cache(), lambda family: role_file(fonts, family))


def compilation_cache() -> Path:
    """Laid-out front matters, numbered pages and units' pages without their numbers."""
    from reportgen.caching import cache_dir

    return cache_dir() / "compilation"
