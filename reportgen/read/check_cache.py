"""Each unit file's own checks, remembered by what they depend on (issue 22).

Checking a year reads and validates every unit file; at 1,000 units that took 12 of the
37 seconds of a one-unit edit. What one unit file yields on its own — its diagnostics,
the checked Unit, its part of the coverage checks (checks.unit_coverage) and of the
content rules (content.unit_findings, handed in by reportgen/pipeline/check.py: reading
does not import the stage above it) with its passages — depends only on

- the file's bytes and the name it is shown by (diagnostics carry it),
- the plan (as modelled: Plan is frozen data whose repr is stable), the year and the
  year's unit list from _report.yaml (E214, W308, W331 name units),
- reportgen's code (caching.key_of adds the code fingerprint), whether the content rules
  were handed in, and CHECK_VERSION.

So such a record is kept in the cache folder (caching.RecordStore) under a hash of all
of these; the next check takes it instead of parsing the file, and then runs the checks
across files (coverage, repeated text, the city report's composition) on the records as
a cold check would, in the same order, with the same diagnostics. Last year's files,
read for their indicator values and texts, are remembered the same way.

A missing or damaged record only means the file is read again. A file that cannot be
read plainly (not a regular file, too large, no permission) is never taken from the
cache: loader.load_file reports why. `check` and `build` also keep every parsed file's
Loaded (`check --format json` shows them, pipeline/printable.py looks for E126 in them):
it is remembered too, by the file's bytes and name alone.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from reportgen.caching import RecordStore, key_of
from reportgen.errors import Diagnostic, Loc
from reportgen.model.data import PastUnit, Plan, Unit
from reportgen.read import checks, placeholders
from reportgen.read.accepted_forms import accept_forms
from reportgen.read.loader import Loaded, file_display, load_file, plain_file_bytes
from reportgen.messages import diag
from reportgen.read.texts import Passage
from reportgen.read.text_warnings import text_warnings
from reportgen.read.to_model import unit_from
from reportgen.read.validate import check_schema, describe
from reportgen.timing import stage

# Change when a record's meaning changes without a change to reportgen's code (never, so
# far: the code fingerprint already covers every change of the modules).
CHECK_VERSION = 1
STORE = "check"


@dataclass
class UnitFindings:
    """What the content rules (content.unit_findings) find in one unit file on its own."""

    own: list[Diagnostic]  # every finding that depends on the file alone
    passages: tuple[Passage, ...]  # its texts, for the repeated-text checks across files
    outside_gb2312: list[Diagnostic]  # W440, counted only when _report.yaml says 字体: GB2312


@dataclass
class UnitCheck:
    """What one unit file yields on its own."""

    diagnostics: list[Diagnostic]
    parsed: bool  # it parsed into a mapping, so the checks across files count it
    unit: Unit | None  # when it has no error
    coverage: list[Diagnostic] = field(default_factory=list)  # checks.unit_coverage, with a unit list
    content: UnitFindings | None = None  # with a unit, when the content rules were handed in


@dataclass
class PastCheck:
    """One of last year's files: its indicator values and texts, or why it was left out."""

    unit: PastUnit | None
    problem: Diagnostic | None


@dataclass(frozen=True)
class UnitContext:
    """What every unit file of the year is checked against."""

    plan: Plan
    schema: dict
    year: int
    registered: dict[str, str]  # code → name of _report.yaml's unit list ({} without it)
    have_report: bool
    key: str
    # content.unit_findings(loaded, plan, unit) → UnitFindings, or None for reading alone
    unit_findings: Callable[[Loaded, Plan, Unit], UnitFindings] | None = None

    @classmethod
    def of(cls, plan: Plan, schema: dict, year: int, registered: dict[str, str], have_report: bool,
           unit_findings: Callable[[Loaded, Plan, Unit], UnitFindings] | None = None) -> UnitContext:
        key = key_of("unit", CHECK_VERSION, repr(plan), year, list(registered.items()), have_report,
                     unit_findings is not None)
        return cls(plan, schema, year, registered, have_report, key, unit_findings)


def _file_key(context_key: str, path: Path, raw: bytes) -> str:
    return key_of(context_key, file_display(path), path.name, hashlib.sha256(raw).hexdigest())


