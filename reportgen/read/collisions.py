"""E240: two reports of a year that would be saved under the same file name.

Each unit's report is named after the unit, the city report after its title, and
`safe_file_name` replaces the characters file systems refuse — so “某局:一” and “某局?一”
both become “某局_一” and one report would silently replace the other. Found while
checking, so `check` reports it and `build` stops before rendering anything.
"""

from __future__ import annotations

from reportgen.errors import Diagnostic, Loc
from reportgen.model.data import Report
from reportgen.model.naming import safe_file_name
from reportgen.read.loader import Loaded
from reportgen.messages import diag


def output_name_clashes(report: Report, submitted: set[str], loaded: Loaded) -> list[Diagnostic]:
    """The city report first, then the registered units that submitted a file, in the
    list's order: each name whose file name an earlier one already has is an error at
    its own place in `loaded` (_report.yaml), naming the earlier one and where it is."""
    title_key = ("标题",) if "标题" in loaded.data else ("报告机关",)  # the default title is made from 报告机关
    named = [("全市报告标题", report.title, loaded.loc(title_key))]
    named += [("单位", ref.name, loaded.loc(("单位", i, "名称")))
              for i, ref in enumerate(report.units) if ref.code in submitted]
    seen: dict[str, tuple[str, str, Loc]] = {}
    found = []
    for what, name, loc in named:
        key = safe_file_name(name).casefold()
        if key in seen:
            other_what, other, other_loc = seen[key]
            found.append(diag("E240", loc, what=what, name=name, file=safe_file_name(name), other_what=other_what,
                              other=other, other_file=safe_file_name(other),
                              where=f"{other_loc.file}:{other_loc.line}"))
        else:
            seen[key] = (what, name, loc)
    return found
