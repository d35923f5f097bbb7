#!/usr/bin/env python3
"""CPU time of one ~10-page unit PDF in a single process (run by bench/run.py with .venv/bin/python).

Generates one large unit, builds its Document with reportgen's own API (check_year →
indicator_results → unit_document, as build.documents() does) and times
reportgen.writers.pdf_writer.write twice with time.process_time(): the first call is a cold
process (font files read and subset, WeasyPrint's caches empty), the second the steady state.
`import weasyprint` is timed on its own before, so neither call includes it.
Prints one line of JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402

# one unit of 6 groups × 7 items comes to about 10 pages (a default unit: 4 × 3 items, 4 pages)
GROUPS, ITEMS = 6, 7


def probe(seed: int = 2023, year: int = 2023) -> dict:
    from reportgen.model.document import unit_document
    from reportgen.model.indicators import indicator_results
    from reportgen.pipeline.check import check_year
    from reportgen.render import WriteOptions
    from reportgen.render.pdf import writer as pdf_writer

    with tempfile.TemporaryDirectory(prefix="reportgen-probe-") as tmp:
        data_dir = Path(tmp) / "data"
        generate.generate(data_dir, units=1, groups_per_unit=GROUPS, items=ITEMS, seed=seed, year=year)
        result = check_year(data_dir, year)
        if result.errors or result.data is None:
            raise SystemExit("probe data does not check: " + "; ".join(d.format() for d in result.errors))
        data = result.data
        results = indicator_results(data.plan.indicators, data.units, data.year, data.previous)
        document = unit_document(data.units[0], None, results)

        start = time.process_time()
        import weasyprint  # noqa: F401

        imported = time.process_time() - start
        times, pages = [], 0
        for i in range(2):
            options = WriteOptions()
            start = time.process_time()
            pages = pdf_writer.write(document, Path(tmp) / f"probe-{i}.pdf", options).pages
            times.append(time.process_time() - start)
    return {"pages": pages, "import_weasyprint": imported, "first": times[0], "second": times[1]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=2023)
    parser.add_argument("--year", type=int, default=2023)
    args = parser.parse_args()
    print(json.dumps(probe(args.seed, args.year)))


if __name__ == "__main__":
    main()
