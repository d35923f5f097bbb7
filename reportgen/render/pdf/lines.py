"""Break text into lines on the GB/T 9704 grid and give each line the spacing that fills it.

WeasyPrint stretches only spaces when justifying, so Chinese lines would stay
ragged (docs/gbt9704.md). Lines are broken here instead, from each
glyph's advance in the font file, with 避头尾 rules and runs of digits and Latin
kept whole; each line then gets the letter-spacing that makes it end exactly
at the right edge, predicted the way WeasyPrint will place every glyph.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportgen.model.measure import is_half_width
from reportgen.render import gbt9704 as F
from reportgen.render.gbt9704 import NO_END, NO_START

MM = 72 / 25.4


@dataclass(frozen=True)
class Geometry:
    """GB/T 9704-2012 5.2 and 7.5; lengths in mm unless the name says pt."""

    page_width: float = F.PAGE_W
    page_height: float = F.PAGE_H
    margin_top: float = F.TOP
    margin_right: float = F.RIGHT
    margin_bottom: float = F.BOTTOM
    margin_left: float = F.LEFT
    chars_per_line: int = F.CHARS_PER_LINE
    line_pitch_pt: float = F.LINE_PITCH_PT
    body_size_pt: float = F.BODY_PT
    title_size_pt: float = F.TITLE_PT
    pagenum_size_pt: float = F.PAGE_NO_PT
    pagenum_gap: float = F.PAGE_NO_GAP
    table_size_pt: float = F.TABLE_PT
    table_line_pt: float = F.TABLE_LINE_PT
    table_row_pt: float = F.LINE_PITCH_PT  # a one-line row is one grid line high
    cell_pad_v_pt: float = F.CELL_PAD_V_PT
    cell_pad_h_pt: float = F.CELL_PAD_H_PT
    border_outer_pt: float = F.BORDER_OUTER_PT
    border_inner_pt: float = F.BORDER_INNER_PT

    @property
    def text_width_pt(self) -> float:
        return (self.page_width - self.margin_left - self.margin_right) * MM

    @property
    def pitch_pt(self) -> float:
        """One character cell: 28 of them fill the text block (15.79 pt)."""
        return self.text_width_pt / self.chars_per_line


GRID = Geometry()

RUN_MARKS = set("—…")  # ——, …… are never split
CONNECTORS = set("—–~～-")  # a single one between two numbers joins them: 2021—2025


@dataclass(frozen=True)
class Run:
    text: str
    face: str  # key of the face (see _FaceTable)
    spacing: float  # CSS letter-spacing, pt


@dataclass(frozen=True)
class Line:
    indent: float  # pt from the left edge of the text block
    runs: tuple[Run, ...]


@dataclass(frozen=True)
class Cell:
    lines: tuple[tuple[Run, ...], ...]  # the runs of each line
    align: str  # left or center


@dataclass(frozen=True)
class TableLayout:
    widths: tuple[float, ...]  # per column, percent of the text block
    header: tuple[Cell, ...]  # in <thead>: WeasyPrint repeats it on every page
    rows: tuple[tuple[Cell, ...], ...]


@dataclass(frozen=True)
class Box:
    # title, blank, addressee, heading1, heading2, paragraph, signature, pagebreak,
    # attachment-note, attachment-label, table (with `table`), table-notes
    kind: str
    lines: tuple[Line, ...] = ()
    table: TableLayout | None = None


@dataclass(frozen=True)
class Glyph:
    ch: str
    face: str
    width: float  # advance, thousandths of an em



# ---------------------------------------------------------------------------
# Breaking text into lines


def tokens(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """Units a line break may not enter: a half-width run, a —— or …… run, a space, a character."""
    out: list[list[Glyph]] = []
    for g in glyphs:
        prev = out[-1] if out else None
        if prev and is_half_width(g.ch) and is_half_width(prev[-1].ch):
            prev.append(g)
        elif prev and g.ch in RUN_MARKS and prev[-1].ch == g.ch:
            prev.append(g)
        else:
            out.append([g])
    return out


def _text(token: list[Glyph]) -> str:
    return "".join(g.ch for g in token)


def may_break(before: list[Glyph], after: list[Glyph], before2: list[Glyph] | None = None) -> bool:
    """May a line end after `before` and the next begin with `after`?"""
    a, b = before[-1].ch, after[0].ch
    if b == " ":
        return False  # break after the space instead
    if b in NO_START or a in NO_END:
        return False
    # 2021—2025, 3-5: a lone connector sticks to the numbers on both sides.
    if len(after) == 1 and b in CONNECTORS and is_half_width(a):
        return False
    if len(before) == 1 and a in CONNECTORS and is_half_width(b) and before2 and is_half_width(before2[-1].ch):
        return False
    return True


def _width(toks: list[list[Glyph]], spacing: float) -> float:
    """Width in thousandths of an em of a line of these tokens, trailing spaces left out,
    counting a full cell (advance + spacing) for every character."""
    glyphs = [g for t in toks for g in t]
    while glyphs and glyphs[-1].ch == " ":
        glyphs.pop()
    return sum(g.width + spacing for g in glyphs)


# Pull a character that may not start a line into the line above (挤进) only when it
# overflows by less than this (thousandths of an em): a half-width “)” or “%”. A
# full-width 。，、 pushes the last character down instead (挤出, as Word does), so no
# line of Chinese characters holds more than the grid's 28.
PUSH_IN_LIMIT = 350
# ... unless pushing down would leave a gap of LOOSE or more (a long number such as
# “98.4%” going down with the 。 after it): then pull in up to TIGHT.
LOOSE, TIGHT = 1500, 1000


def break_lines(glyphs: list[Glyph], first: float, rest: float, spacing: float) -> list[list[Glyph]]:
    """Greedy lines on the grid: `first`/`rest` are the available widths, `spacing` the
    natural tracking, all in thousandths of an em. When the next character may not start
    a line, push the last one down (挤出), or pull a narrow one in (see PUSH_IN_LIMIT)."""
    toks = tokens(glyphs)
    lines: list[list[Glyph]] = []
    start = 0
    while start < len(toks):
        while start < len(toks) and _text(toks[start]) == " ":
            start += 1
        if start == len(toks):
            break
        avail = (first if not lines else rest) + 0.5
        end = _fit(toks, start, spacing, avail)
        if end == len(toks):
            lines.append([g for t in toks[start:end] for g in t])
            break

        def allowed(b: int) -> bool:
            return may_break(toks[b - 1], toks[b], toks[b - 2] if b - 2 >= start else None)

        push_out = next((b for b in range(end, start, -1) if allowed(b)), None)
        push_in = next((b for b in range(end + 1, min(end + 4, len(toks)) + 1) if b == len(toks) or allowed(b)), None)
        choice = push_out
        if push_in is not None:
            over = _width(toks[start:push_in], spacing) - avail
            under = avail - _width(toks[start:push_out], spacing) if push_out else float("inf")
            if over < under and (over <= PUSH_IN_LIMIT or under >= LOOSE and over <= TIGHT):
                choice = push_in
        if choice is None:
            if end == start:  # one unbreakable run longer than the line: cut it
                cut = _cut(toks[start], avail, spacing)
                toks[start : start + 1] = [toks[start][:cut], toks[start][cut:]]
                choice = start + 1
            else:
                choice = end
        lines.append([g for t in toks[start:choice] for g in t])
        start = choice
    for line in lines:
        while line and line[-1].ch == " ":
            line.pop()
    return lines


def _fit(toks: list[list[Glyph]], start: int, spacing: float, avail: float) -> int:
    """The end of the longest run of tokens from `start` whose `_width` is at most `avail`,
    the width added up glyph by glyph in `_width`'s order (so to the same float)."""
    end = start
    width = 0
    spaces: list[Glyph] = []  # trailing spaces: they count only once something follows
    while end < len(toks):
        token = toks[end]
        if all(g.ch == " " for g in token):
            spaces += token
        else:
            trial = width
            for g in spaces:
                trial += g.width + spacing
            for g in token:
                trial += g.width + spacing
            if trial > avail:
                break
            width, spaces = trial, []
        end += 1
    return end


