"""Turn a build's inputs and outputs into manifest.json, and check outputs against it.

The manifest lists every input file and every output file with its SHA-256 and
size, the reportgen version and the fonts used, so that publishers can tell
whether a file was changed after the build (`reportgen verify`). It holds no
time stamp: the same build gives the same manifest.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from reportgen import __version__
from reportgen.errors import ReportgenError, display_path

MANIFEST = "manifest.json"


def file_record(path: Path, name: str) -> dict:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return {"文件": name, "sha256": digest.hexdigest(), "大小": path.stat().st_size}


def input_files(data_dir: Path, year: int) -> list[Path]:
    """What a build of `year` reads: the plan, the year's folder and last year's."""
    files = [data_dir / "plan.yaml"]
    for folder in (data_dir / str(year), data_dir / str(year - 1)):
        if folder.is_dir():
            files += sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in (".yaml", ".yml"))
    return files


def input_records(data_dir: Path, year: int) -> list[dict]:
    """The record (name, SHA-256, size) of every file a build of `year` reads."""
    return [file_record(p, p.relative_to(data_dir).as_posix()) for p in input_files(data_dir, year)]


def earlier_records(path: Path) -> dict[str, dict]:
    """The output records of an existing manifest, by file name; none if it is missing or damaged."""
    try:
        return {record["文件"]: record for record in json.loads(path.read_text(encoding="utf-8"))["输出"]}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def manifest(year: int, inputs: list[dict], outputs: list[tuple[Path, str]], fonts: dict[str, str],
             known: dict[str, dict] | None = None) -> dict:
    """`inputs`: the input records (`input_records`). `outputs`: (file holding the bytes, name it
    will have in the output folder), hashed here. `known`: records of other outputs, kept as
    they are (files this build left untouched; a `--unit` build keeps all the others)."""
    records = dict(known or {})
    records.update({name: file_record(path, name) for path, name in outputs})
    return {
        "reportgen": __version__,
        "年度": year,
        "字体": fonts,
        "输入": inputs,
        "输出": [records[name] for name in sorted(records)],
    }


def write_manifest(target: Path, content: dict) -> None:
    target.write_text(json.dumps(content, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


@dataclass(frozen=True)
class Finding:
    name: str
    problem: str  # 已修改 / 缺失 / 数据已修改 / 数据已删除 / 新增数据
    is_output: bool


def verify(out_dir: Path, data_dir: Path | None = None) -> tuple[dict, list[Finding]]:
    """Compare the output folder (and, if given, the data folder) with its manifest."""
    path = out_dir / MANIFEST
    if not path.is_file():
        raise ReportgenError(f"找不到 {display_path(path)}：请先运行 reportgen build 生成报告")
    try:
        content = json.loads(path.read_text(encoding="utf-8"))
        outputs, inputs = content["输出"], content["输入"]
    except (ValueError, KeyError, TypeError):
        raise ReportgenError(f"{display_path(path)} 已损坏，无法核对：请重新运行 reportgen build") from None
    findings = []
    for record in outputs:
        file = out_dir / record["文件"]
        if not file.is_file():
            findings.append(Finding(record["文件"], "缺失", True))
        elif file_record(file, record["文件"])["sha256"] != record["sha256"]:
            findings.append(Finding(record["文件"], "已修改", True))
    if data_dir is not None:
        known = {r["文件"]: r["sha256"] for r in inputs}
        current = {p.relative_to(data_dir).as_posix(): p for p in input_files(data_dir, content["年度"])}
        for name, digest in known.items():
            if name not in current:
                findings.append(Finding(name, "数据已删除", False))
            elif file_record(current[name], name)["sha256"] != digest:
                findings.append(Finding(name, "数据已修改", False))
        findings += [Finding(name, "新增数据", False) for name in current if name not in known]
    return content, findings
