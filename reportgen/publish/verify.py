"""`reportgen verify`: the publisher's last gate before files go on the website.

Checked against manifest.json (manifest.py), with one finding per problem:

- an output changed or missing since the build;
- an input (data file) changed, added or removed since the build;
- an output made from older inputs than the current ones (过期): each output records
  the inputs it was made from, so after `build --unit X` the city report, the figures
  and the overview still carry X's old data and are listed;
- a file in the output folder that looks like a reportgen output but the last build did
  not account for (an old DOCX after `--format pdf`, a renamed unit's old report).

Drafts are accounted for, but listed (not a problem) so nobody publishes one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from reportgen.errors import ReportgenError, display_path
from reportgen.model.naming import DRAFT_SUFFIX
from reportgen.publish.manifest import MANIFEST, file_record, input_files

# What a build writes into an output folder, besides its hidden state files.
OUTPUT_SUFFIXES = (".pdf", ".docx", ".html")  # .html: the web editions (and index.html)
DERIVED = ("indicators.csv", "indicators.json", "index.html")


@dataclass(frozen=True)
class Finding:
    name: str  # relative to the output folder (is_output) or the data folder
    problem: str
    is_output: bool
    fix: str = "重新生成"  # 重新生成 / 删除
    is_problem: bool = True  # False: a note (a draft in the folder)


@dataclass(frozen=True)
class Verdict:
    content: dict
    findings: list[Finding]

    @property
    def problems(self) -> list[Finding]:
        return [f for f in self.findings if f.is_problem]

    @property
    def drafts(self) -> list[Finding]:
        return [f for f in self.findings if not f.is_problem]


def read_manifest(out_dir: Path) -> dict:
    path = out_dir / MANIFEST
    if not path.is_file():
        raise ReportgenError(f"找不到 {display_path(path)}：该文件夹还没有生成过报告，请先运行 reportgen build")
    try:
        content = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(content["输出"], list) or not isinstance(content["输入"], list):
            raise TypeError
        content["年度"]
    except (ValueError, KeyError, TypeError):
        raise ReportgenError(f"{display_path(path)} 已损坏，无法核对：请重新运行 reportgen build") from None
    return content


def _outputs(out_dir: Path, records: list[dict]) -> list[Finding]:
    found = []
    for record in records:
        file = out_dir / record["文件"]
        if not file.is_file():
            found.append(Finding(record["文件"], "缺失（生成后被删除或移走）", True))
        elif file_record(file, record["文件"])["sha256"] != record["sha256"]:
            found.append(Finding(record["文件"], "已修改（生成后被改动过，与 manifest.json 的记录不一致）", True))
        elif record.get("草稿"):
            found.append(Finding(record["文件"], "草稿（不要发布）", True, "删除", is_problem=False))
    return found


def _inputs(recorded: dict[str, str], current: dict[str, str]) -> list[Finding]:
    found = []
    for name, digest in recorded.items():
        if name not in current:
            found.append(Finding(name, "数据已删除（生成后删除，报告中还有它的内容）", False))
        elif current[name] != digest:
            found.append(Finding(name, "数据已修改（生成后又修改过，报告中还是修改前的内容）", False))
    found += [Finding(name, "新增数据（生成后新增的文件，报告中还没有它的内容）", False)
              for name in current if name not in recorded]
    return found


def _stale(records: list[dict], current: dict[str, str], data_dir: Path) -> list[Finding]:
    """Outputs made from inputs other than the current ones."""
    found = []
    for record in records:
        based = record.get("依据")
        if not isinstance(based, dict):
            continue  # a manifest from before reportgen recorded it
        changed = [name for name, digest in based.items() if current.get(name) != digest]
        if record.get("全部数据"):
            changed += [name for name in current if name not in based]
        if changed:
            shown = "、".join(display_path(data_dir / name) for name in changed[:3])
            more = f"等 {len(changed)} 个文件" if len(changed) > 3 else ""
            shown += " " if not more else ""
            found.append(Finding(record["文件"], f"过期（生成它时用的是 {shown}{more}的旧内容）", True))
    return found


def _unaccounted(out_dir: Path, records: list[dict]) -> list[Finding]:
    known = {record["文件"] for record in records}
    found = []
    for p in sorted(out_dir.iterdir()):
        if (p.is_file() and not p.name.startswith(".") and p.name not in known
                and (p.suffix.lower() in OUTPUT_SUFFIXES or p.name in DERIVED)):
            what = "以前的草稿" if DRAFT_SUFFIX in p.stem else "以前留下的旧报告"
            found.append(Finding(p.name, f"多余（不是最近一次生成的文件，manifest.json 中没有它，可能是{what}）",
                                 True, "删除"))
    return found


def verify(out_dir: Path, data_dir: Path) -> Verdict:
    """Compare the output folder and the data folder with the output folder's manifest."""
    content = read_manifest(out_dir)
    records = [r for r in content["输出"] if isinstance(r, dict) and "文件" in r]
    recorded = {r["文件"]: r["sha256"] for r in content["输入"] if isinstance(r, dict)}
    current = {p.relative_to(data_dir).as_posix(): file_record(p, "")["sha256"]
               for p in input_files(data_dir, content["年度"])}
    findings = (_outputs(out_dir, records) + _inputs(recorded, current) + _stale(records, current, data_dir)
                + _unaccounted(out_dir, records))
    return Verdict(content, findings)


def report_lines(verdict: Verdict, out_dir: Path, data_dir: Path, year: int, quiet: bool = False) -> list[str]:
    """One line per problem, saying which file to rebuild or delete; then (unless `quiet`)
    the drafts in the folder and the verdict."""
    rebuild = f"请重新运行 reportgen build {year}"
    lines = []
    for f in verdict.problems:
        path = display_path((out_dir if f.is_output else data_dir) / f.name)
        fix = f"请删除它，或{rebuild[1:]}" if f.fix == "删除" else rebuild
        lines.append(f"{path}: 错误: {f.problem}。{fix}")
    if quiet:
        return lines
    for f in verdict.drafts:
        lines.append(f"{display_path(out_dir / f.name)}: 提示: {f.problem}")
    total = len(verdict.content["输出"])
    if verdict.problems:
        lines.append(f"未通过：核对了 {total} 个输出文件，发现 {len(verdict.problems)} 个问题，"
                     f"不能发布。请按上面的提示处理后再运行 reportgen verify {year}。")
    else:
        drafts = f"（其中 {len(verdict.drafts)} 个是草稿，不要发布）" if verdict.drafts else ""
        lines.append(f"通过：核对了 {total} 个输出文件{drafts}，全部与生成时一致，且都由当前的数据生成"
                     f"（reportgen {verdict.content.get('reportgen', '?')}）。")
    return lines
