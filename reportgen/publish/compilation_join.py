"""Join the compilation with pikepdf: the front matter (cover, contents), then each unit's
own PDF with its page numbers cut out, a blank page after a unit that ends on an odd
page, the volume's page numbers laid over every unit page, and one outline and one
structure tree for the whole volume.

The units' PDFs are WeasyPrint's PDF/A-2a: each page's StructParents is its index, its
marked content is `/Span <</MCID n>> BDC … EMC`, and the page number is one such
sequence in the page-number font, tagged as a Span inside a NonStruct element.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pikepdf

from reportgen.atomic import write_atomically
from reportgen.publish.compilation_docx import CONTENTS
from reportgen.publish.compilation_fonts import share_font_programs
from reportgen.render.pdf.parts import append_tagged, document_element

PAGE_NUMBER_FONT = "rg-pagenum"  # report.css draws page numbers in this family only

ARTIFACT = pikepdf.Name("/Artifact")


def _page_number_fonts(page) -> set[str]:
    fonts = page.obj.get("/Resources", {}).get("/Font", {})
    return {str(name) for name, font in fonts.items() if str(font.get("/BaseFont", "")).endswith(PAGE_NUMBER_FONT)}


def _drop_page_numbers(pdf, page) -> list[int]:
    """Cut the sequences drawn in the page-number font out of the page's content; return
    their MCIDs."""
    fonts = _page_number_fonts(page)
    if not fonts:
        return []
    kept, sequence, depth, dropped = [], None, 0, []
    for instruction in pikepdf.parse_content_stream(page):
        op = str(instruction.operator)
        if sequence is None and op == "BDC" and isinstance(instruction.operands[1], pikepdf.Dictionary) \
                and "/MCID" in instruction.operands[1]:
            sequence, depth = [instruction], 1
            continue
        if sequence is None:
            kept.append(instruction)
            continue
        sequence.append(instruction)
        depth += op in ("BDC", "BMC")
        depth -= op == "EMC"
        if depth == 0:
            numbers = any(str(i.operator) == "Tf" and str(i.operands[0]) in fonts for i in sequence)
            if numbers:
                dropped.append(int(sequence[0].operands[1].MCID))
            else:
                kept.extend(sequence)
            sequence = None
    page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(kept))
    return dropped


def _detach(element) -> None:
    """Remove a structure element from its parent, and the parent when it is left empty."""
    parent = element.get("/P")
    if parent is None or "/K" not in parent:
        return
    kids = parent.K if isinstance(parent.K, pikepdf.Array) else pikepdf.Array([parent.K])
    remaining = pikepdf.Array([k for k in kids if not (isinstance(k, pikepdf.Dictionary) and k.objgen == element.objgen)])
    parent.K = remaining
    if len(remaining) == 0 and str(parent.get("/S")) != "/Document":
        _detach(parent)


def strip_page_numbers(pdf) -> None:
    """A unit's PDF without its own page numbers: content and structure."""
    nums = pdf.Root.StructTreeRoot.ParentTree.Nums
    marks = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    for page in pdf.pages:
        dropped = _drop_page_numbers(pdf, page)
        refs = marks.get(int(page.obj.get("/StructParents", -1)))
        for mcid in dropped:
            if refs is not None and mcid < len(refs) and isinstance(refs[mcid], pikepdf.Dictionary):
                element = refs[mcid]
                element.K = pikepdf.Array([k for k in element.K if not (isinstance(k, int) and int(k) == mcid)]) \
                    if isinstance(element.K, pikepdf.Array) else pikepdf.Array()
                if len(element.K) == 0:
                    _detach(element)
                refs[mcid] = None


def mark_as_artifacts(path: Path) -> None:
    """Turn the marked content of every page of the numbered pages into pagination
    artifacts (page numbers are not part of the text's structure); done once, when the
    numbered pages are laid out (compilation.cached_render)."""
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        for page in pdf.pages:
            ops = [pikepdf.ContentStreamInstruction([ARTIFACT], pikepdf.Operator("BMC"))
                   if str(i.operator) == "BDC" else i for i in pikepdf.parse_content_stream(page)]
            page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(ops))
        pdf.save(path, deterministic_id=True)


