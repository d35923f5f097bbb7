"""E240: two reports that would be saved under one file name stop the check (and so the
build, before anything is rendered), naming both and their files."""

from __future__ import annotations

from conftest import found
from conftest import run


def rename(mini, code: str, old: str, new: str) -> int:
    """Register unit `code` as `new` (in _report.yaml and its own file); the line in _report.yaml."""
    mini.replace(f"2023/{code}.yaml", f"单位: {old}", f"单位: '{new}'")
    return mini.replace("2023/_report.yaml", f"名称: {old}", f"名称: '{new}'")


def test_two_units_whose_file_names_coincide(mini):
    first = rename(mini, "司法局", "测试市司法局", "测试市司法局:一")
    second = rename(mini, "市场局", "测试市市场监督管理局", "测试市司法局?一")
    result = mini.check()
    clashes = [d for d in result.diagnostics if d.code == "E240"]
    assert [(d.loc.file.endswith("_report.yaml"), d.loc.line) for d in clashes] == [(True, second)]
    message = clashes[0].message
    assert "测试市司法局:一" in message and "测试市司法局?一" in message and "测试市司法局_一" in message
    assert f"_report.yaml:{first}" in message


def test_a_unit_named_like_the_city_report(mini):
    title = "测试市人民政府2023年法治政府建设年度报告"
    line = rename(mini, "市场局", "测试市市场监督管理局", title + ".")  # the trailing dot is dropped
    assert ("E240", "_report.yaml", line) in found(mini.check())


def test_letters_differing_only_in_case_coincide_too(mini):
    rename(mini, "司法局", "测试市司法局", "测试市ABC局")
    line = rename(mini, "市场局", "测试市市场监督管理局", "测试市abc局")
    assert ("E240", "_report.yaml", line) in found(mini.check())


def test_build_stops_before_rendering(mini):
    rename(mini, "司法局", "测试市司法局", "测试市司法局:一")
    rename(mini, "市场局", "测试市市场监督管理局", "测试市司法局?一")
    proc = run("build", "2023", "--format", "docx", cwd=mini.root.parent)
    assert proc.returncode == 1 and "[E240]" in proc.stdout
    assert not (mini.root.parent / "output").exists()
