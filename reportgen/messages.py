"""Chinese message texts under stable codes: E1xx 文件与YAML, E2xx 内容, W3xx 覆盖与规范.

Every message says what is wrong and how to fix it; tests assert codes and
lines, never wording.
"""

from __future__ import annotations

from .errors import ERROR, WARNING, Diagnostic, Loc

MESSAGES: dict[str, str] = {
    # 文件与 YAML 语法
    "E101": "YAML 格式错误：{detail}。请检查这一行的缩进、冒号（键与值之间用半角冒号加空格“: ”）和引号是否配对",
    "E102": "这一行用制表符（Tab）缩进，YAML 只允许空格缩进。请把行首的 Tab 换成空格（每级两个空格）",
    "E103": "键“{key}”重复出现（第一次在第 {first_line} 行）。同一层级每个键只能写一次，请合并或删除重复的一处",
    "E104": "文件是空的（或只有注释）。请按 reportgen new 生成的模板填写内容",
    "E105": "无法识别文件编码：{detail}。请用记事本或 WPS “另存为”，编码选择“UTF-8”",
    "E106": "不支持 YAML 锚点与别名（& 和 *）。请把要重复的内容直接写出来",
    "E107": "不支持的 YAML 标签“{tag}”。请删除以“!”开头的标记，直接填写文字或数字",
    "E108": "日期“{value}”不存在。请按“2024-02-20”的格式填写真实的日期",
    "E109": "嵌套层级过深（超过 {limit} 层）。请检查缩进是否有误",
    "E110": "文件的最外层应当是“键: 值”的形式，现在是{actual}。请参照 reportgen new 生成的模板",
    "E111": "文件中有不可见的控制字符（{char}）。请删除它：通常是从其他软件复制文字时带入的",
    "E112": "无法读取文件：{detail}",
    "E113": "文件过大（{detail}），不像是一个单位的填报文件。请检查是否放错了文件，或把重复的内容删去",
    "E114": "{path} 是指向数据文件夹以外（{target}）的链接，reportgen 不读取数据文件夹以外的文件。请把文件本身复制到数据文件夹中",
    "W101": "文件是 {encoding} 编码（不是 UTF-8），已自动转换后读取。建议用记事本或 WPS “另存为”，编码选择“UTF-8”",
    # 内容
    "E201": "未知的键“{key}”。{suggestion}",
    "E202": "缺少必填的键“{key}”。请在{where}添加“{key}: ……”",
    "E203": "“{key}”应当是{expected}，现在是{actual}",
    "E204": "“{key}”不能为空。请填写内容；可选的项不需要时可整行删除",
    "E205": "“{key}”的值“{value}”无效，只能是：{allowed}",
    "E206": "“{key}”的值 {value} 超出范围：{limit}",
    "E207": "“{key}”的值“{value}”与第 {first_line} 行重复，应当唯一",
    "E208": "规划中没有代码为“{value}”的领域。{suggestion}",
    "E209": "规划中没有编号为 {value} 的任务（现有编号 {first}—{last}）。请核对《{plan}》中的任务编号",
    "E210": "规划中没有名为“{key}”的指标。{suggestion}",
    "E211": "指标“{key}”的值无效：{detail}",
    "E212": "年度 {value} 与所在文件夹的年度 {folder} 不一致。请改为 {folder}，或把文件放到 data/{value}/ 下",
    "E213": "单位名称“{value}”与 _report.yaml 中登记的“{registered}”不一致。请改为“{registered}”，或请法治政府建设办公室更正登记",
    "E214": "_report.yaml 的“单位”名单中没有代码“{code}”。文件名（不含 .yaml）应当是登记的单位代码；现有代码：{codes}",
    "E215": "单位代码“{code}”不能用作文件名：{reason}。请只用汉字、字母、数字和连字符",
    "E216": "找不到{what}：{path}。{hint}",
    "E217": "目标年度 {value} 不在规划期（{start}—{end}年）内",
    "E218": "{detail}",
    "E219": "“{key}”有 {count} 项，超过上限 {limit} 项。请检查是否重复粘贴了内容，或把相近的事项合并",
    "E220": "“{key}”有 {count} 个字，超过上限 {limit} 个字。{hint}",
    # 全市报告选用的事项（_report.yaml 的“选用事项”）
    "E230": "“{ref}”不是有效的事项引用。请写成“单位代码/组序号/事项序号”（如 司法局/2/1，即该单位报告中（二）组的第 1 项，后面可以空一格再写事项标题）或“单位代码/事项标题”",
    "E231": "没有代码为“{code}”的单位。{suggestion}",
    "E232": "单位“{code}”没有提交文件（或文件有错误），无法选用它的事项。请等该单位提交后再选用，或删去这一行",
    "E233": "{code}的报告中没有第（{number}）组：该报告只有 {count} 组。请核对 index.html“各单位事项”中的引用",
    "E234": "{code}的报告中第（{group}）组没有第 {number} 项：该组只有 {count} 项。请核对 index.html“各单位事项”中的引用",
    "E235": "{code}的报告中没有标题为“{title}”的事项。{suggestion}",
    "E236": "事项 {ref} 现在的标题是“{actual}”，不是“{title}”：单位文件已经改动。{hint}",
    "E237": "{code}的报告中有 {count} 个事项的标题都是“{title}”，请改用位置引用：{refs}",
    "W320": "事项 {ref} 已在第 {first_line} 行选用过，全市报告中会出现两次。请删去其中一处",
    "W321": "全市报告共 {pages} 页，超过“篇幅”规定的 {limit} 页。请减少“选用事项”，或用“改写”把选用的事项写得简短些",
    "W322": "“合并方式”是“全部”（未写时默认为“全部”），全市报告合并各单位的全部事项，“选用事项”不起作用。要只用选中的事项，请写“合并方式: 选用”",
    # 覆盖与规范
    "W301": "“{name}”（代码 {code}）在本年度单位名单中，但没有提交 {code}.yaml",
    "W302": "本单位是指标“{indicator}”的责任单位，但没有填报该指标。请在“指标”下填写完成值，确实无法统计的填“不适用”",
    "W303": "本单位是规划任务 {task}（{content}）的牵头单位，但没有任何事项关联该任务。请在相关事项的“关联任务”中写上 {task}",
    "W304": "报告缺少“第一责任人履职情况”。《法治政府建设与责任落实督察工作规定》要求年度报告写明党政主要负责人履行推进法治建设第一责任人职责情况",
    "W305": "成文日期 {date} 晚于{deadline}（{rule}）",
    "W306": "中文里用了半角标点“{char}”。请改为全角“{full}”",
    "W307": "规划中的{role}“{code}”不在本年度单位名单中",
    "W308": "指标“{indicator}”的汇总方式是单一来源，以{owner}填报的数值为准；本单位填报的数值不计入全市数值",
    "W309": "上一年度的文件无法读取，不参与与上年的比较：{detail}",
}


def diag(code: str, loc: Loc, /, **fields: object) -> Diagnostic:
    severity = WARNING if code.startswith("W") else ERROR
    return Diagnostic(code, severity, loc, MESSAGES[code].format(**fields))


def suggestion(word: str, candidates, label: str = "") -> str:
    """“是否想写……？” for the closest candidate, else list what is allowed."""
    import difflib

    candidates = [str(c) for c in candidates]
    close = difflib.get_close_matches(str(word), candidates, n=1, cutoff=0.4)
    if close:
        return f"是否想写“{close[0]}”？"
    if not candidates:
        return f"此处不应有{label or '任何键'}"
    shown = "、".join(candidates[:12]) + ("等" if len(candidates) > 12 else "")
    return f"可用的{label or '键'}：{shown}"
