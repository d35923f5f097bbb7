"""Read a unit's report into a flat list of paragraphs: .docx directly (docx_reader.py),
.doc/.wps/.odt after LibreOffice converts them, .txt/.md as plain text in any encoding the
YAML loader reads. A file that cannot be read raises SourceProblem with its error code.
"""

from __future__ import annotations

import re
import shutil  # noqa: F401 - tests replace shutil.which here to play a machine without LibreOffice
import tempfile
from pathlib import Path

from reportgen.read.encodings import decode
from reportgen.word_import.convert import OLE_MAGIC, convert_to_docx, ole_encrypted
from reportgen.word_import.docx_reader import read_docx
from reportgen.word_import.paragraphs import Para, Source, SourceProblem

__all__ = ["Para", "Source", "SourceProblem", "read_source", "convert_to_docx", "SUFFIXES"]

MAX_SOURCE_BYTES = 20 * 1024 * 1024  # a report with photos is a few MB; more is a wrong file
CONVERTED = (".doc", ".wps", ".odt", ".rtf")
PLAIN = (".txt", ".md")
SUFFIXES = (".docx", *CONVERTED, *PLAIN)


def read_source(path: Path) -> Source:
    """The paragraphs of one report file, or SourceProblem saying why not."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise SourceProblem("E507", suffix=path.suffix or "（无扩展名）")
    try:
        size = path.stat().st_size
        with path.open("rb"):
            pass
    except FileNotFoundError:
        raise SourceProblem("E515", detail="文件不存在") from None
    except PermissionError:
        raise SourceProblem("E515", detail="没有读取这个文件的权限") from None
    except OSError as exc:
        raise SourceProblem("E515", detail=exc.strerror or str(exc)) from None
    if size > MAX_SOURCE_BYTES:
        raise SourceProblem("E503", size=f"{size / 1024 / 1024:.1f}")
    if suffix in PLAIN:
        return _read_plain(path, markdown=suffix == ".md")
    if _old_word_file(path) or suffix in CONVERTED:
        with tempfile.TemporaryDirectory(prefix="reportgen-import-") as folder:
            return read_docx(convert_to_docx(path, Path(folder)))
    return read_docx(path)


def _old_word_file(path: Path) -> bool:
    """An OLE file: an encrypted .docx or an encrypted .doc/.wps (refused, E502), or an old
    Word file, perhaps renamed .docx (converted)."""
    data = path.read_bytes()  # at most MAX_SOURCE_BYTES
    if not data.startswith(OLE_MAGIC):
        return False
    if ole_encrypted(data):
        raise SourceProblem("E502")
    return True


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


