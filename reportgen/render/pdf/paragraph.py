"""Break a whole paragraph at once (Knuth–Plass style) and justify its lines, squeezing
punctuation before stretching the line.

The greedy breaker (lines.break_lines) decides one line at a time: when the character after
a full line may not start the next one (。，、), it pushes the line's last character down
and stretches the line by a whole character (挤出), and it leaves a paragraph's last
character alone on its line (孤字). Here every way of breaking the paragraph that keeps the
避头尾 rules (lines.may_break) is weighed at once, each line costing what it takes to fill it:

- squeezing punctuation costs little: a full-width closing mark (。，、；：」） …) has a blank
  right half, an opening mark (「（《 …) a blank left half, and either may give it up
  (clreq 3.1.6, jlreq 3.8.3): first a mark at the line's end (its ink still inside the
  line), then a mark next to another mark (。」, ，“), then a lone one;
- a line a little too long or too short spreads the difference over its gaps, cheaply
  while it is small; stretching more than LOOSE per gap makes a loose line and costs much;
- a paragraph's last line with fewer than two characters besides punctuation (孤字) costs
  more than anything else.

So a 。 after a full line comes up and gives up its blank half, and a lone last character
comes up into lines that squeeze their punctuation. The 28×22 grid stays: a line of
characters without punctuation still holds 28 on the 15.79 pt pitch. A paragraph may end
up a line shorter than the greedy breaker's, unless that changes the PDF's page count
(writer.write): Word and LibreOffice break the DOCX much as the greedy breaker does. All
lengths are in thousandths of an em, as in lines.py.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from reportgen.render.gbt9704 import NO_END, NO_START
from reportgen.render.pdf.lines import (GRID, Geometry, Glyph, Line, break_lines, line_end, make_line, may_break,
                                        tokens)

CLOSING = frozenset("，、。；：）］｝〕〉》」』】〗〙〛”’")  # ink on the left half (GB style)
OPENING = frozenset("（［｛〔〈《「『【〖〘〚“‘")  # ink on the right half
HALF = 500  # what a full-width mark may give up
FULL_WIDTH = 900  # a mark narrower than this (a half-width “,”) has no blank half

# Costs of one line. Squeezing a mark: at the line's end, next to another mark, alone.
END_COST, PAIR_COST, LONE_COST = 1.0, 2.0, 4.0
SHRINK_LIMIT = 12  # what a gap may lose once no mark is left to squeeze (0.19 pt at 16 pt)
LOOSE = 20  # a gap wider than natural by more than this is loose: the test counts 25
LOOSE_COST = 1000.0
ORPHAN_COST = 100000.0
STRETCH_SEARCH = 4000  # lines stretched by more than 4 em are tried only if nothing else fits
SHRINK_SEARCH = 3000  # no line gives up 3 em


def _squeezable(glyph: Glyph) -> bool:
    return glyph.width >= FULL_WIDTH and (glyph.ch in CLOSING or glyph.ch in OPENING)


@dataclass(frozen=True)
class Squeeze:
    """Where a line's glyphs give up space: `gaps[k]` after glyph k, `end` from the last."""

    gaps: tuple[int, ...]
    end: int


def gap_room(glyphs: list[Glyph]) -> list[tuple[int, bool]]:
    """For each gap (after glyph k, the last one's included): how much it may give up and
    whether it lies between two marks."""
    out = []
    for k, g in enumerate(glyphs):
        nxt = glyphs[k + 1] if k + 1 < len(glyphs) else None
        closing = g.ch in CLOSING and g.width >= FULL_WIDTH
        opening = nxt is not None and nxt.ch in OPENING and nxt.width >= FULL_WIDTH
        pair = nxt is not None and (closing and _squeezable(nxt) or opening and _squeezable(g))
        out.append((HALF if closing or opening else 0, pair))
    return out


def squeeze(glyphs: list[Glyph], shrink: float) -> Squeeze:
    """Take `shrink` from the line's marks, in the order of their cost: the last glyph
    first, then the gaps between two marks, then the others, each class evenly; whatever
    is left comes from every gap (lines.justify spreads it)."""
    room = gap_room(glyphs)
    gaps = [0] * len(glyphs)
    end = min(room[-1][0], max(0, round(shrink))) if glyphs else 0
    left = shrink - end
    for want_pair in (True, False):
        members = [k for k, (r, pair) in enumerate(room[:-1]) if r and pair == want_pair]
        if not members or left <= 0:
            continue
        each = min(HALF, left / len(members))
        for k in members:
            gaps[k] = round(each)
        left -= each * len(members)
    return Squeeze(tuple(gaps), end)


