"""Build the Cerberus schemas for the plan, `_report.yaml` and unit files.

This is the only place where the shape of the users' files is spelled out;
the schemas for `_report.yaml` and the units are generated from the plan so
that plan-area codes, task numbers and indicator names are checked here.
"""

from __future__ import annotations

import re

# 单位代码 doubles as a file name: letters of any script, digits, hyphen.
UNIT_CODE_PATTERN = r"[^\W_][\w\-]*"

KINDS = ("比率", "数量", "排名")
DIRECTIONS = ("不低于", "不高于")
AGGREGATIONS = ("求和", "最小值", "最大值", "平均值", "单一来源")
ANNUAL = "每年"
NOT_APPLICABLE = "不适用"

# Limits that no real file comes near (the sample's longest list has 30 entries, its longest
# text under 300 characters) but that stop a pasted or generated file from taking minutes.
MAX_ENTRIES = 500  # entries in any one list or “键: 值” mapping; checked in validate.py
MAX_UNITS = 5000  # the 单位 list of _report.yaml: a province reports for thousands of units
LONG_LISTS = {("单位",): MAX_UNITS}  # lists allowed more than MAX_ENTRIES, by their path in the file
MAX_TEXT = 5000  # characters in one text
MAX_NAME = 50  # a unit's or the government's name, and a unit code: they become file names
MAX_TITLE = 80  # a report title, which may become a file name (80 CJK characters are 240 bytes)
MAX_ANNOTATION = 200  # 附注 (GB/T 9704 7.3.6): a line or two such as “此件公开发布”

TEXT = {"type": "string", "empty": False, "maxlength": MAX_TEXT}
NAME = {**TEXT, "maxlength": MAX_NAME}
TITLE = {**TEXT, "maxlength": MAX_TITLE}
# 导语, 第一责任人履职情况 …: one paragraph, or a list of paragraphs
PARAGRAPHS = {"type": ["string", "list"], "empty": False, "maxlength": MAX_TEXT, "schema": TEXT}
# 存在问题, 下一步计划: entries that are plain sentences or {标题, 内容}
ENTRIES = {
    "type": "list",
    "empty": False,
    "schema": {
        "type": ["string", "dict"],
        "empty": False,
        "maxlength": MAX_TEXT,  # for a plain sentence; a mapping has two keys
        "schema": {"标题": TEXT, "内容": {**TEXT, "required": True}},
    },
}
# 存在问题: like ENTRIES, and a {标题, 内容} entry may say why in 原因 (printed after 内容)
PROBLEMS = {**ENTRIES, "schema": {**ENTRIES["schema"], "schema": {**ENTRIES["schema"]["schema"], "原因": TEXT}}}
# 检查 in _report.yaml: rule code → its level for this project; codes are checked in content/settings.py
RULE_LEVELS = ("关闭", "提示", "警告", "错误")
UNIT_CODES = {"type": "list", "schema": {"type": "string", "empty": False}}
YEAR_VALUES = {"type": "dict", "empty": False}  # year → value; checked in validate.py


# The submission edition's keys (报送版, reportgen/read/submission.py checks how they go together)
NUMBER_KEY = "发文字号"
URGENCIES = ("特急", "加急")  # 7.2.3
# 份号: six Arabic digits [7.2.1]; a string, since YAML reads 000001 as the number 1
COPY_NUMBER = re.compile(r"^\d{6}$")
# the year of a 发文字号 stands in 六角括号 〔〕 [7.2.5]; [] () 【】 are the usual slips
NUMBER_BRACKETS = re.compile(r"[\[(（【]\s*\d{4}\s*[\])）】]")

SUBMISSION_SCHEMA = {
    NUMBER_KEY: {**TEXT, "maxlength": MAX_NAME},
    "签发人": NAME,
    "抄送": {"type": "list", "empty": False, "schema": NAME},
    "印发机关": NAME,
    "印发日期": {"type": "date"},
    "份号": {"type": "string", "empty": False},
    "密级": {**TEXT, "maxlength": 20},
    "紧急程度": {"type": "string", "allowed": list(URGENCIES)},
}


def records(fields: dict, **rules) -> dict:
    """A list of mappings, each with `fields`."""
    return {"type": "list", **rules, "schema": {"type": "dict", "schema": fields}}


def plan_schema() -> dict:
    return {
        "名称": {**TEXT, "required": True},
        "起始年度": {"type": "integer", "required": True, "min": 1949, "max": 2200},
        "截止年度": {"type": "integer", "required": True, "min": 1949, "max": 2200},
        "领域": records(
            {"代码": {**TEXT, "required": True}, "名称": {**TEXT, "required": True}},
            required=True, empty=False,
        ),
        "任务": records(
            {
                "编号": {"type": "integer", "required": True, "min": 1},
                "领域": {**TEXT, "required": True},
                "内容": {**TEXT, "required": True},
                "牵头单位": {**UNIT_CODES, "required": True, "empty": False},
                "配合单位": UNIT_CODES,
            }
        ),
        "指标": records(
            {
                "名称": {**TEXT, "required": True},
                "单位": {**TEXT, "required": True},
                "类型": {"type": "string", "required": True, "allowed": list(KINDS)},
                "方向": {"type": "string", "required": True, "allowed": list(DIRECTIONS)},
                "目标": {**YEAR_VALUES, "required": True},
                "基期": YEAR_VALUES,
                "汇总": {"type": "string", "required": True, "allowed": list(AGGREGATIONS)},
                "责任单位": {**UNIT_CODES, "required": True, "empty": False},
                "说明": TEXT,
                "别名": {"type": ["string", "list"], "empty": False, "maxlength": MAX_TEXT, "schema": TEXT},
            }
        ),
    }


