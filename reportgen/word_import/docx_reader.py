"""Read a .docx (python-docx's XML) into paragraphs: text in document order with tracked
changes accepted, the style's or the runs' outline level, bold, East Asian font, alignment and
Chinese list numbering; tables as text rows; footnotes, endnotes and comments as notes.

Headers, footers and page numbers live in other parts of the package and are never read.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from reportgen.word_import.paragraphs import Para, Source, SourceProblem

MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # a .docx is a zip: a small file may unpack to gigabytes
MAX_XML_BYTES = 50 * 1024 * 1024  # the XML parts (the text): a 100-page report has a few MB
MAX_PARTS = 2000  # a report has dozens of parts (a few hundred with many pictures)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)


def open_docx(path: Path):
    import docx

    try:
        with zipfile.ZipFile(path) as archive:
            # sizes as the zip declares them: zipfile never inflates a part beyond its declared
            # size, so these bound the memory python-docx can use (issue 19: untrusted files)
            parts = archive.infolist()
            if len(parts) > MAX_PARTS:
                raise SourceProblem("E501", detail=f"压缩包中有 {len(parts)} 个部件，不像是一份年度报告")
            if sum(info.file_size for info in parts) > MAX_UNPACKED_BYTES:
                raise SourceProblem("E501", detail="解压后超过 200 MB，不像是一份年度报告")
            if sum(info.file_size for info in parts if info.filename.endswith((".xml", ".rels"))) > MAX_XML_BYTES:
                raise SourceProblem("E501", detail="文字部分解压后超过 50 MB，不像是一份年度报告")
            if any(_declares_dtd(archive, info) for info in parts):
                raise SourceProblem("E501", detail="文件中含有 Word 不会写出的文档类型声明（DTD），可能是恶意构造的文件")
            if archive.testzip() is not None or "word/document.xml" not in archive.namelist():
                raise SourceProblem("E501", detail="文件已损坏，或不是 Word 文档")
    except zipfile.BadZipFile:
        raise SourceProblem("E501", detail="文件已损坏，或不是 Word 文档（无法作为 .docx 打开）") from None
    try:
        return docx.Document(str(path))
    except Exception as exc:  # noqa: BLE001 - any parser failure means a damaged file
        raise SourceProblem("E501", detail=f"文件已损坏（{type(exc).__name__}）") from None


def _declares_dtd(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """An XML part with a <!DOCTYPE>: Office never writes one; a crafted file uses it for
    entity expansion (“billion laughs”) or external entities. Its prolog is at the start."""
    if not info.filename.endswith((".xml", ".rels")):
        return False
    with archive.open(info) as part:
        head = part.read(4096).upper()
    return b"<!DOCTYPE" in head or "<!DOCTYPE".encode("utf-16-le") in head


def read_docx(path: Path) -> Source:
    document = open_docx(path)
    styles = _StyleInfo(document)
    paras: list[Para] = []
    pictures = tables = 0
    for element in _body_blocks(document.element.body):
        if element.tag == W + "p":
            pictures += len(element.findall(f".//{W}drawing")) + len(element.findall(f".//{W}pict"))
            para = _paragraph(element, styles)
            if para.text.strip():
                paras.append(para)
        elif element.tag == W + "tbl":
            tables += 1
            paras.extend(_table_rows(element, tables))
    notes = _notes(document)
    if not paras and not notes:
        raise SourceProblem("E504" if pictures else "E505")
    # a document whose paragraphs never start in bold writes its lead sentences plainly
    bold_leads = any(p.bold_lead and not p.all_bold for p in paras if not p.table)
    return Source(paras, notes, bold_leads=bold_leads)


def _body_blocks(body):
    """Paragraphs and tables in document order, looking into content controls."""
    for child in body:
        if child.tag in (W + "p", W + "tbl"):
            yield child
        elif child.tag == W + "sdt":
            content = child.find(W + "sdtContent")
            if content is not None:
                yield from _body_blocks(content)


def _visible(element, stop) -> bool:
    """False inside deleted or moved-away text (tracked changes count as accepted), and in
    the fallback copy of a text box that Word keeps for older readers (it would repeat it)."""
    node = element.getparent()
    while node is not None and node is not stop:
        if node.tag in (W + "del", W + "moveFrom", _FALLBACK):
            return False
        node = node.getparent()
    return True


def _runs_text(p) -> list[tuple[str, object]]:
    """(text, run element) pieces of a paragraph in order."""
    pieces = []
    for node in p.iter(W + "t", W + "tab", W + "br", W + "cr", W + "noBreakHyphen"):
        if not _visible(node, p):
            continue
        if node.tag == W + "t":
            text = node.text or ""
        elif node.tag == W + "noBreakHyphen":
            text = "-"
        elif node.tag == W + "tab":
            text = " "
        elif node.get(W + "type") == "page":
            continue
        else:
            text = "\n"
        pieces.append((text, node.getparent()))
    return pieces


class _StyleInfo:
    """Outline level, bold, font and alignment a paragraph style gives, following basedOn."""

    def __init__(self, document):
        self.by_id = {}
        for style in document.styles.element.findall(W + "style"):
            self.by_id[style.get(W + "styleId")] = style
        self.numbering = _numbering_formats(document)

    def numbered_heading(self, num_id: str | None, level: int) -> int | None:
        """0 for a list numbered “一、”, 1 for “（一）”: Word's automatic heading numbers."""
        number_format, text = self.numbering.get((num_id, level), ("", ""))
        if not (number_format.startswith(("chinese", "ideograph", "japaneseCounting", "taiwanese"))):
            return None
        if "（" in text or "(" in text:
            return 1
        return 0 if "、" in text else None

    def chain(self, style_id: str | None):
        seen = 0
        while style_id and style_id in self.by_id and seen < 20:
            style = self.by_id[style_id]
            yield style
            based = style.find(W + "basedOn")
            style_id = based.get(W + "val") if based is not None else None
            seen += 1

    def name(self, style_id: str | None) -> str:
        style = self.by_id.get(style_id or "")
        node = style.find(W + "name") if style is not None else None
        return node.get(W + "val") if node is not None else ""

    def find(self, style_id: str | None, path: str):
        for style in self.chain(style_id):
            node = style.find(path)
            if node is not None:
                return node
        return None


