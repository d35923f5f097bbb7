"""Write a long PDF in parts, so that memory does not grow with its length.

WeasyPrint keeps the layout of every page until the PDF is written: about 2 MB
a page for a report, so the city report of a thousand units (thousands of
pages) would need many gigabytes. A long document is therefore laid out a
part at a time: each part is rendered from the line where the previous one
stopped, a few pages beyond what is kept; all its pages but the last one or
two are kept (an even number, so that every part starts on an odd, right-hand
page), and the next part starts at the first line of the first page not kept.
Since every line is a block of fixed height that starts a page the same way
whatever came before it, each kept page is exactly the page a single render
would have made; WeasyPrint itself still decides every page break.

The parts are then joined with pikepdf into one PDF/A file: the pages, the
structure tree (each part's elements appended to the first part's Document
element, the parent tree renumbered), and one outline rebuilt from the parts'
bookmarks with their levels. Only a paragraph that runs across the join of two
parts becomes two tagged paragraphs; what is printed and the text are the same.
"""

from __future__ import annotations

import dataclasses
import tempfile
from collections.abc import Callable
from pathlib import Path

from reportgen.render.gbt9704 import LINES_PER_PAGE
from reportgen.render.pdf.lines import Box

PART_PAGES = 100  # pages laid out at a time: ~2 MB each in WeasyPrint; each part embeds its own font subsets
UNSPLIT = ("table", "pagebreak")  # from the first of these to the end: laid out as one part


def line_count(boxes: list[Box]) -> int:
    return sum(len(box.lines) for box in boxes if box.kind not in UNSPLIT)


def needs_parts(boxes: list[Box], part_pages: int | None = None) -> bool:
    pages = part_pages or PART_PAGES
    return line_count(boxes) > 1.5 * pages * LINES_PER_PAGE


def _rest(boxes, bookmarks, start: tuple[int, int]) -> tuple[list[Box], list]:
    """The boxes from line `start` = (box, line) on; a box cut at its top loses its bookmark
    (only a paragraph is ever cut: headings are never split across pages)."""
    index, line = start
    first = boxes[index]
    if line:
        return [dataclasses.replace(first, lines=first.lines[line:]), *boxes[index + 1:]], [None, *bookmarks[index + 1:]]
    return list(boxes[index:]), list(bookmarks[index:])


def _take(boxes: list[Box], lines: int) -> int:
    """How many boxes hold at least `lines` lines, stopping before a table or page break."""
    total = 0
    for n, box in enumerate(boxes):
        if box.kind in UNSPLIT:
            return n
        total += len(box.lines)
        if total >= lines:
            return n + 1
    return len(boxes)


def _lines_on(page) -> int:
    """The grid lines a rendered page holds (each line is one block; none is ever split)."""
    seen = set()
    for box in page._page_box.descendants():
        element = getattr(box, "element", None)
        if element is not None and type(box).__name__ == "BlockBox" and "line" in (element.get("class") or "").split():
            seen.add(id(element))
    return len(seen)


def _advance(boxes: list[Box], start: tuple[int, int], lines: int) -> tuple[int, int]:
    index, line = start
    while lines:
        room = len(boxes[index].lines) - line
        if lines < room:
            return index, line + lines
        lines -= room
        index, line = index + 1, 0
    return index, line


def write_in_parts(boxes: list[Box], bookmarks: list, make_html: Callable, render: Callable, write: Callable,
                   target: Path, levels: list[int], part_pages: int | None = None) -> int:
    """Lay out and write `boxes` part by part into one PDF at `target`; return its pages.

    make_html(boxes, bookmarks, first_page) → HTML; render(html) → a WeasyPrint document;
    write(document, path, first) writes the pages of a (copied) WeasyPrint document;
    levels: the outline level of each bookmark, in order."""
    part_pages = part_pages or PART_PAGES
    per_part = part_pages * LINES_PER_PAGE
    start, page, files = (0, 0), 1, []
    with tempfile.TemporaryDirectory(prefix="reportgen-parts-") as folder:
        while True:
            rest, marks = _rest(boxes, bookmarks, start)
            remaining = line_count(rest[: _take(rest, 10**9)])
            final = remaining <= 1.5 * per_part
            count = len(rest) if final else _take(rest, per_part + 2 * LINES_PER_PAGE)
            rendered = render(make_html(rest[:count], marks[:count], page))
            kept = rendered.pages if final else rendered.pages[:-1]
            if not final and len(kept) % 2:
                kept = kept[:-1]
            if not kept:
                raise RuntimeError("a part of the PDF kept no pages")
            path = Path(folder) / f"part-{len(files):04d}.pdf"
            write(rendered.copy(kept), path, not files)
            files.append(path)
            page += len(kept)
            if final:
                break
            start = _advance(boxes, start, sum(_lines_on(p) for p in kept))
            del rendered, kept
        join(files, target, levels)
    return page - 1


