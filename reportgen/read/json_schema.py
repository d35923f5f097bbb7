"""JSON Schemas (draft 2020-12) for editors, translated from the Cerberus schemas in schema.py.

The shapes are never spelled out twice: every key, type, length, range and list of allowed
values comes from `unit_schema` and `report_schema`, built from the same plan as `check`
uses. Only what Cerberus leaves to validate.py is added here, for one year's plan: the
year a unit file must name, and each indicator's value by its type. The descriptions are
README's, kept in key_docs.py. An editor with YAML support (VS Code with the Red Hat YAML
extension, or any client of yaml-language-server) finds the schema through the
`# yaml-language-server: $schema=…` line that `new` and `init` write at the top of a file.
"""

from __future__ import annotations

import json
from pathlib import Path

from reportgen.atomic import write_atomically
from reportgen.read import key_docs
from reportgen.errors import ReportgenError, display_path
from reportgen.model.data import Indicator, Plan
from reportgen.read.project import CheckResult, load_plan
from reportgen.read.schema import MAX_TEXT, NOT_APPLICABLE, UNIT_CODE_PATTERN, report_schema, unit_schema
from reportgen.read.validate import MAX_VALUE

DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_FOLDER = "schema"  # inside data/<year>/, next to the files the schemas describe
UNIT_SCHEMA_FILE = "unit.schema.json"
REPORT_SCHEMA_FILE = "report.schema.json"

JSON_TYPES = {"string": "string", "integer": "integer", "number": "number", "list": "array",
              "dict": "object", "date": "string", "boolean": "boolean"}