def without_page_numbers(path: Path, cache: Path):
    """The unit's PDF, opened, without its own page numbers: from the cache when this PDF
    was stripped before (a one-unit edit strips one unit), else stripped and kept."""
    from reportgen.fingerprint import code_fingerprint

    key = hashlib.sha256(code_fingerprint().encode() + path.read_bytes()).hexdigest()[:32]
    kept = cache / f"unit-{key}.pdf"
    try:
        pdf = pikepdf.open(kept)
        os.utime(kept)  # recently used: kept when the cache is pruned
        return pdf
    except (OSError, pikepdf.PdfError):
        pass
    pdf = pikepdf.open(path)
    strip_page_numbers(pdf)
    cache.mkdir(parents=True, exist_ok=True)
    write_atomically(kept, pdf.save)
    pdf.close()
    # read back what was kept, as a warm cache does: the saved file orders each stream's
    # keys as qpdf writes them, so a cold cache gives the same volume bytes as a warm one (#18)
    return pikepdf.open(kept)


def prune(cache: Path, prefix: str, keep: int) -> None:
    """Remove all but the `keep` most recently used files of a kind from the cache."""
    def used(path: Path) -> float:
        try:
            return path.stat().st_mtime
        except OSError:
            return 0.0

    for old in sorted(cache.glob(f"{prefix}*.pdf"), key=used)[:-keep]:
        old.unlink(missing_ok=True)


def _stamp(base, page, form, name: str) -> None:
    if "/Resources" not in page.obj:
        page.obj.Resources = pikepdf.Dictionary()
    if "/XObject" not in page.obj.Resources:
        page.obj.Resources.XObject = pikepdf.Dictionary()
    page.obj.Resources.XObject[name] = form
    # WeasyPrint's content starts with a flipping `cm` outside any q … Q: fence it in first
    page.contents_add(base.make_stream(b"q"), prepend=True)
    page.contents_add(base.make_stream(f"Q q {name} Do Q".encode()), prepend=False)


def _outline(pdf) -> list:
    """The bookmarks of a PDF as (title, page index, rest of destination, children)."""
    index = {page.objgen: n for n, page in enumerate(pdf.pages)}
    with pdf.open_outline() as outline:
        def walk(nodes):
            return [(item.title, index[item.destination[0].objgen], list(item.destination[1:]), walk(item.children))
                    for item in nodes]

        return walk(outline.root)


def _add_outline(base, entries) -> None:
    def build(title, page, rest, children):
        item = pikepdf.OutlineItem(title, pikepdf.Array([base.pages[page].obj, *(rest or [pikepdf.Name("/Fit")])]))
        item.children.extend(build(*child) for child in children)
        return item

    with base.open_outline() as outline:
        outline.root.clear()
        outline.root.extend(build(*entry) for entry in entries)


def _shift(entries, offset: int) -> list:
    return [(t, p + offset, rest, _shift(children, offset)) for t, p, rest, children in entries]


def join_volume(front_path: Path, parts, numbers_path: Path, target: Path, cache: Path, font_source=None) -> int:
    """Front matter, then every part on an odd page, numbered; return the page count.
    `font_source(family)`: the file of a font family, so that each face is embedded once
    (compilation_fonts.py); None: every unit keeps its own subsets."""
    with pikepdf.open(front_path) as base, pikepdf.open(numbers_path) as numbers:
        width, height = (float(v) for v in base.pages[0].mediabox[2:4])
        while len(base.pages) % 2:
            base.add_blank_page(page_size=(width, height))
        front = len(base.pages)
        root = base.Root.StructTreeRoot
        document, nums = document_element(root), root.ParentTree.Nums
        outline = [(CONTENTS, min(2, front - 1), None, [])]
        opened, blanks = [], set()
        for part in parts:
            unit = without_page_numbers(part.pdf, cache)
            opened.append(unit)  # open until saved: copied objects are read lazily
            start = len(base.pages)
            outline.append((part.title, start, None, _shift(_outline(unit), start)))
            append_tagged(base, unit, nums, document)
            if len(base.pages) % 2:
                blanks.add(len(base.pages))
                base.add_blank_page(page_size=(width, height))
        for n, page in enumerate(base.pages[front:]):
            if front + n in blanks:
                continue  # a blank page is counted but, as in printed volumes, not numbered
            _stamp(base, page, base.copy_foreign(numbers.pages[n].as_form_xobject()), f"/RgPageNo{n + 1}")
        root.ParentTreeNextKey = len(base.pages)
        _add_outline(base, outline)
        if font_source is not None:
            share_font_programs(base, font_source)
        base.save(target, deterministic_id=True)
        pages = len(base.pages)
        for unit in opened:
            unit.close()
    prune(cache, "unit-", 2 * len(parts) + 16)
    return pages