def groups_schema(area_codes: list[str], task_numbers: list[int]) -> dict:
    """主要做法和成效: (一) groups filed under a plan area, with numbered items."""
    item = {
        "标题": TEXT,
        "内容": {**TEXT, "required": True},
        # a number or a list of numbers; `allowed` checks either
        "关联任务": {"type": ["integer", "list"], "allowed": task_numbers, "schema": {"type": "integer"}},
    }
    return records(
        {
            "标题": {**TEXT, "required": True},
            "领域": {"type": "string", "required": True, "empty": False, "allowed": area_codes},
            # an item is {标题, 内容, 关联任务} or just a paragraph of text
            "事项": {"type": "list", "required": True, "empty": False,
                     "schema": {"type": ["string", "dict"], "empty": False, "maxlength": MAX_TEXT, "schema": item}},
        },
        empty=False,
    )


def _body_schema(area_codes: list[str], task_numbers: list[int]) -> dict:
    """Keys shared by a unit's file and the reporting government's `_report.yaml`."""
    return {
        "标题": TITLE,
        "主送": TEXT,
        "成文日期": {"type": "date"},
        # GB/T 9704-2012 7.3.6: printed below the 成文日期, never body text
        "附注": {**TEXT, "maxlength": MAX_ANNOTATION},
        "导语": PARAGRAPHS,
        "主要做法和成效": groups_schema(area_codes, task_numbers),
        "存在问题": {**PROBLEMS, "required": True},
        "第一责任人履职情况": PARAGRAPHS,
        "下一步计划": {**ENTRIES, "required": True},
        "其他需要报告的情况": PARAGRAPHS,
        **SUBMISSION_SCHEMA,
    }


def unit_schema(area_codes: list[str], task_numbers: list[int], indicator_names: list[str]) -> dict:
    schema = _body_schema(area_codes, task_numbers)
    schema["主要做法和成效"] = {**schema["主要做法和成效"], "required": True}
    schema.update(
        {
            "单位": {**NAME, "required": True},
            "年度": {"type": "integer", "required": True},
            # values are checked against each indicator's type in validate.py
            "指标": {
                "type": "dict",
                "schema": {name: {"nullable": True} for name in indicator_names},
            },
        }
    )
    return schema


MERGE_MODES = ("选用", "全部")  # 合并方式: chosen items only, or every unit item (the default)
FONT_SCHEMES = ("通用", "GB2312")  # 字体: the DOCX's font names (render/docx/fonts.py)
# 选用事项: one entry per chosen item, a reference or {事项: reference, 改写: text}
CHOICE = {
    "type": ["string", "dict"],
    "empty": False,
    "maxlength": MAX_TITLE + MAX_NAME + 20,  # for a reference string: unit, position and title
    "schema": {"事项": {**TEXT, "required": True}, "改写": TEXT},
}


def report_schema(area_codes: list[str], task_numbers: list[int]) -> dict:
    schema = _body_schema(area_codes, task_numbers)
    schema.update(
        {
            "合并方式": {"type": "string", "allowed": list(MERGE_MODES)},
            "选用事项": {
                "type": "dict",
                "keysrules": {"type": "string", "allowed": area_codes},
                "valuesrules": {"type": "list", "empty": False, "schema": CHOICE},
            },
            "篇幅": {"type": "integer", "min": 1, "max": 1000},
            "字体": {"type": "string", "allowed": list(FONT_SCHEMES)},
            "报告机关": {**NAME, "required": True},
            "成文日期": {"type": "date", "required": True},
            "导语": {**PARAGRAPHS, "required": True},
            "检查": {
                "type": "dict",
                "valuesrules": {"type": "string", "allowed": list(RULE_LEVELS)},
            },
            "领域标题": {
                "type": "dict",
                "keysrules": {"type": "string", "allowed": area_codes},
                "valuesrules": TEXT,
            },
            "单位": records(
                {
                    "代码": {**NAME, "required": True, "regex": UNIT_CODE_PATTERN},
                    "名称": {**NAME, "required": True},
                },
                required=True, empty=False,
            ),
        }
    )
    return schema


def schema_at(schema: dict, schema_path: tuple) -> object:
    """Follow a Cerberus error's schema_path through the raw schema dicts."""
    node: object = schema
    for step in schema_path:
        if isinstance(node, dict) and step in node:
            node = node[step]
        else:
            return None
    return node