def _numbering_formats(document) -> dict[tuple[str, int], tuple[str, str]]:
    """(numId, level) → (number format, level text such as “%1、”) from the numbering part."""
    from lxml import etree

    part = next((rel.target_part for rel in document.part.rels.values()
                 if not rel.is_external and rel.reltype.endswith("/numbering")), None)
    if part is None:
        return {}
    try:
        root = etree.fromstring(part.blob, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        return {}
    abstract = {}
    for node in root.findall(W + "abstractNum"):
        levels = {}
        for lvl in node.findall(W + "lvl"):
            fmt, text = lvl.find(W + "numFmt"), lvl.find(W + "lvlText")
            levels[int(lvl.get(W + "ilvl", "0"))] = (fmt.get(W + "val", "") if fmt is not None else "",
                                                    text.get(W + "val", "") if text is not None else "")
        abstract[node.get(W + "abstractNumId")] = levels
    found = {}
    for num in root.findall(W + "num"):
        ref = num.find(W + "abstractNumId")
        for level, value in abstract.get(ref.get(W + "val") if ref is not None else None, {}).items():
            found[(num.get(W + "numId"), level)] = value
    return found


def _on(node) -> bool:
    return node is not None and node.get(W + "val", "true") not in ("0", "false", "none")


def _paragraph(p, styles: _StyleInfo) -> Para:
    ppr = p.find(W + "pPr")
    style_node = ppr.find(W + "pStyle") if ppr is not None else None
    style_id = style_node.get(W + "val") if style_node is not None else None
    name = styles.name(style_id)

    def setting(path: str):
        """A paragraph property set directly, else by the style (or the styles it is based on)."""
        node = ppr.find(path) if ppr is not None else None
        return node if node is not None else styles.find(style_id, f"{W}pPr/{path}")

    outline_node = setting(W + "outlineLvl")
    outline = int(outline_node.get(W + "val")) if outline_node is not None else None
    builtin = _HEADING_STYLE.match(name)
    if builtin:
        outline = int(builtin.group(1)) - 1
    if outline is not None and outline > 8:
        outline = None  # 9 is Word's “body text”
    jc = setting(W + "jc")
    align = jc.get(W + "val") if jc is not None else ""
    level, numbered = setting(f"{W}numPr/{W}ilvl"), setting(f"{W}numPr/{W}numId")
    list_level = None
    if numbered is not None:
        depth = int(level.get(W + "val", "0")) if level is not None else 0
        list_level = styles.numbered_heading(numbered.get(W + "val"), depth)
    text, lead, all_bold, font = _runs(p, styles, style_id)
    return Para(text, outline, lead, all_bold, font, align == "center", align in ("right", "end"), style=name,
                list_level=list_level)


def _runs(p, styles: _StyleInfo, style_id: str | None) -> tuple[str, str, bool, str]:
    """The paragraph's text, its leading bold text, whether all of it is bold, its first East
    Asian font; run formatting first, else the paragraph style's."""
    style_bold = _on(styles.find(style_id, f"{W}rPr/{W}b"))
    style_font = styles.find(style_id, f"{W}rPr/{W}rFonts")
    text, lead, leading, all_bold, font = "", "", True, True, ""
    for piece, run in _runs_text(p):
        rpr = run.find(W + "rPr") if run is not None else None
        bold_node = rpr.find(W + "b") if rpr is not None else None
        bold = _on(bold_node) if bold_node is not None else style_bold
        fonts = rpr.find(W + "rFonts") if rpr is not None else None
        if piece.strip() and not font:
            chosen = fonts if fonts is not None and fonts.get(W + "eastAsia") else style_font
            font = chosen.get(W + "eastAsia", "") if chosen is not None else ""
        text += piece
        if piece.strip():
            all_bold = all_bold and bold
            if leading and bold:
                lead = text
            elif not bold:
                leading = False
    return text, lead.strip(), all_bold and bool(text.strip()), font


def _table_rows(tbl, number: int) -> list[Para]:
    """A table becomes one row per table row, its cells kept apart, in order."""
    rows = []
    for tr in tbl.iter(W + "tr"):
        cells = []
        for tc in tr.findall(W + "tc"):
            text = " ".join("".join(piece for piece, _ in _runs_text(p)).strip() for p in tc.iter(W + "p")).strip()
            if text and (not cells or cells[-1] != text):  # merged cells repeat their text
                cells.append(text)
        if cells:
            rows.append(Para("；".join(cells), table_row=True, table=number, cells=tuple(cells)))
    return rows


def _notes(document) -> list[str]:
    """Footnotes, endnotes and comments: their text, kept as a note at the end."""
    from lxml import etree

    found = []
    for rel in document.part.rels.values():
        kind = rel.reltype.rsplit("/", 1)[-1]
        if kind not in ("footnotes", "endnotes", "comments") or rel.is_external:
            continue
        # entities unresolved, no network: a crafted note part must not read local files
        parser = etree.XMLParser(resolve_entities=False, no_network=True)
        try:
            root = etree.fromstring(rel.target_part.blob, parser)
        except etree.XMLSyntaxError:
            continue
        for note in root:
            if note.get(W + "type") in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            text = "".join(piece for p in note.iter(W + "p") for piece, _ in _runs_text(p)).strip()
            if text:
                label = {"footnotes": "脚注", "endnotes": "尾注", "comments": "批注"}[kind]
                found.append(f"（原文{label}）{text}")
    return found
