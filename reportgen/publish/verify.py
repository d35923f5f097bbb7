"""`reportgen verify`: the publisher's last gate before files go on the website.

Checked against manifest.json (manifest.py), with one finding per problem:

- an output changed or missing since the build;
- an input (data file) changed, added or removed since the build;
- an output made from older inputs than the current ones (过期): each output records
  the inputs it was made from, so after `build --unit X` the city report, the figures
  and the overview still carry X's old data and are listed;
- a file in the output folder that looks like a reportgen output but the last build did
  not account for (an old DOCX after `--format pdf`, a renamed unit's old report).

Drafts are accounted for, but listed (not a problem) so nobody publishes one. Whatever the
manifest says, every PDF and DOCX is also read (publish/finished.py): a draft where an
official file is recorded is “这是草稿”, and a file with a placeholder or an empty part is
“未完成”, draft or not, with the page.

Without the data folder (`reportgen verify <文件夹>`, the publisher's form) the inputs are
taken as the manifest records them: outputs are still checked against the manifest and
against each other (过期). The manifest's SHA-256 (核对码) is what ties the manifest to the
secretariat: without it a manifest rewritten to match changed files cannot be told.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from reportgen.errors import ReportgenError, display_path
from reportgen.model.naming import DRAFT_SUFFIX
from reportgen.publish.finished import inspect
from reportgen.publish.manifest import MANIFEST, file_record, input_files

# What a build writes into an output folder, besides its hidden state files.
OUTPUT_SUFFIXES = (".pdf", ".docx", ".html")  # .html: the web editions (and index.html)
DERIVED = ("indicators.csv", "indicators.json", "index.html")


@dataclass(frozen=True)
class Finding:
    name: str  # relative to the output folder (is_output) or the data folder
    problem: str
    is_output: bool
    fix: str = "重新生成"  # 重新生成 / 删除 / 补写 / 核对码
    is_problem: bool = True  # False: a note (a draft in the folder)


@dataclass(frozen=True)
class Verdict:
    content: dict
    findings: list[Finding]
    code: str = ""  # the 核对码: SHA-256 of manifest.json's bytes
    with_data: bool = True  # False: the output folder alone (inputs as the manifest records them)

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


def manifest_code(out_dir: Path) -> str:
    """The 核对码: the SHA-256 of manifest.json as it is on disk."""
    return hashlib.sha256((out_dir / MANIFEST).read_bytes()).hexdigest()


def _unfinished(name: str, places: list[str], draft: bool) -> Finding:
    shown = "；".join(places[:3]) + (f"等 {len(places)} 处" if len(places) > 3 else "")
    return Finding(name, f"未完成（{shown}），不能发布", True, "删除" if draft else "补写")


def _outputs(out_dir: Path, records: list[dict]) -> list[Finding]:
    found = []
    for record in records:
        name, file = record["文件"], out_dir / record["文件"]
        if not file.is_file():
            found.append(Finding(name, "缺失（生成后被删除或移走）", True))
            continue
        seen = inspect(file) if file.suffix.lower() in OUTPUT_SUFFIXES else None
        if seen is not None and seen.draft and not record.get("草稿"):
            found.append(Finding(name, "这是草稿（文件中记录的状态是草稿），不是生成的正式文件，不能发布", True))
        elif file_record(file, name)["sha256"] != record["sha256"]:
            found.append(Finding(name, "已修改（生成后被改动过，与 manifest.json 的记录不一致）", True))
        elif record.get("草稿"):
            found.append(Finding(name, "草稿（不要发布）", True, "删除", is_problem=False))
        if seen is not None and seen.unfinished:
            found.append(_unfinished(name, seen.unfinished, bool(record.get("草稿"))))
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
            seen = inspect(p) if p.suffix.lower() in OUTPUT_SUFFIXES else None
            draft = (seen.draft if seen is not None else False) or DRAFT_SUFFIX in p.stem
            what = "这是以前的草稿" if draft else "可能是以前留下的旧报告"
            found.append(Finding(p.name, f"多余（不是最近一次生成的文件，manifest.json 中没有它，{what}）",
                                 True, "删除"))
            if seen is not None and seen.unfinished:
                found.append(_unfinished(p.name, seen.unfinished, True))
    return found


def verify(out_dir: Path, data_dir: Path | None = None, expected: str | None = None) -> Verdict:
    """Compare the output folder (and, with `data_dir`, the data folder) with the output
    folder's manifest; with `expected`, the manifest with the 核对码 the secretariat sent."""
    content = read_manifest(out_dir)
    code = manifest_code(out_dir)
    records = [r for r in content["输出"] if isinstance(r, dict) and "文件" in r]
    recorded = {r["文件"]: r["sha256"] for r in content["输入"] if isinstance(r, dict)}
    findings = []
    if expected is not None and normal_code(expected) != code:
        findings.append(Finding(MANIFEST, f"核对码不符（这个 manifest.json 的核对码是 {code}，不是 {normal_code(expected)}）："
                                          "它不是发来核对的那一份，可能被换过或改过，不能据此发布", True, "核对码"))
    if data_dir is not None:
        current = {p.relative_to(data_dir).as_posix(): file_record(p, "")["sha256"]
                   for p in input_files(data_dir, content["年度"])}
        findings += _inputs(recorded, current)
    else:
        current = recorded
    findings += (_outputs(out_dir, records) + _stale(records, current, data_dir or Path("data"))
                 + _unaccounted(out_dir, records))
    return Verdict(content, findings, code, data_dir is not None)


def normal_code(text: str) -> str:
    """A 核对码 as typed or pasted: no spaces, lower case."""
    return "".join(text.split()).lower()


FIXES = {
    "删除": "请删除它，或{rebuild}",
    "补写": "请补写这些内容后{rebuild}",
    "核对码": "请向法治政府建设办公室重新索取输出文件夹和核对码",
    "重新生成": "请{rebuild}",
}


def report_lines(verdict: Verdict, out_dir: Path, data_dir: Path | None, year: int, quiet: bool = False,
                 again: str = "") -> list[str]:
    """One line per problem, saying which file to rebuild or delete; then (unless `quiet`)
    the drafts in the folder, the verdict and the 核对码. `again`: the command to run again."""
    rebuild = f"重新运行 reportgen build {year}" + ("" if verdict.with_data else "（由生成报告的人在项目中运行）")
    lines = []
    for f in verdict.problems:
        path = display_path((out_dir if f.is_output or data_dir is None else data_dir) / f.name)
        lines.append(f"{path}: 错误: {f.problem}。{FIXES[f.fix].format(rebuild=rebuild)}")
    if quiet:
        return lines
    for f in verdict.drafts:
        lines.append(f"{display_path(out_dir / f.name)}: 提示: {f.problem}")
    total = len(verdict.content["输出"])
    if verdict.problems:
        lines.append(f"未通过：核对了 {total} 个输出文件，发现 {len(verdict.problems)} 个问题，"
                     f"不能发布。请按上面的提示处理后再运行 reportgen verify {again or year}。")
    else:
        drafts = f"（其中 {len(verdict.drafts)} 个是草稿，不要发布）" if verdict.drafts else ""
        source = "且都由当前的数据生成" if verdict.with_data else "且都由 manifest.json 记录的同一批数据生成"
        lines.append(f"通过：核对了 {total} 个输出文件{drafts}，全部与 manifest.json 的记录一致、没有未完成的内容，"
                     f"{source}（reportgen {verdict.content.get('reportgen', '?')}）。")
    lines.append(f"核对码：{verdict.code}（manifest.json 的 SHA-256，应与生成报告的人发来的核对码相同）")
    return lines
