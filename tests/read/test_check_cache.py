"""Incremental checking (issue 22): each unit file's own checks come from the cache while the
file, the plan and the unit list are unchanged, and a check with the cache says exactly what a
cold check says."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest

from reportgen.read import check_cache, loader
from reportgen.pipeline.check import check_year
from conftest import ROOT, Project


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    """A cache of this test's own, empty at the start."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("REPORTGEN_CACHE", str(folder))
    return folder


@pytest.fixture
def parses(monkeypatch) -> list[str]:
    """The name of every file parsed from now on (loader.load_text is where every parse goes)."""
    seen: list[str] = []
    real = loader.load_text

    def counting(text, display, path=None):
        seen.append(Path(display).name if path is None else f"{path.parent.name}/{path.name}")
        return real(text, display, path)

    monkeypatch.setattr(loader, "load_text", counting)
    return seen


@pytest.fixture
def validations(monkeypatch) -> list[str]:
    """The name of every unit file validated against the schema from now on."""
    seen: list[str] = []
    real = check_cache.check_schema

    def counting(loaded, schema, *args):
        seen.append(loaded.path.name)
        return real(loaded, schema, *args)

    monkeypatch.setattr(check_cache, "check_schema", counting)
    return seen


def everything(result) -> tuple:
    """All a check says and yields, to compare a warm check with a cold one."""
    said = [(d.code, d.severity, d.loc.file, d.loc.line, d.loc.col, d.message) for d in result.diagnostics]
    return said, result.lines(), result.files, result.data, result.boilerplate, result.clean


def cold(root: Path, tmp_path: Path, monkeypatch, year: int = 2023, name: str = "cold"):
    """The check with a cache that is empty."""
    monkeypatch.setenv("REPORTGEN_CACHE", str(tmp_path / name))
    try:
        return check_year(root, year)
    finally:
        shutil.rmtree(tmp_path / name, ignore_errors=True)


def test_second_check_parses_no_unit_file_and_says_the_same(sample, cache, parses, validations):
    first = sample.check()
    assert sorted(n for n in parses if n.startswith("2023/")) == sorted(
        f"2023/{p.name}" for p in (sample.root / "2023").iterdir())
    assert any(n.startswith("2022/") for n in parses)  # last year's files, for W411 and the comparison
    parses.clear()
    validations.clear()
    second = sample.check()
    assert parses == []  # the plan and _report.yaml are remembered too
    assert validations == []
    assert everything(second) == everything(first)
    assert first.data is not None and first.warnings  # the sample has a warning of every content rule


def test_one_unit_edit_rereads_and_revalidates_one_file(sample, cache, parses, validations, tmp_path, monkeypatch):
    sample.check()
    line = sample.replace("2023/公安局.yaml", "。", "，另有一句。")
    parses.clear()
    validations.clear()
    warm = sample.check()
    assert parses == ["2023/公安局.yaml"]
    assert validations == ["公安局.yaml"]
    assert line > 1
    assert everything(warm) == everything(cold(sample.root, tmp_path, monkeypatch))


def test_warm_check_equals_cold_with_errors_in_many_files(sample, cache, tmp_path, monkeypatch):
    """Errors of every stage: a duplicate key (the unit is still built), a file that is not a
    mapping, one outside the unit list, a schema error, a bad file name, a syntax error."""
    sample.replace("2023/公安局.yaml", "导语:", "单位: 重复\n导语:")
    sample.write("2023/列表.yaml", "- 甲\n- 乙\n")
    shutil.copy(sample.path("2023/人社局.yaml"), sample.path("2023/未登记局.yaml"))
    sample.replace("2023/司法局.yaml", "指标:", "未知的键: 1\n指标:")
    shutil.copy(sample.path("2023/政数局.yaml"), sample.path("2023/有 空格.yaml"))
    sample.write("2023/云溪区.yaml", sample.read("2023/云溪区.yaml") + "\n---\n坏: 乙\n")  # a second document: E101
    first = cold(sample.root, tmp_path, monkeypatch, name="a")
    assert {"E103", "E110", "E214", "E215", "E101"} <= {d.code for d in first.diagnostics}
    sample.check()
    assert everything(sample.check()) == everything(first)


def test_unit_list_or_plan_change_rechecks_every_unit(sample, cache, parses):
    sample.check()
    sample.replace("2023/_report.yaml", "代码: 交通运输局", "代码: 交通局")
    parses.clear()
    sample.check()
    assert "2023/_report.yaml" in parses and "data/plan.yaml" not in parses
    assert len([n for n in parses if n.startswith("2023/") and n != "2023/_report.yaml"]) == 8


def test_damaged_records_are_made_again(sample, cache, parses, tmp_path, monkeypatch):
    expected = everything(sample.check())
    records = sorted((cache / check_cache.STORE).rglob("*.pickle"))
    assert len(records) == 18  # the plan, _report.yaml, 8 unit files this year, 8 last year
    records[0].write_bytes(b"")
    records[1].write_bytes(records[1].read_bytes()[:50])
    records[2].write_bytes(pickle.dumps(["not", "a", "record"]))
    records[3].write_bytes(b"\x80\x05garbage")
    parses.clear()
    assert everything(sample.check()) == expected
    assert len(parses) == 4  # the files of the damaged records, and no other


