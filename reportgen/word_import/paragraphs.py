"""What a report file is read into: paragraphs with the formatting that tells headings from
text, and the problem that stops a file from being read."""

from __future__ import annotations

from dataclasses import dataclass, field


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
    table: int = 0  # the source's table number (from 1) of a table row; 0 for a paragraph
    cells: tuple[str, ...] = ()  # a table row's cells as written


@dataclass
class Source:
    paras: list[Para]
    notes: list[str] = field(default_factory=list)  # footnotes and comments, kept as a note
    formatted: bool = True  # False for plain text: no bold, so lead sentences are guessed
    bold_leads: bool = True  # False when no paragraph starts in bold: plain lead sentences are guessed
