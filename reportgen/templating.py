"""The Jinja2 environment: the user's template folder first, then the defaults in templates/."""

from __future__ import annotations

import functools
import json
from pathlib import Path

import jinja2

from reportgen.numbering import format_number

# The top-level templates/ folder: installed from a wheel it is the package data
# reportgen/templates (pyproject.toml); in a checkout it lies beside the package.
_PACKAGED = Path(__file__).resolve().parent / "templates"
DEFAULT_TEMPLATES = _PACKAGED if _PACKAGED.is_dir() else Path(__file__).resolve().parent.parent / "templates"


def yaml_string(value: object) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML) that keeps Chinese readable."""
    return json.dumps(str(value), ensure_ascii=False)


@functools.lru_cache(maxsize=8)
def environment(user_dir: Path | None = None, autoescape: bool = True) -> jinja2.Environment:
    """Templates from `user_dir` (the --templates option) override the defaults file by file.

    One environment per folder and mode, so each template is compiled once per process,
    not once per document (Jinja2 still reloads a template whose file changed)."""
    search = [str(user_dir)] if user_dir else []
    search.append(str(DEFAULT_TEMPLATES))
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(search),
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(["html", "htm", "xml", "html.j2"]) if autoescape else False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["yaml_string"] = yaml_string
    env.filters["number"] = format_number
    return env
