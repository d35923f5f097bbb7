#!/usr/bin/env python3
"""Benchmark of `reportgen build` on synthetic data (stdlib only; any Python 3.10+ runs it).

    python bench/run.py [--sizes 10,100,1000] [--jobs N] [--work DIR] [--markdown FILE]

For each size: generate data (bench/generate.py, fixed seed), then run the real CLI
`.venv/bin/reportgen build YEAR --data D --out O --jobs N --timings T.json` three times:
冷构建 (empty O), 无改动重建 (the same command again) and 改一个单位 (one sentence of one
item of the first unit changed). For each run: wall time, CPU time of the process tree
(RUSAGE_CHILDREN deltas), peak memory of the tree (sum of VmRSS of the process and its
descendants, sampled every 50 ms; RSS shared between forked workers counts once per process,
so this is an upper bound) and of the largest single process, pages, pages per second and
the build's per-stage times from T.json. Then the CPU time of one ~10-page PDF in a single
process (bench/pdf_probe.py). Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
VENV_PYTHON = ROOT / ".venv" / "bin" / "python"
REPORTGEN = ROOT / ".venv" / "bin" / "reportgen"
STAGES = ("load", "validate", "model", "docx", "pdf_layout", "pdf_write", "compilation")
STAGE_LABELS = ("load", "validate", "model", "DOCX", "PDF layout", "PDF write", "汇编")
KINDS = ("冷构建", "无改动重建", "改一个单位")
EDIT = "全年新增特邀行政执法监督员12名，行政执法监督力量进一步充实。"
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


# ---------------------------------------------------------------------------
# memory of a process tree


def _children_by_scan() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", "rb") as f:
                    stat = f.read()
            except OSError:
                continue
            ppid = int(stat[stat.rindex(b")") + 2:].split()[1])  # after “(comm) state”
            children.setdefault(ppid, []).append(int(entry))
    return children


def tree(pid: int) -> list[int]:
    """`pid` and its descendants (via /proc/<pid>/task/*/children where the kernel has it)."""
    pids, scanned = [pid], None
    for p in pids:
        try:
            kids = []
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    kids += [int(k) for k in f.read().split()]
        except OSError:
            if scanned is None:
                scanned = _children_by_scan()
            kids = scanned.get(p, [])
        pids += kids
    return pids


def rss(pid: int) -> int:
    """Resident set size in bytes (VmRSS, read from /proc/<pid>/statm); 0 once it is gone."""
    try:
        with open(f"/proc/{pid}/statm") as f:
            return int(f.read().split()[1]) * PAGE_SIZE
    except (OSError, IndexError, ValueError):
        return 0


class Sampler(threading.Thread):
    """Max over time of the tree's summed RSS, and of any single process's RSS."""

    def __init__(self, pid: int, interval: float = 0.05):
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak_tree = self.peak_single = 0
        self._halt = threading.Event()

    def run(self) -> None:
        while not self._halt.is_set():
            sizes = [rss(p) for p in tree(self.pid)]
            self.peak_tree = max(self.peak_tree, sum(sizes))
            self.peak_single = max(self.peak_single, max(sizes, default=0))
            self._halt.wait(self.interval)

    def stop(self) -> None:
        self._halt.set()
        self.join()


# ---------------------------------------------------------------------------
# one run of the CLI


@dataclass
class Run:
    size: int
    kind: str
    ok: bool
    wall: float = 0.0
    cpu: float = 0.0
    peak_tree: int = 0
    peak_single: int = 0
    files: int = 0
    pages: int = 0
    stages: dict = field(default_factory=dict)
    timings: dict = field(default_factory=dict)
    error: str = ""
    kb_per_page: float | None = None  # of the 汇编, on its own row


def measure(cmd: list[str], size: int, kind: str) -> tuple[Run, str]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=ROOT)
    sampler = Sampler(proc.pid)
    sampler.start()
    output, _ = proc.communicate()  # waits for the child, which has waited for its workers
    wall = time.perf_counter() - start
    sampler.stop()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    run = Run(size, kind, proc.returncode == 0, wall, cpu, sampler.peak_tree, sampler.peak_single)
    if not run.ok:
        problems = [line for line in output.splitlines() if "错误" in line] or [line for line in output.splitlines() if line.strip()][-3:]
        run.error = f"exit {proc.returncode}: " + " / ".join(problems[:3])
    return run, output


def build(data: Path, out: Path, timings: Path, jobs: int, size: int, kind: str, year: int) -> Run:
    cmd = [str(REPORTGEN), "build", str(year), "--data", str(data), "--out", str(out),
           "--jobs", str(jobs), "--timings", str(timings)]
    timings.unlink(missing_ok=True)
    run, _ = measure(cmd, size, kind)
    if not run.ok:
        return run
    if not timings.is_file():
        run.ok, run.error = False, f"the build wrote no {timings.name} (--timings)"
        return run
    run.timings = json.loads(timings.read_text(encoding="utf-8"))
    run.files = len(run.timings.get("rebuilt", ()))
    run.pages = int(run.timings.get("pages", 0))
    run.stages = run.timings.get("stages", {})
    return run


def edit_one_unit(data: Path, year: int) -> Path:
    """Change the first sentence of the first item of the first registered unit."""
    report = (data / str(year) / "_report.yaml").read_text(encoding="utf-8")
    code = re.search(r"^\s+- 代码: (\S+)$", report, re.M).group(1)
    path = data / str(year) / f"{code}.yaml"
    text = path.read_text(encoding="utf-8")
    m = re.search(r"^\s+内容: ([^。\n]*。)", text, re.M)
    path.write_text(text[:m.start(1)] + EDIT + text[m.end(1):], encoding="utf-8")
    return path


def cold_cache(work: Path) -> Path:
    """The bench's own cache folder (REPORTGEN_CACHE for every build it runs): the font files
    are kept (made once per machine), the check records and the compilation's laid-out
    parts are removed, so that a 冷构建 is cold for everything a data folder decides."""
    cache = work / "cache"
    for kind in ("check", "compilation"):
        shutil.rmtree(cache / kind, ignore_errors=True)
    if not cache.is_dir():  # start from the fonts the user's cache already holds
        user = Path(os.environ.get("REPORTGEN_CACHE") or Path.home() / ".cache" / "reportgen")
        cache.mkdir(parents=True)
        for font in user.glob("*.[ot]tf") if user.is_dir() else ():
            shutil.copy(font, cache / font.name)
    os.environ["REPORTGEN_CACHE"] = str(cache)
    return cache


def run_size(size: int, args) -> list[Run]:
    cold_cache(args.work)
    base = args.work / f"units-{size}"
    data, out, timings = base / "data", base / "out", base / "timings.json"
    shutil.rmtree(base, ignore_errors=True)
    start = time.perf_counter()
    subprocess.run([str(VENV_PYTHON), str(BENCH / "generate.py"), str(data), "--units", str(size),
                    "--seed", str(args.seed), "--year", str(args.year)], check=True, stdout=subprocess.DEVNULL)
    print(f"# {size} units: data generated in {time.perf_counter() - start:.1f} s", file=sys.stderr)
    runs = []
    for kind in KINDS:
        if kind == KINDS[2]:
            edit_one_unit(data, args.year)
        run = build(data, out, timings, args.jobs, size, kind, args.year)
        runs.append(run)
        extra = compilation_row(run, out)
        if extra:
            runs.append(extra)
        print(f"#   {kind}: {run.wall:.1f} s" + ("" if run.ok else f" FAILED {run.error}"), file=sys.stderr)
        if not run.ok:
            break
    return runs


# ---------------------------------------------------------------------------
# report


def machine(jobs: int) -> str:
    model = "?"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            model = next((line.split(":", 1)[1].strip() for line in f if line.startswith("model name")), "?")
    except OSError:
        pass
    versions = subprocess.run(
        [str(VENV_PYTHON), "-c", "import sys, importlib.metadata as m; "
         "print(sys.version.split()[0], m.version('weasyprint'))"],
        capture_output=True, text=True, check=True).stdout.split()
    return (f"{os.cpu_count()} cores, {model} ({platform.machine()}); Python {versions[0]}; "
            f"WeasyPrint {versions[1]}; --jobs {jobs}")


def mb(value: int) -> str:
    return f"{value / 2**20:.0f}"


def compilation_row(r: Run, out: Path) -> Run | None:
    """The compilation (汇编) of the run as a row of its own: the files it rewrote, the
    volume's pages when it was joined again, and its stage time (part of the build's)."""
    names = [n for n in r.timings.get("rebuilt", ()) if "汇编" in n]
    seconds = r.stages.get("compilation")
    if not r.ok or seconds is None:
        return None
    pages, size = 0, 0
    for name in names:
        if name.endswith(".pdf"):
            info = subprocess.run(["pdfinfo", str(out / name)], capture_output=True, text=True)
            m = re.search(r"^Pages:\s+(\d+)", info.stdout, re.M)
            pages = int(m.group(1)) if m else 0
            size = (out / name).stat().st_size
    row = Run(r.size, f"{r.kind}：其中汇编", True, wall=seconds, files=len(names), pages=pages)
    row.stages = {"compilation": seconds}
    row.kb_per_page = size / 1024 / pages if pages else None
    return row


def table(runs: list[Run]) -> list[str]:
    head = ["units", "run", "files", "pages", "wall s", "CPU s", "peak MB (tree)", "max proc MB", "pages/s",
            *STAGE_LABELS]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in runs:
        if not r.ok:
            cells = [str(r.size), r.kind, f"失败：{r.error}"] + [""] * (len(head) - 3)
        else:
            stages = [f"{r.stages[s]:.1f}" if s in r.stages else "—" for s in STAGES]
            rate = f"{r.pages / r.wall:.1f}" if r.pages and r.wall else "—"
            cells = [str(r.size), r.kind, str(r.files), str(r.pages), f"{r.wall:.1f}", f"{r.cpu:.1f}",
                     mb(r.peak_tree), mb(r.peak_single), rate, *stages]
        lines.append("| " + " | ".join(c.replace("|", "／") for c in cells) + " |")
    return lines


def targets(runs: list[Run]) -> list[str]:
    """Issue 22's targets as ratios within this run (machines differ; ratios travel)."""
    def find(size, kind):
        return next((r for r in runs if r.size == size and r.kind == kind and r.ok), None)

    sizes = sorted({r.size for r in runs})
    lines = ["| 目标 | 本次运行 |", "|---|---|"]
    edits = [find(n, KINDS[2]) for n in (sizes[0], sizes[-1])] if sizes else []
    if len(sizes) > 1 and all(edits):
        lines.append(f"| 改一个单位：{sizes[-1]} / {sizes[0]} 个单位 ≤ 1.5 | "
                     f"{edits[1].wall / edits[0].wall:.2f}（{edits[1].wall:.1f} 秒 / {edits[0].wall:.1f} 秒） |")
    colds = [find(n, KINDS[0]) for n in (100, 1000)]
    if all(colds):
        lines.append(f"| 冷构建：1000 / 100 个单位 ≤ 10 | {colds[1].wall / colds[0].wall:.1f}"
                     f"（{colds[1].wall:.0f} 秒 / {colds[0].wall:.0f} 秒） |")
    if sizes:
        peak = max(r.peak_tree for r in runs if r.size == sizes[-1])
        lines.append(f"| 峰值内存（进程树），{sizes[-1]} 个单位 ≤ 1 GB | {peak / 2**20:.0f} MB |")
    for r in runs:
        if r.kb_per_page is not None and r.kind.startswith(KINDS[0]):
            lines.append(f"| 汇编，{r.size} 个单位 ≤ 15 KB/页 | {r.kb_per_page:.1f} KB/页（{r.pages} 页） |")
    return lines


def typst(year: int) -> str:
    result = subprocess.run([str(VENV_PYTHON), str(BENCH / "typst_probe.py"), "--year", str(year)],
                            capture_output=True, text=True)
    if result.returncode:
        return f"示例构建 / Typst：未测量（{(result.stderr or result.stdout).strip().splitlines()[-1:]}）"
    p = json.loads(result.stdout.strip().splitlines()[-1])
    ratio = f"{p['ratio']:.1f}" if p["ratio"] else "—"
    return (f"示例构建每页 CPU / Typst 每页 CPU（≤ 3）：{ratio}。reportgen build --jobs 1：{p['reportgen_cpu']:.2f} 秒 CPU"
            f"（墙钟 {p['reportgen_wall']:.1f} 秒），{p['reportgen_pages']} 页；Typst（同样的文字，typst_probe.py）："
            f"{p['typst_cpu']:.2f} 秒 CPU（墙钟 {p['typst_wall']:.1f} 秒），{p['typst_pages']} 页。")


def probe(seed: int, year: int) -> str:
    result = subprocess.run([str(VENV_PYTHON), str(BENCH / "pdf_probe.py"), "--seed", str(seed), "--year", str(year)],
                            capture_output=True, text=True)
    if result.returncode:
        return f"10-page PDF CPU: failed ({(result.stderr or result.stdout).strip().splitlines()[-1:]})"
    p = json.loads(result.stdout.strip().splitlines()[-1])
    return (f"10-page PDF CPU ({p['pages']} pages, one process, time.process_time): "
            f"first write {p['first']:.2f} s (cold: fonts, caches), second {p['second']:.2f} s (steady state); "
            f"`import weasyprint` {p['import_weasyprint']:.2f} s, not included.")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Benchmark reportgen build on synthetic data.")
    parser.add_argument("--sizes", default="10,100,1000", help="unit counts, comma-separated (default 10,100,1000)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="build --jobs (default: cores)")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "reportgen-bench",
                        help="working folder for data and outputs (default: $TMPDIR/reportgen-bench)")
    parser.add_argument("--markdown", type=Path, help="also write the table to this file")
    parser.add_argument("--seed", type=int, default=2023)
    parser.add_argument("--year", type=int, default=2023)
    parser.add_argument("--no-probe", action="store_true", help="skip the 10-page PDF CPU measurement")
    parser.add_argument("--no-typst", action="store_true", help="skip the comparison with Typst (bench/typst_probe.py)")
    args = parser.parse_args(argv)
    try:
        sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        parser.error("--sizes takes numbers separated by commas, e.g. 10,100,1000")
    if not REPORTGEN.exists():
        parser.error(f"{REPORTGEN} not found: run `bash scripts/setup.sh` first")
    args.work.mkdir(parents=True, exist_ok=True)

    runs: list[Run] = []
    for size in sizes:
        runs += run_size(size, args)
    lines = [f"Machine: {machine(args.jobs)}", "", *table(runs), ""]
    lines.append("Stage times are summed over the build's worker processes (CPU-side work, so with --jobs > 1 "
                 "they can exceed the wall time); pages and files are those written by the run.")
    lines += ["", *targets(runs)]
    if not args.no_typst:
        cold_cache(args.work)
        lines += ["", typst(args.year)]
    if not args.no_probe:
        lines += ["", probe(args.seed, args.year)]
    text = "\n".join(lines) + "\n"
    print(text, end="")
    if args.markdown:
        args.markdown.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