def _cut(token: list[Glyph], avail: float, spacing: float) -> int:
    width = 0.0
    for i, g in enumerate(token):
        width += g.width + spacing
        if width > avail:
            return max(1, i)
    return len(token)


# ---------------------------------------------------------------------------
# Spacing: where WeasyPrint will put each glyph


def _bias(k: int) -> float:
    """Letter-spacing a little beyond k units, so WeasyPrint's int() truncation lands on k."""
    return k + (0.3 if k > 0 else -0.3 if k < 0 else 0)


def _runs(glyphs: list[Glyph], ks: list[int]) -> list[tuple[int, int]]:
    """Index ranges of the glyphs that share a face and a spacing (one text box each)."""
    ranges = []
    start = 0
    for i in range(1, len(glyphs) + 1):
        if i == len(glyphs) or glyphs[i].face != glyphs[start].face or ks[i] != ks[start]:
            ranges.append((start, i))
            start = i
    return ranges


def line_end(glyphs: list[Glyph], ks: list[int]) -> float:
    """Where the last glyph's advance ends, in thousandths of an em from the line start.
    Inside a text box the PDF places glyphs with the truncated spacing k; the next box
    starts where Pango's width of this one (the biased spacing) ends."""
    x = 0.0
    end = 0.0
    for a, b in _runs(glyphs, ks):
        pos = x
        for i in range(a, b):
            end = pos + glyphs[i].width
            pos += glyphs[i].width + ks[i]
        x += sum(glyphs[i].width + _bias(ks[i]) for i in range(a, b))
    return end


def make_line(glyphs: list[Glyph], ks: list[int], indent: float, size: float) -> Line:
    runs = []
    for a, b in _runs(glyphs, ks):
        spacing = round(_bias(ks[a]) * size / 1000, 5)
        runs.append(Run("".join(g.ch for g in glyphs[a:b]), glyphs[a].face, spacing))
    return Line(round(indent, 4), tuple(runs))


def placed_line(glyphs: list[Glyph], size: float, spacing: int, align: str, right: float = 0.0, grid: Geometry = GRID) -> Line:
    """One line centred, or ending `right` pt from the right edge."""
    ks = [spacing] * len(glyphs)
    width = line_end(glyphs, ks) * size / 1000
    if align == "center":
        indent = (grid.text_width_pt - width) / 2
    else:
        indent = grid.text_width_pt - right - width
    return make_line(glyphs, ks, max(0.0, indent), size)