def join(files: list[Path], target: Path, levels: list[int]) -> None:
    """Join the parts' PDFs into `target`, keeping the first part's catalog (metadata,
    output intent, language) and file identifier."""
    import pikepdf

    with pikepdf.open(files[0]) as base:
        root = base.Root.StructTreeRoot
        document = document_element(root)
        nums = root.ParentTree.Nums
        outline = _outline_items(base, 0)
        sources = []
        for path in files[1:]:
            part = pikepdf.open(path)
            sources.append(part)  # open until saved: copied objects are read lazily
            outline += _outline_items(part, len(base.pages), base)
            append_tagged(base, part, nums, document)
        root.ParentTreeNextKey = len(base.pages)
        _rebuild_outline(base, outline, levels)
        base.save(target, deterministic_id=True)
        for part in sources:
            part.close()


def append_tagged(base, part, nums, document) -> None:
    """The pages of `part` after those of `base`, with their structure elements under `base`'s
    Document element and their parent-tree entries (`nums`) shifted by the pages before them.
    Also used by the compilation (reportgen/publish/compilation_join.py)."""
    offset = len(base.pages)
    base.pages.extend(part.pages)  # pages first, so structure elements find them copied
    part_root = part.Root.StructTreeRoot
    part_nums = part_root.ParentTree.Nums
    for i in range(0, len(part_nums), 2):
        nums.append(int(part_nums[i]) + offset)
        nums.append(_copy(base, part_nums[i + 1]))
    for page in base.pages[offset:]:
        if "/StructParents" in page.obj:
            page.obj.StructParents = int(page.obj.StructParents) + offset
    for kid in _copy(base, document_element(part_root)).K:
        kid.P = document
        document.K.append(kid)


def document_element(struct_root):
    """The Document element at the top of a structure tree (WeasyPrint writes /K [Document])."""
    import pikepdf

    top = struct_root.K
    return top[0] if isinstance(top, pikepdf.Array) else top


def _copy(base, obj):
    """`obj` of another PDF, copied into `base` (pikepdf copies only indirect objects; a direct
    array is rebuilt from its copied items)."""
    import pikepdf

    if obj is None or not isinstance(obj, pikepdf.Object):
        return obj  # a Python value pikepdf already unwrapped (a number, a name) needs no copy
    if obj.is_indirect:
        return base.copy_foreign(obj)
    if isinstance(obj, pikepdf.Array):
        return pikepdf.Array([_copy(base, item) for item in obj])
    return obj


def _outline_items(pdf, offset: int, base=None) -> list[tuple[str, int, list]]:
    """(title, page index in the joined file, the rest of the destination) of every
    bookmark of a part, in reading order."""
    index = {page.objgen: n for n, page in enumerate(pdf.pages)}
    items = []
    with pdf.open_outline() as outline:
        def walk(nodes):
            for item in nodes:
                dest = item.destination
                items.append((item.title, offset + index[dest[0].objgen], list(dest[1:])))
                walk(item.children)

        walk(outline.root)
    return items


def _rebuild_outline(pdf, items: list, levels: list[int]) -> None:
    import pikepdf

    if len(items) != len(levels):
        raise RuntimeError(f"the parts have {len(items)} bookmarks, the document {len(levels)}")
    with pdf.open_outline() as outline:
        outline.root.clear()
        parents: list = []  # the latest item of each level
        for (title, page, rest), level in zip(items, levels):
            dest = pikepdf.Array([pdf.pages[page].obj, *rest])
            item = pikepdf.OutlineItem(title, dest)
            del parents[level - 1:]
            (parents[-1].children if parents else outline.root).append(item)
            parents.append(item)
