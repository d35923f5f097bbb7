"""#18: no input crashes. Every node of the sample's unit file and `_report.yaml` (walked by
the schema of reportgen/read/schema.py, with the keys the schema allows but the sample leaves
out) is replaced, in turn, by each YAML type. Each case must check cleanly, or fail with
located errors (`file:line:col: 错误`), and a file that passes must make its report's model:
never the traceback that `reportgen` turns into exit 3."""

from __future__ import annotations

import copy
import pickle
import datetime as dt
import re
import shutil

import pytest
import yaml

from conftest import ROOT
from reportgen.model.document import city_document, unit_document
from reportgen.read import check_cache, loader
from reportgen.read import project as project_module
from reportgen.pipeline.check import check_year
from reportgen.read.schema import report_schema, unit_schema

YEAR = 2023
UNIT = "司法局"
VALUES = {
    "int": 7, "float": 2.5, "bool": True, "null": None, "str": "一段文字", "list": ["甲", "乙"],
    "mapping": {"键": "值"}, "date": dt.date(2024, 2, 6), "datetime": dt.datetime(2024, 2, 6, 10, 0),
    "empty list": [], "empty mapping": {},
}
LOCATED_ERROR = re.compile(r"^\S+\.yaml:\d+:\d+: 错误: ")


def node_paths(data, rule, path=()):
    """Every node of `data`, and every key the schema allows where it is absent. Siblings
    under the same rule (each area of 领域标题, each indicator) are walked once per kind of
    value; in a list the first element of each kind (text, mapping) stands for the others."""
    if isinstance(data, dict) or (data is None and _keys(rule)):
        data = data or {}
        keys = _keys(rule) or {}
        walked = set()
        for key in list(data) + [k for k in keys if k not in data]:
            child_rule = keys.get(key) or (rule or {}).get("valuesrules")
            kind = (id(child_rule), type(data.get(key)))
            if key not in keys and kind in walked or (key in keys and child_rule == {"nullable": True} and kind in walked):
                continue
            walked.add(kind)
            yield path + (key,)
            yield from node_paths(data.get(key), child_rule, path + (key,))
    elif isinstance(data, list):
        item_rule = (rule or {}).get("schema")
        seen = set()
        for index, element in enumerate(data):
            if type(element) not in seen:
                seen.add(type(element))
                yield path + (index,)
                yield from node_paths(element, item_rule, path + (index,))
        if dict not in seen and _keys(item_rule):  # entries written as text: try the mapping's keys too
            yield from node_paths({}, item_rule, path + (0,))


def _keys(rule):
    """The rules of a mapping's named keys, when `rule` describes such a mapping."""
    inner = (rule or {}).get("schema") if isinstance(rule, dict) else None
    if isinstance(inner, dict) and not isinstance(inner.get("type"), (str, list)):
        return inner
    return None


def replaced(data, path, value):
    """A copy of `data` with the node at `path` set to `value` (made where it is absent)."""
    data = copy.deepcopy(data)
    node = data
    for step, next_step in zip(path, path[1:]):
        child = node[step] if isinstance(node, list) else node.get(step)
        if not isinstance(child, (dict, list)) or isinstance(child, list) and not isinstance(next_step, int):
            child = {}
            node[step] = child
        node = child
    node[path[-1]] = value
    return data


def dumped(data) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A copy of the sample; the files a case leaves alone are parsed once (a fresh copy of
    the parse each time, as reportgen's checks may not change what they read), which keeps
    the ~800 cases to a few seconds each hundred."""
    root = tmp_path_factory.mktemp("types") / "data"
    shutil.copytree(ROOT / "data", root)
    parsed = {}

    def load_once(path, raw=None):
        key = (str(path), path.read_bytes() if raw is None else raw)
        if key not in parsed:
            parsed[key] = pickle.dumps(loader.load_file(path, raw))
        return pickle.loads(parsed[key])

    with pytest.MonkeyPatch.context() as patch:
        # reading parses in project.py (last year's files) and check_cache.py (this year's,
        # when the check cache has no record of them)
        patch.setattr(project_module, "load_file", load_once)
        patch.setattr(check_cache, "load_file", load_once)
        yield root


def cases(name: str, schema: dict):
    data = yaml.safe_load((ROOT / "data" / str(YEAR) / name).read_text(encoding="utf-8"))
    return [pytest.param(name, data, path, kind, id=f"{name}:{'/'.join(map(str, path))}={kind}")
            for path in node_paths(data, {"type": "dict", "schema": schema}) for kind in VALUES]


def _assert_answered(project, name: str, text: str, only: str | None):
    target = project / str(YEAR) / name
    original = target.read_text(encoding="utf-8")
    target.write_text(text, encoding="utf-8")
    try:
        result = check_year(project, YEAR, only=only)
        errors = [d for d in result.diagnostics if d.is_error]
        if errors:
            assert all(LOCATED_ERROR.match(d.format()) for d in errors), [d.format() for d in errors]
        else:  # passes: the reports' models must be made without a crash too
            for unit in result.data.units:
                unit_document(unit)
            if only is None:
                city_document(result.data)
        return errors
    finally:
        target.write_text(original, encoding="utf-8")


def test_the_walk_starts_from_a_clean_sample(project):
    for name, only in ((f"{UNIT}.yaml", UNIT), ("_report.yaml", None)):
        data = yaml.safe_load((project / str(YEAR) / name).read_text(encoding="utf-8"))
        assert _assert_answered(project, name, dumped(data), only) == []


@pytest.mark.parametrize("name, data, path, kind", cases(f"{UNIT}.yaml", unit_schema([], [], [])))
def test_any_type_in_a_unit_file_is_answered(project, name, data, path, kind):
    _assert_answered(project, name, dumped(replaced(data, path, VALUES[kind])), UNIT)


@pytest.mark.parametrize("name, data, path, kind", cases("_report.yaml", report_schema([], [])))
def test_any_type_in_report_yaml_is_answered(project, name, data, path, kind):
    _assert_answered(project, name, dumped(replaced(data, path, VALUES[kind])), None)


@pytest.mark.parametrize("name, old, new", [
    ("司法局.yaml", "成文日期: 2024-02-06", "成文日期: 2024-02-06 10:00:00"),  # the time would be dropped
    ("司法局.yaml", "主要做法和成效:\n", "主要做法和成效: 1\nx_old_groups:\n"),  # a scalar for a list
    ("_report.yaml", "主要做法和成效:\n", "主要做法和成效: 1\nx_old_groups:\n"),
])
def test_the_crashes_of_issue_18_are_located_errors(sample, name, old, new):
    line = sample.replace(f"{YEAR}/{name}", old, new)
    errors = [(d.code, d.loc.line) for d in sample.check().errors if d.loc.file.endswith(name)]
    assert ("E203", line) in errors
