#!/usr/bin/env python3
"""Per page: a full build of the sample against Typst on the same text (issue 22), in one run.

1. `reportgen build YEAR --data D --jobs 1` into an empty folder (fonts already made once for
   the machine, as a user's second build: see README §性能); CPU time of the process (and
   its workers) and the pages of the reports it rendered (the 汇编 is joined from those
   pages, so it is not counted again).
2. The words of each of those PDFs (pdftotext, so exactly the words that reached the
   pages), one Typst source per report on the same page (A4, GB/T 9704 margins, 16 pt body,
   the same font files), compiled with the `typst` Python package (`pip install typst`;
   bench only, not a reportgen dependency) in this process; CPU time and pages.

Prints one line of JSON: both CPU times, both page counts and the ratio of CPU per page.
Run with .venv/bin/python (bench/run.py does).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORTGEN = ROOT / ".venv" / "bin" / "reportgen"


PAGE_NUMBER = re.compile(r"^\s*[—-]\s*\d+\s*[—-]\s*$")  # the reports' own page numbers: Typst adds its own


def _escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def typst_source(words: str, grid, family: str) -> str:
    """A Typst document of the report's paragraphs, each as a string (no markup in it)."""
    head = (f'#set page(paper: "a4", margin: (top: {grid.margin_top}mm, bottom: {grid.margin_bottom}mm, '
            f'left: {grid.margin_left}mm, right: {grid.margin_right}mm), numbering: "— 1 —")\n'
            f'#set text(font: "{family}", size: {grid.body_size_pt}pt, lang: "zh")\n'
            f'#set par(justify: true, first-line-indent: 2em, leading: {grid.line_pitch_pt - grid.body_size_pt}pt)\n\n')
    lines = [line for line in words.replace("\f", "\n\n").split("\n") if not PAGE_NUMBER.match(line)]
    # a Chinese paragraph's lines join without spaces
    paragraphs = ["".join(part.split()) for part in "\n".join(lines).split("\n\n")]
    return head + "\n\n".join(f'#"{_escaped(p)}"' for p in paragraphs if p) + "\n"


def build_cpu(data: Path, year: int, out: Path) -> tuple[float, float, int, list[Path]]:
    """CPU and wall seconds of a build with --jobs 1, its rendered pages, and the PDFs."""
    timings = out.parent / "typst-probe-timings.json"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([str(REPORTGEN), "build", str(year), "--data", str(data), "--out", str(out), "--jobs", "1",
                    "--timings", str(timings)], check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    pages = int(json.loads(timings.read_text(encoding="utf-8"))["pages"])
    pdfs = sorted(p for p in out.glob("*.pdf") if "汇编" not in p.name)
    return cpu, wall, pages, pdfs


def typst_cpu(pdfs: list[Path], work: Path) -> tuple[float, float, int]:
    import pikepdf
    import typst

    from reportgen.render.pdf.fonts import resolve_fonts
    from reportgen.render.pdf.lines import GRID

    body = resolve_fonts().roles["body"]
    family = body.name.split("-")[0]  # FandolFang-Regular → the family Typst knows it by
    sources = []
    for pdf in pdfs:
        words = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        source = work / f"{pdf.stem}.typ"
        source.write_text(typst_source(words, GRID, family), encoding="utf-8")
        sources.append(source)
    start_cpu, start = time.process_time(), time.perf_counter()
    pages, outputs = 0, []
    for source in sources:
        made = source.with_suffix(".pdf")
        typst.compile(str(source), output=str(made), font_paths=[str(body.path.parent)])
        outputs.append(made)
    cpu, wall = time.process_time() - start_cpu, time.perf_counter() - start
    for made in outputs:
        with pikepdf.open(made) as pdf:
            pages += len(pdf.pages)
    return cpu, wall, pages


def probe(data: Path, year: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="reportgen-typst-") as tmp:
        work = Path(tmp)
        cpu, wall, pages, pdfs = build_cpu(data, year, work / "out")
        t_cpu, t_wall, t_pages = typst_cpu(pdfs, work)
    return {"reportgen_cpu": cpu, "reportgen_wall": wall, "reportgen_pages": pages,
            "typst_cpu": t_cpu, "typst_wall": t_wall, "typst_pages": t_pages,
            "ratio": (cpu / pages) / (t_cpu / t_pages) if pages and t_pages and t_cpu else None}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    parser.add_argument("--year", type=int, default=2023)
    args = parser.parse_args()
    try:
        import typst  # noqa: F401
    except ImportError:
        raise SystemExit("typst is not installed: .venv/bin/pip install typst") from None
    if shutil.which("pdftotext") is None:
        raise SystemExit("pdftotext (poppler-utils) is needed")
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")
    print(json.dumps(probe(args.data.resolve(), args.year)))


if __name__ == "__main__":
    main()
