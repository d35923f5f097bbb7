"""Shared by the `reportgen import` tests: the sample data, the Word corpus, helpers."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT
from reportgen.cli import cli
from reportgen.read.loader import load_file

DATA = ROOT / "data"
CORPUS = ROOT / "tests" / "fixtures" / "word"
HOSTILE = ROOT / "tests" / "hostile" / "word"
EXPECTED = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))
SAMPLE_UNITS = sorted(p.stem for p in (DATA / "2023").glob("[!_]*.yaml"))
CORPUS_CODE = "交通运输局"  # registered in the sample's _report.yaml, no file of its own
LINE = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<sev>错误|警告): .+ \[(?P<code>[EW]\d{3})\]$")


def data_copy(root: Path, remove: tuple[str, ...] = tuple(SAMPLE_UNITS)) -> Path:
    """The sample data folder; by default without the units' files (check reads only the import)."""
    shutil.copytree(DATA, root / "data")
    for code in remove:
        (root / "data" / "2023" / f"{code}.yaml").unlink()
    return root / "data"


def texts_of(value) -> list[str]:
    """Every text of a data file in file order (codes and numbers aside)."""
    if isinstance(value, dict):
        return [t for k, v in value.items() if k not in ("领域", "年度", "成文日期") for t in texts_of(v)]
    if isinstance(value, list):
        return [t for v in value for t in texts_of(v)]
    return [value] if isinstance(value, str) else []


def codes(output: str) -> list[str]:
    return [m.group("code") for m in map(LINE.match, output.splitlines()) if m]


def unit_data(folder: Path) -> dict:
    return load_file(folder / "2023" / f"{CORPUS_CODE}.yaml").data


PLAIN = """云澜市交通运输局2023年法治政府建设年度报告
2023年,市交通运输局坚持依法行政，推动交通运输法治政府建设取得新进展。
一、主要做法和成效
（一）严格规范交通运输执法
1.落实执法三项制度。在执法平台公示行政许可和行政处罚信息1800余条。
2.开展执法质量评查。抽查执法案卷120宗，对发现的问题逐一督促整改。
二、存在问题
部分规范性文件清理不够及时。
三、下一步工作计划
研究制定网约车和共享单车管理办法。
云澜市交通运输局
2024年2月20日
"""


def run_import(cwd: Path, *args: str):
    """`reportgen import 2023 ARGS` in `cwd`, in process (paths in messages are relative to it)."""
    old = Path.cwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(cli, ["import", "2023", *args], catch_exceptions=False)
    finally:
        os.chdir(old)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    data_copy(tmp_path)
    return tmp_path