def _loaded_context() -> str:
    return key_of("loaded", CHECK_VERSION)


def remembered(path: Path, context_key: str, kind: type, make: Callable[[bytes | None], tuple]):
    """The record of `path` under `context_key`, from the cache, or made by `make(raw)`,
    which returns (record, Loaded or None); returns (record, Loaded or None)."""
    with stage("load"):
        raw = plain_file_bytes(path)
        key = None
        if raw is not None:
            key = _file_key(context_key, path, raw)
            found = RecordStore(STORE).get(key, kind)
            if found is not None:
                return found, None
    record, loaded = make(raw)
    if key is not None:
        RecordStore(STORE).put(key, record)
    return record, loaded


def load_remembered(path: Path) -> Loaded:
    """loader.load_file of the plan or _report.yaml, from the cache while its bytes and name
    are unchanged (at 1,000 units each holds a thousand codes: parsing them took longer than
    taking the records of all unit files)."""
    loaded, _ = remembered(path, _loaded_context(), Loaded, lambda raw: (load_file(path, raw), None))
    return loaded


def check_unit_file(path: Path, ctx: UnitContext, keep_loaded: bool = False) -> tuple[UnitCheck, Loaded | None]:
    """The unit file's own checks, from the cache while it is unchanged, and its Loaded when
    it was parsed now. With `keep_loaded` (`check`, `check --format json` and `build` keep
    every file's texts: pipeline/printable.py looks for E126 in them) the Loaded of a file
    that parsed comes with it, remembered as load_remembered's, so an unchanged file is not
    parsed for it either."""
    made = []

    def make(raw: bytes | None) -> tuple[UnitCheck, Loaded | None]:
        made.append(raw)
        check, loaded = _unit_check(path, ctx, raw)
        if keep_loaded and loaded is not None and raw is not None:
            RecordStore(STORE).put(_file_key(_loaded_context(), path, raw), loaded)
        return check, loaded

    check, loaded = remembered(path, ctx.key, UnitCheck, make)
    if keep_loaded and not made:  # the record came from the cache
        loaded = load_remembered(path)
        loaded = loaded if loaded.ok else None  # as _unit_check gives it
    return check, loaded


def unregistered(path: Path, ctx: UnitContext) -> list[Diagnostic]:
    """E214 for a unit file whose code is not in _report.yaml's unit list."""
    if not ctx.have_report or path.stem in ctx.registered:
        return []
    codes = "、".join(ctx.registered) or "（无）"
    return [diag("E214", Loc(file_display(path), 1, 1), code=path.stem, codes=codes)]


def _unit_check(path: Path, ctx: UnitContext, raw: bytes | None) -> tuple[UnitCheck, Loaded | None]:
    """Every problem of one unit file in one pass; the unit when there is no error."""
    code = path.stem
    found: list[Diagnostic] = []
    found += unregistered(path, ctx)
    ok = not found  # as project.check_year always decided: only these errors keep the unit out
    with stage("load"):
        loaded = load_file(path, raw)
    found += loaded.diagnostics
    if not loaded.ok:
        return UnitCheck(found, False, None), None
    if not isinstance(loaded.data, dict):
        found.append(diag("E110", Loc(loaded.display, 1, 1), actual=describe(loaded.data)))
        return UnitCheck(found, False, None), loaded
    with stage("validate"):
        for part in (accept_forms(loaded), check_schema(loaded, ctx.schema, ctx.plan.name),
                     checks.check_unit(loaded, ctx.plan, code, ctx.year, ctx.registered),
                     checks.half_width_punctuation(loaded) + text_warnings(loaded)):
            found += part
            ok = ok and not any(d.is_error for d in part)
        found += placeholders.unfilled(loaded)
        coverage = checks.unit_coverage(ctx.plan, ctx.registered, code, loaded) if ctx.have_report else []
    if not ok:
        return UnitCheck(found, True, None, coverage), loaded
    with stage("model"):
        unit = unit_from(loaded, code, ctx.year)
    findings = ctx.unit_findings(loaded, ctx.plan, unit) if ctx.unit_findings else None
    return UnitCheck(found, True, unit, coverage, findings), loaded
