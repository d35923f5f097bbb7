"""Chinese message texts under stable codes: E1xx 文件与YAML, E2xx 内容, W3xx 覆盖与规范,
E5xx/W5xx 从 Word 导入,
W4xx and I4xx 内容质量 (reportgen/content/; their explanations for --explain are in
reportgen/content/rules.py).

Every message says what is wrong and how to fix it; tests assert codes and
lines, never wording.
"""

from __future__ import annotations

from reportgen.errors import ERROR, INFO, WARNING, Diagnostic, Loc

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
    "E115": "这一行开头有{name}（{char}），YAML 的缩进只认半角空格。请删去行首的{name}，改用半角空格与上下行对齐",
    "E116": "文字中有制表符（Tab，在第 {col} 列），YAML 不允许值中出现 Tab（这不是缩进的问题）。请把它删去或换成空格",
    "E117": "“{key}”后面用了全角冒号“：”，键和值之间要用半角冒号加一个空格。请改为“{fix}”",
    "E118": "“{key}”后面缺少冒号，键和值之间要用半角冒号加一个空格。请改为“{fix}”",
    "E119": "值开头的引号{quote}没有配对：这一行到末尾都没有与它配对的引号，后面几行都被当成了这段文字。请在文字末尾补上引号，或去掉开头的引号",
    "E120": "值以引号开头，但引号结束后还有文字“{rest}”。请去掉两端的引号（或把整段文字都放进引号里）",
    "E121": "缩进不一致：这一行应当从第 {expected} 列开始，与第 {ref} 行对齐。请调整行首的空格",
    "E122": "文字中有半角冒号加空格“: ”，被当成了新的“键: 值”。请改为全角冒号“：”，或给整段文字加上引号",
    "E123": "关联任务写成了“{value}”。编号之间用半角逗号分隔、整体放在方括号里，请改为 {fix}",
    "W101": "文件是 {encoding} 编码（不是 UTF-8），已自动转换后读取。建议用记事本或 WPS “另存为”，编码选择“UTF-8”",
    # 内容
    "E201": "未知的键“{key}”。{suggestion}",
    "E202": "缺少必填的键“{key}”。请在{where}添加“{key}: ……”",
    "E203": "“{key}”应当是{expected}，现在是{actual}",
    "E204": "{key}不能为空。请填写内容；可选的项不需要时可整行删除",
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
    "E221": "“检查”中的“{code}”{problem}",
    # E240–E249: outputs (issue 11)
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
    "E240": "{what}“{name}”的报告文件名为“{file}.pdf/.docx”，与{other_what}“{other}”（{where}）的“{other_file}.pdf/.docx”相同，后生成的会覆盖先生成的。请修改其中一个名称（文件名中的 / \\ : * ? \" < > | 会换成“_”，字母不分大小写）",
    # build: what may not be published as the report itself (model/unfinished.py)
    "E241": "《{name}》中仍有待填写的文字“{text}”，不能作为正式报告生成。请把它改为实际内容；只想先看看效果时，用 reportgen build --draft 生成草稿",
    "E242": "《{name}》的“{heading}”下没有任何内容，不能作为正式报告生成。{hint}；只想先看看效果时，用 reportgen build --draft 生成草稿",
    # 覆盖与规范
    "W301": "“{name}”（代码 {code}）在本年度单位名单中，但没有提交 {code}.yaml",
    "W302": "本单位是指标“{indicator}”的责任单位，但没有填报该指标。请在“指标”下填写完成值，确实无法统计的填“不适用”",
    "W303": "本单位是规划任务 {task}（{content}）的牵头单位，但没有任何事项关联该任务。请在相关事项的“关联任务”中写上 {task}",
    "W304": "报告缺少“第一责任人履职情况”。《法治政府建设与责任落实督察工作规定》要求年度报告写明党政主要负责人履行推进法治建设第一责任人职责情况",
    "W305": "成文日期 {date} 晚于{deadline}（{rule}）",
    "W306": "中文里用了半角标点“{char}”{count}。请改为全角“{full}”",
    "W307": "规划中的{role}“{code}”不在本年度单位名单中",
    "W308": "指标“{indicator}”的汇总方式是单一来源，以{owner}填报的数值为准；本单位填报的数值不计入全市数值",
    "W309": "上一年度的文件无法读取，不参与与上年的比较：{detail}",
    "W350": "“{key}”还没有填写，仍是占位文字“{text}”。请按括号中的提示改为实际内容",
    # 内容质量：法定内容
    "W401": "“存在问题”的各项都只写了问题，没有写原因（《督察工作规定》要求报告“不足和原因”）。请在问题后写明原因（如“主要是……”“由于……”），或给问题加上“原因: ……”",
    "W402": "这个问题在“下一步计划”中没有对应的措施（没有共同的关键词，如“{terms}”）。请在下一步计划中写明如何解决",
    # 内容质量：重复的文字
    "W411": "这段文字与{year}年 {other} 的文字相同 {ratio}%（不计数字）。请写本年度的新做法、新数字，不要照抄上年报告",
    "W412": "这段文字与{unit} {other} 的文字相同 {ratio}%（不计数字）。两个单位用相同的话写同一项工作，在全市报告中会出现两次；请只由牵头单位写，或写出本单位自己的做法",
    "W413": "这句话在 {count} 个单位的报告中重复出现（套话，只提示一次）：“{sentence}”。请改写成本单位的具体做法",
    # 内容质量：数字
    "W421": "文中写“{name}”为 {stated}，但本单位“指标”中填报的是 {reported}。请核对，使正文与指标数值一致",
    "W422": "文中写{rate_name} {stated}%，但按同一句中的 {numerator} 和 {denominator} 计算是 {computed}%。请核对数字",
    "I401": "这一项有 {length} 个字，但没有数字、没有文件名（《……》）也没有具体机构（缺少具体内容）。请写明做了什么、做了多少、依据什么文件",
    # 内容质量：标点符号和数字用法（GB/T 15834-2011、GB/T 15835-2011）
    "W431": "这里的 {mark} 没有与之配对的 {pair}（引号、书名号、括号应成对使用）。{hint}",
    "W432": "破折号写成了“{found}”。破折号应为两个连续的“——”（占两个字的位置）：“{fixed}”",
    "W433": "省略号写成了“{found}”。省略号应为“……”（六个点，占两个字的位置）：“{fixed}”",
    "W434": "标点“{found}”重复。请只保留一个：“{fixed}”",
    "W435": "正文中用了全角的数字或字母“{found}”。请改为半角：“{fixed}”",
    "W436": "两个汉字之间有空格：“{found}”。请删去空格：“{fixed}”",
    "W437": "起止年份写成了“{found}”。起止用“—”（一字线）或“至”：“{fixed}”",
    "W441": "全市报告中这段文字用的是单位的口吻（“{word}”：{excerpt}），印出来就是市政府在说“{word}”。{fix}",
    # W330–W339: publishing (issue 11)
    "W330": "成文日期 {date} 在{year}年内或更早。年度报告总结{year}年全年的工作，应在{year}年结束之后成文；请核对年份（如 {next_year}年2月）",
    "W331": "本单位不是指标“{indicator}”的责任单位（责任单位：{owners}），填报的数值不计入全市数值。确由本单位负责的，请法治政府建设办公室在规划的“责任单位”中加上本单位；否则请删去这一行",
    "W310": "“#”及其后面的文字“{lost}”被当成了注释，不会出现在报告中。要保留这些文字，请删去“#”前的空格、把“#”改为全角“＃”，或给整段文字加上引号",
    "W311": "这一行以“- ”开头，但它接在上一行的文字后面，会被并进同一段（成为“…… - ……”），不是列表中新的一项。要另起一项，请让“- ”与上面各项的“- ”对齐；若是同一段的文字，请删去“- ”",
    "W313": "标题“{title}”自带编号“{number}”。报告中的一、（一）1. 等编号由 reportgen 自动添加，已在报告中去掉这个编号；请在文件中删去它",
    # 从 Word 导入（reportgen import）
    "E501": "无法读取这个文件：{detail}。请用 Word 或 WPS 打开确认，必要时“另存为” .docx 后再导入",
    "E502": "文件受密码保护（已加密），reportgen 无法读取。请在 Word 或 WPS 中取消密码后另存为 .docx，再导入",
    "E503": "文件过大（{size} MB，上限 20 MB），不像是一份年度报告。请检查是否选错了文件，或删去其中的大图片后再导入",
    "E504": "文件中只有图片，没有文字（可能是扫描件）。需要先用文字识别（OCR）软件转成文字，或找到原始的 Word 文件再导入",
    "E505": "文件中没有任何文字。请检查是否选错了文件",
    "E506": "无法把这个文件转换为 .docx：{detail}。也可以在 Word 或 WPS 中“另存为” .docx 后再导入",
    "E507": "不支持的文件类型“{suffix}”。可以导入 .docx、.doc、.wps、.odt、.txt 和 .md 文件",
    "E508": "无法确定单位名称：报告标题中没有找到单位，代码“{code}”也没有在 _report.yaml 中登记。请用 --name 指定单位全称",
    "E509": "报告中的单位“{found}”与代码“{code}”登记的“{registered}”不一致。请核对是否选错了文件，或用 --code 指定正确的单位代码",
    "E510": "导入的结果没有通过检查（{detail}），未写入文件。这是 reportgen 的问题，请把原文件发给维护人员",
    "E511": "{target} 已经存在，没有覆盖。确需用导入的内容替换时请加 --force（原文件会先备份为带时间的 .bak 文件）",
    "E512": "--code 只能用于一个文件，现在有 {count} 个文件。请逐个导入，或去掉 --code 按文件名确定单位代码",
    "E513": "单位代码“{code}”没有在 _report.yaml 中登记，导入后无法通过检查。{hint}",
    "E514": "无法写入 {target}：{detail}。请检查文件夹是否存在、是否有写入权限",
    "E515": "无法打开这个文件：{detail}。请检查文件名和所在的文件夹",
    "W501": "没有识别出报告的部分和分组标题，全文已作为“主要做法和成效”的一组导入。请在生成的文件中补充小标题，并把存在问题、下一步计划等内容移到相应的键下",
    "W502": "第 {number} 组“{title}”的领域难以判断：暂定为“{area}”，“{other}”的得分与之接近。请在生成的文件中确认“领域”",
    "W504": "报告标题中的年度是 {found} 年，但导入到了 {year} 年度。请确认是否选错了文件或年度",
    "W503": "原文中没有找到“{part}”部分，已写入一句待填写的提示。请在生成的文件中填写",
}


def diag(code: str, loc: Loc, /, **fields: object) -> Diagnostic:
    severity = WARNING if code.startswith("W") else INFO if code.startswith("I") else ERROR
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
