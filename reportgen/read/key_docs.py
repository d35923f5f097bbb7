"""What each key of `_report.yaml` and of a unit's file means, in the words of README.md.

The one place for these texts: the JSON Schemas (`reportgen schema`) show them in the
user's editor, and tests/test_json_schema.py checks that the README's tables say the same
(the 说明 column here, the 必填 column against the Cerberus schemas in schema.py).
Backquotes are Markdown, as in the README; json_schema.py removes them for plain text.
"""

from __future__ import annotations

REPORT_KEYS = {
    "报告机关": "如“云澜市人民政府”，用于落款",
    "标题": "默认“<报告机关><年度>年法治政府建设年度报告”",
    "主送": "主送机关",
    "成文日期": "如 `2024-03-20`；晚于次年 3 月 31 日会警告（报告应于 4 月 1 日前公开）",
    "导语": "报告开头一段（也可以写成多段的列表）",
    "主要做法和成效": "市政府本级的做法，格式同单位文件；全市报告中排在各单位之前",
    "存在问题": "同单位文件",
    "第一责任人履职情况": "党政主要负责人履行推进法治建设第一责任人职责情况；缺少时警告（督察工作规定要求写明）",
    "下一步计划": "同单位文件",
    "其他需要报告的情况": "一段或多段",
    "领域标题": "领域代码 → 全市报告中该领域的（一）级标题；未写的用领域名称",
    "单位": "本年度应报送的单位，按报告中的顺序，每项 `代码`（即文件名）和 `名称`（单位全称）",
    "检查": "检查项目代码 → `关闭`、`提示`、`警告` 或 `错误`，见“检查项目”",
}

UNIT_REF_KEYS = {  # each entry of 单位 in _report.yaml
    "代码": "单位代码，即该单位填报文件的文件名（不含 `.yaml`），只能由汉字、字母、数字和连字符组成",
    "名称": "单位全称，单位文件中的 `单位` 须与之一致",
}

UNIT_KEYS = {
    "单位": "单位全称，须与 `_report.yaml` 登记的名称一致",
    "年度": "须与所在文件夹一致",
    "成文日期": "如 `2024-02-20`；晚于次年 3 月 1 日会警告（各部门应于 3 月 1 日前报送）",
    "标题": "本单位报告的标题，默认“<单位><年度>年法治政府建设年度报告”",
    "主送": "主送机关",
    "导语": "开头一段（或多段的列表）",
    "主要做法和成效": "分组列表，每组是报告中的一个“（一）”，见下表",
    "存在问题": "列表；每项是一句话，或 `{标题, 内容, 原因}`",
    "第一责任人履职情况": "一段或多段的列表",
    "下一步计划": "列表；每项是一句话，或 `{标题, 内容}`",
    "其他需要报告的情况": "一段或多段的列表",
    "指标": "指标名称 → 本年度完成值，见下文",
}

GROUP_KEYS = {  # each group of 主要做法和成效
    "标题": "小标题，不加句号",
    "领域": "规划领域代码，全市报告据此归类",
    "事项": "列表，每项是报告中的一个“1.”段落，见下表；也可以直接写成一段文字",
}

ITEM_KEYS = {  # each item of a group
    "标题": "段首的概括句",
    "内容": "具体做法和成效",
    "关联任务": "规划任务编号或编号列表，如 `[4, 5]`",
}

ENTRY_KEYS = {  # an entry of 存在问题 or 下一步计划 written as {标题, 内容}
    "标题": "段首的概括句",
    "内容": "这一项的具体内容",
    "原因": "只用于 `存在问题`：问题的原因，报告中接在内容之后（“究其原因，……”）",
}

INDICATOR_VALUE_KEYS = {  # an indicator written as {值, 说明}
    "值": "本年度完成值：比率写 0—100 的数字，数量、排名写整数，无法统计的写 `不适用`",
    "说明": "对这个数值的说明，如统计口径、增减原因",
}


def plain(text: str) -> str:
    """README Markdown → plain text for an editor's tooltip."""
    return text.replace("`", "")
