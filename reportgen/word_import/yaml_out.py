"""The imported report as a commented unit file (templates/import.yaml.j2), and the check
that the text is a valid unit file before anything is written."""

from __future__ import annotations

from pathlib import Path

from reportgen.read import checks
from reportgen.errors import Diagnostic
from reportgen.read.loader import load_text
from reportgen.model.data import Plan
from reportgen.read.to_model import default_title
from reportgen.read.schema import unit_schema
from reportgen.templating import environment
from reportgen.read.validate import check_schema
from reportgen.word_import.structure import Imported


def render_unit_file(imported: Imported, name: str, year: int, source: str, hints,
                     templates: Path | None = None, leftover: tuple[str, ...] = ()) -> str:
    title = imported.title if imported.title and imported.title != default_title(name, year) else None
    template = environment(templates, autoescape=False).get_template("import.yaml.j2")
    return template.render(imp=imported, name=name, year=year, title=title, source=source, hints=hints, leftover=leftover)


def problems_of(text: str, display: str, plan: Plan, code: str, year: int,
                registered: dict[str, str]) -> list[Diagnostic]:
    """The errors `reportgen check` would report for this file (an unregistered code aside)."""
    loaded = load_text(text, display)
    if not loaded.ok:
        return [d for d in loaded.diagnostics if d.is_error]
    schema = unit_schema([a.code for a in plan.areas], [t.number for t in plan.tasks],
                         [i.name for i in plan.indicators])
    found = check_schema(loaded, schema, plan.name)
    if not any(d.is_error for d in found):
        found += checks.check_unit(loaded, plan, code, year, registered)
    return [d for d in found if d.is_error]