def test_a_cache_that_cannot_be_written_costs_only_time(sample, tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("REPORTGEN_CACHE", str(blocker))
    first = sample.check()
    assert everything(sample.check()) == everything(first)
    assert everything(first) == everything(cold(sample.root, tmp_path, monkeypatch))


def test_json_check_reads_every_file(cache, monkeypatch, capsys):
    """check --format json shows every parsed file: a warm check shows the same."""
    import json

    from conftest import invoke

    monkeypatch.chdir(ROOT)
    outputs = [invoke(monkeypatch, capsys, "check", "2023", "--format", "json") for _ in range(2)]
    assert outputs[0] == outputs[1] and outputs[0][0] == 0
    entries = [json.loads(line) for line in outputs[1][1].splitlines()]
    assert all(entry["path"] for entry in entries if entry["file"] == "data/2023/公安局.yaml")
    assert any(entry["file"] == "data/2023/公安局.yaml" for entry in entries)


def test_same_bytes_under_another_name_are_checked_as_that_file(sample, cache):
    """The file's name is part of the key: a copy is its own unit, with its own places."""
    sample.check()
    shutil.copy(sample.path("2023/人社局.yaml"), sample.path("2023/未登记局.yaml"))
    result = sample.check()
    assert [(d.code, Path(d.loc.file).name) for d in result.errors] == [("E214", "未登记局.yaml")]


def test_project_copy_is_checked_with_its_own_paths(sample, cache, tmp_path):
    sample.check()
    moved = Project(tmp_path / "elsewhere")
    shutil.copytree(sample.root, moved.root)
    files = {Path(d.loc.file).parent.parent.name for d in moved.check().diagnostics}
    assert files == {"elsewhere"}


def test_records_unused_for_a_month_are_removed(sample, cache, monkeypatch):
    import os
    import time

    from reportgen import caching

    sample.check()
    records = sorted((cache / check_cache.STORE).rglob("*.pickle"))
    unused = records[0].with_name("0" * 64 + ".pickle")  # a record no file of the project has
    unused.write_bytes(records[0].read_bytes())
    old = time.time() - 40 * 86400
    for path in (unused, *records):
        os.utime(path, (old, old))
    monkeypatch.setattr(caching, "_PRUNED", set())
    sample.replace("2023/公安局.yaml", "。", "，另有一句。")  # a new record is written: the store is pruned
    sample.check()
    assert not unused.exists()
    # the edited file's old record is gone; a record pruned before its file was reached is made again
    assert sum(r.exists() for r in records) == len(records) - 1


def test_unit_findings_that_depend_on_the_report_follow_it(sample, cache, tmp_path, monkeypatch):
    """W440 (a character outside GB 2312) counts only under _report.yaml's 字体: GB2312, which a
    unit file's record does not depend on: switching it on with the unit file unchanged gives
    the W440 a cold check gives, and the content rules are kept with the record (W440 for the
    unchanged file comes from its record)."""
    sample.replace("2023/司法局.yaml", "导语: ", "导语: 镕")
    assert "W440" not in {d.code for d in sample.check().diagnostics}
    sample.replace("2023/_report.yaml", "报告机关:", "字体: GB2312\n报告机关:")
    warm = sample.check()
    assert [(d.code, Path(d.loc.file).name) for d in warm.diagnostics if d.code == "W440"] == [("W440", "司法局.yaml")]
    assert everything(warm) == everything(cold(sample.root, tmp_path, monkeypatch))


def test_reading_alone_does_not_leave_records_without_the_content_rules(sample, cache, tmp_path, monkeypatch):
    """read_year without the content rules (pipeline/check.py hands them in) keeps records
    under another key: a check after it still says what a cold check says, W4xx included."""
    from reportgen.read.project import read_year

    read_year(sample.root, 2023)
    warm = sample.check()
    assert any(d.code.startswith("W4") for d in warm.diagnostics)
    assert everything(warm) == everything(cold(sample.root, tmp_path, monkeypatch))


def test_check_keeping_every_file_parses_no_unchanged_file(sample, cache, parses, tmp_path, monkeypatch):
    """`check` and `build` keep every file's Loaded (E126, --format json): a warm check takes
    them from the cache too, equal to the parsed ones, and says what a cold check says."""
    first = check_year(sample.root, 2023, keep_sources=True)
    parses.clear()
    warm = check_year(sample.root, 2023, keep_sources=True)
    assert parses == []
    assert list(warm.sources) == list(first.sources) and len(warm.sources) >= 10
    assert all(warm.sources[name].data == first.sources[name].data for name in first.sources)
    monkeypatch.setenv("REPORTGEN_CACHE", str(tmp_path / "cold"))
    assert everything(warm) == everything(check_year(sample.root, 2023, keep_sources=True))
