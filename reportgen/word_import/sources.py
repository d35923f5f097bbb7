"""Read a unit's report (.docx, .doc/.wps/.odt through LibreOffice, .txt/.md) into a flat
list of paragraphs with the little formatting that tells headings from text: style outline
level, bold runs at the start, the East Asian font, centring.

Headers, footers and page numbers live in other parts of a .docx and are never read;
tracked insertions are read and deletions skipped (changes count as accepted).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..loader import decode

MAX_SOURCE_BYTES = 20 * 1024 * 1024  # a report with photos is a few MB; more is a wrong file
MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # a .docx is a zip: a small file may unpack to gigabytes
CONVERTED = (".doc", ".wps", ".odt", ".rtf")
PLAIN = (".txt", ".md")
SUFFIXES = (".docx", *CONVERTED, *PLAIN)
CONVERT_SECONDS = 120

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word saves a password-protected .docx as an OLE file
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")  # the stream an encrypted .docx keeps its content in
_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)


class SourceProblem(Exception):
    """A file that cannot be imported: `code` is a diagnostic code, `fields` its message fields."""

    def __init__(self, code: str, **fields):
        super().__init__(code)
        self.code = code
        self.fields = fields


@dataclass
class Para:
    """One paragraph (or one table row) of the source, text as written."""

    text: str
    outline: int | None = None  # 0 for a first-level heading style, 1 for the second …
    bold_lead: str = ""  # the text of the bold runs the paragraph starts with
    all_bold: bool = False
    font: str = ""  # East Asian font of the first run with text: 黑体, 楷体 … mark headings
    centered: bool = False
    right: bool = False  # right-aligned: a signature or date line
    table_row: bool = False
    style: str = ""
    list_level: int | None = None  # 0 or 1: “一、” or “（一）” numbered by Word, not in the text


@dataclass
class Source:
    paras: list[Para]
    notes: list[str] = field(default_factory=list)  # footnotes and comments, kept as a note
    formatted: bool = True  # False for plain text: no bold, so lead sentences are guessed


def read_source(path: Path) -> Source:
    """The paragraphs of one report file, or SourceProblem saying why not."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise SourceProblem("E507", suffix=path.suffix or "（无扩展名）")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise SourceProblem("E501", detail=exc.strerror or str(exc)) from None
    if size > MAX_SOURCE_BYTES:
        raise SourceProblem("E503", size=f"{size / 1024 / 1024:.1f}")
    if suffix in PLAIN:
        return _read_plain(path, markdown=suffix == ".md")
    if suffix in CONVERTED or (suffix == ".docx" and _old_word_file(path)):
        with tempfile.TemporaryDirectory(prefix="reportgen-import-") as folder:
            return _read_docx(convert_to_docx(path, Path(folder)))
    return _read_docx(path)


def _old_word_file(path: Path) -> bool:
    """A .docx that is really an OLE file: an encrypted .docx (refused), or a .doc renamed."""
    with path.open("rb") as handle:
        head = handle.read(len(_OLE_MAGIC))
        if head != _OLE_MAGIC:
            return False
        if _ENCRYPTED in handle.read():
            raise SourceProblem("E502")
    return True


def convert_to_docx(path: Path, folder: Path) -> Path:
    """.doc/.wps/.odt → .docx with LibreOffice headless, in `folder`."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SourceProblem("E506", detail="本机没有安装 LibreOffice（运行 bash scripts/setup.sh 可安装）")
    command = [soffice, f"-env:UserInstallation=file://{folder / 'profile'}", "--headless",
               "--convert-to", "docx", "--outdir", str(folder), str(path.resolve())]
    try:
        subprocess.run(command, capture_output=True, timeout=CONVERT_SECONDS, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SourceProblem("E506", detail=f"LibreOffice 无法运行（{exc}）") from None
    target = folder / (path.stem + ".docx")
    if not target.is_file():
        raise SourceProblem("E506", detail="LibreOffice 无法转换这个文件（文件可能已损坏或受密码保护）")
    return target


def _read_plain(path: Path, markdown: bool) -> Source:
    raw = path.read_bytes()
    try:
        text, _encoding = decode(raw)
    except UnicodeDecodeError:
        raise SourceProblem("E501", detail="文字编码无法识别（不是 UTF-8、GB18030 或 UTF-16）") from None
    paras = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        para = Para(line)
        if markdown:
            para = _markdown(line)
        paras.append(para)
    return Source(paras, formatted=markdown and any(p.bold_lead for p in paras))


def _markdown(line: str) -> Para:
    heading = re.match(r"^(#{1,6})\s*(.*)$", line)
    if heading:
        level = len(heading.group(1))
        # “# 标题” is the report's title; “##” the parts; “###” the groups
        return Para(heading.group(2), outline=max(level - 2, 0) if level > 1 else None, centered=level == 1)
    line = re.sub(r"^[-*+]\s+", "", line)
    bold = re.match(r"^\*\*(.+?)\*\*(.*)$", line)
    if bold:
        return Para(bold.group(1) + bold.group(2), bold_lead=bold.group(1), all_bold=not bold.group(2).strip())
    return Para(line)


def _open_docx(path: Path):
    import docx

    try:
        with zipfile.ZipFile(path) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED_BYTES:
                raise SourceProblem("E501", detail="解压后超过 200 MB，不像是一份年度报告")
            if archive.testzip() is not None or "word/document.xml" not in archive.namelist():
                raise SourceProblem("E501", detail="文件已损坏，或不是 Word 文档")
    except zipfile.BadZipFile:
        raise SourceProblem("E501", detail="文件已损坏，或不是 Word 文档（无法作为 .docx 打开）") from None
    try:
        return docx.Document(str(path))
    except Exception as exc:  # noqa: BLE001 - any parser failure means a damaged file
        raise SourceProblem("E501", detail=f"文件已损坏（{type(exc).__name__}）") from None


def _read_docx(path: Path) -> Source:
    document = _open_docx(path)
    styles = _StyleInfo(document)
    paras: list[Para] = []
    pictures = 0
    for element in _body_blocks(document.element.body):
        if element.tag == W + "p":
            pictures += len(element.findall(f".//{W}drawing")) + len(element.findall(f".//{W}pict"))
            para = _paragraph(element, styles)
            if para.text.strip():
                paras.append(para)
        elif element.tag == W + "tbl":
            paras.extend(_table_rows(element))
    notes = _notes(document)
    if not paras and not notes:
        raise SourceProblem("E504" if pictures else "E505")
    return Source(paras, notes)


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


def _table_rows(tbl) -> list[Para]:
    """A table becomes one text row per table row, cells joined by “；”, in order."""
    rows = []
    for tr in tbl.iter(W + "tr"):
        cells = []
        for tc in tr.findall(W + "tc"):
            text = "".join(piece for p in tc.iter(W + "p") for piece, _ in _runs_text(p)).strip()
            if text and (not cells or cells[-1] != text):  # merged cells repeat their text
                cells.append(text)
        if cells:
            rows.append(Para("；".join(cells), table_row=True))
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
