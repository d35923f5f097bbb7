"""Time spent per stage of a build, summed over the documents and the processes.

The stages are what the benchmark (bench/run.py) prints: load, validate, model,
docx, pdf_layout (reportgen's line breaking and WeasyPrint's page layout) and
pdf_write (fonts and the PDF file). Code marks a stage with `with stage(name):`;
a worker process sends its totals back with its result (`take()`), and the
build adds them up (`add()`), so the numbers are CPU-side work, not wall time.
"""

from __future__ import annotations

import contextlib
import time

STAGES = ("load", "validate", "model", "docx", "pdf_layout", "pdf_write", "compilation")

_totals: dict[str, float] = {}


@contextlib.contextmanager
def stage(name: str):
    """Add the time spent in the block to stage `name` (nested blocks count in both)."""
    start = time.perf_counter()
    try:
        yield
    finally:
        _totals[name] = _totals.get(name, 0.0) + time.perf_counter() - start


def take() -> dict[str, float]:
    """This process's totals since the last call; they start again from zero."""
    out = dict(_totals)
    _totals.clear()
    return out


def add(totals: dict[str, float]) -> None:
    """Fold another process's totals into this one's."""
    for name, seconds in totals.items():
        _totals[name] = _totals.get(name, 0.0) + seconds
