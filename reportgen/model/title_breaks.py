"""Where a long title breaks: GB/T 9704 7.3.1 wants the lines balanced, shaped like a
trapezoid (the upper line no longer than the lower) and never split inside a word.

Decided in the model, so the DOCX and the PDF break the title at the same places
(reportgen/model/document.py's Title); widths are estimated by reportgen/model/measure.py.
"""

from __future__ import annotations

import re

from reportgen.model.measure import text_em

# 2号 (22 pt) characters in the 156 mm text block: 442 pt / 22 pt = 20.1; one is kept in
# reserve because office programs that substitute fonts widen the digits.
TITLE_CHARS = 19

# Places where a title may break: before these words, or after these endings (never mid-word).
_BREAK_BEFORE = re.compile(r"(?=\d{4}年)|(?=法治政府建设)|(?=年度报告)|(?=关于)")
_BREAK_AFTER = re.compile(r"(?<=人民政府)|(?<=委员会)|(?<=办公室)|(?<=[局厅委办院部署])(?=\d)|(?<=[，、：）》])")


def title_lines(text: str, width: float = TITLE_CHARS) -> tuple[str, ...]:
    """Break a long title into balanced lines at word boundaries, the upper line no longer
    than the lower (a trapezoid); a title that fits stays on one line."""
    if text_em(text) <= width:
        return (text,)
    points = sorted({m.start() for m in _BREAK_BEFORE.finditer(text)} | {m.start() for m in _BREAK_AFTER.finditer(text)})
    points = [p for p in points if 0 < p < len(text)]
    best = None
    for p in points:
        upper, lower = text[:p], text[p:]
        if text_em(upper) > width:
            continue
        rest = title_lines(lower, width) if text_em(lower) > width else (lower,)
        widths = [text_em(upper)] + [text_em(line) for line in rest]
        if max(widths) > width:
            continue
        # fewest lines, then most balanced; on a tie, the shorter upper line (trapezoid)
        score = (len(widths), max(widths) - min(widths), widths[0] > widths[-1])
        if best is None or score < best[0]:
            best = (score, (upper, *rest))
    if best:
        return best[1]
    # no word boundary fits: break where the width runs out, keeping digits together
    cut = 0
    while cut < len(text) and text_em(text[: cut + 1]) <= width:
        cut += 1
    while 0 < cut < len(text) and text[cut - 1].isdigit() and text[cut].isdigit():
        cut -= 1
    return (text[:cut], *title_lines(text[cut:], width))