# YAML 1.2, which editors use, reads 2024-02-20 as a string; check reads it as a date.
DATE = {"format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
# Cerberus matches regexes with Python's Unicode \w; editors use ECMA-262, where \w is ASCII
# only and would refuse 司法局. The same rule written portably, the same for every ASCII
# character: no space, control character or ASCII mark except “-” and “_” after the first
# character. (Full-width marks such as “，” pass here; check refuses them.)
PORTABLE_PATTERNS = {
    UNIT_CODE_PATTERN: r"^[^\s\x00-\x2f:-@\[-`{-\x7f][^\s\x00-\x2c./:-@\[-^`{-\x7f]*$",
}
# Keywords that apply to every type: a list of types with one of them needs anyOf.
UNTYPED = ("enum", "const")

UNIT_DOCS = {
    (): key_docs.UNIT_KEYS,
    ("主要做法和成效",): key_docs.GROUP_KEYS,
    ("主要做法和成效", "事项"): key_docs.ITEM_KEYS,
    ("存在问题",): key_docs.ENTRY_KEYS,
    ("下一步计划",): key_docs.ENTRY_KEYS,
}
REPORT_DOCS = {**UNIT_DOCS, (): key_docs.REPORT_KEYS, ("单位",): key_docs.UNIT_REF_KEYS,
               ("选用事项",): key_docs.CHOICE_KEYS}


class Translator:
    """Turns one Cerberus schema into JSON Schema; `docs` gives descriptions by key path."""

    def __init__(self, docs: dict[tuple, dict[str, str]], enum_labels: dict[object, str]):
        self.docs = docs
        self.enum_labels = enum_labels  # area code → name, task number → content

    def mapping(self, fields: dict, path: tuple) -> dict:
        """A Cerberus `schema` for a dict: known keys only."""
        docs = self.docs.get(path, {})
        properties = {}
        for key, rule in fields.items():
            prop = self.rule(rule, path + (key,))
            if key in docs:
                prop = {"description": key_docs.plain(docs[key]), "markdownDescription": docs[key], **prop}
            properties[key] = prop
        schema = {"type": "object", "properties": properties, "additionalProperties": False}
        required = [key for key, rule in fields.items() if rule.get("required")]
        if required:
            schema["required"] = required
        return schema

    def rule(self, rule: dict, path: tuple) -> dict:
        types = rule.get("type")
        if types is None:
            return {}  # any value (Cerberus checks nothing more)
        names = types if isinstance(types, list) else [types]
        branches = [self.branch(name, rule, path) for name in names]
        if rule.get("nullable"):
            branches.append({"type": "null"})
        if len(branches) == 1:
            return branches[0]
        if any(key in branch for branch in branches for key in UNTYPED):
            return {"anyOf": branches}
        merged: dict = {"type": [b["type"] for b in branches]}
        for branch in branches:  # the other keywords apply to one type each: no conflict
            merged.update({k: v for k, v in branch.items() if k != "type"})
        return merged

    def branch(self, name: str, rule: dict, path: tuple) -> dict:
        """The part of `rule` that applies to values of Cerberus type `name`."""
        out: dict = {"type": JSON_TYPES[name]}
        empty_ok = rule.get("empty", True)
        longest = rule.get("maxlength")
        allowed = rule.get("allowed")
        if name in ("string", "date"):
            if name == "date":
                out.update(DATE)
            if not empty_ok:
                out["minLength"] = 1
            if longest is not None:
                out["maxLength"] = longest
            if "regex" in rule:
                out["pattern"] = PORTABLE_PATTERNS[rule["regex"]]
            if allowed is not None:
                out.update(self.enum(allowed))
        elif name in ("integer", "number"):
            if "min" in rule:
                out["minimum"] = rule["min"]
            if "max" in rule:
                out["maximum"] = rule["max"]
            if allowed is not None:
                out.update(self.enum(allowed))
        elif name == "list":
            if not empty_ok:
                out["minItems"] = 1
            if longest is not None:
                out["maxItems"] = longest
            items = self.rule(rule["schema"], path) if "schema" in rule else {}
            if allowed is not None:  # Cerberus checks each member of a list against `allowed`
                items = {**items, **self.enum(allowed)}
            if items:
                out["items"] = items
        elif name == "dict":
            if "schema" in rule:
                out = self.mapping(rule["schema"], path)
            if not empty_ok:
                out["minProperties"] = 1
            if longest is not None:
                out["maxProperties"] = longest
            if "keysrules" in rule:
                keys = self.rule(rule["keysrules"], path)
                out["propertyNames"] = {k: v for k, v in keys.items() if k != "enumDescriptions"}
            if "valuesrules" in rule:
                out["additionalProperties"] = self.rule(rule["valuesrules"], path)
        return out

    def enum(self, allowed: list) -> dict:
        out: dict = {"enum": list(allowed)}
        labels = [self.enum_labels.get(value) for value in allowed]
        if allowed and all(labels):
            out["enumDescriptions"] = labels  # shown next to each choice by VS Code
        return out


def indicator_value(indicator: Indicator) -> dict:
    """What validate.value_problem accepts for `indicator`: a number of its type, 不适用, or {值, 说明}."""
    if indicator.kind == "比率":
        # NaN passes every comparison, so only NaN passes both of the bounds under “not”.
        number = {"type": "number", "minimum": 0, "maximum": 100, "not": {"minimum": 1, "maximum": 0},
                  "$comment": "not: 拒绝 .nan（NaN 满足任何比较）"}
    else:
        number = {"type": "integer", "minimum": 1 if indicator.kind == "排名" else 0, "maximum": MAX_VALUE}
    value = {"anyOf": [number, {"const": NOT_APPLICABLE}]}
    docs = key_docs.INDICATOR_VALUE_KEYS
    note = {"type": "string", "maxLength": MAX_TEXT}
    noted = {
        "type": "object",
        "properties": {
            "值": {"description": key_docs.plain(docs["值"]), **value},
            "说明": {"description": key_docs.plain(docs["说明"]), **note},
        },
        "required": ["值"],
        "additionalProperties": False,
    }
    return {"description": indicator_label(indicator), "anyOf": [number, {"const": NOT_APPLICABLE}, noted]}


def indicator_label(indicator: Indicator) -> str:
    targets = [f"每年 {indicator.annual:g}"] if indicator.annual is not None else []
    targets += [f"{year}年 {value:g}" for year, value in indicator.targets]
    owners = "、".join(indicator.owners)
    return f"{indicator.kind}，单位：{indicator.unit}，{indicator.direction}目标（{'；'.join(targets)}），责任单位：{owners}"


def _lists(plan: Plan) -> tuple[list[str], list[int], dict[object, str]]:
    areas = [a.code for a in plan.areas]
    tasks = [t.number for t in plan.tasks]
    labels: dict[object, str] = {a.code: a.name for a in plan.areas}
    labels.update({t.number: t.content for t in plan.tasks})
    return areas, tasks, labels


def unit_json_schema(plan: Plan, year: int) -> dict:
    areas, tasks, labels = _lists(plan)
    cerberus = unit_schema(areas, tasks, [i.name for i in plan.indicators])
    schema = Translator(UNIT_DOCS, labels).mapping(cerberus, ())
    props = schema["properties"]
    props["年度"] = {**props["年度"], "const": year}  # E212: the year of the folder
    values = props["指标"]["properties"]
    for indicator in plan.indicators:
        values[indicator.name] = indicator_value(indicator)
    if plan.indicators:  # the keys are the plan's indicator names (additionalProperties says so too)
        props["指标"]["propertyNames"] = {"enum": [i.name for i in plan.indicators]}
    return {"$schema": DIALECT, "title": f"{plan.name}：{year}年度单位填报文件", **schema}


def report_json_schema(plan: Plan, year: int) -> dict:
    areas, tasks, labels = _lists(plan)
    schema = Translator(REPORT_DOCS, labels).mapping(report_schema(areas, tasks), ())
    return {"$schema": DIALECT, "title": f"{plan.name}：{year}年度报告机关设置（_report.yaml）", **schema}


def schema_folder(data_dir: Path, year: int) -> Path:
    return data_dir / str(year) / SCHEMA_FOLDER


def modeline(schema_file: str) -> str:
    """The first line of a file that `new` or `init` writes into data/<year>/."""
    return f"# yaml-language-server: $schema=./{SCHEMA_FOLDER}/{schema_file}"


def schema_texts(plan: Plan, year: int) -> dict[str, str]:
    """File name → JSON text of both schemas for `year`."""
    return {name: json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
            for name, schema in ((UNIT_SCHEMA_FILE, unit_json_schema(plan, year)),
                                 (REPORT_SCHEMA_FILE, report_json_schema(plan, year)))}


def write_schemas(plan: Plan, year: int, folder: Path) -> list[Path]:
    """Write both schemas into `folder`, each replaced whole (they are generated, never edited)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        written = []
        for name, text in schema_texts(plan, year).items():
            target = folder / name
            write_atomically(target, lambda temp, text=text: temp.write_text(text, encoding="utf-8", newline="\n"))
            written.append(target)
    except OSError as exc:
        raise ReportgenError(f"无法写入 JSON Schema 文件夹 {display_path(folder)}：{exc.strerror}。") from None
    return written


def year_schemas(data_dir: Path, year: int, out_dir: Path | None = None) -> tuple[list[Path], CheckResult]:
    """`reportgen schema`: read the plan as `check` does; write the schemas when it has no errors."""
    result = CheckResult(year)
    plan, _ = load_plan(data_dir, result)
    if plan is None:
        return [], result
    return write_schemas(plan, year, out_dir or schema_folder(data_dir, year)), result
