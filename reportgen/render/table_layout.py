"""What the DOCX and PDF writers share about a Table, so both draw the same one: the
column widths, and the mark before the notes.

The widths are the model's relative widths (`Table.widths`) scaled to the text block,
except where a column would be too narrow for what it holds: a header split over two
lines (序/号), a number cut in two (1/0), a short value of a centred column wrapped
(进度正/常). Such a column is widened to its minimum and the others give up the width
in proportion; when the model's widths suffice, nothing changes. Widths are estimated
(reportgen/model/measure.py), not measured from one font, because the DOCX is drawn with
fonts this machine may not have.
"""

from __future__ import annotations

from reportgen.model.document import Table
from reportgen.model.measure import text_em
from reportgen.render.gbt9704 import NO_END, NO_START

NOTE_MARK = "注："  # before the first note under a table; all notes hang below its end



# Added to each column's minimum (em): the cell borders, and a little rounding.
SLACK = 0.1


def tokens(text: str) -> list[str]:
    """Pieces a line may not break inside: a run of non-CJK characters (≥24.67, 96.8%),
    or one CJK character with the punctuation that may not be parted from it."""
    out: list[str] = []
    for ch in text:
        joins = out and (
            ord(ch) < 0x2E80 and ord(out[-1][-1]) < 0x2E80 and ch != " "
            or ch in NO_START
            or out[-1][-1] in NO_END
        )
        if joins:
            out[-1] += ch
        else:
            out.append(ch)
    return out


def _minimum(table: Table, column: int, whole: bool) -> float:
    """Narrowest content width (em) of a column: the header on one line, and each body
    cell on one line (`whole`, for centred columns) or its widest unbreakable piece."""
    need = text_em(table.columns[column]) if whole else max((text_em(t) for t in tokens(table.columns[column])), default=0)
    for row in table.rows:
        text = row[column]
        if whole and table.align[column] == "center":
            need = max(need, text_em(text))
        else:
            need = max([need, *(text_em(t) for t in tokens(text))])
    return need


def column_widths(table: Table, total: float, size: float, padding: float) -> list[float]:
    """Widths (in the unit of `total`, which is also that of `size` and `padding`) that add
    up to `total`: proportional to `table.widths` where the content allows."""
    n = len(table.columns)
    weights = [float(w) for w in table.widths]
    if len(weights) != n or any(w <= 0 for w in weights):
        raise ValueError(f"table widths {table.widths} do not match its {n} columns")
    prop = [w / sum(weights) * total for w in weights]
    for whole in (True, False):
        mins = [(_minimum(table, c, whole) + SLACK) * size + 2 * padding for c in range(n)]
        if sum(mins) <= total:
            return _fit(prop, mins, total)
    return prop  # nothing fits: keep the model's proportions and let the cells wrap


def _fit(prop: list[float], mins: list[float], total: float) -> list[float]:
    widths = list(prop)
    fixed: set[int] = set()
    while True:
        short = [i for i in range(len(widths)) if i not in fixed and widths[i] < mins[i] - 1e-9]
        if not short:
            return widths
        fixed.update(short)
        free = [i for i in range(len(widths)) if i not in fixed]
        for i in fixed:
            widths[i] = mins[i]
        room = total - sum(widths[i] for i in fixed)
        if not free:  # every column at its minimum: share what is left in proportion
            return [w * total / sum(widths) for w in widths]
        scale = room / sum(prop[i] for i in free)
        for i in free:
            widths[i] = prop[i] * scale
