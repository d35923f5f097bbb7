"""Turn a build's inputs and outputs into manifest.json, and check outputs against it.

The manifest lists every input file and every output file with its SHA-256 and
size, the reportgen version and the fonts used, and for every output whether it is
a draft and the inputs it was made from, so that publishers can tell whether a
file was changed after the build or is older than the data (`reportgen verify`,
publish/verify.py). It holds no time stamp: the same build gives the same manifest.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from reportgen import __version__

MANIFEST = "manifest.json"


def file_record(path: Path, name: str) -> dict:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return {"文件": name, "sha256": digest.hexdigest(), "大小": path.stat().st_size}


def input_files(data_dir: Path, year: int) -> list[Path]:
    """What a build of `year` reads: the plan, the year's folder and last year's."""
    files = [data_dir / "plan.yaml"] if (data_dir / "plan.yaml").is_file() else []
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


def based_on(inputs: list[dict], unit_code: str | None = None, year: int | None = None) -> dict:
    """What an output records it was made from (`依据`): the SHA-256 of each input it read.
    A unit's report reads the plan and its own file; anything else (the city report, the
    year's figures, the overview) reads every input, so a file that appears later makes it
    out of date too (`全部数据`)."""
    if unit_code is None:
        return {"全部数据": True, "依据": {r["文件"]: r["sha256"] for r in inputs}}
    own = {f"{year}/{unit_code}{suffix}" for suffix in (".yaml", ".yml", ".YAML", ".YML")}
    return {"全部数据": False, "依据": {r["文件"]: r["sha256"] for r in inputs if r["文件"] == "plan.yaml" or r["文件"] in own}}


def manifest(year: int, inputs: list[dict], outputs: list[tuple[Path, str]], fonts: dict[str, str],
             known: dict[str, dict] | None = None, provenance: dict[str, dict] | None = None) -> dict:
    """`inputs`: the input records (`input_records`). `outputs`: (file holding the bytes, name it
    will have in the output folder), hashed here. `known`: records of other outputs, kept as
    they are (files this build left untouched; a `--unit` build keeps all the others).
    `provenance`: for each output this build stands for, whether it is a draft (`草稿`)
    and what it was made from (`based_on`)."""
    records = dict(known or {})
    records.update({name: file_record(path, name) for path, name in outputs})
    for name, extra in (provenance or {}).items():
        if name in records:
            records[name] = {**records[name], **extra}
    return {
        "reportgen": __version__,
        "年度": year,
        "字体": fonts,
        "输入": inputs,
        "输出": [records[name] for name in sorted(records)],
    }


def write_manifest(target: Path, content: dict) -> None:
    target.write_text(json.dumps(content, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
