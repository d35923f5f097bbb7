"""`reportgen build` end to end on the small project: files, options, and nothing written on errors."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
from types import SimpleNamespace

from reportgen.render import WriteResult

from conftest import line_of
from conftest import run

try:
    import pymupdf
except ImportError:  # older PyMuPDF
    import fitz as pymupdf


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def input_paragraphs(data: dict) -> list[str]:
    """Every paragraph a user wrote, in document order."""
    out = []
    for value in ([data.get("导语")] if isinstance(data.get("导语"), str) else data.get("导语") or []):
        out.append(value)
    for group in data.get("主要做法和成效") or []:
        out.append(group["标题"])
        for item in group["事项"]:
            if isinstance(item, str):
                out.append(item)
            else:
                out += [t for t in (item.get("标题"), item["内容"]) if t]
    for key in ("存在问题", "第一责任人履职情况", "下一步计划", "其他需要报告的情况"):
        value = data.get(key)
        for entry in [value] if isinstance(value, str) else value or []:
            if isinstance(entry, dict):
                out += [t for t in (entry.get("标题"), entry["内容"]) if t]
            else:
                out.append(entry)
    return out


def assert_in_order(paragraphs: list[str], text: str) -> None:
    flat, pos = squash(text), 0
    for paragraph in paragraphs:
        found = flat.find(squash(paragraph), pos)
        assert found >= 0, f"missing or out of order: {paragraph[:30]}"
        pos = found + len(squash(paragraph))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    import shutil

    from conftest import MINI, Project

    root = tmp_path_factory.mktemp("build")
    shutil.copytree(MINI, root / "data")
    proc = run("build", "2023", cwd=root)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return Project(root / "data"), proc


def test_build_writes_every_unit_and_the_city_report(built):
    project, proc = built
    out = project.root.parent / "output" / "2023"
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(
        [f"{stem}.{ext}" for stem in ("测试市司法局", "测试市市场监督管理局", "测试市人民政府2023年法治政府建设年度报告",
                                      "测试市人民政府2023年各单位法治政府建设年度报告汇编")
         for ext in ("docx", "pdf")] + ["indicators.csv", "indicators.json", "index.html", "manifest.json"]
        + [f"{stem}.{ext}" for stem in ("测试市司法局", "测试市市场监督管理局", "测试市人民政府2023年法治政府建设年度报告")
           for ext in ("html", "fragment.html")]  # the web editions (the 汇编 has none)
        + [".reportgen-state.json"]  # what the next build compares with (incremental.py)
    )
    assert proc.stdout.count("已生成 ") == 18  # 3 reports in 4 files, the compilation in 2, 4 derived files
    assert re.search(r"已生成 output/2023/测试市司法局\.pdf（\d+ 页，\d+ KB）", proc.stdout)


def test_every_input_paragraph_appears_in_order_in_both_outputs(built):
    import yaml

    project, _ = built
    out = project.root.parent / "output" / "2023"
    data = yaml.safe_load(project.read("2023/司法局.yaml"))
    paragraphs = input_paragraphs(data)
    assert len(paragraphs) >= 8
    docx_text = "\n".join(p.text for p in docx.Document(out / "测试市司法局.docx").paragraphs)
    assert_in_order(paragraphs, docx_text)
    with pymupdf.open(out / "测试市司法局.pdf") as pdf:
        pdf_text = "".join(page.get_text() for page in pdf)
    assert_in_order(paragraphs, pdf_text)


def test_unit_option_builds_one_unit(mini):
    proc = run("build", "2023", "--unit", "市场局", "--format", "docx", "--out", "out", cwd=mini.root.parent)
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in (mini.root.parent / "out").iterdir()) == [".reportgen-state.json", "manifest.json", "测试市市场监督管理局.docx"]


def test_unknown_unit_is_an_error(mini):
    proc = run("build", "2023", "--unit", "交通局", cwd=mini.root.parent)
    assert proc.returncode == 1 and "交通局" in proc.stderr
    assert not (mini.root.parent / "output").exists()


def test_errors_stop_the_build_and_keep_earlier_outputs(mini):
    out = mini.root.parent / "output" / "2023"
    assert run("build", "2023", "--format", "docx", cwd=mini.root.parent).returncode == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    mini.replace("2023/司法局.yaml", "年度: 2023", "年度: 2022")
    proc = run("build", "2023", "--format", "docx", cwd=mini.root.parent)
    assert proc.returncode == 1
    assert "E212" in proc.stdout and "未生成任何文件" in proc.stdout
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_a_writer_failure_leaves_no_partial_files(mini, monkeypatch):
    from reportgen.pipeline import build as build_module
    from reportgen.pipeline import parallel
    from reportgen.pipeline.build import BuildSettings

    calls = []

    def failing_writer(fmt):
        def write(document, target, options):
            calls.append(document.name)
            Path(target).write_bytes(b"partial")
            if len(calls) == 2:
                raise RuntimeError("disk full")
            return WriteResult()
        return write

    monkeypatch.setitem(parallel.WRITERS, "docx", SimpleNamespace(write=failing_writer("docx"), prepare=lambda *a: None))
    out = mini.root.parent / "out"
    with pytest.raises(RuntimeError):
        build_module.build(BuildSettings(mini.root, 2023, out, ("docx",), jobs=1))
    assert not out.exists()  # nothing written, not even the folder


def test_indicator_files(built):
    import csv
    import json

    project, _ = built
    out = project.root.parent / "output" / "2023"
    raw = (out / "indicators.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM, so Excel reads UTF-8
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    by_name = {r["指标"]: r for r in rows}
    assert [r["指标"] for r in rows] == ["合法性审查率", "减免责清单事项", "考评排名"]
    assert by_name["合法性审查率"]["完成值"] == "100" and by_name["合法性审查率"]["状态"] == "已完成"
    assert by_name["减免责清单事项"]["完成值"] == "419" and by_name["减免责清单事项"]["汇总方式"] == "求和"
    assert "测试市市场监督管理局 419（data/2023/市场局.yaml:" in by_name["减免责清单事项"]["来源"]

    data = json.loads((out / "indicators.json").read_text(encoding="utf-8"))
    rank = next(i for i in data["指标"] if i["名称"] == "考评排名")
    assert rank["完成值"] == 7 and rank["状态"] == "已完成" and rank["目标"]["本年度目标值"] == 8
    source = rank["来源"][0]
    assert (source["单位代码"], source["说明"], source["文件"]) == ("司法局", "较上年前移2位", "data/2023/司法局.yaml")
    assert source["行"] == line_of(project.read("2023/司法局.yaml"), "考评排名")
    assert "≤" in rank["判定依据"]


@pytest.mark.parametrize("draft", [False, True])
def test_draft_source_notes_in_both_outputs(mini, draft):
    args = ["build", "2023", "--no-indicators"] + (["--draft"] if draft else [])
    proc = run(*args, cwd=mini.root.parent)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    out = mini.root.parent / "output" / "2023"
    city = "测试市人民政府2023年法治政府建设年度报告" + ("（草稿）" if draft else "")
    note = f"〔来源：测试市司法局data/2023/司法局.yaml:{line_of(mini.read('2023/司法局.yaml'), '深入推进重点领域立法')}〕"
    document = docx.Document(out / f"{city}.docx")
    docx_text = squash("\n".join(p.text for p in document.paragraphs))
    with pymupdf.open(out / f"{city}.pdf") as pdf:
        pdf_text = squash("".join(page.get_text() for page in pdf))
    for text in (docx_text, pdf_text):
        assert (note in text) == draft
        assert ("〔来源：" in text) == draft
        assert "主要指标完成情况表" not in text  # --no-indicators
    if draft:  # visually distinct: its own grey 楷体 style in Word
        para = next(p for p in document.paragraphs if p.text.startswith("〔来源："))
        assert para.style.name == "公文草稿来源"
        assert para.runs[0].font.color.rgb is not None


def test_city_report_has_the_indicator_attachment_by_default(built):
    project, _ = built
    out = project.root.parent / "output" / "2023"
    city = "测试市人民政府2023年法治政府建设年度报告"
    text = "\n".join(p.text for p in docx.Document(out / f"{city}.docx").paragraphs)
    assert "附件：主要指标完成情况表" in text and "主要指标完成情况表" in text.split("附件：主要指标完成情况表")[1]
    with pymupdf.open(out / f"{city}.pdf") as pdf:
        last = squash(pdf[-1].get_text())
    assert "考评排名" in last and "已完成" in last


def test_a_second_build_on_the_same_folder_waits_its_turn(mini):
    from reportgen.pipeline.staging import output_lock

    cwd = mini.root.parent
    assert run("build", "2023", "--format", "docx", cwd=cwd).returncode == 0
    out = cwd / "output" / "2023"
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    with output_lock(out):  # a build in progress
        proc = run("build", "2023", "--format", "docx", cwd=cwd)
    assert proc.returncode == 1 and "另一个 reportgen build 正在" in proc.stderr
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.name != ".reportgen.lock"} == before
    assert not (out / ".reportgen.lock").exists()  # released and removed
    assert run("build", "2023", "--format", "docx", cwd=cwd).returncode == 0


@pytest.mark.parametrize("failure", [RuntimeError("disk full"), KeyboardInterrupt()])
def test_a_failed_or_interrupted_build_keeps_the_previous_outputs(mini, monkeypatch, failure):
    from reportgen.pipeline import build as build_module
    from reportgen.pipeline import parallel
    from reportgen.pipeline.build import BuildSettings

    out = mini.root.parent / "out"
    build_module.build(BuildSettings(mini.root, 2023, out, ("docx",), jobs=1))
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    mini.replace("2023/司法局.yaml", "全年制定地方性法规3件。", "全年制定地方性法规4件。")
    real = parallel.WRITERS["docx"]
    calls = []

    def failing_writer(fmt):
        def write(document, target, options):
            calls.append(document.name)
            if len(calls) == 2:  # the first unit is already written to its temporary file
                raise failure
            return real.write(document, target, options)
        return write

    monkeypatch.setitem(parallel.WRITERS, "docx", SimpleNamespace(write=failing_writer("docx"), prepare=lambda *a: None))
    with pytest.raises(type(failure)):
        build_module.build(BuildSettings(mini.root, 2023, out, ("docx",), jobs=1))
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # no temporary files either


def test_build_never_writes_to_the_data_folder(mini):
    def snapshot():
        return {p.relative_to(mini.root): (p.read_bytes(), p.stat().st_mtime_ns)
                for p in sorted(mini.root.rglob("*")) if p.is_file()}

    before = snapshot()
    assert run("build", "2023", "--format", "docx", "--draft", cwd=mini.root.parent).returncode == 0
    assert snapshot() == before
    assert sorted(p.name for p in mini.root.rglob("*") if p.is_dir()) == ["2023"]
