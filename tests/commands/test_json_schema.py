"""`reportgen schema`: JSON Schemas for editors, translated from the Cerberus schemas.

The schemas must accept every file `check` accepts (the sample, the mini project) and refuse
every file `check` refuses for its shape (the E2xx codes of the hostile corpus); the key
descriptions must be README's.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml
from hypothesis import given, strategies as st

from conftest import MINI, ROOT, line_of
from reportgen.read import key_docs
from reportgen.read.json_schema import PORTABLE_PATTERNS, UNIT_SCHEMA_FILE, report_json_schema, unit_json_schema
from reportgen.read.encodings import decode
from reportgen.pipeline.check import check_year
from reportgen.read.project import CheckResult, load_plan
from reportgen.read.schema import UNIT_CODE_PATTERN, report_schema, unit_schema
from conftest import run

HOSTILE = ROOT / "tests" / "hostile"


def plan_of(data_dir: Path):
    plan, _ = load_plan(data_dir, CheckResult(2023))
    assert plan is not None
    return plan


@pytest.fixture(scope="module")
def sample_schemas() -> tuple[dict, dict]:
    plan = plan_of(ROOT / "data")
    return unit_json_schema(plan, 2023), report_json_schema(plan, 2023)


@pytest.fixture(scope="module")
def mini_schemas() -> tuple[dict, dict]:
    plan = plan_of(MINI)
    return unit_json_schema(plan, 2023), report_json_schema(plan, 2023)


def as_json(value):
    """What an editor's YAML 1.2 parser hands to the schema: dates are strings, keys are strings."""
    if isinstance(value, dict):
        return {("null" if k is None else str(k)): as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def read_yaml(raw: bytes):
    text, _ = decode(raw)
    limit = getattr(sys, "get_int_max_str_digits", None)
    if limit:  # huge_number.yaml: an editor reads any number of digits
        saved = sys.get_int_max_str_digits()
        sys.set_int_max_str_digits(0)
    try:
        return as_json(yaml.safe_load(text))
    finally:
        if limit:
            sys.set_int_max_str_digits(saved)


def problems(schema: dict, data) -> list[str]:
    return [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(data)]


def test_schemas_are_valid_draft_2020_12(sample_schemas):
    for schema in sample_schemas:
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("root", [ROOT / "data", MINI], ids=["sample", "mini"])
def test_every_file_that_check_accepts_validates(root):
    plan = plan_of(root)
    unit, report = unit_json_schema(plan, 2023), report_json_schema(plan, 2023)
    files = sorted((root / "2023").glob("*.yaml"))
    assert len(files) >= 3
    for path in files:
        schema = report if path.name == "_report.yaml" else unit
        assert problems(schema, read_yaml(path.read_bytes())) == [], path.name


def test_plan_lists_are_enums(sample_schemas):
    unit, report = sample_schemas
    plan = plan_of(ROOT / "data")
    group = unit["properties"]["主要做法和成效"]["items"]["properties"]
    assert group["领域"]["enum"] == [a.code for a in plan.areas]
    assert group["领域"]["enumDescriptions"][0] == plan.areas[0].name
    tasks = group["事项"]["items"]["properties"]["关联任务"]["anyOf"]
    numbers = [t.number for t in plan.tasks]
    assert tasks[0]["enum"] == numbers and tasks[1]["items"]["enum"] == numbers
    assert list(unit["properties"]["指标"]["properties"]) == [i.name for i in plan.indicators]
    assert unit["properties"]["年度"]["const"] == 2023
    assert report["properties"]["领域标题"]["propertyNames"]["enum"] == [a.code for a in plan.areas]


def walk_properties(schema, path=()):
    """(path, property schema) for every named key at any depth."""
    if isinstance(schema, dict):
        for key, sub in (schema.get("properties") or {}).items():
            yield path + (key,), sub
            yield from walk_properties(sub, path + (key,))
        for keyword in ("items", "additionalProperties"):
            if isinstance(schema.get(keyword), dict):
                yield from walk_properties(schema[keyword], path)
        for sub in schema.get("anyOf", ()):
            yield from walk_properties(sub, path)


def test_every_key_has_a_chinese_description(sample_schemas):
    for schema in sample_schemas:
        for path, prop in walk_properties(schema):
            assert re.search(r"[\u4e00-\u9fff]", prop.get("description", "")), path
            assert "`" not in prop["description"], path


def readme_tables() -> list[dict[str, tuple[str, str]]]:
    """Every “| 键 | 必填 | 说明 |” table of the README: key → (必填, 说明)."""
    tables, current = [], None
    for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("| 键 | 必填 | 说明 |"):
            current = {}
            tables.append(current)
        elif current is not None and line.startswith("| `"):
            key, required, text = (cell.strip() for cell in line.strip("|").split(" | "))
            current[key.strip("`")] = (required, text)
        elif current is not None and not line.startswith("|---"):
            current = None
    return tables


def as_table(docs: dict[str, str], fields: dict) -> dict[str, tuple[str, str]]:
    return {key: ("是" if fields[key].get("required") else "否", text) for key, text in docs.items()}


def test_readme_tables_say_what_key_docs_say():
    """The descriptions are README's, and README's 必填 is the Cerberus schema's `required`."""
    unit, report = unit_schema(["制度"], [1], []), report_schema(["制度"], [1])
    group = unit["主要做法和成效"]["schema"]["schema"]
    expected = [
        (as_table(key_docs.UNIT_KEYS, unit), unit),
        (as_table(key_docs.REPORT_KEYS, report), report),
        (as_table(key_docs.GROUP_KEYS, group), group),
        (as_table(key_docs.ITEM_KEYS, group["事项"]["schema"]["schema"]), None),
        (as_table(key_docs.ENTRY_KEYS, unit["存在问题"]["schema"]["schema"]), None),
        (as_table(key_docs.UNIT_REF_KEYS, report["单位"]["schema"]["schema"]), None),
        (as_table(key_docs.CHOICE_KEYS, report["选用事项"]["valuesrules"]["schema"]["schema"]), None),
    ]
    tables = readme_tables()
    for table, fields in expected:
        assert table in tables
        if fields is not None:  # every key of the schema is documented
            assert set(table) == set(fields)


# --- what check refuses for its shape, the schema refuses too -------------------------------

SHAPE = re.compile(r"E2\d\d")


def hostile_cases():
    for path in sorted(HOSTILE.glob("*.yaml")):
        if path.name.startswith("plan_"):
            continue  # plan.yaml has no JSON Schema (README: 编辑器提示)
        yield path


def shape_errors(tmp_path: Path, path: Path) -> tuple[list[str], str]:
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    rel = "2023/_report.yaml" if path.name.startswith("report_") else "2023/司法局.yaml"
    (data / rel).write_bytes(path.read_bytes())
    result = check_year(data, 2023)
    return [d.code for d in result.errors if SHAPE.fullmatch(d.code)], rel


def test_every_hostile_file_refused_for_its_shape_is_refused_by_the_schema(tmp_path, mini_schemas):
    unit, report = mini_schemas
    refused = []
    for number, path in enumerate(hostile_cases()):
        codes, rel = shape_errors(tmp_path / str(number), path)
        if not codes:
            continue
        schema = report if rel.endswith("_report.yaml") else unit
        assert problems(schema, read_yaml(path.read_bytes())), (path.name, codes)
        refused.append(path.stem)
    assert {"group_is_a_list", "report_code_dotdot", "report_code_slash", "indicator_percent",
            "indicator_fullwidth", "indicator_nan", "indicator_infinity", "null_key", "huge_number"} <= set(refused)


MUTATIONS = [  # (old, new) in the mini project's 司法局.yaml, each a shape error for check
    ("领域: 制度", "领域: 立法"),  # E208
    ("关联任务: [1]", "关联任务: [1, 9]"),  # E209
    ("  合法性审查率: 100", "  合法性审核率: 100"),  # E210
    ("  合法性审查率: 100", "  合法性审查率: 101"),  # E211
    ("考评排名: {值: 7", "考评排名: {值: 0"),  # E211
    ("年度: 2023", "年度: 2022"),  # E212
    ("存在问题:\n  - 基层执法人员素质有待提高。\n  - 主要是执法培训不够系统。", "存在问题: []"),  # E204
    ("成文日期: 2024-02-20", "成文日期: 2024年2月20日"),  # E203
]


@pytest.mark.parametrize("old, new", MUTATIONS)
def test_a_wrong_value_is_refused_by_check_and_by_the_schema(mini, mini_schemas, old, new):
    mini.replace("2023/司法局.yaml", old, new)
    assert [d.code for d in mini.check().errors if SHAPE.fullmatch(d.code)]
    assert problems(mini_schemas[0], read_yaml(mini.path("2023/司法局.yaml").read_bytes()))


ALPHABET = st.sampled_from([chr(c) for c in range(0, 128)] + list("司法局区一"))


@given(st.text(ALPHABET, max_size=6))
def test_the_portable_unit_code_pattern_agrees_with_check(code):
    portable = PORTABLE_PATTERNS[UNIT_CODE_PATTERN]
    # an editor's (ECMA-262) “$” is the end of the text; Python's also matches before a final
    # newline, so the pattern is tried here as an editor reads it
    as_editors_read_it = portable[:-1] + r"\Z" if portable.endswith("$") else portable
    assert bool(re.search(as_editors_read_it, code)) == bool(re.fullmatch(UNIT_CODE_PATTERN, code))


# --- the command --------------------------------------------------------------------------


def test_schema_command_writes_both_files(mini):
    cwd = mini.root.parent
    proc = run("schema", "2023", cwd=cwd)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    folder = mini.path("2023/schema")
    assert sorted(p.name for p in folder.iterdir()) == ["report.schema.json", "unit.schema.json"]
    assert json.loads((folder / UNIT_SCHEMA_FILE).read_text(encoding="utf-8"))["properties"]["年度"]["const"] == 2023
    assert "0 个错误，0 个警告" in run("check", "2023", cwd=cwd).stdout  # the schema folder is not a unit file
    proc = run("schema", "2023", "--out", "elsewhere", cwd=cwd)
    assert proc.returncode == 0 and (cwd / "elsewhere" / "report.schema.json").is_file()


def test_schema_without_a_plan_gives_the_same_e216_as_check(tmp_path):
    (tmp_path / "data" / "2023").mkdir(parents=True)
    schema, check = run("schema", "2023", cwd=tmp_path), run("check", "2023", cwd=tmp_path)
    assert schema.returncode == 1 and "Traceback" not in schema.stderr
    # without data/plan.yaml the folder is no project: both say so in the same words (#11)
    assert check.returncode == 1 and "不是 reportgen 项目" in check.stderr
    assert schema.stderr == check.stderr
    assert not (tmp_path / "data" / "2023" / "schema").exists()


def test_new_writes_the_schema_its_first_line_names(mini):
    mini.path("2023/市场局.yaml").unlink()
    proc = run("new", "2023", "市场局", "--name", "测试市市场监督管理局", cwd=mini.root.parent)
    assert proc.returncode == 0, proc.stderr
    first = mini.read("2023/市场局.yaml").splitlines()[0]
    assert first == "# yaml-language-server: $schema=./schema/unit.schema.json"
    target = mini.path("2023") / first.split("=", 1)[1]
    assert json.loads(target.read_text(encoding="utf-8"))["$schema"].endswith("2020-12/schema")
    assert line_of(mini.read("2023/市场局.yaml"), "单位:") > 1
