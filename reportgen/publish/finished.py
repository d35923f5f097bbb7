"""What a report file says about itself, read from its bytes for `verify`, whatever the
manifest claims: whether it is a draft (its metadata), and whether it holds anything
unfinished — a placeholder “（待填写：…）” or a part (一、二、…) with nothing under it —
with the PDF page (or the DOCX paragraph) where it is.

A draft records its state as the XMP property xmp:Label = 草稿 (PDF) and the core
property contentStatus = 草稿 (DOCX); reportgen's older drafts are known by the title
ending in “（草稿）”.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

import pikepdf

from reportgen.model.naming import DRAFT_SUFFIX
from reportgen.model.unfinished import PLACEHOLDER, placeholder_at
from reportgen.publish.pdf_text import page_texts

DRAFT_STATE = "草稿"
XMP_LABEL = "{http://ns.adobe.com/xap/1.0/}Label"
DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"
CP_STATUS = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}contentStatus"
W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

_NUMERAL = "一二三四五六七八九十"
_PART = re.compile(f"^[{_NUMERAL}]+、\\S.*$")
_PAGE_NUMBER = re.compile(r"^[—-]\s*\d+\s*[—-]$")


@dataclass
class Inspection:
    draft: bool = False
    unfinished: list[str] = field(default_factory=list)  # “PDF 第 3 页：待填写的文字“…””
    unreadable: str | None = None


def _empty_parts(lines: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(where, heading) of each part heading followed at once by another, or by nothing."""
    found = []
    for index, (where, line) in enumerate(lines):
        if _PART.match(line):
            following = lines[index + 1][1] if index + 1 < len(lines) else ""
            if not following or _PART.match(following):
                found.append((where, line))
    return found


def _findings(pieces: list[tuple[str, str]], joined: list[tuple[str, str]]) -> list[str]:
    """`pieces`: (where, text) for placeholders; `joined`: (where, line) for empty parts."""
    found = []
    text, starts = "", []
    for where, piece in pieces:
        starts.append((len(text), where))
        text += piece
    position = text.find(PLACEHOLDER)
    while position >= 0:
        where = [w for start, w in starts if start <= position][-1]
        found.append(f"{where}有待填写的文字“{placeholder_at(text[position:])}”")
        position = text.find(PLACEHOLDER, position + 1)
    found += [f"{where}的“{heading}”下没有任何内容" for where, heading in _empty_parts(joined)]
    return found


def _pdf(path: Path) -> Inspection:
    with pikepdf.open(path) as pdf:
        title = str(pdf.docinfo.get("/Title", ""))
        xmp = pdf.Root.get("/Metadata")
        labels = []
        if xmp is not None:
            labels = [e.text for e in ElementTree.fromstring(xmp.read_bytes()).iter(XMP_LABEL)]
    pages = page_texts(path)
    pieces = [(f"PDF 第 {n} 页", page.replace("\n", "")) for n, page in enumerate(pages, 1)]
    lines = [(f"PDF 第 {n} 页", line.strip()) for n, page in enumerate(pages, 1) for line in page.split("\n")
             if line.strip() and not _PAGE_NUMBER.match(line.strip())]
    return Inspection(DRAFT_STATE in labels or title.endswith(DRAFT_SUFFIX), _findings(pieces, lines))


def _docx(path: Path) -> Inspection:
    with zipfile.ZipFile(path) as package:
        core = ElementTree.fromstring(package.read("docProps/core.xml"))
        body = ElementTree.fromstring(package.read("word/document.xml"))
    status = core.findtext(CP_STATUS) or ""
    title = core.findtext(DC_TITLE) or ""
    paragraphs = ["".join(t.text or "" for t in p.iter(f"{W_NS}t")) for p in body.iter(f"{W_NS}p")]
    numbered = [(f"DOCX 第 {n} 段", text.strip()) for n, text in enumerate(paragraphs, 1) if text.strip()]
    return Inspection(status == DRAFT_STATE or title.endswith(DRAFT_SUFFIX), _findings(numbered, numbered))


def inspect(path: Path) -> Inspection:
    """Read a PDF or DOCX report; a file that cannot be read says why in `unreadable`."""
    try:
        return _pdf(path) if path.suffix.lower() == ".pdf" else _docx(path)
    except Exception as exc:  # noqa: BLE001 - any file may lie in the folder; a broken one is 已修改 or 多余 anyway
        return Inspection(unreadable=type(exc).__name__)