class _Table:
    """Prefix sums over a paragraph's tokens, so that any line's cost is a few subtractions."""

    def __init__(self, toks: list[list[Glyph]], spacing: float):
        self.toks = toks
        self.space = [all(g.ch == " " for g in t) for t in toks]
        self.width = [0.0]
        self.count = [0]
        self.pair = [0]
        self.lone = [0]
        for n, t in enumerate(toks):
            self.width.append(self.width[-1] + sum(g.width + spacing for g in t))
            self.count.append(self.count[-1] + len(t))
            glyphs = t + (toks[n + 1][:1] if n + 1 < len(toks) else [])
            room, pair = gap_room(glyphs)[len(t) - 1]
            self.pair.append(self.pair[-1] + (room if pair else 0))
            self.lone.append(self.lone[-1] + (0 if pair else room))
        self.allowed = [False] + [
            may_break(toks[b - 1], toks[b], toks[b - 2] if b >= 2 else None) for b in range(1, len(toks))
        ] + [True]

    def content_end(self, start: int, end: int) -> int:
        while end > start and self.space[end - 1]:
            end -= 1
        return end

    def next_start(self, end: int) -> int:
        while end < len(self.toks) and self.space[end]:
            end += 1
        return end

    def cost(self, start: int, end: int, avail: float, last: bool) -> float | None:
        """What the line toks[start:end] costs; None if it cannot be made to fit."""
        e = self.content_end(start, end)
        width = self.width[e] - self.width[start]
        gaps = max(1, self.count[e] - self.count[start] - 1)
        diff = avail - width
        cost = 0.0
        if last and len(self.toks) > 0 and start > 0:
            text = [g.ch for t in self.toks[start:e] for g in t]
            if sum(not _is_mark(ch) for ch in text) < 2:
                cost += ORPHAN_COST
        if diff >= 0:
            if last:
                return cost
            per_gap = diff / gaps
            if per_gap <= LOOSE:
                return cost + (per_gap / 5) ** 2
            # loose: one line up to 2 em wide of natural, rather than two; beyond, two
            return cost + LOOSE_COST + (per_gap / 5) ** 3 / 5
        shrink = -diff
        lastglyph = self.toks[e - 1][-1]
        end_room = HALF if lastglyph.ch in CLOSING and lastglyph.width >= FULL_WIDTH else 0
        for room, price in ((end_room, END_COST),
                            (self.pair[e - 1] - self.pair[start], PAIR_COST),
                            (self.lone[e - 1] - self.lone[start], LONE_COST)):
            used = min(room, shrink)
            cost += price * used / HALF
            shrink -= used
        per_gap = shrink / gaps
        if per_gap > SHRINK_LIMIT:
            return None
        return cost + (per_gap / 3) ** 2


def _is_mark(ch: str) -> bool:
    return ch in NO_START or ch in NO_END or ch in "—…"


def best_breaks(glyphs: list[Glyph], first: float, rest: float, spacing: float,
                counts: tuple[int, ...] = (), fewer: bool = True) -> list[list[Glyph]] | None:
    """The lines of the cheapest breaking (see the module's docstring) into as many lines as
    can be, up to the most of `counts`, without a loose line or a 孤字; else of the cheapest
    breaking (see flow_lines). Not `fewer`: into the first of `counts` whenever that can be.
    None when no breaking fits (a run of Latin longer than a line): the caller breaks
    greedily then."""
    toks = tokens(glyphs)
    table = _Table(toks, spacing)
    n = len(toks)
    start0 = table.next_start(0)
    # (line start, lines before it) → (cost so far, start of the line before)
    best: dict[tuple[int, int], tuple[float, int]] = {(start0, 0): (0.0, -1)}
    for start in range(start0, n):
        for before in sorted(k for k in range(start + 1) if (start, k) in best):
            avail = (first if before == 0 else rest) + 0.5
            near = max(start + 1, bisect_left(table.width, table.width[start] + avail - STRETCH_SEARCH))
            if not _relax(table, best, (start, before), range(near, n + 1), avail):
                _relax(table, best, (start, before), range(start + 1, near), avail)
    ends = {k: cost for (at, k), (cost, _) in best.items() if at == n}
    if not ends:
        return None
    # the most lines, up to the first of `counts`, that need no loose line and leave no 孤字
    most = max(counts, default=max(ends))
    good = [k for k in sorted(ends, reverse=True) if k <= most and ends[k] < LOOSE_COST]
    lines_count = good[0] if good else min(ends, key=lambda k: (ends[k], -k))
    if not fewer and counts and counts[0] in ends:
        lines_count = counts[0]
    breaks = []
    at = (n, lines_count)
    while at[1]:
        prev = best[at][1]
        breaks.append((prev, at[0]))
        at = (prev, at[1] - 1)
    return [[g for t in toks[start:table.content_end(start, end)] for g in t] for start, end in reversed(breaks)]


