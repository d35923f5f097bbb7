"""Turn laid-out boxes into the markup report.html.j2 writes: a class per line, spans only
where a run differs from its line, and one CSS rule per spacing or indent used."""

from __future__ import annotations

from dataclasses import dataclass

from reportgen.render.pdf.lines import Box

# The face report.css gives the lines of each kind of box (others: body). A run in that
# face, with the line's spacing, is written as bare text: no element of its own.
LINE_FACE = {"title": "title", "heading1": "heading1", "heading2": "heading2", "attachment-label": "heading1",
             "masthead-mark": "title"}


@dataclass(frozen=True)
class LineMarkup:
    """One line as report.html.j2 writes it: the classes of its element, and its parts,
    each the classes of a span around the text, or "" for text without a span."""

    classes: str
    parts: tuple[tuple[str, str], ...]


def _class(prefix: str, value: float) -> str:
    return prefix + str(value).replace("-", "m").replace(".", "_").replace("+", "")


def markup(boxes: list[Box]) -> tuple[list[list[LineMarkup]], dict[str, str]]:
    """For each box, the markup of its lines; and the CSS rules (class → declaration) of
    the spacings and indents they use. Classes instead of style attributes let WeasyPrint
    share one computed style among the many elements that have the same, and a line of
    one run needs no span; the glyphs land where they did with a span and a style each
    (the text boxes are the same: one per run)."""
    rules: dict[str, str] = {}
    out = []
    for box in boxes:
        face = LINE_FACE.get(box.kind, "body")
        lines = []
        for line in box.lines:
            classes = ["line"]
            if line.indent:
                classes.append(_class("mi", line.indent))
                rules[classes[-1]] = f"margin-left: {line.indent}pt"
            spacing = next((run.spacing for run in line.runs if run.face == face), line.runs[0].spacing if line.runs else 0)
            if spacing:
                classes.append(_class("ls", spacing))
                rules[classes[-1]] = f"letter-spacing: {spacing}pt"
            parts = []
            for run in line.runs:
                span = [] if run.face == face else [f"f-{run.face}"]
                if run.spacing != spacing:
                    span.append(_class("ls", run.spacing))
                    rules[span[-1]] = f"letter-spacing: {run.spacing}pt"
                parts.append((" ".join(span), run.text))
            lines.append(LineMarkup(" ".join(classes), tuple(parts)))
        out.append(lines)
    return out, dict(sorted(rules.items()))
