#!/usr/bin/env python3
"""Join a 汇编 of N parts from the unit PDFs of an existing build, without building N units.

    .venv/bin/python bench/join_probe.py OUT --parts 1000 [--again]

OUT is a build's output folder (e.g. bench/run.py's units-100/out); its unit PDFs are used
in turn until there are N parts (100 units' PDFs ten times each make a 1,000-part volume of
about 6,000 pages). Measures, in this one process, the wall and CPU time of
publish.compilation.write_pdf, its peak memory (ru_maxrss) and the volume's size per page;
with --again, the join is timed a second time with everything cached, as after a one-unit
edit that changes no page count. The font union is that of the distinct PDFs, so at 1,000
parts it is a little smaller than 1,000 different units' would be. Prints one line of JSON.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--parts", type=int, default=1000)
    parser.add_argument("--again", action="store_true")
    args = parser.parse_args()

    import pikepdf

    from reportgen.publish.compilation import Part, write_pdf

    units = sorted(p for p in args.out.glob("*.pdf") if "汇编" not in p.name and "年度报告" not in p.name)
    if not units:
        raise SystemExit(f"no unit PDFs in {args.out}")
    pages = {}
    for path in units:
        with pikepdf.open(path) as pdf:
            pages[path] = len(pdf.pages)
    parts = [Part(f"第{n + 1}个单位", units[n % len(units)], pages[units[n % len(units)]]) for n in range(args.parts)]
    report = SimpleNamespace(author="基准市人民政府", year=2023, date=None)  # what the volume's front shows
    result = {"parts": args.parts, "distinct_pdfs": len(units)}
    with tempfile.TemporaryDirectory(prefix="reportgen-join-") as tmp:
        for run in ("first", "again") if args.again else ("first",):
            target = Path(tmp) / f"{run}.pdf"
            start, cpu = time.perf_counter(), time.process_time()
            count = write_pdf(report, parts, target)
            result[f"{run}_wall"] = time.perf_counter() - start
            result[f"{run}_cpu"] = time.process_time() - cpu
            result["pages"], result["bytes"] = count, target.stat().st_size
    result["kb_per_page"] = result["bytes"] / 1024 / result["pages"]
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


if __name__ == "__main__":
    main()
