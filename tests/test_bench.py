"""bench/generate.py: deterministic, valid, shaped by its options, full-width punctuation.
(The benchmark's timings are not tested.)"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from reportgen.pipeline.check import check_year



def _module(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


generate = _module("bench_generate", ROOT / "bench" / "generate.py")
bench_run = _module("bench_run", ROOT / "bench" / "run.py")


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*.yaml"))}


@pytest.fixture(scope="module")
def three(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("bench") / "data"
    generate.generate(out, units=3, seed=7)
    return out


def test_same_seed_same_bytes(three, tmp_path):
    generate.generate(tmp_path / "again", units=3, seed=7)
    assert files(tmp_path / "again") == files(three)
    generate.generate(tmp_path / "other", units=3, seed=8)
    other = files(tmp_path / "other")
    assert other.keys() == files(three).keys()
    assert other != files(three)


def test_three_units_check_without_errors_or_warnings(three):
    result = check_year(three, 2023)
    assert [d.format() for d in result.errors] == []
    assert [d.format() for d in result.warnings] == []
    assert result.data is not None and len(result.data.units) == 3
    assert result.data.previous is not None and len(result.data.previous) == 3


def test_full_width_punctuation(three):
    result = check_year(three, 2023)
    assert not [d for d in result.diagnostics if d.code == "W306"]
    half = re.compile(r"[\u4e00-\u9fff“”《》（）][,;:()?!]|[,;:()?!][\u4e00-\u9fff“”《》（）]")
    for path in (three / "2023").glob("*.yaml"):
        texts = list(strings(yaml.safe_load(path.read_text(encoding="utf-8"))))
        assert not [t for t in texts if half.search(t)], path.name
        joined = "".join(texts)
        assert all(mark in joined for mark in "，。、“”《》（）%"), path.name


def strings(value):
    if isinstance(value, dict):
        for k, v in value.items():
            yield str(k)
            yield from strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from strings(v)
    elif isinstance(value, str):
        yield value


def test_options_shape_the_data(tmp_path):
    out = tmp_path / "data"
    summary = generate.generate(out, units=5, groups_per_unit=2, items=4, seed=1)
    assert summary["units"] == 5
    report = yaml.safe_load((out / "2023" / "_report.yaml").read_text(encoding="utf-8"))
    codes = [u["代码"] for u in report["单位"]]
    assert len(codes) == len(set(codes)) == 5
    assert sorted(p.stem for p in (out / "2023").glob("*.yaml")) == sorted(codes + ["_report"])
    assert sorted(p.stem for p in (out / "2022").glob("*.yaml")) == sorted(codes)
    for code in codes:
        assert re.fullmatch(r"[\u4e00-\u9fffA-Za-z0-9-]+", code)
        unit = yaml.safe_load((out / "2023" / f"{code}.yaml").read_text(encoding="utf-8"))
        assert len(unit["主要做法和成效"]) == 2
        assert all(len(group["事项"]) == 4 for group in unit["主要做法和成效"])
    plan = yaml.safe_load((out / "plan.yaml").read_text(encoding="utf-8"))
    assert len(plan["指标"]) == 18
    for indicator in plan["指标"]:  # every indicator is reported by units of the list
        assert indicator["责任单位"] and set(indicator["责任单位"]) <= set(codes)
    assert check_year(out, 2023).errors == []


def test_unit_names_beyond_the_real_lists(tmp_path):
    units = generate.make_units(120, "云澜市")
    assert len({u.code for u in units}) == 120
    assert units[0].name == "云澜市司法局"
    assert units[-1].district and re.fullmatch(r"第\d+区", units[-1].code)


def test_hand_written_yaml_reads_back():
    data = {"a": "%", "b": "x: y", "c": "- 列表", "d": "2023", "e": "不适用", "f": ["司法局", "第12区"],
            "g": {2023: 95, "每年": 100}, "h": [{"标题": "标题", "事项": ["#注释", "一，二"]}], "i": [4, 5],
            "j": {"值": 96.8, "说明": "上年为1,2"}, "k": "“双随机、一公开”"}
    assert yaml.safe_load("\n".join(generate.block(data))) == data


def test_runner_edits_one_sentence(three, tmp_path):
    import shutil

    data = tmp_path / "data"
    shutil.copytree(three, data)
    before = files(data)
    path = bench_run.edit_one_unit(data, 2023)
    after = files(data)
    changed = [name for name in before if before[name] != after[name]]
    assert changed == [str(path.relative_to(data))]
    old, new = before[changed[0]].decode().splitlines(), after[changed[0]].decode().splitlines()
    assert sum(a != b for a, b in zip(old, new)) == 1 and bench_run.EDIT in after[changed[0]].decode()
    assert check_year(data, 2023).errors == []


def test_the_city_report_is_composed_of_three_items_per_area(tmp_path):
    out = tmp_path / "data"
    generate.generate(out, units=12, seed=7)
    result = check_year(out, 2023)
    assert result.errors == []
    composition = result.data.report.composition
    assert composition.mode == "选用"
    per_area = {}
    for choice in composition.choices:
        per_area.setdefault(choice.area, []).append(choice.ref.split("/")[0])
    assert per_area and all(len(units) == 3 for units in per_area.values())
    assert all(len(set(units)) > 1 for units in per_area.values())  # from several units


def test_the_compilation_has_a_row_of_its_own(tmp_path):
    run = bench_run.Run(100, "改一个单位", True, wall=4.0, files=6, pages=40,
                        stages={"compilation": 1.5, "pdf_layout": 2.0},
                        timings={"rebuilt": ["甲.pdf", "云澜市人民政府2023年各单位法治政府建设年度报告汇编.docx"]})
    row = bench_run.compilation_row(run, tmp_path)
    assert (row.kind, row.files, row.wall) == ("改一个单位：其中汇编", 1, 1.5)
    lines = bench_run.table([run, row])
    assert lines[-1].startswith("| 100 | 改一个单位：其中汇编 | 1 |")