def _relax(table: _Table, best: dict, state: tuple[int, int], ends: range, avail: float) -> bool:
    """Offer every line from `state` (its start, the lines before it) to one of `ends` to
    the cheapest breakings found so far (`best`, see best_breaks); whether any fit."""
    n = len(table.toks)
    start, before = state
    base = best[state][0]
    fitted = False
    for end in ends:
        filled = table.width[table.content_end(start, end)] - table.width[start]
        if filled - avail > SHRINK_SEARCH:
            break  # longer lines only need more squeezing
        if not table.allowed[end]:
            continue
        cost = table.cost(start, end, avail, end == n)
        if cost is None:
            continue
        fitted = True
        nxt = (table.next_start(end), before + 1)
        if nxt not in best or base + cost < best[nxt][0]:
            best[nxt] = (base + cost, start)
    return fitted


def justify(glyphs: list[Glyph], avail: float, natural: int) -> list[int]:
    """Spacing after each glyph that ends the line at `avail`: squeezed marks first (see
    `squeeze`), the rest spread over every gap as evenly as whole thousandths allow."""
    n = len(glyphs)
    if n < 2:
        return [natural] * n
    shrink = sum(g.width + natural for g in glyphs) - avail
    sq = squeeze(glyphs, shrink) if shrink > 0 else Squeeze((0,) * n, 0)
    target = avail + sq.end
    total = round(target - sum(g.width for g in glyphs) + sum(sq.gaps[:-1]))
    ks: list[int] = []
    for _ in range(4):
        base, extra = divmod(total, n - 1)
        even = [base + 1] * extra + [base] * (n - 1 - extra)
        ks = [k - s for k, s in zip(even, sq.gaps)]
        ks.append(ks[-1])
        miss = round(target - line_end(glyphs, ks))
        if miss == 0:
            break
        total += miss
    return ks


def paragraph_lines(glyphs: list[Glyph], indent_cells: float, size: float, grid: Geometry = GRID,
                    fewer: bool = True) -> list[Line]:
    """Lines of a body paragraph or heading: all but the last end at the right edge."""
    natural = round((grid.pitch_pt - size) / (size / 1000))  # −13: the 15.79 pt pitch
    return flow_lines(glyphs, size, natural, indent_cells * grid.pitch_pt, 0.0, grid.text_width_pt, fewer=fewer)


def flow_lines(glyphs: list[Glyph], size: float, natural: int, first: float, rest: float, width_pt: float,
               whole: bool = True, fewer: bool = True) -> list[Line]:
    """Lines `width_pt` wide, the first indented `first` pt and the others `rest` pt,
    `natural` spacing (thousandths of an em); all but the last end at the right edge (a
    last line that needed squeezing too). `whole`: break the paragraph as a whole (see the
    module's docstring), else greedily (lines.break_lines), as an office program does.
    `fewer`: the paragraph may take fewer lines than the greedy breaker's to avoid a loose
    line or a 孤字 (see writer.write for when it may not)."""
    unit = size / 1000  # pt per thousandth of an em
    width = width_pt / unit
    avail_first, avail_rest = width - first / unit, width - rest / unit
    # As many lines as the greedy breaker gives, unless fewer need no loose line and leave
    # no 孤字: an office program breaks the DOCX's lines much as the greedy breaker does, so
    # the PDF keeps its pages (writer.write checks that it does).
    greedy = break_lines(glyphs, avail_first, avail_rest, natural)
    lines = best_breaks(glyphs, avail_first, avail_rest, natural, (len(greedy),), fewer) if whole else None
    lines = lines or greedy
    out = []
    for number, line in enumerate(lines):
        left = first if number == 0 else rest
        avail = width - left / unit
        natural_width = sum(g.width + natural for g in line)
        if number == len(lines) - 1 and natural_width <= avail + 0.5:
            ks = [natural] * len(line)
        else:
            ks = justify(line, avail, natural)
        out.append(make_line(line, ks, left, size))
    return out
