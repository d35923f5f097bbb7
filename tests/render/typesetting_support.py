"""Typesetting faults counted from a PDF's character positions (PyMuPDF rawdict), not from
the line breaker's output: what a reader of the PDF sees (issue #23, "Typesetting").

A body paragraph is a run of lines in the body size (16 pt) whose first line starts two
characters in and whose others start at the left edge of the text block, one grid line
after another (across a page break too); a line in the title, heading or table sizes, a
right-aligned signature or a lone flush-left line (the 主送机关) is no body paragraph.

- 孤字: a paragraph of two or more lines whose last line holds fewer than two characters
  besides punctuation.
- 避头尾 fault: a line of a paragraph other than its first that begins with a character
  that may not start a line (gbt9704.NO_START), or a line other than the last that ends
  with one that may not end it (gbt9704.NO_END).
- Loose line: a line other than a paragraph's last whose characters stand further apart
  than the grid's: the mean advance from the origin of a character to the origin of the
  next, less the first one's own advance, over the gaps after characters that are not
  punctuation (a compressed 。」 sits closer on purpose), exceeds the natural spacing
  (−0.013 em: 28 characters fill the 156 mm line) by more than LOOSE_EM of the em. A line
  that lost one character to a push-down (挤出) has 1 em spread over its 27 gaps,
  +0.037 em each, and is loose; a line with a half-width digit more or less (±0.019 em)
  is not.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from reportgen.render.gbt9704 import NO_END, NO_START

try:
    import pymupdf
except ImportError:  # older PyMuPDF
    import fitz as pymupdf

PT_PER_MM = 72 / 25.4
LEFT = 28 * PT_PER_MM  # the text block's left edge, pt (GB/T 9704 5.2.2)
WIDTH = 156 * PT_PER_MM
BODY_PT = 16.0
PITCH_X = WIDTH / 28  # one character cell
PITCH_Y = 579 / 20  # one grid line: 22 of them fill 225 mm
NATURAL_EM = -0.013  # the letter-spacing that makes 28 characters fill a line
LOOSE_EM = 0.025  # a line is loose when its characters stand 0.025 em (0.4 pt) further apart


def is_punctuation(ch: str) -> bool:
    return ch in NO_START or ch in NO_END or unicodedata.category(ch)[0] in "PS"


@dataclass
class PdfLine:
    page: int
    y: float  # baseline
    chars: list[tuple[str, float, float, str]]  # (character, origin x, advance, font)

    @property
    def text(self) -> str:
        return "".join(c for c, _, _, _ in self.chars)

    @property
    def x0(self) -> float:
        return self.chars[0][1]


@dataclass
class Figures:
    lines: int = 0  # lines of body paragraphs
    full_lines: int = 0  # of them, not a paragraph's last
    orphans: list[str] = field(default_factory=list)  # the last lines that are 孤字
    kinsoku: list[str] = field(default_factory=list)  # the lines with a 避头尾 fault
    loose: list[str] = field(default_factory=list)  # the loose lines

    def add(self, other: "Figures") -> None:
        self.lines += other.lines
        self.full_lines += other.full_lines
        self.orphans += other.orphans
        self.kinsoku += other.kinsoku
        self.loose += other.loose

    @property
    def loose_share(self) -> float:
        return len(self.loose) / self.full_lines if self.full_lines else 0.0

    def summary(self) -> str:
        return (f"{self.lines} lines, {self.full_lines} full: 孤字 {len(self.orphans)}, 避头尾 {len(self.kinsoku)}, "
                f"loose {len(self.loose)} ({self.loose_share:.1%})")


def body_lines(path: Path) -> list[PdfLine]:
    """Every line of 16 pt characters in the PDF, in reading order."""
    out = []
    with pymupdf.open(str(path)) as pdf:
        for page in pdf:
            rows: dict[float, list] = {}
            for block in page.get_text("rawdict")["blocks"]:
                for line in block.get("lines", []):
                    for span in line["spans"]:
                        if abs(span["size"] - BODY_PT) > 0.1:
                            continue
                        for char in span["chars"]:
                            x0, _, x1, _ = char["bbox"]
                            y = round(char["origin"][1], 1)
                            rows.setdefault(y, []).append((char["c"], char["origin"][0], x1 - x0, span["font"]))
            for y in sorted(rows):
                chars = sorted((c for c in rows[y] if c[0].strip()), key=lambda c: c[1])
                if chars:
                    out.append(PdfLine(page.number, y, chars))
    return out


def paragraphs(lines: list[PdfLine]) -> list[list[PdfLine]]:
    """The body paragraphs (see the module's docstring), each a list of its lines."""
    out: list[list[PdfLine]] = []
    current: list[PdfLine] = []
    for line in lines:
        indented = abs(line.x0 - (LEFT + 2 * PITCH_X)) < 1
        flush = abs(line.x0 - LEFT) < 1
        prev = current[-1] if current else None
        follows = prev is not None and (
            line.page == prev.page and abs(line.y - prev.y - PITCH_Y) < 1 or line.page == prev.page + 1
        )
        if flush and follows:
            current.append(line)
            continue
        if current:
            out.append(current)
        current = [line] if indented else []
    if current:
        out.append(current)
    # a body paragraph has the body face; a heading only 黑体 or 楷体
    return [p for p in out if any(font.endswith("body") for ln in p for *_, font in ln.chars)]


def loose_by(line: PdfLine) -> float:
    """How much further apart than natural the line's characters stand, in em (see above)."""
    gaps = [
        (b[1] - a[1] - a[2]) / BODY_PT
        for a, b in zip(line.chars, line.chars[1:])
        if not is_punctuation(a[0])
    ]
    return sum(gaps) / len(gaps) - NATURAL_EM if gaps else 0.0


def measure(path: Path) -> Figures:
    figures = Figures()
    for paragraph in paragraphs(body_lines(path)):
        figures.lines += len(paragraph)
        figures.full_lines += len(paragraph) - 1
        last = paragraph[-1]
        if len(paragraph) > 1 and sum(not is_punctuation(c) for c in last.text) < 2:
            figures.orphans.append(f"{path.name} p{last.page + 1}: {paragraph[-2].text[-6:]}|{last.text}")
        for number, line in enumerate(paragraph):
            where = f"{path.name} p{line.page + 1}: {line.text}"
            if number and line.text[0] in NO_START or number < len(paragraph) - 1 and line.text[-1] in NO_END:
                figures.kinsoku.append(where)
            if number < len(paragraph) - 1 and loose_by(line) > LOOSE_EM:
                figures.loose.append(f"{where} (+{loose_by(line):.3f} em)")
    return figures


def measure_all(paths) -> Figures:
    total = Figures()
    for path in paths:
        total.add(measure(path))
    return total


if __name__ == "__main__":  # python tests/typesetting_support.py FOLDER: the figures of its PDFs
    import sys

    found = measure_all(sorted(Path(sys.argv[1]).glob("*.pdf")))
    print(found.summary())
    for kind in ("orphans", "kinsoku", "loose"):
        for where in getattr(found, kind):
            print(kind, where)
